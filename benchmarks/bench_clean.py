"""Cleaning benchmark: how much of a web page's true article body the dossier keeps.

Runs on a folder laid out like ``../shared/eval/extraction-dev`` (the Zyte
article-extraction benchmark): ``raw_text/<id>.txt`` is the whole page as plain
text, ``expected/<id>.txt`` the true article body, ``html/<id>.html.gz`` the page.

Three systems are scored:

- ``raw``: the page text as it is (the baseline, ≈ 0.665 F1 on the full benchmark);
- ``text``: our text path, read → clean → structure on ``raw_text``;
- ``html``: our saved-web-page path (trafilatura, then clean → structure) on the HTML.

For ``text`` and ``html`` the body is scored: paragraphs and headings, not the
title or byline (the benchmark's ground truth is the body only).

The metric is the benchmark's: tokens are ``\\w+`` matches, each text a multiset of
word 4-grams; per document TP/FP/FN are normalised by their sum so every document
weighs the same (both empty: TP = 1); precision and recall come from the summed,
normalised counts, and F1 = 2PR/(P+R).

    python benchmarks/bench_clean.py [--data DIR] [--json] [--split] [--only text,html]

``--json`` prints ``{"text": {...}, "html": {...}, "raw": {...}}`` as the last line.
``--split`` also scores the two halves of the ids (even/odd by sorted position),
so that rules tuned on one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.clean import clean  # noqa: E402
from build_scripts.errors import DossierError  # noqa: E402
from build_scripts.model import Heading, Metadata, Paragraph, SourceFile  # noqa: E402
from build_scripts.read import read_source, source_text  # noqa: E402
from build_scripts.structure import structure  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction-dev"
_WORD = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def match(expected: str, predicted: str) -> Counts:
    """Normalised (TP, FP, FN) of one document."""
    true, pred = shingles(expected), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(counts: Iterable[Counts]) -> dict[str, float]:
    counts = list(counts)
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def body_of(text, source: SourceFile) -> str:
    """Paragraphs and headings of the article the pipeline makes of ``text``."""
    try:
        article = structure(clean(text), Metadata())
    except DossierError:
        return ""
    return "\n\n".join(b.text for b in article.blocks if isinstance(b, Paragraph | Heading))


def raw_path(data: Path, case: str) -> str:
    return (data / "raw_text" / f"{case}.txt").read_text(encoding="utf-8")


def text_path(data: Path, case: str) -> str:
    source = SourceFile(Path("raw_text") / f"{case}.txt")
    try:
        text = read_source(source, data)
    except DossierError:
        return ""
    return body_of(text, source)


def html_path(data: Path, case: str) -> str:
    source = SourceFile(Path("html") / f"{case}.html")
    raw = gzip.decompress((data / "html" / f"{case}.html.gz").read_bytes())
    try:
        text = source_text(raw, source)
    except DossierError:
        return ""
    return body_of(text, source)


SYSTEMS: dict[str, Callable[[Path, str], str]] = {
    "text": text_path,
    "html": html_path,
    "raw": raw_path,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--json", action="store_true", help="last line: the scores as JSON")
    parser.add_argument("--split", action="store_true", help="also score each half of the ids")
    parser.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst documents")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "expected").is_dir():
        print(f"{data}: no expected/ folder: not a benchmark folder", file=sys.stderr)
        return 2
    cases = sorted(p.stem for p in (data / "expected").glob("*.txt"))
    expected = {c: (data / "expected" / f"{c}.txt").read_text(encoding="utf-8") for c in cases}
    halves = {"A": cases[0::2], "B": cases[1::2]}
    results: dict[str, dict[str, float]] = {}
    for name in args.only.split(","):
        system = SYSTEMS[name]
        started = time.perf_counter()
        per_case = {c: match(expected[c], system(data, c)) for c in cases}
        seconds = time.perf_counter() - started
        results[name] = score(per_case.values())
        line = f"{name:5} P {results[name]['p']:.3f}  R {results[name]['r']:.3f}  "
        line += f"F1 {results[name]['f1']:.3f}  ({len(cases)} pages, {seconds:.1f} s)"
        if args.split:
            for half, ids in halves.items():
                line += f"  {half}: F1 {score(per_case[c] for c in ids)['f1']:.3f}"
        print(line)
        if args.worst:
            for c in sorted(cases, key=lambda c: per_case[c][0])[: args.worst]:
                tp, fp, fn = per_case[c]
                print(f"    {c[:12]}  tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
