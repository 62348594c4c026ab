"""Make a dossier project of N varied articles from real text, for scale benchmarks.

    python benchmarks/make_corpus.py 1000 --out /tmp/dossier-1000

The articles come from the 85 public-domain US foreign-relations essays vendored
in ``benchmarks/corpus/ir-essays`` (CC0, see its LICENSE.md) and the project's own
seeds. Each article takes a different run of paragraphs, sometimes a paragraph of
another essay, and the junk collected web text carries (navigation words, a
repeated title, a byline, an image credit, a contact line), so every stage of the
pipeline does real work. Half the articles get a sidecar. The same N and seed
always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ESSAYS = HERE / "corpus" / "ir-essays" / "essays"
PROJECT_FILES = ("mkdocs.yml", "CONTRIBUTING.md", "overrides", "seeds/data")
HAND_WRITTEN_DOCS = (
    "index.md", "about.md", "contributing.md", ".nav.yml", "stylesheets", "javascripts",
)  # fmt: skip

AUTHORS = [
    "Ana María López", "Jun-ho Park", "Olena Kovalenko", "Thomas Meyer", "Aisha Bello",
    "Sergei Ivanov", "Mei Chen", "David Cohen", "Fatima Rahman", "John Smith",
]  # fmt: skip
PUBLICATIONS = ["The Example Review", "Policy Quarterly", "World Affairs Digest", None]
KINDS = ["news", "analysis", "opinion"]
HEAD_JUNK = [["close", "close"], ["Menu", "Search"], ["Skip to content"], ["Share"], []]
TAIL_JUNK = [
    "Image credit: Wikimedia Commons.",
    "Photo: Associated Press",
    "Please direct questions or comments to editor@example.org",
    "Advertisement",
]


def _texts() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every essay and seed, in a stable order."""
    texts = []
    for path in sorted(ESSAYS.glob("*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").split("\n")]
        title, body = lines[0], [x for x in lines[1:] if x]
        texts.append((title, body))
    return texts


def _article(i: int, texts: list[tuple[str, list[str]]], rng: random.Random) -> tuple[str, str]:
    title, paragraphs = texts[i % len(texts)]
    round_ = i // len(texts)
    if round_:
        start = rng.randrange(0, max(1, len(paragraphs) // 3))
        paragraphs = paragraphs[start:] or paragraphs
        title = f"{title}: briefing {round_ + 1}"
    if rng.random() < 0.5:
        other = texts[rng.randrange(len(texts))][1]
        paragraphs = [*paragraphs, rng.choice(other)]
    lines = [*rng.choice(HEAD_JUNK), "", title, ""]
    if rng.random() < 0.3:
        lines += [title, ""]  # a repeated title, as scraped pages often have
    if rng.random() < 0.4:
        lines += [f"By {rng.choice(AUTHORS)}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if rng.random() < 0.6:
        lines.append(rng.choice(TAIL_JUNK))
    sidecar = ""
    if rng.random() < 0.5:
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
        fields = [f"published: {day.isoformat()}", f"kind: {rng.choice(KINDS)}"]
        publication = rng.choice(PUBLICATIONS)
        if publication:
            fields.append(f"publication: {publication}")
        sidecar = "\n".join(fields) + "\n"
    return "\n".join(lines) + "\n", sidecar


def make_corpus(count: int, out: Path, seed: int = 0) -> Path:
    """Write a complete dossier project with ``count`` articles into ``out``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "seeds").mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name)
        else:
            shutil.copy2(source, out / name)
    (out / "docs").mkdir(exist_ok=True)
    for name in HAND_WRITTEN_DOCS:
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, out / "docs" / name)
        elif source.exists():
            shutil.copy2(source, out / "docs" / name)
    # mkdocs.yml watches build_scripts/ under `mkdocs serve`: link the package there.
    os.symlink(ROOT / "build_scripts", out / "build_scripts")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for seed_file in seeds[: min(count, len(seeds))]:
        shutil.copy2(seed_file, out / "seeds" / seed_file.name)
        sidecar = seed_file.with_suffix(".yml")
        if sidecar.exists():
            shutil.copy2(sidecar, out / "seeds" / sidecar.name)
    texts = _texts()
    for i in range(max(0, count - len(seeds))):
        text, sidecar = _article(i, texts, rng)
        stem = f"a{i:05d}"
        (out / "seeds" / f"{stem}.txt").write_text(text, encoding="utf-8")
        if sidecar:
            (out / "seeds" / f"{stem}.yml").write_text(sidecar, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="project folder to (re)create")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    out = make_corpus(args.count, args.out, args.seed)
    print(f"{args.count} articles in {out}")


if __name__ == "__main__":
    main()
