"""The knowledge layer: glossary, people and places, cross-referenced across sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.errors import DossierError
from build_scripts.knowledge import Entry, load_knowledge
from build_scripts.matching import Matcher

from .conftest import ROOT, run_dossier

SOURCES = {
    "000": "north-korea-joins-russia-in-ukraine-conflict-a-dangerous",
    "001": "north-koreas-shadow-in-ukraine-analyzing-potential-alliances",
    "002": "russia-and-north-korea-from-alliance-to-ideological",
}


def entry(name: str, *aliases: str, kind: str = "term") -> Entry:
    return Entry(kind, name, aliases, f"About {name}.", Path("x.yml"), 1)  # type: ignore[arg-type]


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.name) for m in matcher.find(text)]


def test_matching_ignores_case_diacritics_hyphens_and_inflection() -> None:
    matcher = Matcher(
        [
            entry("Grossraum", "Großraum"),
            entry("Kim Jong Un", "Kim Jong-un", kind="person"),
            entry("Vladimir Putin", "Putin", kind="person"),
        ]
    )
    text = "Großraum, grossraums and GROSSRAUM’s; Kim Jong-un, Kim Jong Un; Putin’s visit"
    assert found(matcher, text) == [
        ("Großraum", "Grossraum"),
        ("grossraums", "Grossraum"),
        ("GROSSRAUM’s", "Grossraum"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Kim Jong Un", "Kim Jong Un"),
        ("Putin’s", "Vladimir Putin"),
    ]


def test_longest_match_wins_and_acronyms_keep_their_case() -> None:
    matcher = Matcher(
        [entry("Bipolarity"), entry("Bipolarity 2.0"), entry("United States", "US", kind="place")]
    )
    text = "Bipolarity 2.0 is not bipolarity; let us ask the US."
    assert found(matcher, text) == [
        ("Bipolarity 2.0", "Bipolarity 2.0"),
        ("bipolarity", "Bipolarity"),
        ("US", "United States"),
    ]


def test_a_place_inside_a_longer_region_name_is_not_that_place() -> None:
    matcher = Matcher(
        [entry("Asia", kind="place"), entry("Europe", kind="place"),
         entry("Eastern Europe", kind="place"), entry("Kim", kind="person")]
    )  # fmt: skip
    text = "Central Asia and Western Europe, unlike Asia, Eastern Europe or North Kim."
    assert found(matcher, text) == [
        ("Asia", "Asia"),
        ("Eastern Europe", "Eastern Europe"),
        ("Kim", "Kim"),
    ]


def test_names_inside_other_words_do_not_match() -> None:
    matcher = Matcher([entry("Realpolitik"), entry("Kim", kind="person")])
    assert found(matcher, "Realpolitiker Kimberley") == []


def test_the_seed_data_loads_without_problems() -> None:
    knowledge, problems = load_knowledge(ROOT)
    assert [str(p) for p in problems] == []
    names = {e.name for e in knowledge.entries if e.kind == "term"}
    required = {"Tianxia", "Grossraum", "Great Strategic Triangle", "Multipolarity",
                "Bipolarity 2.0", "Eurasianism", "Realpolitik", "Political realism",
                "Friend–enemy distinction", "Self-help system", "Balance of power",
                "Liberal international order", "Global South", "Entente cordiale",
                "Nomos of the Earth", "Keynesian war economy", "Sanctions"}  # fmt: skip
    assert required <= names
    assert all(len(e.short) <= 200 for e in knowledge.entries)


def write_data(project: Path, name: str, text: str) -> None:
    (project / "seeds" / "data" / name).write_text(text, encoding="utf-8")


def test_a_data_mistake_is_one_line_with_file_and_line(project: Path) -> None:
    write_data(project, "glossary.yml", "- term: A\n  short: x\n- term: B\n  shrot: y\n")
    with pytest.raises(DossierError, match=r"^seeds/data/glossary.yml:4: error: unknown key"):
        load_knowledge(project)
    write_data(project, "glossary.yml", f"- term: A\n  short: {'x' * 201}\n")
    with pytest.raises(DossierError, match=r"glossary.yml:2: .*at most 200 characters"):
        load_knowledge(project)


def test_editors_are_warned_of_shared_aliases_and_unused_entries(project: Path) -> None:
    write_data(
        project,
        "glossary.yml",
        "- term: Grossraum\n  short: x\n- term: Phlogiston\n  aliases: [Grossraum]\n  short: y\n",
    )
    result = run_dossier(project, "check")
    assert "seeds/data/glossary.yml:3: warning: 'Grossraum' names both" in result.stderr
    assert "warning: term 'Phlogiston' is found in no source" in result.stderr
    assert result.returncode == 0  # warnings only
    assert run_dossier(project, "check", "--strict").returncode == 1


def test_check_suggests_names_missing_from_the_data(project: Path) -> None:
    write_data(project, "entities.yml", "people: []\n")
    result = run_dossier(project, "check")
    assert "suggestion: 'Xi Jinping' (2×) is in no data file" in result.stderr


def test_suggested_names_leave_out_the_words_around_them(project: Path) -> None:
    (project / "seeds" / "zz.txt").write_text(
        "A Report\n\nAfter the Warsaw Pact was signed, the Warsaw Pact’s members met."
        " During Operation Barbarossa, and after Operation Barbarossa, nothing else.\n",
        encoding="utf-8",
    )
    result = run_dossier(project, "check").stderr
    assert "suggestion: 'Warsaw Pact' (2×)" in result
    assert "suggestion: 'Operation Barbarossa' (2×)" in result
    assert "'After the Warsaw Pact'" not in result and "Pact’s" not in result


def page_text(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def sources_listed(site: Path, path: str) -> set[str]:
    html = page_text(site, path).split('id="where-the-sources-use-it"')[1]
    return {key for key, slug in SOURCES.items() if f"sources/{slug}/" in html}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("people/carl-schmitt", {"000", "001"}),
        ("organisations/brics", {"000", "002"}),
        ("glossary/multipolarity", {"000", "001", "002"}),
        ("people/kim-jong-un", {"000", "002"}),
        ("glossary/tianxia", {"000"}),
        ("glossary/grossraum", {"000"}),
        ("glossary/great-strategic-triangle", {"000"}),
    ],
)
def test_entry_pages_list_every_source_that_uses_them(
    built_site: Path, page: str, expected: set[str]
) -> None:
    assert sources_listed(built_site, page) == expected
    assert "<mark>" in page_text(built_site, page)  # the passage is quoted, term marked


def test_first_mention_per_section_is_a_link_with_a_hover_card(built_site: Path) -> None:
    html = page_text(built_site, f"sources/{SOURCES['002']}")
    links = re.findall(r'<a class="dossier-term" href="([^"]+)" title="([^"]+)">', html)
    targets = [href for href, _ in links]
    assert "../../people/kim-jong-un/" in targets
    assert len(targets) == len(set(targets))  # 002 has no headings: one link per entry
    assert dict(links)["../../glossary/multipolarity/"].startswith("A distribution of power")


def test_nothing_is_linked_inside_headings(built_site: Path) -> None:
    html = page_text(built_site, f"sources/{SOURCES['001']}")
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S):
        assert "dossier-term" not in heading
    # …yet a term used only in a heading is still listed, quoted as a heading.
    assert sources_listed(built_site, "glossary/realpolitik") == {"001"}


def test_related_sources_name_what_they_share(built_site: Path) -> None:
    html = page_text(built_site, f"sources/{SOURCES['000']}")
    related = html.split('id="related-sources"')[1].split("</ul>")[0]
    assert "Shares:" in related and SOURCES["002"] in related


def test_timeline_is_dated_and_cites_paragraphs(built_site: Path) -> None:
    html = page_text(built_site, "timeline")
    years = [int(y) for y in re.findall(r'<h2 id="[^"]*">(\d{4})', html)]
    assert years == sorted(years) and 1807 in years and 2024 in years
    assert f"sources/{SOURCES['000']}/#p2" in html  # the 2019 Hanoi summit, ¶2 of 000


def test_the_graph_is_a_static_svg(built_site: Path) -> None:
    svg = (built_site / "connections-graph.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "Carl Schmitt" in svg and "Grossraum" in svg


def test_a_broken_data_file_leaves_the_pages_as_they_are(project: Path) -> None:
    write_data(project, "glossary.yml", "- term: Grossraum\n  short: [unclosed\n")
    before = (project / "docs" / "glossary" / "grossraum.md").read_text(encoding="utf-8")
    result = run_dossier(project, "build")
    assert result.returncode == 1
    assert "seeds/data/glossary.yml:3: error: YAML syntax error" in result.stderr
    assert "docs/ was left as it is" in result.stderr
    assert (project / "docs" / "glossary" / "grossraum.md").read_text(encoding="utf-8") == before


def test_a_corrected_passage_keeps_its_link(built_site: Path) -> None:
    html = page_text(built_site, f"sources/{SOURCES['000']}")
    paragraph = html.split('id="p14"')[1].split("</p>")[0]
    assert "glossary/great-strategic-triangle/" in paragraph and 'href="#fn:ed1"' in paragraph


def test_aliases_that_fold_together_are_a_clash() -> None:
    matcher = Matcher(
        [entry("Kim Jong Un", kind="person"), entry("Kim", "Kim Jong-un", kind="person")]
    )
    assert [(name, a.name, b.name) for name, a, b in matcher.clashes] == [
        ("Kim Jong-un", "Kim Jong Un", "Kim")
    ]
