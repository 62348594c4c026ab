"""The hostile site (tests/test_hostile_site.py) in Chromium: no stranger's script runs.

Parsing the HTML shows what the server sends; here the browser runs it, with
Material's and Pagefind's scripts: every page is opened, hover cards are shown,
and the search dialog lists the hostile pages. Every hostile value calls
``alert()``: a dialog, or an element that the page's scripts made from a
stranger's text, fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..test_hostile_site import hostile_site  # noqa: F401  (the fixture)
from .conftest import is_local, serve, site_pages

INJECTED = """() => [...document.querySelectorAll('*')].flatMap(el => {
  const found = [];
  for (const a of el.attributes) {
    if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
  }
  if (el.tagName === 'SCRIPT' && el.textContent.includes('alert(')) found.push('script');
  for (const host of [el.shadowRoot].filter(Boolean)) {
    if (host.innerHTML.includes('onload=') || host.innerHTML.includes('onerror=')) {
      found.push(el.tagName + ' shadow root');
    }
  }
  return found;
})"""
"""Elements with an event handler, or a script quoting a stranger's text."""


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:  # noqa: F811
    with serve(hostile_site) as url:
        yield url


@pytest.fixture
def watched(browser, hostile_url: str) -> Iterator[tuple[object, list[str]]]:
    """A page whose dialogs and requests to other hosts are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=hostile_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda r: None if is_local(r.url) else seen.append(f"request: {r.url}"))
    yield page, seen
    context.close()


def test_no_page_runs_a_strangers_script(watched, hostile_site: Path) -> None:  # noqa: F811
    page, seen = watched
    pages = site_pages(hostile_site)
    assert len(pages) > 20
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate(INJECTED) == [], path
        # Hover cards: Material builds them from the titles in the article, as HTML.
        # (Material moves a title into its card while shown: hold the elements.)
        for link in page.query_selector_all("article [title*='alert(']"):
            link.hover()
            page.locator(".md-tooltip2--active").wait_for()
            card = page.locator(".md-tooltip2--active .md-tooltip2__inner")
            assert card.evaluate("e => e.children.length") == 0, (path, card.inner_html())
        assert page.evaluate(INJECTED) == [], path
    assert seen == []


def test_search_results_show_hostile_titles_as_text(watched) -> None:
    page, seen = watched
    page.goto("")
    page.locator(".md-header pagefind-modal-trigger button").click()
    box = page.locator("pagefind-modal input")
    box.wait_for(state="visible")
    box.fill("Zorblax")
    # Results come in as Pagefind loads them: wait for the one whose title holds the
    # markup (an entry page, ranked below the sources since the search ranking changed).
    page.wait_for_function(
        """() => [...document.querySelectorAll('pagefind-modal .pf-result .pf-result-link')]
            .some(a => a.textContent.includes('<svg/onload=alert(96)>'))"""
    )
    titles = page.eval_on_selector_all(
        "pagefind-modal .pf-result-link", "links => links.map(a => a.textContent)"
    )
    assert any("<svg/onload=alert(96)>" in title for title in titles), titles
    assert page.evaluate(INJECTED) == []
    assert seen == []
