"""Stage 4, enrich: what we add to one article beyond its own text.

The summary is extractive: whole sentences the author wrote, each pointing
back to its paragraph; news in source order, opinion and analysis with the
thesis first (``summarize.summary_box``). An editors' summary from the sidecar
replaces it and is labelled as theirs.

Mentions of glossary terms and entities are found in the body and headings;
the first mention of each entry on the page, in the body, becomes a link with
a hover card (Wikipedia's MOS:OVERLINK), unless the data says the entry is an
everyday name never linked (``link: never``). Every mention is listed on the
entry's page all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .errors import Problem
from .knowledge import Entry
from .matching import Matcher
from .model import Article, Heading
from .sentences import split_sentences
from .summarize import glossed, pinned_thesis, summary_box


@dataclass(frozen=True)
class SummarySentence:
    paragraph: int
    """The ¶ number the sentence comes from."""
    text: str


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...] = ()
    editors_text: str | None = None
    thesis: SummarySentence | None = None
    """The one sentence that best states what the source argues (the home page's
    overview line): the summarizer's top sentence that stands alone."""
    thesis_first: bool = False
    """The box leads with the thesis, then the main claims in source order
    (opinion and analysis); otherwise it is in source order (news)."""
    thesis_pinned: bool = False
    """The editors chose the thesis (sidecar ``thesis:``); it is the author's sentence."""

    @property
    def by_editors(self) -> bool:
        return self.editors_text is not None

    @property
    def lead(self) -> str:
        """One line for listings and the page description."""
        if self.thesis:
            return self.thesis.text
        return self.editors_text or (self.sentences[0].text if self.sentences else "")


@dataclass(frozen=True)
class ArticleMention:
    """A mention of an entry in the article body."""

    entry: Entry
    paragraph_index: int
    """Index into ``Article.paragraphs`` (the ¶ number is one more)."""
    sentence: int
    start: int
    end: int
    """Offsets in the sentence."""
    linked: bool
    """The first mention of the entry on the page, if its policy links it:
    rendered as a link."""
    heading: str | None = None
    """The heading the mention is in (never linked); it cites the paragraph after."""


@dataclass(frozen=True)
class Enriched:
    article: Article
    summary: Summary
    mentions: tuple[ArticleMention, ...] = ()
    unknown_names: tuple[str, ...] = ()
    """Capitalised names in the body that no data file knows, as often as they
    occur: the editors' suggestions for the glossary and entity data."""
    unsure: tuple[tuple[str, str, int], ...] = ()
    """(entry name, words, ¶ number) of each ambiguous name the page gave no
    context for: not taken for the entry; named to the editors, who may add
    context words to the data (or another entry)."""
    event_phrases: tuple[tuple[str, int], ...] = ()
    """(phrase, ¶ number) for each paragraph holding a timeline event's phrase:
    found here, once per source, as searching every source for every phrase
    costs a re-run of the whole dossier more than anything else in it."""
    warnings: tuple[Problem, ...] = ()
    """What an editor should check about this source (``checks.source_warnings``),
    found when it is processed and kept with it in the store: a re-run after one
    edit does not look at a thousand unchanged sources again."""

    def entries(self) -> dict[str, Entry]:
        """Entries mentioned, by name, in order of first mention."""
        return {m.entry.name: m.entry for m in self.mentions}


def summary_of(article: Article) -> Summary:
    """The box: the editors' summary when the sidecar has one, else the author's
    own sentences as :func:`summarize.summary_box` picks them."""
    paragraphs = article.paragraphs
    pinned = pinned_thesis(article)  # checked even when the editors' summary replaces the box
    if article.editor_summary:
        first = split_sentences(article.editor_summary)[:1]
        thesis = SummarySentence(0, first[0]) if first else None
        if pinned is not None:
            p, s = pinned if isinstance(pinned, tuple) else (pinned, 0)
            thesis = SummarySentence(paragraphs[p].number, paragraphs[p].sentences[s])
        return Summary(
            editors_text=article.editor_summary, thesis=thesis, thesis_pinned=pinned is not None
        )
    headings: dict[int, str] = {}
    index = 0
    for block in article.blocks:
        if isinstance(block, Heading):
            headings[index] = block.text
        else:
            index += 1
    sentences = glossed(article)  # the editors' glosses, in brackets
    box = summary_box(
        article.title,
        sentences,
        kind=article.kind,
        headings=headings,
        pinned=pinned,
        dated=article.published is not None,
        url=article.url,
    )

    def shown(cell: tuple[int, int]) -> SummarySentence:
        return SummarySentence(paragraphs[cell[0]].number, sentences[cell[0]][cell[1]])

    return Summary(
        sentences=tuple(shown(c) for c in box.cells),
        thesis=shown(box.thesis) if box.thesis else None,
        thesis_first=box.argument,
        thesis_pinned=pinned is not None,
    )


def mentions_of(
    article: Article, matcher: Matcher, unsure: list[tuple[str, str, int]] | None = None
) -> tuple[ArticleMention, ...]:
    """Every mention on the page, the first of each entry a link if its policy
    says so; ``unsure`` collects the ambiguous names the page gave no context for."""
    found: list[tuple[ArticleMention, bool]] = []
    index = -1
    count = len(article.paragraphs)
    for block in article.blocks:
        if isinstance(block, Heading):
            if index + 1 < count:
                found.extend(
                    (ArticleMention(m.entry, index + 1, 0, m.start, m.end, False, block.text),
                     m.ambiguous)
                    for m in matcher.find(block.text)
                )  # fmt: skip
            continue
        index += 1
        for s_index, sentence in enumerate(block.sentences):
            found.extend(
                (ArticleMention(m.entry, index, s_index, m.start, m.end, False), m.ambiguous)
                for m in matcher.find(sentence)
            )
    # An ambiguous alias ("Alexander", "Security Council") is a mention only
    # where the page gives the entry's context: decided once the page is read.
    plain = {mention.entry.name for mention, ambiguous in found if not ambiguous}
    decided: dict[str, bool] = {}
    page = ""
    kept: list[ArticleMention] = []
    linked: set[str] = set()
    for mention, ambiguous in found:
        name = mention.entry.name
        if ambiguous:
            if name not in decided:
                page = page or "\n".join((article.title, *(p.text for p in article.paragraphs)))
                decided[name] = matcher.allowed(mention.entry, page, name in plain)
            if not decided[name]:
                if unsure is not None:
                    paragraph = article.paragraphs[mention.paragraph_index]
                    text = mention.heading or paragraph.sentences[mention.sentence]
                    unsure.append((name, text[mention.start : mention.end], paragraph.number))
                continue
        if mention.heading is None and name not in linked and mention.entry.link == "first":
            linked.add(name)
            mention = replace(mention, linked=True)
        kept.append(mention)
    return tuple(kept)


_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'.-]+)(?:\s+(?:of|the|de|von|van|al|for)?\s*[A-Z][\w’'.-]+)+"
)
_NOT_IN_NAME = frozenset({
    "a", "after", "against", "also", "although", "an", "and", "as", "at", "before", "but",
    "by", "during", "for", "from", "he", "her", "his", "however", "if", "in", "into", "it",
    "its", "many", "most", "my", "no", "not", "of", "on", "once", "one", "our", "she", "since",
    "some", "such", "that", "the", "their", "then", "there", "these", "they", "this", "those",
    "though", "through", "to", "under", "unlike", "until", "was", "we", "what", "when",
    "where", "whether", "which", "while", "who", "with", "within", "without", "yet",
})  # fmt: skip
"""Words a sentence starts with, capitalised, before a name ("After the Soviet …")."""
_POSSESSIVE = re.compile(r"[’']s$")


def unknown_names(article: Article, mentions: tuple[ArticleMention, ...]) -> tuple[str, ...]:
    """Capitalised multi-word names in the body that no mention covers."""
    known: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m in mentions:
        if m.heading is None:
            known.setdefault((m.paragraph_index, m.sentence), []).append((m.start, m.end))
    names = []
    for p_index, paragraph in enumerate(article.paragraphs):
        for s_index, sentence in enumerate(paragraph.sentences):
            covered = known.get((p_index, s_index), ())
            for match in _NAME.finditer(sentence):
                start, end = match.span()
                if any(s < end and start < e for s, e in covered):
                    continue
                words = _POSSESSIVE.sub("", match.group(0).rstrip(".’'")).split()
                while words and words[0].casefold() in _NOT_IN_NAME:
                    words.pop(0)
                if len(words) >= 2:
                    names.append(" ".join(words))
    return tuple(names)


def event_phrases_in(article: Article, phrases: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Where each phrase occurs, exactly as written: (phrase, ¶ number), by phrase."""
    return tuple(
        (phrase, paragraph.number)
        for phrase in phrases
        for paragraph in article.paragraphs
        if phrase in paragraph.text
    )


def enrich(
    article: Article, matcher: Matcher | None = None, phrases: tuple[str, ...] = ()
) -> Enriched:
    """``phrases``: the timeline events' (``Knowledge.event_phrases``)."""
    unsure: list[tuple[str, str, int]] = []
    mentions = mentions_of(article, matcher, unsure) if matcher else ()
    return Enriched(
        article=article,
        summary=summary_of(article),
        mentions=mentions,
        unknown_names=unknown_names(article, mentions),
        unsure=tuple(unsure),
        event_phrases=event_phrases_in(article, phrases),
    )
