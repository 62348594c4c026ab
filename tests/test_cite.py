"""Citing the sources (build_scripts/cite.py): the reference on a source's page,
and the BibTeX, RIS and CSL-JSON files, read back by the libraries reference
managers use. Titles and names are strangers' text: each must come back as the
same text, never as markup, a second record or a field of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import extruct
import jsonschema
import pytest
import rispy
import yaml
from bibtexparser import middlewares
from lxml import html as lxml_html

from build_scripts.cite import (
    DOWNLOADS,
    Citation,
    bibtex,
    csl_json,
    permalink,
    reference_markdown,
    reference_text,
    ris,
)
from build_scripts.model import Article, SourceFile
from build_scripts.pipeline import build
from build_scripts.yamlfile import load_yaml

from .conftest import ROOT
from .test_markup import HOSTILE, site_markdown

SITE = "https://example.org/dossier/"


def article(**changes: object) -> Article:
    base = Article(
        source=SourceFile(Path("seeds/000_x.txt")),
        slug="a-title",
        title="A Title",
        author=None,
        author_bio=None,
        publication=None,
        published=None,
        url=None,
        kind=None,
        blocks=(),
        references=(),
        removals=(),
        corrections=(),
        unused_corrections=(),
        repairs=(),
        encoding="utf-8",
    )
    return dataclasses.replace(base, **changes)


FULL = article(
    title="North Korea Joins Russia",
    author="Jane Doe and John Roe",
    authors=("Jane Doe", "John Roe"),
    publication="The Diplomat",
    published=dt.date(2024, 6, 20),
    url="https://thediplomat.com/2024/06/north-korea/",
    language="en",
)


def test_a_full_reference_in_apa_order() -> None:
    assert reference_text(FULL) == (
        "Jane Doe & John Roe. (2024, June 20). North Korea Joins Russia. The Diplomat."
        " https://thediplomat.com/2024/06/north-korea/"
    )
    assert "*The Diplomat*" in reference_markdown(FULL)
    assert permalink(FULL, SITE) == "https://example.org/dossier/sources/a-title/"


def test_three_writers_are_joined_with_an_ampersand_before_the_last() -> None:
    three = dataclasses.replace(FULL, authors=("A One", "B Two", "C Three"))
    assert reference_text(three).startswith("A One, B Two, & C Three. (2024, June 20).")


def test_what_is_not_stated_stays_out() -> None:
    bare = article(title="Untitled Thoughts?")
    # No author: the title takes its place; no date: the style's "n.d."; no
    # publication, no address: nothing in their place.
    assert reference_text(bare) == "Untitled Thoughts? (n.d.)."
    citation = Citation.of(bare, None)
    assert citation.unstated == ("author", "date", "publication", "original address")
    assert citation.permalink is None
    item = json.loads(csl_json([bare]))[0]
    assert set(item) == {"id", "type", "title"}
    (entry,) = bibtexparser.parse_string(bibtex([bare])).entries
    assert set(entry.fields_dict) == {"title"}
    (record,) = rispy.loads(ris([bare]))
    assert set(record) == {"type_of_reference", "id", "title"}


def test_an_unsafe_address_is_left_out() -> None:
    unsafe = dataclasses.replace(FULL, url="javascript:alert(1)")
    assert "javascript" not in reference_text(unsafe)
    assert "URL" not in json.loads(csl_json([unsafe]))[0]
    assert "javascript" not in bibtex([unsafe]) + ris([unsafe])


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_title_and_author_show_as_their_own_text(hostile: str) -> None:
    for bad in (
        article(title=hostile),  # opens the reference
        dataclasses.replace(FULL, title=hostile, authors=(hostile,), publication=hostile),
    ):
        html = site_markdown().convert(reference_markdown(bad))
        parsed = Text()
        parsed.feed(html)
        assert set(parsed.tags) <= {"p", "em", "a"}, html
        assert "".join(parsed.text) == reference_text(bad)


HOSTILE_TITLE = "A } @misc{x, title={y}} 50% & $x$ # _ ~ \\ {Korea}\nTY  - JOUR\nER  - 天下"
HOSTILE_NAMES = ("Smith and Sons", "Ann {B} Lee%", "Kim Jong-un")


def test_bibtex_reads_back_as_the_same_text() -> None:
    bad = dataclasses.replace(FULL, slug="bad", title=HOSTILE_TITLE, authors=HOSTILE_NAMES)
    library = bibtexparser.parse_string(
        bibtex([bad, FULL]), append_middleware=[middlewares.LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    first, second = library.entries
    assert (first.key, first.entry_type) == ("bad", "online")
    assert first["title"] == " ".join(HOSTILE_TITLE.split())
    # One braced name each: never split at "and", never first/last parts.
    names = bibtexparser.parse_string(bibtex([bad])).entries[0]["author"]
    assert names.count("} and {") == 2
    assert names.startswith("{Smith and Sons}")
    assert first["date"] == "2024-06-20"
    assert first["url"] == "https://thediplomat.com/2024/06/north-korea/"
    assert second["title"] == "North Korea Joins Russia"


def test_ris_reads_back_one_record_a_source() -> None:
    bad = dataclasses.replace(FULL, slug="bad", title=HOSTILE_TITLE, authors=HOSTILE_NAMES)
    text = ris([bad, FULL])
    # Every line a tag line (no "1." counters), every record opened and closed.
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in text.split("\n") if line)
    assert text.count("TY  - ") == text.count("ER  - ") == 2
    records = rispy.loads(text)
    assert len(records) == 2
    first = records[0]
    assert first["type_of_reference"] == "ELEC"
    assert first["title"] == " ".join(HOSTILE_TITLE.split())
    assert first["authors"] == list(HOSTILE_NAMES)
    assert first["date"] == "2024/06/20"
    assert first["secondary_title"] == "The Diplomat"
    assert first["urls"] == ["https://thediplomat.com/2024/06/north-korea/"]


def test_csl_json_has_literal_names_and_the_dossiers_copy() -> None:
    (item,) = json.loads(csl_json([FULL], SITE))
    assert item == {
        "id": "a-title",
        "type": "webpage",
        "title": "North Korea Joins Russia",
        "author": [{"literal": "Jane Doe"}, {"literal": "John Roe"}],
        "issued": {"date-parts": [[2024, 6, 20]]},
        "container-title": "The Diplomat",
        "URL": "https://thediplomat.com/2024/06/north-korea/",
        "language": "en",
        "archive_location": "https://example.org/dossier/sources/a-title/",
    }


def test_the_build_writes_the_files_and_every_source_page_cites(project: Path) -> None:
    result = build(project)
    pages = {str(p.path): p.text for p in result.pages}
    slugs = [item.article.slug for item in result.articles]
    assert [r["id"] for r in rispy.loads(pages[str(DOWNLOADS["ris"])])] == slugs
    assert [i["id"] for i in json.loads(pages[str(DOWNLOADS["csl-json"])])] == slugs
    keys = [e.key for e in bibtexparser.parse_string(pages[str(DOWNLOADS["bibtex"])]).entries]
    assert keys == slugs
    index = pages["sources/index.md"]
    for path in DOWNLOADS.values():
        assert f"]({path.name})" in index
    for item in result.articles:
        page = pages[item.article.page]
        assert '!!! quote "Cite this source"' in page
        assert reference_markdown(item.article) in page
        assert f"sources/{item.article.slug}/" in page  # the permalink


def test_citation_cff_is_valid_and_agrees_with_mkdocs_yml() -> None:
    """CITATION.cff against the Citation File Format 1.2.0 schema (as published by
    the CFF project; copied from the cffconvert 2.0.0 wheel into tests/fixtures),
    and its title and addresses are the site's."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(
        (ROOT / "tests/fixtures/citation-cff-1.2.0.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())
    site = load_yaml(Path("mkdocs.yml"), ROOT)
    assert cff["title"] == site["site_name"]
    assert cff["url"] == site["site_url"]
    assert cff["repository-code"] == site["repo_url"]
    with pytest.raises(jsonschema.ValidationError):  # the check can fail
        jsonschema.validate({**cff, "authors": []}, schema)


def test_a_source_pages_metadata_reads_as_a_reference_manager_reads_it(built_site: Path) -> None:
    """The page's Dublin Core, read by extruct (a maintained reader of embedded
    metadata), and its citation_* tags (what Zotero and Google Scholar read) say
    what the page says, and no date the source does not state."""
    page = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/"
    text = (built_site / page / "index.html").read_text(encoding="utf-8")
    (found,) = extruct.extract(text, syntaxes=["dublincore"], uniform=False)["dublincore"]
    dc = {e["URI"].rsplit("/", 1)[1]: e["content"] for e in found["elements"]}
    title = "North Korea Joins Russia in Ukraine Conflict: A Dangerous Alliance?"
    assert dc["title"] == title
    assert dc["creator"] == "Brian Patrick Bolger"
    assert dc["identifier"] == f"https://dossier-editors.github.io/dossier/{page}"
    assert "date" not in dc  # the source states none
    tags: dict[str, list[str]] = {}
    for meta in lxml_html.fromstring(text).iter("meta"):
        if (meta.get("name") or "").startswith("citation_"):
            tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    assert tags == {
        "citation_title": [title],
        "citation_author": ["Brian Patrick Bolger"],
        "citation_language": ["en"],
    }
