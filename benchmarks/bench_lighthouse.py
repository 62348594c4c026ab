"""Lighthouse scores of the built site: a benchmark, not a test (`make bench-lighthouse`).

Serves site/ on 127.0.0.1, runs the project's pinned Lighthouse (npm, node_modules/)
in Debian's Chromium on the home page and an article, and prints performance,
accessibility, best practices and SEO for each: the median of --runs runs (3), as
Lighthouse's own advice is for noisy machines, with the load average beside it.
The targets: >= 0.98 on all four with the desktop preset (plain Material scores
1.00 / 0.92 / 1.00 / 0.91 here), and performance >= 0.95 with the mobile preset
(slow 4G and a 4x slower CPU, simulated: issue 20). The mobile figures rise and fall
with the machine's load (its CPU time is what the simulation slows down): read them
with the load average printed. Exit code 1 when a median is under its target.

    python benchmarks/bench_lighthouse.py [--site site] [--preset desktop|mobile|both] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.98
MOBILE_PERFORMANCE = 0.95
PAGES = {
    "home": "",
    "article": "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-default-apps"
)


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
"""Served gzipped, as GitHub Pages serves the site (and keeps the connection open):
Lighthouse's simulation times each file by the bytes sent, and Material's 138 KB
stylesheet is 20 KB gzipped."""


class _Quiet(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or (path.name == "index.html" and not self.path.split("?")[0].endswith(("/", ".html")))
        ):
            super().do_GET()  # anything else, and the redirect of a folder without its "/"
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse(url: str, preset: str) -> tuple[dict[str, float], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        ]  # fmt: skip
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    misses = [
        f"{category['id']}: {data['audits'][ref['id']]['title']}"
        f" ({data['audits'][ref['id']].get('displayValue', '')})"
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and (data["audits"][ref["id"]]["score"] or 0) < 0.9
        and data["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")
    ]  # fmt: skip
    return scores, misses


def misses_target(preset: str, scores: dict[str, float]) -> bool:
    if preset == "desktop":
        return min(scores.values()) < TARGET
    return scores["performance"] < MOBILE_PERFORMANCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--preset", choices=("desktop", "mobile", "both"), default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse not installed: run `make tools` (npm ci into node_modules/)")
    if not (args.site / "index.html").exists():
        sys.exit(f"no built site in {args.site}: run `make site` first")
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    presets = ("desktop", "mobile") if args.preset == "both" else (args.preset,)
    failing = False
    print(
        f"{'page':<8} {'preset':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES)
        + f"  (median of {args.runs}; performance of each run; load average)"
    )  # fmt: skip
    try:
        for preset in presets:
            for name, path in PAGES.items():
                runs = []
                for _ in range(args.runs):
                    runs.append(lighthouse(base + path, preset))
                scores = {c: statistics.median(r[0][c] for r in runs) for c in CATEGORIES}
                each = " ".join(f"{r[0]['performance']:.2f}" for r in runs)
                figures = " ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES)
                load = os.getloadavg()[0]
                print(f"{name:<8} {preset:<8} {figures}  ({each}; load {load:.1f})", flush=True)
                middle = sorted(runs, key=lambda r: r[0]["performance"])[len(runs) // 2]
                for miss in middle[1]:  # the median run's
                    print(f"{'':<17}- {miss}")
                failing = failing or misses_target(preset, scores)
    finally:
        server.shutdown()
    print(
        f"targets: every desktop score >= {TARGET}, mobile performance >= {MOBILE_PERFORMANCE}:"
        f" {'missed' if failing else 'met'}"
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
