"""Finishing a page (build_scripts/finish.py): the one code that MkDocs' plugins run
as each page is written and `dossier finish` runs after another renderer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.structure.files import File

from build_scripts.finish import (
    BUILD_DATE_SLOT,
    Finishing,
    PageFacts,
    escape_texts,
    finish_page,
    front_matter,
    markup_texts,
    page_html,
)

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
RENDERED = (
    '<html><body><a href="https://example.org/o/r/edit/main/docs/sources/a-source.md"'
    ' title="Edit this page" class="md-content__button md-icon" rel="edit">e</a>'
    '<article class="md-content__inner md-typeset"><h1 id="t">T</h1>'
    f"<p>{BUILD_DATE_SLOT}</p></article></body></html>"
)
SOURCE = PageFacts("sources/a-source.md", {"edit_path": "seeds/a source.txt"})


def finished(page: PageFacts, html: str = RENDERED, docs: str = "docs") -> tuple[str, list[str]]:
    said: list[str] = []
    return finish_page(html, page, Finishing(docs, DAY), said.append), said


def test_a_generated_page_edits_its_source_dated_and_marked_for_search() -> None:
    html, said = finished(SOURCE)
    assert not said
    assert 'href="https://example.org/o/r/edit/main/seeds/a%20source.txt"' in html
    assert '<time class="dossier-build-date" datetime="2026-12-02">2 December 2026</time>' in html
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in html
    assert finished(SOURCE, html) == (html, []), "finishing twice changes nothing more"


def test_the_edit_link_climbs_out_of_a_deeper_docs_folder() -> None:
    deeper = RENDERED.replace("/edit/main/docs/", "/edit/main/site/docs/")
    html, _ = finished(SOURCE, deeper, docs="site/docs")
    assert 'href="https://example.org/o/r/edit/main/seeds/a%20source.txt"' in html


def test_a_hand_written_page_keeps_its_edit_link() -> None:
    html, said = finished(PageFacts("sources/a-source.md", {}))
    assert "/edit/main/docs/sources/a-source.md" in html and not said


def test_an_edit_link_it_cannot_read_is_said_not_guessed() -> None:
    """``edit_uri_template`` makes links that need not end with the page's path."""
    other = RENDERED.replace("docs/sources/a-source.md", "docs/sources/a-source")
    html, said = finished(SOURCE, other)
    assert "edit/main/docs/sources/a-source" in html and "seeds/" not in html
    assert len(said) == 1 and "seeds/a source.txt" in said[0]


def test_each_page_is_found_where_the_renderer_writes_it() -> None:
    """MkDocs' rule (which Zensical follows), for every page of docs/."""
    docs = ROOT / "docs"
    for markdown in docs.rglob("*.md"):
        uri = markdown.relative_to(docs).as_posix()
        for directory_urls in (True, False):
            mkdocs = File(uri, str(docs), "/site", use_directory_urls=directory_urls)
            assert page_html(uri, directory_urls) == mkdocs.dest_uri, uri
    assert page_html("a/README.md") == "a/index.html"


def test_front_matter_as_mkdocs_reads_it() -> None:
    assert front_matter('---\ntitle: "A"\nsearch:\n  exclude: true\n---\n# A\n') == {
        "title": "A",
        "search": {"exclude": True},
    }
    assert front_matter("# No front matter\n---\nx: 1\n---\n") == {}
    assert front_matter("---\n- a list\n---\n") == {}
    assert front_matter("---\ntitle: [unclosed\n---\n") == {}


def test_a_title_printed_as_html_is_escaped_where_it_landed() -> None:
    """After a renderer that prints titles as they are (Zensical): only texts that
    could be markup, a longer one before a shorter one inside it."""
    texts = markup_texts(["A & B", "Putin's visit", None, 3, "<b>", 'Nav <b> "x"'])
    assert texts == ['Nav <b> "x"', "<b>"]
    html = '<title>Nav <b> "x"</title><a title="<b>">A & B</a><em>kept</em>'
    assert escape_texts(html, texts) == (
        '<title>Nav &lt;b&gt; &quot;x&quot;</title><a title="&lt;b&gt;">A & B</a><em>kept</em>'
    )
