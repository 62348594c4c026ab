"""Sentence splitting, shared by every stage that reasons about sentences.

sentencex is rule-based and deterministic (no model download), handles the
abbreviations ("U.S.", "Mr.", "p.m.") and closing quotes that a plain regex gets
wrong, and is fast enough for thousands of articles (about 200 times faster
than pysbd on the same text, with the same quality on our corpus).
"""

from __future__ import annotations

import re

from sentencex import segment

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»」)]*$")
"""Terminal punctuation (Latin and CJK), then any closing quotes and parentheses
(not "]": "[…]" or "(Photo: AP.]" is an editor's or a page's, not prose)."""


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: the one rule every stage uses
    (what is prose, what may be a heading, what a summary may quote)."""
    return _SENTENCE_END.search(text.rstrip()) is not None


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split one paragraph into sentences, stripped, none empty, by the rules of
    its ``language`` (an ISO 639-1 code: sentencex knows each language's
    abbreviations, and falls back to related languages' rules).

    Joining the result with single spaces gives back the paragraph up to
    whitespace, so no word of the source is lost by splitting.
    """
    text = text.strip()
    if not text:
        return []
    return [s.strip() for s in segment(language, text) if s.strip()]
