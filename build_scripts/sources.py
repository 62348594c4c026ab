"""The sources: the files in ``seeds/``, and each one read → clean → structure →
enrich, from the store where its inputs are unchanged, in a pool of processes
where there are many. What comes out is one ``Enriched`` per source, or the
problems that stopped it, named in one line each; the dossier-wide stages
(``pipeline.py``) take it from there.
"""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from .cache import (
    Store,
    knowledge_key,
    source_key,
    write_pickle,
)
from .checks import source_warnings
from .clean import clean
from .config import load_settings
from .enrich import Enriched, enrich
from .errors import DossierError, Problem, shown
from .knowledge import DATA as DATA_FOLDER
from .knowledge import (
    Knowledge,
)
from .matching import Matcher
from .metadata import packed_language_model, unpack_language_model
from .model import SourceFile
from .read import Contents, read_bytes, shown_path, source_text, unusable
from .repository import located
from .sidecar import load_sidecar
from .structure import structure

T = TypeVar("T")
SEEDS = Path("seeds")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml")


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Pair each text file in ``seeds/`` with its sidecar; report what cannot be used.

    Suffixes are compared case-insensitively (Windows saves ``Article.TXT``).
    A file that is neither a source nor a sidecar, a second text file with the
    same name, or a second sidecar, is reported rather than silently skipped.
    Names and files come from strangers: a link out of the repository is an
    error (it would publish that file), a name that is not UTF-8 cannot be linked
    to, and a broken link, a folder or a pipe named like a source cannot be read;
    each is named in one line and left out, and the rest is built.
    """
    folder = root / SEEDS
    if not folder.is_dir():
        raise DossierError(
            Problem(SEEDS, "there is no seeds/ folder", "create it and put the articles in it")
        )
    located(root, SEEDS)  # seeds/ itself may be a link, but not out of the repository
    texts: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    problems = []

    def warn(path: Path, what: str, todo: str) -> None:
        problems.append(Problem(shown_path(path.relative_to(root)), what, todo, severity="warning"))

    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        named_like_source = suffix in TEXT_SUFFIXES or suffix in SIDECAR_SUFFIXES
        if path.name.lower() in TEXT_SUFFIXES + SIDECAR_SUFFIXES:  # ".txt": no name at all
            warn(path, "a file with no name before its suffix is not read", "give it a name")
            continue
        if path.name.startswith(".") and not named_like_source:
            continue
        refused = unusable(path.relative_to(root), root, named_like_source)
        if refused is not None:
            problems.append(refused)
            continue
        if path.is_dir():
            if path.relative_to(root) != DATA_FOLDER and not path.name.startswith("."):
                warn(
                    path,
                    "a folder in seeds/: the files in it are not read",
                    "move its articles into seeds/ itself",
                )
            continue
        if suffix in TEXT_SUFFIXES:
            kept = texts.setdefault(path.stem, path)
        elif suffix in SIDECAR_SUFFIXES:
            kept = sidecars.setdefault(path.stem, path)
        else:
            kinds = ", ".join(TEXT_SUFFIXES)
            warn(path, "not a source the dossier can read", f"save it as one of: {kinds}")
            continue
        if kept is not path:
            warn(
                path,
                f"a second file named {shown(path.stem)!r} ({shown(kept.name)} is used)",
                "rename one",
            )
    sources = []
    for stem, path in sorted(texts.items(), key=lambda item: item[1].name):
        sidecar = sidecars.pop(stem, None)
        sources.append(
            SourceFile(
                text_path=path.relative_to(root),
                sidecar_path=sidecar.relative_to(root) if sidecar else None,
            )
        )
    for path in sorted(sidecars.values()):
        warn(path, "sidecar without a text file", f"add {SEEDS / path.stem}.txt, or rename it")
    return sources, problems


def process(
    source: SourceFile,
    root: Path,
    matcher: Matcher | None = None,
    phrases: tuple[str, ...] = (),
    contents: Contents | None = None,
    language_model: Path | None = None,
) -> Enriched:
    """read → clean → structure → enrich for one source (slug not yet unique);
    ``contents``: its text's and sidecar's bytes, if already read;
    ``language_model``: the language detector's model unpacked, if it is."""
    text_bytes, sidecar_bytes = read_bytes(source, root) if contents is None else contents
    meta = load_sidecar(source.sidecar_path, root, sidecar_bytes)
    text = clean(source_text(text_bytes, source))
    article = replace(
        structure(text, meta, language_model=language_model),
        editor_thesis=meta.thesis,
        editor_glosses=meta.glosses,
    )
    if not article.paragraphs:
        raise DossierError(
            Problem(
                source.text_path,
                "nothing is left after removing boilerplate: every line matched a rule",
                "check the file holds the article text (see the rules in build_scripts/rules/)",
            )
        )
    item = enrich(article, matcher, phrases)
    return replace(item, warnings=tuple(source_warnings(item)))


Progress = Callable[[Iterable[T], int], Iterable[T]]
"""Wraps the stream of processed sources (with their count) to show progress."""


def no_progress(items: Iterable[T], _total: int) -> Iterable[T]:
    return items


PARALLEL_MIN = 48
"""Below this many sources to process, a pool of processes costs more than it saves."""

_worker_matcher: Matcher | None = None
_worker_phrases: tuple[str, ...] = ()
_worker_language_model: Path | None = None


def _start_worker(knowledge: Knowledge, language_model: Path | None) -> None:
    global _worker_matcher, _worker_phrases, _worker_language_model
    gc.enable()  # a forked worker inherits the pause of ``build``; it makes garbage freely
    _worker_matcher = Matcher(knowledge.entries)
    _worker_phrases = knowledge.event_phrases()
    _worker_language_model = language_model


def _process_or_problem(
    job: tuple[SourceFile, Path, Contents, Path | None],
    matcher: Matcher | None = None,
    phrases: tuple[str, ...] = (),
    language_model: Path | None = None,
) -> Enriched | tuple[Problem, ...]:
    """One source, or the problems that stopped it (in a worker: the worker's
    data), with its cache entry written where the job says: workers write theirs
    in parallel (a cold build at 1,000 sources spent ~0.5 s writing them in turn).
    An unexpected exception is a bug, not the source's fault: it becomes one
    line naming the source, and the rest of the dossier is still built (unless
    ``--debug`` asked for the traceback, see DEBUG)."""
    source, root, contents, entry = job
    if matcher is None:
        matcher, phrases = _worker_matcher, _worker_phrases
        language_model = _worker_language_model
    try:
        outcome = process(source, root, matcher, phrases, contents, language_model)
    except DossierError as error:
        return error.problems
    except Exception as error:
        if os.environ.get(DEBUG):
            raise
        return (internal_error(error, root, source.text_path),)
    if entry is not None:
        write_pickle(entry, outcome)
    return outcome


DEBUG = "DOSSIER_DEBUG"
"""Set (by ``dossier --debug``) in the environment, which pool workers inherit:
an internal error is raised with its traceback instead of reported in one line."""


def internal_error(error: Exception, root: Path, source: Path | None = None) -> Problem:
    """An unexpected exception as one line: the source being processed (else the
    innermost line of the package's own code), what was raised, and where to
    report it (the issue tracker of ``repo_url`` in mkdocs.yml, if set)."""
    message = " ".join(str(error).split())[:300]
    raised = f"{type(error).__name__}: {message}" if message else type(error).__name__
    line = None
    if source is not None:
        where, what = source, f"internal error while processing {source.as_posix()}: {raised}"
    else:
        package = Path(__file__).resolve().parent
        ours = [
            frame
            for frame in traceback.extract_tb(error.__traceback__)
            if Path(frame.filename).resolve().is_relative_to(package)
        ]
        where, what = Path("dossier"), f"internal error: {raised}"
        if ours:
            frame = ours[-1]
            where = Path(frame.filename).resolve().relative_to(package.parent)
            what, line = f"internal error in {frame.name}(): {raised}", frame.lineno
    try:
        repo_url = load_settings(root).repo_url
    except Exception:  # no usable mkdocs.yml: still one line
        repo_url = None
    report = (
        f"please report it at {repo_url.rstrip('/')}/issues"
        if repo_url
        else "please report it to the dossier maintainers"
    )
    return Problem(where, what, f"{report}; run with --debug for the traceback", line)


def _read_and_key(source: SourceFile, root: Path, data: str) -> tuple[str, Contents]:
    """A source's bytes and the key they give it."""
    contents = read_bytes(source, root)
    return source_key(source, data, *contents), contents


def process_all(
    sources: list[SourceFile],
    root: Path,
    knowledge: Knowledge,
    matcher: Matcher,
    store: Store,
    data: str,
    progress: Progress,
) -> tuple[list[tuple[str | None, Enriched | tuple[Problem, ...]]], int, int]:
    """Each source read → enrich (with its cache key), from the cache where its
    inputs are unchanged. A source is processed from the very bytes its key
    hashes, so a file edited during the build cannot be cached under another key.

    The rest run in a pool of processes when there are many (one per core),
    in order, so the result does not depend on how the work was shared.
    """
    keys: list[str | None] = []
    contents: list[Contents | None] = []
    outcomes: list[Enriched | tuple[Problem, ...] | None] = []
    todo = []
    for i, source in enumerate(sources):
        key: str | None = None
        read: Contents | None = None
        outcome: Enriched | tuple[Problem, ...] | None = None
        try:
            key, read = store.keyed(
                ("source", source, data),
                (root / source.text_path, source.sidecar_path and root / source.sidecar_path),
                partial(_read_and_key, source, root, data),
            )
            hit = store.get(key)
            if isinstance(hit, Enriched):
                outcome = hit
            else:
                if read is None:  # a known key whose entry is gone: read it now
                    read = read_bytes(source, root)
                    key = source_key(source, data, *read)
                todo.append(i)
        except DossierError as error:
            outcome = error.problems
        keys.append(key)
        contents.append(read)
        outcomes.append(outcome)
    jobs = [(sources[i], root, contents[i], store.path(keys[i])) for i in todo]
    # The language model unpacked for later processes, where a re-run after one edit
    # would spend ~0.45 s decompressing it: worth its 68 MB for a large dossier only.
    large = len(sources) >= PARALLEL_MIN
    model = (
        store.unpacked(packed_language_model(), unpack_language_model, make=large) if jobs else None
    )
    cores = os.cpu_count() or 1
    if len(jobs) >= PARALLEL_MIN and cores > 1:
        with ProcessPoolExecutor(
            max_workers=min(cores, 8), initializer=_start_worker, initargs=(knowledge, model)
        ) as pool:
            done = list(progress(pool.map(_process_or_problem, jobs, chunksize=8), len(jobs)))
    else:
        work = partial(
            _process_or_problem,
            matcher=matcher,
            phrases=knowledge.event_phrases(),
            language_model=model,
        )
        done = list(progress(map(work, jobs), len(jobs)))
    for i, outcome in zip(todo, done, strict=True):
        outcomes[i] = outcome
        if isinstance(outcome, Enriched):
            store.remember(keys[i], outcome)
    store.prune({key for key in keys if key} | {knowledge_key(data)})
    fresh = set(todo)  # the others came from the cache, or could not be read (neither counts)
    hits = sum(isinstance(o, Enriched) for i, o in enumerate(outcomes) if i not in fresh)
    return [(k, o) for k, o in zip(keys, outcomes, strict=True) if o is not None], len(jobs), hits
