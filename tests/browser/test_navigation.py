"""Navigation and "Edit this page", clicked in the browser."""

from __future__ import annotations

import re

import yaml

from ..conftest import ROOT

ARTICLE = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/"


def repo_edit_base() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["repo_url"].rstrip("/") + "/edit/main/"


def test_tabs_lead_to_each_section(page) -> None:
    page.goto("")
    for tab in ("Sources", "Glossary", "Timeline"):
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        page.wait_for_load_state()
        assert tab in page.locator("h1").first.inner_text()
    page.locator(".md-header").get_by_role("link").first.click()  # the logo: home
    page.wait_for_url(re.compile(r"/$"))


def test_home_lists_every_source_and_links_work(page, built_site) -> None:
    page.goto("")
    sources = sorted(p.parent.name for p in (built_site / "sources").glob("*/index.html"))
    for slug in sources:
        link = page.locator(f"article a[href*='sources/{slug}/']").first
        assert link.count() == 1, f"home does not link to {slug}"
    page.locator(f"article a[href*='sources/{sources[0]}/']").first.click()
    page.wait_for_url(f"**/sources/{sources[0]}/")
    assert page.locator("article h1").count() == 1


def test_article_links_to_glossary_and_back(page) -> None:
    page.goto(ARTICLE)
    term = page.locator("article a.dossier-term[href*='glossary/']").first
    name = term.inner_text()
    term.click()
    page.wait_for_url("**/glossary/**")
    # The term page quotes the article and links back to the paragraph.
    back = page.locator(f"article a[href*='{ARTICLE}#p']").first
    back.click()
    page.wait_for_url(re.compile(r"#p\d+$"))
    assert page.evaluate("location.hash") and name


def test_footer_previous_next(page) -> None:
    page.goto(ARTICLE)
    nxt = page.locator("a.md-footer__link--next")
    assert nxt.count() == 1
    nxt.click()
    page.wait_for_load_state()
    assert page.locator("a.md-footer__link--prev").count() == 1


def test_edit_link_of_generated_page_opens_its_seed(page) -> None:
    page.goto(ARTICLE)
    edit = page.locator("a.md-content__button[rel=edit]")
    href = edit.get_attribute("href")
    assert href.startswith(repo_edit_base() + "seeds/"), href
    assert (ROOT / href.removeprefix(repo_edit_base())).is_file(), href
    # The link is followed by the browser (the host is not reached: the request is
    # stopped here, since tests make no request off this machine).
    requested: list[str] = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.abort()))
    edit.click()
    page.wait_for_timeout(200)
    assert href in requested


def test_edit_link_of_term_page_opens_the_data_file(page) -> None:
    page.goto("glossary/grossraum/")
    href = page.locator("a.md-content__button[rel=edit]").get_attribute("href")
    assert href == repo_edit_base() + "seeds/data/glossary.yml"


def test_edit_link_of_hand_written_page(page) -> None:
    page.goto("about/")
    href = page.locator("a.md-content__button[rel=edit]").get_attribute("href")
    assert href == repo_edit_base() + "docs/about.md"
    page.goto("contributing/")
    href = page.locator("a.md-content__button[rel=edit]").get_attribute("href")
    assert href == repo_edit_base() + "CONTRIBUTING.md"


def test_edit_link_of_a_generated_listing_opens_its_template(page) -> None:
    """Sources, What's new and Print / PDF are made from every source: their
    "Edit this page" opens the template that shapes them, never a page in docs/
    (generated, overwritten by the next build) nor one that is not committed."""
    for path, template in (
        ("sources/", "sources-index.md.j2"),
        ("whats-new/", "whats-new.md.j2"),
        ("print/", "print.md.j2"),
    ):
        page.goto(path)
        href = page.locator("a.md-content__button[rel=edit]").get_attribute("href")
        assert href == repo_edit_base() + f"build_scripts/templates/{template}", path
        assert (ROOT / href.removeprefix(repo_edit_base())).is_file(), href
