"""The extractive summarizer: what it picks, in what order, and what it avoids.

A summary is a list of ``(paragraph_index, sentence_index)`` pairs pointing
into the article; the site shows those sentences verbatim.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.enrich import Summary
from build_scripts.errors import DossierError
from build_scripts.model import SourceFile
from build_scripts.sentences import split_sentences
from build_scripts.sources import process
from build_scripts.summarize import (
    is_argument,
    needs_antecedent,
    never_a_bullet,
    rank_sentences,
    selection_order,
    summarize,
    summary_box,
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
            "Apart from the ideological convergence, Russia and North Korea receive benefits.",
            "Second, the non-nuclear states agreed not to acquire nuclear weapons.",
            "The other side rejected the plan.",
            "From the point of view of Russia and North Korea, it truly is a new world order.",
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
            "In 1950, it was clear that containment had changed.",
            "For the first time, the two sides agreed to limit missiles.",
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


class TestNeverABullet:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Does North Korea see this as a path toward regional supremacy?",
            "Oh how very noble and principled of Prince Andrew!",
            "Photo: Reuters/Kim Hong-Ji",
            "Kim Jong Un in Pyongyang. (AP Photo/Jon Chol Jin)",
            "The views and opinions expressed in the article do not necessarily reflect ours.",
            "In this analysis, we’ll explore how political philosophy shapes the alliance.",
            "The shift in focus to Moscow is due to two parallel reasons related to geopolitics.",
            "Truman justified his request on two grounds.",
        ],
    )
    def test_questions_credits_roadmaps_and_announcements(self, sentence: str) -> None:
        assert never_a_bullet(sentence)

    def test_a_relative_date_only_when_the_source_states_none(self) -> None:
        sentence = "Alliance signed this year between Moscow and Pyongyang means more support."
        assert never_a_bullet(sentence, dated=False)
        assert not never_a_bullet(sentence, dated=True)

    @pytest.mark.parametrize(
        "sentence",
        [
            "The negotiations centred on three key items: the line, the zones and the armour.",
            "North Korea is providing Russia with millions of artillery shells.",
            "The photographer’s exhibition opened in Seoul.",
        ],
    )
    def test_statements_are_bullets(self, sentence: str) -> None:
        assert not never_a_bullet(sentence, dated=False)


class TestIsArgument:
    def test_the_editors_kind_wins(self) -> None:
        opinion_like = [["I think we must act now."]]
        assert not is_argument("news", opinion_like)
        assert is_argument("analysis", NEWS)

    def test_reported_speech_and_datelines_say_news(self) -> None:
        reported = [
            ["Acme cut 500 jobs, the company said.", "Profits fell by a fifth, it said."],
            ["Unions said the cuts were a blow.", "Shares fell 3%."],
        ]
        assert not is_argument(None, reported)
        assert not is_argument(None, [["LONDON (Reuters) — I think markets fell."]])

    def test_the_publishers_label_says_opinion(self) -> None:
        reported = [["Acme cut 500 jobs, the company said.", "Profits fell, it said."]]
        assert is_argument(None, reported, url="https://example.org/commentisfree/2019/nov/18/a")
        assert is_argument(None, reported, url="https://example.org/opinion/acme-cuts")
        assert is_argument(None, reported, title="Column: Acme's cuts send a dismal signal")
        assert is_argument(None, reported, title="The Guardian view on Acme: a bad deal")
        assert not is_argument(None, reported, url="https://example.org/news/opinion-poll-1")
        assert not is_argument(None, reported, title="Analysts see Acme cutting jobs")

    def test_the_authors_own_voice_says_argument(self, seed_001) -> None:
        _, paragraphs = seed_001
        assert is_argument(None, paragraphs)


def built(prefix: str) -> Summary:
    """The summary box of a seed as the build makes it (read, clean, structure)."""
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    sidecar = path.with_suffix(".yml")
    source = SourceFile(path.relative_to(ROOT), sidecar.relative_to(ROOT))
    return process(source, ROOT).summary


class TestThesisFirst:
    """Issue 18: the three seeds are opinion and analysis; an analyst reads the box."""

    def test_the_authors_central_claim_leads_and_brings_what_follows_it(self) -> None:
        summary = built("000")
        assert summary.thesis_first
        first, second = summary.sentences[:2]
        assert first.text.startswith("I think the North Korean-Russian relationship is more")
        assert first == summary.thesis and first.paragraph == 12
        assert second.text == "This is more dangerous because it signals long-term intent."

    def test_no_bullet_announces_reasons_or_dates_itself_this_year(self) -> None:
        texts = [s.text for s in built("000").sentences]
        assert not any("two parallel reasons" in t for t in texts)
        assert not any("this year" in t for t in texts)  # the source states no date

    def test_the_thesis_of_the_convergence_piece_is_its_first_sentence(self) -> None:
        summary = built("002")
        assert summary.sentences[0].paragraph == 1
        assert "ideological convergence" in summary.sentences[0].text
        texts = [s.text for s in summary.sentences]
        assert not any(t.startswith("Apart from") for t in texts)
        assert not any("it truly is" in t for t in texts)

    def test_a_piece_with_headings_gets_a_claim_from_each_section(self) -> None:
        summary = built("001")
        assert summary.sentences[0].text.startswith("While global powers rally around")
        # ¶2-3 realpolitik, ¶4-5 ideology (Schmitt), ¶6-7 projections, ¶8 conclusion.
        sections = {n // 2 for n in (s.paragraph for s in summary.sentences[1:])}
        assert sections == {1, 2, 3, 4}

    def test_the_schmitt_section_speaks_with_the_editors_gloss(self) -> None:
        # seeds/001's sidecar glosses ¶5's "Within this framework": the section's
        # central claim stands alone, the editors' words in brackets.
        texts = [s.text for s in built("001").sentences if s.paragraph == 5]
        assert texts == [
            "Within this framework [Carl Schmitt’s friend–enemy distinction, with the United"
            " States and its allies as the “Other”], North Korea’s alignment with Russia is more"
            " than a strategic partnership; it symbolizes the rallying of autocratic states"
            " against perceived Western imperialism."
        ]

    def test_claims_follow_the_thesis_in_source_order_one_per_paragraph(self) -> None:
        for prefix in ("000", "001", "002"):
            sentences = built(prefix).sentences
            lead = [s for s in sentences if s.paragraph == sentences[0].paragraph]
            rest = [s.paragraph for s in sentences[len(lead) :]]
            assert rest == sorted(rest) and len(set(rest)) == len(rest), prefix
            assert 3 <= len(sentences) <= 5, prefix

    def test_news_keeps_source_order(self) -> None:
        box = summary_box(NEWS_TITLE, NEWS, kind="news")
        assert not box.argument
        assert list(box.cells) == sorted(box.cells)
        assert box.thesis == (0, 0)

    def test_every_shown_sentence_stands_alone_or_follows_what_it_needs(self) -> None:
        for prefix in ("000", "001", "002"):
            summary = built(prefix)
            shown = summary.sentences
            for before, sentence in zip((None, *shown[:-1]), shown, strict=True):
                if needs_antecedent(sentence.text):
                    assert before is not None and before.paragraph == sentence.paragraph

    def test_the_convergence_piece_says_what_multipolarity_now_means(self) -> None:
        # ¶14: "But today, multipolarism has acquired a new meaning." announces;
        # the sentence after it says the meaning.
        texts = [s.text for s in built("002").sentences if s.paragraph == 14]
        assert texts and texts[0].startswith("Particularly under the influence of Russia")

    @pytest.mark.parametrize(
        ("essay", "point"),
        [
            ("1993-2000_haiti", "Unburdened by the Cold War international framework"),
            ("1981-1988_south-atlantic", "Amidst a situation that initially struck"),
        ],
    )
    def test_after_a_scene_the_point_is_the_next_paragraphs_first_sentence(
        self, essay: str, point: str
    ) -> None:
        # "On September 30, 1991, …" / "Early on the morning of April 2, 1982, …":
        # the first paragraph narrates; the second opens with what it meant.
        path = ROOT / "benchmarks" / "corpus" / "ir-essays" / "essays" / f"{essay}.txt"
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        paragraphs = [split_sentences(b) for b in body.split("\n\n") if b.strip()]
        box = summary_box(title, paragraphs, kind="analysis")
        assert (1, 0) in box.cells[:3] and paragraphs[1][0].startswith(point)

    def test_the_turn_in_the_opening_comes_with_the_setting_it_turns_from(self) -> None:
        paragraphs = [
            [
                "Formal relations and economic reform brought a decade of closer ties.",
                "However, the violent suppression of the protests cooled relations considerably.",
                "To this day the department marks the anniversary with a statement.",
            ],
            ["The protests began in April when students gathered in the square."],
            ["The leadership was divided on how to handle the protests in the square."],
            ["In the aftermath, the president suspended military sales to the government."],
        ]
        box = summary_box("The square, 1989", paragraphs, kind="analysis")
        assert box.thesis == (0, 1) and box.cells[:2] == ((0, 0), (0, 1))

    def test_an_empty_article_has_an_empty_box(self) -> None:
        assert summary_box("", [], kind="opinion").cells == ()
        assert summary_box("", [["Why?"]], kind="opinion").cells == ()


class TestUnseenShapes:
    """Shapes met on pages nobody labelled: a caption or an interjection is never
    a bullet, nor the sentence that leans on it."""

    def test_a_caption_and_what_leans_on_it_stay_out(self) -> None:
        paragraphs = [
            [
                "Kristi Noem, governor of South Dakota, pictured at the White House in 2018.",
                "Her new anti-meth campaign is raising eyebrows across the state.",
            ],
            ["The state’s slogan for an anti-drug campaign drew attention on social media."],
            ["Oh, no.", "It seems the other anti-drug campaigns of the state are just as bad."],
            ["Critics say the state spent half a million dollars on the anti-drug campaign."],
        ]
        box = summary_box("Meth slogan", paragraphs, kind="opinion")
        shown = [paragraphs[p][s] for p, s in box.cells]
        assert shown and not any(
            "pictured" in t or "Her new" in t or t == "Oh, no." or t.startswith("It seems")
            for t in shown
        )

    @pytest.mark.parametrize(
        "sentence",
        [
            "Mayor Pete Buttigieg speaks during a fundraiser, Sunday, Nov. 17, 2019, in Las Vegas.",
            "Sanborn said.",
        ],
    )
    def test_agency_captions_and_scraps_are_never_bullets(self, sentence: str) -> None:
        assert never_a_bullet(sentence)

    def test_a_dateline_after_a_caption_still_says_news(self) -> None:
        paragraphs = [
            ["Buttigieg speaks during a fundraiser, Sunday, Nov. 17, 2019, in Las Vegas."],
            ["WASHINGTON (AP) — New uncertainty hangs over the primary as candidates meet."],
            ["Perhaps we should ask what the debate is for."],
        ]
        assert not is_argument(None, paragraphs)


class TestEditorsGloss:
    """Sidecar ``glosses:``: the editors say, in brackets, what a sentence leans on."""

    def project(self, tmp_path: Path, sidecar: str) -> Summary:
        (tmp_path / "seeds").mkdir()
        (tmp_path / "seeds" / "a.txt").write_text(
            "Title of the piece\n\n"
            "Theories of ideological alliances say states ally against a shared enemy.\n\n"
            "This framework explains why the two regimes now act together abroad.\n",
            encoding="utf-8",
        )
        (tmp_path / "seeds" / "a.yml").write_text(sidecar, encoding="utf-8")
        source = SourceFile(Path("seeds/a.txt"), Path("seeds/a.yml"))
        return process(source, tmp_path).summary

    def test_a_glossed_sentence_stands_alone_with_the_gloss_in_brackets(
        self, tmp_path: Path
    ) -> None:
        summary = self.project(
            tmp_path,
            "kind: analysis\nglosses:\n"
            "  - sentence: This framework explains why\n"
            "    after: This framework\n"
            "    gloss: shared enmity\n",
        )
        texts = [s.text for s in summary.sentences]
        glossed = (
            "This framework [shared enmity] explains why the two regimes now act together abroad."
        )
        assert glossed in texts

    def test_brackets_right_after_the_pointing_words_answer_them(self) -> None:
        assert needs_antecedent("Within this framework, the two states act together.")
        assert not needs_antecedent("Within this framework [shared enmity], the two states act.")
        assert not needs_antecedent("Their [Russia’s and North Korea’s] solidarity runs deep.")
        assert needs_antecedent("It fell […] sharply.")  # an ellipsis explains nothing

    @pytest.mark.parametrize(
        ("gloss", "said"),
        [
            ("  - sentence: Nowhere in the text\n    gloss: x\n", "quoted sentence is not in"),
            ("  - sentence: This framework\n    after: That\n    gloss: x\n", "'That' is not in"),
            ("  - sentence: This framework\n", "gloss"),
        ],
    )
    def test_a_gloss_that_misses_is_named_in_one_line(
        self, tmp_path: Path, gloss: str, said: str
    ) -> None:
        with pytest.raises(DossierError) as caught:
            self.project(tmp_path, "glosses:\n" + gloss)
        assert said in str(caught.value) and "a.yml" in str(caught.value)
