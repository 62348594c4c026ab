"""``docs/`` kept in step with what the sources give: compared, and written.

``diff_docs`` tells which generated pages differ, are missing or are orphaned
(how ``dossier build --check`` catches a stale or hand-edited page);
``write_docs`` writes each changed page whole (a temporary file renamed over
it) and removes the orphans. Generated pages carry ``GENERATED_MARK``;
hand-written ones are never touched.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import time
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .cache import Store, Unchanged, status_of
from .collector import collector_paused
from .errors import DossierError, Problem
from .model import GENERATED_MARK, Page
from .repository import located

DOCS = Path("docs")


def _orphans(docs: Path, wanted: set[str]) -> set[PurePosixPath]:
    """Pages under ``docs/`` that carry our generated mark but no source gives any
    more (hand-written pages carry no mark; the pages wanted need no reading)."""
    found = set()
    for folder, _, names in os.walk(docs):
        for name in names:
            if not (name.endswith(".md") or name == ".nav.yml"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, docs).replace(os.sep, "/")
            if relative in wanted:
                continue
            with open(path, encoding="utf-8", errors="replace") as handle:
                head = "".join(handle.readline() for _ in range(3))
            if GENERATED_MARK in head:
                found.add(PurePosixPath(relative))
    return found


@dataclass(frozen=True)
class Drift:
    """How ``docs/`` differs from what the sources give."""

    changed: tuple[PurePosixPath, ...]
    missing: tuple[PurePosixPath, ...]
    orphaned: tuple[PurePosixPath, ...]

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.orphaned)


def _page_text(path: str) -> str | None:
    """A file's text as it is: line ends not translated (a page saved with CRLF
    is not the page the build writes); ``None`` if it is no UTF-8 text file."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def diff_docs(
    pages: list[Page], root: Path, store: Store | None = None, committed_only: bool = True
) -> Drift:
    """How ``docs/`` differs from ``pages``. ``store``: the files this process
    read before and found as wanted (``mkdocs serve`` compares the whole of
    ``docs/`` after every edit); without one, every file is read.
    ``committed_only``: pages made from the repository's history
    (``Page.committed``), which git ignores, are not compared (``--check``)."""
    written = store.docs if store is not None else Unchanged()
    docs = root / DOCS
    wanted = {str(page.path): page for page in pages}
    changed, missing = [], []
    for name, page in sorted(wanted.items(), key=lambda item: item[1].path.parts):
        if committed_only and not page.committed:
            continue
        target = os.path.join(docs, name)
        looked = time.time_ns()
        status = status_of(target)
        if status is None:
            missing.append(page.path)
        elif written.get(target, (status,)) == page.text:
            continue
        elif _page_text(target) == page.text:
            written.put(target, (status,), page.text, looked)
        else:  # another text, not text at all, or not a file
            changed.append(page.path)
    orphaned = sorted(_orphans(docs, set(wanted)))
    return Drift(tuple(changed), tuple(missing), tuple(orphaned))


def write_docs(
    pages: list[Page],
    root: Path,
    store: Store | None = None,
    hold: Collection[PurePosixPath] = (),
) -> Drift:
    """Bring ``docs/`` in step: write what changed, delete orphaned pages.

    ``hold``: pages that exist and changed but are left as they are for now
    (``mkdocs serve`` writes the print page after the edited page is served);
    they are in the returned drift, as changed, and a later call writes them."""
    with collector_paused():
        return _write_docs(pages, root, store, frozenset(hold))


def _write_docs(
    pages: list[Page], root: Path, store: Store | None, hold: frozenset[PurePosixPath]
) -> Drift:
    """Each page is written whole to a temporary file beside it, then renamed over
    the old one: a full disk, or a build killed at any instant, leaves each page
    as it was or as it should be, never half of it (and a link is replaced, never
    written through). A temporary file is removed whatever stops its write."""
    drift = diff_docs(pages, root, store, committed_only=False)
    docs = root / DOCS
    by_path = {page.path: page for page in pages}
    if drift.changed or drift.missing:  # a killed build's files, whatever page it was writing
        for folder in sorted({path.parent for path in by_path}):
            located(
                root,
                DOCS / folder,
                "remove the link: generated pages are written only inside docs/",
            )
            _remove_leftovers(docs / folder)
    for path in drift.changed + drift.missing:
        if path in hold and path in drift.changed:
            continue
        target = docs / path
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "x", encoding="utf-8", newline="\n") as out:
                out.write(by_path[path].text)
            os.replace(temporary, target)
        except OSError as error:
            raise _unwritable(DOCS / path, error) from None
        finally:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)  # gone once renamed
    for path in drift.orphaned:
        try:
            (docs / path).unlink()
        except OSError as error:
            raise _unwritable(DOCS / path, error) from None
    return drift


LEFTOVER = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")
"""The name of a page's temporary file (``_write_docs``)."""
LEFTOVER_AGE_S = 60


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary files a killed build left in ``folder``: hidden, so no
    site shows them, but ``git add docs/`` would commit them. Only those a minute
    old: a build writing beside this one at the same moment keeps its own."""
    cutoff = time.time() - LEFTOVER_AGE_S
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def _unwritable(path: Path, error: OSError) -> DossierError:
    """A page that cannot be written or removed, in one line that says what to do."""
    return DossierError(
        filesystem_problem(
            path, error, "written", "remove anything that is not a page in its place, then rebuild"
        )
    )


def filesystem_problem(path: Path, error: OSError, doing: str, otherwise: str) -> Problem:
    """What the file system refused, as the editor can fix it: a full disk and
    a folder that may not be written are named as such; any other failure gives
    the system's own words and ``otherwise`` as what to do."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem(path, f"cannot be {doing}: disk full", "free some space, then run it again")
    if error.errno == errno.EFBIG:
        return Problem(
            path,
            f"cannot be {doing}: larger than this system lets one file be",
            "raise the file size limit (ulimit -f), then run it again",
        )
    what = f"cannot be {doing} ({error.strerror or error})"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        folder = f"{path.parts[0]}/" if len(path.parts) > 1 and not path.is_absolute() else "it"
        access = "writable" if doing == "written" else "readable and writable"
        return Problem(path, what, f"make {folder} {access}, then run it again")
    return Problem(path, what, otherwise)
