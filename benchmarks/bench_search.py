"""How fast the built site's search answers its first query, in Chromium.

    python benchmarks/bench_search.py SITE_DIR [--query containment] [--runs 5]

Serves SITE_DIR on 127.0.0.1, opens the home page in Debian's Chromium (driven
by Playwright; no downloaded browser), types a query in the search box and
measures the time from the last keystroke to the first result on screen, in a
fresh browser page each run (so each is a first search, index not yet warm).
Prints each run, the median, and the search index size.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


def first_search_ms(base: str, query: str, runs: int) -> list[float]:
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page()
            page.goto(base, wait_until="load")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            box = page.locator("input.md-search__input")
            box.fill(query[:-1])
            start = time.perf_counter()
            box.press(query[-1])
            page.locator(".md-search-result__item").first.wait_for(state="visible")
            times.append((time.perf_counter() - start) * 1000)
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="containment")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        times = first_search_ms(f"http://127.0.0.1:{server.server_port}/", args.query, args.runs)
    finally:
        server.shutdown()
    index = args.site / "search" / "search_index.json"
    print("first search, ms:", ", ".join(f"{t:.0f}" for t in times))
    print(f"median {statistics.median(times):.0f} ms; index {index.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
