"""Site search with Pagefind, in place of Material's search plugin (lunr).

Material's search downloads the whole index and builds it in the browser before
the first answer: 1.3 s on a 1,000-source dossier. Pagefind (a pinned Python
package carrying its binary) indexes the built HTML after ``mkdocs build`` (this
plugin, ``dossier-search``, runs it) and writes ``site/pagefind/``: an index in
small compressed chunks that the browser fetches per query (~40 KB), plus the
search dialog ``overrides/main.html`` shows.

What is indexed follows the rules the pages carry for search:

- the article only (``data-pagefind-body`` on Material's ``<article>``), so the
  navigation, header and footer are not;
- not a page whose front matter says ``search: exclude: true`` (the print page);
- not an element with ``data-search-exclude`` (cards, summaries, quotations,
  source notes: words that are on another page too), nor a heading's ¶ link;
- ``search: boost`` (glossary and entity pages) weighs the page's title most
  (boost 2; an event's, 0.5: its title is a phrase naming others, "Putin's
  visit to Pyongyang"), and its other names (its template) as much;
- the words of any page that is not a source weigh little (BODY_WEIGHT): a
  search for a word finds the page about it (its title), then the sources that
  use it, before the definitions, listings and notes that mention it in passing.
  A source page carries, hidden, its writers and outlet and every spelling of
  every name it mentions (its template), so that "Kim Jong-un", "Großraum" or an
  author's name finds the sources that write it otherwise.

Under ``mkdocs serve`` the index is written in the background: the preview
reloads as soon as its pages are built (Pagefind takes ~2 s at 1,000 sources),
and search catches up a moment later; a newer build stops an index still being
written. A dirty rebuild that wrote no page keeps the index it has: ``mkdocs
serve`` rebuilds once more after the pipeline rewrote ``docs/``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

ARTICLE = '<article class="md-content__inner md-typeset">'
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
INDEXER_NICENESS = 10
"""How much lower a preview's background indexing runs than the preview itself."""
log = logging.getLogger("mkdocs.plugins.dossier.search")


class PagefindPlugin(BasePlugin):
    """Registered as ``dossier-search``. One instance lasts a whole ``mkdocs
    serve`` (it has ``on_startup``): it knows whether this is a preview, how many
    pages the current build wrote, and the index still being written."""

    def __init__(self) -> None:
        self.dirty = False
        self.serving = False
        self.pages_written = 0
        self.indexer: subprocess.Popen[str] | None = None
        """The Pagefind run still writing a preview's index, if any."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty, self.serving = dirty, command == "serve"

    def on_shutdown(self) -> None:
        self._stop_indexer()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.pages_written = 0

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.pages_written += 1
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return output
        if ARTICLE not in output:  # Material's markup changed: say so (strict builds stop)
            log.warning("%s: no %s to index; search will not find this page", page.url, ARTICLE)
            return output
        uri = page.file.src_uri
        source = uri.startswith(SOURCES) and uri != f"{SOURCES}index.md"
        weight = "" if source else f' data-pagefind-weight="{BODY_WEIGHT}"'
        output = output.replace(ARTICLE, ARTICLE[:-1] + f" data-pagefind-body{weight}>", 1)
        boost = 2 if search.get("boost") is True else search.get("boost")
        if isinstance(boost, (int, float)) and boost > 0:  # the page about a name
            weight = min(TITLE_WEIGHT, TITLE_WEIGHT * boost / 2)  # boost 2: the most
            output = output.replace("<h1", f'<h1 data-pagefind-weight="{weight:g}"', 1)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.dirty and not self.pages_written and (site / "pagefind").is_dir():
            return  # nothing changed since the index was written
        command = [
            sys.executable, "-m", "pagefind",
            "--site", config.site_dir,
            "--exclude-selectors", EXCLUDE,
            "--silent",
        ]  # fmt: skip
        if self.serving:
            self._index_in_background(command, config.site_dir)
            return
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            said = done.stderr or done.stdout
            raise PluginError(_failure(config.site_dir, done.returncode, said))
        log.info("Search index written by Pagefind in %.1f s", time.perf_counter() - start)

    def _index_in_background(self, command: list[str], site_dir: str) -> None:
        """Start Pagefind and return; a thread reports how it ended."""
        self._stop_indexer()
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        with contextlib.suppress(AttributeError, OSError):  # (not on every system)
            # Lower priority: the preview's next rebuild, not the index, gets the cores.
            os.setpriority(os.PRIO_PROCESS, process.pid, INDEXER_NICENESS)
        self.indexer = process

        def report() -> None:
            out, err = process.communicate()
            if process.returncode == 0:
                log.info("Search index updated by Pagefind in %.1f s", time.perf_counter() - start)
            elif process.returncode > 0:  # below zero: stopped for a newer build
                log.warning(_failure(site_dir, process.returncode, err or out))

        threading.Thread(target=report, name="pagefind", daemon=True).start()

    def _stop_indexer(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.terminate()
            self.indexer.wait()


def _failure(site_dir: str, status: int, output: str) -> str:
    said = output.strip().splitlines()
    return (
        f"dossier: Pagefind could not index {site_dir}"
        f" ({said[-1] if said else f'exit status {status}'}): reinstall it with"
        " `.venv/bin/pip install --force-reinstall 'pagefind[bin]==1.5.2'`"
    )
