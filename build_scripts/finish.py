"""Finishing the built site, whichever renderer built it from ``docs/``.

A renderer (MkDocs, ProperDocs, Zensical) turns ``docs/`` into HTML; what the
dossier adds to that HTML is done here, once, on each page's HTML as written:

- "Edit this page" on a generated page opens the source that made it: the page
  names it in front matter (``edit_path: seeds/x.txt``); the renderer's link to
  the generated Markdown (which nobody should edit), made of ``repo_url``,
  ``edit_uri`` and the page's path, is pointed at that file instead.
- The print page's cover gets the date of the build (``SOURCE_DATE_EPOCH`` fixes
  it), not ``docs/``, which must stay the same from day to day.
- The marks Pagefind reads (see ``mark_for_search``), then the index itself.
- ``robots.txt`` naming the sitemap, when there is a ``site_url``.
- After a renderer that prints titles as HTML and runs no plugin (Zensical
  0.0.73 puts page titles, the site's name, ``repo_name`` and ``copyright`` into
  the header, sidebar, footer and ``<title>`` as they are), each such value that
  holds ``<``, ``>`` or ``"`` is escaped where it landed (``escape_texts``):
  strangers' titles are text there too. Under MkDocs the ``dossier`` plugin
  escapes them before Material prints them, which this leaves alone.

Under MkDocs (and ProperDocs) the ``dossier`` plugin calls ``finish_page`` as
each page is written and the ``dossier-search`` plugin runs Pagefind; after
another renderer, ``dossier finish`` (``finish_site``) does all of it on the
written site. The sidebar needs nothing here: over 50 sources, ``docs/`` itself
holds the short navigation (a generated ``<folder>/.nav.yml``), which both
MkDocs (awesome-nav) and Zensical read.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import os
import posixpath
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urljoin

import yaml

from .errors import Problem

Warn = Callable[[str], None]
"""Where a page's problem is said: MkDocs' log (strict builds stop), or a list."""

# Search (Pagefind). Material's search downloads the whole index and builds it in the
# browser before the first answer (1.3 s at 1,000 sources); Pagefind (a pinned Python
# package carrying its binary) indexes the built HTML into small compressed chunks the
# browser fetches per query (~40 KB), and writes the search dialog overrides/main.html
# shows.
ARTICLE = '<article class="md-content__inner md-typeset">'
"""The page's article as Material's and Zensical's templates write it."""
EXCLUDE = "[data-search-exclude], .headerlink"
TITLE_WEIGHT = 10.0
"""Pagefind's highest weight (its default for an <h1> is 7): a search for a name
finds the page about it first, while the words of that page's definition count
no more than a source's (weighing the whole page put glossary pages that mention
a word in passing before the sources that discuss it)."""
BODY_WEIGHT = 0.03
"""What the words of a page that is not a source weigh, against 1 for a source's:
an entry's definition, a listing, the timeline, the notes on editing."""
SOURCES = "sources/"
PAGEFIND_PIN = "pagefind[bin]==1.5.2"

BUILD_DATE_SLOT = '<time class="dossier-build-date"></time>'
"""What the print page's template leaves for the date of the build."""
ROBOTS = "robots.txt"
EDIT_REL, HREF = ' rel="edit"', '<a href="'
"""The renderer's "Edit this page" button (Material's and Zensical's actions.html:
``<a href="…" title="…" class="…" rel="edit">``), found by plain search: a regular
expression took 0.7 ms a page."""
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "repo_name", "copyright")
"""Settings Material (and Zensical) print as HTML that are plain text in a dossier."""
TEXT_META = ("title", "description", "author")
"""Front matter they print as HTML (a generated page's come from sources)."""
MARKUP = re.compile(r'[<>"]')
"""What lets text become markup where it is printed as HTML (in an element or a
double-quoted attribute); ``&`` and ``'`` alone cannot."""
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs reads it (mkdocs.utils.meta)."""


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists them. Crawlers read
    ``robots.txt`` only at a host's root: under a project's sub-path (GitHub
    Pages' ``/dossier/``) the sitemap still serves, when submitted by hand."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def build_day(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The build's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Finishing:
    """What finishing knows of the build: the same for every page of it."""

    docs: str = "docs"
    """The docs folder, from the project: a source's edit link climbs out of it."""
    day: dt.datetime = field(default_factory=build_day)

    def source_edit_url(self, page_edit_url: str, src_uri: str, edit_path: str) -> str | None:
        """Where the project file ``edit_path`` (``seeds/x.txt``) is edited, from
        the renderer's edit link of the page (made of ``repo_url``, ``edit_uri`` and
        the page's path under docs/, whichever defaults the renderer applied). None
        when that link does not end with the page's path (``edit_uri_template``)."""
        if not page_edit_url.endswith(src_uri):
            return None
        base = page_edit_url[: len(page_edit_url) - len(src_uri)]
        up = "../" * len(self.docs.strip("/").split("/"))
        return urljoin(base, posixpath.join(up, quote(edit_path)))


@dataclass(frozen=True)
class PageFacts:
    """What finishing needs to know of one page: its Markdown's path under docs/
    and its front matter."""

    src_uri: str
    meta: Mapping[str, Any]


def finish_page(html: str, page: PageFacts, finishing: Finishing, warn: Warn) -> str:
    """One page's HTML as the dossier publishes it. Running it twice changes
    nothing more (a site already finished can be finished again)."""
    edit_path = page.meta.get("edit_path")
    if isinstance(edit_path, str) and edit_path:
        html = _edit_link(html, page, edit_path, finishing, warn)
    if BUILD_DATE_SLOT in html:
        day = finishing.day
        stamp = f'<time class="dossier-build-date" datetime="{day:%Y-%m-%d}">{day:%-d %B %Y}</time>'
        html = html.replace(BUILD_DATE_SLOT, stamp)
    return mark_for_search(html, page, warn)


def _edit_link(html: str, page: PageFacts, edit_path: str, finishing: Finishing, warn: Warn) -> str:
    rel = html.find(EDIT_REL)
    start = html.rfind(HREF, 0, rel) + len(HREF)
    end = html.find('"', start, rel)
    if rel < 0 or start < len(HREF) or end < 0 or ">" in html[end:rel]:
        return html  # edit links are off (no repo_url or edit_uri)
    href = html[start:end]
    renderer = html_text.unescape(href)
    if renderer.endswith("/" + quote(edit_path)):
        return html  # finished already
    url = finishing.source_edit_url(renderer, page.src_uri, edit_path)
    if url is None:
        warn(
            f"{page.src_uri}: its edit link {renderer} does not end with the page's path;"
            f" it is left pointing at docs/, not at {edit_path}"
        )
        return html
    return html.replace(f'href="{href}"', f'href="{html_text.escape(url)}"')


def mark_for_search(html: str, page: PageFacts, warn: Warn) -> str:
    """What is indexed follows the rules the pages carry for search:

    - the article only (``data-pagefind-body`` on the ``<article>``), so the
      navigation, header and footer are not;
    - not a page whose front matter says ``search: exclude: true`` (the print page);
    - not an element with ``data-search-exclude`` (cards, summaries, quotations,
      source notes: words that are on another page too), nor a heading's ¶ link
      (``EXCLUDE``, given to Pagefind);
    - ``search: boost`` (glossary and entity pages) weighs the page's title most
      (boost 2; an event's, 0.5: its title is a phrase naming others, "Putin's
      visit to Pyongyang"), and its other names (its template) as much;
    - the words of any page that is not a source weigh little (BODY_WEIGHT): a
      search for a word finds the page about it (its title), then the sources that
      use it, before the definitions, listings and notes that mention it in passing.
      A source page carries, hidden, its writers and outlet and every spelling of
      every name it mentions (its template), so that "Kim Jong-un", "Großraum" or an
      author's name finds the sources that write it otherwise.
    """
    search = page.meta.get("search") or {}
    if not isinstance(search, Mapping) or search.get("exclude"):
        return html
    if ARTICLE[:-1] + " data-pagefind-body" in html:
        return html  # marked already
    if ARTICLE not in html:  # the theme's markup changed: say so (strict builds stop)
        warn(f"{page.src_uri}: no {ARTICLE} to index; search will not find this page")
        return html
    uri = page.src_uri
    source = uri.startswith(SOURCES) and uri != f"{SOURCES}index.md"
    weight = "" if source else f' data-pagefind-weight="{BODY_WEIGHT}"'
    html = html.replace(ARTICLE, ARTICLE[:-1] + f" data-pagefind-body{weight}>", 1)
    boost = 2 if search.get("boost") is True else search.get("boost")
    if isinstance(boost, (int, float)) and boost > 0:  # the page about a name
        weight = min(TITLE_WEIGHT, TITLE_WEIGHT * boost / 2)  # boost 2: the most
        html = html.replace("<h1", f'<h1 data-pagefind-weight="{weight:g}"', 1)
    return html


def write_robots(site: Path, docs: Path, site_url: str | None) -> None:
    """``robots.txt`` naming the sitemap, unless there is no ``site_url`` or
    ``docs/`` has its own (the renderer copied it)."""
    if site_url and not (docs / ROBOTS).exists():
        (site / ROBOTS).write_text(robots_txt(site_url), encoding="utf-8")


def pagefind_command(site_dir: str | Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--exclude-selectors", EXCLUDE,
        "--silent",
    ]  # fmt: skip


def pagefind_failure(site_dir: str | Path, status: int, output: str) -> str:
    said = output.strip().splitlines()
    return (
        f"dossier: Pagefind could not index {site_dir}"
        f" ({said[-1] if said else f'exit status {status}'}): reinstall it with"
        f" `.venv/bin/pip install --force-reinstall '{PAGEFIND_PIN}'`"
    )


def index(site_dir: str | Path) -> float:
    """Write the search index into ``site_dir/pagefind/``: the seconds it took.
    Raises ``RuntimeError`` (one line) when Pagefind fails."""
    start = time.perf_counter()
    done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(pagefind_failure(site_dir, done.returncode, done.stderr or done.stdout))
    return time.perf_counter() - start


# After a renderer other than MkDocs: the same, on the written site.


def markup_texts(values: Iterable[object]) -> list[str]:
    """The texts among ``values`` that would be markup if printed as they are,
    longest first (a text inside a longer one is escaped after it)."""
    texts = {value for value in values if isinstance(value, str) and MARKUP.search(value)}
    return sorted(texts, key=lambda text: (-len(text), text))


def escape_texts(html: str, texts: Sequence[str]) -> str:
    """Each of ``texts`` (``markup_texts``) escaped wherever the renderer printed
    it as it is. Where it was escaped already, it is not found; where a text is
    also the page's own markup (a title that is exactly ``<em>``), that markup is
    shown as text: a stranger's title never becomes an element."""
    for text in texts:
        if text in html:
            html = html.replace(text, html_text.escape(text))
    return html


def page_html(src_uri: str, directory_urls: bool = True) -> str:
    """The HTML file a renderer writes for a Markdown page (MkDocs' rule, which
    Zensical follows): ``a/b.md`` → ``a/b/index.html``, ``a/index.md`` (or
    ``README.md``) → ``a/index.html``."""
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return posixpath.join(parent, "index.html")
    if directory_urls:
        return posixpath.join(parent, stem, "index.html")
    return posixpath.join(parent, f"{stem}.html")


def front_matter(markdown: str) -> dict[str, Any]:
    """A page's front matter as MkDocs reads it; {} when it has none (or it is
    not a mapping: the renderer said so already)."""
    found = FRONT_MATTER.match(markdown)
    if found is None:
        return {}
    try:
        meta = yaml.load(found[1], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


@dataclass
class Finished:
    """What ``finish_site`` did, and what it found wrong."""

    pages: int = 0
    """Pages of docs/ whose HTML was found (and finished)."""
    markdown: int = 0
    """Pages in docs/."""
    index_seconds: float | None = None
    problems: list[Problem] = field(default_factory=list)


def finish_site(
    site: Path,
    docs: Path,
    finishing: Finishing,
    site_url: str | None,
    settings: Mapping[str, object] | None = None,
    directory_urls: bool = True,
    search: bool = True,
) -> Finished:
    """Finish a site another renderer wrote from ``docs/`` (with ``settings``,
    mkdocs.yml's): every page's HTML, with the texts the renderer printed as HTML
    escaped, ``robots.txt``, then the search index (``search``)."""
    done = Finished()
    pages: list[tuple[str, Path, dict[str, Any]]] = []
    for markdown in sorted(docs.rglob("*.md")):
        src_uri = markdown.relative_to(docs).as_posix()
        done.markdown += 1
        target = site / PurePosixPath(page_html(src_uri, directory_urls))
        if target.is_file():  # else not built (exclude_docs: the home page's snippets)
            meta = front_matter(markdown.read_text(encoding="utf-8", errors="replace"))
            pages.append((src_uri, target, meta))
    texts = markup_texts(
        [*((settings or {}).get(name) for name in TEXT_SETTINGS),
         *(meta.get(name) for _, _, meta in pages for name in TEXT_META)]
    )  # fmt: skip
    others = [path for path in sorted(site.rglob("*.html")) if path not in {p for _, p, _ in pages}]
    for path in others if texts else ():  # 404.html: the sidebar and the footer
        html = path.read_text(encoding="utf-8")
        if (escaped := escape_texts(html, texts)) != html:
            path.write_text(escaped, encoding="utf-8")
    for src_uri, target, meta in pages:
        done.pages += 1
        html = target.read_text(encoding="utf-8")
        said: list[str] = []
        finished = finish_page(
            escape_texts(html, texts), PageFacts(src_uri, meta), finishing, said.append
        )
        done.problems.extend(
            Problem(target, what, "check the theme's templates", severity="warning")
            for what in said
        )
        if finished != html:
            target.write_text(finished, encoding="utf-8")
    if not done.pages:
        done.problems.append(
            Problem(site, f"no page of {docs} is in it", "build the site first, then finish it")
        )
        return done
    write_robots(site, docs, site_url)
    if search:
        try:
            done.index_seconds = index(site)
        except RuntimeError as error:
            done.problems.append(Problem(site, str(error), "then run `dossier finish` again"))
    return done
