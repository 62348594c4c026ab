"""The whole dossier as one PDF, printed from the BUILT site by headless Chromium.

``python -m build_scripts.pdf`` (``make pdf``; ``make site`` runs it too) opens
the site's Print / PDF page (``site/print/index.html``, made from
``docs/print.md``) in Debian's Chromium, driven by Playwright with
``executable_path``: no browser is downloaded, and no request leaves the
machine. The page is printed twice: the first print tells on which page each
part and source starts (from the PDF's named destinations), those numbers go
into the contents, and the second print is the one kept. Chromium gives A4
pages with a running header (the dossier's title) and "page X of Y", an
outline (bookmarks) from the headings, internal links, embedded fonts and a
tagged PDF; pypdf then sets the document's metadata and mends outline titles.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--mute-audio",
)
PRINT_PAGE = "print/index.html"
PDF_NAME = "dossier.pdf"
# Top and bottom hold the header and footer. The text starts 9 mm inside the
# left margin (print.css): the ¶ numbers hang there, where they are not clipped.
MARGIN = {"top": "21mm", "bottom": "18mm", "left": "14mm", "right": "18mm"}
_SMALL = (
    "font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #666;"
    " width: 100%; margin: 0 18mm 0 23mm; display: flex; justify-content: space-between;"
)


def header_template(title: str) -> str:
    return (
        f'<div style="{_SMALL} border-bottom: 0.5pt solid #bbb; padding-bottom: 1.5mm;">'
        f"<span>{escape(title)}</span><span>Briefing dossier</span></div>"
    )


FOOTER_TEMPLATE = (
    f'<div style="{_SMALL} justify-content: flex-end;">'
    '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)

# Run in the page: the title, the headings Chromium makes bookmarks of (in
# document order), and filling the contents with page numbers.
_READ_PAGE = """() => {
  const content = document.querySelector("article.md-content__inner") || document.body;
  const cover = content.querySelector("h1");
  const text = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
  };
  return {
    title: cover ? text(cover) : document.title,
    headings: [...content.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(text),
  };
}"""
_FILL_CONTENTS = """(pages) => {
  let filled = 0;
  for (const link of document.querySelectorAll(".dossier-toc a[href^='#']")) {
    const slot = link.nextElementSibling;
    const page = pages[decodeURIComponent(link.getAttribute("href").slice(1))];
    if (slot && slot.classList.contains("dossier-toc-pg") && page) {
      slot.textContent = String(page);
      filled += 1;
    }
  }
  return filled;
}"""


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    seconds: float
    title: str


PDF_EXTRA = "install the pdf extra: pip install '.[pdf]' (make pdf does)"


def missing_extra() -> str | None:
    """The PDF's Python packages (the ``pdf`` extra) that are not installed."""
    from importlib.util import find_spec

    missing = [name for name in ("playwright", "pypdf") if find_spec(name) is None]
    return ", ".join(missing) or None


def find_chromium() -> Path | None:
    """Debian's Chromium (or ``DOSSIER_CHROMIUM``), if it is installed."""
    path = Path(os.environ.get("DOSSIER_CHROMIUM") or CHROMIUM)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def _destination_pages(pdf: bytes) -> dict[str, int]:
    """Element id → 1-based page, from the named destinations Chromium writes."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {}
    for name, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            pages[name.lstrip("/")] = number + 1
    return pages


def _finish(pdf: bytes, title: str, headings: list[str], out: Path) -> int:
    """Set the metadata, mend bookmark titles, write ``out``; return the page count.

    Chromium joins the lines of a wrapped heading without a space in its
    bookmark ("A Briefing" / "Dossier" → "A BriefingDossier"); each bookmark is
    given its heading's text when the two agree but for white space.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    squeeze = {"".join(h.split()): h for h in headings}

    def mend(items) -> None:
        for item in items:
            if isinstance(item, list):
                mend(item)
                continue
            fixed = squeeze.get("".join(str(item.title).split()))
            if fixed and fixed != item.title:
                item.indirect_reference.get_object()[NameObject("/Title")] = TextStringObject(fixed)

    mend(writer.outline)
    writer.add_metadata(
        {"/Title": title, "/Creator": "dossier (build_scripts/pdf.py)", "/Subject": title}
    )
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(out)
    return len(writer.pages)


def _local_only(route) -> None:
    """Let the page load files of the built site, and nothing from any host."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def make_pdf(
    site: Path,
    out: Path,
    page: str = PRINT_PAGE,
    chromium: Path | None = None,
) -> PdfResult:
    """Print ``site/page`` to ``out``; raise PdfError when it cannot."""
    started = time.perf_counter()
    source = site / page
    if not source.is_file():
        raise PdfError(f"{source}: not found — build the site first (mkdocs build)")
    chromium = chromium or find_chromium()
    if chromium is None:
        raise PdfError(
            f"{CHROMIUM}: Chromium is not installed — apt-get install chromium"
            " (make system-deps does, as root)"
        )
    if missing := missing_extra():
        raise PdfError(f"{missing} not installed — {PDF_EXTRA}")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=list(LAUNCH_ARGS), headless=True
            )
            try:
                # The page needs no script; and nothing but the built site is loaded.
                context = browser.new_context(java_script_enabled=False)
                context.route("**/*", _local_only)
                tab = context.new_page()
                tab.goto(source.resolve().as_uri(), wait_until="load")
                found = tab.evaluate(_READ_PAGE)
                title = found["title"]
                tab.evaluate("(title) => { document.title = title; }", title)
                options = dict(
                    format="A4",
                    margin=MARGIN,
                    print_background=True,
                    display_header_footer=True,
                    header_template=header_template(title),
                    footer_template=FOOTER_TEMPLATE,
                    outline=True,
                    tagged=True,
                )
                first = tab.pdf(**options)
                tab.evaluate(_FILL_CONTENTS, _destination_pages(first))
                pdf = tab.pdf(**options)
            finally:
                browser.close()
    except PlaywrightError as error:
        raise PdfError(f"{chromium}: printing failed — {error}") from error
    pages = _finish(pdf, title, found["headings"], out)
    return PdfResult(out, pages, time.perf_counter() - started, title)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.pdf",
        description="Print the built site's Print / PDF page to one PDF with headless Chromium.",
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (site/)")
    parser.add_argument("--out", type=Path, help=f"the PDF (default: SITE/{PDF_NAME})")
    parser.add_argument(
        "--if-possible",
        action="store_true",
        help="without Chromium, print a note and succeed (for `make site`)",
    )
    args = parser.parse_args(argv)
    out = args.out or args.site / PDF_NAME
    if args.if_possible and (missing := missing_extra()):
        print(f"note: {missing} not installed, so no {out}: {PDF_EXTRA}", file=sys.stderr)
        return 0
    if args.if_possible and find_chromium() is None:
        print(
            f"note: {CHROMIUM} not found, so no {out}: install Chromium (apt-get install"
            " chromium) and run `make pdf`",
            file=sys.stderr,
        )
        return 0
    try:
        result = make_pdf(args.site, out)
    except PdfError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = result.path.stat().st_size / 1024
    print(f"{result.path}: {result.pages} pages, {size:,.0f} KiB in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
