"""What a decision-maker reads first: summaries, key terms and the dossier overview."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .conftest import ROOT, run_dossier

PAGES = sorted((ROOT / "docs" / "sources").glob("*.md"))
ARTICLES = [p for p in PAGES if p.name != "index.md"]


def plain(markdown: str) -> str:
    """Markdown of ours back to the source text: links unwrapped, escapes undone."""
    text = re.sub(r'\[([^\]]*)\]\([^ )]*(?: "[^"]*")?\)(\{[^}]*\})?', r"\1", markdown)
    return re.sub(r"\\(.)", r"\1", text)


def paragraph_of(page: str, number: str) -> str:
    return plain(page.split(f"{{ #p{number} .dossier-p }}")[0].rsplit("\n\n", 1)[1])


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])


def test_summaries_are_3_to_5_of_the_authors_sentences_thesis_first() -> None:
    """The seeds are opinion and analysis: the box leads with the thesis (and what
    leans on it, from its paragraph), then the main claims in source order."""
    for page in ARTICLES:
        text = page.read_text(encoding="utf-8")
        box = text.split("!!! abstract")[1].split("\n\n[1](#p1)")[0]
        cited = [int(n) for n in re.findall(r"\[¶(\d+)\]\(#p\d+\)", box)]
        assert 3 <= len(cited) <= 5, page.name
        claims = [n for n in cited if n != cited[0]]
        assert cited[: len(cited) - len(claims)] == [cited[0]] * (len(cited) - len(claims))
        assert claims == sorted(set(claims)), page.name
        for line in box.splitlines():
            if line.strip().startswith("- "):
                bullet = line.strip()[2:].split(" [¶")[0]
                # The editors' gloss (sidecar glosses:) is theirs, in brackets.
                sentence = plain(re.sub(r" \\\[[^\]]*\\\]", "", bullet))
                number = line.split("[¶")[1].split("]")[0]
                assert sentence in paragraph_of(text, number), (page.name, sentence)


def test_no_summary_announces_what_its_piece_will_do() -> None:
    """Seed 001 opens "In this analysis, we'll explore how …": a roadmap, not a point."""
    for page in ARTICLES:
        box = page.read_text(encoding="utf-8").split("!!! abstract")[1].split("\n\n[1](#p1)")[0]
        assert "In this analysis" not in box, page.name
        assert "we’ll explore" not in box, page.name


def key_terms(page: Path) -> list[str]:
    card = page.read_text(encoding="utf-8").split("Key terms\n:   ")[1].split("\n")[0]
    return [re.sub(r"\\(.)", r"\1", t) for t in re.findall(r"\[([^\]]+)\]", card)]


def test_key_terms_are_in_the_card_not_in_tags_that_show_nowhere() -> None:
    for page in ARTICLES:
        assert 5 <= len(key_terms(page)) <= 8, page.name
        assert "tags" not in front_matter(page)
        assert front_matter(page)["description"]


def test_concepts_lead_the_key_terms() -> None:
    realist_piece = next(p for p in ARTICLES if p.name.startswith("north-koreas-shadow"))
    tags = key_terms(realist_piece)
    glossary = {p.stem for p in (ROOT / "docs" / "glossary").glob("*.md")}
    people = {p.stem for p in (ROOT / "docs" / "people").glob("*.md")}
    slugs = [re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for t in tags]
    assert all(s in glossary for s in slugs[:5])
    assert "hans-morgenthau" in people and "hans-morgenthau" in slugs[5:]


def test_key_terms_are_what_a_source_is_distinctively_about() -> None:
    """Seed 000 uses Globalization and Liberal democracy as often as Grossraum and
    Tianxia; only the latter say what it is about (weighed against ordinary English)."""
    terms = key_terms(next(p for p in ARTICLES if p.name.startswith("north-korea-joins")))
    assert {"Grossraum", "Tianxia", "Bipolarity 2.0"} <= set(terms[:5])
    assert not {"Globalization", "Liberal democracy", "Geopolitics"} & set(terms)


def test_home_overview_has_a_thesis_line_per_source_and_shared_themes() -> None:
    overview = (ROOT / "docs" / "_generated" / "home-overview.md").read_text(encoding="utf-8")
    assert "[Multipolarity](glossary/multipolarity.md) (3 sources)" in overview
    theses = re.findall(r"“(.+)” \[¶(\d+)\]\(sources/([^)#]+)\.md#p\d+\)", overview)
    assert len(theses) == len(ARTICLES)
    for sentence, number, slug in theses:
        page = (ROOT / "docs" / "sources" / f"{slug}.md").read_text(encoding="utf-8")
        assert plain(sentence) in paragraph_of(page, number)


def test_editors_summary_and_themes_override_and_are_labelled(project: Path) -> None:
    sidecar = project / "seeds" / "001_f3abdb565c5eee52.yml"
    sidecar.write_text("summary: An editors' summary. It has two sentences.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  dossier:\n", "  dossier:\n    themes: [Grossraum, Tianxia]\n", 1
        ),
        encoding="utf-8",
    )
    assert run_dossier(project, "build").returncode == 0
    docs = project / "docs"
    overview = (docs / "_generated" / "home-overview.md").read_text(encoding="utf-8")
    assert "An editors' summary. <span" in overview and "(the editors' summary)" in overview
    assert "**Themes the sources share:** [Grossraum]" in overview and "[Tianxia]" in overview
    page = next((docs / "sources").glob("north-koreas-shadow*.md")).read_text(encoding="utf-8")
    assert '!!! abstract "Summary — written by the editors"' in page


def test_an_unknown_theme_is_an_error_naming_the_line(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  dossier:\n", "  dossier:\n    themes: [Phlogiston]\n", 1))
    line = text.split("\n").index("  dossier:") + 2
    result = run_dossier(project, "build")
    assert f"mkdocs.yml:{line}: error: extra.dossier.themes names 'Phlogiston'" in result.stderr


def test_the_editors_pin_the_thesis_and_it_leads_the_box(project: Path) -> None:
    sidecar = project / "seeds" / "002_0fe0a7189f45d8cb.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "thesis: 14\n", encoding="utf-8")
    assert run_dossier(project, "build").returncode == 0
    docs = project / "docs"
    page = next((docs / "sources").glob("russia-and-north-korea*.md")).read_text(encoding="utf-8")
    box = page.split("!!! abstract")[1].split("\n\n[1](#p1)")[0]
    first = next(line for line in box.splitlines() if line.strip().startswith("- "))
    assert "multipolarism now represents a challenge to the rule of law" in first
    assert "[¶14](#p14)" in first
    overview = (docs / "_generated" / "home-overview.md").read_text(encoding="utf-8")
    assert "#p14){ .dossier-cite" in overview and "(thesis chosen by the editors)" in overview


def test_a_thesis_the_source_does_not_have_is_one_line_naming_the_sidecar(project: Path) -> None:
    sidecar = project / "seeds" / "002_0fe0a7189f45d8cb.yml"
    text = sidecar.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    for value, said in (
        ("99", "the source has no ¶99"),
        ('"Multipolarism is dead."', "the quoted sentence is not in the source's text"),
    ):
        sidecar.write_text(text + f"thesis: {value}\n", encoding="utf-8")
        result = run_dossier(project, "build")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        expected = f"seeds/002_0fe0a7189f45d8cb.yml:{line}: error: thesis: {said}"
        assert expected in result.stderr, result.stderr
