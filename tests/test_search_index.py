"""The Pagefind plugin: a build waits for its index, a preview does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_scripts.finish import BODY_WEIGHT, PageFacts, mark_for_search
from build_scripts.search import PagefindPlugin

PAGE = (
    '<html lang="en"><body><article class="md-content__inner md-typeset" data-pagefind-body>'
    "<h1>Tianxia</h1><p>All under heaven, a Chinese idea of world order.</p>"
    "</article></body></html>"
)


@pytest.fixture
def site(tmp_path: Path) -> SimpleNamespace:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return SimpleNamespace(site_dir=str(folder))


def test_a_build_has_its_index_when_the_build_ends(site: SimpleNamespace) -> None:
    search = PagefindPlugin()
    search.on_startup(command="build", dirty=False)
    search.on_pre_build(site)
    search.on_post_build(site)
    assert search.indexer is None
    assert (Path(site.site_dir) / "pagefind" / "pagefind.js").is_file()


def test_a_preview_indexes_in_the_background(site: SimpleNamespace) -> None:
    search = PagefindPlugin()
    search.on_startup(command="serve", dirty=True)
    search.on_pre_build(site)
    search.on_post_build(site)
    indexer = search.indexer
    assert indexer is not None, "serve should leave Pagefind running, not wait for it"
    assert indexer.wait(timeout=120) == 0
    assert (Path(site.site_dir) / "pagefind" / "pagefind.js").is_file()


def test_stopping_the_preview_stops_an_index_still_being_written() -> None:
    search = PagefindPlugin()
    search.indexer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    search.on_shutdown()
    assert search.indexer.returncode is not None and search.indexer.returncode < 0


def indexed(uri: str, meta: dict) -> str:
    html = '<article class="md-content__inner md-typeset"><h1 id="t">T</h1><p>x</p></article>'
    said: list[str] = []
    marked = mark_for_search(html, PageFacts(uri, meta), said.append)
    assert not said
    assert mark_for_search(marked, PageFacts(uri, meta), said.append) == marked  # once only
    return marked


def test_a_source_weighs_its_words_fully_other_pages_little() -> None:
    """A word's sources come right after the page about it, before the pages
    (definitions, listings) that mention it in passing."""
    source = indexed("sources/a-source.md", {})
    assert "data-pagefind-body>" in source and "data-pagefind-weight" not in source
    listing = indexed("sources/index.md", {})
    assert f'data-pagefind-body data-pagefind-weight="{BODY_WEIGHT}"' in listing
    entry = indexed("people/carl-schmitt.md", {"search": {"boost": 2}})
    assert '<h1 data-pagefind-weight="10"' in entry and f'"{BODY_WEIGHT}"' in entry
    event = indexed("events/a-visit.md", {"search": {"boost": 0.5}})
    assert '<h1 data-pagefind-weight="2.5"' in event
    assert "data-pagefind-body" not in indexed("print.md", {"search": {"exclude": True}})
