"""Hostile values through the whole build: pipeline, MkDocs, Material, Pagefind.

``test_hostile.py`` checks a source's *body* with the site's Markdown renderer.
Here strangers' values land where Material puts them itself: titles in the
sidebar, tabs, header, footer and ``<title>``; summaries in ``<meta>``; file
names in front matter; glossary and entity names in hover cards, indexes and
the relationship graph. The site is built as ``make site`` builds it, every
HTML and SVG file is parsed, and we check that nothing in it is executable or
loads anything, and that each hostile value is shown as the text it is.

The front matter of every page is also read back the way MkDocs reads it, for
any characters Hypothesis can find in titles, sidecar values and file names.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from build_scripts.markup import yaml_string
from build_scripts.pipeline import build

from .conftest import copy_project, mkdocs_build, run_dossier

ALERT = "alert("
"""Every hostile value calls alert(): where that text may end up, and where not."""

SVG_TITLE = "Nav <svg onload=alert(90)> Title </title><script>alert(91)</script>"
LEAD = '"><script>alert(92)</script> Russia signed a treaty with Pyongyang on Monday.'
SIDECAR_TITLE = "Sidecar <img src=x onerror=alert(93)> title & end"
SIDECAR_AUTHOR = "<b onmouseover=alert(94)>Jane</b> Doe"
OG_TITLE = "<img src=x onerror=alert(95)> Headline of the saved page"
TERM = "Zorblax <svg/onload=alert(96)>"
TERM_SHORT = '"><script>alert(97)</script> a made-up doctrine'
PERSON = "<iframe src=javascript:alert(98)> Ivanov"
SITE_NAME = "Dossier \"quoted\" & more 'alert(105)'"
ODD_NAME = 'zz odd\n---\nname \uffff "quoted" <b>x<\\b> & more.txt'

BODY = (
    "The Zorblax doctrine was discussed by Ivanov in Moscow, who said the treaty with "
    "Pyongyang changes the balance of power in the region for years to come.\n\n"
    "Officials in Seoul and Tokyo said they were studying the text of the agreement and "
    "would respond after consulting their allies in Washington and Brussels.\n"
)

SAVED_PAGE = f"""<!doctype html>
<html><head>
<meta charset="utf-8">
<title>{OG_TITLE.replace("<", "&lt;")} | The Example Review</title>
<meta property="og:title" content="{OG_TITLE.replace("<", "&lt;").replace('"', "&quot;")}">
<meta name="author" content="&lt;script&gt;alert(99)&lt;/script&gt; Jo Smith">
<meta property="og:site_name" content="Review &lt;svg onload=alert(100)&gt;">
</head><body><article>
<h1>{OG_TITLE.replace("<", "&lt;")}</h1>
<p>The Zorblax doctrine, a theory of regional order, was the subject of a long debate in the
parliament on Tuesday, where deputies from every party asked the government to explain it.</p>
<p>The minister replied that the doctrine had never been adopted as policy and that the
government's position on the treaty with Pyongyang had not changed since the spring.</p>
<p>Critics said the answer left open how the country would vote when the treaty comes before
the assembly next month, and asked for the legal advice to be published in full.</p>
</article></body></html>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with only hostile sources and data entries, built as ``make site`` does."""
    root = copy_project(tmp_path_factory.mktemp("hostile-site") / "project")
    seeds = root / "seeds"
    for path in seeds.iterdir():
        if path.is_file():
            path.unlink()
    shutil.rmtree(root / "docs" / "sources", ignore_errors=True)
    (seeds / "zz-svg.txt").write_text(f"{SVG_TITLE}\n\n{LEAD}\n\n{BODY}", encoding="utf-8")
    (seeds / "zz-sidecar.txt").write_text(BODY, encoding="utf-8")
    (seeds / "zz-sidecar.yml").write_text(
        yaml.safe_dump(
            {
                "title": SIDECAR_TITLE,
                "author": SIDECAR_AUTHOR,
                "publication": "<script>alert(101)</script>",
                "summary": "</title><script>alert(102)</script> The editors' summary.",
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (seeds / "zz-page.html").write_text(SAVED_PAGE, encoding="utf-8")
    (seeds / ODD_NAME).write_text(f"An odd name\n\n{BODY}", encoding="utf-8")
    data = seeds / "data"
    glossary = yaml.safe_dump(
        [
            {
                "term": TERM,
                "aliases": ["Zorblax doctrine", "<script>alert(103)</script>"],
                "short": TERM_SHORT,
                "definition": "A made-up doctrine <img src=x onerror=alert(104)>.",
            }
        ],
        allow_unicode=True,
    )
    with (data / "glossary.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + glossary)
    entities = (data / "entities.yml").read_text(encoding="utf-8")
    person = yaml.safe_dump(
        [{"name": PERSON, "aliases": ["Ivanov"], "description": "A <u>made-up</u> official."}]
    )
    person = "\n".join("  " + line for line in person.splitlines())
    (data / "entities.yml").write_text(
        entities.replace("people:\n", "people:\n" + person + "\n", 1), encoding="utf-8"
    )
    settings = (root / "mkdocs.yml").read_text(encoding="utf-8")
    settings = re.sub(r"(?m)^site_name: .*$", f"site_name: {yaml_string(SITE_NAME)}", settings)
    settings = re.sub(r"(?m)^repo_name: .*$", 'repo_name: "<b onclick=alert(107)>x</b>"', settings)
    settings = re.sub(
        r"(?ms)^copyright: >-\n.*?(?=^\S)",
        'copyright: "<script>alert(106)</script> (c)"\n',
        settings,
    )
    (root / "mkdocs.yml").write_text(settings, encoding="utf-8")
    built = run_dossier(root, "build")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    site = mkdocs_build(root)
    assert site.returncode == 0, site.stderr
    return root / "site"


class Parsed(HTMLParser):
    """Every element with its attributes, the text of some, and comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.comments: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data):
        if self._open and self._open[-1] == "script":
            self.scripts.append(data)
        for tag in ("title", "h1", "nav", "footer", "header"):
            if tag in self._open:
                self.texts.setdefault(tag, []).append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def text(self, tag: str) -> str:
        """The element's text, white space folded, without a heading's permalink."""
        return " ".join("".join(self.texts.get(tag, [])).split()).removesuffix("¶").rstrip()


def parse(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


EXECUTABLE_TAGS = {
    "iframe", "object", "embed", "frame", "frameset", "applet", "base", "style",
    "foreignobject", "template", "video", "audio", "math", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "data"}
LOADING = {("link", "href"), ("script", "src"), ("img", "src"), ("image", "xlink:href")}
"""What the browser fetches by itself when the page loads (``<a href>`` it does not)."""
NOT_FETCHED = {"canonical"}
"""A ``<link rel>`` that names an address without fetching it: the page's own
canonical address, on the site's host (``site_url``)."""
TEXT_ATTRIBUTES = {
    "title", "alt", "aria-label", "content", "xlink:title", "placeholder", "data-term",
}  # fmt: skip
"""Attributes whose value is shown or read as text: hostile text may sit there,
escaped (``data-term``: a source's key term, which tables.js shows as an option's
text in the Sources table's filter)."""


def test_nothing_in_the_site_is_executable_or_loads_from_elsewhere(hostile_site: Path) -> None:
    assert len(list(hostile_site.rglob("*.html"))) > 20
    assert_inert(hostile_site)


def source_page(site: Path, start: str) -> Path:
    (found,) = [
        p for p in (site / "sources").glob("*/index.html") if p.parent.name.startswith(start)
    ]
    return found


def test_a_title_is_text_in_the_tab_header_and_sidebar(hostile_site: Path) -> None:
    page = parse(source_page(hostile_site, "nav-svg"))
    assert page.text("title") == f"{SVG_TITLE} - {SITE_NAME}"
    assert page.text("h1") == SVG_TITLE
    assert SVG_TITLE in page.text("header")
    sources = parse(hostile_site / "sources" / "index.html")
    assert SVG_TITLE in sources.text("nav")  # the sidebar lists it as text
    assert SVG_TITLE in sources.text("h1") or SVG_TITLE in "".join(sources.texts.get("nav", []))


def test_the_summary_is_text_in_the_meta_description(hostile_site: Path) -> None:
    page = parse(source_page(hostile_site, "sidecar"))
    (description,) = [a["content"] for t, a in page.elements if a.get("name") == "description"]
    assert description == "</title><script>alert(102)</script> The editors' summary."


def link_preview(page: Parsed) -> dict[str, str]:
    """The page's Open Graph and Twitter card values, by property."""
    return {
        attributes.get("property") or attributes["name"]: attributes["content"]
        for tag, attributes in page.elements
        if tag == "meta"
        and (attributes.get("property", "").startswith("og:")
             or attributes.get("name", "").startswith("twitter:"))
    }  # fmt: skip


def test_link_previews_show_titles_and_summaries_as_text(hostile_site: Path) -> None:
    svg = link_preview(parse(source_page(hostile_site, "nav-svg")))
    assert svg["og:title"] == SVG_TITLE
    assert svg["og:site_name"] == SITE_NAME
    assert svg["og:type"] == "article"
    assert svg["og:url"].startswith("https://dossier-editors.github.io/dossier/sources/nav-svg")
    sidecar = link_preview(parse(source_page(hostile_site, "sidecar")))
    assert sidecar["og:title"] == SIDECAR_TITLE
    assert sidecar["og:description"] == "</title><script>alert(102)</script> The editors' summary."
    term = link_preview(parse(next((hostile_site / "glossary").glob("zorblax*/index.html"))))
    assert term["og:title"] == TERM
    assert term["og:description"] == TERM_SHORT
    odd = link_preview(parse(source_page(hostile_site, "an-odd-name")))
    assert odd["og:title"] == "An odd name"
    home = link_preview(parse(hostile_site / "index.html"))
    assert home["og:title"] == SITE_NAME
    assert home["og:url"] == "https://dossier-editors.github.io/dossier/"
    # A summary card with no image: a preview loads nothing from anywhere.
    assert home["twitter:card"] == "summary"
    assert not [key for key in (*svg, *home) if "image" in key]


def test_a_sidecar_title_is_text(hostile_site: Path) -> None:
    page = parse(source_page(hostile_site, "sidecar"))
    assert page.text("h1") == SIDECAR_TITLE
    assert page.text("title").startswith(SIDECAR_TITLE + " - ")


def test_a_saved_pages_title_is_text(hostile_site: Path) -> None:
    # The saved page's headline shows what looks like a tag, as text: so does ours.
    page = parse(source_page(hostile_site, "img-src-x-onerror"))
    assert page.text("h1") == OG_TITLE


def test_glossary_and_entity_names_are_text(hostile_site: Path) -> None:
    term_pages = [p for p in (hostile_site / "glossary").glob("zorblax*/index.html")]
    (term,) = term_pages
    assert parse(term).text("h1") == TERM
    person = parse(next((hostile_site / "people").glob("iframe*/index.html")))
    assert person.text("h1") == PERSON
    article = parse(source_page(hostile_site, "nav-svg"))
    # The hover card of the linked term shows its short line. Material puts a
    # title into the card as HTML, so the title's value is escaped HTML.
    titles = [a["title"] for t, a in article.elements if "dossier-term" in a.get("class", "")]
    assert html.escape(TERM_SHORT, quote=False) in titles


def test_a_file_name_with_a_newline_and_dashes_keeps_its_page(hostile_site: Path) -> None:
    page = source_page(hostile_site, "an-odd-name")
    parsed = parse(page)
    assert parsed.text("h1") == "An odd name"
    (edit,) = [a["href"] for t, a in parsed.elements if "md-content__button" in a.get("class", "")]
    assert unquote(edit).endswith("/seeds/" + ODD_NAME), edit  # the source, not docs/


# Any character, through the pipeline alone: the front matter reads back as written.
ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
)
NAME = ANY_TEXT.filter(lambda s: "/" not in s and "\x00" not in s and s.strip(". ") == s)


@pytest.fixture(scope="module")
def bare_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("front-matter") / "project")
    for path in (root / "seeds").iterdir():
        if path.is_file():
            path.unlink()
    return root


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=ANY_TEXT, author=ANY_TEXT, summary=ANY_TEXT, name=NAME)
def test_front_matter_reads_back_for_any_characters(
    bare_project: Path, title: str, author: str, summary: str, name: str
) -> None:
    seeds = bare_project / "seeds"
    for path in seeds.iterdir():
        if path.is_file():
            path.unlink()
    (seeds / f"{name}.txt").write_text(f"{title}\n\n{BODY}", encoding="utf-8")
    sidecar = {"author": author, "summary": summary}
    (seeds / f"{name}.yml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
    result = build(bare_project)
    articles = [item.article for item in result.articles]
    for page in result.pages:
        if page.path.suffix != ".md" or page.path.parts[0] == "_generated":
            continue  # (a snippet the home page includes has no front matter)
        page.text.encode("utf-8")  # writable as it is
        markdown, meta = get_data(page.text)
        assert meta, page.path  # the front matter was read, not rendered as text
        assert not markdown.lstrip().startswith(("---", "title:")), page.path
        if page.path.parent.name == "sources" and page.path.name != "index.md":
            (article,) = [a for a in articles if a.slug == page.path.stem]
            assert meta["title"] == article.title
            assert meta["edit_path"] == article.source.text_path.as_posix()


def assert_inert(site: Path) -> None:
    """Nothing in the built site runs, loads from elsewhere, or is markup of a stranger's."""
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    assert files
    for path in files:
        parsed = parse(path)
        where = path.relative_to(site)
        for tag, attrs in parsed.elements:
            assert tag not in EXECUTABLE_TAGS, (where, tag, attrs)
            assert ALERT not in tag, (where, tag)
            for name, value in attrs.items():
                assert not name.startswith("on") and ALERT not in name, (where, tag, name)
                assert name not in ("srcdoc", "http-equiv"), (where, tag, name)
                assert name != "style" or re.fullmatch(r"text-align: \w+;?", value), (where, tag)
                if name in URL_ATTRIBUTES:
                    scheme = urlsplit(value.strip()).scheme.lower()
                    assert scheme in ("", "http", "https", "mailto"), (where, tag, value)
                    if (tag, name) in LOADING and attrs.get("rel") not in NOT_FETCHED:
                        assert not scheme and not value.startswith("//"), (where, tag, value)
                if ALERT in value:
                    assert name in TEXT_ATTRIBUTES, (where, tag, name, value)
        # Inline scripts are Material's and ours: no stranger's text is in one.
        assert all(ALERT not in script for script in parsed.scripts), where
        # Comments (Graphviz names each node in one) hold only escaped text.
        assert all("<" not in c for c in parsed.comments if ALERT in c), where


# Through MkDocs too, with values Hypothesis makes of markup and any characters.
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)>",
    "</title><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- alert(1) -->",
    "--- \n title: alert(1)",
    "\\",
    "`",
    "#",
]
HOSTILE = st.lists(
    st.one_of(st.sampled_from(MARKUP), ANY_TEXT, st.sampled_from(["Treaty", "Ivanov", "the"])),
    min_size=1,
    max_size=3,  # names stay under the data files' 120 characters
).map(" ".join)


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with data files of its own, so that each MkDocs build is quick."""
    return copy_project(tmp_path_factory.mktemp("small") / "project")


@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=HOSTILE, author=HOSTILE, term=HOSTILE, short=HOSTILE, person=HOSTILE, name=NAME)
def test_any_values_build_a_site_with_nothing_executable(
    small_project: Path, title: str, author: str, term: str, short: str, person: str, name: str
) -> None:
    seeds = small_project / "seeds"
    for path in seeds.iterdir():
        if path.is_file():
            path.unlink()
    shutil.rmtree(small_project / "docs" / "sources", ignore_errors=True)
    shutil.rmtree(small_project / "site", ignore_errors=True)
    (seeds / f"{name}.txt").write_text(f"{title}\n\n{BODY}", encoding="utf-8")
    (seeds / f"{name}.yml").write_text(yaml.safe_dump({"author": author}), encoding="utf-8")
    data = seeds / "data"
    glossary = [{"term": term, "aliases": ["treaty"], "short": short[:200] or "x"}]
    (data / "glossary.yml").write_text(yaml.safe_dump(glossary), encoding="utf-8")
    entities = {"people": [{"name": person, "aliases": ["Ivanov"], "description": short}]}
    (data / "entities.yml").write_text(yaml.safe_dump(entities), encoding="utf-8")
    (data / "events.yml").write_text("[]\n", encoding="utf-8")
    built = run_dossier(small_project, "build")
    assert "Traceback" not in built.stderr, built.stderr
    assert built.returncode in (0, 1), built.stderr  # 1: a value refused, named in one line
    site = mkdocs_build(small_project)
    assert site.returncode == 0, site.stderr
    assert_inert(small_project / "site")


def citation_tags(page: Parsed) -> dict[str, list[str]]:
    """The page's citation_* (Zotero, Google Scholar) and Dublin Core values, by name."""
    tags: dict[str, list[str]] = {}
    for tag, attributes in page.elements:
        if tag == "meta" and attributes.get("name", "").startswith(("citation_", "DC.")):
            tags.setdefault(attributes["name"], []).append(attributes["content"])
    return tags


def test_citation_metadata_shows_titles_and_names_as_text(hostile_site: Path) -> None:
    sidecar = citation_tags(parse(source_page(hostile_site, "sidecar")))
    assert sidecar["citation_title"] == sidecar["DC.title"] == [SIDECAR_TITLE]
    assert sidecar["citation_author"] == sidecar["DC.creator"] == [SIDECAR_AUTHOR]
    assert sidecar["DC.publisher"] == ["<script>alert(101)</script>"]
    assert "citation_publication_date" not in sidecar  # not stated: not invented
    svg = citation_tags(parse(source_page(hostile_site, "nav-svg")))
    assert svg["citation_title"] == [SVG_TITLE]
    # Only source pages describe a work to cite.
    assert not citation_tags(parse(hostile_site / "sources" / "index.html"))
    assert not citation_tags(parse(hostile_site / "index.html"))


def test_the_reference_files_read_back_hostile_values_as_text(hostile_site: Path) -> None:
    import json

    import bibtexparser
    import rispy
    from bibtexparser import middlewares

    folder = hostile_site / "sources"
    items = json.loads((folder / "dossier-sources.json").read_text(encoding="utf-8"))
    records = rispy.loads((folder / "dossier-sources.ris").read_text(encoding="utf-8"))
    library = bibtexparser.parse_string(
        (folder / "dossier-sources.bib").read_text(encoding="utf-8"),
        append_middleware=[middlewares.LatexDecodingMiddleware()],
    )
    assert not library.failed_blocks
    assert len(items) == len(records) == len(library.entries) >= 4
    for titles in (
        [i["title"] for i in items],
        [r["title"] for r in records],
        [e["title"] for e in library.entries],
    ):
        assert SIDECAR_TITLE in titles
        assert SVG_TITLE in titles
    (sidecar,) = [i for i in items if i["title"] == SIDECAR_TITLE]
    assert sidecar["author"] == [{"literal": SIDECAR_AUTHOR}]
    assert sidecar["container-title"] == "<script>alert(101)</script>"
