"""Stage 5, render: the data model → Markdown pages, through Jinja2 templates.

Templates decide the layout; this module gives them the filters that keep
source text inert (``md``, ``yaml``; ``tooltip`` for hover cards) and the few computations that
are awkward in a template (where links and correction notes go in a paragraph).
Every generated file starts with a comment naming its source and template.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import jinja2

from .cite import DOWNLOAD_LINKS, DOWNLOADS, STYLE, Citation, reference_file
from .config import Settings
from .crossref import CrossRef, Related, Usage
from .enrich import ArticleMention, Enriched
from .knowledge import ENTITIES, EVENTS, GLOSSARY, KINDS, Entry, Knowledge, related_entries
from .markup import attribute, escape, escape_inline, printable, tooltip, url, yaml_string
from .matching import fold
from .model import GENERATED_MARK, NOT_STATED, Article, Page, PageJob, Paragraph

WORDS_PER_MINUTE = 230


def _stated(value: object) -> str:
    """Escaped text of a metadata value, or "not stated" where there is none."""
    return escape(str(value)) if value not in (None, "") else f"*{NOT_STATED}*"


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def correction_label(index: int) -> str:
    return f"ed{index + 1}"


def relative(target: str, page: PurePosixPath) -> str:
    """A link from ``page`` to ``target``, both paths under ``docs/``.

    Pure string work (``os.path.relpath`` asks the file system for the current
    folder on every call, and this runs for every link of every page).
    """
    here = page.parent.parts
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


SOURCES_PAGE = PurePosixPath("sources/index.md")
"""Where article pages live: links from an article are relative to this folder."""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    before: str
    after: str


def paragraph_markdown(
    paragraph: Paragraph,
    article: Article,
    mentions: Sequence[ArticleMention] = (),
    page: PurePosixPath = SOURCES_PAGE,
    url_of: Callable[[Entry], str] | None = None,
) -> str:
    """A paragraph's escaped text, with entry links and correction note markers.

    Links wrap the first mention of an entry in each section; a note marker
    follows each corrected passage, or the link it falls in, so a correction
    never costs a link. ``url_of`` gives an entry's link target (default: its
    page, relative to ``page``).
    """
    text = paragraph.text
    offsets = paragraph.offsets()
    spans: list[_Span] = []
    for mention in mentions:
        if not mention.linked:
            continue
        start = offsets[mention.sentence] + mention.start
        end = offsets[mention.sentence] + mention.end
        target = url_of(mention.entry) if url_of else relative(mention.entry.page, page)
        title = tooltip(mention.entry.short)
        spans.append(_Span(start, end, "[", f']({target} "{title}"){{ .dossier-term }}'))
    for index in paragraph.corrections:
        at = text.find(article.corrections[index].corrected)
        if at < 0:
            continue
        point = at + len(article.corrections[index].corrected)
        point = next((s.end for s in spans if s.start < point < s.end), point)
        spans.append(_Span(point, point, "", f"[^{correction_label(index)}]"))
    out: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        out.append(escape_inline(text[at : span.start]))
        out.append(span.before + escape_inline(text[span.start : span.end]) + span.after)
        at = span.end
    out.append(escape_inline(text[at:]))
    # No block-start escaping is needed: the template puts the ¶ link first on
    # the line, so the text never starts a block ("# …" stays text).
    return "".join(out)


def highlight(usage: Usage) -> str:
    """The sentence of a usage, escaped, with the mention marked."""
    sentence, m = usage.sentence, usage.mention
    return (
        escape_inline(sentence[: m.start])
        + "<mark>"
        + escape_inline(sentence[m.start : m.end])
        + "</mark>"
        + escape_inline(sentence[m.end :])
    )


def file_link(path: PurePosixPath | Path, settings: Settings) -> str:
    """Markdown for a project file: a link to it in the repository, if known."""
    name = PurePosixPath(path).as_posix()
    url = settings.view_url(quote(name))
    return f"[{escape(name)}](<{url}>)" if url else escape(name)


def template_comment(template: str, sources: Sequence[PurePosixPath | Path | str]) -> str:
    """The first line of a generated page: a YAML comment (inside the front
    matter) naming what made it; file names are strangers' text, made printable."""
    named = ", ".join(printable(PurePosixPath(s).as_posix()) for s in sources) or "settings"
    return (
        f"{GENERATED_MARK} from {named} with template {template}."
        " Do not edit: edit the source and run `make site`."
    )


def render_template(
    t: Templates, template: str, path: PurePosixPath, sources: Sequence, **context
) -> Page:
    text = t.get(template).render(
        page=path,
        comment=template_comment(template, sources),
        link=lambda target: relative(target, path),
        **context,
    )
    return Page(path, text)


def inputs_digest(*parts: object) -> str:
    """A digest of what a page is made from, for the page memo (``cache.PageMemo``).

    Parts are plain values (strings, numbers, tuples, frozen dataclasses of
    them), whose ``repr`` is stable from one run to the next. A source is
    named by its cache key, which covers its text, sidecar, the editors' data
    and the package's code; the memo itself is kept only while the templates
    are unchanged.
    """
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def article_job(
    t: Templates, item: Enriched, key: str, settings: Settings, crossref: CrossRef
) -> PageJob:
    """A source's page: the source (``key``, its cache key), its final slug, the
    settings, and what the cross-references give it (related sources as the page
    shows them, key terms)."""
    slug = item.article.slug
    related = crossref.related.get(slug, ())
    key_terms = crossref.key_terms.get(slug, ())
    shown = tuple(
        (r.item.article.slug, r.item.article.title, r.item.article.author, names_of(r.shared))
        for r in related
    )
    return PageJob(
        inputs_digest("article", key, slug, settings, shown, names_of(key_terms)),
        lambda: render_article(t, item, settings, related, key_terms),
    )


def reference_jobs(items: Sequence[Enriched], settings: Settings) -> list[PageJob]:
    """The reference files of all sources (BibTeX, RIS, CSL-JSON): made again only
    when a source's cited metadata, or the site's address, changes."""
    articles = [item.article for item in items]
    shown = tuple(
        (a.slug, a.title, a.author, a.authors, a.published, a.publication, a.url, a.language)
        for a in articles
    )
    return [
        PageJob(
            inputs_digest("references", kind, shown, settings.site_url),
            lambda kind=kind: reference_file(kind, articles, settings.site_url),
        )
        for kind in DOWNLOADS
    ]


def names_of(entries: Sequence[Entry]) -> tuple[str, ...]:
    """Entries by name: what they say is in every source's key (the editors' data)."""
    return tuple(e.name for e in entries)


def mentions_by_paragraph(item: Enriched) -> Callable[[Paragraph], Sequence[ArticleMention]]:
    """The mentions in a paragraph (mentions name their paragraph by its index in
    the article; templates hold the paragraph)."""
    grouped: dict[int, list[ArticleMention]] = {}
    for mention in item.mentions:
        grouped.setdefault(mention.paragraph_index, []).append(mention)
    index = {p.number: i for i, p in enumerate(item.article.paragraphs)}
    return lambda paragraph: grouped.get(index[paragraph.number], ())


def search_terms(item: Enriched) -> tuple[str, ...]:
    """The spellings of the names of the entries the source mentions that it
    does not use itself, each word once: each alias, folded (Großraum →
    Grossraum) and with hyphens as spaces (Jong-un → Jong un). Page metadata for
    Pagefind, so that a search for any spelling of a name finds the sources that
    write another; only what the text lacks, so that a source does not outrank
    the page about a name it uses."""
    article = item.article
    used: set[str] = set()
    for text in (article.title, *(p.text for p in article.paragraphs)):
        folded = fold(text)[0].casefold()
        used.update(folded.split(), re.findall(r"\w+", folded))
    words: dict[str, str] = {}  # by lower case: casefold would make Großraum Grossraum
    for entry in item.entries().values():
        for name in entry.names:
            folded = fold(name)[0]
            for spelling in (name, folded, folded.replace("-", " ")):
                for word in re.split(r"[\s\u2013\u2014]+", spelling):
                    if fold(word)[0].strip(".,;:").casefold() not in used:
                        words.setdefault(word.lower(), word)
    return tuple(words.values())


def render_article(
    t: Templates,
    item: Enriched,
    settings: Settings,
    related: Sequence[Related] = (),
    key_terms: Sequence[Entry] = (),
) -> Page:
    article = item.article
    sources = [article.source.text_path]
    if article.source.sidecar_path:
        sources.append(article.source.sidecar_path)
    mentions_in = mentions_by_paragraph(item)
    path = PurePosixPath(article.page)
    return render_template(
        t,
        "article.md.j2",
        path,
        sources,
        a=article,
        summary=item.summary,
        related=related,
        key_terms=key_terms,
        search_terms=search_terms(item),
        paragraph_text=lambda p: paragraph_markdown(p, article, mentions_in(p), path),
        correction_label=correction_label,
        file_link=lambda p: file_link(p, settings),
        term_href=lambda e: relative(e.page, path),
        cite=lambda n: f'[¶{n}](#p{n}){{ .dossier-cite title="Go to paragraph {n}" }}',
        citation=Citation.of(article, settings.site_url),
        downloads=DOWNLOAD_LINKS,
    )


QUOTED_SOURCES_MAX = 25
QUOTES_PER_SOURCE = 3
"""An entry mentioned by more sources than this quotes at most QUOTES_PER_SOURCE
passages from each of the QUOTED_SOURCES_MAX that mention it most, and links the
rest, so "United States" in 3,000 sources stays a readable page. Otherwise every
passage is quoted."""

MATRIX_SOURCES_MAX = 20
"""Up to this many sources the Connections page shows a concept × source grid."""

HOME_SOURCES_MAX = 12
"""Up to this many sources have a card on the home page; beyond, the cards are
the most recently published ones (undated sources last) and the Sources page
lists every source: a reader opens the home page to start, not to scroll."""

NAV_PAGES_MAX = 50
"""Up to this many sources, or entries of one kind, are listed in the sidebar;
beyond, their index page alone lists them (every page of the section carries its
sidebar: 5,000 glossary terms made each page 1.6 MB and MkDocs ran out of memory)."""


def short_nav(folder: str, what: str, source: Path | str) -> Page:
    """``<folder>/.nav.yml`` listing the folder's index page only (read by
    awesome-nav; ``plugin.DossierPlugin.on_files`` then leaves the other pages out of
    the navigation on purpose)."""
    comment = template_comment("render.py", [source])
    return Page(
        PurePosixPath(folder) / ".nav.yml",
        f"{comment}\n# Over {NAV_PAGES_MAX} {what}: the sidebar shows the index page only,"
        " which lists them all.\nnav:\n  - index.md\n",
    )


def render_listings(
    t: Templates,
    items: Sequence[Enriched],
    settings: Settings,
    themes: Sequence[tuple[Entry, int]] = (),
    key_terms: Mapping[str, Sequence[Entry]] | None = None,
) -> list[Page]:
    """The Sources index page, the home page's overview partial, the sources' nav.
    ``key_terms``: each source's, by slug (the Sources table filters by them)."""
    nav = [short_nav("sources", "sources", "seeds/")] if len(items) > NAV_PAGES_MAX else []
    return nav + [
        render_template(
            t,
            template,
            PurePosixPath(path),
            ["seeds/", "mkdocs.yml"],
            items=items,
            settings=settings,
            themes=themes,
            shown=_home_sources(items),
            downloads=DOWNLOAD_LINKS,
            style=STYLE,
            key_terms=key_terms or {},
        )
        for template, path in (
            ("sources-index.md.j2", "sources/index.md"),
            ("home-overview.md.j2", "_generated/home-overview.md"),
        )
    ]


def _home_sources(items: Sequence[Enriched]) -> Sequence[Enriched]:
    """The sources with a card on the home page: all of a small dossier, in
    source order; else the HOME_SOURCES_MAX most recently published (a stable
    sort: sources of one date keep their order; undated ones come last)."""
    if len(items) <= HOME_SOURCES_MAX:
        return items
    dated = [item for item in items if item.article.published]
    dated.sort(key=lambda item: item.article.published, reverse=True)
    undated = [item for item in items if not item.article.published]
    return (dated + undated)[:HOME_SOURCES_MAX]


def quoted_digests(
    items: Sequence[Enriched], keys: dict[str, str], known: dict[tuple[str, str], str]
) -> dict[str, str]:
    """For each source (by slug), a digest of all that an entry page shows of it:
    its slug, title and author, and each mention: entry, heading or sentence,
    place in the sentence, ¶ number.

    Entry pages are kept under these rather than under the sources' cache keys,
    so an edit that changes none of it (a sentence that names nothing, a
    corrected word outside any quoted sentence) renders no entry page again: at
    1,000 sources one edit re-rendered some ten of them, ~50 ms. Computed once
    per source text (``keys``: each source's cache key, by slug): ``known`` holds
    the last build's, by key and slug, and is updated to this build's.
    """
    last = dict(known)
    known.clear()
    for item in items:
        article = item.article
        slot = (keys[article.slug], article.slug)
        found = last.get(slot)
        if found is None:
            shown = tuple(
                (
                    u.mention.entry.name,
                    u.mention.heading is not None,
                    u.sentence,
                    u.mention.start,
                    u.mention.end,
                    u.paragraph_number,
                )
                for u in (Usage(item, mention) for mention in item.mentions)
            )
            found = inputs_digest("quoted", article.slug, article.title, article.author, shown)
        known[slot] = found
    return {slug: digest for (_, slug), digest in known.items()}


def entry_job(
    t: Templates,
    entry: Entry,
    by_name: dict[str, Entry],
    crossref: CrossRef,
    quoted: dict[str, str],
) -> PageJob:
    """An entry's page: the entry, its related entries as they are now (the page
    shows their kind and short line), what it shows of each source that uses it
    (``quoted_digests``, in source order), and the title of each source its
    person wrote."""
    usages = crossref.usages.get(entry.name, ())
    authored = crossref.authored.get(entry.name, ())
    related = tuple(related_entries(entry, by_name))
    return PageJob(
        inputs_digest(
            "entry",
            entry,
            related,
            tuple(
                (slug, quoted[slug]) for slug in dict.fromkeys(u.item.article.slug for u in usages)
            ),
            tuple((i.article.slug, i.article.title) for i in authored),
        ),
        lambda: render_entry(t, entry, related, usages, authored),
    )


def render_entry(
    t: Templates,
    entry: Entry,
    related: Sequence[Entry],
    usages: Sequence[Usage],
    authored: Sequence[Enriched],
) -> Page:
    """A glossary term's or entity's page: every passage that uses it, by source."""
    grouped: dict[str, list[Usage]] = {}
    for usage in usages:
        grouped.setdefault(usage.item.article.slug, []).append(usage)
    groups = list(grouped.values())  # in source order
    most = sorted(range(len(groups)), key=lambda i: (-len(groups[i]), i))
    quoted = set(most[:QUOTED_SOURCES_MAX])
    return render_template(
        t,
        "entry.md.j2",
        PurePosixPath(entry.page),
        [entry.path],
        entry=entry,
        kind=KINDS[entry.kind],
        quoted=[groups[i] for i in sorted(quoted)],
        also=[groups[i][0].item.article for i in range(len(groups)) if i not in quoted],
        quotes_max=QUOTES_PER_SOURCE if len(groups) > len(quoted) else None,
        related=related,
        authored=authored,
        highlight=highlight,
        edit_path=entry.path.as_posix(),
    )


def render_knowledge(
    t: Templates, items: Sequence[Enriched], knowledge: Knowledge, crossref: CrossRef
) -> list[Page]:
    """The glossary and entity index pages, the timeline and the matrix."""
    pages = []
    by_name = knowledge.by_name()
    for kind, (folder, plural, _singular) in KINDS.items():
        entries = sorted(
            (e for e in knowledge.entries if e.kind == kind), key=lambda e: e.name.casefold()
        )
        if not entries:
            continue
        source = GLOSSARY if kind == "term" else ENTITIES
        if len(entries) > NAV_PAGES_MAX:
            pages.append(short_nav(folder, plural.lower(), source))
        pages.append(
            render_template(
                t,
                "entry-index.md.j2",
                PurePosixPath(folder) / "index.md",
                [source],
                title=plural,
                kind=kind,
                entries=entries,
                counts={e.name: len(crossref.sources_of(e)) for e in entries},
                edit_path=source.as_posix(),
            )
        )
    pages.append(
        render_template(
            t,
            "timeline.md.j2",
            PurePosixPath("timeline.md"),
            [EVENTS],
            timeline=crossref.timeline,
            by_name=by_name,
            edit_path=EVENTS.as_posix(),
        )
    )
    terms = sorted(
        (e for e in knowledge.entries if e.kind == "term"), key=lambda e: e.name.casefold()
    )
    counts = Counter(
        (e.name, u.item.article.slug) for e in terms for u in crossref.usages.get(e.name, ())
    )
    pages.append(
        render_template(
            t,
            "connections.md.j2",
            PurePosixPath("connections.md"),
            [GLOSSARY, "seeds/"],
            items=items,
            terms=[t for t in terms if crossref.usages.get(t.name)],
            counts=counts,
            totals={
                t.name: (len(crossref.sources_of(t)), len(crossref.usages.get(t.name, ())))
                for t in terms
            },
            matrix_max=MATRIX_SOURCES_MAX,
            edit_path=GLOSSARY.as_posix(),
        )
    )
    return pages


TEMPLATES = Path(__file__).parent / "templates"


def read_templates() -> tuple[tuple[str, str], ...]:
    """Every template's name and text, read once for a build: pages are made
    from exactly the text the page memo is keyed by (Jinja would load each
    template when first used, and reload it by its file time, so an edit in
    between, or one that keeps the time, made pages from other text)."""
    return tuple(
        sorted((path.name, path.read_text(encoding="utf-8")) for path in TEMPLATES.glob("*.j2"))
    )


@dataclass(frozen=True)
class Templates:
    """The templates as read for a build, in a Jinja environment of their own,
    and the hash of their text (the page memo keeps pages under it)."""

    env: jinja2.Environment
    digest: str

    @classmethod
    def of(
        cls, snapshot: tuple[tuple[str, str], ...], compiled: jinja2.BytecodeCache | None
    ) -> Templates:
        """``compiled``: where compiled templates are kept between processes
        (``cache.CompiledTemplates``); the build's store keeps one ``Templates``
        while the text is the same (``mkdocs serve`` compiles them once)."""
        env = jinja2.Environment(
            loader=jinja2.DictLoader(dict(snapshot)),
            auto_reload=False,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # Markdown, not HTML: the ``md`` filter escapes instead
            bytecode_cache=compiled,
        )
        env.filters.update(md=escape, yaml=yaml_string, stated=_stated, url=url, attr=attribute)
        env.globals.update(
            GENERATED_MARK=GENERATED_MARK,
            NOT_STATED=NOT_STATED,
            reading_minutes=reading_minutes,
        )
        return cls(env, hashlib.sha256(repr(snapshot).encode()).hexdigest())

    def get(self, name: str) -> jinja2.Template:
        return self.env.get_template(name)
