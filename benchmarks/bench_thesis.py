"""Thesis benchmark: does the summary box say what each opinion or analysis piece argues?

Usage::

    python benchmarks/bench_thesis.py [--labels FILE] [--eval DIR] [--json] [--show]

The texts and what a reader should find in their summary are in
``benchmarks/thesis/labels.yml``, marked by hand (see its header): 33 public-domain
essays vendored in ``benchmarks/corpus/ir-essays`` and 7 opinion and analysis pages of
``../shared/eval/extraction-dev`` (read in place; the labels hold only digests of their
sentences). Each text goes through the build's own stages (read → clean → structure →
the summary box of ``enrich.summary_of``) with the labelled ``kind``, so the benchmark
scores exactly the bullets a source page shows.

Figures, per system:

* **thesis recall**: share of texts whose box shows one of the marked thesis sentences;
* **thesis first**: share whose first bullet is one;
* **claim recall**: per text, the share of marked main claims the box shows (a claim
  with alternatives counts once), averaged over texts;
* **not standalone**: share of all bullets that break one of the written rules below;
* **repeats**: pairs of bullets in one box that share half their content words;
* **from ¶1**: share of bullets taken from the first paragraph.

Systems: ``dossier`` (the build's summary, thesis first for opinion and analysis),
``dossier, as news`` (the same box with the kind set to news: the summarizer as it
was before issue 18, less the standalone rules, which apply to every kind), and
``lead-k`` (the first k sentences, k = the number of bullets ``dossier`` shows).

The written rules for a bullet that cannot stand alone (deliberately written here,
apart from the summarizer, so the summarizer is checked and not merely echoed). A
bullet breaks a rule unless the bullet shown just before it is the sentence just
before it in the source (then what it needs is on screen):

1. it opens by pointing back: a pronoun or demonstrative ("It", "This", "These
   reasons", "Such"), a connective that continues an argument ("However", "But",
   "Thus", "Moreover"), "the latter/former", or it starts in lower case;
2. it opens on an idea it assumes ("Apart from …", "Aside from …", "Besides …",
   "In addition to …", "Along with …");
3. it continues a list ("Second, …", "Finally, …", "The second …", "The other …");
4. it announces what it does not give: a count of reasons, grounds, factors, ways …
   ("two parallel reasons", "several factors") with no colon after it;
5. it dates itself relative to a day the box does not show ("this year", "last
   week", "yesterday", "next month") and the source states no date;
6. it is not a statement at all: a question, a fragment without an end, a caption or
   a credit ("Photo: …", "Getty Images").

Rules 1 and 2 hold for a bullet whose pointing words are followed, within its first
four words, by the editors' gloss in brackets ("Within this framework [Carl Schmitt's
friend–enemy distinction], …", sidecar ``glosses:``): the gloss says what they point at.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_scripts.clean import clean  # noqa: E402
from build_scripts.enrich import summary_of  # noqa: E402
from build_scripts.model import Article, Metadata, SourceFile  # noqa: E402
from build_scripts.read import source_text  # noqa: E402
from build_scripts.sentences import ends_sentence, split_sentences  # noqa: E402
from build_scripts.sources import process  # noqa: E402
from build_scripts.structure import structure  # noqa: E402
from build_scripts.summarize import glossed, is_argument  # noqa: E402

LABELS = REPO / "benchmarks" / "thesis" / "labels.yml"
ESSAYS = REPO / "benchmarks" / "corpus" / "ir-essays" / "essays"
DEFAULT_EVAL = (REPO.parent / "shared" / "eval" / "extraction-dev").resolve()
DEFAULT_NEWS = (REPO.parent / "shared" / "eval" / "bbc-business").resolve()
LONG_ARTICLE = 550  # words; the speed target is set for a 600-word article
REPEAT_JACCARD = 0.5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "which",
        "who",
        "whom",
        "what",
        "not",
        "no",
    ]
)
_QUOTES = r"[\"'“‘(\[]*\s*"
_POINTS_BACK = re.compile(
    _QUOTES + r"(?:(?:this|that|these|those|it|its|they|them|their|he|him|his|she|her|such|"
    r"both|however|but|and|or|nor|yet|so|thus|hence|therefore|moreover|furthermore|also|"
    r"instead|nevertheless|nonetheless|still|then|indeed|accordingly|consequently)\b"
    r"|the (?:latter|former)\b)",
    re.IGNORECASE,
)
_SELF_DATED = re.compile(
    _QUOTES + r"(?:this|that|these|those) (?:week|month|year|time|century|decade)s?\b"
    r"|it (?:is|was) (?:not |un)?(?:clear|likely|possible|true|worth|hard)\b",
    re.IGNORECASE,
)
_ASSUMES = re.compile(
    _QUOTES + r"(?:apart from|aside from|besides|in addition to|along with)\b", re.IGNORECASE
)
_LIST = re.compile(
    _QUOTES + r"(?:(?:second|third|fourth|finally|lastly),|the (?:second|third|fourth|other)\b)",
    re.IGNORECASE,
)
_ANNOUNCES = re.compile(
    r"\b(?:two|three|four|five|several|a number of|a series of|many|various)\s+(?:\w+\s+)?"
    r"(?:reasons|grounds|factors|ways|points|issues|items|steps|lessons|questions|causes|"
    r"elements|aspects|goals|arguments|agreements|problems)\b(?![^:]*:)",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:(?:this|last|next) (?:year|month|week|spring|summer|autumn|fall|winter)|"
    r"yesterday|tomorrow|(?:in )?recent (?:days|weeks|months))\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:photo|image|picture|caption|credit|source)s?\s*[:/]|getty images|\bap photo\b|©",
    re.IGNORECASE,
)


_GLOSS = re.compile(r"^\W*(?:\S+\s+){0,3}?\S+\s\[[^\]…]{3,}\]")


def norm(sentence: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", sentence).casefold().split())


def digest(sentence: str) -> str:
    return hashlib.sha256(norm(sentence).encode()).hexdigest()[:12]


def broken_rules(sentence: str, dated: bool) -> list[int]:
    """The numbers of the written rules (module docstring) ``sentence`` breaks on its own."""
    text = sentence.strip()
    broken = []
    first = text.lstrip("\"'“‘([ ")
    glossed = _GLOSS.match(text) is not None
    if first[:1].islower() or (
        _POINTS_BACK.match(text) and not _SELF_DATED.match(text) and not glossed
    ):
        broken.append(1)
    if _ASSUMES.match(text) and not glossed:
        broken.append(2)
    if _LIST.match(text):
        broken.append(3)
    if _ANNOUNCES.search(text):
        broken.append(4)
    if not dated and _RELATIVE_TIME.search(text):
        broken.append(5)
    if text.endswith("?") or not ends_sentence(text) or _CREDIT.search(text):
        broken.append(6)
    return broken


def content_words(sentence: str) -> set[str]:
    return {w for w in _WORD.findall(sentence.casefold()) if w not in _STOP}


@dataclass(frozen=True)
class Text:
    name: str
    kind: str
    article: Article
    thesis: frozenset[str]
    """Marked thesis sentences, as keys (see :meth:`key`)."""
    claims: tuple[frozenset[str], ...]
    missing: int
    """Marked sentences the build did not keep in the body (cleaning removed them)."""
    by_digest: bool

    def key(self, sentence: str) -> str:
        return digest(sentence) if self.by_digest else norm(sentence)

    @property
    def sentences(self) -> list[tuple[int, str]]:
        """(¶ number, sentence) for every body sentence, in order."""
        return [(p.number, s) for p in self.article.paragraphs for s in p.sentences]


def _article(name: str, body: str, title: str, kind: str, url: str | None) -> Article:
    """The article as the build makes it from a source file holding ``body``
    (with the page's address, as a sidecar would give it)."""
    data = f"{title}\n\n{body}".encode()
    source = SourceFile(Path("seeds") / f"{name}.txt")
    meta = Metadata(title=title, kind=kind, url=url)  # type: ignore[arg-type]
    return structure(clean(source_text(data, source)), meta)


def _label_key(label: str, by_digest: bool) -> str:
    _, _, rest = label.partition(" ")
    return rest if by_digest else norm(rest)


def load(labels: Path, eval_dir: Path) -> list[Text]:
    data = yaml.safe_load(labels.read_text(encoding="utf-8"))
    texts: list[Text] = []
    titles: dict[str, str] = {}
    addresses: dict[str, str] = {}
    metadata = eval_dir / "metadata.jsonl"
    if metadata.is_file():
        for line in metadata.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                titles[record["id"]] = record["title"]
                addresses[record["id"]] = record["url"]
    items = [(e, False) for e in data["essays"]] + [(o, True) for o in data["opinion"]]
    for item, by_digest in items:
        if by_digest:
            path = eval_dir / "expected" / f"{item['id']}.txt"
            if not path.is_file():
                print(f"skipped (not found): {path}", file=sys.stderr)
                continue
            name, title, body = item["id"][:8], titles.get(item["id"], ""), path.read_text("utf-8")
        else:
            raw = (ESSAYS / item["file"]).read_text(encoding="utf-8")
            title, _, body = raw.partition("\n")
            name = item["file"].removesuffix(".txt")
        url = addresses.get(item["id"]) if by_digest else None
        article = _article(name, body, title.strip(), item["kind"], url)
        thesis = frozenset(_label_key(t, by_digest) for t in item["thesis"])
        claims = tuple(frozenset(_label_key(c, by_digest) for c in g) for g in item["claims"])
        text = Text(name, item["kind"], article, thesis, claims, 0, by_digest)
        kept = {text.key(s) for _, s in text.sentences}
        missing = len((thesis | frozenset().union(*claims)) - kept)
        texts.append(replace(text, missing=missing))
    return texts


Box = list[tuple[int, str]]
System = Callable[[Text], Box]


def dossier(text: Text) -> Box:
    return [(s.paragraph, s.text) for s in summary_of(text.article).sentences]


def as_news(text: Text) -> Box:
    return [(s.paragraph, s.text) for s in summary_of(replace(text.article, kind="news")).sentences]


def detected(text: Text) -> Box:
    return [(s.paragraph, s.text) for s in summary_of(replace(text.article, kind=None)).sentences]


def lead(text: Text) -> Box:
    return text.sentences[: len(dossier(text))]


@dataclass
class Scores:
    thesis: list[float]
    first: list[float]
    claims: list[float]
    bullets: int = 0
    not_standalone: int = 0
    repeats: int = 0
    from_first: int = 0


def score(texts: Sequence[Text], system: System, show: bool = False) -> Scores:
    out = Scores([], [], [])
    for text in texts:
        box = system(text)
        keys = [text.key(s) for _, s in box]
        out.thesis.append(float(any(k in text.thesis for k in keys)))
        out.first.append(float(bool(keys) and keys[0] in text.thesis))
        carried = [bool(group & set(keys)) for group in text.claims]
        out.claims.append(sum(carried) / len(carried) if carried else 1.0)
        order = {s: i for i, (_, s) in enumerate(text.sentences)}
        dated = text.article.published is not None
        for i, (number, sentence) in enumerate(box):
            out.bullets += 1
            out.from_first += number == 1
            before = box[i - 1][1] if i else None
            previous_shown = before is not None and order.get(before, -9) == order[sentence] - 1
            rules = [] if previous_shown else broken_rules(sentence, dated)
            out.not_standalone += bool(rules)
            if show and rules:
                print(f"  {text.name} ¶{number} rules {rules}: {sentence[:100]}")
        words = [content_words(s) for _, s in box]
        for i in range(len(words)):
            for j in range(i + 1, len(words)):
                union = words[i] | words[j]
                if union and len(words[i] & words[j]) / len(union) >= REPEAT_JACCARD:
                    out.repeats += 1
        if show:
            mark = "T" if out.thesis[-1] else "-"
            print(f"{mark} {text.name}: claims {sum(carried)}/{len(carried)}")
            for number, sentence in box:
                label = "T" if text.key(sentence) in text.thesis else " "
                print(f"    {label} ¶{number} {sentence[:110]}")
    return out


def timing(texts: Sequence[Text], repeat: int = 5) -> tuple[float, float]:
    """Best-of-``repeat`` ms per article of 550+ words for the summary box, and their mean words.

    The build memoises sentence scores per article; each pass here uses fresh
    copies of the paragraphs, so every call does the whole work.
    """
    long = [t.article for t in texts if t.article.word_count >= LONG_ARTICLE]
    if not long:
        return math.nan, math.nan
    best = math.inf
    for n in range(repeat):
        fresh = [replace(a, title=f"{a.title} {n}") for a in long]  # defeats the memo
        start = time.perf_counter()
        for article in fresh:
            summary_of(article)
        best = min(best, time.perf_counter() - start)
    return 1000 * best / len(long), statistics.fmean(a.word_count for a in long)


def row(name: str, s: Scores, n: int) -> dict[str, float]:
    return {
        "thesis recall": round(statistics.fmean(s.thesis), 3) if n else math.nan,
        "thesis first": round(statistics.fmean(s.first), 3) if n else math.nan,
        "claim recall": round(statistics.fmean(s.claims), 3) if n else math.nan,
        "not standalone": round(s.not_standalone / s.bullets, 3) if s.bullets else 0.0,
        "repeats": s.repeats,
        "from ¶1": round(s.from_first / s.bullets, 3) if s.bullets else 0.0,
        "bullets": s.bullets,
    }


def table(title: str, rows: dict[str, dict[str, float]]) -> str:
    columns = list(next(iter(rows.values())))
    width = max(len(k) for k in rows) + 2
    lines = [title, f"{'system':<{width}}" + "".join(f"{c:>16}" for c in columns)]
    for name, r in rows.items():
        cells = "".join(
            f"{r[c]:>16}" if isinstance(r[c], int) else f"{r[c]:>16.3f}" for c in columns
        )
        lines.append(f"{name:<{width}}{cells}")
    return "\n".join(lines)


def seed_boxes() -> list[tuple[str, Box, list[str]]]:
    """The seeds' boxes as the build makes them (sidecars included), with the
    bullets that break a written rule (module docstring)."""
    out = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        sidecar = path.with_suffix(".yml")
        source = SourceFile(
            path.relative_to(REPO), sidecar.relative_to(REPO) if sidecar.is_file() else None
        )
        article = process(source, REPO).article
        box = [(s.paragraph, s.text) for s in summary_of(article).sentences]
        order = {s: i for i, s in enumerate(x for p in glossed(article) for x in p)}
        dated = article.published is not None
        broken = [
            sentence
            for i, (_, sentence) in enumerate(box)
            if not (i and order.get(box[i - 1][1], -9) == order[sentence] - 1)
            and broken_rules(sentence, dated)
        ]
        out.append((path.stem, box, broken))
    return out


def news_articles(folder: Path) -> list[tuple[str, list[list[str]]]]:
    """The BBC business articles' paragraphs, split as bench_summaries does, if the
    data is there: how often a news article would be taken for an argument."""
    if not (folder / "articles").is_dir():
        return []
    out = []
    for path in sorted((folder / "articles").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        blocks = re.split(r"\n[ \t]*\n", body)
        paragraphs = [p for p in (split_sentences(" ".join(b.split())) for b in blocks) if p]
        out.append((title.strip(), paragraphs))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="extraction-dev folder")
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS, help="bbc-business folder")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--show", action="store_true", help="print every box")
    args = parser.parse_args(argv)

    texts = load(args.labels, args.eval)
    halves = {
        "all": [] if args.show else list(range(len(texts))),
        "even": list(range(0, len(texts), 2)),
        "odd": list(range(1, len(texts), 2)),
    }
    systems: dict[str, System] = {
        "dossier": dossier,
        "dossier, kind unstated": detected,
        "dossier, as news": as_news,
        "lead-k": lead,
    }
    missing = sum(t.missing for t in texts)
    print(
        f"{len(texts)} texts ({sum(not t.by_digest for t in texts)} essays, "
        f"{sum(t.by_digest for t in texts)} opinion and analysis pages); "
        f"{missing} marked sentences not kept in the body by cleaning"
    )
    results = {}
    for half, keep in halves.items():
        subset = [texts[i] for i in keep]
        rows = {
            name: row(name, score(subset, system, args.show and name == "dossier"), len(subset))
            for name, system in systems.items()
        }
        results[half] = rows
        print(table(f"\n{half} (n={len(subset)})", rows))
    found = [
        is_argument(
            None,
            [p.sentences for p in t.article.paragraphs],
            title=t.article.title,
            url=t.article.url,
        )
        for t in texts
    ]
    essays = [f for f, t in zip(found, texts, strict=True) if not t.by_digest]
    pages = [f for f, t in zip(found, texts, strict=True) if t.by_digest]
    line = f"\nwithout a kind, told from the text as opinion or analysis: essays {sum(essays)}/"
    line += f"{len(essays)}, opinion pages {sum(pages)}/{len(pages)}"
    news = news_articles(args.news)
    if news:
        taken = sum(is_argument(None, paragraphs, title=title) for title, paragraphs in news)
        line += f", BBC business news {taken}/{len(news)}"
    print(line)
    seeds = seed_boxes()
    broken = [(name, sentence) for name, _, found in seeds for sentence in found]
    print(
        f"seeds: {sum(len(box) for _, box, _ in seeds)} bullets in {len(seeds)} boxes, "
        f"{len(broken)} that cannot stand alone"
    )
    for name, sentence in broken:
        print(f"  {name}: {sentence[:100]}")
    ms, words = timing(texts)
    print(
        f"\nsummary box: {ms:.2f} ms per article of {LONG_ARTICLE}+ words (mean {words:.0f} words)"
    )
    if args.json:
        print(json.dumps(results["all"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
