"""Renderer-portable: the committed docs/ also builds with Zensical, Material's successor.

Zensical 0.0.73 is pinned (tests extra in pyproject.toml): 0.1.x needs `zensical-ui`,
which the package registry here does not serve. It reads mkdocs.yml as it is.

What differs from the MkDocs build (checked or noted here):
- MkDocs plugins do not run, so "Edit this page" on a generated page points at its
  Markdown under docs/ instead of the seed it comes from (the page still says, in
  its first line, which source and template made it);
- search: the MkDocs build is indexed by Pagefind from a plugin, which Zensical does
  not run; Zensical writes its own search.json, and the Pagefind button our
  overrides/main.html puts in the header finds no index there;
- the table of contents is titled "On this page" instead of "Table of contents".
The pages, navigation (docs/.nav.yml), styles, script and hover-card titles are the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project

ZENSICAL = Path(sys.executable).with_name("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        message = "zensical not installed: run `make test` (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    shutil.rmtree(root / "site", ignore_errors=True)
    run = subprocess.run(
        [str(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"],
        capture_output=True, text=True, cwd=root, check=False, timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_builds_every_page(zensical_site: Path, built_site: Path) -> None:
    expected = pages(built_site)
    missing = sorted(expected - pages(zensical_site))
    assert not missing, f"pages MkDocs builds and Zensical does not: {missing}"
    assert len(expected) > 50


def test_zensical_pages_keep_the_dossier_markup(zensical_site: Path) -> None:
    article = zensical_site / "sources" / "north-korea-joins-russia-in-ukraine-conflict-a-dangerous"
    html = (article / "index.html").read_text(encoding="utf-8")
    for marker in ("dossier-card", "dossier-pnum", 'class="dossier-term"', "dossier.css",
                   "dossier.js"):  # fmt: skip
        assert marker in html, marker
    contributing = (zensical_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "Add a glossary term" in contributing  # the snippet include works too


def test_zensical_edit_link_is_the_known_difference(zensical_site: Path) -> None:
    article = zensical_site / "sources" / "north-korea-joins-russia-in-ukraine-conflict-a-dangerous"
    html = (article / "index.html").read_text(encoding="utf-8")
    # No MkDocs plugins: the edit link names the generated page, not the seed.
    assert "/edit/main/docs/sources/" in html
