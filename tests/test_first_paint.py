"""What a page's first paint waits for (issue 20: Lighthouse's mobile preset, >= 0.95).

The scores themselves are a benchmark (benchmarks/bench_lighthouse.py: they rise
and fall with the machine's load); this checks what makes them, in the built
pages: no script that stops the parser, the print stylesheet for paper only, and
Pagefind's dialog styles not among the stylesheets the page must load first.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

PAGES = (
    "index.html",
    "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/index.html",
)
BLOCKING_MAX = 5
"""Stylesheets a page loads before its first paint: Material's two, fonts.css,
dossier.css, search.css (print.css and Pagefind's were two more)."""


@pytest.mark.parametrize("name", PAGES)
def test_the_first_paint_waits_for_no_script_and_no_paper_styles(
    built_site: Path, name: str
) -> None:
    page = lxml.html.parse(str(built_site / name)).getroot()
    for script in page.iter("script"):
        if script.get("src"):
            assert {"defer", "async"} & set(script.attrib) or script.get("type") == "module", (
                script.get("src")
            )
    sheets = [link for link in page.iter("link") if link.get("rel") == "stylesheet"]
    paper = [link for link in sheets if link.get("href", "").endswith("stylesheets/print.css")]
    assert [link.get("media") for link in paper] == ["print"]
    blocking = [link.get("href") for link in sheets if link.get("media") in (None, "all")]
    assert len(blocking) <= BLOCKING_MAX, blocking
    assert not any("pagefind" in href for href in blocking), blocking
    # Pagefind's styles still come, inserted by a script before search.css restyles them.
    head = lxml.html.tostring(page.find("head"), encoding="unicode")
    assert head.index("pagefind-component-ui.css") < head.index("stylesheets/search.css")
