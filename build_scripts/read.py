"""Stage 1, read: bytes on disk → clean Unicode lines.

Collected text arrives in every encoding an analyst's machine produces, with
mojibake from earlier round trips and invisible characters from web pages. We
decode with charset-normalizer (detection, not a guess from the extension),
repair with ftfy, and record every repair so that nothing changes silently.
"""

from __future__ import annotations

import codecs
import html
import os
import re
import unicodedata
from pathlib import Path

import charset_normalizer
import ftfy

from .errors import fail
from .model import Line, SourceFile, SourceText

MAX_BYTES = 2 * 1024 * 1024
"""A text source larger than this is almost certainly not one article."""
MAX_HTML_BYTES = 8 * 1024 * 1024
"""Saved pages carry markup, styles and scripts: they may be larger than a text."""
HTML_SUFFIXES = (".html", ".htm")
EXTRACTED = "extracted from a saved web page with trafilatura"
"""The repair every saved page records: its text is what trafilatura found."""

# Tags left over in copied text: formatting and layout markup that says nothing
# itself. A tag that carries content or behaviour (script, style, iframe, svg…)
# is NOT in this list: it stays visible, as text, so nothing is lost silently.
# The rendering escapes whatever remains, so no tag ever becomes markup.
_LEFTOVER_TAGS = (
    "a|abbr|article|aside|b|big|blockquote|br|center|cite|code|dd|del|div|dl|dt|em|"
    "figcaption|figure|font|footer|h[1-6]|header|hr|i|img|ins|kbd|li|main|mark|nav|ol|p|"
    "pre|q|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|"
    "tt|u|ul|wbr"
)
_TAG_RE = re.compile(
    rf"</?(?:{_LEFTOVER_TAGS})(?:\s+[^<>]*?)?\s*/?>", re.IGNORECASE
)  # a whole tag: name, then attributes up to the first ">"
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|blockquote|hr)\b", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # typographic quotes are the author's, not an error
    fix_character_width=False,  # full-width forms are legitimate in CJK names
    normalization="NFC",
)

# Characters that are invisible on the page but break matching and search.
_INVISIBLE = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
# Every Unicode space separator except the plain space becomes a plain space.
_SPACES_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise a one-line error when it is not text."""
    if not data.strip():
        raise fail(path, "the file is empty", "add the article text, or delete the file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise fail(
            path,
            "the bytes are not text in any encoding we can detect (binary file?)",
            "save the article as plain text (UTF-8) and rebuild",
        )
    text = str(match)
    if "\x00" in text:
        raise fail(path, "the file is binary, not text", "save the article as plain text (UTF-8)")
    return text, match.encoding


def strip_leftover_tags(text: str) -> tuple[str, list[str]]:
    """Remove formatting tags left over from a web page; name the ones removed.

    A layout tag (``<p>``, ``<br>``, ``</div>``…) becomes a space so the words
    either side stay apart; an inline one (``<b>``, ``<a href=…>``) disappears.
    """
    found: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        found.add("<" + re.match(r"</?([A-Za-z0-9]+)", tag).group(1).lower() + ">")
        return " " if _BLOCK_TAG_RE.match(tag) else ""

    stripped = _TAG_RE.sub(replace, text)
    if not found:
        return text, []
    # Only the spaces a tag left, not the source's own, are tidied.
    stripped = "\n".join(
        re.sub(r"(?<=\S) {2,}(?=\S)", " ", line).strip() if line != orig else line
        for line, orig in zip(stripped.split("\n"), text.split("\n"), strict=True)
    )
    return stripped, ["leftover HTML tags removed: " + ", ".join(sorted(found))]


def normalise(text: str) -> tuple[str, list[str]]:
    """Repair mojibake, leftover markup, line endings and invisible characters; say what changed."""
    text, repairs = strip_leftover_tags(text)
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY)
    steps = sorted({step for _kind, step in explanation or []})
    if steps:
        repairs.append("text repaired by ftfy (" + ", ".join(steps) + ")")
    if "unescape_html" not in steps and _ENTITY_RE.search(fixed):
        # ftfy leaves entities alone in text that has a "<"; they are still leftovers.
        unescaped = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), fixed)
        if unescaped != fixed:
            repairs.append("HTML entities decoded")
            fixed = unescaped
    found = sorted({_INVISIBLE[c] for c in _INVISIBLE_RE.findall(fixed)})
    if found:
        repairs.append("invisible characters removed: " + ", ".join(found))
        fixed = _INVISIBLE_RE.sub("", fixed)
    if _SPACES_RE.search(fixed):
        repairs.append("non-breaking and other special spaces made plain spaces")
        fixed = _SPACES_RE.sub(" ", fixed)
    return unicodedata.normalize("NFC", fixed), repairs


def is_saved_page(source: SourceFile) -> bool:
    return source.text_path.suffix.lower() in HTML_SUFFIXES


def read_source(source: SourceFile, root: Path) -> SourceText:
    """Read one source's file (a text, or a saved web page) into numbered lines."""
    return source_text(_read(source.text_path, root, source), source)


Contents = tuple[bytes, bytes | None]
"""A source's text file and sidecar, as bytes (no sidecar: ``None``)."""


def read_bytes(source: SourceFile, root: Path) -> Contents:
    """A source's text file and its sidecar's, each read once: the build keys its
    cache by these bytes and makes the page from the same bytes."""
    sidecar = _read(source.sidecar_path, root) if source.sidecar_path else None
    return _read(source.text_path, root, source), sidecar


def _read(relative: Path, root: Path, source: SourceFile | None = None) -> bytes:
    """A file's bytes; a source text over its size limit, or a file that cannot be
    read, is a one-line error."""
    try:
        with (root / relative).open("rb") as handle:
            if source is None:
                return handle.read()
            limit = MAX_HTML_BYTES if is_saved_page(source) else MAX_BYTES
            data = handle.read(limit + 1)
    except OSError as error:
        raise fail(
            relative, f"cannot be read ({error.strerror})", "check it is a readable file"
        ) from None
    if len(data) > limit:
        size = os.stat(root / relative).st_size
        raise fail(
            relative,
            f"the file is {size // 1024} KiB, over the {limit // 1024} KiB limit for one article",
            "split it into one file per article",
        )
    return data


def source_text(data: bytes, source: SourceFile) -> SourceText:
    """The numbered, normalised lines of a source file's bytes."""
    if is_saved_page(source):
        return _saved_page(data, source)
    text, encoding = decode(data, source.text_path)
    repairs = [] if encoding in ("utf-8", "ascii") else [f"decoded from {encoding}"]
    return _text(text, source, encoding, repairs)


WRAP_MIN_LENGTH = 35
"""Lines wrapped at a fixed width are long; a run of short lines is a menu or a list."""


def unwrap(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], bool]:
    """Join hard-wrapped lines into one line per paragraph; say whether it did.

    Collected text comes one paragraph per line, or in paragraphs separated by
    blank lines whose lines are wrapped at a fixed width (e-mail, plain-text
    archives). Every later rule reasons about paragraphs, so wrapped lines are
    joined here; a joined line keeps the number of its first line.
    """
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    inner = [b[i].text.strip() for b in blocks if len(b) > 1 for i in range(len(b) - 1)]
    if len(inner) < 2:
        return lines, False
    mid_sentence = sum(1 for x in inner if not x.endswith((".", "?", "!", "”", '"', ":")))
    long_enough = sorted(len(x) for x in inner)[len(inner) // 2] >= WRAP_MIN_LENGTH
    if mid_sentence / len(inner) <= 0.5 or not long_enough:
        return lines, False
    joined: list[Line] = []
    for block in (b for b in blocks if b):
        if joined:
            joined.append(Line(block[0].number - 1, ""))
        joined.append(Line(block[0].number, " ".join(x.text.strip() for x in block)))
    return tuple(joined), True


def _text(text: str, source: SourceFile, encoding: str, repairs: list[str], **more) -> SourceText:
    text, fixes = normalise(text)
    lines = tuple(Line(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1))
    if not any(line.text.strip() for line in lines):
        raise fail(source.text_path, "the file has no visible text", "add the article text")
    lines, unwrapped = unwrap(lines)
    if unwrapped:
        fixes.append("lines wrapped at a fixed width joined into paragraphs")
    return SourceText(
        source=source, lines=lines, encoding=encoding, repairs=tuple(repairs + fixes), **more
    )


def _saved_page(data: bytes, source: SourceFile) -> SourceText:
    """A saved web page: trafilatura's main text, and what the page states about itself."""
    from . import htmlpage  # trafilatura loads slowly: only when there is a page to read

    markup, encoding = decode(data, source.text_path)
    if not _looks_like_html(markup):
        raise fail(
            source.text_path,
            "the file has an HTML name but holds no HTML markup",
            "save the page again as 'Web page, HTML only', or rename it .txt if it is plain text",
        )
    page = htmlpage.extract(markup)
    if page is None:
        raise fail(
            source.text_path,
            "no article text found in this saved web page",
            "save the article's own page (not an index or a login page), or paste its text"
            " into a .txt file",
        )
    repairs = [f"{EXTRACTED} (line numbers count lines of the extracted text)"]
    if encoding not in ("utf-8", "ascii"):
        repairs.append(f"decoded from {encoding}")
    return _text(page.text, source, encoding, repairs, stated=page.stated)


def _looks_like_html(text: str) -> bool:
    return (
        re.search(r"<\s*(html|head|body|p|div|article|h1|title|!doctype)\b", text, re.I) is not None
    )
