"""How long an editor waits under ``make serve``: save a source, see its page updated.

    python benchmarks/bench_serve.py                 # 1,000 sources, 5 edits
    python benchmarks/bench_serve.py --size 150 --edits 3 --json

It makes a corpus (``make_corpus.py``), builds it once, starts ``mkdocs serve``
as ``make serve`` does (``--dirty --no-strict``), waits until the preview is up
and its first search index written, then, one after another, appends a sentence
to a different source (so its word count, and every page that shows it, changes)
and polls that source's page until the served HTML carries the new sentence.

It prints, per edit, the seconds from saving the file to the updated page, and
the median; with ``--json`` a last line ``{"size": N, "edits": [s, …],
"median_s": s, "print_page_s": s}``. ``print_page_s`` is how long after saving
the print page showed the edit too (``null`` over 200 sources, where the print
page carries summaries, not full text).

Target (issue 15): median ≤ 1.0 s at 1,000 sources.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from make_corpus import make_corpus

from build_scripts.print_page import PRINT_FULL_TEXT_MAX

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
POLL_S = 0.02


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, limit_s: float = 120.0) -> float:
    """Seconds until the page at ``url`` contains ``needle``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise SystemExit(f"bench_serve: {url} never showed {needle!r} in {limit_s:.0f} s")


def source_pages(corpus: Path) -> dict[str, str]:
    """Each seed file's page URL path, from the generated pages' front matter."""
    pages = {}
    for page in sorted((corpus / "docs" / "sources").glob("*.md")):
        found = re.search(r"^edit_path: (?:seeds/)?(\S+)$", page.read_text("utf-8"), re.M)
        if found and page.stem != "index":
            pages[Path(found.group(1).strip("'\"")).name] = f"sources/{page.stem}/"
    return pages


def bench(size: int, edits: int, work: Path) -> dict[str, object]:
    corpus = make_corpus(size, work / "corpus")
    subprocess.run([str(BIN / "dossier"), "build"], cwd=corpus, env=ENV, check=False,
                   capture_output=True)  # fmt: skip
    pages = source_pages(corpus)
    chosen = [name for name in sorted(pages) if name.endswith(".txt")][1 : edits + 1]
    port = free_port()
    log = (work / "serve.log").open("w")
    serve = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=corpus, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, "<html", limit_s=600)
        # Served under site_url's path (/dossier/): "/" redirects there.
        with urllib.request.urlopen(base, timeout=30) as response:
            base = response.geturl()
        time.sleep(5)  # the first search index, written in the background
        waits, print_waits = [], []
        for n, name in enumerate(chosen):
            sentence = f"An added sentence number {n} about quokkas crossing the bridge."
            with (corpus / "seeds" / name).open("a", encoding="utf-8") as seed:
                seed.write(f"\n\n{sentence}\n")
            waits.append(wait_for(base + pages[name], sentence))
            said = f"edit {n + 1}: {pages[name]} updated after {waits[-1]:.2f} s"
            if size <= PRINT_FULL_TEXT_MAX:  # beyond, the print page has no full text
                print_waits.append(waits[-1] + wait_for(base + "print/", sentence))
                said += f"; print page after {print_waits[-1]:.2f} s"
            print(said, flush=True)
            time.sleep(1.0)  # let a follow-up rebuild finish before the next edit
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        log.close()
    return {
        "size": size,
        "edits": [round(w, 3) for w in waits],
        "median_s": round(statistics.median(waits), 3),
        "print_page_s": round(statistics.median(print_waits), 3) if print_waits else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="sources in the corpus")
    parser.add_argument("--edits", type=int, default=5, help="edits to time, one after another")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = bench(args.size, args.edits, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as work:
            result = bench(args.size, args.edits, Path(work))
    said = (f"{args.size} sources: edited page served updated after {result['median_s']:.2f} s"
            f" (median of {len(result['edits'])}; target ≤ 1.0 s)")  # fmt: skip
    if result["print_page_s"] is not None:
        said += f"; the print page after {result['print_page_s']:.2f} s"
    print(said)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
