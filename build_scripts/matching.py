"""Find every mention of every glossary term and entity, in one pass over the text.

All names are compiled into a single regular expression, longest first, so the
longest name wins at each position and a match never starts inside another.
Matching ignores case, diacritics (Großraum = Grossraum), hyphens and dashes
between words (Kim Jong-un = Kim Jong Un), curly apostrophes, the possessive
's, and a glossary term's plural (-s/-es: "sanctions"; never a name's: the
Americas are not America, the Bidens not Joe Biden, "EUS" not the EU). Short
names and acronyms ("US", "Kim"), and an entry marked ``match_case`` (a title
of a work), match case-sensitively, so "us" is never the United States.

What a careful editor also checks, at each match (rules in rules/names.yml):
a name inside a longer proper name is no mention ("Alexander Vindman",
"National Security Council", "USA Today", "University of Washington"); a
dateline ("WASHINGTON (AP) —") is none; an alias the data marks ambiguous is
none right after another owner ("Russia's foreign ministry"), and is kept
only on a page that gives the entry's context (see :meth:`Matcher.allowed`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .knowledge import Entry
from .rulefiles import rule_data

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_APOSTROPHES = "\u2019\u2018\u02bc`\u00b4"
_SUFFIX = r"('s|s|es)?"


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
    ambiguous: bool = False
    """Matched by an alias the data marks ambiguous: a mention only on a page
    that gives the entry's context (:meth:`Matcher.allowed`)."""


@dataclass(frozen=True)
class NameRules:
    """Words that are capitalised without making a longer proper name."""

    titles: frozenset[str]
    institutions: frozenset[str]
    function_words: frozenset[str]
    dateline_after: re.Pattern[str]
    team_after: re.Pattern[str]
    team_before: re.Pattern[str]
    score: re.Pattern[str]
    team_roles: re.Pattern[str]

    def plain(self, word: str) -> bool:
        """A capitalised word next to a name that does not extend it: a title
        ("President"), a sentence word ("However"), or shouting ("RUNNING")."""
        key = _POSSESSIVE_END.sub("", word).rstrip(".").casefold()
        return (
            key in self.titles or key in self.function_words or (word.isupper() and len(word) >= 4)
        )


@lru_cache(maxsize=1)
def name_rules() -> NameRules:
    data = rule_data("names.yml")
    return NameRules(
        titles=frozenset(data["titles"]),
        institutions=frozenset(data["institutions"]),
        function_words=frozenset(data["function_words"]),
        dateline_after=re.compile(data["dateline_after"]),
        team_after=_phrases(data["team_after"], after=True),
        team_before=_phrases(data["team_before"], after=False),
        score=re.compile(data["score"]),
        team_roles=_phrases(data["team_roles"], after=True),
    )


def _phrases(words: list[str], after: bool) -> re.Pattern[str]:
    """Any of ``words`` right after a name (``after``) or right before it."""
    alternatives = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
    if after:
        return re.compile(rf"\s+(?:{alternatives})\b", re.IGNORECASE)
    return re.compile(rf"\b(?:{alternatives})\s+(?:the\s+)?$", re.IGNORECASE)


_RESULT = re.compile(r"\b(?:win|victory|beat|lost|defeat)\b", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_WORD_AFTER = re.compile(r"[ \u00a0]([^\W\d_][\w'\u2019.]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019.]*)[ \u00a0]$")
_OF_BEFORE = re.compile(r"([^\W\d_]\w*) of (?:the )?$")
_QUOTES = '"\u201c\u2018\u00ab'
_OPENING = " \u00a0\"'\u201c\u2018\u00ab("
"""Skipped before an ambiguous alias to find its owner: Pyongyang’s “Foreign Ministry”."""


@dataclass(frozen=True)
class _Name:
    entry: Entry
    ambiguous: bool
    plural: bool
    """May take a plural -s/-es: a glossary term written in lower case."""
    capital: bool
    """Written with a capital, as a proper name: matched only so ("Trump", never
    "a trump card"; "Waltz", never "a waltz"). A glossary term is a word and
    matches in any case."""
    owned: bool
    """Ambiguous and of a kind another owner can have ("foreign ministry",
    "Security Council"): not right after another owner's name."""


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


def _folded_name(name: str) -> str:
    return " ".join(fold(name)[0].split())


class Matcher:
    """A compiled matcher for a set of entries; build once, search every text."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_key: dict[str, _Name] = {}
        self._exact: dict[str, _Name] = {}
        self._owners: dict[str, tuple[str, ...]] = {}
        self._context: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}
        self.rules = name_rules()
        self._scored: tuple[str | None, bool] = (None, False)
        self.clashes: list[tuple[str, Entry, Entry]] = []
        """(name, the entry it matches, another entry that also claims it)."""
        for entry in entries:
            ambiguous = {_folded_name(name) for name in entry.ambiguous}
            if ambiguous:
                self._owners[entry.name] = tuple(
                    _folded_name(n).casefold() for n in (*entry.names, *entry.context)
                )
            for name in entry.names:
                folded = _folded_name(name)
                if not folded:
                    continue
                exact = entry.match_case or _case_sensitive(folded)
                table, key = (self._exact, folded) if exact else (self._by_key, folded.casefold())
                term = entry.kind == "term"
                vague = folded in ambiguous
                name_of = _Name(
                    entry,
                    vague,
                    plural=term and not exact,
                    capital=not term and folded[0].isupper(),
                    owned=vague and entry.kind in ("organisation", "place"),
                )
                found = table.setdefault(key, name_of)
                if found.entry is not entry:
                    self.clashes.append((name, found.entry, entry))
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
            found = self._exact.get(name) or self._by_key.get(name.casefold())
            if found is None:
                continue
            entry, suffix = found.entry, match.group(2)
            if suffix and suffix != "'s" and not found.plural:
                continue  # "Americas", "Bidens", "EUS": another thing
            start, end = match.start(), match.end()
            if found.capital and not folded[start].isupper():
                continue
            if entry.kind == "place" and _QUALIFIED_PLACE.search(folded, max(0, start - 24), start):
                continue  # "Central Asia" is not Asia (a named region of its own)
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            if not self._stands_alone(text, start, end, found, bool(suffix)):
                continue
            mentions.append(Mention(entry, start, end, found.ambiguous))
        return mentions

    def _stands_alone(self, text: str, start: int, end: int, found: _Name, inflected: bool) -> bool:
        """Whether the words at ``start:end`` name the entry, not part of
        another name or another owner's thing (see the module's docstring)."""
        rules = self.rules
        if found.entry.kind == "place" and self._team(text, start, end):
            return False  # "Russia beat Croatia": the national team
        if not text[start].isupper():
            # A name in lower case ("national interest", "foreign ministry")
            # is a phrase; only an ambiguous one has an owner to check.
            return not found.owned or not self._other_owner(text, start, found.entry)
        dateline = start == 0 and found.entry.kind == "place" and text[start:end].isupper()
        if dateline and rules.dateline_after.match(text, end):
            return False  # "WASHINGTON (AP) —": where it was filed
        after = _WORD_AFTER.match(text, end)
        if after and not inflected and self._extends(after.group(1)):
            return False  # "Alexander Vindman", "USA Today", "China Grove"
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if (
            before
            and not _POSSESSIVE_END.search(before.group(1))
            and not _starts(text, before.start(1))
            and self._extends(before.group(1))
        ):
            return False  # "National Security Council", "Hunter Biden"; not "Perhaps Russia"
        of = _OF_BEFORE.search(text, max(0, start - 40), start)
        if of and of.group(1).casefold() in rules.institutions:
            return False  # "University of Washington"
        return not found.owned or not self._other_owner(text, start, found.entry)

    def _team(self, text: str, start: int, end: int) -> bool:
        """Whether a place's name stands for its national team: a result word
        next to it or a player's role right after it ("Brazil star Neymar"), or
        (with a score in the sentence) a result word a few words away."""
        rules = self.rules
        if (
            rules.team_after.match(text, end)
            or rules.team_roles.match(text, end)
            or rules.team_before.search(text, max(0, start - 30), start)
        ):
            return True
        if text is not self._scored[0]:  # once per sentence, not per place in it
            self._scored = (text, rules.score.search(text) is not None)
        if not self._scored[1]:
            return False
        near = text[max(0, start - 60) : end + 60]
        return bool(
            rules.team_after.search(near) or re.search(r"\b(?:win|victory|beat|lost)\b", near)
        )

    def _extends(self, word: str) -> bool:
        """Whether ``word``, right next to a capitalised name, makes it longer."""
        return word[0].isupper() and not self.rules.plain(word)

    def _other_owner(self, text: str, start: int, entry: Entry) -> bool:
        """Whether a capitalised word right before an ambiguous alias names an
        owner the entry does not know ("Russia's foreign ministry", "the French
        foreign ministry"); titles and sentence words are no owners."""
        head = text[max(0, start - 60) : start].rstrip(_OPENING)
        word = _WORD_BEFORE.search(head + " ")
        if not word or not word.group(1)[0].isupper() or self.rules.plain(word.group(1)):
            return False
        if not _POSSESSIVE_END.search(word.group(1)) and _starts(head, word.start(1)):
            return False  # "Key Security Council powers": capitalised as the sentence's first
        owner = _POSSESSIVE_END.sub("", head)
        owner = " ".join(fold(owner)[0].split()).casefold()
        return not any(
            owner.endswith(known)
            and (len(owner) == len(known) or not owner[-len(known) - 1].isalnum())
            for known in self._owners.get(entry.name, ())
        )

    def allowed(self, entry: Entry, page: str, plain_mention: bool) -> bool:
        """Whether an ambiguous alias of ``entry`` is a mention on ``page`` (its
        text): the page names the entry unambiguously (``plain_mention``) or
        gives one of its ``context`` words, and none of its ``unless`` words."""
        if entry.name not in self._context:
            self._context[entry.name] = (
                _words_pattern(entry.context),
                _words_pattern(entry.unless),
            )
        context, unless = self._context[entry.name]
        folded = fold(page)[0]
        if unless is not None and unless.search(folded):
            return False
        return plain_mention or (context is not None and context.search(folded) is not None)


def _starts(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens the text (a sentence) or a quotation:
    its capital says nothing of a name ("Perhaps Russia", “Make Trump …”)."""
    head = text[:at].rstrip(" \u00a0")
    return not head.strip(_OPENING) or head[-1] in _QUOTES


def _words_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of ``phrases`` as whole words, folded as names are, and ignoring
    case as names do (a short word or acronym keeps it: "US" is not "us")."""
    names = [_folded_name(p) for p in phrases if _folded_name(p)]
    if not names:
        return None
    exact = [n for n in names if _case_sensitive(n)]
    loose = [n for n in names if not _case_sensitive(n)]
    parts = [trie_pattern(loose)] if loose else []
    if exact:
        parts.append(f"(?-i:{trie_pattern(exact)})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)
