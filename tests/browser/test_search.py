"""Material's search (lunr, in a web worker) as a reader uses it: type, read the list."""

from __future__ import annotations

import pytest

# What a reader types → the page that must come first.
QUERIES = {
    "grossraum": "glossary/grossraum/",
    "Großraum": "glossary/grossraum/",
    "Kim Jong-un": "people/kim-jong-un/",
    "kim jong un": "people/kim-jong-un/",
}


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box; return the result links, best first."""
    page.goto("")
    box = page.get_by_role("textbox", name="Search")
    box.click()
    # The index loads in a web worker; until then the list says "Initializing search".
    page.wait_for_function(
        "() => /Type to start/.test(document.querySelector('.md-search-result__meta')"
        "?.textContent ?? '')"
    )
    # The whole query at once, then a key (Material searches on keyup), so no result list
    # for a prefix of the query is read.
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && /matching document/.test(meta.textContent)
                && document.querySelector('.md-search-result__item a');
        }"""
    )
    links = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => new URL(a.href).pathname)",
    )
    return [link.lstrip("/") for link in links]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_page_first(page, query: str) -> None:
    results = search(page, query)
    assert results, f"no result for {query!r}"
    assert results[0] == QUERIES[query], f"{query!r} → {results[:5]}"


def test_search_result_opens_the_page(page) -> None:
    search(page, "Großraum")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url("**/glossary/grossraum/**")
    assert page.title().startswith("Grossraum - ")
