"""Benchmark the extractive summarizer against lead and sumy at equal length.

Usage::

    python benchmarks/bench_summaries.py [--data DIR] [--json] [--limit N]

``DIR`` (default ``../shared/eval/bbc-business`` beside the repository) holds
``index.tsv``, ``articles/NNN.txt`` (line 1 the headline, then paragraphs
separated by blank lines) and ``summaries/NNN.txt`` (reference sentences
joined without spaces). The data is read in place, never copied.

Method, the same for every system:

* The body (headline excluded) is split into paragraphs at blank lines and
  each paragraph into sentences with ``build_scripts.sentences.split_sentences``;
  every system ranks exactly these sentences.
* Each system orders the sentences best first. Sentences are taken in that
  order while the running word count is below the reference's word count;
  the taken sentences are put back in source order and the text is cut at
  exactly the reference's word count (words = whitespace-separated tokens).
* ROUGE-1, ROUGE-2 and ROUGE-L F-measures (``rouge-score``, Porter stemming)
  against the re-spaced reference, averaged over articles.

``dossier`` is ``build_scripts.summarize.selection_order``: the exact order
``summarize`` takes sentences in for the site. ``lead`` is source order.
sumy's ``lexrank``, ``textrank``, ``lsa`` and ``luhn`` run with English
Snowball stemming and sumy's English stop words; their full ranking is read
from the ``sentences_count`` hook, so they are cut by the same rule.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_scripts import summarize as dossier  # noqa: E402
from build_scripts.sentences import split_sentences  # noqa: E402

DEFAULT_DATA = (REPO.parent / "shared" / "eval" / "bbc-business").resolve()
METRICS = ("rouge1", "rouge2", "rougeL")
LONG_ARTICLE = 550  # words; the speed target is set for a 600-word article
SYSTEMS = ("dossier", "lead", "lexrank", "textrank", "lsa", "luhn")
# A reference is sentences glued together: "...time.She said..."
_GLUED = re.compile(r"([.!?][\"']?)(?=[A-Z])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

Cell = tuple[int, int]
Ranker = Callable[["Article"], list[Cell]]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    paragraphs: list[list[str]]
    reference: str

    @property
    def cells(self) -> list[Cell]:
        return [(pi, si) for pi, para in enumerate(self.paragraphs) for si in range(len(para))]

    def text(self, cell: Cell) -> str:
        return self.paragraphs[cell[0]][cell[1]]

    @property
    def words(self) -> int:
        return sum(len(s.split()) for para in self.paragraphs for s in para)


def respace(summary: str) -> str:
    """Insert the space lost between glued reference sentences."""
    return _GLUED.sub(r"\1 ", summary.strip())


def load(data: Path, limit: int | None) -> list[Article]:
    rows = (data / "index.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    articles = []
    for row in rows[1:]:
        if not row.strip():
            continue
        rec = dict(zip(header, row.split("\t"), strict=True))
        raw = (data / rec["article"]).read_text(encoding="utf-8", errors="replace")
        headline, _, body = raw.partition("\n")
        blocks = re.split(r"\n[ \t]*\n", body)
        paragraphs = [split_sentences(" ".join(b.split())) for b in blocks]
        summary = (data / rec["summary"]).read_text(encoding="utf-8", errors="replace")
        articles.append(
            Article(
                id=rec["id"],
                title=headline.strip(),
                paragraphs=[p for p in paragraphs if p],
                reference=respace(summary),
            )
        )
        if limit is not None and len(articles) >= limit:
            break
    return articles


def equal_length_text(article: Article, order: Sequence[Cell], budget: int) -> str:
    """Take sentences in ``order`` until ``budget`` words, source order, cut."""
    taken: list[Cell] = []
    count = 0
    for cell in order:
        if count >= budget:
            break
        taken.append(cell)
        count += len(article.text(cell).split())
    words = " ".join(article.text(c) for c in sorted(taken)).split()
    return " ".join(words[:budget])


class PysbdTokenizer:
    """What sumy needs from a tokenizer, without NLTK data."""

    language = "english"

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return split_sentences(text)

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def sumy_rankers() -> dict[str, Ranker]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = PysbdTokenizer()
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")

    def make(cls: type) -> Ranker:
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def rank(article: Article) -> list[Cell]:
            cells = article.cells
            doc = ObjectDocumentModel(
                [Paragraph([Sentence(s, tokenizer) for s in para]) for para in article.paragraphs]
            )
            seen: list[int] = []

            def everything(infos: list) -> list:
                # sumy hands over all sentences sorted best first (a stable
                # sort, so ties stay in source order): record that ranking.
                seen.extend(info.order for info in infos)
                return infos

            summarizer(doc, everything)
            return [cells[i] for i in seen]

        return rank

    return {
        "lexrank": make(LexRankSummarizer),
        "textrank": make(TextRankSummarizer),
        "lsa": make(LsaSummarizer),
        "luhn": make(LuhnSummarizer),
    }


@contextmanager
def patched(**constants: float) -> Iterator[None]:
    """Temporarily change summarizer weights, for the ablation rows."""
    old = {k: getattr(dossier, k) for k in constants}
    for k, v in constants.items():
        setattr(dossier, k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(dossier, k, v)


def dossier_variants() -> dict[str, Ranker]:
    def default(a: Article) -> list[Cell]:
        return dossier.selection_order(a.title, a.paragraphs)

    def no_standalone(a: Article) -> list[Cell]:
        with patched(DANGLING_PENALTY=0.0):
            return dossier.selection_order(a.title, a.paragraphs, prefer_standalone=False)

    def centrality_only(a: Article) -> list[Cell]:
        with patched(
            FIRST_SENTENCE_BONUS=0.0,
            TITLE_OVERLAP_BONUS=0.0,
            DANGLING_PENALTY=0.0,
            PARAGRAPH_REPEAT_PENALTY=0.0,
            REDUNDANCY_PENALTY=0.0,
        ):
            return dossier.selection_order(a.title, a.paragraphs, prefer_standalone=False)

    return {
        "dossier": default,
        "dossier, no standalone preference": no_standalone,
        "dossier, centrality only": centrality_only,
    }


def progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} articles", end=end, file=sys.stderr, flush=True)


def score_all(
    articles: list[Article], rankers: dict[str, Ranker]
) -> dict[str, dict[str, list[float]]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores = {name: {m: [] for m in METRICS} for name in rankers}
    for done, article in enumerate(articles, 1):
        budget = len(article.reference.split())
        for name, rank in rankers.items():
            hyp = equal_length_text(article, rank(article), budget)
            result = scorer.score(article.reference, hyp)
            for m in METRICS:
                scores[name][m].append(result[m].fmeasure)
        progress(done, len(articles))
    return scores


def means(values: dict[str, list[float]], keep: Sequence[int] | None = None) -> dict[str, float]:
    out = {}
    for m, vs in values.items():
        picked = vs if keep is None else [vs[i] for i in keep]
        out[m] = round(statistics.fmean(picked), 4) if picked else math.nan
    return out


def timing(articles: list[Article], repeat: int = 3) -> tuple[float, float]:
    """Mean ms per article of the build's call, and mean words per article.

    Best of ``repeat`` passes, so a busy neighbour does not count against us.
    """
    if not articles:
        return math.nan, math.nan
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for a in articles:
            dossier.summarize(a.title, a.paragraphs)
        best = min(best, time.perf_counter() - start)
    words = statistics.fmean(a.words for a in articles)
    return 1000 * best / len(articles), words


def table(title: str, rows: dict[str, dict[str, float]]) -> str:
    width = max(len(k) for k in rows) + 2
    lines = [title, f"{'system':<{width}}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}"]
    for name, r in rows.items():
        lines.append(f"{name:<{width}}{r['rouge1']:>9.4f}{r['rouge2']:>9.4f}{r['rougeL']:>9.4f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0" and argv is None:
        # sumy's LSA builds its vocabulary from a set, whose order follows
        # string hashing: pin it so every run prints the same numbers.
        # (dossier's own order does not depend on it.)
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dataset folder")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)

    if not (args.data / "index.tsv").is_file():
        print(f"no index.tsv in {args.data}", file=sys.stderr)
        return 2
    articles = load(args.data, args.limit)
    variants = dossier_variants()
    rankers: dict[str, Ranker] = {
        "dossier": variants["dossier"],
        "lead": lambda a: a.cells,
        **sumy_rankers(),
    }
    for name, rank in variants.items():
        rankers.setdefault(name, rank)
    scores = score_all(articles, rankers)

    even = [i for i, a in enumerate(articles) if a.id.isdigit() and int(a.id) % 2 == 0]
    odd = [i for i, a in enumerate(articles) if a.id.isdigit() and int(a.id) % 2 == 1]
    n = len(articles)
    print(f"{n} articles from {args.data}; equal length to each reference, F-measure")
    print(table("\nAll articles", {s: means(scores[s]) for s in SYSTEMS}))
    print(
        table(
            f"\nSplit: even ids (n={len(even)}, tuning half) / odd ids (n={len(odd)}, held out)",
            {
                f"{s} [{half}]": means(scores[s], keep)
                for s in ("dossier", "lead", *SYSTEMS[2:], *list(variants)[1:])
                for half, keep in (("even", even), ("odd", odd))
            },
        )
    )
    print(table("\nAblations, all articles", {v: means(scores[v]) for v in variants}))
    ms, words = timing(articles)
    long_ms, long_words = timing([a for a in articles if a.words >= LONG_ARTICLE])
    print(f"\ndossier summarize(): {ms:.2f} ms per article (mean {words:.0f} words per article)")
    print(
        f"                     {long_ms:.2f} ms per article of {LONG_ARTICLE}+ words "
        f"(mean {long_words:.0f} words)"
    )
    if args.json:
        print(json.dumps({s: means(scores[s]) for s in SYSTEMS}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
