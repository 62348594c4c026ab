"""Site search with Pagefind, in place of Material's search plugin (lunr), under
MkDocs: this plugin, ``dossier-search``, runs Pagefind after ``mkdocs build``
(``finish.index``; the ``dossier`` plugin marks each page for it as it is
written, ``finish.mark_for_search``, where the rules of what is indexed and how
much it weighs are). After another renderer, ``dossier finish`` does both.

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
import threading
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from build_scripts.finish import index, pagefind_command, pagefind_failure

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
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.dirty and not self.pages_written and (site / "pagefind").is_dir():
            return  # nothing changed since the index was written
        if self.serving:
            self._index_in_background(pagefind_command(config.site_dir), config.site_dir)
            return
        try:
            seconds = index(config.site_dir)
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        log.info("Search index written by Pagefind in %.1f s", seconds)

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
                log.warning(pagefind_failure(site_dir, process.returncode, err or out))

        threading.Thread(target=report, name="pagefind", daemon=True).start()

    def _stop_indexer(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.terminate()
            self.indexer.wait()
