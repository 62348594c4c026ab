"""The Positions page (issue 18): what each source argues, side by side.

A decision-maker compares sources here without reading them. One row per
source: its kind, its thesis (the summary box's, quoted with its ¶) and the
concepts it leans on (its key glossary terms). Then, for each glossary concept
that two or more sources use, one sentence of each about it, quoted with its ¶
link, next to each other.

Every quotation is the source's own sentence, attributed by its title and ¶;
the page never says in our voice what an author argues ("Bolger argues …" is
never written): a reader sees who said what, and checks it in one click.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from .crossref import CrossRef, Usage
from .enrich import Enriched, SummarySentence
from .knowledge import GLOSSARY, Entry
from .model import Page
from .print_page import PRINT_FULL_TEXT_MAX, PRINT_PAGE
from .render import Templates, render_template
from .summarize import chain_of, needs_antecedent, never_a_bullet, rank_sentences

ROWS_MAX = 100
"""Sources with a row; a larger dossier lists the rest on the Sources page."""
CONCEPTS_MAX = 15
"""Shared concepts compared (the most widely used first)."""
QUOTES_MAX = 8
"""Sources quoted per concept; the concept's own page quotes every one."""
QUOTE_SENTENCES_MAX = 2
"""A quotation that leans on the sentence before it brings that one along."""
PATH = PurePosixPath("positions.md")
_PREDICATE = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:is|are|was|were|means?|meant|represents?|remains?|"
    r"became|becomes|has become|have become|signals?|marks?|stands? for|amounts? to)\b",
    re.IGNORECASE,
)
"""Words after a mention that say what the concept is or does."""


@dataclass(frozen=True)
class Row:
    item: Enriched
    thesis: SummarySentence | None
    concepts: tuple[Entry, ...]


@dataclass(frozen=True)
class Quote:
    item: Enriched
    paragraph: int
    """The ¶ number."""
    text: str


@dataclass(frozen=True)
class Concept:
    entry: Entry
    sources: int
    """How many sources use it (more than are quoted, in a large dossier)."""
    quotes: tuple[Quote, ...]


def rows(items: Sequence[Enriched], crossref: CrossRef) -> tuple[Row, ...]:
    """A row per source (the first ``ROWS_MAX``), in the dossier's order."""
    return tuple(
        Row(
            item,
            item.summary.thesis,
            tuple(e for e in crossref.key_terms.get(item.article.slug, ()) if e.kind == "term"),
        )
        for item in items[:ROWS_MAX]
    )


class SentenceRanks:
    """Each quoted source's sentences, best first (``summarize.rank_sentences``),
    by the source's cache key and slug (``keys``, by slug): ranked once per
    source text, in later builds and processes too (``known``, a lasting table
    of the store, which keeps this build's only). Without keys, every build ranks."""

    def __init__(self, keys: Mapping[str, str] | None = None, known: dict | None = None) -> None:
        self.keys = keys or {}
        self.known = known if known is not None else {}
        self.last = dict(self.known)
        self.known.clear()
        self.by_slug: dict[str, dict[tuple[int, int], int]] = {}

    def of(self, item: Enriched) -> dict[tuple[int, int], int]:
        """Each sentence's (paragraph_index, sentence_index) → its rank."""
        article = item.article
        if article.slug in self.by_slug:
            return self.by_slug[article.slug]
        slot = (self.keys.get(article.slug), article.slug)
        ranked = self.last.get(slot) if slot[0] else None
        if ranked is None:
            ranked = tuple(rank_sentences(article.title, [p.sentences for p in article.paragraphs]))
        if slot[0]:
            self.known[slot] = ranked
        found = self.by_slug[article.slug] = {cell: i for i, cell in enumerate(ranked)}
        return found


def _quote(item: Enriched, usages: Sequence[Usage], ranks: SentenceRanks) -> Quote | None:
    """The sentence of ``item`` that says most about the concept: among those
    that name it and can be read alone (no "This …", no question or caption),
    one that says what the concept is or does ("multipolarism now represents
    …"), then the best-ranked; headings are not quoted."""
    article = item.article
    rank = ranks.of(item)
    paragraphs = article.paragraphs
    predicated: dict[tuple[int, int], bool] = {}
    for u in usages:
        if u.mention.heading is None and u.item is item:
            cell = (u.mention.paragraph_index, u.mention.sentence)
            after = paragraphs[cell[0]].sentences[cell[1]][u.mention.end :]
            predicated[cell] = predicated.get(cell, False) or bool(_PREDICATE.match(after))
    if not predicated:
        return None

    def readable(cell: tuple[int, int]) -> bool:
        sentence = paragraphs[cell[0]].sentences[cell[1]]
        return not needs_antecedent(sentence) and not never_a_bullet(sentence)

    best = min(
        predicated,
        key=lambda c: (not readable(c), not predicated[c], rank.get(c, len(rank)), c),
    )
    paragraph = paragraphs[best[0]]
    sentences = [paragraph.sentences[best[1]]]
    if not readable(best):
        # Quoted with the sentence it leans on, when that is the one before.
        chain = chain_of(best, [p.sentences for p in paragraphs])
        if chain is not None and len(chain) <= QUOTE_SENTENCES_MAX:
            sentences = [paragraph.sentences[s] for _, s in chain]
    start = paragraph.text.find(sentences[0])
    end = paragraph.text.find(sentences[-1], start) + len(sentences[-1])
    return Quote(item, paragraph.number, paragraph.text[start:end])


def concepts(
    items: Sequence[Enriched], crossref: CrossRef, ranks: SentenceRanks | None = None
) -> tuple[Concept, ...]:
    """The shared concepts (``crossref.themes``: glossary terms more than one
    source uses), each with one quotation per source, in the dossier's order."""
    order = {item.article.slug: i for i, item in enumerate(items)}
    ranks = ranks or SentenceRanks()
    out = []
    for entry, count in crossref.themes[:CONCEPTS_MAX]:
        usages = crossref.usages.get(entry.name, ())
        by_source: dict[str, list[Usage]] = {}
        for usage in usages:
            by_source.setdefault(usage.item.article.slug, []).append(usage)
        quotes = []
        for slug in sorted(by_source, key=lambda s: order.get(s, len(order))):
            found = by_source[slug]
            quote = _quote(found[0].item, found, ranks)
            if quote is not None:
                quotes.append(quote)
            if len(quotes) == QUOTES_MAX:
                break
        if len(quotes) > 1:
            out.append(Concept(entry, count, tuple(quotes)))
    return tuple(out)


def render_positions(
    t: Templates, items: Sequence[Enriched], crossref: CrossRef, shared: Sequence[Concept]
) -> Page:
    """``shared``: the :func:`concepts`, found once for this page and the print page."""
    return render_template(
        t,
        "positions.md.j2",
        PATH,
        [GLOSSARY, "seeds/"],
        rows=rows(items, crossref),
        concepts=shared,
        total=len(items),
        rows_max=ROWS_MAX,
        edit_path=GLOSSARY.as_posix(),
    )


def render_print_positions(
    t: Templates, items: Sequence[Enriched], crossref: CrossRef, shared: Sequence[Concept]
) -> Page:
    """The same comparison on the print page, after the sources: sources cited as
    S1 ¶3, linking to their section (by title only when the sources are not
    printed in full)."""
    number = {item.article.slug: n for n, item in enumerate(items, start=1)}
    text = t.get("print-positions.md.j2").render(
        rows=rows(items, crossref),
        concepts=shared,
        total=len(items),
        rows_max=ROWS_MAX,
        full_text=len(items) <= PRINT_FULL_TEXT_MAX,
        prefix=lambda item: f"s{number[item.article.slug]}",
    )
    return Page(PurePosixPath(f"{PRINT_PAGE}#positions"), text)
