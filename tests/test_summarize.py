"""The extractive summarizer: what it picks, in what order, and what it avoids.

A summary is a list of ``(paragraph_index, sentence_index)`` pairs pointing
into the article; the site shows those sentences verbatim.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from build_scripts.sentences import split_sentences
from build_scripts.summarize import (
    needs_antecedent,
    rank_sentences,
    selection_order,
    summarize,
)

ROOT = Path(__file__).resolve().parent.parent


def seed_paragraphs(prefix: str) -> tuple[str, list[list[str]]]:
    """A seed as the summarizer sees it: each non-empty line is a paragraph.

    The first line is the title (true of seed 001); paragraphs are split
    with the project's sentence splitter.
    """
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[0], [split_sentences(line) for line in lines[1:]]


def _cells(
    paragraphs: list[list[str]], chosen: list[tuple[int, int]]
) -> list[tuple[list[str], int]]:
    return [(paragraphs[p], s) for p, s in chosen]


def summarize_plain(order: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    return sorted(order[:n])


def words_of(paragraphs: list[list[str]], chosen: list[tuple[int, int]]) -> int:
    return sum(len(paragraphs[p][s].split()) for p, s in chosen)


# A small news story. The lead states the news; 1.1 is central but opens with
# "It" after a throw-away sentence; 2.1 opens with "However,"; 4.0 is a
# near-copy of the lead.
NEWS_TITLE = "Steel maker Acme cuts 500 jobs"
NEWS = [
    ["Steel maker Acme is to cut 500 jobs at its Sheffield plant as steel prices fall."],
    [
        "Shares closed lower on Monday.",
        "It blamed falling steel prices and cheap imports for the Acme Sheffield job cuts.",
    ],
    [
        "Acme said cheap imports had hit profits at its Sheffield steel plant.",
        "However, the steel maker said it would keep its Rotherham plant open.",
    ],
    ["Unions called the Acme job cuts a blow to Sheffield steel workers."],
    ["Steel maker Acme is to cut 500 jobs at its Sheffield plant as steel prices fall sharply."],
]


@pytest.fixture(scope="module")
def seed_001() -> tuple[str, list[list[str]]]:
    return seed_paragraphs("001")


class TestNeedsAntecedent:
    @pytest.mark.parametrize(
        "sentence",
        [
            "This is no mere marriage of convenience.",
            "These cuts will hurt exports.",
            "However, the company said profits rose.",
            "It lost 464,000 subscribers.",
            "They both face similarly steep sanctions.",
            "But its own internet business had mixed fortunes.",
            "Such is the speed of change in international relations.",
            "“It is a disaster,” he said.",
            "Within this framework, the alignment is more than strategic.",
            "The relations are therefore symbiotic.",
            "and then the market fell.",
        ],
    )
    def test_sentences_that_point_back_are_flagged(self, sentence: str) -> None:
        assert needs_antecedent(sentence)

    @pytest.mark.parametrize(
        "sentence",
        [
            "Quarterly profits at TimeWarner jumped 76% to $1.13bn.",
            "This year, profits rose by 5%.",
            "It is not clear whether the deal will go ahead.",
            "In this analysis, we explore North Korea's support for Russia.",
            "There are fears of a slowdown.",
            "Italy's economy grew by 1%.",
        ],
    )
    def test_self_contained_sentences_are_not(self, sentence: str) -> None:
        assert not needs_antecedent(sentence)

    def test_whole_words_only(self) -> None:
        """ "Italy" is not "It", "Thesis" is not "These"."""
        assert not needs_antecedent("Thesis defended at last.")
        assert not needs_antecedent("Italy grew.")


class TestRanking:
    def test_every_sentence_is_ranked_exactly_once(self, seed_001) -> None:
        title, paragraphs = seed_001
        ranked = rank_sentences(title, paragraphs)
        every = [(p, s) for p, para in enumerate(paragraphs) for s in range(len(para))]
        assert sorted(ranked) == every

    def test_selection_order_also_covers_every_sentence_once(self, seed_001) -> None:
        title, paragraphs = seed_001
        order = selection_order(title, paragraphs)
        assert sorted(order) == sorted(rank_sentences(title, paragraphs))
        assert len(set(order)) == len(order)

    def test_ranking_is_deterministic(self, seed_001) -> None:
        title, paragraphs = seed_001
        first = rank_sentences(title, paragraphs)
        assert all(rank_sentences(title, paragraphs) == first for _ in range(3))
        copy = [list(p) for p in paragraphs]
        assert summarize(title, copy) == summarize(title, paragraphs)

    def test_headings_and_references_are_ranked_last(self, seed_001) -> None:
        """Keyword-dense lines without a full stop are not summary material."""
        title, paragraphs = seed_001
        ranked = rank_sentences(title, paragraphs)
        heading = next(
            (p, 0) for p, para in enumerate(paragraphs) if para[0].startswith("North Korea’s Calc")
        )
        assert ranked.index(heading) > len(ranked) // 2

    def test_the_central_sentence_beats_a_side_remark(self) -> None:
        ranked = rank_sentences(NEWS_TITLE, NEWS)
        assert ranked.index((0, 0)) < ranked.index((1, 0))


class TestSummarize:
    def test_returns_sentences_in_source_order(self, seed_001) -> None:
        title, paragraphs = seed_001
        chosen = summarize(title, paragraphs, max_sentences=5)
        assert chosen == sorted(chosen)
        assert len(chosen) == 5

    def test_default_is_four_sentences(self, seed_001) -> None:
        title, paragraphs = seed_001
        assert len(summarize(title, paragraphs)) == 4

    def test_max_words_is_a_budget(self, seed_001) -> None:
        title, paragraphs = seed_001
        for budget in (40, 80, 120):
            chosen = summarize(title, paragraphs, max_sentences=20, max_words=budget)
            assert chosen
            assert words_of(paragraphs, chosen) <= budget

    def test_never_empty_even_when_the_best_sentence_is_over_budget(self) -> None:
        chosen = summarize(NEWS_TITLE, NEWS, max_words=3)
        assert len(chosen) == 1

    def test_summary_of_the_seed_opens_no_sentence_without_its_antecedent(self, seed_001) -> None:
        title, paragraphs = seed_001
        chosen = summarize(title, paragraphs, max_sentences=5)
        for p, s in chosen:
            if needs_antecedent(paragraphs[p][s]) and s > 0:
                assert (p, s - 1) in chosen

    def test_skipped_sentences_are_never_taken(self, seed_001) -> None:
        title, paragraphs = seed_001
        roadmap = "In this analysis, we’ll explore"
        assert any(roadmap in p[s] for p, s in _cells(paragraphs, summarize(title, paragraphs)))
        chosen = summarize(title, paragraphs, skip=lambda sentence: roadmap in sentence)
        assert len(chosen) == 4
        assert not any(roadmap in p[s] for p, s in _cells(paragraphs, chosen))

    def test_a_sentence_leaning_on_a_skipped_one_is_skipped_too(self) -> None:
        """Shown without "In this essay, I will examine why…", "This reflects…" dangles."""
        title = "Steel tariffs and the turn to protection"
        paragraphs = [
            [
                "Tariffs on steel rose by a quarter this year across the major economies.",
                "In this essay, I will examine why steel tariffs rose across the major economies.",
                "This reflects a broad turn to protection in steel and tariffs.",
            ],
            [
                "Steel makers in Europe welcomed the tariffs on imports.",
                "Buyers of steel complained about the higher prices.",
            ],
            ["Economists expect the tariffs to stay for years."],
        ]
        assert {(0, 1), (0, 2)} <= set(summarize(title, paragraphs))  # ranked high, unskipped
        chosen = summarize(title, paragraphs, skip=lambda s: s.startswith("In this"))
        assert len(chosen) == 4
        assert (0, 1) not in chosen and (0, 2) not in chosen

    def test_dangling_sentences_are_avoided(self) -> None:
        """1.1 would rank second on content alone, but shown alone its "It"
        points at nothing, and the sentence before it is not worth showing."""
        chosen = summarize(NEWS_TITLE, NEWS, max_sentences=3)
        assert (1, 1) not in chosen
        assert not any(needs_antecedent(NEWS[p][s]) for p, s in chosen)

    def test_without_the_preference_dangling_sentences_rank_on_merit(self) -> None:
        plain = selection_order(NEWS_TITLE, NEWS, prefer_standalone=False)
        assert plain.index((1, 1)) <= 2
        assert (1, 1) in summarize_plain(plain, 3)

    def test_a_dangling_sentence_only_ever_follows_its_antecedent(self) -> None:
        order = selection_order(NEWS_TITLE, NEWS)
        for p, s in [(1, 1), (2, 1)]:
            assert order.index((p, s - 1)) < order.index((p, s))
        # 1.1 waited for 1.0 and was released the moment 1.0 was taken.
        assert order.index((1, 1)) == order.index((1, 0)) + 1

    def test_a_near_copy_of_a_chosen_sentence_is_not_chosen(self) -> None:
        chosen = summarize(NEWS_TITLE, NEWS, max_sentences=4)
        assert (0, 0) in chosen
        assert (4, 0) not in chosen

    def test_short_summaries_spread_over_the_article(self, seed_001) -> None:
        title, paragraphs = seed_001
        chosen = summarize(title, paragraphs)
        assert len({p for p, _ in chosen}) >= 3

    def test_empty_and_tiny_inputs(self) -> None:
        assert summarize("", []) == []
        assert summarize("", [[]]) == []
        assert summarize("Title", [["Only one sentence here."]]) == [(0, 0)]
        assert rank_sentences("", [["a."], ["b."]]) == [(0, 0), (1, 0)]

    def test_fast_enough_for_every_build(self, seed_001) -> None:
        """Well under the 20 ms budget for a 600-word article (seed 001 is ~780 words)."""
        title, paragraphs = seed_001
        start = time.perf_counter()
        for _ in range(10):
            summarize(title, paragraphs)
        assert (time.perf_counter() - start) / 10 < 0.020
