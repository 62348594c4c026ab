"""Re-check the summarizer's few weights: one at a time, tuned on half the data.

Usage::

    python benchmarks/train_summarizer.py [--data DIR] [--limit N]

For each weight in ``build_scripts/summarize.py`` it tries a handful of
values with the others at their current setting, scores ROUGE-2 F at equal
length exactly as ``bench_summaries.py`` does, and prints the even-id half
(where a value would be chosen) next to the odd-id half (held out). Nothing
is written: a better value is copied into ``summarize.py`` by hand, with the
date. Needs the ``rouge-score`` package only (no scikit-learn).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_summaries as bench

GRID: dict[str, tuple[float, ...]] = {
    "FIRST_SENTENCE_BONUS": (0.0, 0.05, 0.1, 0.2),
    "TITLE_OVERLAP_BONUS": (0.0, 0.05, 0.1, 0.2),
    "DANGLING_PENALTY": (0.0, 0.05, 0.1, 0.2),
    "PARAGRAPH_REPEAT_PENALTY": (0.0, 0.05, 0.1, 0.2),
    "REDUNDANCY_PENALTY": (0.0, 0.1, 0.2, 0.4),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    articles = bench.load(args.data, args.limit)
    even = [i for i, a in enumerate(articles) if int(a.id) % 2 == 0]
    odd = [i for i, a in enumerate(articles) if int(a.id) % 2 == 1]

    rankers: dict[str, bench.Ranker] = {}
    for name, values in GRID.items():
        for value in values:

            def rank(a: bench.Article, name: str = name, value: float = value) -> list:
                with bench.patched(**{name: value}):
                    return bench.dossier.selection_order(a.title, a.paragraphs)

            rankers[f"{name}={value}"] = rank
    scores = bench.score_all(articles, rankers)

    print(f"ROUGE-2 F, {len(articles)} articles; current value marked *")
    print(f"{'weight=value':<34}{'even (tune)':>12}{'odd (held out)':>16}")
    for key, values in scores.items():
        name, value = key.split("=")
        mark = "*" if float(value) == getattr(bench.dossier, name) else " "
        r2_even = bench.means(values, even)["rouge2"]
        r2_odd = bench.means(values, odd)["rouge2"]
        print(f"{key:<33}{mark}{r2_even:>12.4f}{r2_odd:>16.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
