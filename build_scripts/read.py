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
import stat
import unicodedata
from pathlib import Path

import charset_normalizer
import ftfy

from .errors import DossierError, Problem, fail, shown
from .model import Line, SourceFile, SourceText
from .repository import NOT_A_FILE_TODO, file_kind, located, read_file
from .sentences import ends_sentence
from .sidecar import SIDECAR_MAX_BYTES

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
# Characters that are not text at all, by class: control characters (tab and
# newline are text; tab then becomes a space), bidirectional embeddings,
# overrides and isolates (they reorder what the reader sees without being
# seen: "Trojan source"), tag characters, and noncharacters (U+FDD0-U+FDEF
# and the last two code points of every plane, such as U+FFFF), which Unicode
# reserves for a program's own use. ftfy has already removed most controls (and
# said so); each character removed here is named by its class and code point.
_NOT_TEXT = (
    (r"\x00-\x08\x0b-\x1f\x7f-\x9f", "control character"),
    (r"\u202a-\u202e\u2066-\u2069", "bidirectional control"),
    (r"\U000e0000-\U000e007f", "tag character"),
    (
        r"\ufdd0-\ufdef" + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17)),
        "noncharacter",
    ),
)
_NOT_TEXT_CLASSES = tuple((re.compile(f"[{chars}]"), name) for chars, name in _NOT_TEXT)
_REMOVED_RE = re.compile("[" + "".join(_INVISIBLE) + "".join(c for c, _ in _NOT_TEXT) + "]")
# Every Unicode space separator except the plain space becomes a plain space.
_SPACES_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


Decoded = tuple[str, str, list[str]]
"""A file's text, the encoding it was read as, and what decoding repaired."""


PACKED = (
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it (gunzip) and rebuild"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it (unxz) and rebuild"),
    (b"BZh", "a bzip2-compressed file", "decompress it (bunzip2) and rebuild"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)",
     "extract the article and save it as text (.txt) or as a web page (.html)"),
    (b"%PDF-", "a PDF", "copy the article's text into a .txt file"),
)  # fmt: skip
"""Files saved the wrong way, known by their first bytes: named for what they are,
rather than as bytes in no text encoding (a page saved as ``.html.gz``)."""


def decode(data: bytes, path: Path) -> Decoded:
    """Return ``(text, encoding, repairs)``; raise a one-line error when it is not text."""
    if not data.strip():
        raise fail(path, "the file is empty", "add the article text, or delete the file")
    for magic, what, todo in PACKED:
        if data.startswith(magic):
            raise fail(path, f"this is {what}, not text", todo)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _with_bom(data, bom, encoding, path)
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            mixed = decode_mixed(data)
            if mixed is not None:
                return mixed
    match = _likeliest(charset_normalizer.from_bytes(data))
    if match is None:
        raise fail(
            path,
            "the bytes are not text in any encoding we can detect (binary file?)",
            "save the article as plain text (UTF-8) and rebuild",
        )
    text = str(match)
    if "\x00" in text:
        raise fail(path, "the file is binary, not text", "save the article as plain text (UTF-8)")
    return text, match.encoding, [f"decoded from {match.encoding}"]


PREFERRED = ("cp1252", "latin_1")
"""What a Western text in a single-byte encoding most often is (Windows' own)."""


def _likeliest(
    matches: charset_normalizer.CharsetMatches,
) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best match, except that among encodings it finds
    exactly as likely, Windows-1252 (then Latin-1) wins: for French or Spanish
    text it often ties with Central European or Nordic encodings that read
    "crème" as "crčme" and "niño" as "nińo", and lists one of those first."""
    best = matches.best()
    tied = [
        m
        for m in matches
        if best is not None and (m.chaos, m.coherence) == (best.chaos, best.coherence)
    ]
    return next((m for name in PREFERRED for m in tied if m.encoding == name), best)


def _with_bom(data: bytes, bom: bytes, encoding: str, path: Path) -> Decoded:
    """A file that says its encoding with a byte-order mark; a UTF-8 one with a
    few lines in another encoding is read line by line, like one without."""
    try:
        return data.decode(encoding), encoding, [f"decoded from {encoding}"]
    except UnicodeDecodeError as error:
        mixed = decode_mixed(data[len(bom) :], declared=True) if encoding == "utf-8-sig" else None
        if mixed is not None:
            return mixed
        raise fail(
            path,
            f"starts with a {encoding} byte-order mark, but byte {error.start + 1} is not"
            f" {encoding}",
            "save the article again as plain text (UTF-8)",
        ) from None


def decode_mixed(data: bytes, declared: bool = False) -> Decoded | None:
    """A file of UTF-8 lines and lines in another encoding, read line by line.

    Text pasted together from several places often is. Decoded whole in one
    single-byte encoding, its UTF-8 lines become mojibake ("crème" → "crÃ¨me"),
    and charset-normalizer, seeing both, may even pick an encoding that mangles
    the other lines too ("crème" → "crčme"). This applies only when some line
    with non-ASCII characters is valid UTF-8 (or a byte-order mark ``declared``
    UTF-8), and names the lines in the minority:

    - in a mostly UTF-8 file, each other line is read as Windows-1252, or as
      Latin-1 where it holds a byte Windows-1252 leaves undefined (they agree on
      every other byte; Windows-1252 gives the typographic quotes and dashes
      where Latin-1 gives invisible controls). A line or two is too little text
      for charset-normalizer to tell Windows-1252 from its Baltic or Central
      European cousins;
    - in a mostly non-UTF-8 file, its other lines are enough text for
      charset-normalizer, which reads them all in the encoding it finds.

    ``None`` otherwise: the file is then in one encoding, for charset-normalizer.
    """
    raw = data.split(b"\n")
    texts = [_decoded(line, "utf-8") for line in raw]
    others = [n for n, text in enumerate(texts) if text is None]
    proven = declared or any(text is not None and not text.isascii() for text in texts)
    if not proven or not others:
        return None
    if declared or len(others) * 2 < sum(1 for line in raw if line.strip()):
        return _mostly_utf8(raw, texts, others)
    return _mostly_other(raw, texts, others)


def _mostly_utf8(raw: list[bytes], utf8: list[str | None], others: list[int]) -> Decoded:
    """A UTF-8 file whose ``others`` lines are Windows-1252 or Latin-1 (see decode_mixed)."""
    texts = list(utf8)
    by_encoding: dict[str, list[int]] = {}
    for n in others:
        text = _decoded(raw[n], "cp1252")
        encoding = "latin-1" if text is None else "cp1252"
        texts[n] = raw[n].decode("latin-1") if text is None else text
        by_encoding.setdefault(encoding, []).append(n + 1)
    repairs = [
        f"not UTF-8 like the rest of the file, so read as {encoding}: {lines_named(numbers)}"
        for encoding, numbers in sorted(by_encoding.items())
    ]
    return "\n".join(text or "" for text in texts), "utf-8", repairs


def _mostly_other(raw: list[bytes], utf8: list[str | None], others: list[int]) -> Decoded | None:
    """A file in another encoding (charset-normalizer's, found in its ``others``
    lines) with a few lines of UTF-8."""
    match = _likeliest(charset_normalizer.from_bytes(b"\n".join(raw[n] for n in others)))
    decoded = str(match).split("\n") if match is not None else []
    if match is None or len(decoded) != len(others) or "\x00" in str(match):
        return None
    texts = list(utf8)
    for n, text in zip(others, decoded, strict=True):
        texts[n] = text
    named = lines_named([n + 1 for n, text in enumerate(utf8) if text and not text.isascii()])
    repair = f"UTF-8, unlike the rest of the file (read as {match.encoding}): {named}"
    repairs = [f"decoded from {match.encoding}", repair]
    return "\n".join(text or "" for text in texts), match.encoding, repairs


def _decoded(line: bytes, encoding: str) -> str | None:
    """``line`` decoded, or ``None`` when it is not in ``encoding``."""
    try:
        return line.decode(encoding)
    except UnicodeDecodeError:
        return None


LINES_NAMED = 10
"""A repair names at most this many lines, then says how many more."""


def lines_named(numbers: list[int]) -> str:
    """``line 4``, ``lines 4, 9`` or ``lines 4, 9, … and 12 more``."""
    named = ", ".join(str(n) for n in numbers[:LINES_NAMED])
    more = f" and {len(numbers) - LINES_NAMED} more" if len(numbers) > LINES_NAMED else ""
    return f"line{'s' * (len(numbers) > 1)} {named}{more}"


def strip_leftover_tags(text: str) -> tuple[str, list[str]]:
    """Remove formatting tags left over from a web page; name each one removed,
    as written, with its line (a reviewer can tell "<b>" in "Why <b> tags are
    deprecated" from markup, and put it back with a correction).

    A layout tag (``<p>``, ``<br>``, ``</div>``…) becomes a space so the words
    either side stay apart; an inline one (``<b>``, ``<a href=…>``) disappears.
    """
    found: dict[int, list[str]] = {}
    lines = text.split("\n")
    stripped_lines = []
    for number, line in enumerate(lines, start=1):

        def replace(match: re.Match[str], number: int = number) -> str:
            tag = match.group(0)
            found.setdefault(number, []).append(tag if len(tag) <= 60 else tag[:59] + "…>")
            return " " if _BLOCK_TAG_RE.match(tag) else ""

        new = _TAG_RE.sub(replace, line)
        # Only the spaces a tag left, not the source's own, are tidied.
        stripped_lines.append(
            re.sub(r"(?<=\S) {2,}(?=\S)", " ", new).strip() if new != line else line
        )
    if not found:
        return text, []
    where = "; ".join(f"line {n}: {', '.join(tags)}" for n, tags in sorted(found.items()))
    return "\n".join(stripped_lines), [f"leftover HTML tags removed ({where})"]


_LOST_QUOTE = "â€"
"""What is left of ” after a round trip through Windows-1252 (see normalise)."""


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
    if _LOST_QUOTE in fixed:
        # ” is E2 80 9D in UTF-8; read as Windows-1252, which has no 0x9D, it loses
        # its last byte and leaves "â€", which ftfy cannot repair: it is ”.
        repairs.append(f"mojibake of a closing quote repaired ({_LOST_QUOTE!r} → '”')")
        fixed = fixed.replace(_LOST_QUOTE, "”")
    found = sorted({_removed_name(c) for c in _REMOVED_RE.findall(fixed)})
    if found:
        repairs.append("invisible characters removed: " + ", ".join(found))
        fixed = _REMOVED_RE.sub("", fixed)
    if _SPACES_RE.search(fixed):
        repairs.append("non-breaking and other special spaces made plain spaces")
        fixed = _SPACES_RE.sub(" ", fixed)
    return unicodedata.normalize("NFC", fixed), repairs


def _removed_name(char: str) -> str:
    """How the repairs name a removed character: an invisible one by what it is,
    any other by its class and code point (a reviewer can look it up)."""
    if char in _INVISIBLE:
        return _INVISIBLE[char]
    name = next(name for pattern, name in _NOT_TEXT_CLASSES if pattern.match(char))
    return f"{name} U+{ord(char):04X}"


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
    sidecar = None
    if source.sidecar_path:  # (one over its limit is read up to it, and refused by its loader)
        sidecar = _read(source.sidecar_path, root, bound=SIDECAR_MAX_BYTES)
    return _read(source.text_path, root, source), sidecar


def _read(
    relative: Path, root: Path, source: SourceFile | None = None, bound: int | None = None
) -> bytes:
    """A file's bytes (a sidecar's up to ``bound + 1``); a source text over its
    size limit, or a file that cannot be read, is a one-line error. The file
    may have changed since the build listed ``seeds/``: ``repository.read_file``
    opens only a regular file inside the repository."""
    limit = bound if source is None else MAX_HTML_BYTES if is_saved_page(source) else MAX_BYTES
    data, size = read_file(relative, root, limit)
    if source is not None and len(data) > limit:
        raise fail(
            relative,
            f"the file is {-(-size // 1024)} KiB, over the {limit // 1024} KiB limit for one"
            " article",
            "split it into one file per article",
        )
    return data


def unusable(relative: Path, root: Path, named_like_source: bool) -> Problem | None:
    """Why an entry of ``seeds/`` cannot be used, without ever opening it; ``None``
    for a regular file, or a folder that is not named like a source. Only what is
    named like a source is ever read, so only its link must stay in the repository.

    The caller has checked that the entry's folder is in the repository, so only
    an entry that is itself a link needs following (at 1,000 sources that
    halves the time :func:`located` on every entry took: 24 ms, not 52)."""
    where = shown_path(relative)
    if not utf8_name(relative.name):
        return Problem(
            where,
            "the file name is not valid UTF-8, so the site cannot link to it",
            "rename it as UTF-8 (the bytes shown as \\xNN are not)",
            severity="error" if named_like_source else "warning",
        )
    path = root / relative
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            mode = os.stat(located(root, relative) if named_like_source else path).st_mode
    except DossierError as error:
        return error.problem
    except OSError as error:
        broken = path.is_symlink()
        return Problem(
            where,
            f"a broken link (to {shown(os.readlink(path))}): it leads to no file"
            if broken
            else f"cannot be read ({error.strerror})",
            "point the link at the article's file, or delete it" if broken else "check the file",
            severity="warning",
        )
    kind = file_kind(mode)
    if kind is None or (kind == "a folder" and not named_like_source):
        return None
    return Problem(where, f"{kind}, not a file", NOT_A_FILE_TODO, severity="warning")


def shown_path(path: Path) -> Path:
    """``path`` as a message names it (see :func:`shown`)."""
    return Path(shown(path.as_posix()))


def utf8_name(name: str) -> bool:
    """Whether a file name is valid UTF-8: the site links to its source by name."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def source_text(data: bytes, source: SourceFile) -> SourceText:
    """The numbered, normalised lines of a source file's bytes."""
    if is_saved_page(source):
        return _saved_page(data, source)
    text, encoding, repairs = decode(data, source.text_path)
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
    mid_sentence = sum(1 for x in inner if not (ends_sentence(x) or x.endswith(("”", '"', ":"))))
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

    markup, encoding, decoded = decode(data, source.text_path)
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
    repairs = [f"{EXTRACTED} (line numbers count lines of the extracted text)", *decoded]
    return _text(page.text, source, encoding, repairs, stated=page.stated)


def _looks_like_html(text: str) -> bool:
    return (
        re.search(r"<\s*(html|head|body|p|div|article|h1|title|!doctype)\b", text, re.I) is not None
    )
