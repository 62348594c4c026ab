"""Glossary hover cards: Material's ``content.tooltips`` on links with a title.

Material turns the ``title`` of a link into its own tooltip (``.md-tooltip2``) and
shows it on pointer hover and on keyboard focus alike (checked here, so a Material
update that drops either fails the suite).
"""

from __future__ import annotations

ARTICLE = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/"
ACTIVE = ".md-tooltip2--active"


def first_term(page):
    page.goto(ARTICLE)
    term = page.locator("article a.dossier-term").first
    title = term.get_attribute("title")
    assert title, "a glossary link carries its short definition as its title"
    return term, title


def card_text(page, link) -> str:
    """The text of the card that describes ``link``, once it is shown."""
    # Material links the card to the link (for screen readers) once it is shown.
    page.wait_for_function(
        "link => link.hasAttribute('aria-describedby')", arg=link.element_handle()
    )
    described = link.get_attribute("aria-describedby")
    card = page.locator(f"#{described}{ACTIVE}")
    card.wait_for(state="visible")
    assert card.get_attribute("role") == "tooltip"
    return " ".join(card.inner_text().split())


def test_hover_card_on_hover(page) -> None:
    term, title = first_term(page)
    assert term.get_attribute("aria-describedby") is None  # no card before the pointer
    term.hover()
    assert card_text(page, term) == " ".join(title.split())
    card = page.locator(f"#{term.get_attribute('aria-describedby')}{ACTIVE}")
    page.locator("article h1").first.hover()  # pointer away: the card goes
    card.wait_for(state="detached")


def test_hover_card_on_keyboard_focus(page) -> None:
    term, title = first_term(page)
    titles = page.eval_on_selector_all("article a.dossier-term", "links => links.map(a => a.title)")
    # Tab through the page, as a keyboard user does, until the first term link.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('dossier-term')"):
            break
    else:
        raise AssertionError("no glossary link is reachable with the Tab key")
    assert page.evaluate("document.activeElement.textContent") == term.inner_text()
    assert card_text(page, term) == " ".join(title.split())
    # Tab on to the next glossary link: its card follows the focus.
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('dossier-term')"):
            break
    following = page.locator(":focus")
    assert card_text(page, following) == " ".join(titles[1].split())
