"""Metadata benchmark: does a source page show the right title, authors, date and outlet?

Runs on a folder laid out like ``../shared/eval/extraction-dev``: ``raw_text/<id>.txt``
(the whole page as text), ``html/<id>.html.gz`` (the saved page) and
``metadata.jsonl`` (hand-checked labels: ``title``, ``authors``, ``date``,
``publisher`` and, per field, ``visible``: whether a reader finds it in the text).

Systems scored, each on the same pages:

- ``text``: our page-text path, the page text as a ``.txt`` source through the real
  pipeline (``sources.process``: read → clean → structure), no sidecar;
- ``html``: our saved-page path, the page as an ``.html`` source, the same way;
- ``trafilatura`` (baseline): trafilatura's own metadata of the HTML;
- ``htmldate`` (baseline, date only): htmldate's original publication date of the HTML.

Scoring (the shared README's): values are compared after NFKC, casefolding and
``\\w+`` tokens. A title matches at token F1 ≥ 0.85; authors when the set of names
is the same; a date, the same day; an outlet, the same name ignoring "The", spaces
and a web suffix, or one name a prefix of the other. Precision = matching values ÷
values stated; recall = matching values ÷ labelled values (the text path: only
those marked visible). "not stated" is no value: it costs recall, never precision.

    python benchmarks/bench_metadata.py [--data DIR] [--json] [--only text,html,...]
                                        [--split] [--show FIELD] [--missed FIELD]

``--json`` prints ``{"text": {"title": {"precision": P, "recall": R}, …}, "html": …}``
as the last line. ``--split`` also scores the two halves of the ids (even/odd by
sorted position): rules tuned on one half are checked on the other. ``--show FIELD``
lists every page where a system states a wrong value for FIELD; ``--missed FIELD``
every page where it states none though the page is labelled (on the text path: visibly).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.errors import DossierError  # noqa: E402
from build_scripts.model import SourceFile  # noqa: E402
from build_scripts.sources import process  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction-dev"
FIELDS = ("title", "authors", "date", "publisher", "language")
_WORD = re.compile(r"\w+")
_WEB_SUFFIXES = {"com", "net", "org", "co", "uk", "in", "au", "ca", "kr", "ng", "de", "br"}


@dataclass(frozen=True)
class Found:
    """What one system states about one page (``None``/empty: not stated)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    publisher: str | None = None
    language: str | None = None


def tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def title_matches(label: str, value: str) -> bool:
    true, pred = tokens(label), tokens(value)
    common = sum(min(true.count(t), pred.count(t)) for t in set(true))
    if not common:
        return False
    p, r = common / len(pred), common / len(true)
    return 2 * p * r / (p + r) >= 0.85


def name_key(name: str) -> str:
    return " ".join(tokens(name))


def authors_match(label: list[str], value: tuple[str, ...]) -> bool:
    return {name_key(n) for n in label} == {name_key(n) for n in value}


def outlet_key(name: str) -> str:
    words = tokens(name)
    while len(words) > 1 and words[-1] in _WEB_SUFFIXES:
        words = words[:-1]  # CBSSports.com = CBS Sports
    joined = "".join(words)  # spaces ignored: TheHill = The Hill
    return joined[3:] if joined.startswith("the") and len(joined) > 3 else joined


def publisher_matches(label: str, value: str) -> bool:
    a, b = outlet_key(label), outlet_key(value)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def matches(field: str, label, value) -> bool:
    if field == "title":
        return title_matches(label, value)
    if field == "authors":
        return authors_match(label, value)
    if field in ("date", "language"):
        return label == value
    return publisher_matches(label, value)


def stated(found: Found, field: str):
    value = getattr(found, field)
    return value or None


def labelled(row: dict, field: str, visible_only: bool):
    value = row[field] or None
    if value is None or (visible_only and not row["visible"].get(field, True)):
        return None
    return value


# --- systems -------------------------------------------------------------------


def _article(data: Path, case: str, html: bool):
    """The article the real pipeline makes of one page, as a source in a scratch root."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        name = f"{case[:16]}.html" if html else f"{case[:16]}.txt"
        if html:
            raw = gzip.decompress((data / "html" / f"{case}.html.gz").read_bytes())
        else:
            raw = (data / "raw_text" / f"{case}.txt").read_bytes()
        (root / "seeds").mkdir()
        (root / "seeds" / name).write_bytes(raw)
        try:
            return process(SourceFile(Path("seeds") / name), root).article
        except DossierError:
            return None


def _from_article(article) -> Found:
    if article is None:
        return Found()
    authors = tuple(getattr(article, "authors", ()) or ())
    if not authors and article.author:
        authors = tuple(a.strip() for a in article.author.split(";") if a.strip())
    untitled = article.provenance.title is None
    return Found(
        title=None if untitled else article.title,
        authors=authors,
        date=article.published.isoformat() if article.published else None,
        publisher=article.publication,
        language=getattr(article, "language", None),
    )


def text_system(data: Path, case: str) -> Found:
    return _from_article(_article(data, case, html=False))


def html_system(data: Path, case: str) -> Found:
    return _from_article(_article(data, case, html=True))


def _html(data: Path, case: str) -> bytes:
    return gzip.decompress((data / "html" / f"{case}.html.gz").read_bytes())


def trafilatura_system(data: Path, case: str) -> Found:
    import trafilatura

    doc = trafilatura.extract_metadata(_html(data, case))
    if doc is None:
        return Found()
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Found(
        title=doc.title or None,
        authors=authors,
        date=(doc.date or "")[:10] or None,
        publisher=doc.sitename or None,
    )


def htmldate_system(data: Path, case: str) -> Found:
    from htmldate import find_date

    try:
        date = find_date(_html(data, case).decode("utf-8", "replace"), original_date=True)
    except Exception:  # a baseline's failure is its own "not stated"
        date = None
    return Found(date=date or None)


SYSTEMS: dict[str, tuple[Callable[[Path, str], Found], bool]] = {
    # name: (system, scored on the visible labels only)
    "text": (text_system, True),
    "html": (html_system, False),
    "trafilatura": (trafilatura_system, False),
    "htmldate": (htmldate_system, False),
}
BASELINE_FIELDS = {"htmldate": ("date",), "trafilatura": FIELDS[:4]}


def score(
    rows: list[dict], found: dict[str, Found], visible_only: bool, fields=FIELDS
) -> dict[str, dict[str, float]]:
    out = {}
    for field in fields:
        right = stated_n = labelled_n = recalled = 0
        for row in rows:
            value = stated(found[row["id"]], field)
            label = row[field] or None
            ok = value is not None and label is not None and matches(field, label, value)
            stated_n += value is not None
            right += ok
            if labelled(row, field, visible_only) is not None:
                labelled_n += 1
                recalled += ok
        out[field] = {
            "precision": round(right / stated_n, 4) if stated_n else 1.0,
            "recall": round(recalled / labelled_n, 4) if labelled_n else 1.0,
            "stated": stated_n,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--json", action="store_true", help="last line: the scores as JSON")
    parser.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated")
    parser.add_argument("--split", action="store_true", help="also score each half of the ids")
    parser.add_argument("--show", choices=FIELDS, help="list the wrong values of this field")
    parser.add_argument(
        "--missed", choices=FIELDS, help="list the labelled values of this field not stated"
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    labels = data / "metadata.jsonl"
    if not labels.is_file():
        print(f"{data}: no metadata.jsonl: not a metadata benchmark folder", file=sys.stderr)
        return 2
    rows = sorted(
        (json.loads(line) for line in labels.read_text("utf-8").splitlines() if line.strip()),
        key=lambda r: r["id"],
    )
    halves = {"A": rows[0::2], "B": rows[1::2]}
    results: dict[str, dict] = {}
    for name in args.only.split(","):
        system, visible_only = SYSTEMS[name]
        fields = BASELINE_FIELDS.get(name, FIELDS)
        started = time.perf_counter()
        found = {row["id"]: system(data, row["id"]) for row in rows}
        seconds = time.perf_counter() - started
        scores = score(rows, found, visible_only, fields)
        results[name] = {
            f: {k: v for k, v in s.items() if k != "stated"} for f, s in scores.items()
        }
        print(f"{name} ({len(rows)} pages, {seconds:.1f} s)")
        for field, s in scores.items():
            line = (
                f"  {field:9} P {s['precision']:.3f}  R {s['recall']:.3f}  ({s['stated']} stated)"
            )
            if args.split:
                for half, part in halves.items():
                    h = score(part, found, visible_only, (field,))[field]
                    line += f"  {half}: P {h['precision']:.3f} R {h['recall']:.3f}"
            print(line)
        if args.show and args.show in fields:
            for row in rows:
                value = stated(found[row["id"]], args.show)
                label = row[args.show] or None
                if value is not None and (label is None or not matches(args.show, label, value)):
                    print(f"    {row['id'][:10]} stated {value!r}, label {label!r}")
        if args.missed and args.missed in fields:
            for row in rows:
                label = labelled(row, args.missed, visible_only)
                if label is not None and stated(found[row["id"]], args.missed) is None:
                    print(f"    {row['id'][:10]} not stated, label {label!r}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
