"""Every script reads, on the page and in print: Chinese (the glossary's 天下),
Korean and Russian are drawn with fonts that have their glyphs, found on this
machine through the site's own local() declarations (docs/stylesheets/fonts.css),
never downloaded.

Chromium names the fonts it drew a node's text with (DevTools' "rendered fonts",
``CSS.getPlatformFontsForNode``); a character no installed font has is drawn as a
box with the first font's missing glyph, so each character is checked against
the fonts named, by fontconfig (``fc-list family:charset=…``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..conftest import ROOT
from .conftest import need

SAMPLES = {
    "zh": "天下大同",
    "ko": "한반도 평화",
    "ru": "Российская Федерация",
}
"""Text in each script, put on the Tianxia page beside its own 天下."""

FONTS_CSS = ROOT / "docs" / "stylesheets" / "fonts.css"


def test_fonts_are_declared_with_local_sources_only() -> None:
    css = FONTS_CSS.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert faces
    for face in faces:
        (src,) = re.findall(r"src:([^;]*);", face)
        assert re.fullmatch(r'(\s*local\("[^"]+"\),?)+\s*', src), src
    assert "url(" not in css and "@import" not in css


def covered(text: str, families: list[str]) -> set[str]:
    """The characters of ``text`` that none of ``families`` has a glyph for."""
    need(shutil.which("fc-list") or "fc-list", "fontconfig's fc-list")
    missing = set()
    for char in set(text) - {" "}:
        pattern = f":charset={ord(char):x}"
        found = subprocess.run(
            ["fc-list", pattern, "family"], capture_output=True, text=True, check=True
        ).stdout
        names = {name for line in found.splitlines() for name in line.split(",")}
        if not names & set(families):
            missing.add(char)
    return missing


def rendered_fonts(page, selector: str) -> list[str]:
    """The families Chromium drew the text of the element (only its own text) with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    # (Not detached: detaching a session ends the page's print emulation.)
    return [font["familyName"] for font in fonts]


def open_with_samples(page) -> None:
    page.goto("glossary/tianxia/")
    page.evaluate(
        """(samples) => {
            const paragraph = document.createElement("p");
            for (const [lang, text] of Object.entries(samples)) {
                const span = document.createElement("span");
                span.id = "sample-" + lang;
                span.lang = lang;
                span.textContent = text;
                paragraph.append(span, " ");
            }
            document.querySelector("article.md-content__inner").append(paragraph);
        }""",
        SAMPLES,
    )
    page.evaluate("document.fonts.ready.then(() => true)")


def assert_every_glyph_drawn(page) -> None:
    own = page.locator("article p", has_text="天下").first
    own.evaluate("element => element.setAttribute('id', 'own-tianxia')")
    text = own.inner_text()
    assert "天下" in text
    assert not covered(text, rendered_fonts(page, "#own-tianxia"))
    for lang, sample in SAMPLES.items():
        fonts = rendered_fonts(page, f"#sample-{lang}")
        assert not covered(sample, fonts), (lang, fonts)


def test_chinese_korean_and_russian_are_drawn_on_the_page(page) -> None:
    open_with_samples(page)
    assert_every_glyph_drawn(page)
    # The CJK text found its font through the site's own declaration.
    faces = page.evaluate(
        "[...document.fonts].filter(f => f.family === 'Dossier CJK Sans').map(f => f.status)"
    )
    assert "loaded" in faces
    assert "Noto Sans CJK SC" in rendered_fonts(page, "#sample-zh")


def test_chinese_korean_and_russian_are_drawn_in_print(page, tmp_path: Path) -> None:
    open_with_samples(page)
    page.emulate_media(media="print")
    # The print faces are loaded when the print layout first needs them.
    page.evaluate("document.body.offsetHeight && document.fonts.ready.then(() => true)")
    assert_every_glyph_drawn(page)
    assert "Noto Serif CJK SC" in rendered_fonts(page, "#sample-zh")  # the print serif
    pdf = tmp_path / "scripts.pdf"
    page.pdf(path=str(pdf), format="A4")
    for tool in ("pdftotext", "pdffonts"):
        need(shutil.which(tool) or tool, f"poppler-utils' {tool}")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "天下" in text
    for sample in SAMPLES.values():
        assert sample in " ".join(text.split()), sample
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded


def test_a_character_no_font_has_would_be_caught() -> None:
    """The check itself: Yi syllables, which no font installed here draws, are
    reported as missing from the fonts the samples use."""
    assert covered("ꀀꀁ", ["Liberation Sans", "Noto Sans CJK SC", "DejaVu Sans"]) == {"ꀀ", "ꀁ"}
