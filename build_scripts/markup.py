"""Untrusted text → Markdown that shows exactly that text, and nothing more.

Source text is data, never markup: every character that Python-Markdown, its
extensions (attr_list, footnotes, tables, abbr) or raw HTML would interpret is
escaped. Escapes are kept to the characters that need them so the committed
Markdown stays readable in a pull request diff.
"""

from __future__ import annotations

import math
import re
from urllib.parse import quote, urlsplit

import yaml

# Characters that are markup anywhere in a line. ``&``, ``<`` and ``>`` become
# entities (raw HTML, autolinks); the rest take Python-Markdown's backslash
# escape. Extensions that give meaning to more characters (pymdownx.mark "==",
# tilde "~~", caret "^^", emoji ":x:", arithmatex "$") are deliberately not
# enabled in mkdocs.yml; tests/test_markup.py renders hostile text with the
# site's real extension list to keep both in step.
_INLINE = re.compile(r"[\\`*_{}\[\]|&<>\r\n]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAKS = {"\r": " ", "\n": " "}
"""Inside a line, a break would end it, and the next line could open a block
(a heading, an admonition): a space for each."""
# Markers that only mean something at the start of a block: headings, lists,
# block quotes, setext underlines, thematic breaks ("---"), admonitions/details,
# definition lists.
_CLOSING_HASHES = re.compile(r"#+$")
_BLOCK_START = re.compile(r"(#|[-+*](?=\s|$)|-{2,}|\d+(?=[.)])|=|\?\?\?|!!!|:)")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ENTITIES.get(char) or _LINE_BREAKS.get(char) or "\\" + char


def escape_inline(text: str) -> str:
    """Escape a piece of text that sits inside a line (white space kept as is)."""
    return _INLINE.sub(_escape_char, text)


def escape(text: str) -> str:
    """Escape ``text`` for use inside a Markdown paragraph, heading or cell.

    Line breaks and runs of white space are folded to one space: a source
    line is one block of ours, and leading spaces would make a code block.
    """
    text = escape_inline(" ".join(text.split()))
    # A heading's closing run of "#" is markup too ("## Why Teams Pick C#"
    # would lose its "#"); escaped wherever the text goes, as it costs nothing.
    text = _CLOSING_HASHES.sub(lambda m: "\\#" * len(m.group(0)), text)
    match = _BLOCK_START.match(text)
    if match:
        marker = match.group(0)
        if marker.isdigit():  # "1. " is a list item: escape the dot after it
            return marker + "\\" + text[len(marker) :]
        return "".join(f"&#{ord(c)};" for c in marker) + text[len(marker) :]
    return text


def yaml_string(text: str) -> str:
    """A YAML scalar for front matter, written by PyYAML's own emitter.

    Double-quoted on one line, whatever ``text`` holds: a line break, ``---``,
    a quote, U+FFFF, DEL or a C1 control is escaped, so the front matter always
    reads back as the same string (JSON, used before, left DEL, C1 controls and
    U+2028 raw: MkDocs then dropped the front matter and rendered it as text).
    """
    emitted = yaml.dump(
        text, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=math.inf
    )
    return emitted.removesuffix("\n")


_UNPRINTABLE = re.compile(
    "[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


def printable(text: str) -> str:
    """``text`` with every character a YAML comment cannot hold (line breaks,
    controls, noncharacters, lone surrogates) written as an escape (``\\x0a``):
    a file name in a generated page's first comment can neither end the
    comment nor the front matter (a name may hold a newline and ``---``)."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{{{ord(m.group(0)):x}}}", text)


_ATTRIBUTE = {"&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "`": "&#96;"}


def attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute or Markdown link title.

    Python-Markdown passes entities in link titles through untouched, so an
    entity is the one escape that works in both places.
    """
    return "".join(_ATTRIBUTE.get(c, c) for c in " ".join(text.split()))


def tooltip(text: str) -> str:
    """Text for the title of a link in the page body: Material's hover card
    (``content.tooltips``) puts the title's value into the page *as HTML*, so
    the value itself is escaped HTML (``&lt;``), written as an attribute
    (``&amp;lt;``): the card shows ``<img onerror=…>`` as text, never as an image."""
    return attribute("".join(_ENTITIES.get(c, c) for c in text))


_URL_FORBIDDEN = re.compile(r"[\s<>\"`\\\x00-\x1f\x7f]")


def web_address(text: str) -> str | None:
    """``text`` if it is a plain http(s) address that is safe to link, else ``None``.

    Addresses come from sidecars and saved pages, i.e. from untrusted input: one
    with spaces, quotes or angle brackets could close the link and open markup.
    """
    text = text.strip()
    if _URL_FORBIDDEN.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return text


def url(text: str) -> str:
    """A checked web address (see :func:`web_address`) for a Markdown link target.

    Quotes and parentheses are percent-encoded: in a link target Markdown reads
    them as the start of a title or the end of the link."""
    return quote(text, safe=":/?#[]@!$&*+,;=%~")
