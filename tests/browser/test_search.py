"""Site search (Pagefind, build_scripts/search.py) as a reader uses it: open, type, read."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import AXE, is_local, need, run_axe

# What a reader types → the page that must come first.
QUERIES = {
    "grossraum": "glossary/grossraum/",
    "Großraum": "glossary/grossraum/",
    "Kim Jong-un": "people/kim-jong-un/",
    "kim jong un": "people/kim-jong-un/",
    "multipolarity": "glossary/multipolarity/",
}
RESULT_LINK = "pagefind-modal .pf-result-link"


def search(page, query: str) -> list[str]:
    """Open search from the header, type ``query``; return the result links shown, best
    first (those further down are filled in as they scroll into view)."""
    page.goto("")
    page.locator(".md-header pagefind-modal-trigger button").click()
    box = page.locator("pagefind-modal input")
    box.wait_for(state="visible")
    box.fill(query)
    # Each result fetches its fragment when it comes into view; until then it is a
    # placeholder: wait for the first one to be filled in.
    page.wait_for_function(
        "q => (document.querySelector('pagefind-summary')?.textContent ?? '').includes(q)"
        " && document.querySelector('pagefind-modal .pf-result')?.querySelector('.pf-result-link')",
        arg=query,
    )
    links = page.eval_on_selector_all(
        RESULT_LINK, "links => links.map(a => new URL(a.href).pathname)"
    )
    home = urlsplit(page.url).path  # the site's path: "/dossier/" as on GitHub Pages
    return [link.removeprefix(home) for link in links]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_page_first(page, query: str) -> None:
    results = search(page, query)
    assert results, f"no result for {query!r}"
    assert results[0] == QUERIES[query], f"{query!r} → {results[:5]}"


def test_search_is_in_the_header_and_opens_with_the_slash_key(page) -> None:
    page.goto("sources/")
    assert page.locator(".md-header__inner pagefind-modal-trigger").count() == 1
    page.keyboard.press("/")
    box = page.locator("pagefind-modal input")
    box.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement === document.querySelector("
                         "'pagefind-modal input')")  # fmt: skip
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")


def test_typing_in_search_opened_again_starts_a_new_query(page) -> None:
    search(page, "grossraum")
    page.keyboard.press("Escape")
    box = page.locator("pagefind-modal input")
    box.wait_for(state="hidden")
    # "/" in a text box is typed, not a shortcut: wait until the closed dialog has
    # handed focus back (a moment later under load; a person never presses that fast).
    page.wait_for_function("() => !document.activeElement?.matches('input')")
    page.keyboard.press("/")
    box.wait_for(state="visible")
    page.keyboard.type("tianxia")
    assert box.input_value() == "tianxia"


def test_a_result_opens_the_page_with_the_words_marked(page) -> None:
    search(page, "Großraum")
    page.locator(RESULT_LINK).first.click()
    page.wait_for_url("**/glossary/grossraum/**")
    assert page.title().startswith("Grossraum - ")
    page.locator("article mark.pagefind-highlight").first.wait_for()


def test_results_do_not_repeat_the_page_as_its_own_section(page) -> None:
    search(page, "grossraum")
    first = page.locator("pagefind-modal .pf-result").first
    title = first.locator(".pf-result-link").first.inner_text()
    sections = first.locator(".pf-heading-link").all_inner_texts()
    assert title not in sections, sections


def test_search_fetches_its_index_from_the_site_only(page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, "multipolarity")
    assert any("/pagefind/" in url and "fragment" in url for url in requests), requests
    assert all(is_local(url) for url in requests), [u for u in requests if not is_local(u)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_with_results_passes_axe(browser, site_url, scheme: str) -> None:
    need(AXE, "axe-core")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=site_url, color_scheme=scheme
    )
    page = context.new_page()
    try:
        search(page, "multipolarity")
        assert run_axe(page) == []
    finally:
        context.close()
