"""The built site, read as HTML: what a reader of each seed actually sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.clean import clean
from build_scripts.model import SourceFile
from build_scripts.read import read_source
from build_scripts.sentences import split_sentences
from build_scripts.sidecar import load_sidecar

from .conftest import ROOT, SEEDS

PAGES = {
    "000": "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/index.html",
    "001": "sources/north-koreas-shadow-in-ukraine-analyzing-potential-alliances/index.html",
    "002": "sources/russia-and-north-korea-from-alliance-to-ideological/index.html",
}


class Page(HTMLParser):
    """The visible text of the article body, and every URL the page loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.loads: list[str] = []
        self.h1: list[str] = []
        self._in_article = 0
        self._in_h1 = False
        self._skip = 0
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "manifest"):
            self.loads.append(attrs.get("href", ""))
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        # Not part of the text a reader reads: code, permalinks, note markers.
        if tag in ("script", "style", "sup") or "headerlink" in (attrs.get("class") or ""):
            self._skip += 1
            self._skipping.append(tag)

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
            self._skip -= 1
        if tag == "article":
            self._in_article -= 1
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_article and not self._skip:
            self.chunks.append(data)
        if self._in_h1 and not self._skip:
            self.h1[-1] += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def read_page(site: Path, key: str) -> Page:
    page = Page()
    page.feed((site / PAGES[key]).read_text(encoding="utf-8"))
    return page


def body_of(page: Page) -> str:
    """The article text without what follows it: the reference (which repeats the
    title), related sources, the source notes (which quote removed lines)."""
    return page.text.split("Cite this source")[0].split("Source notes: what the dossier changed")[0]


def test_every_seed_has_a_page(built_site: Path) -> None:
    for key in PAGES:
        assert (built_site / PAGES[key]).exists()
    assert len(list((built_site / "sources").glob("*/index.html"))) == len(SEEDS)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_sentence_not_listed_as_removed_reaches_the_page(
    built_site: Path, seed: Path
) -> None:
    source = SourceFile(seed.relative_to(ROOT), seed.with_suffix(".yml").relative_to(ROOT))
    cleaned = clean(read_source(source, ROOT))
    corrections = load_sidecar(source.sidecar_path, ROOT).corrections
    removed = {r.line for r in cleaned.removals}
    page = " ".join(read_page(built_site, seed.name[:3]).text.split())
    missing = []
    for line in read_source(source, ROOT).lines:
        if line.number in removed or not line.text.strip():
            continue
        text = line.text
        for c in corrections:  # a corrected passage shows the correction, noted
            text = text.replace(c.original, c.corrected)
        missing += [s for s in split_sentences(text) if " ".join(s.split()) not in page]
    assert missing == []


def test_000_title_once_no_leftovers_and_bio_in_the_card(built_site: Path) -> None:
    page = read_page(built_site, "000")
    body = body_of(page)
    assert page.h1 == ["North Korea Joins Russia in Ukraine Conflict: A Dangerous Alliance?"]
    assert body.count("North Korea Joins Russia in Ukraine Conflict") == 1
    assert not re.search(r"\bclose\b", body)
    assert "Image credit" not in body
    html = (built_site / PAGES["000"]).read_text(encoding="utf-8")
    card = html.split('class="dossier-card"')[1].split("</div>")[0]
    assert "Brian Patrick Bolger" in card and "University of Liverpool" in card


def test_000_correction_is_shown_as_an_editorial_note(built_site: Path) -> None:
    text = read_page(built_site, "000").text
    assert "Great Strategic Triangle putting" in text
    assert "Editors' correction: the source reads “Triangleputting”" in text


def test_002_has_a_title_the_author_and_no_contact_line(built_site: Path) -> None:
    page = read_page(built_site, "002")
    assert page.h1 == ["Russia and North Korea: From Alliance to Ideological Convergence"]
    assert "Title supplied by the editors" in page.text
    html = (built_site / PAGES["002"]).read_text(encoding="utf-8")
    assert "John Feffer" in html.split('class="dossier-card"')[1].split("</div>")[0]
    assert "english@hani.co.kr" not in body_of(page)
    assert "Please direct questions" in page.text.split("Source notes")[1]  # audited


def test_unstated_facts_say_not_stated(built_site: Path) -> None:
    html = (built_site / PAGES["001"]).read_text(encoding="utf-8")
    card = html.split('class="dossier-card"')[1].split("</div>")[0]
    assert card.count("not stated") == 3  # author, publication, date


def test_edit_this_page_opens_the_source(built_site: Path) -> None:
    html = (built_site / PAGES["000"]).read_text(encoding="utf-8")
    edit = re.search(r'href="([^"]+)"[^>]*rel="edit"|rel="edit"[^>]*href="([^"]+)"', html)
    assert edit is not None
    url = edit.group(1) or edit.group(2)
    assert url.endswith("/edit/main/seeds/000_96addfbf9afe9317.txt")


def test_paragraphs_have_citable_anchors(built_site: Path) -> None:
    html = (built_site / PAGES["001"]).read_text(encoding="utf-8")
    for n in range(1, 9):
        assert f'id="p{n}"' in html and f'href="#p{n}"' in html


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*.html"):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        offenders += [(path.name, url) for url in page.loads if re.match(r"(https?:)?//", url)]
        css = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in css and "fonts.gstatic" not in css
    assert offenders == []
    assert 'data-md-component="source"' not in (built_site / "index.html").read_text("utf-8")


def test_home_lists_every_source(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for key, page in PAGES.items():
        assert f'href="{page.removesuffix("index.html")}"' in html, key


def test_a_rewritten_snippet_marks_the_page_that_includes_it(tmp_path: Path) -> None:
    """mkdocs serve --dirty renders only pages whose file changed: the home page
    includes the generated overview, so it must count as changed with it."""
    import os
    from pathlib import PurePosixPath

    from build_scripts.model import Page
    from build_scripts.plugin import _touch_includers

    docs = tmp_path / "docs"
    (docs / "_generated").mkdir(parents=True)
    home, about = docs / "index.md", docs / "about.md"
    home.write_text('# Home\n\n--8<-- "_generated/home-overview.md"\n', encoding="utf-8")
    about.write_text("# About\n", encoding="utf-8")
    for page in (home, about):
        os.utime(page, (1_000_000, 1_000_000))
    overview = Page(PurePosixPath("_generated/home-overview.md"), "x")
    _touch_includers([PurePosixPath("_generated/home-overview.md")], [overview], docs)
    assert home.stat().st_mtime > 1_000_000
    assert about.stat().st_mtime == 1_000_000
