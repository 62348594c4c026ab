"""Cleaning: boilerplate out by general rules, every removed line accounted for."""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.clean import clean, parse_rules
from build_scripts.model import Line, SourceFile, SourceText
from build_scripts.read import read_source, source_text

from .conftest import ROOT


def seed(prefix: str):
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    return clean(read_source(SourceFile(path.relative_to(ROOT)), ROOT))


def text_of(*lines: str) -> SourceText:
    numbered = tuple(Line(n, t) for n, t in enumerate(lines, start=1))
    return SourceText(SourceFile(Path("x.txt")), numbered, "utf-8")


def test_seed_000_loses_navigation_repeated_title_and_image_credit() -> None:
    cleaned = seed("000")
    by_rule = {(r.line, r.rule) for r in cleaned.removals}
    assert {(1, "navigation"), (2, "navigation")} <= by_rule
    assert (6, "repeated-line") in by_rule
    assert any(r.rule == "image-credit" for r in cleaned.removals)
    body = "\n".join(line.text for line in cleaned.lines)
    assert "close" not in body.split("\n")[:3]
    assert "Image credit" not in body
    assert body.count("North Korea Joins Russia in Ukraine Conflict") == 1


def test_seed_000_about_the_author_block_becomes_the_bio() -> None:
    cleaned = seed("000")
    assert cleaned.author_bio is not None
    assert cleaned.author_bio.startswith("Brian Patrick Bolger LSE, University of Liverpool.")
    assert "About the author" not in "\n".join(line.text for line in cleaned.lines)
    assert [r.moved_to for r in cleaned.removals if r.rule == "about-the-author"] == [
        None,
        "author bio",
    ]


def test_a_menu_under_an_about_heading_is_no_bio() -> None:
    text = "A Headline\n\nThe article's first sentence is here, long enough to be prose.\n\n"
    text += "About Me\nContact Me\n\nIf you have any questions, please write to us.\n"
    cleaned = clean(source_text(text.encode(), SourceFile(Path("seeds/x.txt"))))
    assert cleaned.author_bio is None


def test_seed_002_byline_becomes_the_author_and_contact_line_goes() -> None:
    cleaned = seed("002")
    assert cleaned.byline == "John Feffer"
    assert cleaned.author_bio == (
        "author and co-director of Foreign Policy in Focus at the Institute for Policy Studies"
    )
    assert [r.rule for r in cleaned.removals] == ["byline", "contact-line"]
    assert not any("english@hani.co.kr" in line.text for line in cleaned.lines)


def test_seed_001_has_nothing_to_remove() -> None:
    assert seed("001").removals == ()


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    cleaned = clean(text_of("Title", "By the way, Russia and North Korea met again in June."))
    assert cleaned.byline is None
    assert cleaned.removals == ()


def test_nav_words_inside_sentences_are_kept() -> None:
    cleaned = clean(text_of("Share", "They share a border and close ties."))
    assert [r.text for r in cleaned.removals] == ["Share"]
    assert cleaned.lines[-1].text == "They share a border and close ties."


def test_rules_are_data() -> None:
    rules = parse_rules(
        {"rules": [{"id": "ad", "description": "Advert", "match": "buy now!?", "where": "tail"}]}
    )
    cleaned = clean(text_of("Buy now", "A paragraph of text.", "Buy now!"), rules)
    # "where: tail" covers the last 8 lines, so both match; the rule's id is in the audit.
    assert [(r.line, r.rule, r.reason) for r in cleaned.removals] == [
        (1, "ad", "Advert"),
        (3, "ad", "Advert"),
    ]
    assert rules.lines[0].pattern.flags & re.IGNORECASE


PARAGRAPHS = [
    "Russia and North Korea signed a treaty on Wednesday, pledging mutual help if attacked.",
    "The pact was signed in Pyongyang during the first visit by Russia's president in 24 years.",
    "Related stories",
    "Officials in Seoul said they would review their own defence plans in the coming weeks.",
    "Analysts said the agreement formalised ties that deepened after the invasion of Ukraine.",
    "Both governments described the treaty as defensive and said it threatened no one else.",
]


def web_page() -> SourceText:
    head = ["Home", "World", "Politics", "Sport", "Subscribe", "Sign in", "", "Treaty Signed"]
    tail = ["", "Comments (12)", "This is a dumb treaty and everyone knows it, frankly.", ""]
    tail += ["Most read", "Another headline", "Yet another headline", "© 2024 Example Media"]
    return text_of(*head, *PARAGRAPHS, *tail)


def test_a_whole_web_page_keeps_title_and_body_and_audits_the_rest() -> None:
    cleaned = clean(web_page())
    kept = [line.text for line in cleaned.lines if line.text]
    assert kept[0] == "Treaty Signed"
    # A "Related stories" box in the first half does not end the article.
    assert [t for t in kept[1:]] == [p for p in PARAGRAPHS if p != "Related stories"]
    rules = {r.text: r.rule for r in cleaned.removals}
    assert rules["World"] == "page-head"
    assert rules["Comments (12)"] == "comments-follow"
    assert rules["This is a dumb treaty and everyone knows it, frankly."] == "comments-follow"
    assert rules["© 2024 Example Media"] in ("comments-follow", "page-tail", "copyright")
    audited = {r.line for r in cleaned.removals} | {line.number for line in cleaned.lines}
    assert audited >= {line.number for line in web_page().lines if line.text.strip()}


def test_every_structural_rule_has_an_id_and_a_description_in_the_audit() -> None:
    for removal in clean(web_page()).removals:
        assert re.fullmatch(r"[a-z][a-z-]+", removal.rule)
        assert removal.reason and (removal.reason[0].isupper() or removal.reason[0] == '"')


def test_a_table_inside_the_article_is_kept() -> None:
    rows = [f"{n} Driver Name {5000 - n * 10} {n % 3} {n % 2} 17 27" for n in range(1, 13)]
    cleaned = clean(text_of("Standings", *PARAGRAPHS[:2], *rows, PARAGRAPHS[3]))
    assert [r.text for r in cleaned.removals] == []


def test_bylines_datelines_and_captions_inside_a_page_are_removed() -> None:
    cleaned = clean(
        text_of(
            "Menu",
            "Treaty Signed",
            "By Jane Doe | June 20, 2024",
            "Updated June 20, 2024, 9:02 AM",
            "Kim Jong Un and Vladimir Putin in Pyongyang. (AP Photo/Kim Won Jin)",
            *PARAGRAPHS[:2],
            *PARAGRAPHS[3:],
        )
    )
    rules = [r.rule for r in cleaned.removals]
    assert rules == ["navigation", "byline", "dateline", "caption"]
    assert cleaned.byline == "Jane Doe"
    assert cleaned.author_bio is None  # "June 20, 2024" is a date, not a bio


def test_wire_service_credits_are_not_body() -> None:
    cleaned = clean(
        text_of(
            "Moscow and Pyongyang Sign Pact",
            "Russia and North Korea signed a treaty on Wednesday, officials said.",
            "Reporting by Guy Faulconbridge; Editing by Andrew Osborn",
            "Our Standards: The Thomson Reuters Trust Principles.",
        )
    )
    assert [r.rule for r in cleaned.removals] == ["wire-credit", "wire-credit"]


def test_leftovers_are_removed_and_listed() -> None:
    body = (
        "The council voted on Tuesday to close the old bridge to lorries after engineers"
        " found cracks in two of its piers, sending heavy traffic through the town."
    )
    cleaned = clean(
        text_of(
            body,
            "The mayor speaks to reporters outside the town hall, May 2, 2019. (Jane Roe/Reuters)",
            "Council row over bridge money deepens [ VIDEO]",
            "City braces for traffic chaos [INSIGHT]|",
            "438.3K",
            "This article has been adapted from its original source.",
            "The views expressed in this article do not necessarily reflect those of the Gazette.",
            body.replace("Tuesday", "Friday"),
            "He called the plan (and/or its cost) a scandal (Smith said), and left the meeting.",
        )
    )
    rules = {r.line: r.rule for r in cleaned.removals}
    assert rules == {
        2: "photo-credit",
        3: "promo-teaser",
        4: "promo-teaser",
        5: "share-count",
        6: "adaptation-note",
        7: "disclaimer",
    }
    assert [line.number for line in cleaned.lines if line.text] == [1, 8, 9]


def test_the_outlets_plea_to_join_is_removed_and_listed_not_a_plea_in_the_news() -> None:
    cleaned = clean(
        text_of(
            "Schiff is now working against the clock, and the hearings may not help him.",
            "If you enjoyed this article, and were stimulated by its contents, we have a"
            " proposition for you: Join NRPLUS.",
            "Please support our journalism: donate today.",
            "Ukraine wants to become a member of NATO, the president said on Monday.",
            "Foundations that support independent journalism met in Berlin this week.",
        )
    )
    assert {r.line: r.rule for r in cleaned.removals} == {2: "support-pitch", 3: "support-pitch"}
    assert [line.number for line in cleaned.lines if line.text] == [1, 4, 5]


def test_a_long_menu_line_is_not_prose_but_german_prose_is() -> None:
    from build_scripts.clean import is_prose

    menu = (
        "Change language & content: Afrique francophone (français) América Latina (español)"
        " Argentina (español) Australia (English) België (Nederlands) Belgique (français)"
        " Brasil (português) Canada (English) Chile (español) Colombia (español) Danmark"
    )
    sections = (
        "Today Health News Weight Loss Fitness Nutrition Mental Health Self-Care Wellness"
        " Medical Voices Lung Health News Weather Election Entertainment Sports Money Lifestyle"
        " Food Drink Travel Autos Video Kids"
    )
    german = (
        "Die Regierung in Berlin hat am Dienstag beschlossen, die alte Brücke über den Fluss"
        " für schwere Lastwagen zu sperren, nachdem Ingenieure Risse in zwei Pfeilern gefunden"
        " hatten und der Verkehr nun durch die Stadt fließt"
    )
    assert not is_prose(menu, 5, 25)
    assert not is_prose(sections, 5, 25)
    assert is_prose(german, 5, 25)  # no final full stop, capitalised nouns: still prose


def test_headlines_glued_into_one_long_line_are_not_prose() -> None:
    from build_scripts.clean import is_prose

    headlines = (
        "'Comes down to one guy': All eyes turn to Gordon Sondland 2 US service members die"
        " in Afghanistan chopper crash 7 key questions heading into the 2020 Democratic debate"
        " Simone Biles offended by Larry Nassar banner NASA discovery fuels hopes in life beyond"
        " Earth Stalled US-China talks raise threat of another impasse And the Grammy nomination"
        " could go to Why Shepard wasn't at Bell's Walk of Fame ceremony Mercedes-Maybach GLS"
        " teased ahead of debut Ferris wheel becomes giant Christmas lantern"
    )
    paragraph = (
        "The council voted on Tuesday to close the old bridge. Engineers had found cracks in"
        " two of its piers. Heavy traffic now runs through the town centre, and shopkeepers say"
        " trade has fallen. The mayor said repairs would take a year. Residents asked for a"
        " ferry in the meantime, and the council agreed to look at the cost of one before"
        " the summer and report back to the town at its next public meeting in the autumn"
    )
    assert not is_prose(headlines, 5, 25)
    assert is_prose(paragraph, 5, 25)  # cut short, yet sentences end inside it
