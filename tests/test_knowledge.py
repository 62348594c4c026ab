"""The knowledge layer: glossary, people and places, cross-referenced across sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from build_scripts.crossref import _key_terms, _related
from build_scripts.enrich import enrich, mentions_of
from build_scripts.errors import DossierError
from build_scripts.knowledge import Entry, KnowledgeError, load_knowledge
from build_scripts.matching import Matcher

from .conftest import ROOT, run_dossier
from .test_structure import crafted

SOURCES = {
    "000": "north-korea-joins-russia-in-ukraine-conflict-a-dangerous",
    "001": "north-koreas-shadow-in-ukraine-analyzing-potential-alliances",
    "002": "russia-and-north-korea-from-alliance-to-ideological",
}


def entry(name: str, *aliases: str, kind: str = "term", **matching: Any) -> Entry:
    return Entry(kind, name, aliases, f"About {name}.", Path("x.yml"), 1, **matching)  # type: ignore[arg-type]


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
    text = "Central Asia and Western Europe, unlike Asia, Eastern Europe or Kim up North."
    assert found(matcher, text) == [
        ("Asia", "Asia"),
        ("Eastern Europe", "Eastern Europe"),
        ("Kim", "Kim"),
    ]


def test_names_inside_other_words_do_not_match() -> None:
    matcher = Matcher([entry("Realpolitik"), entry("Kim", kind="person")])
    assert found(matcher, "Realpolitiker Kimberley") == []


NEWS = Matcher(
    [
        entry("Alexander I of Russia", "Alexander", kind="person", ambiguous=("Alexander",),
              context=("Napoleon", "Tilsit")),
        entry("UN Security Council", "Security Council", kind="organisation",
              ambiguous=("Security Council",), context=("United Nations",)),
        entry("Ministry of Foreign Affairs of North Korea", "Foreign Ministry",
              kind="organisation", ambiguous=("Foreign Ministry",), context=("Pyongyang",)),
        entry("The National Interest", "National Interest", kind="organisation",
              match_case=True),
        entry("United States", "US", "U.S.", "USA", "America", kind="place"),
        entry("European Union", "EU", kind="organisation"),
        entry("Washington, D.C.", "Washington", kind="place"),
        entry("China", kind="place"),
        entry("Donald Trump", "Trump", kind="person"),
        entry("Joe Biden", "Biden", kind="person"),
        entry("Sanctions", "sanction"),
    ]
)  # fmt: skip


def test_a_name_inside_a_longer_proper_name_is_no_mention() -> None:
    text = (
        "Lt Col Alexander Vindman of the National Security Council read USA Today and "
        "“China Grove” at the University of Washington; Hunter Biden met Washington Post staff."
    )
    assert found(NEWS, text) == []


def test_titles_sentence_words_and_quotes_do_not_make_a_longer_name() -> None:
    text = "Perhaps Russia will not. President Trump and US President Biden said “Make America"
    assert found(NEWS, text) == [
        ("Trump", "Donald Trump"),
        ("US", "United States"),
        ("Biden", "Joe Biden"),
        ("America", "United States"),
    ]


def test_only_glossary_terms_are_folded_as_plurals() -> None:
    text = "The Americas, the Bidens and the EUS; new sanctions."
    assert found(NEWS, text) == [("sanctions", "Sanctions")]


def test_a_proper_name_keeps_its_capital_and_a_title_of_a_work_its_case() -> None:
    text = "A trump card serves the national interest; The National Interest disagrees."
    assert found(NEWS, text) == [("The National Interest", "The National Interest")]


def test_another_owner_blocks_an_ambiguous_alias() -> None:
    text = (
        "Russia's foreign ministry and the French Foreign Ministry; Pyongyang’s “Foreign Ministry”."
    )
    assert found(NEWS, text) == [("Foreign Ministry", "Ministry of Foreign Affairs of North Korea")]


def test_a_country_standing_for_its_team_is_no_mention() -> None:
    text = (
        "China beat the United States on Monday. The hosts took a 2-1 win over China. "
        "Europe lost to America 6-4."
    )
    assert found(NEWS, text) == []
    # A player's or coach's role right after it: the team's; other words: the country.
    assert found(NEWS, "China star Yao Ming met the United States head coach.") == []
    assert found(NEWS, "To move China forward, the US captains of industry met.") == [
        ("China", "China"),
        ("US", "United States"),
    ]
    assert found(NEWS, "The EU beat its target; the US sanctions hit China.") == [
        ("EU", "European Union"),
        ("US", "United States"),
        ("sanctions", "Sanctions"),
        ("China", "China"),
    ]


def test_a_dateline_is_no_mention() -> None:
    assert found(NEWS, "WASHINGTON (AP) — The vote") == []
    assert found(NEWS, "BEIJING, China — The vote") == [("China", "China")]
    assert found(NEWS, "Washington said no.") == [("Washington", "Washington, D.C.")]


def test_an_ambiguous_alias_needs_the_context_the_data_gives() -> None:
    def mentions(*paragraphs: str) -> list[str]:
        article = crafted("A title", "", *(line for p in paragraphs for line in (p, "")))
        return [m.entry.name for m in mentions_of(article, NEWS)]

    security = "The Security Council met again today to discuss the matter."
    assert mentions(security) == []
    assert mentions(security, "The United Nations said so in a statement.") == [
        "UN Security Council"
    ]
    assert mentions("Alexander met Napoleon at Tilsit in July.") == ["Alexander I of Russia"]
    assert mentions("Alexander met the reporters at the station.") == []
    # … and the editors are told which names a page left unsure, once per source.
    again = "The Security Council will meet again next week, its chair said."
    unsure = enrich(crafted("A title", "", security, "", again), NEWS).unsure
    assert unsure == (
        ("UN Security Council", "Security Council", 1),
        ("UN Security Council", "Security Council", 2),
    )


def test_sanctions_in_another_sense_are_no_mention() -> None:
    """The seed data's Sanctions: states' measures, not a sports body's or a court's."""
    matcher = Matcher(load_knowledge(ROOT)[0].entries)

    def sanctions(text: str) -> list[str]:
        article = crafted("A title", "", text, "")
        return [m.entry.name for m in mentions_of(article, matcher) if m.entry.name == "Sanctions"]

    assert sanctions("The NCAA imposed sanctions on the program for misconduct.") == []
    assert sanctions("The league sanctions the bout; its sanction came late.") == []
    assert sanctions("New sanctions hit Moscow, and the sanction on oil stays.") == [
        "Sanctions",
        "Sanctions",
    ]


def test_an_entry_is_linked_once_a_page_and_an_everyday_name_never() -> None:
    everyday = entry("China", kind="place", link="never")
    matcher = Matcher([entry("Tianxia"), everyday])
    article = crafted(
        "A title", "", "Tianxia and China, China and Tianxia today.", "", "Heading One",
        "", "Tianxia again in the second section of this text.",
    )  # fmt: skip
    mentions = mentions_of(article, matcher)
    assert [(m.entry.name, m.linked) for m in mentions if m.heading is None] == [
        ("Tianxia", True), ("China", False), ("China", False), ("Tianxia", False),
        ("Tianxia", False),
    ]  # fmt: skip


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


def test_first_mention_per_page_is_a_link_with_a_hover_card(built_site: Path) -> None:
    for source in ("000", "001", "002"):
        html = page_text(built_site, f"sources/{SOURCES[source]}")
        links = re.findall(r'<a class="dossier-term" href="([^"]+)" title="([^"]+)">', html)
        targets = [href for href, _ in links]
        assert len(targets) == len(set(targets))  # once a page, whatever its sections
        assert "../../places/united-states/" not in targets  # an everyday name
    assert "../../people/kim-jong-un/" in targets
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
    assert "seeds/data/glossary.yml:2: error: YAML syntax error" in result.stderr
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


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A folder with an empty seeds/data/: quicker than a copy of the project."""
    (tmp_path / "seeds" / "data").mkdir(parents=True)
    return tmp_path


def knowledge_error(project: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(project)
    return caught.value


@pytest.mark.parametrize(
    "year", [".inf", "-.inf", ".nan", "1e400", "1.0e+400", "1" * 5000, "1950.5"]
)
def test_a_year_that_is_no_year_is_one_line(data_root: Path, year: str) -> None:
    write_data(
        data_root,
        "glossary.yml",
        "- term: A\n  short: x\n  further_reading:\n    - author: B\n      title: C\n"
        f"      year: {year}\n",
    )
    (problem,) = knowledge_error(data_root).problems
    assert str(problem).startswith("seeds/data/glossary.yml:6: error: 'year' should be a year,")
    assert str(problem).endswith(" — correct the value") and len(str(problem)) < 200


def test_every_problem_of_every_data_file_is_reported_and_good_entries_kept(
    data_root: Path,
) -> None:
    write_data(
        data_root,
        "glossary.yml",
        "- term: Tianxia\n  short: fine\n- term: Bad\n  shrot: y\n- just text\n"
        "- term: Worse\n  short: x\n  further_reading:\n    - author: A\n      title: T\n"
        "      year: .inf\n    - author: B\n",
    )
    write_data(
        data_root,
        "entities.yml",
        "people:\n  - name: Ann\n    description: d\n  - name: [Bob]\n    description: d\n"
        "planets:\n  - name: Mars\n",
    )
    write_data(data_root, "events.yml", "- date: 2020\n  title: T\n  description: d\n- date: x\n")
    error = knowledge_error(data_root)
    assert [str(p) for p in error.problems] == [
        "seeds/data/glossary.yml:4: error: unknown key 'shrot' in a glossary term"
        " — did you mean 'short'? allowed keys: term, aliases, short, definition, related,"
        " further_reading, ambiguous, context, unless, match_case, link",
        "seeds/data/glossary.yml:3: error: a glossary term has no 'short' — add 'short: …'",
        "seeds/data/glossary.yml:5: error: a glossary term must be a mapping of keys to values,"
        " not 'just text' — use keys: term, aliases, short, definition, related,"
        " further_reading, ambiguous, context, unless, match_case, link",
        "seeds/data/glossary.yml:11: error: 'year' should be a year, like 1950, not inf"
        " — correct the value",
        "seeds/data/glossary.yml:12: error: a work has no 'title' — add 'title: …'",
        "seeds/data/entities.yml:4: error: 'name' should be the name as the page title shows it"
        " (at most 120 characters, no control characters), not ['Bob'] — correct the value",
        "seeds/data/entities.yml:6: error: unknown list 'planets'"
        " — use: people, organisations, places, events",
        "seeds/data/events.yml:4: error: 'date' should be a date: YYYY-MM-DD, YYYY-MM or YYYY,"
        " not 'x' — correct the value",
        "seeds/data/events.yml:4: error: a timeline event has no 'title' — add 'title: …'",
        "seeds/data/events.yml:4: error: a timeline event has no 'description'"
        " — add 'description: …'",
    ]
    assert [e.name for e in error.knowledge.entries] == ["Tianxia", "Ann"]
    assert [e.title for e in error.knowledge.events] == ["T"]


def test_a_syntax_error_in_one_data_file_hides_nothing_of_the_others(data_root: Path) -> None:
    """…and is not reported again as every name the others take from it."""
    write_data(data_root, "entities.yml", "people:\n  - name: Ann\n  - name: 'Bob\n")
    write_data(data_root, "events.yml", "- date: 2020\n  title: T\n")
    assert [str(p).split(" — ")[0] for p in knowledge_error(data_root).problems] == [
        "seeds/data/entities.yml:3: error: YAML syntax error: found unexpected end of stream"
        " (while scanning a quoted scalar)",
        "seeds/data/events.yml:1: error: a timeline event has no 'description'",
    ]


def test_check_reports_every_data_file_and_build_leaves_docs_alone(project: Path) -> None:
    write_data(project, "glossary.yml", "- term: Grossraum\n  short: x\n  colour: red\n")
    write_data(project, "entities.yml", "people:\n  - name: Ann\n    descripton: d\n")
    before = (project / "docs" / "glossary" / "grossraum.md").read_bytes()
    checked = run_dossier(project, "check")
    assert "Traceback" not in checked.stderr and checked.returncode == 1
    assert "seeds/data/glossary.yml:3: error: unknown key 'colour'" in checked.stderr
    assert "seeds/data/entities.yml:3: error: unknown key 'descripton'" in checked.stderr
    built = run_dossier(project, "build")
    assert built.returncode == 1 and "docs/ was left as it is" in built.stderr
    assert (project / "docs" / "glossary" / "grossraum.md").read_bytes() == before


def test_a_file_in_seeds_data_that_is_not_read_is_a_warning(data_root: Path) -> None:
    data = data_root / "seeds" / "data"
    (data / "glossary.yaml").write_text("- term: A\n  short: x\n", encoding="utf-8")
    (data / "notes.txt").write_text("x", encoding="utf-8")
    (data / ".gitkeep").write_text("", encoding="utf-8")
    knowledge, problems = load_knowledge(data_root)
    assert [str(p) for p in problems] == [
        f"seeds/data/{name}: warning: not read: the data files are glossary.yml, entities.yml,"
        " events.yml — rename it (or move it out of seeds/data/)"
        for name in ("glossary.yaml", "notes.txt")
    ]
    assert knowledge.entries == ()


def test_a_data_file_that_cannot_be_read_is_an_error(data_root: Path) -> None:
    (data_root / "seeds" / "data" / "events.yml").mkdir()
    assert [str(p) for p in knowledge_error(data_root).problems] == [
        "seeds/data/events.yml: error: the data file cannot be read — make it a readable file"
    ]


def test_entries_never_share_a_page(data_root: Path) -> None:
    write_data(
        data_root,
        "glossary.yml",
        "- term: Index\n  short: a\n- term: Index 2\n  short: b\n- term: Cold War\n  short: c\n"
        "- term: cold-war\n  short: d\n- term: '!!!'\n  short: e\n- term: '???'\n  short: f\n",
    )
    write_data(data_root, "entities.yml", "people:\n  - name: Index\n    description: d\n")
    knowledge, problems = load_knowledge(data_root)
    pages = {(e.kind, e.name): e.page for e in knowledge.entries}
    assert pages == {
        ("term", "Index"): "glossary/index-3.md",
        ("term", "Index 2"): "glossary/index-2.md",
        ("term", "Cold War"): "glossary/cold-war.md",
        ("term", "cold-war"): "glossary/cold-war-2.md",
        ("term", "!!!"): "glossary/untitled.md",
        ("term", "???"): "glossary/untitled-2.md",
        ("person", "Index"): "people/index-2.md",
    }
    assert [str(p) for p in problems if "page" in str(p)] == [
        "seeds/data/glossary.yml:1: warning: 'Index' would take the page glossary/index.md,"
        " which is the Glossary page — rename it (until then its page is glossary/index-3.md)",
        "seeds/data/glossary.yml:7: warning: 'cold-war' would share the page"
        " glossary/cold-war.md with 'Cold War' (line 5)"
        " — rename it (until then its page is glossary/cold-war-2.md)",
        "seeds/data/glossary.yml:11: warning: '???' would share the page glossary/untitled.md"
        " with '!!!' (line 9) — rename it (until then its page is glossary/untitled-2.md)",
        "seeds/data/entities.yml:2: warning: 'Index' would take the page people/index.md,"
        " which is the People page — rename it (until then its page is people/index-2.md)",
    ]


def test_a_term_named_index_keeps_the_glossary_listing(project: Path) -> None:
    glossary = project / "seeds" / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "\n- term: Index\n  short: A list.\n",
        encoding="utf-8",
    )
    result = run_dossier(project, "build")
    assert "Traceback" not in result.stderr and result.returncode == 0
    assert "warning: 'Index' would take the page glossary/index.md" in result.stderr
    listing = (project / "docs" / "glossary" / "index.md").read_text(encoding="utf-8")
    term = (project / "docs" / "glossary" / "index-2.md").read_text(encoding="utf-8")
    assert "index-2.md" in listing and "Grossraum" in listing and "A list." in term


@pytest.mark.parametrize("name", ["Long" * 40, "Kim\\x00", "Kim\\x85Jong"])
def test_a_name_is_one_short_line(data_root: Path, name: str) -> None:
    """A name is matched in every article through a pattern one level deep per
    character: 12,000 characters were a RecursionError in the matcher."""
    write_data(data_root, "entities.yml", f'people:\n  - name: Ann\n    description: d\n'
               f'  - name: "{name}"\n    aliases: [Jo]\n    description: d\n')  # fmt: skip
    error = knowledge_error(data_root)
    (problem,) = error.problems
    assert str(problem).startswith(
        "seeds/data/entities.yml:4: error: 'name' should be the name as the page title shows it"
        " (at most 120 characters, no control characters), not '"
    )
    assert [e.name for e in error.knowledge.entries] == ["Ann"]


def test_a_data_file_or_folder_linked_outside_the_repository_is_refused(
    project: Path, tmp_path: Path
) -> None:
    from build_scripts.pipeline import build

    outside = tmp_path / "outside"
    outside.mkdir()
    events = project / "seeds" / "data" / "events.yml"
    (outside / "events.yml").write_text(events.read_text(encoding="utf-8") + "\n# OUTSIDE\n")
    events.unlink()
    events.symlink_to(outside / "events.yml")
    result = build(project)
    assert not result.complete  # docs/ is left as it is
    (problem,) = [p for p in result.errors if "outside" in p.what]
    assert str(problem).startswith(
        "seeds/data/events.yml: error: links outside the repository (to "
    )
    data = project / "seeds" / "data"
    moved = tmp_path / "data"
    data.rename(moved)
    data.symlink_to(moved)
    result = build(project)
    assert {str(p.path) for p in result.errors if "outside" in p.what} == {
        "seeds/data/glossary.yml",
        "seeds/data/entities.yml",
        "seeds/data/events.yml",
    }


def test_an_event_that_ends_before_it_begins_is_named(tmp_path: Path) -> None:
    data = tmp_path / "seeds" / "data"
    data.mkdir(parents=True)
    (data / "events.yml").write_text(
        "- date: 2024-05-01\n  end: 2020\n  title: T\n  description: D\n"
        "- date: 2024-05\n  end: 2024-05-31\n  title: U\n  description: D\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "seeds/data/events.yml:2: error: the event ends (2020) before it begins (2024-05-01)"
        " — correct 'date' or 'end'"
    ]
    assert [e.title for e in caught.value.knowledge.events] == ["U"]


def test_matching_keys_of_the_data_are_checked(data_root: Path) -> None:
    write_data(
        data_root,
        "entities.yml",
        "links: {places: sometimes}\npeople:\n  - name: Kim Jong Un\n    aliases: [Kim]\n"
        "    ambiguous: [Kimm]\n    description: x\n    link: never\n",
    )
    messages = [str(p) for p in knowledge_error(data_root).problems]
    assert messages == [
        "seeds/data/entities.yml:1: error: links: 'places': 'sometimes' is not a policy — "
        "give one of the lists people, organisations, places, events the value first "
        "(link the first mention on a page) or never (an everyday name)",
        "seeds/data/entities.yml:3: error: 'Kimm' is marked ambiguous but is not one of its "
        "names — copy it exactly from its name or 'aliases', or remove it from 'ambiguous'",
    ]


def test_a_list_of_the_entities_can_be_never_linked(data_root: Path) -> None:
    write_data(
        data_root,
        "entities.yml",
        "links: {places: never}\nplaces:\n  - name: China\n    description: x\n"
        "  - name: Tilsit\n    description: y\n    link: first\n",
    )
    knowledge, problems = load_knowledge(data_root)
    assert [(e.name, e.link) for e in knowledge.entries] == [
        ("China", "never"),
        ("Tilsit", "first"),
    ]
    assert problems == []


def test_risky_names_are_named_unless_marked_ambiguous(data_root: Path) -> None:
    write_data(
        data_root,
        "entities.yml",
        "people:\n  - name: Alexander Hamilton\n    aliases: [Alexander, Hamilton]\n"
        "    description: x\n  - name: Alexander Vindman\n    aliases: [Alexander]\n"
        "    ambiguous: [Alexander]\n    context: [Ukraine]\n    description: y\n",
    )
    write_data(data_root, "glossary.yml", "- term: Realism\n  aliases: [power]\n  short: z\n")
    _, problems = load_knowledge(data_root)
    risky = [str(p) for p in problems if "first name" in str(p) or "common" in str(p)]
    assert risky == [
        "seeds/data/glossary.yml:1: warning: 'power' ('Realism') is a common English word, "
        "matched in any case — list it under 'ambiguous' with the 'context' that shows it "
        "means this entry, or remove it",
        "seeds/data/entities.yml:2: warning: 'Alexander' ('Alexander Hamilton') is a first "
        "name alone: other people have it — list it under 'ambiguous' with the 'context' "
        "that shows it means this entry, or remove it",
    ]


def test_related_sources_need_more_than_an_everyday_name() -> None:
    def named(*names: tuple[str, str, float]) -> tuple:
        return tuple((name, kind, 1, spec) for name, kind, spec in names)

    usa, china = ("United States", "place", 0.2), ("China", "place", 0.2)
    grossraum, tianxia = ("Grossraum", "term", 1.0), ("Tianxia", "term", 1.0)
    profiles = (
        ("royal-column", named(usa)),
        ("hong-kong", named(usa, china)),
        ("schmitt", named(grossraum, tianxia, usa)),
        ("eurasia", named(grossraum, tianxia, china)),
        ("cars", named(("Globalization", "term", 0.5))),
    )
    related = _related(profiles)
    assert related["royal-column"] == related["hong-kong"] == related["cars"] == ()
    [(slug, score, shared)] = related["schmitt"]
    assert slug == "eurasia" and score > 1 and shared == ("Grossraum", "Tianxia")


def test_key_terms_are_what_is_distinctive_not_what_is_broad() -> None:
    profiles = (
        ("a", (("Globalization", "term", 3, 0.5), ("Grossraum", "term", 1, 1.0),
               ("Liberal democracy", "term", 2, 0.53), ("Tianxia", "term", 1, 1.0))),
        ("b", (("Globalization", "term", 1, 0.5),)),
    )  # fmt: skip
    assert _key_terms(profiles)["a"][:2] == ("Grossraum", "Tianxia")


def test_a_source_sharing_no_concept_is_named_off_topic(project: Path) -> None:
    (project / "seeds" / "cars.txt").write_text(
        "New cars at the show\n\nThe show opened with electric cars and a new wagon. "
        "Buyers looked at the seats, the range of the batteries and the prices. "
        "The Security Council of the car club gave its prize.\n",
        encoding="utf-8",
    )
    result = run_dossier(project, "check")
    assert "seeds/cars.txt: suggestion: shares no glossary concept with any other source" in (
        result.stderr
    )
    assert result.stderr.count("off-topic") == 1
    assert (
        "seeds/cars.txt: suggestion: 'Security Council' (¶1) is not taken for "
        "'UN Security Council': the page has none of its context words (United Nations, UN,"
    ) in result.stderr


def test_a_source_page_carries_its_writers_and_every_spelling_of_its_names() -> None:
    """For search: "Kim Jong-un" and "Großraum" find source 000, which writes
    "Kim Jong Un" and "grossraums" (as metadata, never shown as the passage
    that matched); "Bolger" finds what he wrote."""
    page = (ROOT / "docs" / "sources" / f"{SOURCES['000']}.md").read_text(encoding="utf-8")
    writers = '<div class="dossier-search-terms" hidden data-pagefind-weight="5">'
    assert writers + "Brian Patrick Bolger</div>" in page
    names = re.search(r'data-pagefind-ignore data-pagefind-meta="names">([^<]*)</div>', page)
    spellings = set(names.group(1).split()) if names else set()
    assert {"Jong-un", "Großraum", "Grossraum", "Vladimirovich"} <= spellings
    assert not {"Kim", "Schmitt", "Putin"} & spellings  # it writes these itself
    assert "Morgenthau" not in spellings  # 001's, not 000's
