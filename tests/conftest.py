"""Shared fixtures: a throw-away copy of the project, and one built site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.whats_new import HISTORY_PAGES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "seeds", "overrides", "build_scripts", "CONTRIBUTING.md")


def mount_path(site: Path) -> str:
    """The path a built site is served under: its site_url's ("/dossier/"), as on
    GitHub Pages. MkDocs writes the 404 page's links from it (that page is served
    at any depth), so the tests serve the site there too."""
    config = site.parent / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    found = re.search(r"(?m)^site_url:\s*(\S+)", text)
    return urlsplit(found.group(1)).path.rstrip("/") + "/" if found else "/"


HISTORY_FILES = {ROOT / "docs" / name for name in HISTORY_PAGES}
"""What ``dossier build`` writes into docs/ from the repository's history, which git
ignores: left out of a copy as a clone has none of them (``dossier build`` writes them)."""


def _not_copied(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or Path(folder) / n in HISTORY_FILES}


def copy_project(target: Path) -> Path:
    """Copy what a build reads into ``target``; the real project is never touched."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=_not_copied)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run_dossier(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_scripts", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        capture_output=True,
        text=True,
        cwd=root,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dossier built from the real seeds: ``dossier build`` then ``mkdocs build --strict``."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    built = run_dossier(root, "build")
    assert built.returncode == 0, built.stderr
    site = mkdocs_build(root)
    assert site.returncode == 0, site.stderr
    return root / "site"
