"""The whole-dossier print page (docs/print.md → site/print/), without a browser."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from build_scripts.knowledge import load_knowledge
from build_scripts.pipeline import build

from .conftest import ROOT


def _print_page() -> str:
    result = build(ROOT)
    (page,) = [p for p in result.pages if p.path.as_posix() == "print.md"]
    return page.text


def test_print_page_is_committed_current_and_dated_only_at_site_build() -> None:
    text = _print_page()
    assert text == (ROOT / "docs" / "print.md").read_text(encoding="utf-8")
    # The build date is filled in by the MkDocs hook, never written into docs/.
    assert '<time class="dossier-build-date"></time>' in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b.*dossier-build-date", text)


def test_print_page_holds_every_source_and_term_once() -> None:
    text = _print_page()
    result = build(ROOT)
    for n, item in enumerate(result.articles, start=1):
        assert text.count(f"{{ #s{n} .dossier-article }}") == 1
        for paragraph in item.article.paragraphs:
            assert f"{{ #s{n}-p{paragraph.number} .dossier-p }}" in text
    knowledge, _ = load_knowledge(ROOT)
    for entry in knowledge.entries:
        if entry.kind == "term":
            assert text.count(f"{{ #g-{entry.slug} .dossier-gloss }}") == 1, entry.name


def test_built_print_page_ids_are_unique_and_every_link_lands(built_site: Path) -> None:
    html = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    ids = Counter(re.findall(r'\sid="([^"]+)"', article))
    assert not [i for i, n in ids.items() if n > 1]
    targets = set(re.findall(r'href="#([^"]+)"', article))
    assert targets and targets <= set(ids), targets - set(ids)
    # Entry links stay on the page: the glossary and index are in it.
    assert not re.search(r'class="dossier-term" href="\.\./', article)
    assert re.search(r'<time class="dossier-build-date" datetime="\d{4}-\d\d-\d\d">', article)
