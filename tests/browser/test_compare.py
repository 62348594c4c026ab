"""Cite, compare and read on a phone (issue 20), in the browser: the Sources table
sorted and filtered by mouse and keyboard (and plain without script), the cite
block's copy button, and tables at 360 px that scroll inside their box rather
than squeeze a column. Screenshots go to the test's temporary folder (their
paths are printed: look at them)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import run_axe

SOURCES = "sources/"
ARTICLE = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/"
PHONE = {"width": 360, "height": 740}
NARROWEST_TEXT_COLUMN = 120
"""px: a column of text at least this wide on a phone (a squeezed one was ~80)."""


def rows(page) -> list[list[str]]:
    """The Sources table's visible rows, cell by cell."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.dossier-sources tbody tr'))
            .filter(row => !row.hidden)
            .map(row => Array.from(row.cells).map(cell => cell.textContent.trim()))"""
    )


def words(row: list[str]) -> int:
    return int(row[-1].replace(",", ""))


def test_the_sources_table_sorts_by_mouse_and_keyboard(page) -> None:
    page.goto(SOURCES)
    table = page.locator(".dossier-sources table")
    before = rows(page)
    assert len(before) >= 3
    header = table.locator("th", has=page.get_by_role("button", name="Words"))
    page.get_by_role("button", name="Words").click()
    assert header.get_attribute("aria-sort") == "ascending"
    counts = [words(r) for r in rows(page)]
    assert counts == sorted(counts)
    # The keyboard: the same button, focused, Enter reverses.
    page.get_by_role("button", name="Words").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert [words(r) for r in rows(page)] == sorted(counts, reverse=True)
    assert table.locator("th[aria-sort]").count() == 1
    page.get_by_role("button", name="Source").press("Space")
    titles = [r[0].casefold() for r in rows(page)]
    assert titles == sorted(titles)
    assert "Sorted by Source, ascending" in page.get_by_role("status").first.inner_text()
    assert not run_axe(page)


def test_the_sources_table_filters_by_text_and_kind(page) -> None:
    page.goto(SOURCES)
    every = rows(page)
    author = next(r[1] for r in every if r[1] != "not stated")
    page.get_by_label("Filter", exact=True).fill(author.split()[-1].lower())
    shown = rows(page)
    assert shown and all(author in r[1] for r in shown) and len(shown) < len(every)
    status = page.locator(".dossier-table-status")
    assert re.search(rf"\b{len(shown)} of {len(every)} sources shown", status.inner_text())
    page.get_by_label("Filter", exact=True).fill("")
    kind = every[0][4]
    page.get_by_label("Kind").select_option(kind)
    assert rows(page) == [r for r in every if r[4] == kind]
    page.get_by_label("Kind").select_option("")
    assert rows(page) == every
    # A key term (the sources' own, as their cards list them) and a year.
    terms = page.evaluate(
        """() => Array.from(document.querySelectorAll('.dossier-sources tbody tr'))
            .map(row => Array.from(row.querySelectorAll('[data-term]'), m => m.dataset.term))"""
    )
    term = terms[0][0]
    page.get_by_label("Key term").select_option(term)
    assert rows(page) == [r for r, t in zip(every, terms, strict=True) if term in t]
    page.get_by_label("Key term").select_option("")
    assert page.get_by_label("Year").count() == (
        1 if len({r[3][:4] for r in every}) > 1 else 0  # a list only when there is a choice
    )


def test_without_script_the_table_is_a_plain_table(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(SOURCES)
    assert page.locator(".dossier-sources tbody tr").count() >= 3
    assert page.locator(".dossier-sources button, .dossier-table-filters").count() == 0
    for name in ("BibTeX", "RIS", "CSL-JSON"):
        assert page.get_by_role("link", name=name, exact=True).count() == 1
    context.close()


def test_copy_reference_and_a_paragraphs_number_put_a_citation_on_the_clipboard(
    browser, site_url: str
) -> None:
    from playwright.sync_api import expect  # the pdf extra: imported once the browser is there

    context = browser.new_context(base_url=site_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(ARTICLE)
    block = page.locator(".dossier-cite-block")
    reference = block.locator(".dossier-reference").inner_text().strip()
    assert reference.startswith("Brian Patrick Bolger. (n.d.). North Korea Joins Russia")
    block.get_by_role("button", name="Copy reference").click()
    expect(block.get_by_role("status")).to_have_text("Copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    first, second = copied.split("\n")
    assert first == " ".join(reference.split())
    assert second == f"In the dossier: https://dossier-editors.github.io/dossier/{ARTICLE}"
    # A paragraph's ¶ number goes to it and copies the reference with its address.
    page.locator("a.dossier-pnum", has_text=re.compile(r"^12$")).click()
    page.wait_for_url(re.compile(r"#p12$"))
    expect(page.locator(".dossier-pnum-status")).to_have_text(
        "Citation of paragraph 12 copied to the clipboard."
    )
    first, second = page.evaluate("navigator.clipboard.readText()").split("\n")
    assert first == " ".join(reference.split())
    assert second == (
        f"Paragraph 12 in the dossier: https://dossier-editors.github.io/dossier/{ARTICLE}#p12"
    )
    context.close()


def narrow_text_columns(page, selector: str) -> list[tuple[str, int]]:
    """Cells of text (not right-aligned numbers) narrower than the floor."""
    return [
        (text, width)
        for text, width in page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector + ' td'))
                .filter(cell => cell.offsetParent !== null)
                .filter(cell => getComputedStyle(cell).textAlign !== 'right')
                .map(cell => [cell.textContent.trim().slice(0, 30),
                              Math.round(cell.getBoundingClientRect().width)])""",
            selector,
        )
        if width < NARROWEST_TEXT_COLUMN
    ]


def test_tables_on_a_phone_scroll_inside_their_box_and_squeeze_no_column(
    browser, site_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE, base_url=site_url, is_mobile=True)
    page = context.new_page()
    page.goto(ARTICLE)
    page.locator("details summary", has_text="Source notes").click()
    notes = page.locator("details table")
    notes.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "source-notes-360.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not narrow_text_columns(page, "details")
    # The table is wider than the screen: its own box scrolls sideways.
    wrap = page.locator("details .md-typeset__scrollwrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
    assert wrap.evaluate("e => getComputedStyle(e).overflowX") == "auto"

    page.goto(SOURCES)
    page.locator(".dossier-sources table").scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "sources-360.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Stacked: every value, Words too, is on the screen under its column's name.
    last = page.locator(".dossier-sources tbody tr").first.locator("td").last
    box = last.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"]
    assert last.evaluate("e => getComputedStyle(e, '::before').content") == '"Words"'
    page.get_by_role("button", name="Words").click()  # the sort buttons stay
    assert not run_axe(page)
    print(f"\nscreenshots: {tmp_path}")
    context.close()


def test_the_graph_on_a_phone_keeps_readable_labels_in_a_box_that_pans(
    browser, site_url: str, built_site: Path, tmp_path: Path
) -> None:
    svg = (built_site / "connections-graph.svg").read_text(encoding="utf-8")
    label_pt = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
    context = browser.new_context(viewport=PHONE, base_url=site_url, is_mobile=True)
    page = context.new_page()
    page.goto("connections/")
    graph = page.locator("img.dossier-graph")
    graph.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "graph-360.png")
    shown, natural = graph.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
    assert label_pt * 4 / 3 * shown / natural >= 10  # px, as drawn on the screen (was ~5)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = graph.locator("xpath=../..")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert not run_axe(page)
    context.close()
