"""The whole-dossier PDF, printed from the built site by Debian's Chromium.

Read back with poppler-utils (pdfinfo, pdffonts, pdftotext) and pypdf. Without
Chromium these tests skip, except in CI (CI=true), where `make test` installs
it and a skip would hide a broken PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest

from build_scripts.knowledge import load_knowledge
from build_scripts.pdf import PDF_NAME, find_chromium, make_pdf
from build_scripts.pipeline import build

from .conftest import ROOT

IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
POPPLER = ("pdfinfo", "pdffonts", "pdftotext")
_missing = [
    what
    for what, there in [
        ("chromium (/usr/bin/chromium)", find_chromium() is not None),
        *((tool, shutil.which(tool) is not None) for tool in POPPLER),
    ]
    if not there
]
if _missing and not IN_CI:
    pytest.skip(
        f"{', '.join(_missing)} not installed: `make system-deps` installs them (as root);"
        " in CI (CI=true) these tests never skip",
        allow_module_level=True,
    )

MM = 72 / 25.4
WORD_BOX = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"')


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def dossier() -> object:
    """What the sources give: the articles and the glossary."""
    return build(ROOT)


@pytest.fixture(scope="module")
def pdf(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / PDF_NAME
    started = time.perf_counter()
    result = make_pdf(built_site, out)
    print(f"\n{out}: {result.pages} pages in {time.perf_counter() - started:.1f} s")
    return out


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    """The text of each page, in the order Chromium drew it."""
    return _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").split("\f")[:-1]


def _info(pdf: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(pdf)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def _squeeze(text: str) -> str:
    """Text to compare across line breaks: no white space, note markers or digits."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\d°¶]+", "", text)


def _outline(pdf: Path) -> list[tuple[int, str, int]]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def test_a4_tagged_titled_and_a_sane_length(pdf: Path, dossier) -> None:
    info = _info(pdf)
    assert "(A4)" in info["Page size"]
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Russia and North Korea: A Briefing Dossier"
    count = int(info["Pages"])
    # cover, contents, sources table, one page or more per source, glossary, index, timeline
    assert len(dossier.articles) + 6 <= count <= 12 * len(dossier.articles) + 60


def test_every_font_is_embedded(pdf: Path) -> None:
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "no fonts: no text?"
    for row in rows:
        # name type encoding emb sub uni object ID: "emb" is the fourth field from the end.
        assert row.split()[-5] == "yes", row


def test_page_x_of_y_and_the_running_header_on_every_page(pages: list[str]) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {total}" in text
        assert "Russia and North Korea: A Briefing Dossier" in text


def test_every_article_title_and_glossary_term_is_in_it(pages: list[str], dossier) -> None:
    text = _squeeze("".join(pages))
    for item in dossier.articles:
        assert _squeeze(item.article.title) in text, item.article.title
    glossary_at = next(i for i, page in enumerate(pages) if page.lstrip().startswith("Glossary"))
    glossary = _squeeze("".join(pages[glossary_at:]))
    knowledge, _ = load_knowledge(ROOT)
    names = [e.name for e in knowledge.entries if e.kind == "term"]
    assert names
    for name in names:
        assert _squeeze(name) in glossary, name


def test_no_text_is_lost_or_cut_off(pdf: Path, pages: list[str], dossier) -> None:
    """Every paragraph of every source is in the PDF, and no word crosses the margins."""
    text = _squeeze("".join(pages))
    for item in dossier.articles:
        for paragraph in item.article.paragraphs:
            assert _squeeze(paragraph.text) in text, (item.article.slug, paragraph.number)
    boxes = _run("pdftotext", "-bbox", str(pdf), "-")
    width = height = 0.0
    page = 0
    for line in boxes.splitlines():
        if m := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            width, height, page = float(m[1]), float(m[2]), page + 1
        elif m := WORD_BOX.search(line):
            x0, y0, x1, y1 = map(float, m.groups())
            # Inside the page margins (14 mm left for the ¶ gutter, 18 mm right),
            # with 2 mm to spare; header and footer sit in the top and bottom margins.
            where = f"page {page}: {line.strip()}"
            assert x0 >= 12 * MM and x1 <= width - 16 * MM, where
            assert y0 >= 4 * MM and y1 <= height - 4 * MM, where


def test_outline_matches_the_contents(pdf: Path, pages: list[str], dossier) -> None:
    outline = _outline(pdf)
    titles = [title for _, title, _ in outline]
    top = [title for depth, title, _ in outline if depth == 0]
    assert top == [
        "Russia and North Korea: A Briefing Dossier",
        "Contents",
        "Sources",
        "Positions",
        "Glossary",
        "Index",
        "Timeline",
    ]
    for item in dossier.articles:
        assert item.article.title in titles
    assert [p for _, _, p in outline] == sorted(p for _, _, p in outline)
    # The contents give each part's page, and it is the page the bookmark opens.
    contents = pages[1]
    assert contents.lstrip().startswith("Contents")
    at = {title: page for depth, title, page in outline if depth <= 1}
    for title in ["Sources", "Positions", "Glossary", "Index", "Timeline"]:
        assert re.search(rf"^{title} (\d+)$", contents, re.M)[1] == str(at[title])
    for n, item in enumerate(dossier.articles, start=1):
        line = next(li for li in contents.splitlines() if li.startswith(f"S{n} · "))
        assert line.rsplit(" ", 1)[1] == str(at[item.article.title]), line


def test_internal_links_lead_somewhere(pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    names = set(reader.named_destinations)
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                internal += 1
                assert annotation["/Dest"] in names, annotation["/Dest"]
    # contents, citations in summaries, glossary, index and timeline
    assert internal > 100


def test_the_site_links_to_the_pdf(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    printable = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    assert 'href="dossier.pdf"' in home and "Download PDF" in home
    assert 'href="../dossier.pdf"' in printable and "Download PDF" in printable
