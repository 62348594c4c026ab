"""Stage 2, clean: take out what is not the article body, and say so.

Which lines are boilerplate is decided by general rules kept as data
(``rules/boilerplate.yml``), never by a special case for one file. Every line
that does not reach the body is returned as a :class:`Removal` for the audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from .model import CleanText, Line, Removal, SourceText

HEAD_LINES = 8
"""How many non-empty lines from the start count as the head (title, byline)."""
TAIL_LINES = 8
"""How many non-empty lines from the end count as the tail (bio, credits)."""
BIO_LINES = 3
"""At most this many lines under an "About the author" heading form the bio."""

Where = Literal["anywhere", "head", "tail"]
Action = Literal["drop", "byline", "bio-heading"]

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
        if self.max_words is not None and len(text.split()) > self.max_words:
            return None
        return self.pattern.fullmatch(text)


REPEATED_LINE = Rule(
    id="repeated-line",
    description="Repeats the line before it (a duplicated title or caption)",
    pattern=re.compile(""),
)


def parse_rules(data: dict) -> tuple[Rule, ...]:
    """Build rules from their YAML form (see ``rules/boilerplate.yml``)."""
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
def default_rules() -> tuple[Rule, ...]:
    text = resources.files(__package__).joinpath("rules/boilerplate.yml").read_text("utf-8")
    return parse_rules(yaml.safe_load(text))


def rules_path() -> Path:
    """Where the default rules live, for messages and cache keys."""
    return Path(str(resources.files(__package__).joinpath("rules/boilerplate.yml")))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_name(author: str) -> bool:
    """A byline names people: every word capitalised, bar particles like "de"."""
    words = author.split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in _PARTICLES for w in words)


def clean(text: SourceText, rules: tuple[Rule, ...] | None = None) -> CleanText:
    """Split ``text`` into body lines and audited removals."""
    rules = default_rules() if rules is None else rules
    nonempty = [line for line in text.lines if line.text.strip()]
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
            if new_block or any(r.matches(stripped, position, len(nonempty)) for r in rules):
                bio_taken = 0
            else:
                author_bio = f"{author_bio} {stripped}" if author_bio else stripped
                removed[line.number] = Removal(
                    line.number, stripped, "about-the-author", "Author bio", moved_to="author bio"
                )
                bio_taken = bio_taken + 1 if bio_taken <= BIO_LINES else 0
                previous, last_number = _fold(stripped), line.number
                continue
        repeated = bool(previous) and _fold(stripped) == previous
        previous = _fold(stripped)
        for rule in rules:
            match = rule.matches(stripped, position, len(nonempty))
            if not match:
                continue
            moved_to = None
            if rule.action == "byline":
                author = (match.groupdict().get("author") or "").strip()
                if byline is not None or not _is_name(author):
                    continue
                byline, moved_to = author, "byline"
                bio = (match.groupdict().get("bio") or "").strip()
                if bio and author_bio is None:
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
    body = tuple(line for line in text.lines if line.number not in removed)
    body = _drop_blank_runs(body)
    return CleanText(
        source=text,
        lines=body,
        removals=tuple(removed[n] for n in sorted(removed)),
        byline=byline,
        author_bio=author_bio,
    )


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
