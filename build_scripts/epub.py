"""The whole dossier as one EPUB 3, made from the BUILT site's print page.

``python -m build_scripts.epub`` (``make epub``; ``make site`` runs it too) reads
``site/print/index.html`` — the page the PDF is printed from, so the e-book
holds the same cover, contents, sources, positions, glossary, index and
timeline — and writes ``site/dossier.epub`` with ebooklib: one chapter for the
front, one per part and one per source, with the reader's table of contents
nested the same way, and the page's ``#`` links pointing into the chapters.

Every value on the page came from strangers (the sources, their sidecars, the
data files). The page is already escaped HTML; here it is still treated as
hostile: lxml_html_clean keeps only a list of text tags and attributes (no
script, style, form, embedded object, image or SVG, no event attribute), a link
is kept only when it is an ``#`` anchor of the dossier or an ``http(s):`` or
``mailto:`` address (an e-book opens those in a browser, it loads nothing), and
lxml writes the chapters as XHTML, escaping every text and attribute. The book
loads no resource from anywhere: its one stylesheet is inside it, and the
reader's own fonts draw the text.

The book is dated by the site's build date (the cover's ``datetime``) and its
zip entries carry that date too, so the same site gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PRINT_PAGE = "print/index.html"
EPUB_NAME = "dossier.epub"
EPUB_EXTRA = "install the epub extra: pip install '.[epub]' (make epub does)"

# The tags a chapter may keep (their text stays either way, unless killed below).
# fmt: off
TEXT_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
# Removed with everything inside them: nothing of these is text a reader wants.
KILLED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "img", "picture", "video",
    "audio", "source", "track", "iframe", "object", "embed", "canvas", "form", "input",
    "button", "select", "textarea", "link", "meta", "base",
})
# fmt: on
SAFE_ATTRIBUTES = frozenset({"href", "id", "class", "title", "datetime", "lang", "colspan"})
_OUTSIDE_LINK = re.compile(r"(?:https?:|mailto:)", re.IGNORECASE)
# On the page, not in the book: the ¶ permalinks of headings, the edit button,
# the PDF's download button and the contents' page-number slots (a PDF's).
_DROPPED = (
    "headerlink",
    "md-content__button",
    "dossier-download",
    "dossier-toc-pg",
)

STYLESHEET = """\
body { line-height: 1.45; }
h1, h2, h3 { line-height: 1.2; }
.dossier-cover { text-align: center; margin-top: 3em; }
.dossier-cover-kicker, .dossier-kicker { font-variant: small-caps; letter-spacing: 0.05em; }
.dossier-p { text-indent: 0; }
.dossier-pnum { font-size: 0.75em; color: #777; text-decoration: none; }
.dossier-term { color: inherit; text-decoration: underline dotted; }
.dossier-correction, .dossier-source-note, .dossier-provenance, .dossier-toc-note {
  font-size: 0.9em;
}
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #999; padding: 0.2em 0.4em; text-align: left; }
td { vertical-align: top; }
dt { font-weight: bold; }
.admonition { border-left: 3px solid #999; padding-left: 0.8em; margin: 1em 0; }
"""


class EpubError(Exception):
    """The EPUB could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class EpubResult:
    path: Path
    chapters: int
    seconds: float
    title: str


@dataclass
class Chapter:
    """One XHTML file of the book: its title, whether it is a source (nested
    under the part before it in the reader's contents), and its elements."""

    file_name: str
    title: str
    source: bool
    elements: list = field(default_factory=list)


def missing_extra() -> str | None:
    """The EPUB's Python packages (the ``epub`` extra) that are not installed."""
    from importlib.util import find_spec

    return None if find_spec("ebooklib") else "ebooklib"


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _read_page(source: Path):
    """The print page's article, cleaned to text tags, and the page's language."""
    import lxml.html
    from lxml_html_clean import Cleaner

    page = lxml.html.parse(str(source)).getroot()
    found = page.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')
    if not found:
        raise EpubError(f"{source}: no article in the page — is it the dossier's print page?")
    article = found[0]
    for element in list(article.iter()):
        if isinstance(element.tag, str) and _classes(element) & set(_DROPPED):
            parent = element.getparent()
            element.drop_tree()
            if parent is not None and parent.tag == "p" and not _text(parent) and not len(parent):
                parent.drop_tree()
    cleaner = Cleaner(
        scripts=True,
        javascript=True,
        comments=True,
        style=True,
        inline_style=True,
        links=True,
        meta=True,
        page_structure=False,
        processing_instructions=True,
        embedded=True,
        frames=True,
        forms=True,
        annoying_tags=True,
        remove_unknown_tags=False,
        allow_tags=TEXT_TAGS | {"article"},
        kill_tags=KILLED_TAGS,
        safe_attrs_only=True,
        safe_attrs=SAFE_ATTRIBUTES,
    )
    cleaner(article)
    return article, (page.get("lang") or "en")


def _split(article) -> list[Chapter]:
    """Chapters: the front up to the first part, each part (``h1``), and each
    source (from its "Source N of M" line to its source note)."""
    chapters: list[Chapter] = [Chapter("front.xhtml", "", False)]
    for element in article:
        if not isinstance(element.tag, str):
            continue
        starts_source = "dossier-kicker" in _classes(element)
        if element.tag == "h1" or starts_source:
            number = len(chapters)
            name = f"source-{number:04d}.xhtml" if starts_source else f"part-{number:04d}.xhtml"
            chapters.append(Chapter(name, "", starts_source))
        chapters[-1].elements.append(element)
    chapters = [c for c in chapters if c.elements]
    for chapter in chapters:
        heading = next(
            (e for el in chapter.elements for e in el.iter("h1", "h2") if _text(e)), None
        )
        chapter.title = _text(heading) if heading is not None else "Dossier"
    return chapters


def _relink(chapters: list[Chapter]) -> None:
    """``#id`` links point into the chapter that holds the id; a link that is
    neither such an anchor nor an outside address keeps its text only."""
    where: dict[str, str] = {}
    for chapter in chapters:
        for element in chapter.elements:
            for node in element.iter():
                if isinstance(node.tag, str) and node.get("id"):
                    where.setdefault(node.get("id"), chapter.file_name)
    for chapter in chapters:
        for element in chapter.elements:
            for link in list(element.iter("a")):
                href = (link.get("href") or "").strip()
                if href.startswith("#") and href[1:] in where:
                    target = where[href[1:]]
                    local = target == chapter.file_name
                    link.set("href", href if local else f"{target}{href}")
                elif _OUTSIDE_LINK.match(href):
                    link.set("href", href)
                else:
                    link.drop_tag()


def _chapter_html(chapter: Chapter) -> str:
    import lxml.html

    return "".join(
        lxml.html.tostring(element, encoding="unicode", method="html")
        for element in chapter.elements
    )


def _build_date(article) -> datetime:
    """The site's build date from the cover, else the Unix epoch (never now)."""
    for node in article.iter("time"):
        try:
            return datetime.strptime((node.get("datetime") or "")[:10], "%Y-%m-%d").replace(
                tzinfo=UTC
            )
        except ValueError:
            continue
    return datetime(1970, 1, 1, tzinfo=UTC)


def _same_bytes(epub: bytes, when: datetime) -> bytes:
    """The zip rewritten with every entry dated ``when`` (ebooklib dates them
    now), ``mimetype`` first and stored, as EPUB requires."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(epub)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        names = sorted(old.namelist(), key=lambda n: (n != "mimetype", old.namelist().index(n)))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            new.writestr(info, old.read(name))
    return out.getvalue()


def make_epub(
    site: Path, out: Path, page: str = PRINT_PAGE, editors: tuple[str, ...] = ()
) -> EpubResult:
    """Write the print page of the built ``site`` to ``out`` as an EPUB 3."""
    started = time.perf_counter()
    source = site / page
    if not source.is_file():
        raise EpubError(f"{source}: not found — build the site first (mkdocs build)")
    if missing := missing_extra():
        raise EpubError(f"{missing} not installed — {EPUB_EXTRA}")
    from ebooklib import epub

    article, lang = _read_page(source)
    chapters = _split(article)
    _relink(chapters)
    cover = next(iter(article.iter("h1")), None)
    title = _text(cover) if cover is not None else "Briefing dossier"
    when = _build_date(article)

    book = epub.EpubBook()
    # The same dossier keeps its identifier from one edition to the next.
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'dossier:' + title)}")
    book.set_title(title)
    book.set_language(lang)
    for editor in editors:
        book.add_author(editor)
    book.add_metadata("DC", "date", when.strftime("%Y-%m-%d"))
    style = epub.EpubItem(
        uid="style", file_name="style.css", media_type="text/css", content=STYLESHEET
    )
    book.add_item(style)
    items = []
    for number, chapter in enumerate(chapters):
        item = epub.EpubHtml(
            uid=f"c{number:04d}", title=chapter.title, file_name=chapter.file_name, lang=lang
        )
        item.content = f"<html><body>{_chapter_html(chapter)}</body></html>"
        item.add_item(style)
        book.add_item(item)
        items.append((chapter, item))

    # The reader's contents: the parts in order, each source under its part.
    toc: list = []
    for chapter, item in items:
        link = epub.Link(chapter.file_name, chapter.title, item.id)
        if chapter.source and toc:
            if not isinstance(toc[-1], tuple):
                part = toc[-1]
                toc[-1] = (epub.Section(part.title, part.href), [])
            toc[-1][1].append(link)
        else:
            toc.append(link)
    book.toc = toc
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [item for _, item in items]

    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": when, "epub3_pages": False})
    data = _same_bytes(buffer.getvalue(), when)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return EpubResult(out, len(chapters), time.perf_counter() - started, title)


def _editors(root: Path) -> tuple[str, ...]:
    """The dossier's editors from mkdocs.yml, or none if it cannot be read."""
    from .config import load_settings
    from .errors import DossierError

    try:
        return load_settings(root).editors
    except (DossierError, OSError):
        return ()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.epub",
        description="Write the built site's Print / PDF page as one EPUB 3 e-book.",
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (site/)")
    parser.add_argument("--out", type=Path, help=f"the EPUB (default: SITE/{EPUB_NAME})")
    parser.add_argument("--root", type=Path, default=Path("."), help="the dossier (mkdocs.yml)")
    parser.add_argument(
        "--if-possible",
        action="store_true",
        help="without the epub extra, print a note and succeed (for `make site`)",
    )
    args = parser.parse_args(argv)
    out = args.out or args.site / EPUB_NAME
    if args.if_possible and (missing := missing_extra()):
        print(f"note: {missing} not installed, so no {out}: {EPUB_EXTRA}", file=sys.stderr)
        return 0
    try:
        result = make_epub(args.site, out, editors=_editors(args.root))
    except EpubError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = result.path.stat().st_size / 1024
    print(f"{result.path}: {result.chapters} chapters, {size:,.0f} KiB in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
