"""Citing the sources: a formatted reference on each source's page, and every
source's metadata as BibTeX, RIS and CSL-JSON for reference managers.

Only what the dossier states goes in: a source with no date is cited without
one ("n.d.", the style's own word for it), a source with no author under its
title. Names stay as the source gives them: turning "Kim Jong-un" or "RAND
Corporation" into "Surname, I." would be a guess, so they are what CSL calls
literal names (and braced, one name each, in BibTeX).

The files are written by maintained libraries: ``bibtexparser`` (with its LaTeX
encoder, so a ``}`` or ``%`` in a title stays text), ``rispy`` and ``json``.
The on-page reference is APA-like and made here: citeproc-py (0.11.1) was tried
and left out, as it copies a title's ``<script>`` into its HTML unescaped and
repeats the title of a source with no author (its CSL ``substitute`` is not
honoured).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import bibtexparser
import rispy
from bibtexparser import middlewares, model

from .markup import escape, url, web_address
from .model import Article, Page

STYLE = "APA"
"""The style of the on-page reference (7th edition's pattern for an article
online; names as stated)."""

DOWNLOADS = {
    "bibtex": PurePosixPath("sources/dossier-sources.bib"),
    "ris": PurePosixPath("sources/dossier-sources.ris"),
    "csl-json": PurePosixPath("sources/dossier-sources.json"),
}
"""Where the reference files go under ``docs/`` (the Sources page links them)."""


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) one space: a
    value never starts a new RIS tag line nor breaks a reference in two."""
    return " ".join(text.split())


def permalink(article: Article, site_url: str | None) -> str | None:
    """The published address of the source's page in the dossier, if the site's
    address is known (``site_url`` in mkdocs.yml)."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + article.page.removesuffix(".md") + "/"


def original_url(article: Article) -> str | None:
    """The source's own address, only if it is a plain http(s) one."""
    return web_address(article.url) if article.url else None


@dataclass(frozen=True)
class Part:
    """A piece of a formatted reference: its text, and whether the style sets
    it in italics."""

    text: str
    italic: bool = False
    link: bool = False


def _names(names: Sequence[str]) -> str:
    """Writers joined as APA joins them: "A", "A & B", "A, B, & C"."""
    names = [one_line(n) for n in names if one_line(n)]
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _date(published: dt.date | None) -> str:
    if published is None:
        return "(n.d.)"
    return f"({published.year}, {published.strftime('%B')} {published.day})"


def _period(text: str) -> str:
    """``text`` ending in a full stop, unless it ends in its own (?, !, .)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(article: Article) -> tuple[Part, ...]:
    """The source's reference: author (or title), date, title, publication, address.

    ``Doe, J. & Roe, R. (2024, June 20). Title. *Publication*. https://…`` with
    the names as stated; with no author the title takes the author's place."""
    writers = _names(article.authors or ([article.author] if article.author else []))
    title = one_line(article.title)
    parts: list[Part] = []
    if writers:
        parts += [Part(_period(writers) + " "), Part(_date(article.published) + ". ")]
        parts.append(Part(_period(title)))
    else:
        parts += [Part(_period(title) + " "), Part(_date(article.published) + ".")]
    if article.publication:
        parts += [Part(" "), Part(one_line(article.publication), italic=True), Part(".")]
    address = original_url(article)
    if address:
        parts += [Part(" "), Part(address, link=True)]
    return tuple(parts)


def reference_text(article: Article) -> str:
    """The reference as plain text (what a copy gives)."""
    return "".join(p.text for p in reference(article))


def reference_markdown(article: Article) -> str:
    """The reference as Markdown: every part escaped, the publication in
    italics, the address a link."""
    out = []
    for part in reference(article):
        if part.link:
            out.append(f"[{escape(part.text)}](<{url(part.text)}>)")
        elif part.italic:
            out.append(f"*{escape(part.text)}*")
        else:
            out.append(_escaped(part.text))
    return "".join(out)


def _escaped(text: str) -> str:
    """``markup.escape`` (which also guards the start of a line: a title "1. …"
    opening the reference is no list), keeping the spaces between parts."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + escape(text) + trail if text.strip() else lead


def csl_item(article: Article, site_url: str | None = None) -> dict[str, object]:
    """The source as a CSL-JSON item (what Zotero, Mendeley and pandoc read)."""
    item: dict[str, object] = {
        "id": article.slug,
        "type": "webpage",
        "title": one_line(article.title),
    }
    writers = _writers(article)
    if writers:
        item["author"] = [{"literal": one_line(name)} for name in writers]
    if article.published:
        d = article.published
        item["issued"] = {"date-parts": [[d.year, d.month, d.day]]}
    if article.publication:
        item["container-title"] = one_line(article.publication)
    address = original_url(article)
    if address:
        item["URL"] = address
    if article.language:
        item["language"] = article.language
    copy = permalink(article, site_url)
    if copy:
        item["archive_location"] = copy
    return item


def csl_json(articles: Sequence[Article], site_url: str | None = None) -> str:
    return (
        json.dumps([csl_item(a, site_url) for a in articles], ensure_ascii=False, indent=2) + "\n"
    )


def _writers(article: Article) -> tuple[str, ...]:
    """The writers one by one, else the author line as one name."""
    return article.authors or ((article.author,) if article.author else ())


_WRITER = "dossier-writer-"


def _bibtex_entry(article: Article) -> model.Entry:
    fields = [model.Field("title", one_line(article.title))]
    writers = _writers(article)
    # Each writer in a field of its own while the text is encoded; ``bibtex``
    # then joins them into ``author``.
    fields += [model.Field(f"{_WRITER}{i}", one_line(n)) for i, n in enumerate(writers)]
    if article.published:
        fields.append(model.Field("date", article.published.isoformat()))
        fields.append(model.Field("year", str(article.published.year)))
    if article.publication:
        fields.append(model.Field("organization", one_line(article.publication)))
    if article.language:
        fields.append(model.Field("langid", article.language))
    return model.Entry("online", article.slug, fields)


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "No known latex representation" not in record.getMessage()


def bibtex(articles: Sequence[Article]) -> str:
    """Every source as a biblatex ``@online`` entry, keyed by its slug.

    Text is LaTeX-encoded by bibtexparser's middleware (``{`` → ``\\{``, ``ß`` →
    ``{\\ss}``; a character with no LaTeX form, such as 天, stays as it is, which
    biber reads). Addresses are added after encoding: biblatex reads ``url``
    verbatim, and ``markup.url`` has percent-encoded its braces."""
    library = bibtexparser.Library([_bibtex_entry(a) for a in articles])
    quiet = _Quiet()
    encoder_log = logging.getLogger("pylatexenc.latexencode")
    encoder_log.addFilter(quiet)
    try:
        encoded = middlewares.LatexEncodingMiddleware(keep_math=False).transform(library)
    finally:
        encoder_log.removeFilter(quiet)
    by_key = {a.slug: a for a in articles}
    for entry in encoded.entries:
        # Each name braced: one literal name, never split into first and last
        # parts, nor at an "and" inside it (its braces are escaped by now).
        names = [f.value for f in entry.fields if f.key.startswith(_WRITER)]
        entry.fields = [f for f in entry.fields if not f.key.startswith(_WRITER)]
        if names:
            author = model.Field("author", " and ".join(f"{{{name}}}" for name in names))
            entry.fields.insert(1, author)  # after the title, as people write it
        address = original_url(by_key[entry.key])
        if address:
            entry.set_field(model.Field("url", url(address)))
    return bibtexparser.write_string(encoded)


class _RisWriter(rispy.RisWriter):
    """rispy's RIS writer without the record counter it puts before each record
    ("1."), which is no RIS tag line (its documented switch: an empty header)."""

    def set_header(self, count: int) -> str:
        return ""


def ris(articles: Sequence[Article]) -> str:
    """Every source as an RIS record (``ELEC``, a web page); one line a value."""
    records = []
    for a in articles:
        record: dict[str, object] = {"type_of_reference": "ELEC", "id": a.slug}
        record["title"] = one_line(a.title)
        writers = _writers(a)
        if writers:
            record["authors"] = [one_line(n) for n in writers]
        if a.published:
            record["year"] = str(a.published.year)
            record["date"] = a.published.strftime("%Y/%m/%d")
        if a.publication:
            record["secondary_title"] = one_line(a.publication)
        address = original_url(a)
        if address:
            record["urls"] = [address]
        if a.language:
            record["language"] = a.language
        records.append(record)
    return rispy.dumps(records, implementation=_RisWriter)


def reference_file(kind: str, articles: Sequence[Article], site_url: str | None) -> Page:
    """One of the reference files of all sources (``kind``: a key of
    ``DOWNLOADS``), in source order."""
    if kind == "bibtex":
        text = bibtex(articles)
    elif kind == "ris":
        text = ris(articles)
    else:
        text = csl_json(articles, site_url)
    return Page(DOWNLOADS[kind], text)


@dataclass(frozen=True)
class Citation:
    """What a source's "Cite this source" block shows (templates/_cite.md.j2)."""

    markdown: str
    text: str
    permalink: str | None
    unstated: tuple[str, ...]
    """What the reference would hold but the dossier does not state."""
    style: str = STYLE

    @classmethod
    def of(cls, article: Article, site_url: str | None) -> Citation:
        missing = {
            "author": not (article.authors or article.author),
            "date": article.published is None,
            "publication": not article.publication,
            "original address": original_url(article) is None,
        }
        return cls(
            reference_markdown(article),
            reference_text(article),
            permalink(article, site_url),
            tuple(name for name, gone in missing.items() if gone),
        )


DOWNLOAD_LINKS = {name: path.as_posix() for name, path in DOWNLOADS.items()}
"""The files' paths as the templates' ``link`` takes them."""
