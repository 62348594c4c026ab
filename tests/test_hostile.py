"""Nothing executed: arbitrary, hostile source text through the whole pipeline stays text.

Hypothesis writes a source file mixing ordinary words with markup of every kind
(``<script>``, event handlers, ``javascript:`` links, Markdown links and images,
HTML comments, front-matter fences, attr_list braces, admonitions…). The whole
pipeline builds its page, the site's own Markdown renderer turns it into HTML,
and we check that no element or attribute of the HTML came from the source and
that what a reader sees of each paragraph is the source's text.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.model import Heading, Paragraph
from build_scripts.pipeline import build

from .conftest import copy_project
from .test_markup import site_markdown

MARK = "pwned"
"""Every hostile fragment carries this word, so that we can tell where it ends up."""

FRAGMENTS = [
    f"<script>alert('{MARK}')</script>",
    f'<img src=x onerror="alert(`{MARK}`)">',
    f"<a href=\"javascript:alert('{MARK}')\">click</a>",
    f'<div onclick="{MARK}()" style="color:red">x</div>',
    f"[{MARK}](javascript:alert(1))",
    f"![{MARK}](http://evil.example/{MARK}.png)",
    f"<!-- {MARK} -->",
    "---",
    f"title: {MARK}",
    f"{{: #{MARK} .{MARK} onclick={MARK} }}",
    f"*[{MARK}]: abbreviation",
    f"[^{MARK}]",
    f"!!! note {MARK}",
    f"??? {MARK}",
    f'--8<-- "{MARK}.md"',
    f"<{MARK}@example.org>",
    f"<https://{MARK}.example>",
    f"&lt;script&gt;{MARK}",
    f"`{MARK}` **{MARK}** _{MARK}_",
    f"# {MARK}",
    f"> {MARK}",
    f"1. {MARK}",
    f"| {MARK} | cell |",
    "\\",
    f"<svg onload={MARK}>",
    f"<iframe src=//{MARK}.example>",
    f"<style>body{{background:url({MARK})}}</style>",
    f"<math><mi xlink:href=javascript:{MARK}>",
]
WORDS = st.sampled_from(
    ["Russia", "signed", "a", "treaty", "with", "Pyongyang", "on", "Monday", "and", "the", "war"]
)
PIECE = st.one_of(
    st.sampled_from(FRAGMENTS),
    WORDS,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("C", "Z")), max_size=8),
)
LINE = st.lists(PIECE, min_size=1, max_size=10).map(" ".join)

FORBIDDEN_TAGS = {
    "script", "style", "iframe", "img", "svg", "math", "object", "embed", "form", "input",
    "link", "meta", "base", "frame", "frameset", "video", "audio", "source", "template",
}  # fmt: skip


class Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


def _flat(text: str) -> str:
    """Text without white space: the renderer folds it, and sentence splitting may add it."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for path in (root / "seeds").iterdir():
        if path.is_file():
            path.unlink()
    shutil.rmtree(root / "docs" / "sources", ignore_errors=True)
    return root


def render_hostile(root: Path, lines: list[str]):
    """Build the dossier with one source made of ``lines``; its article and HTML."""
    text = "Hostile Source Title\n\n" + "\n\n".join(lines) + "\n"
    (root / "seeds" / "hostile.txt").write_text(text, encoding="utf-8")
    result = build(root)
    if not result.articles:
        return None, None
    (item,) = result.articles
    page = next(p for p in result.pages if "seeds/hostile.txt" in p.text.split("\n", 3)[1])
    markdown = re.sub(r"\A---\n.*?\n---\n", "", page.text, count=1, flags=re.S)
    return item.article, site_markdown().convert(markdown)


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(LINE, min_size=1, max_size=4))
def test_hostile_text_is_never_markup_and_stays_visible(hostile_project: Path, lines) -> None:
    article, html = render_hostile(hostile_project, lines)
    if article is None:  # every line was boilerplate: reported, no page
        return
    parsed = Html()
    parsed.feed(html)
    for tag, attrs in parsed.elements:
        assert tag not in FORBIDDEN_TAGS, (tag, attrs)
        for name, value in attrs:
            value = value or ""
            assert not name.startswith("on"), (tag, name)
            # Tables align their columns with a style of their own; nothing else has one.
            aligned = tag in ("th", "td") and re.fullmatch(
                r"text-align: (left|right|center);?", value
            )
            assert name != "style" or aligned, (tag, name, value)
            assert not value.strip().lower().startswith(("javascript:", "data:")), (tag, value)
            if MARK in value.lower():
                # Only the slug a heading gets from its own (escaped) text, and its link.
                heading_id = re.fullmatch(r"h[1-6]", tag) and name == "id"
                permalink = tag == "a" and name == "href" and value.startswith("#")
                assert heading_id or permalink, (tag, name, value)
    assert all(MARK not in comment for comment in parsed.comments)
    visible = _flat("".join(parsed.text))
    for block in article.blocks:
        if isinstance(block, Paragraph | Heading):
            assert _flat(block.text) in visible
    # What the reader sees is the source: every line is in the body or in the audit.
    shown = {_flat(b.text) for b in article.blocks} | {_flat(article.title)}
    audited = {_flat(r.text) for r in article.removals}
    for line in lines:
        assert (
            _flat(line) in visible
            or any(_flat(line) in s for s in shown | audited)
            or any("tags removed" in r or "entities" in r or "ftfy" in r for r in article.repairs)
        ), line
