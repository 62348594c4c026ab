"""Stage 2, clean: take out what is not the article body, and say so.

Which lines are boilerplate is decided by general rules kept as data
(``rules/boilerplate.yml``), never by a special case for one file. Every line
that does not reach the body is returned as a :class:`Removal` for the audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .model import CleanText, Line, Removal, SourceText
from .read import is_saved_page
from .rulefiles import rule_data
from .sentences import ends_sentence

HEAD_LINES = 8
"""How many non-empty lines from the start count as the head (title, byline)."""
TAIL_LINES = 8
"""How many non-empty lines from the end count as the tail (bio, credits)."""
BIO_LINES = 3
"""At most this many lines under an "About the author" heading form the bio."""

Where = Literal["anywhere", "head", "tail"]
Action = Literal["drop", "byline", "bio-heading", "name-line", "bio", "ends-body"]

_PARTICLES = {"de", "van", "von", "der", "al", "bin", "da", "di", "le", "la", "and"}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    pattern: re.Pattern[str]
    where: Where = "anywhere"
    action: Action = "drop"
    max_words: int | None = None

    def matches(self, text: str, position: int, count: int) -> re.Match[str] | None:
        """Match ``text``, the ``position``-th of ``count`` non-empty lines."""
        if self.where == "head" and position >= HEAD_LINES:
            return None
        if self.where == "tail" and position < count - TAIL_LINES:
            return None
        if self.max_words is not None and word_count(text) > self.max_words:
            return None
        return self.pattern.fullmatch(text)


@dataclass(frozen=True)
class RegionRule:
    """A structural rule: where on a whole web page the article's text is.

    Copied web pages put the article between runs of short lines that are not
    sentences (menus, other stories' headlines, footers). Each line scores
    ``+words`` when it reads like prose (at least ``min_words`` words ending in
    sentence punctuation, or ``long_words`` words), ``-penalty`` otherwise; the
    body is the run of lines with the highest total (the densest region of
    prose), and the lines before and after it are removed, except the
    title-like line just before it.
    """

    head_id: str
    head_description: str
    tail_id: str
    tail_description: str
    min_words: int = 6
    long_words: int = 25
    penalty: float = 4.0
    title_lookback: int = 4
    """How many lines before the body to look for the title."""
    title_max_words: int = 25


@dataclass(frozen=True)
class BlockRule:
    """A structural rule inside the body: a run of ``min_lines`` or more
    consecutive short lines, none of them a sentence, is a list of links."""

    id: str
    description: str
    min_lines: int = 3
    max_words: int = 12


@dataclass(frozen=True)
class RepeatRule:
    """A line of ``min_words`` or more that repeats an earlier line of the page
    (not the one just before it): a caption or teaser shown twice."""

    id: str
    description: str
    min_words: int = 6
    window: int = 6
    """How many non-empty lines back the earlier copy may be."""


@dataclass(frozen=True)
class Rules:
    lines: tuple[Rule, ...]
    region: RegionRule | None = None
    blocks: tuple[BlockRule, ...] = ()
    repeats: RepeatRule | None = None

    def __iter__(self):
        return iter(self.lines)


REPEATED_LINE = Rule(
    id="repeated-line",
    description="Repeats the line before it (a duplicated title or caption)",
    pattern=re.compile(""),
)


def parse_rules(data: dict) -> Rules:
    """Build rules from their YAML form (see ``rules/boilerplate.yml``)."""
    region, repeats = data.get("region"), data.get("repeats")
    return Rules(
        lines=_line_rules(data),
        region=RegionRule(**region) if region else None,
        blocks=tuple(BlockRule(**item) for item in data.get("blocks") or ()),
        repeats=RepeatRule(**repeats) if repeats else None,
    )


def _line_rules(data: dict) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            id=item["id"],
            description=item["description"],
            pattern=re.compile(item["match"].strip(), re.IGNORECASE),
            where=item.get("where", "anywhere"),
            action=item.get("action", "drop"),
            max_words=item.get("max_words"),
        )
        for item in data["rules"]
    )


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return parse_rules(rule_data("boilerplate.yml"))


def _line_key(text: str) -> str:
    """A line compared with others (repeats, the page title): case and spacing ignored.

    Not matching.fold, which keeps case and maps characters for name matching.
    """
    return " ".join(text.casefold().split())


def _is_name(author: str) -> bool:
    """A byline names people: every word capitalised, bar particles like "de"."""
    words = author.split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in _PARTICLES for w in words)


BIO_MIN_WORDS = 3
"""A line under an "About the author" heading with fewer words is not a bio."""


def _is_bio(text: str) -> bool:
    """What follows a byline is a bio when it is words, not a date or an outlet's stamp."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(words) >= BIO_MIN_WORDS and not re.search(r"\d", text)


def clean(text: SourceText, rules: Rules | tuple[Rule, ...] | None = None) -> CleanText:
    """Split ``text`` into body lines and audited removals."""
    rules = default_rules() if rules is None else rules
    if not isinstance(rules, Rules):
        rules = Rules(lines=tuple(rules))
    nonempty = [line for line in text.lines if line.text.strip()]
    count = len(nonempty)
    # The structural rules find the article on a whole copied page. A saved web
    # page's main text was already found by trafilatura: only line rules apply
    # (an end-of-article marker is then just a line to drop).
    whole_page = not is_saved_page(text.source)
    removed: dict[int, Removal] = {}
    byline: str | None = None
    author_bio: str | None = None
    previous = ""
    bio_taken = 0  # > 0 while reading the lines under an "About the author" heading
    last_number = 0
    for position, line in enumerate(nonempty):
        stripped = line.text.strip()
        if bio_taken:
            new_block = bio_taken > 1 and line.number != last_number + 1
            words = len(re.findall(r"[^\W\d_]{2,}", stripped))
            if (
                new_block
                or words < BIO_MIN_WORDS  # "Contact Me" under "About Me": a menu
                or any(r.matches(stripped, position, len(nonempty)) for r in rules)
            ):
                bio_taken = 0
            else:
                author_bio = f"{author_bio} {stripped}" if author_bio else stripped
                removed[line.number] = Removal(
                    line.number, stripped, "about-the-author", "Author bio", moved_to="author bio"
                )
                bio_taken = bio_taken + 1 if bio_taken <= BIO_LINES else 0
                previous, last_number = _line_key(stripped), line.number
                continue
        key = _line_key(stripped)
        repeated = bool(previous) and key == previous
        previous = key
        if whole_page and any(
            r.action == "ends-body" and r.matches(stripped, position, count) for r in rules
        ):
            continue  # decided with the body's structure: see _end_of_body
        for rule in rules:
            match = rule.matches(stripped, position, len(nonempty))
            if not match:
                continue
            moved_to = None
            if rule.action == "name-line":
                if not _is_name((match.groupdict().get("author") or "").strip()):
                    continue
            elif rule.action == "bio":
                if author_bio is None:
                    author_bio, moved_to = stripped, "author bio"
            elif rule.action == "byline":
                author = (match.groupdict().get("author") or "").strip()
                if byline is not None or not _is_name(author):
                    continue
                byline, moved_to = author, "byline"
                bio = (match.groupdict().get("bio") or "").strip()
                if bio and author_bio is None and _is_bio(bio):
                    author_bio = bio
            elif rule.action == "bio-heading":
                bio_taken = 1
            removed[line.number] = Removal(
                line.number, stripped, rule.id, rule.description, moved_to=moved_to
            )
            break
        else:
            if repeated:
                removed[line.number] = Removal(
                    line.number, stripped, REPEATED_LINE.id, REPEATED_LINE.description
                )
    kept = [line for line in nonempty if line.number not in removed]
    first = nonempty[0] if nonempty else None
    for line, rule_id, reason in _structural(kept, rules, first) if whole_page else ():
        removed[line.number] = Removal(line.number, line.text.strip(), rule_id, reason)
    body = tuple(line for line in text.lines if line.number not in removed)
    body = _drop_blank_runs(body)
    return CleanText(
        source=text,
        lines=body,
        removals=tuple(removed[n] for n in sorted(removed)),
        byline=byline,
        author_bio=author_bio,
    )


_PROSE_CLOSERS = ('"', "”", "’", "'", ")", ":", ";", "」", "»")
"""Beyond a sentence's end: a line may close on a quotation, a bracket or a colon."""


def _ends_like_prose(text: str) -> bool:
    return ends_sentence(text) or text.rstrip().endswith(_PROSE_CLOSERS)


# Scripts written without spaces between words: about two characters a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@lru_cache(maxsize=8192)
def word_count(text: str) -> int:
    """Words in ``text``, counting unspaced scripts (Chinese, Japanese, Thai…) too.

    Cached: every rule asks it of every line.
    """
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def is_prose(text: str, min_words: int, long_words: int) -> bool:
    """A line that reads like a sentence: long enough and ending like one, or long
    and not a run of capitalised names (a menu: "Today Health News Weight Loss …",
    "Afrique francophone (français) América Latina (español) …")."""
    if text.endswith(("...", "…")) and not text.endswith((".....", "……")):
        return False  # a teaser cut short: a link to another page, not the article's text
    words = word_count(text)
    if words >= min_words and _ends_like_prose(text):
        return True
    return words >= long_words and not _mostly_capitalised(text) and not _run_on(text, words)


MENU_CAPITALS = 0.7
"""Above this share of capitalised words (of those in a script with capitals), a long
line that does not end like a sentence is a list of names: German prose, which
capitalises its nouns, stays well below."""


RUN_ON_WORDS = 40
"""A line that does not end like a sentence and runs this many words per sentence end
inside it is a run of headlines or links glued together, not a paragraph."""
_INSIDE_END = re.compile(r"[.!?…][\"'”’)]*\s+(?=\W*[A-Z0-9])")


def _run_on(text: str, words: int) -> bool:
    return words >= 2 * RUN_ON_WORDS and words > RUN_ON_WORDS * (len(_INSIDE_END.findall(text)) + 1)


def _mostly_capitalised(text: str) -> bool:
    cased = [w for w in text.split() if w[:1].isupper() or w[:1].islower()]
    return bool(cased) and sum(w[0].isupper() for w in cased) > MENU_CAPITALS * len(cased)


def _looks_like_title(text: str, max_words: int) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and not text.endswith((".", ",", ";", ":"))


_NUMBER = re.compile(r"[-+$€£]?\d[\d.,:%/-]*")


def is_table_row(text: str) -> bool:
    """A row of a table copied as text: several cells, many of them numbers."""
    tokens = text.split()
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
    return len(tokens) >= 3 and numbers >= 2 and numbers / len(tokens) >= 0.4


def body_region(lines: list[Line], rule: RegionRule) -> tuple[int, int] | None:
    """Indices ``(start, end)`` (inclusive) of the densest run of prose lines."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        text = line.text.strip()
        if is_prose(text, rule.min_words, rule.long_words):
            gain = float(word_count(text))
        elif is_table_row(text):
            gain = 0.0  # a table inside the article neither extends nor breaks it
        else:
            gain = -rule.penalty
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _title_before(
    lines: list[Line], start: int, first: Line | None, rule: RegionRule
) -> int | None:
    """Index of the title-like line just before the body, if any.

    A line that the page's first line (often the browser title, "Headline -
    Site") contains is preferred; otherwise the nearest title-like line.
    """
    candidates = [
        i
        for i in range(max(0, start - rule.title_lookback), start)
        if _looks_like_title(lines[i].text.strip(), rule.title_max_words)
    ]
    if not candidates:
        return None
    if first is not None:
        page_title = _line_key(first.text)
        named = [i for i in candidates if _line_key(lines[i].text) in page_title]
        if named:
            return named[-1]
    return candidates[-1]


def _structural(lines: list[Line], rules: Rules, first: Line | None) -> list[tuple[Line, str, str]]:
    """Lines removed by the structural rules: outside the body, or link lists in it."""
    out: list[tuple[Line, str, str]] = []
    region = rules.region
    if region is None or not lines:
        return out
    span = body_region(lines, region)
    if span is None:
        return out
    start, end = span
    end = _end_of_body(lines, start, end, rules, out)
    title = _title_before(lines, start, first, region)
    taken = {line.number for line, _, _ in out}
    for i, line in enumerate(lines):
        if i < start and i != title:
            out.append((line, region.head_id, region.head_description))
        elif i > end and line.number not in taken:
            out.append((line, region.tail_id, region.tail_description))
    inside = lines[start : end + 1]
    if rules.repeats is not None:
        window = rules.repeats.window
        folded = [_line_key(line.text) for line in lines]
        for i in range(start, end + 1):
            earlier = folded[max(0, i - window) : max(0, i - 1)]
            if folded[i] in earlier and word_count(folded[i]) >= rules.repeats.min_words:
                out.append((lines[i], rules.repeats.id, rules.repeats.description))
    for block in rules.blocks:
        run: list[Line] = []
        for line in [*inside, None]:
            text = line.text.strip() if line else ""
            if (
                line
                and not is_prose(text, region.min_words, region.long_words)
                and not is_table_row(text)
                and not _ends_like_prose(text)
                and word_count(text) <= block.max_words
            ):
                run.append(line)
                continue
            if len(run) >= block.min_lines:
                out.extend((x, block.id, block.description) for x in run)
            run = []
    return out


def _end_of_body(
    lines: list[Line], start: int, end: int, rules: Rules, out: list[tuple[Line, str, str]]
) -> int:
    """Cut the body at a line that ends an article (comments, related stories).

    Only a marker in the second half of the body's prose counts, so a "Related"
    box in the middle of an article never takes the rest of it away.
    """
    markers = [r for r in rules.lines if r.action == "ends-body"]
    region = rules.region
    assert region is not None
    weights = [
        word_count(x.text) if is_prose(x.text.strip(), region.min_words, region.long_words) else 0
        for x in lines
    ]
    total = sum(weights[start : end + 1])
    before = 0
    for i in range(start, end + 1):
        text = lines[i].text.strip()
        for rule in markers:
            if not rule.matches(text, 0, 1):
                continue
            if before * 2 >= total:
                out.extend((x, rule.id, rule.description) for x in lines[i : end + 1])
                return i - 1
            out.append((lines[i], rule.id, rule.description))  # mid-article: the line only
            break
        before += weights[i]
    return end


def _drop_blank_runs(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Collapse blank lines left by removals so paragraphs stay separated once."""
    out: list[Line] = []
    for line in lines:
        blank = not line.text.strip()
        if blank and (not out or not out[-1].text.strip()):
            continue
        out.append(line)
    while out and not out[-1].text.strip():
        out.pop()
    return tuple(out)
