"""Search benchmark: does a search find the pages it must, first?

    python benchmarks/bench_search_queries.py                 # seeds and a 150-source corpus
    python benchmarks/bench_search_queries.py --site SITE_DIR --queries FILE

Runs queries in Chromium (Debian's, driven by Playwright) through Pagefind's own
JavaScript API on a built site, exactly as the site's search box asks it (with the
ranking the site's ``<pagefind-config data-ranking>`` gives, overrides/main.html),
and checks each answer against what it must return first.

- ``seeds``: the queries in ``benchmarks/search/queries.yml``, written by hand
  for the three seeds (names, spelling variants, authors, words);
- ``corpus``: a dossier of 150 sources made by ``make_corpus.py``, where the
  expectations are derived from the dossier's own cross-references: for each
  glossary term of one word some sources use (at most eight), searching it must
  give its page first, then the sources that use it before any other entry page
  (a name of several words is searched word by word, and another entry's title
  may share one: the seeds' queries try those).

A query passes when its ``first`` pages are the first results and its ``top``
pages come right after them (in any order among themselves), or, where it gives
``within``, are among the first ``within`` results.
Prints each failure with what came first, and a pass count per set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_search import browsing  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

QUERIES = HERE / "search" / "queries.yml"
ENTRY_FOLDERS = ("glossary/", "people/", "organisations/", "places/", "events/", "timeline/")
STEM = 6
"""An entry page whose address shares the word's first letters is about it too, not
one that only mentions it (Pagefind stems: "Globalization" finds "Global South",
"Bipolarity" finds "Bipolarity 2.0"): it may come before the sources."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent
SEARCH = """async ([query, count]) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const ranking = document.querySelector("pagefind-config")?.dataset.ranking;
  if (ranking) await pagefind.options({ ranking: JSON.parse(ranking) });
  await pagefind.init();
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, count).map((r) => r.data()));
  return data.map((d) => d.url);
}"""


@dataclass
class Query:
    query: str
    first: list[str] = field(default_factory=list)
    """Pages that must be the first results, in any order among themselves."""
    top: list[str] = field(default_factory=list)
    """Pages that must come right after ``first``, in any order among themselves."""
    within: int | None = None
    """Instead: the ``top`` pages need only be among the first ``within`` results."""
    before_entries: bool = False
    """Instead: the ``top`` pages need only come before any other entry page
    (other sources may come between them: a multi-word name's words are
    searched one by one)."""


def build_site(project: Path) -> Path:
    """``dossier build`` then ``mkdocs build`` (which runs Pagefind) in ``project``,
    with the project's own code when it has a copy (``python -m``: its folder first)."""
    for command in (["build_scripts", "build", "-q"], ["mkdocs", "build", "-q"]):
        subprocess.run([sys.executable, "-m", *command], cwd=project, env=ENV, check=False,
                       capture_output=True)  # fmt: skip
    return project / "site"


def path_of(url: str) -> str:
    """A result's page as the queries name it: ``people/carl-schmitt/``."""
    return url.split("#")[0].lstrip("./").removeprefix("/")


def answer(page, query: str, count: int = 12) -> list[str]:
    return [path_of(u) for u in page.evaluate(SEARCH, [query, count])]


def judge(query: Query, results: list[str]) -> str | None:
    """Why ``results`` fail ``query``, or None."""
    head = results[: len(query.first)]
    if query.first and sorted(head) != sorted(query.first):
        return f"first should be {query.first}"
    if query.before_entries:
        missing = [p for p in query.top if p not in results]
        if missing:
            return f"not in the first {len(results)}: {missing}"
        last = max(results.index(p) for p in query.top)
        stem = query.query.casefold()[:STEM]
        early = [
            p
            for p in results[len(query.first) : last]
            if p.startswith(ENTRY_FOLDERS) and stem not in p
        ]
        return f"entry pages before the sources: {early}" if early else None
    if query.within is not None:
        missing = [p for p in query.top if p not in results[: query.within]]
        return f"not in the first {query.within}: {missing}" if missing else None
    after = results[len(query.first) : len(query.first) + len(query.top)]
    if sorted(after) != sorted(query.top):
        return f"right after {query.first or 'nothing'}: {query.top}"
    return None


def run(site: Path, queries: list[Query]) -> list[tuple[Query, list[str], str | None]]:
    outcomes = []
    with browsing(site) as (browser, base):
        page = browser.new_page()
        page.goto(base, wait_until="load")
        for query in queries:
            results = answer(page, query.query)
            outcomes.append((query, results, judge(query, results)))
    return outcomes


def seed_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(**item) for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def corpus_queries(project: Path, limit: int = 25) -> list[Query]:
    """For glossary terms the corpus's sources use: the term's page first, then
    (up to three of) the sources that use it, before any other entry page."""
    sys.path.insert(0, str(ROOT))
    from build_scripts.pipeline import build  # the dossier's own cross-references

    result = build(project)
    users: dict[str, set[str]] = {}
    entries: dict[str, str] = {}
    for item in result.articles:
        for mention in item.mentions:
            if mention.entry.kind == "term" and mention.heading is None:
                users.setdefault(mention.entry.name, set()).add(item.article.page)
                entries[mention.entry.name] = mention.entry.page
    queries = []
    single = [n for n in users if len(n.split()) == 1]  # "for a word": a name of one word
    for name in sorted(single, key=lambda n: (len(users[n]), n))[:limit]:
        entry = entries[name].removesuffix(".md") + "/"
        sources = sorted(p.removesuffix(".md") + "/" for p in users[name])
        if len(sources) <= 8:  # the first page of results: the term's page, then its users
            queries.append(Query(name, first=[entry], top=sources, before_entries=True))
    return queries


def report(name: str, outcomes: list[tuple[Query, list[str], str | None]]) -> dict:
    failed = [(q, r, why) for q, r, why in outcomes if why]
    for query, results, why in failed:
        print(f"  {name}: {query.query!r}: {why}; got {results[:6]}")
    print(f"{name}: {len(outcomes) - len(failed)} of {len(outcomes)} queries answered as listed")
    return {"passed": len(outcomes) - len(failed), "queries": len(outcomes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the seeds)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--corpus", type=int, default=150, help="sources (0: none)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            project = Path(scratch) / "seeds"
            shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
                ".git", ".venv", "node_modules", "site", ".cache", "__pycache__"))  # fmt: skip
            site = build_site(project)
        figures["seeds"] = report("seeds", run(site, seed_queries(args.queries)))
        if args.corpus:
            project = make_corpus(args.corpus, Path(scratch) / "corpus")
            queries = corpus_queries(project)
            figures["corpus"] = report("corpus", run(build_site(project), queries))
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
