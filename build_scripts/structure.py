"""Stage 3, structure: body lines → title, headings, paragraphs and references.

Collected articles come in two shapes: one paragraph per line, or paragraphs
separated by blank lines (sometimes hard-wrapped). A short line that does not
end a sentence and is followed by a paragraph is a heading; the first such
line is the title. Editors' metadata (the sidecar) wins over what the text
implies, and the page says which one a fact came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .metadata import Found, detect_language, from_text, joined, key, names_of, similar
from .model import (
    Article,
    Block,
    CleanText,
    Correction,
    Heading,
    Line,
    Metadata,
    Paragraph,
    Provenance,
    Removal,
    slugify,
)
from .read import is_saved_page, lines_named
from .sentences import ends_sentence, split_sentences

TITLE_MAX_WORDS = 25
HEADING_MAX_WORDS = 14
_CLOSERS = "\"'”’»」)]"
_REFERENCE_HEADINGS = re.compile(
    r"(references|bibliography|sources|works cited|notes|endnotes|further reading)\s*:?",
    re.IGNORECASE,
)
_MINOR_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on",
    "or", "over", "the", "to", "vs", "via", "with", "without", "against", "between",
}  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A paragraph-sized piece of the body, before we know what it is."""

    line: int
    text: str


def units_of(lines: tuple[Line, ...]) -> list[Unit]:
    """One unit per non-empty line (reading already joined hard-wrapped lines)."""
    return [Unit(x.number, x.text.strip()) for x in lines if x.text.strip()]


# A Markdown heading's markers (CommonMark's ATX heading): up to six "#" then a
# space or tab, and optionally a closing run of "#" after a space or tab. Only
# these are markup: "Programming in F#" and "#MeToo" keep every "#".
_ATX_OPENING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


def heading_text(text: str) -> str:
    """A line's text without the Markdown heading markers it may carry.

    Collected ``.md`` files mark headings ``## Why Teams Pick C# ##``: the
    markers are layout, the words between them (with their own "#") are the
    heading. A line that is nothing but markers is kept as it is."""
    opening = _ATX_OPENING.match(text)
    if opening is None:
        return text
    inner = _ATX_CLOSING.sub("", text[opening.end() :]).strip()
    return inner or text


def _looks_like_heading(text: str, max_words: int) -> bool:
    words = text.split()
    if not words or len(words) > max_words or text.endswith((",", ";", ":")):
        return False
    asks = text.rstrip(_CLOSERS).endswith(("?", "!", "？", "！"))
    if ends_sentence(text) and not asks:
        return False
    if asks:
        significant = [w for w in words if w.lower() not in _MINOR_WORDS and w[0].isalpha()]
        capitalised = sum(1 for w in significant if w[0].isupper())
        return bool(significant) and capitalised / len(significant) >= 0.75
    return True


def _is_heading(text: str, next_text: str) -> bool:
    """A short line before a longer paragraph is a heading; so is a short line
    that the source marks as one with Markdown's "#"."""
    inner = heading_text(text)
    if not _looks_like_heading(inner, HEADING_MAX_WORDS):
        return False
    return inner != text or len(next_text.split()) > len(text.split())


def _markers_repair(lines: list[int]) -> tuple[str, ...]:
    """The repair that says which lines lost their Markdown heading markers."""
    return (f"Markdown heading markers (#) removed: {lines_named(lines)}",) if lines else ()


_CITATION = re.compile(r"\b(1[5-9]|20)\d\d\b|https?://")


def _starts_references(units: list[Unit], i: int) -> bool:
    """A "References"/"Notes" heading starts the reference list only in the second
    half of the article, and only if most of what follows reads like citations
    (a year or an address): mid-article, "Notes" may head ordinary paragraphs."""
    rest = units[i + 1 :]
    if not rest or i < len(units) // 2:
        return False
    return sum(1 for u in rest if _CITATION.search(u.text)) * 2 >= len(rest)


def apply_corrections(
    units: list[Unit], corrections: tuple[Correction, ...]
) -> tuple[list[Unit], dict[int, tuple[int, ...]], tuple[Correction, ...]]:
    """Apply each correction to the first unit containing its original text.

    Returns the corrected units, which corrections each unit received (by its
    line), and the corrections whose original text was not found.
    """
    applied: dict[int, list[int]] = {}
    unused: list[Correction] = []
    units = list(units)
    for index, correction in enumerate(corrections):
        for i, unit in enumerate(units):
            if correction.original in unit.text:
                text = unit.text.replace(correction.original, correction.corrected, 1)
                units[i] = Unit(unit.line, text)
                applied.setdefault(unit.line, []).append(index)
                break
        else:
            unused.append(correction)
    return units, {k: tuple(v) for k, v in applied.items()}, tuple(unused)


NOT_TITLE = (
    "not-the-title",
    "A short line at the top of the page that is not the article's headline (page furniture)",
)
"""Why a heading-like line above the article, which is not its headline, is dropped."""
FURNITURE_MAX_WORDS = 8
"""Only a line this short above the headline is dropped as furniture."""


@dataclass(frozen=True)
class TakenTitle:
    """The body's units once the headline is taken out of them, and what went."""

    units: list[Unit]
    title: str | None
    line: int
    dropped: tuple[Removal, ...] = ()
    marked: tuple[int, ...] = ()


def _take_title(
    units: list[Unit], found: Found, stated: Metadata, meta: Metadata, saved_page: bool
) -> TakenTitle:
    """Take the source's headline out of the body's first units.

    A copied page's headline is the line that repeats its browser title
    (``metadata.from_text``); short lines above it are page furniture. A plain
    text's first line is its title when it reads like one. A saved page's title
    is its own data's: its text's first line is the title only when it says the
    same. Where no headline is plain, the title is not stated, and a heading-like
    first line that is not it is dropped (and listed) rather than shown as one.
    """
    if not units:
        return TakenTitle(units, None, 0)
    first = heading_text(units[0].text)
    line = units[0].line
    marked = (line,) if first != units[0].text else ()
    headline = stated.title
    if headline is None and meta.title:
        headline = meta.title
    if saved_page or (found.title_line is None and meta.title):
        if headline and key(first) == key(headline):
            return TakenTitle(units[1:], first, line, (), marked)
        return TakenTitle(units, None, line)
    titled = len(units) > 1 and _looks_like_heading(first, TITLE_MAX_WORDS)
    if found.title_line is not None:
        title = found.stated.title or ""
        for i, unit in enumerate(units[:4]):
            if unit.line == found.title_line or key(heading_text(unit.text)) == key(title):
                above = units[:i]
                if all(_is_furniture(u.text) for u in above):
                    dropped = tuple(Removal(u.line, u.text, *NOT_TITLE) for u in above)
                    inner = heading_text(unit.text)
                    mark = (unit.line,) if inner != unit.text else ()
                    return TakenTitle(units[i + 1 :], inner, unit.line, dropped, mark)
                break
        if titled and _is_furniture(units[0].text) and key(first) != key(title):
            return TakenTitle(units[1:], None, line, (Removal(line, units[0].text, *NOT_TITLE),))
        return TakenTitle(units, None, line)
    if not titled:
        return TakenTitle(units, None, line)
    browser_title = found.browser_title
    if found.first_line == line or browser_title is None or similar(first, browser_title):
        return TakenTitle(units[1:], first, line, (), marked)
    if _is_furniture(units[0].text):
        return TakenTitle(units[1:], None, line, (Removal(line, units[0].text, *NOT_TITLE),))
    return TakenTitle(units, None, line)


DROP_CAP_UNITS = 3
"""A drop cap opens the article: it is looked for in the body's first few paragraphs."""
_DROP_CAP = re.compile(r"([A-Z]) ([a-z]+)(?=[\s’'.,;:!?]|$)")
_STANDALONE_LETTERS = {"A", "I", "O"}
_WORDS = re.compile(r"\w+")


def join_drop_caps(units: list[Unit]) -> tuple[list[Unit], tuple[str, ...]]:
    """Join a drop cap the copy split from its word ("A dam Schiff's", "H ong Kong"),
    and say so: the joined word is one the source uses elsewhere, or the letter
    cannot stand alone and its rest is no word of the source ("B vitamins" stays)."""
    words = Counter(w.casefold() for u in units for w in _WORDS.findall(u.text))
    out, repairs = list(units), []
    for i, unit in enumerate(units[:DROP_CAP_UNITS]):
        m = _DROP_CAP.match(unit.text)
        if m is None:
            continue
        letter, rest = m.groups()
        joined = letter + rest
        elsewhere = any(
            w.casefold() == joined.casefold()
            for u in units
            for w in _WORDS.findall(u.text[m.end() :] if u is unit else u.text)
        )
        rest_is_word = words[rest.casefold()] > 1  # (once: this occurrence)
        if elsewhere or (letter not in _STANDALONE_LETTERS and not rest_is_word):
            out[i] = Unit(unit.line, joined + unit.text[m.end() :])
            repairs.append(
                f"a drop cap split from its word joined: '{m.group(0)}' → '{joined}'"
                f" (line {unit.line})"
            )
    return out, tuple(repairs)


def _is_furniture(text: str) -> bool:
    return _looks_like_heading(heading_text(text), FURNITURE_MAX_WORDS)


def structure(
    text: CleanText, meta: Metadata, slug: str | None = None, language_model: Path | None = None
) -> Article:
    """Build the article: blocks in order, metadata resolved with provenance.
    ``language_model``: the language detector's model unpacked (``Store.unpacked``)."""
    units = units_of(text.lines)
    removals = list(text.removals)
    marked: list[int] = []  # lines whose Markdown heading markers were dropped
    saved_page = is_saved_page(text.source.source)
    body_start = next((x.number for x in text.lines if x.text.strip()), None)
    found = Found(Metadata()) if saved_page else from_text(text.source.lines, body_start)
    stated = text.source.stated if saved_page else found.stated
    taken = _take_title(units, found, stated, meta, saved_page)
    units, source_title, title_line = taken.units, taken.title, taken.line
    removals.extend(taken.dropped)
    marked.extend(taken.marked)
    if source_title and meta.title and source_title.casefold() != meta.title.casefold():
        removals.append(
            Removal(
                title_line,
                source_title,
                "title",
                "The source's title, replaced by the editors' title",
                moved_to="replaced",
            )
        )
    units, drop_caps = join_drop_caps(units)
    language = (
        meta.language
        or stated.language
        or detect_language(" ".join(u.text for u in units), language_model)
    )
    units, applied, unused = apply_corrections(units, meta.corrections)

    blocks: list[Block] = []
    references: list[str] = []
    in_references = False
    number = 0
    for i, unit in enumerate(units):
        next_unit = units[i + 1] if i + 1 < len(units) else None
        if in_references:
            references.append(unit.text)
        elif _REFERENCE_HEADINGS.fullmatch(unit.text) and _starts_references(units, i):
            in_references = True
        elif next_unit is not None and _is_heading(unit.text, next_unit.text):
            words = heading_text(unit.text)
            if words != unit.text:
                marked.append(unit.line)
            blocks.append(Heading(words, unit.line))
        else:
            number += 1
            blocks.append(
                Paragraph(
                    number=number,
                    text=unit.text,
                    sentences=tuple(split_sentences(unit.text, language or "en")),
                    line=unit.line,
                    corrections=applied.get(unit.line, ()),
                )
            )

    title = meta.title or source_title or stated.title
    # A sidecar title that is the source's own first line is the source's title.
    editors = meta.title and not (source_title and source_title.casefold() == meta.title.casefold())
    title_from = "sidecar" if editors else ("source" if source_title or stated.title else None)
    authors = _authors(meta, stated, text)
    bio = meta.author_bio or text.author_bio or stated.author_bio
    provenance = Provenance(
        title=title_from,
        author="sidecar" if meta.author else ("source" if authors else None),
        author_bio="sidecar" if meta.author_bio else ("source" if bio else None),
    )
    origins = _origins(
        meta, stated, text, title_line if source_title else None, detected=language is not None
    )
    removals = _feeding(removals, origins)
    source = text.source.source
    return Article(
        source=source,
        slug=slug or slugify(title or source.stem),
        title=title or f"Untitled source ({source.text_path.name})",
        author=joined(authors) or None,
        author_bio=bio,
        publication=meta.publication or stated.publication,
        published=meta.published or stated.published,
        url=meta.url or stated.url,
        kind=meta.kind or stated.kind,
        blocks=tuple(blocks),
        references=tuple(references),
        removals=tuple(removals),
        corrections=meta.corrections,
        unused_corrections=unused,
        repairs=text.source.repairs + _markers_repair(marked) + drop_caps,
        encoding=text.source.encoding,
        provenance=provenance,
        editor_summary=meta.summary,
        authors=authors,
        language=language,
        origins=origins,
        doubts=stated.doubts,
    )


def _feeding(removals: list[Removal], origins: tuple[tuple[str, str], ...]) -> list[Removal]:
    """A removed line that gave the card a value says so in the Source notes ("Now":
    the authors, the date): removed from the body, not lost."""
    fed: dict[int, list[str]] = {}
    for name, origin in origins:
        if origin.startswith("line "):
            fed.setdefault(int(origin.removeprefix("line ")), []).append(FIELD_NAMES[name])
    return [
        replace(r, moved_to="gave " + " and ".join(fed[r.line]))
        if r.line in fed and r.moved_to != "replaced"
        else r
        for r in removals
    ]


FIELD_NAMES = {
    "title": "the title",
    "authors": "the author(s)",
    "published": "the date",
    "publication": "the publication",
    "url": "the address",
    "language": "the language",
}


def _authors(meta: Metadata, stated: Metadata, text: CleanText) -> tuple[str, ...]:
    """The writers: the editors', else the page's own, else the byline cleaning found."""
    if meta.author:
        return tuple(a.strip() for a in re.split(r";|\band\b", meta.author) if a.strip())
    if stated.authors:
        return stated.authors
    if stated.author:
        return names_of(stated.author) or ()
    return names_of(text.byline) if text.byline else ()


METADATA_FIELDS = ("title", "authors", "published", "publication", "url", "language")


def _origins(
    meta: Metadata,
    stated: Metadata,
    text: CleanText,
    title_line: int | None,
    detected: bool = False,
) -> tuple[tuple[str, str], ...]:
    """Where each value shown came from: the sidecar, a line of the text, the page's data."""
    own = dict(stated.origins)
    if title_line is not None and not meta.title:
        own.setdefault("title", f"line {title_line}")
    if text.byline and not stated.authors:
        line = next((r.line for r in text.removals if r.moved_to == "byline"), None)
        if line is not None:
            own.setdefault("authors", f"line {line}")
    if detected and "language" not in own:
        own["language"] = "detected from the text"
    sidecar = {
        "title": meta.title,
        "authors": meta.author,
        "published": meta.published,
        "publication": meta.publication,
        "url": meta.url,
        "language": meta.language,
    }
    out = []
    for name in METADATA_FIELDS:
        if sidecar[name]:
            out.append((name, "sidecar"))
        elif name in own:
            out.append((name, own[name]))
    return tuple(out)
