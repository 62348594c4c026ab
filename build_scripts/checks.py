"""What the editors should look at, found once the facts are in: one place for
the warnings about the dossier as a whole that no single stage can give.

(A stage's own mistakes, such as a sidecar's bad date or a data file's unknown
key, are reported where they are found; the cross-references report entries no
source uses.)
"""

from __future__ import annotations

import re

from .clean import is_prose, word_count
from .enrich import Enriched
from .errors import Problem
from .matching import Matcher
from .metadata import looks_like_byline, names_owner, only_updated
from .model import Article
from .yamlfile import excerpt

REMOVED_SHARE_WARNING = 0.5
"""Warn when cleaning removed more than this share of a source's prose."""
PROSE_MIN_WORDS = 8
"""A removed line this long that ends like a sentence reads like article text."""


def removal_warning(item: Enriched) -> list[Problem]:
    """A source that lost most of its prose to the boilerplate rules: likely a rule
    took article text (everything removed is in the audit, but say so). Only lines
    that read like sentences count: a copied page's menus and link lists are many
    words, and removing them all is the rules doing their job, not a reason to look."""
    article = item.article
    removed = sum(
        word_count(r.text)
        for r in article.removals
        if r.moved_to is None and is_prose(r.text, PROSE_MIN_WORDS, PROSE_LONG_WORDS)
    )
    total = removed + article.word_count
    if total == 0 or removed <= REMOVED_SHARE_WARNING * total:
        return []
    return [
        Problem(
            article.source.text_path,
            f"{removed:,} of {total:,} words of sentences were removed as page furniture",
            "check the Source notes on its page; if article text went, report the rule named",
            severity="warning",
        )
    ]


PROSE_LONG_WORDS = 25


def _source_lines(article: Article) -> list[tuple[int, str]]:
    """The source's lines the build kept track of: those removed, and the body's."""
    lines = [(r.line, r.text) for r in article.removals]
    lines += [(p.line, p.text) for p in article.paragraphs]
    return sorted(lines)


FIELD_WORDS = {"title": "title", "authors": "author", "published": "date"}
SIDECAR_KEYS = {"title": "title", "authors": "author", "published": "published"}


def metadata_warnings(item: Enriched) -> list[Problem]:
    """What the source seems to state that the card does not show (the dossier
    abstains rather than guess): the line an editor should read, and the sidecar key
    that settles it."""
    article = item.article
    path = article.source.text_path
    lines = _source_lines(article)
    out = []
    stated = dict(article.origins)
    if article.provenance.title is None:
        line, text = next(((n, t) for n, t in lines if n), (None, ""))
        out.append(
            Problem(
                path,
                f"title not stated: no line repeats the page's title (line {line} reads"
                f" {excerpt(text)})",
                "give the article's headline in the sidecar (title: …)",
                line,
                "warning",
            )
        )
    if "authors" not in stated:
        byline = next(((n, t) for n, t in lines if looks_like_byline(t)), None)
        if byline is not None:
            out.append(
                Problem(
                    path,
                    f"author not stated; line {byline[0]} looks like a byline:"
                    f" {excerpt(byline[1])}",
                    "if it names the writer, give the name in the sidecar (author: …)",
                    byline[0],
                    "warning",
                )
            )
    if "publication" not in stated:
        named = next(((n, t) for n, t in lines if names_owner(t)), None)
        if named is not None:
            out.append(
                Problem(
                    path,
                    f"publication not stated; line {named[0]} names {excerpt(named[1])}",
                    "if that is the outlet, give its name in the sidecar (publication: …)",
                    named[0],
                    "warning",
                )
            )
    for field, seen in article.doubts:
        if stated.get(field) == "sidecar":
            continue  # the editors have settled it
        out.append(
            Problem(
                path,
                f"the page's text and its data disagree on the {FIELD_WORDS[field]}: {seen};"
                " the card shows what the page shows",
                f"check the page; give the right value in the sidecar ({SIDECAR_KEYS[field]}: …)",
                severity="warning",
            )
        )
    if "published" not in stated:
        updated = next(((n, t) for n, t in lines if only_updated(t)), None)
        if updated is not None:
            out.append(
                Problem(
                    path,
                    f"date not stated; line {updated[0]} gives only when the page was updated:"
                    f" {excerpt(updated[1])}",
                    "if the publication date is known, give it in the sidecar (published: …)",
                    updated[0],
                    "warning",
                )
            )
    return out


_SPACED_COMMA = re.compile(r"[.!?]\s+,|\s,(?=\s)")
_SHOUTED = re.compile(r"(?<=[a-z,] )[A-Z]{6,}(?= )")  # (acronyms are shorter: NATO, BRICS)
_WORD = re.compile(r"[^\W\d_]+")
_MOJIBAKE = re.compile(r"\w*(?:â€|Ã[\u0080-\u00bf]|â\u0080)\S*")
"""UTF-8 read as Windows-1252 that ftfy could not repair (a byte was lost: "orderâ€,")."""
GLUED_MIN_LETTERS = 10
GLUED_PART_MIN = 4
SUGGESTIONS_MAX = 5
"""A source gets at most this many garbled-text suggestions: the first few show the kind."""


def garbled_text(item: Enriched) -> list[Problem]:
    """Text that reads as garbled in the collected copy, for an editor to correct in
    the sidecar (never fixed silently): a word in capitals mid-sentence ("saw
    RUNNING North"), a stray comma after a full stop (". ,"), mojibake ftfy could not
    repair ("orderâ€,"), two words run together ("Triangleputting": both halves are
    words of the same source, the whole is not)."""
    article = item.article
    vocabulary: dict[str, int] = {}
    for paragraph in article.paragraphs:
        for word in _WORD.findall(paragraph.text):
            vocabulary[word.casefold()] = vocabulary.get(word.casefold(), 0) + 1
    out = []
    for paragraph in article.paragraphs:
        found = [
            f"a stray comma: {excerpt(m.group(0))}" for m in _SPACED_COMMA.finditer(paragraph.text)
        ]
        found += [
            f"a word in capitals mid-sentence: {excerpt(m.group(0))}"
            for m in _SHOUTED.finditer(paragraph.text)
            if vocabulary.get(m.group(0).casefold(), 0) == 1
        ]
        found += [
            f"mojibake left of a broken character: {excerpt(m.group(0))}"
            for m in _MOJIBAKE.finditer(paragraph.text)
        ]
        found += [
            f"two words run together? {excerpt(word)}"
            for word in _WORD.findall(paragraph.text)
            if _glued(word, vocabulary)
        ]
        out += [
            Problem(
                article.source.text_path,
                what,
                "if the collected copy garbled it, correct it in the sidecar (corrections: …)",
                paragraph.line,
                "suggestion",
            )
            for what in found
        ]
    return out[:SUGGESTIONS_MAX]


def _glued(word: str, vocabulary: dict[str, int]) -> bool:
    folded = word.casefold()
    if len(folded) < GLUED_MIN_LETTERS or vocabulary.get(folded, 0) > 1 or not word[1:].islower():
        return False
    return any(
        vocabulary.get(folded[:i], 0) and vocabulary.get(folded[i:], 0)
        for i in range(GLUED_PART_MIN, len(folded) - GLUED_PART_MIN + 1)
    )


def unused_corrections(item: Enriched) -> list[Problem]:
    """An editors' correction whose original text is not in the source."""
    source = item.article.source
    return [
        Problem(
            source.sidecar_path or source.text_path,
            f"correction not applied: {excerpt(correction.original)} is not in the source text",
            "copy the original text exactly from the source, or remove the correction",
            correction.line,
            severity="warning",
        )
        for correction in item.article.unused_corrections
    ]


def source_warnings(item: Enriched) -> list[Problem]:
    """Everything an editor should check about one built source."""
    return (
        removal_warning(item)
        + unused_corrections(item)
        + metadata_warnings(item)
        + garbled_text(item)
    )


def name_clashes(matcher: Matcher) -> list[Problem]:
    """A name or alias that two entries share: the dossier links it to the first."""
    return [
        Problem(
            entry.path,
            f"{name!r} names both {owner.name!r} ({owner.path}) and {entry.name!r}",
            f"keep it on one entry only; the dossier links it to {owner.name!r}",
            entry.line,
            "warning",
        )
        for name, owner, entry in matcher.clashes
    ]
