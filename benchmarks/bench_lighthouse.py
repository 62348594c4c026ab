"""Lighthouse scores of the built site: a benchmark, not a test (`make bench-lighthouse`).

Serves site/ on 127.0.0.1, runs the project's pinned Lighthouse (npm, node_modules/)
in Debian's Chromium on the home page and an article, and prints performance,
accessibility, best practices and SEO for each. The target is >= 0.98 on all four
(plain Material scores 1.00 / 0.92 / 1.00 / 0.91 with the desktop preset here).
The desktop preset is the target; the mobile preset (slow 4G and a 4x slower CPU,
simulated) is printed alongside for information. Exit code 1 when a desktop score is
under the target.

    python benchmarks/bench_lighthouse.py [--site site] [--preset desktop|mobile|both]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
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
PAGES = {
    "home": "",
    "article": "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-default-apps"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--preset", choices=("desktop", "mobile", "both"), default="both")
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
    print(f"{'page':<8} {'preset':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    try:
        for preset in presets:
            for name, path in PAGES.items():
                scores, misses = lighthouse(base + path, preset)
                figures = " ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES)
                print(f"{name:<8} {preset:<8} {figures}", flush=True)
                for miss in misses:
                    print(f"{'':<17}- {miss}")
                if preset == "desktop" and min(scores.values()) < TARGET:
                    failing = True
    finally:
        server.shutdown()
    print(f"target: every desktop score >= {TARGET}: {'missed' if failing else 'met'}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
