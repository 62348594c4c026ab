"""Run the stages over every source and keep ``docs/`` in step with ``seeds/``.

One bad source never stops the others: its problem is reported in one line and
the rest of the dossier is built. ``check_docs`` compares what the sources give
with what is committed, which is how CI catches a stale or hand-edited page.
"""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TypeVar

from .cache import (
    CompiledTemplates,
    PageMemo,
    Store,
    knowledge_key,
    source_key,
    write_pickle,
)
from .checks import name_clashes, source_warnings
from .clean import clean
from .collector import collector_paused
from .config import CONFIG_FILE, Settings, load_settings
from .crossref import CrossRef, cross_reference
from .docs_folder import DOCS
from .enrich import Enriched, enrich
from .errors import DossierError, Problem, shown
from .graph import draw, graph_source, graphviz, hash_in, source_hash
from .knowledge import DATA as DATA_FOLDER
from .knowledge import (
    DataFiles,
    Entry,
    Knowledge,
    KnowledgeError,
    data_fingerprint,
    load_knowledge,
    read_data,
)
from .matching import Matcher
from .model import Page, PageJob, SourceFile, slugify
from .positions import render_positions, render_print_positions
from .print_page import (
    print_back_job,
    print_entries,
    print_front_job,
    print_page,
    print_source_job,
)
from .read import Contents, read_bytes, shown_path, source_text, unusable
from .render import (
    Templates,
    article_job,
    entry_job,
    inputs_digest,
    quoted_digests,
    read_templates,
    render_knowledge,
    render_listings,
)
from .repository import located
from .sidecar import load_sidecar
from .structure import structure

T = TypeVar("T")
SEEDS = Path("seeds")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml")


@dataclass
class BuildResult:
    pages: list[Page] = field(default_factory=list)
    articles: list[Enriched] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: int = 0
    """How many sources ``seeds/`` holds (a file that cannot be read is none)."""
    processed: int = 0
    """How many sources went through read → enrich (some may have failed)."""
    cached: int = 0
    """How many sources came from the cache."""
    rendered: tuple[PurePosixPath, ...] = ()
    """Source pages, entry pages and print-page sections (``print.md#s3``) rendered
    this time; the rest came from the page memo."""
    complete: bool = True
    """False when a dossier-wide file (the glossary or entity data) could not be
    read: the pages would lose every link, so ``docs/`` must not be rewritten."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


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
) -> Enriched:
    """read → clean → structure → enrich for one source (slug not yet unique);
    ``contents``: its text's and sidecar's bytes, if already read."""
    text_bytes, sidecar_bytes = read_bytes(source, root) if contents is None else contents
    meta = load_sidecar(source.sidecar_path, root, sidecar_bytes)
    text = clean(source_text(text_bytes, source))
    article = replace(structure(text, meta), editor_thesis=meta.thesis)
    if not article.paragraphs:
        raise DossierError(
            Problem(
                source.text_path,
                "nothing is left after removing boilerplate: every line matched a rule",
                "check the file holds the article text (see the rules in build_scripts/rules/)",
            )
        )
    return enrich(article, matcher, phrases)


def _unique_slugs(items: list[Enriched]) -> list[Enriched]:
    """Give each article a distinct slug; a clash adds the file's stem, then a number."""
    seen: set[str] = {"index"}
    out = []
    for item in items:
        slug = item.article.slug
        if slug in seen:
            slug = base = f"{slug}-{slugify(item.article.source.stem)}"
            n = 2
            while slug in seen:
                slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        if slug != item.article.slug:  # (a new article object loses its cached counts)
            item = replace(item, article=replace(item.article, slug=slug))
        out.append(item)
    return out


Progress = Callable[[Iterable[T], int], Iterable[T]]
"""Wraps the stream of processed sources (with their count) to show progress."""


def _no_progress(items: Iterable[T], _total: int) -> Iterable[T]:
    return items


PARALLEL_MIN = 48
"""Below this many sources to process, a pool of processes costs more than it saves."""

_worker_matcher: Matcher | None = None
_worker_phrases: tuple[str, ...] = ()


def _start_worker(knowledge: Knowledge) -> None:
    global _worker_matcher, _worker_phrases
    gc.enable()  # a forked worker inherits the pause of ``build``; it makes garbage freely
    _worker_matcher = Matcher(knowledge.entries)
    _worker_phrases = knowledge.event_phrases()


def _process_or_problem(
    job: tuple[SourceFile, Path, Contents, Path | None],
    matcher: Matcher | None = None,
    phrases: tuple[str, ...] = (),
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
    try:
        outcome = process(source, root, matcher, phrases, contents)
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


def _process_all(
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
    cores = os.cpu_count() or 1
    if len(jobs) >= PARALLEL_MIN and cores > 1:
        with ProcessPoolExecutor(
            max_workers=min(cores, 8), initializer=_start_worker, initargs=(knowledge,)
        ) as pool:
            done = list(progress(pool.map(_process_or_problem, jobs, chunksize=8), len(jobs)))
    else:
        work = partial(_process_or_problem, matcher=matcher, phrases=knowledge.event_phrases())
        done = list(progress(map(work, jobs), len(jobs)))
    for i, outcome in zip(todo, done, strict=True):
        outcomes[i] = outcome
        if isinstance(outcome, Enriched):
            store.remember(keys[i], outcome)
    store.prune({key for key in keys if key} | {knowledge_key(data)})
    fresh = set(todo)  # the others came from the cache, or could not be read (neither counts)
    hits = sum(isinstance(o, Enriched) for i, o in enumerate(outcomes) if i not in fresh)
    return [(k, o) for k, o in zip(keys, outcomes, strict=True) if o is not None], len(jobs), hits


def build(
    root: Path, progress: Progress = _no_progress, cache: bool = True, store: Store | None = None
) -> BuildResult:
    """Run every stage for every source; return pages and problems, write nothing
    but the cache. ``store``: what earlier builds in this process kept (``mkdocs
    serve``); without one, the build is as a new process's, with its own store
    (disabled when ``cache`` is False), closed at the end."""
    own = store is None
    store = Store(root, cache) if store is None else store
    try:
        with collector_paused():
            return _build(root, progress, store)
    finally:
        if own:
            store.close()


def _build(root: Path, progress: Progress, store: Store) -> BuildResult:
    result = BuildResult()
    settings: Settings = load_settings(root)
    sources, problems = discover(root)
    result.found = len(sources)
    result.problems.extend(problems)
    files = read_data(root)  # once: parsed as hashed
    data = data_fingerprint(files)
    try:
        knowledge, problems = _knowledge(root, store, data, files)
        result.problems.extend(problems)
    except DossierError as error:  # checked and reported, but docs/ is not rewritten
        result.problems.extend(error.problems)
        result.complete = False
        # The good entries still check the sources' links (``dossier check``).
        knowledge = error.knowledge if isinstance(error, KnowledgeError) else Knowledge()
    matcher = Matcher(knowledge.entries)
    result.problems.extend(name_clashes(matcher))
    items, item_keys = [], []
    outcomes, result.processed, result.cached = _process_all(
        sources, root, knowledge, matcher, store, data, progress
    )
    for key, outcome in outcomes:
        if isinstance(outcome, tuple):
            result.problems.extend(outcome)
        else:
            items.append(outcome)
            item_keys.append(key)
    items = _unique_slugs(items)
    keys = {item.article.slug: key for item, key in zip(items, item_keys, strict=True)}
    for item in items:
        result.problems.extend(source_warnings(item))
    crossref, problems = cross_reference(
        items, knowledge, matcher, all_sources=len(items) == len(sources), memo=store.memo
    )
    result.problems.extend(problems)
    snapshot = read_templates()
    t = store.memo(
        "templates",
        snapshot,
        lambda: Templates.of(snapshot, CompiledTemplates(root) if store.enabled else None),
    )
    memo = PageMemo(store, t.digest)
    result.pages.extend(_render_pages(t, items, keys, knowledge, crossref, settings, memo))
    themes, problems = _themes(settings, knowledge, crossref)
    result.problems.extend(problems)
    result.pages.extend(render_listings(t, items, settings, themes))
    result.pages.extend(render_knowledge(t, items, knowledge, crossref))
    result.pages.append(render_positions(t, items, crossref))
    graph = _graph_page(graph_source(items, knowledge, crossref), root, memo)
    if isinstance(graph, Problem):
        result.problems.append(graph)
    elif graph is not None:
        result.pages.append(graph)
    result.articles = items
    result.rendered = tuple(memo.rendered)
    memo.save()
    result.problems.extend(store.take_changed())  # (under mkdocs serve too)
    if not items:
        result.problems.append(
            Problem(SEEDS, "no source could be built", "add an article text file to seeds/")
        )
    return result


def _render_pages(
    t: Templates,
    items: list[Enriched],
    keys: dict[str, str],
    knowledge: Knowledge,
    crossref: CrossRef,
    settings: Settings,
    memo: PageMemo,
) -> list[Page]:
    """Source pages, entry pages and the print page, each part from the page memo
    while what it shows is unchanged (``keys``: each source's cache key, by slug)."""
    pages = [
        memo.page(article_job(t, item, keys[item.article.slug], settings, crossref))
        for item in items
    ]
    by_name = knowledge.by_name()
    quoted = quoted_digests(items, keys, memo.store.kept("quoted digests"))
    pages.extend(
        memo.page(entry_job(t, entry, by_name, crossref, quoted)) for entry in knowledge.entries
    )
    sections = [
        memo.page(print_source_job(t, item, keys[item.article.slug], n, len(items), crossref))
        for n, item in enumerate(items, start=1)
    ]
    listed = print_entries(knowledge, crossref)
    front = memo.page(print_front_job(t, items, listed, settings))
    back = memo.page(print_back_job(t, items, knowledge, listed, crossref, quoted))
    positions = render_print_positions(t, items, crossref)
    pages.append(print_page(front, [*sections, positions], back))
    return pages


def _knowledge(
    root: Path, store: Store, data: str, files: DataFiles
) -> tuple[Knowledge, list[Problem]]:
    """The editors' data, parsed and checked, from the cache while it is unchanged."""
    key = knowledge_key(data)
    hit = store.get(key)
    if isinstance(hit, tuple):
        return hit
    loaded = load_knowledge(root, files)
    store.put(key, loaded)
    return loaded


def _themes(
    settings: Settings, knowledge: Knowledge, crossref: CrossRef
) -> tuple[list[tuple[Entry, int]], list[Problem]]:
    """The editors' themes (``extra.dossier.themes``) if set, else the computed ones."""
    if not settings.themes:
        return list(crossref.themes), []
    terms = {e.name: e for e in knowledge.entries if e.kind == "term"}
    themes = [(terms[n], len(crossref.sources_of(terms[n]))) for n in settings.themes if n in terms]
    problems = [
        Problem(
            CONFIG_FILE,
            f"extra.dossier.themes names {name!r}, which is not a glossary term",
            "correct the name, or add the term to seeds/data/glossary.yml",
            settings.themes_line,
        )
        for name in settings.themes
        if name not in terms
    ]
    return themes, problems


GRAPH = PurePosixPath("connections-graph.svg")


def _graph_page(source: str, root: Path, memo: PageMemo) -> Page | Problem | None:
    """The graph's SVG page, from the page memo while the graph and Graphviz are
    unchanged; without Graphviz, the committed SVG if still current."""
    dot = graphviz()
    if dot is not None:
        try:
            job = PageJob(inputs_digest("graph", source, dot), lambda: Page(GRAPH, draw(source)))
            return memo.page(job)
        except DossierError as error:  # the graph is left as it was; the pages are built
            return error.problem
    committed = root / DOCS / GRAPH
    if committed.exists():
        text = committed.read_text(encoding="utf-8")
        if hash_in(text) == source_hash(source):
            return Page(GRAPH, text)
    return Problem(
        DOCS / GRAPH,
        "Graphviz is not installed, so the relationship graph cannot be redrawn",
        "install it (Debian: apt-get install graphviz) and run `make site`",
        severity="warning",
    )
