"""How the dossier's build scales: pipeline and MkDocs, cold and incremental.

    python benchmarks/bench_build.py                       # N = 10, 100, 1000, 3000
    python benchmarks/bench_build.py --sizes 100,1000 --json

For each N it makes a corpus (``make_corpus.py``), then measures, each in a
fresh process (wall seconds and peak RSS from ``os.wait4``):

- ``pipeline``: ``dossier build`` from nothing (no cache, empty docs/);
- ``incremental``: ``dossier build`` again after one article's text changed
  (a new process: its ~0.2 s of interpreter start and imports included);
- ``incremental in-process``: the same edit, re-run in a process that has
  already built once, which is what ``mkdocs serve`` does after each edit;
- ``mkdocs``: ``mkdocs build`` of the dossier;
- ``baseline``: ``mkdocs build`` of plain Material (default theme settings, a
  flat navigation listing every article) over the same article text, one page
  per article: what the dossier's own structure is compared with.

It prints one table, the target ratios (issue "One store"), and with ``--json`` a last line
``{"<N>": {"pipeline_s": …, "mkdocs_s": …, "baseline_mkdocs_s": …,
"pipeline_rss_mb": …, "search_index_bytes": …, "incremental_s": …,
"incremental_inprocess_s": …}, …}``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench_search import index_bytes
from make_corpus import make_corpus

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true"}


@dataclass
class Run:
    seconds: float
    rss_mb: float


def measure(command: list[str], cwd: Path, may_report: bool = False) -> Run:
    """Run ``command``; its wall time and peak resident memory (this child only).

    ``may_report``: exit status 1 (problems reported, pages still written) is
    accepted, as ``dossier build`` gives it for a source it could not use.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile() as said:  # (a pipe left unread fills up and blocks it)
        process = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=said
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        said.seek(0)
        stderr = said.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in ((0, 1) if may_report else (0,)):
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr[-2000:]}")
    return Run(round(seconds, 2), round(usage.ru_maxrss / 1024, 1))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def baseline_project(corpus: Path, out: Path) -> Path:
    """Plain Material over the same article text: one page per article, flat nav."""
    docs = out / "docs"
    docs.mkdir(parents=True)
    nav = []
    for source in sorted((corpus / "seeds").glob("*.txt")):
        lines = [x.strip() for x in source.read_text(encoding="utf-8").split("\n") if x.strip()]
        name = f"{source.stem}.md"
        (docs / name).write_text(f"# {source.stem}\n\n" + "\n\n".join(lines) + "\n", "utf-8")
        nav.append(f"  - {name}")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
        + "\n".join(nav)
        + "\n",
        encoding="utf-8",
    )
    return out


INPROCESS = """
import sys, time
from pathlib import Path
from build_scripts.cache import Store
from build_scripts.docs_folder import write_docs
from build_scripts.pipeline import build
root, article = Path(sys.argv[1]), Path(sys.argv[2])
store = Store(root)  # one for the process, as mkdocs serve keeps
write_docs(build(root, store=store).pages, root, store)
article.write_text(article.read_text(encoding="utf-8") + "\\nOne more sentence.\\n", "utf-8")
start = time.perf_counter()
result = build(root, store=store)
write_docs(result.pages, root, store)
print(time.perf_counter() - start, len(result.rendered))
store.close()
"""


def incremental_in_process(corpus: Path, article: Path) -> tuple[float, int]:
    """Seconds for a rebuild after one edit in a warm process, and pages rendered."""
    out = subprocess.run(
        [PYTHON, "-c", INPROCESS, str(corpus), str(article)],
        cwd=ROOT, env=ENV, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, rendered = out.stdout.split()
    return round(float(seconds), 2), int(rendered)


@dataclass
class Result:
    pipeline_s: float
    pipeline_rss_mb: float
    incremental_s: float
    incremental_inprocess_s: float
    incremental_rendered: int
    mkdocs_s: float
    mkdocs_rss_mb: float
    baseline_mkdocs_s: float
    site_mb: float
    search_index_bytes: int
    baseline_search_index_bytes: int


def bench(size: int, work: Path) -> Result:
    corpus = make_corpus(size, work / f"dossier-{size}")
    dossier = [PYTHON, "-m", "build_scripts", "build", "-q", "--root", str(corpus)]
    cold = measure(dossier, corpus, may_report=True)
    article = sorted((corpus / "seeds").glob("*.txt"))[-1]
    article.write_text(
        article.read_text(encoding="utf-8") + "\nAn added closing sentence for the benchmark.\n",
        encoding="utf-8",
    )
    incremental = measure(dossier, corpus, may_report=True)
    in_process, rendered = incremental_in_process(corpus, article)
    site = measure([PYTHON, "-m", "mkdocs", "build", "-q"], corpus)
    base = baseline_project(corpus, work / f"baseline-{size}")
    baseline = measure([PYTHON, "-m", "mkdocs", "build", "-q"], base)
    result = Result(
        pipeline_s=cold.seconds,
        pipeline_rss_mb=cold.rss_mb,
        incremental_s=incremental.seconds,
        incremental_inprocess_s=in_process,
        incremental_rendered=rendered,
        mkdocs_s=site.seconds,
        mkdocs_rss_mb=site.rss_mb,
        baseline_mkdocs_s=baseline.seconds,
        site_mb=round(folder_bytes(corpus / "site") / 2**20, 1),
        search_index_bytes=index_bytes(corpus / "site"),
        baseline_search_index_bytes=(base / "site" / "search" / "search_index.json").stat().st_size,
    )
    shutil.rmtree(base)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,3000", help="comma-separated N")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, Result] = {}
    try:
        for size in sizes:
            print(f"N = {size} …", file=sys.stderr, flush=True)
            results[size] = bench(size, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    head = (
        f"{'N':>6} {'pipeline s':>10} {'RSS MB':>7} {'increm. s':>9} {'in-proc s':>9}"
        f" {'mkdocs s':>9} {'RSS MB':>7}"
        f" {'baseline s':>10} {'site MB':>8} {'index B/art':>11} {'base B/art':>10}"
    )
    print(head)
    for size, r in results.items():
        print(
            f"{size:>6} {r.pipeline_s:>10} {r.pipeline_rss_mb:>7} {r.incremental_s:>9}"
            f" {r.incremental_inprocess_s:>9} {r.mkdocs_s:>9} {r.mkdocs_rss_mb:>7}"
            f" {r.baseline_mkdocs_s:>10}"
            f" {r.site_mb:>8}"
            f" {r.search_index_bytes // size:>11} {r.baseline_search_index_bytes // size:>10}"
        )
    print("targets (at 1,000; make bench-serve times make serve):")
    for size, r in results.items():
        site = r.pipeline_s + r.mkdocs_s  # mkdocs includes Pagefind's index
        print(
            f"  N={size}: make site work (pipeline + mkdocs + search) / plain Material"
            f" {site / r.baseline_mkdocs_s:.3f} (≤ 0.6);"
            f" re-run after one edit / cold pipeline: in-process"
            f" {r.incremental_inprocess_s / r.pipeline_s:.3f} (≤ 0.05; {r.incremental_rendered}"
            f" pages rendered), new process {r.incremental_s / r.pipeline_s:.3f} (≤ 0.10)"
        )
    if 1000 in results and 3000 in results:
        ratio = results[3000].pipeline_s / results[1000].pipeline_s
        print(f"  pipeline 3000/1000: {ratio:.2f} (≤ 3.3); RSS at 3000:"
              f" {results[3000].pipeline_rss_mb} MB (≤ 1024)")  # fmt: skip
    if args.json:
        print(json.dumps({str(size): asdict(r) for size, r in results.items()}))


if __name__ == "__main__":
    main()
