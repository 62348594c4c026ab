"""Stage 1, read: bytes on disk → clean Unicode lines.

Collected text arrives in every encoding an analyst's machine produces, with
mojibake from earlier round trips and invisible characters from web pages. We
decode with charset-normalizer (detection, not a guess from the extension),
repair with ftfy, and record every repair so that nothing changes silently.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer
import ftfy

from .errors import fail
from .model import Line, SourceFile, SourceText

MAX_BYTES = 2 * 1024 * 1024
"""A text source larger than this is almost certainly not one article."""

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


def normalise(text: str) -> tuple[str, list[str]]:
    """Repair mojibake, line endings and invisible characters; say what changed."""
    repairs: list[str] = []
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY)
    steps = sorted({step for _kind, step in explanation or []})
    if steps:
        repairs.append("text repaired by ftfy (" + ", ".join(steps) + ")")
    found = sorted({_INVISIBLE[c] for c in _INVISIBLE_RE.findall(fixed)})
    if found:
        repairs.append("invisible characters removed: " + ", ".join(found))
        fixed = _INVISIBLE_RE.sub("", fixed)
    if _SPACES_RE.search(fixed):
        repairs.append("non-breaking and other special spaces made plain spaces")
        fixed = _SPACES_RE.sub(" ", fixed)
    return unicodedata.normalize("NFC", fixed), repairs


def read_source(source: SourceFile, root: Path) -> SourceText:
    """Read one source's text file into numbered, normalised lines."""
    path = root / source.text_path
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise fail(
            source.text_path,
            f"the file is {size // 1024} KiB, over the {MAX_BYTES // 1024} KiB limit"
            " for one article",
            "split it into one file per article",
        )
    text, encoding = decode(path.read_bytes(), source.text_path)
    repairs = [] if encoding in ("utf-8", "ascii") else [f"decoded from {encoding}"]
    text, more = normalise(text)
    lines = tuple(Line(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1))
    if not any(line.text.strip() for line in lines):
        raise fail(source.text_path, "the file has no visible text", "add the article text")
    return SourceText(source=source, lines=lines, encoding=encoding, repairs=tuple(repairs + more))
