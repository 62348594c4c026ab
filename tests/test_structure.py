"""Structuring: titles, headings, paragraphs and references from either text shape."""

from __future__ import annotations

from pathlib import Path

from build_scripts.clean import clean
from build_scripts.model import Correction, Heading, Line, Metadata, SourceFile, SourceText, slugify
from build_scripts.read import read_source
from build_scripts.sidecar import load_sidecar
from build_scripts.structure import structure

from .conftest import ROOT


def seed_article(prefix: str, meta: Metadata | None = None):
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt")).relative_to(ROOT)
    sidecar = path.with_suffix(".yml")
    source = SourceFile(path, sidecar if (ROOT / sidecar).exists() else None)
    if meta is None:
        meta = load_sidecar(source.sidecar_path, ROOT)
    return structure(clean(read_source(source, ROOT)), meta)


def crafted(*lines: str, meta: Metadata | None = None):
    numbered = tuple(Line(n, t) for n, t in enumerate(lines, start=1))
    text = SourceText(SourceFile(Path("x.txt")), numbered, "utf-8")
    return structure(clean(text), meta or Metadata())


def test_seed_001_title_headings_and_references() -> None:
    article = seed_article("001")
    assert article.title == (
        "North Korea’s Shadow in Ukraine: Analyzing Potential Alliances and Global Shifts"
    )
    assert article.provenance.title == "source"
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert headings == [
        "North Korea’s Calculated Autonomy and Realpolitik",
        "Ideological Symbiosis: Autocracy Against the Liberal Order",
        "Projections and Global Ramifications",
        "Conclusion: Autocracy’s Ascent or a Gamble on Survival?",
    ]
    assert len(article.references) == 5
    assert article.references[0].startswith("Machiavelli, Niccolò. The Prince.")
    assert [p.number for p in article.paragraphs] == list(range(1, 9))


def test_seed_000_title_once_and_blank_line_paragraphs() -> None:
    article = seed_article("000")
    assert article.title == "North Korea Joins Russia in Ukraine Conflict: A Dangerous Alliance?"
    assert len(article.paragraphs) == 16
    assert article.paragraphs[0].text.startswith("North Korea and the Eurasian Alliance:")
    assert article.author == "Brian Patrick Bolger"
    assert article.author_bio and "University of Liverpool" in article.author_bio


def test_seed_002_has_no_title_so_the_editors_supply_one() -> None:
    article = seed_article("002")
    assert article.provenance.title == "sidecar"
    assert article.title == "Russia and North Korea: From Alliance to Ideological Convergence"
    assert article.paragraphs[0].text.startswith("The recent meeting of Vladimir Putin")
    assert article.author == "John Feffer"
    assert article.provenance.author == "source"


def test_without_a_sidecar_an_untitled_source_says_so() -> None:
    article = seed_article("002", Metadata())
    assert article.title == "Untitled source (002_0fe0a7189f45d8cb.txt)"
    assert article.provenance.title is None


def test_corrections_apply_once_and_unfound_ones_are_reported() -> None:
    meta = Metadata(
        corrections=(
            Correction("Triangleputting", "Triangle putting", "glued words"),
            Correction("not in the text", "x", "typo"),
        )
    )
    article = seed_article("000", meta)
    corrected = [p for p in article.paragraphs if p.corrections]
    assert len(corrected) == 1 and corrected[0].corrections == (0,)
    assert "Great Strategic Triangle putting themselves" in corrected[0].text
    assert article.unused_corrections == (meta.corrections[1],)


def test_a_short_question_in_the_body_is_not_a_heading() -> None:
    article = crafted(
        "Title Here",
        "A first paragraph that makes a claim about the world.",
        "Why does this matter?",
        "Because it changes the balance of power in the region for years to come.",
    )
    assert not [b for b in article.blocks if isinstance(b, Heading)]
    assert len(article.paragraphs) == 3


def test_slugs_are_ascii_and_stable() -> None:
    assert slugify("Großraum: Schmitt’s “Nomos” — 1950") == "grossraum-schmitts-nomos-1950"
    assert slugify("!!!") == "untitled"
    assert len(slugify("word " * 40)) <= 60


def test_a_notes_heading_mid_article_heads_ordinary_paragraphs() -> None:
    article = crafted(
        "A Title",
        "The first paragraph of the article makes its argument at some length.",
        "Notes",
        "These are the author's notes, in prose, on what the argument leaves out.",
        "A second paragraph of notes, still prose, with no citation in it at all.",
        "The closing paragraph of the article returns to the argument.",
    )
    assert article.references == ()
    assert len(article.paragraphs) == 4


LONG = "It goes on at the length of a real paragraph, so that no rule takes it for a menu."


def test_markdown_heading_markers_go_and_every_hash_of_the_heading_stays() -> None:
    article = crafted(
        "# Programming in F#",
        f"Functional programming is popular with teams who build large systems. {LONG}",
        "## Why Teams Pick C# ##",
        f"Many teams pick the language because the tooling is mature. {LONG}",
        "### Closing #",
        f"The closing section sums the argument up for the reader. {LONG}",
        "#MeToo and #hashtags",
        f"A hashtag with no space after its # is the author's text, not a marker. {LONG}",
    )
    assert article.title == "Programming in F#"
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert headings == ["Why Teams Pick C#", "Closing", "#MeToo and #hashtags"]
    assert article.repairs == ("Markdown heading markers (#) removed: lines 1, 3, 5",)
    assert not article.removals


def test_headings_ending_in_a_hash_keep_it() -> None:
    article = crafted(
        "Programming in F#",
        f"Functional programming is popular with teams who build large systems. {LONG}",
        "Why Teams Pick C#",
        f"Many teams pick the language because the tooling is mature. {LONG}",
        "Notes on F# #",
        f"Without an opening marker, a closing one is the author's text. {LONG}",
    )
    assert article.title == "Programming in F#"
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert headings == ["Why Teams Pick C#", "Notes on F# #"]
    assert article.repairs == ()
    assert not article.removals


def test_a_split_drop_cap_is_joined_with_a_note() -> None:
    article = crafted(
        "Schiff Races the Clock",
        "A dam Schiff’s inquiry is in a hurry, and Adam Schiff knows the calendar is against him.",
        "B vitamins were on the menu at the hearing, where vitamins and votes were discussed.",
    )
    assert article.paragraphs[0].text.startswith("Adam Schiff’s inquiry")
    assert article.paragraphs[1].text.startswith("B vitamins")  # a letter that stands alone
    assert "a drop cap split from its word joined: 'A dam' → 'Adam' (line 2)" in article.repairs
