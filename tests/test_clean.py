"""Cleaning: boilerplate out by general rules, every removed line accounted for."""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.clean import clean, parse_rules
from build_scripts.model import Line, SourceFile, SourceText
from build_scripts.read import read_source

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
