"""Find every mention of every glossary term and entity, in one pass over the text.

All names are compiled into a single regular expression, longest first, so the
longest name wins at each position and a match never starts inside another.
Matching ignores case, diacritics (Großraum = Grossraum), hyphens and dashes
between words (Kim Jong-un = Kim Jong Un), curly apostrophes, and simple
inflections (plural -s/-es, possessive 's). Short names and acronyms ("US",
"Kim") match case-sensitively, so "us" is never the United States.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .knowledge import Entry

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_APOSTROPHES = "\u2019\u2018\u02bc`\u00b4"
_SUFFIX = r"(?:'s|s|es)?"


_SAME_LENGTH = (*((dash, " ") for dash in _DASHES), *((mark, "'") for mark in _APOSTROPHES))
"""Replaced one by one: ``str.replace`` scans in C, where ``str.translate`` looks
every character of a non-ASCII text up in a table (a third of matching's time)."""


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` for matching; ``index[i]`` is where folded char ``i`` came from.

    Case is kept (the pattern decides case per name); diacritics are dropped,
    ß becomes ss, dashes become spaces and curly apostrophes straight ones.
    ``index`` is ``None`` when folding kept every position (the common case).
    """
    for old, new in _SAME_LENGTH:
        if old in text:
            text = text.replace(old, new)
    if text.isascii():
        return text, None
    folded = {char: _fold_char(char) for char in set(text) if not char.isascii()}
    changed = {char: f for char, f in folded.items() if f != char}
    if all(len(f) == 1 for f in changed.values()):  # every position kept (“quotes”, é)
        for char, f in changed.items():
            text = text.replace(char, f)
        return text, None
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        pieces = folded.get(char, char)
        out.append(pieces)
        index.extend([i] * len(pieces))
    return "".join(out), index


def _fold_char(char: str) -> str:
    if char == "ß":
        return "ss"
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


_QUALIFIED_PLACE = re.compile(
    r"\b(?:Central|East|West|North|South|Eastern|Western|Northern|Southern|Northeast|"
    r"Northwest|Southeast|Southwest|Upper|Lower|Inner|Outer|Greater)\s+$"
)
"""A capitalised compass or size word right before a place name makes another
place ("Central Asia", "Western Europe"): the shorter name is not linked. A
region the data knows ("Eastern Europe") matches whole, as the longest name."""


def _case_sensitive(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= 3 or not any(c.islower() for c in letters)


@dataclass(frozen=True)
class Mention:
    entry: Entry
    start: int
    end: int
    """Character offsets in the text that was searched."""


_END = ""


def trie_pattern(names: Iterable[str]) -> str:
    """One regular expression matching any of ``names``, longest first.

    The names are merged into a character trie, so the engine follows one
    branch per character instead of trying hundreds of alternatives at every
    word of the text. Optional tails are greedy: a longer name wins over its
    prefix ("Bipolarity 2.0" over "Bipolarity"). A space matches any white space.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[_END] = {}

    def emit(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char != _END
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if _END in node:
            return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return emit(trie)


class Matcher:
    """A compiled matcher for a set of entries; build once, search every text."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_key: dict[str, Entry] = {}
        self._exact: dict[str, Entry] = {}
        self.clashes: list[tuple[str, Entry, Entry]] = []
        """(name, the entry it matches, another entry that also claims it)."""
        for entry in entries:
            for name in entry.names:
                folded = " ".join(fold(name)[0].split())
                if not folded:
                    continue
                if _case_sensitive(folded):
                    table, key = self._exact, folded
                else:
                    table, key = self._by_key, folded.casefold()
                owner = table.setdefault(key, entry)
                if owner is not entry:
                    self.clashes.append((name, owner, entry))
        # Names that ignore case first: at one position they are the longer ones
        # ("US withdrawal from Afghanistan" before "US", "Kim Jong Un" before "Kim").
        parts = []
        if self._by_key:
            parts.append(trie_pattern(self._by_key))
        if self._exact:
            parts.append(f"(?-i:{trie_pattern(self._exact)})")
        pattern = "|".join(parts) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<!\w)({pattern}){_SUFFIX}(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, none overlapping."""
        folded, index = fold(text)
        mentions = []
        for match in self._pattern.finditer(folded):
            name = " ".join(match.group(1).split())
            entry = self._exact.get(name) or self._by_key.get(name.casefold())
            if entry is None:
                continue
            start, end = match.start(), match.end()
            if entry.kind == "place" and _QUALIFIED_PLACE.search(folded, max(0, start - 24), start):
                continue  # "Central Asia" is not Asia (a named region of its own)
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            mentions.append(Mention(entry, start, end))
        return mentions
