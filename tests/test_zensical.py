"""Renderer-independent: the committed docs/ built by Zensical, Material's successor,
then finished by `dossier finish` (as `make site RENDERER=zensical` does), is the
site MkDocs builds: the same pages, edit links to the same sources, the same build
date, robots.txt and a Pagefind index of the same pages.

Zensical 0.0.73 is pinned (tests extra in pyproject.toml): 0.1.x needs `zensical-ui`,
which the package registry here does not serve. It reads mkdocs.yml as it is.

What still differs (checked or noted here):
- Zensical writes its own search index (search.json) and shows its own search
  button beside the Pagefind one overrides/main.html puts in the header; MkDocs
  writes sitemap.xml.gz, and each copies its theme's own assets;
- the table of contents is titled "On this page" instead of "Table of contents";
- Zensical prints page titles, the site's name, repo_name and copyright as HTML
  (Material does too, and the `dossier` MkDocs plugin escapes them before it
  does); `dossier finish` escapes them where Zensical put them, and the hostile
  project of test_hostile_site.py is then as inert as under MkDocs;
- a file in seeds/ (watched) whose name holds a line break makes Zensical build
  nothing and exit 0; `dossier finish` then fails, naming the empty site.
The pages, navigation (docs/.nav.yml, the short one over 50 sources too), styles,
script and hover-card titles are the same.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import test_hostile_site as hostile
from .conftest import copy_project, run_dossier

hostile_site = hostile.hostile_site  # the fixture: the hostile project built by MkDocs
ZENSICAL = Path(sys.executable).with_name("zensical")
EDIT_LINK = re.compile(r'<a href="([^"]*)"[^>]*rel="edit"')
BUILD_DATE = re.compile(r'<time class="dossier-build-date"[^>]*>[^<]*</time>')
RENDERERS_OWN = ("assets/", "search.json", "sitemap.xml.gz")
"""What each renderer writes of its own (its theme's assets, its search index)."""


def zensical_build(root: Path) -> list[subprocess.CompletedProcess[str]]:
    """``make site RENDERER=zensical``'s last step: Zensical, then ``dossier finish``."""
    shutil.rmtree(root / "site", ignore_errors=True)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("DOSSIER_SITE_URL", None)  # the MkDocs build of the tests is of mkdocs.yml's
    return [
        subprocess.run(
            command, capture_output=True, text=True, cwd=root, check=False, timeout=600, env=env
        )
        for command in (
            [str(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"],
            [sys.executable, "-m", "build_scripts", "finish", "--root", str(root)],
        )
    ]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        message = "zensical not installed: run `make test` (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    assert run_dossier(root, "build").returncode == 0  # as `make site` does first
    for run in zensical_build(root):
        assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


def files(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith(RENDERERS_OWN)
    }


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_both_renderers_build_the_same_pages(zensical_site: Path, built_site: Path) -> None:
    ours, theirs = files(built_site), files(zensical_site)
    pages = {name for name in ours if name.endswith(".html")}
    assert len(pages) > 50
    assert pages == {name for name in theirs if name.endswith(".html")}
    assert not {name for name in ours ^ theirs if not name.startswith("pagefind/")}, (
        "files only one renderer writes"
    )


def test_edit_links_open_the_same_sources(zensical_site: Path, built_site: Path) -> None:
    pages = sorted(name for name in files(built_site) if name.endswith(".html"))
    links = {page: EDIT_LINK.findall(html(built_site, page)) for page in pages}
    assert links == {page: EDIT_LINK.findall(html(zensical_site, page)) for page in pages}
    article = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/index.html"
    assert "/edit/main/seeds/" in links[article][0]
    assert "/edit/main/seeds/data/glossary.yml" in links["glossary/tianxia/index.html"][0]


def test_search_indexes_the_same_pages(zensical_site: Path, built_site: Path) -> None:
    def indexed(site: Path) -> dict[str, int]:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        return {lang: value["page_count"] for lang, value in entry["languages"].items()}

    assert indexed(zensical_site) == indexed(built_site)
    for page in ("index.html", "glossary/tianxia/index.html", "print/index.html"):
        marks = [re.findall(r"data-pagefind-[a-z]+(?:=\"[^\"]*\")?", html(s, page))
                 for s in (built_site, zensical_site)]  # fmt: skip
        assert marks[0] == marks[1], page


def test_build_date_and_robots(zensical_site: Path, built_site: Path) -> None:
    dates = [
        BUILD_DATE.findall(html(site, "print/index.html")) for site in (built_site, zensical_site)
    ]
    assert dates[0] == dates[1] and "datetime=" in dates[0][0]
    robots = [(site / "robots.txt").read_text("utf-8") for site in (built_site, zensical_site)]
    assert robots[0] == robots[1] and "Sitemap: " in robots[0]


def test_finishing_again_changes_nothing(zensical_site: Path) -> None:
    root = zensical_site.parent
    before = {name: (zensical_site / name).read_bytes() for name in files(zensical_site)}
    run = subprocess.run(
        [sys.executable, "-m", "build_scripts", "finish", "--quiet", "--root", str(root)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    after = {name: (zensical_site / name).read_bytes() for name in files(zensical_site)}
    assert after == before


def test_zensical_pages_keep_the_dossier_markup(zensical_site: Path) -> None:
    article = zensical_site / "sources" / "north-korea-joins-russia-in-ukraine-conflict-a-dangerous"
    page = (article / "index.html").read_text(encoding="utf-8")
    for marker in ("dossier-card", "dossier-pnum", 'class="dossier-term"', "dossier.css",
                   "dossier.js"):  # fmt: skip
        assert marker in page, marker
    contributing = (zensical_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "Add a glossary term" in contributing  # the snippet include works too


def test_strangers_titles_stay_text(
    zensical_site: Path, hostile_site: Path, tmp_path: Path
) -> None:
    """The hostile project (titles, names, summaries and settings made of markup)
    through Zensical and `dossier finish`: nothing runs, each value reads as text."""
    root = tmp_path / "project"
    shutil.copytree(hostile_site.parent, root, ignore=shutil.ignore_patterns("site", ".cache"))
    built, finished = zensical_build(root)
    assert built.returncode == 0 and finished.returncode == 1, "Zensical built nothing"
    assert "no page of" in finished.stderr
    (root / "seeds" / hostile.ODD_NAME).unlink()  # its line break: Zensical's watcher gives up
    for run in zensical_build(root):
        assert run.returncode == 0, run.stdout + run.stderr
    site = root / "site"
    hostile.assert_inert(site)
    hostile.test_a_title_is_text_in_the_tab_header_and_sidebar(site)
    hostile.test_the_summary_is_text_in_the_meta_description(site)
