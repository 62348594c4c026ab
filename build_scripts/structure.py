"""Stage 3, structure: body lines → title, headings, paragraphs and references.

Collected articles come in two shapes: one paragraph per line, or paragraphs
separated by blank lines (sometimes hard-wrapped). A short line that does not
end a sentence and is followed by a paragraph is a heading; the first such
line is the title. Editors' metadata (the sidecar) wins over what the text
implies, and the page says which one a fact came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slugify import slugify as _slugify

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
)
from .read import lines_named
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


def slugify(text: str, max_length: int = 60) -> str:
    """A readable, stable URL slug: transliterated ASCII words joined by hyphens."""
    return _slugify(text, max_length=max_length, word_boundary=True) or "untitled"


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


def structure(text: CleanText, meta: Metadata, slug: str | None = None) -> Article:
    """Build the article: blocks in order, metadata resolved with provenance."""
    units = units_of(text.lines)
    source_title: str | None = None
    removals = list(text.removals)
    marked: list[int] = []  # lines whose Markdown heading markers were dropped
    first = heading_text(units[0].text) if units else ""
    titled = len(units) > 1 and _looks_like_heading(first, TITLE_MAX_WORDS)
    title_line = units[0].line if units else 0
    if titled or (meta.title and first.casefold() == meta.title.casefold()):
        source_title = first
        if units.pop(0).text != first:
            marked.append(title_line)
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
                    sentences=tuple(split_sentences(unit.text)),
                    line=unit.line,
                    corrections=applied.get(unit.line, ()),
                )
            )

    stated = text.source.stated
    title = meta.title or source_title or stated.title
    # A sidecar title that is the source's own first line is the source's title.
    editors = meta.title and not (source_title and source_title.casefold() == meta.title.casefold())
    title_from = "sidecar" if editors else ("source" if source_title or stated.title else None)
    author = meta.author or text.byline or stated.author
    bio = meta.author_bio or text.author_bio or stated.author_bio
    provenance = Provenance(
        title=title_from,
        author="sidecar" if meta.author else ("source" if author else None),
        author_bio="sidecar" if meta.author_bio else ("source" if bio else None),
    )
    source = text.source.source
    return Article(
        source=source,
        slug=slug or slugify(title or source.stem),
        title=title or f"Untitled source ({source.text_path.name})",
        author=author,
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
        repairs=text.source.repairs + _markers_repair(marked),
        encoding=text.source.encoding,
        provenance=provenance,
        editor_summary=meta.summary,
    )
