"""Nothing lost: every sentence of a source is either in the article or in its audit.

Over the seeds, and (when ``../shared/eval/extraction-dev`` is there) over every
page of the cleaning benchmark, by both paths: the page as text and the saved page.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from build_scripts.clean import clean
from build_scripts.model import Article, Metadata, SourceFile, SourceText
from build_scripts.read import read_source, source_text
from build_scripts.sentences import split_sentences
from build_scripts.sidecar import load_sidecar
from build_scripts.structure import _REFERENCE_HEADINGS, structure

from .conftest import ROOT, SEEDS

DEV = ROOT.parent / "shared" / "eval" / "extraction-dev"
DEV_CASES = sorted(p.stem for p in (DEV / "raw_text").glob("*.txt")) if DEV.is_dir() else []
needs_dev = pytest.mark.skipif(not DEV_CASES, reason="../shared/eval/extraction-dev not present")


_DROP_CAP_REPAIR = re.compile(
    r"a drop cap split from its word joined: '(.+)' → '(.+)' \(line (\d+)\)"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def reached(article: Article) -> str:
    """Everything of the source the article shows, as one string."""
    parts = [article.title, article.author or "", article.author_bio or ""]
    parts += [block.text for block in article.blocks]
    parts += list(article.references)
    return _flat(" \n ".join(parts))


def lost(text: SourceText, meta=None) -> list[str]:
    """Sentences of lines the audit does not list that the article does not show."""
    meta = meta or Metadata()
    cleaned = clean(text)
    article = structure(cleaned, meta)
    audited = {r.line for r in article.removals}
    body = {line.number for line in cleaned.lines}
    shown = reached(article)
    drop_caps: dict[int, list[tuple[str, str]]] = {}
    for repair in article.repairs:
        m = _DROP_CAP_REPAIR.fullmatch(repair)
        if m:
            drop_caps.setdefault(int(m.group(3)), []).append((m.group(1), m.group(2)))
    missing = []
    for line in text.lines:
        if not line.text.strip():
            continue
        # The audit is complete: every line is in the body or listed as removed.
        assert line.number in audited or line.number in body, line
        if line.number in audited:
            continue
        if article.references and _REFERENCE_HEADINGS.fullmatch(line.text.strip()):
            continue  # the references list's own heading: the page gives it one
        line_text = line.text
        for c in meta.corrections:
            line_text = line_text.replace(c.original, c.corrected)
        for split, joined in drop_caps.get(line.number, ()):
            line_text = line_text.replace(split, joined, 1)  # a repair the notes list
        missing += [s for s in split_sentences(line_text) if _flat(s) not in shown]
    return missing


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_lose_nothing(seed: Path) -> None:
    sidecar = seed.with_suffix(".yml")
    source = SourceFile(
        seed.relative_to(ROOT), sidecar.relative_to(ROOT) if sidecar.exists() else None
    )
    meta = load_sidecar(source.sidecar_path, ROOT)
    assert lost(read_source(source, ROOT), meta) == []


@needs_dev
def test_benchmark_pages_as_text_lose_nothing() -> None:
    failures = {}
    for case in DEV_CASES:
        text = read_source(SourceFile(Path("raw_text") / f"{case}.txt"), DEV)
        missing = lost(text)
        if missing:
            failures[case[:12]] = missing[:3]
    assert failures == {}


@needs_dev
def test_benchmark_saved_pages_lose_nothing_of_the_extracted_text() -> None:
    failures = {}
    for case in DEV_CASES:
        data = gzip.decompress((DEV / "html" / f"{case}.html.gz").read_bytes())
        text = source_text(data, SourceFile(Path("html") / f"{case}.html"))
        missing = lost(text)
        if missing:
            failures[case[:12]] = missing[:3]
    assert failures == {}


def test_audit_lines_are_human_readable() -> None:
    """Every removal names its rule and says why in words, with the line's own text."""
    for seed in SEEDS:
        cleaned = clean(read_source(SourceFile(seed.relative_to(ROOT)), ROOT))
        for removal in cleaned.removals:
            assert removal.text.strip() and removal.rule and len(removal.reason.split()) >= 2
