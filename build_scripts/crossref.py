"""Cross-references across the dossier: who uses what, which sources are related.

This is the one stage that looks at all articles together. It works from an
inverted index (entry → articles), never from every pair of articles, so its
cost grows with the number of mentions, not with the square of the sources.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .enrich import ArticleMention, Enriched
from .errors import Problem
from .knowledge import EVENTS, KINDS, Entry, Knowledge, TimelineEvent
from .matching import Matcher

KEY_TERMS_MAX = 8
KEY_CONCEPTS_MAX = 5
"""Key terms are glossary concepts first (up to KEY_CONCEPTS_MAX), then names."""
THEMES_MAX = 8
RELATED_SHOWN = 4
SHARED_NAMED = 4
RELATED_MIN = 1.0
"""The least score of a related source: about two distinctive names shared by
few sources (each adds its rarity in the dossier, 0–1, times its specificity,
0–1). One everyday name, or names every source uses, never reach it."""
EVERYDAY_SPECIFICITY = 0.2
"""What a place or an entry never linked (an everyday name) adds to relatedness,
against 1 for a rare concept: "United States" alone relates nothing."""
ZIPF_TOP = 7.0
"""wordfreq's Zipf scale: 7 for "the", 0 for a word it never saw."""
_NOT_COUNTED = frozenset({"of", "the", "and", "in", "on", "for", "to", "a", "an"})
POSTINGS_MAX = 100
"""An entry named by more sources than this says little about which two are
related: it is used only when rarer names found too few related sources, and
then through at most this many of its sources. This bounds the work per
article, so names like "United States" never make it touch every pair."""
MIN_NAME_COUNT = 2
"""A capitalised name must appear this often before it is suggested for the data."""


class Usage(NamedTuple):
    """One mention of an entry, in the article it is in (a tuple: there are one
    per mention, tens of thousands in a large dossier)."""

    item: Enriched
    mention: ArticleMention

    @property
    def sentence(self) -> str:
        if self.mention.heading is not None:
            return self.mention.heading
        paragraph = self.item.article.paragraphs[self.mention.paragraph_index]
        return paragraph.sentences[self.mention.sentence]

    @property
    def paragraph_number(self) -> int:
        return self.item.article.paragraphs[self.mention.paragraph_index].number


@dataclass(frozen=True)
class Related:
    item: Enriched
    score: float
    shared: tuple[Entry, ...]


@dataclass(frozen=True)
class Citation:
    item: Enriched
    paragraph: int
    """The ¶ number."""


@dataclass(frozen=True)
class CrossRef:
    usages: dict[str, tuple[Usage, ...]]
    """Entry name → every mention, in source order."""
    related: dict[str, tuple[Related, ...]]
    """Article slug → related articles, best first."""
    timeline: tuple[tuple[TimelineEvent, tuple[Citation, ...]], ...]
    authored: dict[str, tuple[Enriched, ...]]
    """Person name → the sources they wrote (matched in the byline or sidecar)."""
    key_terms: dict[str, tuple[Entry, ...]]
    """Article slug → its 5–8 most characteristic terms and names."""
    themes: tuple[tuple[Entry, int], ...]
    """Glossary concepts used by more than one source, with how many use them."""

    def sources_of(self, entry: Entry) -> list[Enriched]:
        seen: dict[str, Enriched] = {}
        for usage in self.usages.get(entry.name, ()):
            seen.setdefault(usage.item.article.slug, usage.item)
        return list(seen.values())


Named = tuple[str, str, int, float]
"""An entry as ranking sees it: its name, its kind, how many times the source
names it, and its specificity (0–1; :func:`specificity`)."""
Profile = tuple[str, tuple[Named, ...]]
"""A source as ranking sees it: its slug, and each entry it names, in order of
first mention. Plain values: ranking is memoised by them."""

RankedNames = tuple[str, float, tuple[str, ...]]
"""A related source's slug, its score, and the names it shares, as ranked."""


def rarity(entry: Entry) -> float:
    """How unlike ordinary English the entry's name is, 0–9: 7 minus its Zipf
    frequency, plus one for each further word (a phrase is rarer than its
    rarest word: "Great Strategic Triangle"), at most two."""
    words = [w for w in entry.name.split() if w.casefold() not in _NOT_COUNTED]
    return max(0.0, ZIPF_TOP - entry.commonness) + min(2, max(0, len(words) - 1))


def specificity(entry: Entry) -> float:
    """What naming ``entry`` says about a source, 0–1: its rarity in English,
    and little for a place or an everyday name the data never links."""
    if entry.kind == "place" or entry.link == "never":
        return EVERYDAY_SPECIFICITY
    return max(EVERYDAY_SPECIFICITY, min(1.0, rarity(entry) / ZIPF_TOP))


def _profile(item: Enriched, entries: dict[str, Entry]) -> Profile:
    counts = Counter(m.entry.name for m in item.mentions)
    return item.article.slug, tuple(
        (name, entry.kind, counts[name], round(specificity(entry), 6))
        for name, entry in entries.items()
    )


@dataclass(frozen=True)
class _Ranking:
    related: dict[str, tuple[RankedNames, ...]]
    key_terms: dict[str, tuple[str, ...]]
    themes: tuple[tuple[str, int], ...]


Memo = Callable[[str, Hashable, Callable[[], Any], bool], Any]
"""``Store.memo``: a value kept while its inputs are equal (``True``: for the
next process too)."""


def _ranking(profiles: tuple[Profile, ...]) -> _Ranking:
    """Related sources, key terms and themes: the parts of cross-referencing
    that weigh every source against all the others. They depend on nothing but
    the profiles: the sources in order, and which entries (of which kind) each
    names how often, which an edit to a source's wording seldom changes; so the
    build keeps the last result (``mkdocs serve`` re-runs the pipeline after
    each edit) and uses it again while the profiles are exactly the same."""
    return _Ranking(_related(profiles), _key_terms(profiles), _themes(profiles))


def _related(profiles: tuple[Profile, ...]) -> dict[str, tuple[RankedNames, ...]]:
    """For each source, the sources that share enough of what it is about.

    A shared entry adds its rarity in the dossier (the idf, scaled to 0–1 so the
    threshold means the same for 3 sources and for 3,000) times its specificity
    (a rare concept 1, an everyday place 0.2); a source is related from
    RELATED_MIN on. Rarest entries are tried first; one named by more than
    POSTINGS_MAX sources is used only while too few are found, and through a
    bounded slice of its sources, so the work per source stays bounded.
    """
    names_of = [{name: spec for name, _, _, spec in named} for _, named in profiles]
    kinds = {name: kind for _, named in profiles for name, kind, _, _ in named}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, names in enumerate(names_of):
        for name in names:
            postings[name].append(i)
    total = len(profiles)
    scale = math.log(1 + total)
    idf = {name: math.log((1 + total) / len(docs)) / scale for name, docs in postings.items()}
    weight = {
        name: idf[name] * names_of[docs[0]][name] for name, docs in postings.items()
    }  # specificity is the entry's: the same in every source
    rarest_first = {name: (len(docs), name) for name, docs in postings.items()}
    slugs = [slug for slug, _ in profiles]

    def best_first(candidate: tuple[int, float]) -> tuple[float, str]:
        return -candidate[1], slugs[candidate[0]]

    result: dict[str, tuple[RankedNames, ...]] = {}
    for i, names in enumerate(names_of):
        scores: dict[int, float] = {}
        for name in sorted(names, key=rarest_first.__getitem__):
            docs = postings[name]
            if len(docs) > POSTINGS_MAX:
                scores.pop(i, None)
                if sum(s >= RELATED_MIN for s in scores.values()) >= RELATED_SHOWN:
                    break
                docs = docs[:POSTINGS_MAX]
            for j in docs:
                scores[j] = scores.get(j, 0.0) + weight[name]
        scores.pop(i, None)
        enough = {j: score for j, score in scores.items() if score >= RELATED_MIN - 1e-9}
        ranked = heapq.nsmallest(RELATED_SHOWN, enough.items(), key=best_first)
        related = []
        for j, score in ranked:
            shared = [n for n in names if n in names_of[j]]
            shared.sort(key=lambda n: (-weight[n], kinds[n] != "term", n))
            related.append((slugs[j], round(score, 6), tuple(shared[:SHARED_NAMED])))
        result[slugs[i]] = tuple(related)
    return result


def _key_terms(profiles: tuple[Profile, ...]) -> dict[str, tuple[str, ...]]:
    """Each article's characteristic entries: what it names, weighed by how
    often (sublinearly), by how few of the dossier's sources name it, and by
    how unlike ordinary English the name is, squared (so that a dossier of
    three sources does not collapse to the broad words all three use:
    Grossraum and Tianxia before Globalization and Liberal democracy).

    Concepts come first (they say what the piece argues); then people,
    organisations and events; places only where nothing else fills the list.
    """
    df: Counter[str] = Counter(name for _, named in profiles for name, _, _, _ in named)
    total = len(profiles)
    result = {}
    for slug, named in profiles:
        weights = {
            name: (1 + math.log(times)) * math.log((1 + total) / df[name] + 1) * spec * spec
            for name, _, times, spec in named
        }

        def ranked(
            kinds: set[str], named: tuple[Named, ...] = named, weights: dict = weights
        ) -> list[str]:
            names = [name for name, kind, _, _ in named if kind in kinds]
            return sorted(names, key=lambda n: (-weights[n], n))

        concepts = ranked({"term"})[:KEY_CONCEPTS_MAX]
        rest = ranked({"person", "organisation", "event"}) + ranked({"place"})
        result[slug] = tuple(concepts + rest[: KEY_TERMS_MAX - len(concepts)])
    return result


def _themes(profiles: tuple[Profile, ...]) -> tuple[tuple[str, int], ...]:
    used: Counter[str] = Counter(
        name for _, named in profiles for name, kind, _, _ in named if kind == "term"
    )
    shared = [(n, c) for n, c in used.items() if c > 1]
    shared.sort(key=lambda pair: (-pair[1], pair[0].casefold()))
    return tuple(shared[:THEMES_MAX])


def _timeline(
    items: list[Enriched], events: tuple[TimelineEvent, ...]
) -> tuple[tuple[TimelineEvent, tuple[Citation, ...]], ...]:
    # Each source found its phrases in enrich; each event cites the paragraphs
    # where one of its phrases was found.
    found: dict[str, list[Citation]] = defaultdict(list)
    for item in items:
        for phrase, number in item.event_phrases:
            found[phrase].append(Citation(item, number))
    order = {item.article.slug: i for i, item in enumerate(items)}
    out = []
    for event in events:
        # In source order, each paragraph once, however many phrases it has.
        citations: dict[tuple[str, int], Citation] = {}
        for citation in sorted(
            (c for phrase in set(event.mentions) for c in found[phrase]),
            key=lambda c: (order[c.item.article.slug], c.paragraph),
        ):
            citations.setdefault((citation.item.article.slug, citation.paragraph), citation)
        out.append((event, tuple(citations.values())))
    return tuple(out)


def _suggestions(items: list[Enriched]) -> list[Problem]:
    """Names several passages use that no data file knows (found in enrich)."""
    counts: Counter[str] = Counter()
    where: dict[str, Enriched] = {}
    for item in items:
        counts.update(item.unknown_names)
        for name in item.unknown_names:
            where.setdefault(name, item)
    return [
        Problem(
            where[name].article.source.text_path,
            f"{name!r} ({count}×) is in no data file",
            "add it to seeds/data/entities.yml or the glossary if it matters",
            severity="suggestion",
        )
        for name, count in sorted(counts.items())
        if count >= MIN_NAME_COUNT
    ]


def cross_reference(
    items: list[Enriched],
    knowledge: Knowledge,
    matcher: Matcher,
    all_sources: bool = True,
    memo: Memo | None = None,
) -> tuple[CrossRef, list[Problem]]:
    """Who uses what, related sources, the timeline; and warnings for the editors.

    ``all_sources`` is False when some source failed to build: an entry it alone
    mentions is then not reported as unused (the source's own error says enough).
    ``memo``: where the ranking of the sources is kept (the build's store).
    """
    usages: dict[str, list[Usage]] = defaultdict(list)
    for item in items:
        for mention in sorted(item.mentions, key=lambda m: (m.paragraph_index, m.heading is None)):
            usages[mention.entry.name].append(Usage(item, mention))
    authored: dict[str, list[Enriched]] = defaultdict(list)
    for item in items:
        for m in matcher.find(item.article.author or ""):
            if m.entry.kind == "person":
                authored[m.entry.name].append(item)
    entries_of = [item.entries() for item in items]  # each source's, once per build
    profiles = tuple(map(_profile, items, entries_of))
    if memo is None:
        ranking = _ranking(profiles)
    else:
        ranking = memo("ranking", profiles, lambda: _ranking(profiles), True)
    by_slug = {item.article.slug: item for item in items}
    by_name = {name: entry for entries in entries_of for name, entry in entries.items()}
    crossref = CrossRef(
        usages={name: tuple(found) for name, found in usages.items()},
        related={
            slug: tuple(
                Related(by_slug[other], score, tuple(by_name[n] for n in shared))
                for other, score, shared in related
            )
            for slug, related in ranking.related.items()
        },
        timeline=_timeline(items, knowledge.events),
        authored={name: tuple(found) for name, found in authored.items()},
        key_terms={
            slug: tuple(by_name[n] for n in names) for slug, names in ranking.key_terms.items()
        },
        themes=tuple((by_name[name], count) for name, count in ranking.themes),
    )
    dated = {event.entity for event, citations in crossref.timeline if citations}
    problems = [
        Problem(
            entry.path,
            f"{KINDS[entry.kind][2].lower()} {entry.name!r} is found in no source",
            "check its spelling and aliases, or remove it",
            entry.line,
            "warning",
        )
        for entry in knowledge.entries
        if items
        and all_sources
        and entry.name not in usages
        and entry.name not in authored.keys() | dated
    ]
    for event, citations in crossref.timeline:
        if not citations and items:
            problems.append(
                Problem(
                    EVENTS,
                    f"timeline event {event.title!r}: none of its mentions is in any source",
                    "copy a phrase exactly from an article into its 'mentions'",
                    event.line,
                    "warning",
                )
            )
    problems.extend(_suggestions(items))
    problems.extend(_off_topic(items, profiles))
    problems.extend(_unsure(items, knowledge))
    return crossref, problems


def _unsure(items: list[Enriched], knowledge: Knowledge) -> list[Problem]:
    """Ambiguous names a page gave no context for, once per source and name:
    the editors may add a context word to the data, or the entry it means."""
    by_name = knowledge.by_name()
    problems = []
    for item in items:
        seen: dict[tuple[str, str], int] = {}
        for name, words, number in item.unsure:
            seen.setdefault((name, words), number)
        for (name, words), number in seen.items():
            context = ", ".join(by_name[name].context) if name in by_name else ""
            lacks = f"none of its context words ({context})" if context else "no other name of it"
            problems.append(
                Problem(
                    item.article.source.text_path,
                    f"{words!r} (¶{number}) is not taken for {name!r}: the page has {lacks}",
                    f"if it means {name!r}, add a word of the page to its 'context' in the data",
                    severity="suggestion",
                )
            )
    return problems


def _off_topic(items: list[Enriched], profiles: tuple[Profile, ...]) -> list[Problem]:
    """A source that shares no glossary concept with any other: named, as it may
    not belong in this dossier (or the glossary lacks what it shares)."""
    if len(items) < 2:
        return []
    concepts = [{name for name, kind, _, _ in named if kind == "term"} for _, named in profiles]
    used = Counter(name for names in concepts for name in names)
    return [
        Problem(
            item.article.source.text_path,
            "shares no glossary concept with any other source: off-topic for this dossier?",
            "check that it belongs here, or add to the glossary what it shares with the others",
            severity="suggestion",
        )
        for item, names in zip(items, concepts, strict=True)
        if all(used[name] == 1 for name in names)
    ]
