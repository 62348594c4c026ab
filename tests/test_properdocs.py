"""ProperDocs, the maintained fork of MkDocs 1.x, is a drop-in for the last step:
from the same docs/ and mkdocs.yml it builds the same site, byte for byte, but for
the generator tag (plugins, Material, Pagefind and the hooks all run under it):
`make site RENDERER=properdocs`.

MkDocs 1.x is unmaintained and Material for MkDocs reaches its end of life on
5 May 2027 (README, "The platform's end of life"): this is the way out that needs
no change to the dossier. ProperDocs 1.6.7 is pinned in the test extra.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project, run_dossier

PROPERDOCS = Path(sys.executable).with_name("properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(root: Path, command: list[str], site: str) -> Path:
    run = subprocess.run(
        [*command, "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", site],
        capture_output=True, text=True, cwd=root, check=False, timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return root / site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same project built by MkDocs and by ProperDocs."""
    if not PROPERDOCS.exists():
        message = "properdocs not installed: run `make test` (the test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = copy_project(tmp_path_factory.mktemp("properdocs") / "project")
    assert run_dossier(root, "build").returncode == 0  # as `make site` does first
    mkdocs = build(root, [sys.executable, "-m", "mkdocs"], "site-mkdocs")
    return mkdocs, build(root, [str(PROPERDOCS)], "site-properdocs")


def files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in site.rglob("*")
        if path.is_file() and path.suffix != ".gz"  # gzip stamps the time
    }


def test_properdocs_builds_the_same_site(sites: tuple[Path, Path]) -> None:
    ours, theirs = (files(site) for site in sites)
    assert sorted(ours) == sorted(theirs)
    assert len([name for name in ours if name.endswith(".html")]) > 50
    differing = sorted(name for name in ours if ours[name] != theirs[name])
    assert not differing, f"ProperDocs builds these differently: {differing[:10]}"
    # The dossier's own plugins ran: search index, robots.txt, edit links to seeds/.
    assert "pagefind/pagefind-entry.json" in theirs
    assert "robots.txt" in theirs
    assert b"/edit/main/seeds/" in theirs["glossary/tianxia/index.html"]
