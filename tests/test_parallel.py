"""Pages converted on two cores (build_scripts/parallel.py) make the same site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project, run_dossier

MKDOCS_WITH = """
import sys
import build_scripts.parallel as parallel
parallel.PAGES_MIN = int(sys.argv[1])
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-d", sys.argv[2]]  # (-q would hide warnings)
cli()
"""


def mkdocs_build(root: Path, pages_min: int, site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` with the parallel threshold set (1: always forked)."""
    return subprocess.run(
        [sys.executable, "-c", MKDOCS_WITH, str(pages_min), str(site)],
        cwd=root, capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    assert run_dossier(root, "build", "--quiet").returncode == 0
    return root


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="one core")
def test_pages_converted_in_a_second_process_make_the_same_site(
    project: Path, tmp_path: Path
) -> None:
    forked = mkdocs_build(project, 1, tmp_path / "forked")
    serial = mkdocs_build(project, 10**9, tmp_path / "serial")
    assert forked.returncode == 0, forked.stderr
    assert serial.returncode == 0, serial.stderr
    together, alone = html_files(tmp_path / "forked"), html_files(tmp_path / "serial")
    assert len(together) > 50
    assert together.keys() == alone.keys()
    different = [name for name in together if together[name] != alone[name]]
    assert not different, f"pages that differ when converted in parallel: {different[:5]}"


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="one core")
def test_a_warning_on_a_page_of_the_second_process_still_fails_a_strict_build(
    project: Path, tmp_path: Path
) -> None:
    # The last page in MkDocs' order falls to the second process.
    late = project / "docs" / "zz-late.md"
    late.write_text("# Late\n\nSee [a page that is not there](missing-page.md).\n", "utf-8")
    try:
        forked = mkdocs_build(project, 1, tmp_path / "forked")
    finally:
        late.unlink()
    assert forked.returncode != 0
    assert "missing-page.md" in forked.stderr
    assert forked.stderr.count("missing-page.md") == 1, "logged once, by the build"
