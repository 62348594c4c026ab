"""The ``dossier`` MkDocs plugin: ties the published site to the editors' sources.

- Each page's HTML is finished as it is written (``finish.finish_page``, the
  same code ``dossier finish`` runs after another renderer): "Edit this page"
  opens the source that made a generated page, the print page's cover gets the
  date of the build, and Pagefind's marks; ``robots.txt`` after the build.
- Under ``mkdocs serve`` the pipeline runs before each rebuild, so editing a
  file in ``seeds/`` (watched, see ``watch:`` in mkdocs.yml) updates the preview.
- Over 50 sources (or entries of one kind), MkDocs is told those pages are
  outside the sidebar on purpose (it would list them all on every build).
- Page titles, descriptions and authors (front matter made from strangers'
  text) and the dossier's names in ``mkdocs.yml`` are HTML-escaped here, once,
  as ``Markup``: Material prints them unescaped in the sidebar, tabs, header,
  footer, ``<title>`` and ``<meta>`` tags, and leaves a ``Markup`` value alone
  where it does escape (``| e``), so each is text in every place it lands.
- ``site_url`` (or ``DOSSIER_SITE_URL``, for a fork's CI or a preview) makes
  the canonical links, the sitemap and ``robots.txt``; overrides/main.html adds
  the link-preview metadata.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_scripts.finish import (
    TEXT_META,
    TEXT_SETTINGS,
    Finishing,
    PageFacts,
    finish_page,
    write_robots,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer

    from build_scripts.cache import Store
    from build_scripts.model import Page as GeneratedPage


def as_text(value: object) -> object:
    """A string as escaped HTML that Jinja will not escape again; other values
    (and what is already ``Markup``) as they are."""
    return escape(value) if isinstance(value, str) else value


def _project(config: MkDocsConfig) -> Path:
    """The project folder: where mkdocs.yml is (``-f`` may name it relatively)."""
    return Path(config.config_file_path).resolve().parent


log = logging.getLogger("mkdocs.plugins.dossier")


POLL_VARIABLE = "DOSSIER_POLL"
"""Set (to anything) to have ``make serve`` poll for changes as MkDocs does."""

PRINT_DELAY_S = 2.0
"""Under ``mkdocs serve``, how long the preview stays idle after a rebuild before
the print page it held back is written (and converted in a rebuild of its own)."""


def _touch_includers(
    written: Iterable[PurePosixPath], pages: Iterable[GeneratedPage], docs: Path
) -> None:
    """Mark as changed each hand-written page that includes a rewritten snippet
    (``--8<-- "_generated/…"``, as the home page does): a dirty rebuild renders
    only pages whose own file changed."""
    snippets = [path.as_posix() for path in written if path.parts[0] == "_generated"]
    if not snippets:
        return
    generated = {page.path.as_posix() for page in pages}
    for page in docs.rglob("*.md"):
        if page.relative_to(docs).as_posix() in generated:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if any(f'"{snippet}"' in text for snippet in snippets):
            os.utime(page)


class DossierPlugin(BasePlugin):
    """Registered as ``dossier`` (``plugins:`` in mkdocs.yml, entry point in
    pyproject.toml). MkDocs keeps one instance for a whole ``mkdocs serve`` (it
    has ``on_startup``), so the stores a preview keeps from one rebuild to the
    next live on it, and are closed when the preview stops."""

    def __init__(self) -> None:
        self.stores: dict[Path, Store] | None = None
        """Under ``mkdocs serve``, each project's store: what one rebuild keeps for
        the next. ``None`` for a plain build, which ``dossier build`` prepared."""
        self.dirty = False
        self.held: dict[Path, list[GeneratedPage]] = {}
        """Under ``mkdocs serve``, each project's pages whose print page was held
        back (written once the preview is idle, see ``on_post_build``)."""
        self.print_delay = PRINT_DELAY_S
        self.building = threading.Lock()
        """Held by a preview's rebuild from its start to its end: the held print
        page is never written while the pipeline or MkDocs is at work."""
        self.timer: threading.Timer | None = None
        self.finishing = Finishing()
        """This build's: set again for each (a preview's day moves on)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.stores = {} if command == "serve" else None
        self.dirty = dirty

    def on_shutdown(self) -> None:
        """``docs/`` left in step with the sources (a print page still held is
        written), and what the stores learnt written for the next run."""
        if self.timer is not None:
            self.timer.cancel()
        for project in list(self.held):
            self._write_held(project)
        for store in (self.stores or {}).values():
            store.close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
    ) -> LiveReloadServer:
        """The preview sees a saved file when the system says so (inotify on
        Linux, FSEvents on macOS), not at MkDocs' next poll: it polls every 0.5 s,
        so an editor waited a quarter of a second on average before the rebuild
        even began, and each poll looked at every file of seeds/ and docs/.
        ``DOSSIER_POLL=1`` keeps polling, for a folder whose changes the system
        does not report (a network share, some containers' mounts)."""
        from watchdog import events
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watched = getattr(server, "_watched_paths", None)  # (MkDocs 1.6's, by path)
        if os.environ.get(POLL_VARIABLE) or Observer is PollingObserver:
            return server
        if not isinstance(watched, dict) or not isinstance(server.observer, PollingObserver):
            return server  # another MkDocs: its own way
        changes = [
            events.FileCreatedEvent,
            events.FileModifiedEvent,
            events.FileMovedEvent,
            events.FileDeletedEvent,
            events.FileAttribEvent,  # a new time (os.utime), as a poll would see it
        ]

        class Changes(Observer):  # type: ignore[misc, valid-type]
            """Only what changes a file: the system also reports each file
            opened and closed unchanged, and MkDocs reads docs/ in every
            rebuild, which would start the next one, for ever."""

            def schedule(self, handler, path, *, recursive=False, event_filter=None):
                return super().schedule(
                    handler, path, recursive=recursive, event_filter=event_filter or changes
                )

        paths = [path for path, count in watched.items() for _ in range(count)]
        for path in paths:
            server.unwatch(path)
        server.observer = Changes()
        for path in paths:
            server.watch(path)
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The settings checked as ``dossier build`` checks them (a ``javascript:``
        repo_url or edit_uri, ``INHERIT``, a value from ``!ENV``): a site is never
        built from settings the pipeline refuses. ``DOSSIER_SITE_URL``, when set,
        replaces ``site_url`` (a fork's Pages address, a preview's): mkdocs.yml
        refuses ``!ENV``, so this is the one documented way in."""
        from build_scripts.config import load_settings, site_url_override
        from build_scripts.errors import DossierError

        try:
            load_settings(_project(config))
            site_url = site_url_override()
        except DossierError as error:
            raise PluginError(f"dossier: {error}") from None
        if site_url and self.stores is None:  # `mkdocs serve` serves on its own address
            config["site_url"] = site_url
        for name in TEXT_SETTINGS:
            config[name] = as_text(config[name])
        docs = Path(config.docs_dir).resolve().relative_to(_project(config))
        self.finishing = Finishing(docs.as_posix())
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.stores is None:
            return  # `make site` runs `dossier build` itself, once
        if self.timer is not None:
            self.timer.cancel()  # this rebuild holds the print page of its own sources
        self.building.acquire()  # released when the rebuild ends, or fails
        self.held.pop(_project(config), None)
        from build_scripts.cache import Store
        from build_scripts.docs_folder import write_docs
        from build_scripts.errors import DossierError
        from build_scripts.pipeline import build
        from build_scripts.print_page import PRINT_PAGE

        project = _project(config)
        store = self.stores.setdefault(project, Store(project))
        try:
            result = build(project, store=store)
        except DossierError as error:  # the settings: nothing can be built
            raise PluginError(f"dossier: {error}") from None
        for problem in result.problems:
            if problem.severity != "suggestion":
                print(problem)
        suggestions = len(result.problems) - len(result.errors) - len(result.warnings)
        if suggestions:
            print(
                f"dossier: {suggestions} suggestions for the data files: `.venv/bin/dossier check`"
            )
        if result.errors and not result.articles:
            raise PluginError("dossier: no source could be built; see the problems above")
        if not result.complete:
            print("dossier: docs/ left as it is until the data file above is fixed")
            return
        # The print page (the whole dossier: converting it takes seconds at 1,000
        # sources) is written once the preview has been idle a moment after this
        # rebuild, so the edited page is served first and the next edit does not
        # wait for the print page either.
        try:
            drift = write_docs(result.pages, project, store, hold=[PRINT_PAGE])
        except DossierError as error:
            raise PluginError(f"dossier: {error}") from None
        if PRINT_PAGE in drift.changed:
            self.held[project] = result.pages
        _touch_includers(drift.changed + drift.missing, result.pages, Path(config.docs_dir))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Material's templates compiled once, not in every build or rebuild."""
        from build_scripts.cache import CompiledTemplates

        versions = "-".join(metadata.version(name) for name in ("mkdocs", "mkdocs-material"))
        env.bytecode_cache = CompiledTemplates(_project(config), "mkdocs", versions)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        write_robots(Path(config.site_dir), Path(config.docs_dir), config.site_url)
        if self.stores is None:
            return
        self.building.release()
        project = _project(config)
        if project in self.held:
            self.timer = threading.Timer(self.print_delay, self._write_held, (project,))
            self.timer.daemon = True
            self.timer.start()

    def on_build_error(self, error: Exception) -> None:
        if self.stores is not None and self.building.locked():
            self.building.release()

    def _write_held(self, project: Path) -> None:
        """Write the held print page, unless a rebuild has started (it holds its
        own). Its change starts a rebuild of its own, as any edit to docs/ does."""
        from build_scripts.docs_folder import write_docs
        from build_scripts.errors import DossierError

        if not self.building.acquire(blocking=False):
            return
        try:
            held = self.held.pop(project, None)
            if held is not None and self.stores is not None:
                write_docs(held, project, self.stores[project])
        except DossierError as error:
            print(f"dossier: {error}")
        finally:
            self.building.release()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Over 50 sources, or entries of one kind, the sidebar lists only their index
        page (a generated ``<folder>/.nav.yml`` says so): the other pages of that
        folder are outside the nav on purpose, and MkDocs need not name each one on
        every build (the sidebar itself follows the ``.nav.yml``, whichever renderer)."""
        from build_scripts.model import GENERATED_MARK

        docs = Path(config.docs_dir)
        short = set()
        for nav in docs.glob("*/.nav.yml"):
            with nav.open(encoding="utf-8", errors="replace") as handle:
                if GENERATED_MARK in handle.readline():
                    short.add(nav.parent.name + "/")
        if short:
            for file in files.documentation_pages():
                folder = file.src_uri.split("/", 1)[0] + "/"
                if folder in short and not file.src_uri.endswith("/index.md"):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A full build converts its pages on two cores (``parallel.py``); a
        preview, or a dirty build, converts the few it needs as MkDocs does."""
        if self.stores is None and not self.dirty:
            from mkdocs.commands.build import _populate_page

            from build_scripts.parallel import convert_in_parallel

            pages = []
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)  # as MkDocs makes it, a moment later
                if file.page is not None:
                    pages.append(file.page)
            convert_in_parallel(pages, config, files, _populate_page)
        return nav

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        for name in TEXT_META:
            if name in page.meta:
                page.meta[name] = as_text(page.meta[name])
        return markdown

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The page as the dossier publishes it (``finish.finish_page``)."""
        facts = PageFacts(page.file.src_uri, page.meta)
        return finish_page(output, facts, self.finishing, log.warning)
