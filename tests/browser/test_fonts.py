"""Which installed font draws a source's text, on screen and on paper: Chromium
says so (DevTools' CSS.getPlatformFontsForNode). An emoji (🙂) with no emoji
font installed was an empty box; Chinese (天下) needs Noto CJK. Both come from
fonts on the reader's machine, named with local() (fonts.css): the page asks
no host for a font."""

from __future__ import annotations

import pytest

ARTICLE = "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/"


def fonts_drawing(page, text: str) -> list[str]:
    """The platform fonts Chromium uses for ``text`` set as a paragraph of the article."""
    page.evaluate(
        """(text) => { const p = document.querySelector('.md-content p');
                       p.id = 'font-probe'; p.textContent = text; }""",
        text,
    )
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "#font-probe"})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    return [font["familyName"] for font in fonts]


@pytest.mark.parametrize("media", ["screen", "print"])
def test_emoji_and_chinese_are_drawn_by_installed_fonts(page, media: str) -> None:
    requests: list[str] = []
    page.on(
        "request",
        lambda request: request.resource_type == "font" and requests.append(request.url),
    )
    page.goto(ARTICLE)
    page.emulate_media(media=media)
    emoji = fonts_drawing(page, "🙂")
    assert emoji == ["Noto Color Emoji"], emoji
    chinese = fonts_drawing(page, "天下")
    assert any("CJK" in family for family in chinese), chinese
    # Latin text keeps the page's own font: neither face takes it over.
    latin = fonts_drawing(page, "Treaty")
    assert not any("Emoji" in family or "CJK" in family for family in latin), latin
    assert requests == []  # no web font, from this site or any other
