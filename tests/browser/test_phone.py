"""The Positions page on a phone (issue 20, "Phone"): at 360 px its table is a list
of cards, each thesis across the screen, with no sideways scroll; on a desktop it
stays a table. A screenshot goes to the test's temporary folder (its path is
printed: look at it)."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_axe

POSITIONS = "positions/"
PHONE = {"width": 360, "height": 740}
THESIS_WIDTH = 280
"""px: a thesis reads across the screen (in the table it was off-screen at first)."""


def cells(page, column: int) -> list[dict[str, float]]:
    """Each row's cell of the column (1-based): its box, on the page as drawn."""
    return page.evaluate(
        """(column) => Array.from(document.querySelectorAll(
                '.dossier-positions tbody tr td:nth-child(' + column + ')'))
            .map(cell => { const box = cell.getBoundingClientRect();
                           return {x: box.x, width: box.width, text: cell.textContent}; })""",
        column,
    )


def test_the_positions_table_on_a_phone_is_cards_with_the_thesis_across(
    browser, site_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE, base_url=site_url, is_mobile=True)
    page = context.new_page()
    page.goto(POSITIONS)
    table = page.locator(".dossier-positions table")
    table.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "positions-360.png")
    table.screenshot(path=tmp_path / "positions-table-360.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrap = page.locator(".dossier-positions .md-typeset__scrollwrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
    theses = cells(page, 3)
    assert len(theses) >= 3
    for thesis in theses:
        assert thesis["x"] >= 0 and thesis["x"] + thesis["width"] <= PHONE["width"], thesis
        assert thesis["width"] >= THESIS_WIDTH, thesis
    # Each value under its column's name; the title first, on its own.
    first = page.locator(".dossier-positions tbody tr").first
    labels = first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels[1:] == ['"Kind: "', '"Thesis, quoted"', '"Concepts it leans on"']
    title, thesis = first.locator("td").nth(0), first.locator("td").nth(2)
    assert title.bounding_box()["y"] < thesis.bounding_box()["y"]
    # The headers are still there for a screen reader, out of sight.
    assert page.locator(".dossier-positions thead th").count() == 4
    assert not run_axe(page)
    print(f"\nscreenshots: {tmp_path}")
    context.close()


def test_the_positions_table_on_a_desktop_stays_a_table(page) -> None:
    page.goto(POSITIONS)
    table = page.locator(".dossier-positions table")
    assert table.evaluate("t => getComputedStyle(t).display") != "block"
    thesis = cells(page, 3)[0]
    source = cells(page, 1)[0]
    assert thesis["x"] > source["x"]  # side by side, in columns
