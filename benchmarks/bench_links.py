"""Link benchmark: does a highlighted name lead where it says, and are there too many?

Two sets of pages, each built by the pipeline's own read → clean → structure →
enrich with the project's glossary and entity data (``seeds/data/``):

- ``seeds``: the dossier's own sources (``seeds/``);
- ``news``: real news pages from ``../shared/eval/extraction-dev`` (their true
  article body, ``expected/<id>.txt``, under their headline from
  ``metadata.jsonl``), dropped into a scratch copy of ``seeds/`` as a new editor
  would drop an article: pages the data was never written for.

Every mention the matcher finds on those pages was judged by hand, once, in
``benchmarks/links/judgements.tsv``: right (``ok``) or wrong (``wrong``) for the
entry it names, keyed by page, entry, the words matched and a digest of the
sentence, so that no text of the evaluation pages is kept in the repository.
The file also lists the entries judged everyday names (countries, continents,
capitals, heads of state named daily) for the overlink figure.

Figures, per set:

- ``link precision``: right links ÷ judged links (a link: a mention rendered as
  a link in the body);
- ``mention precision``: the same over every mention (an entry's page and hover
  card list every one);
- ``everyday share``: links to everyday names ÷ links;
- ``links / 1k words``, and ``repeat links``: links to an entry already linked
  higher on the same page;
- ``right kept``: the mentions judged right that are still found (a matcher
  that finds nothing has perfect precision; this says what it costs).

Targets (issue 17): link precision ≥ 0.99 on the seeds and ≥ 0.97 on news
pages; at most 30 % of the links on news pages to everyday names.

    python benchmarks/bench_links.py [--data DIR] [--json] [--todo]

``--todo`` prints each mention not judged yet, with its sentence, to the
terminal (never to a file of the repository), as lines to judge and append.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.enrich import Enriched  # noqa: E402
from build_scripts.errors import DossierError  # noqa: E402
from build_scripts.knowledge import load_knowledge  # noqa: E402
from build_scripts.matching import Matcher  # noqa: E402
from build_scripts.sources import discover, process  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction-dev"
JUDGEMENTS = ROOT / "benchmarks" / "links" / "judgements.tsv"
TARGETS = {"seeds": 0.99, "news": 0.97}
EVERYDAY_MAX = 0.30


def digest(sentence: str) -> str:
    """A sentence's key: its words, folded, hashed (the text is never stored)."""
    words = " ".join(unicodedata.normalize("NFKC", sentence).casefold().split())
    return hashlib.sha1(words.encode()).hexdigest()[:12]


Key = tuple[str, str, str, str]
"""(page, entry name, words matched, sentence digest)."""


@dataclass(frozen=True)
class Judgements:
    verdicts: dict[Key, str]
    everyday: frozenset[str]
    news_pages: tuple[str, ...]


def read_judgements(path: Path = JUDGEMENTS) -> Judgements:
    verdicts: dict[Key, str] = {}
    everyday: set[str] = set()
    pages: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "everyday":
            everyday.add(fields[1])
        elif fields[0] == "page":
            pages.append(fields[1])
        else:
            page, entry, words, sentence, verdict = fields[:5]
            verdicts[(page, entry, words, sentence)] = verdict
    return Judgements(verdicts, frozenset(everyday), tuple(pages))


def scratch_dossier(data: Path, pages: tuple[str, ...], into: Path) -> None:
    """A copy of the project's seeds/ (data included) plus the news pages."""
    shutil.copytree(ROOT / "seeds", into / "seeds")
    titles = {}
    with (data / "metadata.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            titles[record["id"]] = record.get("title") or ""
    for page in pages:
        body = (data / "expected" / f"{page}.txt").read_text(encoding="utf-8")
        (into / "seeds" / f"news_{page[:16]}.txt").write_text(
            f"{titles.get(page, '')}\n\n{body}", encoding="utf-8"
        )


def page_of(item: Enriched) -> str:
    stem = item.article.source.stem
    return stem.removeprefix("news_") if stem.startswith("news_") else stem


def build(root: Path) -> list[Enriched]:
    knowledge, _ = load_knowledge(root)
    matcher = Matcher(knowledge.entries)
    sources, _ = discover(root)
    items = []
    for source in sources:
        try:
            items.append(process(source, root, matcher))
        except DossierError as error:
            print(f"skipped {source.text_path}: {error}", file=sys.stderr)
    return items


@dataclass
class Tally:
    pages: int = 0
    words: int = 0
    mentions: int = 0
    mentions_ok: int = 0
    links: int = 0
    links_ok: int = 0
    links_judged: int = 0
    mentions_judged: int = 0
    everyday_links: int = 0
    repeat_links: int = 0
    unjudged: int = 0
    right_found: set[Key] = field(default_factory=set)
    right_judged: int = 0

    def figures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        return {
            "pages": self.pages,
            "links": self.links,
            "link_precision": ratio(self.links_ok, self.links_judged),
            "mentions": self.mentions,
            "mention_precision": ratio(self.mentions_ok, self.mentions_judged),
            "everyday_share": ratio(self.everyday_links, self.links) if self.links else 0.0,
            "links_per_1k_words": round(1000 * self.links / self.words, 1) if self.words else 0.0,
            "repeat_links": self.repeat_links,
            "unjudged": self.unjudged,
            "right_kept": ratio(len(self.right_found), self.right_judged),
        }


def judge(items: list[Enriched], judgements: Judgements, todo: bool) -> dict[str, Tally]:
    tallies = {"seeds": Tally(), "news": Tally()}
    news_stems = {f"news_{p[:16]}" for p in judgements.news_pages}
    for item in items:
        group = "news" if item.article.source.stem in news_stems else "seeds"
        tally = tallies[group]
        tally.pages += 1
        tally.words += item.article.word_count
        linked: Counter[str] = Counter()
        for mention in item.mentions:
            if mention.heading is not None:
                continue
            sentence = item.article.paragraphs[mention.paragraph_index].sentences[mention.sentence]
            words = sentence[mention.start : mention.end]
            key = (page_of(item), mention.entry.name, words, digest(sentence))
            verdict = judgements.verdicts.get(key)
            tally.mentions += 1
            if verdict is None:
                tally.unjudged += 1
                if todo:
                    print("\t".join(key), "?", sep="\t")
                    print(f"#   ¶{mention.paragraph_index + 1} @{mention.start}: {sentence}")
            else:
                tally.mentions_judged += 1
                tally.mentions_ok += verdict == "ok"
                if verdict == "ok":
                    tally.right_found.add(key)
            if not mention.linked:
                continue
            tally.links += 1
            if verdict is not None:
                tally.links_judged += 1
                tally.links_ok += verdict == "ok"
            tally.everyday_links += mention.entry.name in judgements.everyday
            tally.repeat_links += linked[mention.entry.name] > 0
            linked[mention.entry.name] += 1
    for key, verdict in judgements.verdicts.items():
        if verdict == "ok":
            tallies["news" if f"news_{key[0][:16]}" in news_stems else "seeds"].right_judged += 1
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--todo", action="store_true", help="print unjudged mentions")
    args = parser.parse_args()
    judgements = read_judgements()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        scratch_dossier(args.data, judgements.news_pages, root)
        items = build(root)
    tallies = judge(items, judgements, args.todo)
    figures = {group: tally.figures() for group, tally in tallies.items()}
    if args.todo:
        return 0
    names = list(figures["seeds"])
    print(f"{'':20}{'seeds':>10}{'news':>10}")
    for name in names:
        print(f"{name:20}{figures['seeds'][name]:>10}{figures['news'][name]:>10}")
    failed = [
        f"{group} link precision {figures[group]['link_precision']} < {target}"
        for group, target in TARGETS.items()
        if figures[group]["link_precision"] < target
    ]
    if figures["news"]["everyday_share"] > EVERYDAY_MAX:
        failed.append(f"news everyday share {figures['news']['everyday_share']} > {EVERYDAY_MAX}")
    for group, tally in tallies.items():
        if tally.unjudged:
            failed.append(f"{group}: {tally.unjudged} mentions not judged (run with --todo)")
    print("targets: " + ("met" if not failed else "; ".join(failed)))
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
