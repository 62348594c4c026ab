"""Markdown of a large site converted on two cores, for the ``dossier`` plugin.

MkDocs reads and converts every page one after another (``_populate_page``):
at 1,000 sources that is about two thirds of ``mkdocs build``. Before it starts
(``on_nav``), a forked copy of the build converts the second half of the pages,
weighed by their size, while MkDocs converts the first; each page of the second
half then takes what the copy made (its Markdown, metadata, HTML, table of
contents, anchors and the links it checks) instead of converting it again, and
what the copy logged is logged here, so ``--strict`` counts its warnings too.

The copy runs the very same code on the same pages (plugin events included),
so the site is the same byte for byte (``tests/test_parallel.py``). If the copy
fails, its pages are converted here as MkDocs would. A preview (``mkdocs
serve``, which has threads and converts a page or two) is never forked.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGES_MIN = 150
"""Below this many pages to convert, forking costs more than it saves."""
STATE = (
    "markdown",
    "meta",
    "content",
    "toc",
    "_title_from_render",
    "present_anchor_ids",
    "edit_url",
)
"""What converting a page sets on it (``links_to_anchors`` is sent by path)."""
log = logging.getLogger("mkdocs.plugins.dossier")


@dataclass
class Converted:
    """What the copy made of one page."""

    state: dict[str, Any]
    links: dict[str, dict[str, str]] | None
    """``links_to_anchors`` by the linked file's path (a File does not travel)."""


@dataclass
class Outcome:
    pages: list[Converted] = field(default_factory=list)
    records: list[tuple[str, int, str]] = field(default_factory=list)
    """(logger, level, message) of everything the copy logged."""


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _split(pages: Sequence[Page]) -> int:
    """Where the second half starts, by the size of the pages' Markdown."""
    sizes = [os.path.getsize(page.file.abs_src_path or "") for page in pages]
    total, running = sum(sizes), 0
    for index, size in enumerate(sizes):
        running += size
        if running * 2 >= total:
            return index + 1
    return len(pages)


def convert_in_parallel(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    populate: Callable[[Page, MkDocsConfig, Files], None],
) -> None:
    """Convert the second half of ``pages`` in a forked copy, and have MkDocs'
    own pass over those pages take the copy's work instead of doing it again.
    ``populate``: MkDocs' step that reads and converts one page."""
    if len(pages) < PAGES_MIN or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return
    theirs = list(pages[_split(pages) :])
    if not theirs:
        return
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: convert, send, and leave without running anything else
        status = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as out:
                pickle.dump(_convert(theirs, config, files, populate), out, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    waiting = _Waiting(reader, pid, theirs, files)
    for page in theirs:
        page.read_source = waiting.source_of(page)  # type: ignore[method-assign]


def _convert(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    populate: Callable[[Page, MkDocsConfig, Files], None],
) -> Outcome:
    """In the copy: convert each page, keep what it logs to hand it back (and
    print nothing itself: the build prints it once, in its place)."""
    outcome = _Records()
    logger = logging.getLogger("mkdocs")
    logger.handlers = [outcome]
    logger.propagate = False
    converted = []
    for page in pages:
        populate(page, config, files)
        links = page.links_to_anchors
        converted.append(
            Converted(
                {name: getattr(page, name) for name in STATE if name in vars(page)},
                None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
            )
        )
    return Outcome(converted, outcome.records)


class _Waiting:
    """The copy's work, read when MkDocs first reaches one of its pages."""

    def __init__(self, reader: int, pid: int, pages: Sequence[Page], files: Files) -> None:
        self.reader, self.pid, self.pages, self.files = reader, pid, list(pages), files
        self.done: dict[int, Converted] | None = None

    def source_of(self, page: Page) -> Callable[[MkDocsConfig], None]:
        original = page.read_source

        def read_source(config: MkDocsConfig) -> None:
            converted = self._collect().get(id(page))
            del page.read_source  # the class's again, for any later build
            if converted is None:  # the copy failed: MkDocs converts it here
                original(config)
                return
            for name, value in converted.state.items():
                setattr(page, name, value)
            if converted.links is not None:
                page.links_to_anchors = {
                    self.files.get_file_from_path(path): anchors
                    for path, anchors in converted.links.items()
                    if self.files.get_file_from_path(path) is not None
                }

            def render(config: MkDocsConfig, files: Files) -> None:
                del page.render  # converted already; the class's again afterwards

            page.render = render  # type: ignore[method-assign]

        return read_source

    def _collect(self) -> dict[int, Converted]:
        if self.done is not None:
            return self.done
        outcome = None
        try:
            with os.fdopen(self.reader, "rb") as stream:
                outcome = pickle.load(stream)
        except Exception:  # the copy died: its pages are converted here
            outcome = None
        _, status = os.waitpid(self.pid, 0)
        if not isinstance(outcome, Outcome) or status != 0:
            log.info("dossier: pages converted on one core (the second process failed)")
            self.done = {}
            return self.done
        for name, level, message in outcome.records:
            logging.getLogger(name).log(level, message)
        self.done = {id(page): c for page, c in zip(self.pages, outcome.pages, strict=True)}
        return self.done
