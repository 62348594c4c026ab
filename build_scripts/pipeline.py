"""The build, as its list of stages: settings and the editors' data, each source
read → enrich (``sources.py``), the cross-references between them, the editors'
checks, and every page as a job of the page memo. It writes nothing but the
store: ``docs_folder.write_docs`` brings ``docs/`` in step with what it gives
(``diff_docs`` compares them, which is how CI catches a stale or hand-edited page).

One bad source never stops the others: its problem is reported in one line and
the rest of the dossier is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from .cache import (
    CompiledTemplates,
    PageMemo,
    Store,
    knowledge_key,
)
from .checks import name_clashes
from .collector import collector_paused
from .config import CONFIG_FILE, Settings, load_settings
from .crossref import CrossRef, cross_reference
from .docs_folder import DOCS
from .enrich import Enriched
from .errors import DossierError, Problem
from .graph import draw, graph_source, graphviz, hash_in, source_hash
from .history import read_history
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
from .model import Page, PageJob, slugify
from .positions import (
    Concept,
    SentenceRanks,
    concepts,
    render_positions,
    render_print_positions,
)
from .print_page import (
    print_back_job,
    print_entries,
    print_front_job,
    print_page,
    print_source_job,
)
from .render import (
    Templates,
    article_job,
    entry_job,
    inputs_digest,
    quoted_digests,
    read_templates,
    reference_jobs,
    render_knowledge,
    render_listings,
)
from .sources import SEEDS, Progress, discover, no_progress, process_all
from .whats_new import whats_new_jobs


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
    notes: list[str] = field(default_factory=list)
    """What the build could not do and why, not a problem in any file (a copy
    without history lists no dates): said once in the build's output."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


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


def build(
    root: Path, progress: Progress = no_progress, cache: bool = True, store: Store | None = None
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
    settings: Settings = store.known(
        ("settings", str(root)), (root / CONFIG_FILE,), lambda: load_settings(root)
    )
    # What seeds/ holds changes only with its list of names (a file's text does not).
    sources, problems = store.known(("seeds/", str(root)), (root / SEEDS,), lambda: discover(root))
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
    matcher = store.memo("matcher", knowledge, lambda: Matcher(knowledge.entries))
    result.problems.extend(name_clashes(matcher))
    items, item_keys = [], []
    outcomes, result.processed, result.cached = process_all(
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
        result.problems.extend(item.warnings)
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
    ranks = SentenceRanks(keys, store.kept("sentence-ranks", lasting=True))
    shared = concepts(items, crossref, ranks)  # for the Positions page and its print section
    result.pages.extend(_render_pages(t, items, keys, knowledge, crossref, settings, memo, shared))
    themes, problems = _themes(settings, knowledge, crossref)
    result.problems.extend(problems)
    result.pages.extend(render_listings(t, items, settings, themes, crossref.key_terms))
    result.pages.extend(memo.page(job) for job in reference_jobs(items, settings))
    result.pages.extend(render_knowledge(t, items, knowledge, crossref))
    result.pages.append(render_positions(t, items, crossref, shared))
    history = read_history(root, store, items, keys)
    result.pages.extend(memo.page(j) for j in whats_new_jobs(t, items, keys, history, settings))
    if history.missing:
        result.notes.append(f"no dates on What's new and in its feed: {history.missing}")
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
    shared: Sequence[Concept],
) -> list[Page]:
    """Source pages, entry pages and the print page, each part from the page memo
    while what it shows is unchanged (``keys``: each source's cache key, by slug)."""
    pages = [
        memo.page(article_job(t, item, keys[item.article.slug], settings, crossref))
        for item in items
    ]
    by_name = knowledge.by_name()
    quoted = quoted_digests(items, keys, memo.store.kept("quoted-digests", lasting=True))
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
    positions = render_print_positions(t, items, crossref, shared)
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
