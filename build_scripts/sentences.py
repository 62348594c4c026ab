"""Sentence splitting, shared by every stage that reasons about sentences.

pysbd is rule-based and deterministic (no model download), and handles the
abbreviations ("U.S.", "Mr.", "p.m.") and closing quotes that a regex gets wrong.
"""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, stripped, none empty.

    Joining the result with single spaces gives back the paragraph up to
    whitespace, so no word of the source is lost by splitting.
    """
    text = text.strip()
    if not text:
        return []
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]
