"""Untrusted text stays text: rendered with the site's own Markdown extensions,
escaped source text gives exactly one paragraph whose visible text is the source."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from build_scripts.markup import escape, url, web_address
from build_scripts.yamlfile import load_yaml

from .conftest import ROOT


def site_markdown() -> markdown.Markdown:
    """A Markdown converter configured exactly like mkdocs.yml's markdown_extensions."""
    config = load_yaml(ROOT.joinpath("mkdocs.yml").relative_to(ROOT), ROOT)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = {k: v for k, v in (options or {}).items() if k != "base_path"}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("<!--", [data]))


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![pic](http://evil.example/x.png)",
    "<!-- hidden --> visible",
    "---\ntitle: injected\n---",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list",
    "* not a list either",
    "**bold** _em_ `code` ~~strike~~",
    "Text {: #injected .class onclick=alert(1) }",
    "A | table | row\n--- | --- | ---",
    "Term\n:   not a definition",
    "*[HTML]: Hyper Text",
    "Footnote[^1]\n\n[^1]: injected",
    "!!! note\n    not an admonition",
    "??? note\n    not details",
    "<https://example.org> and <me@example.org>",
    "&amp; &lt;b&gt; &#x3C;script&#x3E;",
    "back\\slash \\*still a star\\*",
    "    four spaces of code",
    "=====",
    "Setext\n-----",
    '--8<-- "mkdocs.yml"',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_its_own_text(text: str) -> None:
    html = site_markdown().convert(escape(text))
    parsed = Collector()
    parsed.feed(html)
    assert [tag for tag, _ in parsed.tags] == ["p"], html
    assert parsed.tags[0][1] == []
    assert "".join(parsed.text) == " ".join(text.split())


def test_ordinary_prose_stays_readable_in_the_markdown() -> None:
    prose = "North Korea’s “ally”: Russia (since 2024) — a 50-50 deal, e.g. 3.5 percent."
    assert escape(prose) == prose


@pytest.mark.parametrize(
    "address",
    [
        'https://x.org/a"><img src=x onerror=alert(1)>',
        "https://x.org/a><script>alert(1)</script>",
        "javascript:alert(1)",
        "https://x.org/a b",
        "http://",
        "ftp://x.org/file",
    ],
)
def test_unsafe_web_addresses_are_refused(address: str) -> None:
    assert web_address(address) is None


def test_a_safe_web_address_links_as_itself() -> None:
    address = web_address("https://example.org/a?q=1&b=ü#top")
    assert address is not None
    html = site_markdown().convert(f"[{escape(address)}](<{url(address)}>)")
    assert 'href="https://example.org/a?q=1&amp;b=%C3%BC#top"' in html


@pytest.mark.parametrize("heading", ["Programming in F#", "Why Teams Pick C#", "Notes ##", "#"])
def test_a_heading_ending_in_a_hash_keeps_it_on_the_page(heading: str) -> None:
    html = site_markdown().convert(f"## {escape(heading)}")
    assert (
        re.fullmatch(r'<h2 id="[^"]*">(.*)<a class="headerlink".*</h2>', html).group(1) == heading
    )


@pytest.mark.parametrize("text", ["---", "- - -", '--8<-- "mkdocs.yml"', "***", "___", "==="])
def test_a_thematic_break_or_snippet_line_stays_text(text: str) -> None:
    html = site_markdown().convert(f"Before.\n\n{escape(text)}\n\nAfter.")
    assert "<hr" not in html and "<h" not in html
    assert html.count("<p>") == 3


def test_a_line_break_inside_a_paragraph_opens_no_block() -> None:
    from build_scripts.markup import escape_inline

    html = site_markdown().convert("Text " + escape_inline("Offi\ncials\n# Heading\n!!! note"))
    assert html.count("<p>") == 1 and "<h1" not in html and "admonition" not in html


def test_a_quote_or_parenthesis_in_an_address_stays_in_the_link() -> None:
    address = "https://example.org/a'onmouseover='x'(b)c"
    html = site_markdown().convert(f"[link]({url(address)})")
    assert html == ('<p><a href="https://example.org/a%27onmouseover=%27x%27%28b%29c">link</a></p>')
