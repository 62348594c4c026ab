"""The Positions page (issue 18): the sources side by side, in their own words."""

from __future__ import annotations

import re

from .conftest import ROOT
from .test_overview import paragraph_of, plain

PAGE = ROOT / "docs" / "positions.md"
SOURCES = [p for p in sorted((ROOT / "docs" / "sources").glob("*.md")) if p.name != "index.md"]
CITE = re.compile(r"\[¶(\d+)\]\(sources/([^)#]+)\.md#p\d+\)")


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n")[1].split("\n## ")[0]


def test_one_row_per_source_with_its_kind_and_quoted_thesis() -> None:
    table = section(PAGE.read_text(encoding="utf-8"), "The sources")
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    assert len(rows) == len(SOURCES)
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[1] in {"opinion", "analysis", "news", "not stated"}
        number, slug = CITE.search(cells[2]).groups()
        quoted = plain(re.match(r"“(.+)” \[¶", cells[2]).group(1))
        page = (ROOT / "docs" / "sources" / f"{slug}.md").read_text(encoding="utf-8")
        assert quoted in paragraph_of(page, number)
        assert re.search(r"\[[^\]]+\]\(glossary/[a-z0-9-]+\.md\)", cells[3])


def test_every_shared_concept_quotes_two_sources_each_at_its_paragraph() -> None:
    shared = section(PAGE.read_text(encoding="utf-8"), "What the sources say about shared concepts")
    concepts = shared.split("\n### ")[1:]
    assert concepts
    for concept in concepts:
        quotes = [line for line in concept.splitlines() if line.startswith("- ")]
        slugs = [CITE.search(q).group(2) for q in quotes]
        assert len(set(slugs)) == len(slugs) >= 2
        for line in quotes:
            number, slug = CITE.search(line).groups()
            quoted = plain(line.split("}: “", 1)[1].rsplit("”", 1)[0])
            page = (ROOT / "docs" / "sources" / f"{slug}.md").read_text(encoding="utf-8")
            assert quoted in paragraph_of(page, number), (slug, quoted)


def test_attribution_is_by_quotation_never_in_our_voice() -> None:
    """We write no "Bolger argues …": a quotation is the source's title, author and
    ¶, then its sentence; the page's own prose has no verb of saying."""
    text = PAGE.read_text(encoding="utf-8").split("---\n", 2)[2]
    quote = re.compile(
        r"- \*\*\[[^\]]+\]\(sources/[^)]+\.md\)\*\* \([^)]*\), "
        r"\[¶\d+\]\(sources/[^)]+\)\{ \.dossier-cite title=\"Go to paragraph \d+\" \}: “.*”"
    )
    ours = []
    for line in text.splitlines():
        if line.startswith("- "):
            assert quote.fullmatch(line), line
        elif not line.startswith(("|", "#", "{%")):
            ours.append(line)
    assert not re.search(r"\b(argues?|claims?|believes?|says|thinks?|contends?)\b", " ".join(ours))


def test_the_page_is_in_the_navigation() -> None:
    assert "  - Positions: positions.md\n" in (ROOT / "docs" / ".nav.yml").read_text("utf-8")


def test_the_print_page_carries_the_positions_citing_its_own_paragraphs() -> None:
    text = (ROOT / "docs" / "print.md").read_text(encoding="utf-8")
    assert "- [Positions](#positions)" in text
    part = text.split("# Positions { #positions }")[1].split("\n# Glossary")[0]
    cited = re.findall(r"\[S\d+ ¶\d+\]\(#(s\d+-p\d+)\)", part)
    assert len(cited) >= len(SOURCES) + 4
    for anchor in set(cited):
        assert f"{{ #{anchor} " in text or f"{{ #{anchor} }}" in text, anchor


def test_a_concept_is_quoted_where_the_source_says_what_it_is() -> None:
    """Seed 002 names multipolarity five times; ¶14 says what it now means."""
    shared = section(PAGE.read_text(encoding="utf-8"), "What the sources say about shared concepts")
    concept = shared.split("### [Multipolarity]")[1].split("\n### ")[0]
    line = next(li for li in concept.splitlines() if "russia-and-north-korea" in li)
    assert "[¶14]" in line and "multipolarism now represents a challenge" in line
