"""What the editors should look at, found once the facts are in: one place for
the warnings about the dossier as a whole that no single stage can give.

(A stage's own mistakes, such as a sidecar's bad date or a data file's unknown
key, are reported where they are found; the cross-references report entries no
source uses.)
"""

from __future__ import annotations

from .enrich import Enriched
from .errors import Problem
from .matching import Matcher
from .yamlfile import excerpt

REMOVED_SHARE_WARNING = 0.5
"""Warn when cleaning removed more than this share of a source's words."""


def removal_warning(item: Enriched) -> list[Problem]:
    """A source that lost most of its words to the boilerplate rules: likely a
    rule took article text (everything removed is in the audit, but say so)."""
    article = item.article
    removed = sum(len(r.text.split()) for r in article.removals if r.moved_to is None)
    total = removed + article.word_count
    if total == 0 or removed <= REMOVED_SHARE_WARNING * total:
        return []
    return [
        Problem(
            article.source.text_path,
            f"{removed:,} of {total:,} words were removed as page furniture",
            "check the Source notes on its page; if article text went, report the rule named",
            severity="warning",
        )
    ]


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
    return removal_warning(item) + unused_corrections(item)


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
