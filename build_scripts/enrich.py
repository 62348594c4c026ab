"""Stage 4, enrich: what we add to an article beyond its own text.

The summary is extractive: whole sentences the author wrote, in source order,
each pointing back to its paragraph. An editors' summary from the sidecar
replaces it and is labelled as theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article
from .summarize import needs_antecedent, summarize

SUMMARY_SENTENCES = 4


@dataclass(frozen=True)
class SummarySentence:
    paragraph: int
    """The ¶ number the sentence comes from."""
    text: str


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...] = ()
    editors_text: str | None = None

    @property
    def by_editors(self) -> bool:
        return self.editors_text is not None

    @property
    def lead(self) -> str:
        """One line for listings and the page description."""
        if self.editors_text:
            return self.editors_text
        return self.sentences[0].text if self.sentences else ""


@dataclass(frozen=True)
class Enriched:
    article: Article
    summary: Summary


def summary_of(article: Article) -> Summary:
    if article.editor_summary:
        return Summary(editors_text=article.editor_summary)
    paragraphs = article.paragraphs
    chosen = summarize(
        article.title, [p.sentences for p in paragraphs], max_sentences=SUMMARY_SENTENCES
    )
    picked: list[SummarySentence] = []
    for p_index, s_index in chosen:
        paragraph = paragraphs[p_index]
        sentence = paragraph.sentences[s_index]
        if s_index > 0 and needs_antecedent(sentence):
            # Shown with the sentence it leans on, so it can be read alone.
            antecedent = SummarySentence(paragraph.number, paragraph.sentences[s_index - 1])
            if antecedent not in picked:
                picked.append(antecedent)
        picked.append(SummarySentence(paragraph.number, sentence))
    return Summary(sentences=tuple(picked))


def enrich(article: Article) -> Enriched:
    return Enriched(article=article, summary=summary_of(article))
