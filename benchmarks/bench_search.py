"""How fast the built site's search answers its first query, in Chromium.

    python benchmarks/bench_search.py SITE_DIR [--query containment] [--runs 7]

Serves SITE_DIR on 127.0.0.1 and, in Debian's Chromium (driven by Playwright; no
downloaded browser), in a fresh browser context each run (empty cache, so each
is a first search): opens the search dialog from the header, types the query and
times, inside the page, from the last keystroke to the first result laid out
(a MutationObserver), then to two animation frames later (about when it is
painted). Playwright's own waiting polls at intervals of up to half a second, so
a wall clock around it would read high. Prints each run, the medians, and the
bytes the first search fetched and the size of the whole search index.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import statistics
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
FIRST_RESULT = "pagefind-modal .pf-result-link"
PROBE = """
window.__search = {};
document.addEventListener("keydown", () => { window.__search.key = performance.now(); }, true);
new MutationObserver(() => {
  const s = window.__search;
  const first = document.querySelector("FIRST_RESULT");
  if (!s.key || s.shown || !first || !first.getClientRects().length) return;
  s.shown = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { s.painted = performance.now(); }));
}).observe(document, { subtree: true, childList: true, attributes: true });
""".replace("FIRST_RESULT", FIRST_RESULT)
INDEX_FILES = ("index/*", "fragment/*", "*.pf_meta", "wasm.en.pagefind")
"""The index proper (what bench_build.py counts), not the dialog's script and styles."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


@contextlib.contextmanager
def browsing(site: Path) -> Iterator[tuple[Browser, str]]:
    """Debian's Chromium, and the address of ``site`` served over HTTP (search
    needs it: over ``file://`` the browser refuses the index) on a free port."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                yield browser, f"http://127.0.0.1:{server.server_port}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


def index_bytes(site: Path) -> int:
    """Bytes of the Pagefind index (its files are already compressed)."""
    folder = site / "pagefind"
    return sum(f.stat().st_size for pattern in INDEX_FILES for f in folder.glob(pattern))


def first_search(browser, base: str, query: str) -> tuple[float, float, int]:
    """(ms to first result shown, ms to painted, bytes fetched under /pagefind/)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    fetched: list[int] = []

    def count(response) -> None:
        if "/pagefind/" in response.url:
            fetched.append(len(response.body()))

    context.on("response", count)
    page = context.new_page()
    page.add_init_script(PROBE)
    page.goto(base, wait_until="load")
    page.locator(".md-header pagefind-modal-trigger button").click()
    box = page.locator("pagefind-modal input")
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function("() => window.__search.painted")
    times = page.evaluate("() => window.__search")
    context.close()
    return times["shown"] - times["key"], times["painted"] - times["key"], sum(fetched)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="containment")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with browsing(args.site) as (browser, base):
        runs = [first_search(browser, base, args.query) for _ in range(args.runs)]
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print("first result shown, ms:", ", ".join(f"{r[0]:.0f}" for r in runs))
    print("painted, ms:           ", ", ".join(f"{r[1]:.0f}" for r in runs))
    print(
        f"median {statistics.median(r[0] for r in runs):.0f} ms shown,"
        f" {statistics.median(r[1] for r in runs):.0f} ms painted;"
        f" fetched {statistics.median(r[2] for r in runs):,.0f} bytes from /pagefind/ (with the"
        f" dialog's script and styles);"
        f" index {index_bytes(args.site):,} bytes for {pages:,} HTML pages"
    )


if __name__ == "__main__":
    main()
