"""Every built page, opened once in the browser: what it requests, what axe-core finds,
and whether a phone-sized screen scrolls sideways.

One pass over the site (``visits``) feeds all three checks, so the suite stays quick
however many pages the dossier grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from .conftest import AXE, is_local, need, run_axe, site_pages

# Page types the issue names, each with a page of that type (or a folder of them).
PAGE_TYPES = {
    "home": "",
    "article": "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/",
    "term": "glossary/grossraum/",
    "entity": "people/kim-jong-un/",
    "index": "glossary/",
    "entity index": "people/",
    "sources index": "sources/",
    "matrix": "connections/",
    "timeline": "timeline/",
    "about": "about/",
    "contributing": "contributing/",
    "print": "print/",
    "not found": "404.html",
}
PHONE = {"width": 360, "height": 740}


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    overflow: int = 0


def visit_all(browser, site_url: str, paths: list[str], scheme: str) -> dict[str, Visit]:
    visits: dict[str, Visit] = {}
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=site_url, color_scheme=scheme
    )
    current: list[Visit] = []
    # Context-wide: also sees the search worker's requests.
    context.on("request", lambda request: current[-1].requests.append(request.url))
    page = context.new_page()
    for path in paths:
        visit = visits[path] = Visit()
        current.append(visit)
        page.goto(path, wait_until="load")
        visit.violations = run_axe(page)
    # A request a page makes late is logged under the next page: still caught.
    page.wait_for_load_state("networkidle")
    context.close()
    return visits


@pytest.fixture(scope="session")
def all_pages(built_site) -> list[str]:
    return site_pages(built_site)


@pytest.fixture(scope="module")
def visits(browser, site_url, all_pages) -> dict[str, Visit]:
    need(AXE, "axe-core")
    return visit_all(browser, site_url, all_pages, "light")


def test_every_page_type_is_built(all_pages) -> None:
    missing = [kind for kind, path in PAGE_TYPES.items() if path not in all_pages]
    assert not missing, f"page types not built: {missing}"
    assert len(all_pages) > 50


def test_no_page_requests_another_host(visits) -> None:
    off_site = {
        path or "home": sorted({url for url in visit.requests if not is_local(url)})
        for path, visit in visits.items()
    }
    off_site = {path: urls for path, urls in off_site.items() if urls}
    assert not off_site, f"requests to other hosts: {off_site}"
    # The log is real: every page loaded its own CSS, and the search dialog's script.
    assert all(any(".css" in url for url in v.requests) for v in visits.values())
    assert all(any("pagefind-component-ui.js" in u for u in v.requests) for v in visits.values())


def test_axe_finds_nothing_serious_on_any_page(visits) -> None:
    found = {path or "home": visit.violations for path, visit in visits.items() if visit.violations}
    assert not found, f"axe-core, serious or critical: {found}"


def test_axe_finds_nothing_serious_in_the_dark_scheme(browser, site_url) -> None:
    need(AXE, "axe-core")
    dark = visit_all(browser, site_url, list(PAGE_TYPES.values()), "dark")
    found = {path or "home": visit.violations for path, visit in dark.items() if visit.violations}
    assert not found, f"axe-core (dark scheme), serious or critical: {found}"


def test_no_sideways_scroll_on_a_phone(browser, site_url, all_pages) -> None:
    context = browser.new_context(
        viewport=PHONE, base_url=site_url, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    wide = {}
    for path in all_pages:
        page.goto(path, wait_until="load")
        overflow = page.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth"
        )
        if overflow > 0:
            widest = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
            wide[path or "home"] = (overflow, widest)
    context.close()
    assert not wide, f"pages wider than a {PHONE['width']}px screen: {wide}"


def test_request_log_tells_local_from_remote() -> None:
    assert is_local("http://127.0.0.1:8000/assets/x.css")
    assert is_local("http://localhost/")
    assert is_local("data:image/svg+xml,<svg/>")
    assert not is_local("https://fonts.googleapis.com/css")
    assert not is_local("https://api.github.com/repos/x/y")
    assert not is_local("http://10.0.0.1/")
