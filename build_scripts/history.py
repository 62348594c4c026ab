"""Stage: when each source came into the dossier and when it last changed, read
from the repository's history (``git``, run as a command: one ``rev-parse`` per
build), and the edition the build is of (the HEAD commit). What's new, its Atom
feed and the edition line are made from it (``whats_new.py``).

The history is the one record of these dates: a date is never guessed. Where
there is none to read (a tarball, a folder that is no repository, a shallow
clone whose history is cut short), the pages say so and list no dates; a source
edited or added since the last commit is "not yet committed", undated.

A commit cannot name itself, so nothing made from the history is committed:
the pages it makes are written to ``docs/`` at every build, are ignored by git,
and ``dossier build --check`` does not compare them (``Page.committed``).

Uncommitted means the working file's bytes are not the blob HEAD has at its
path (as a build shows what the files hold, staged or not); the edition line
says "with changes not yet committed" when some source is so. Other files
(templates, code, data) are not looked at: the edition is the sources'.

Speed, one ``git`` command per build and nothing per source on a re-run (~3 ms;
none where no ``.git`` is found: a tarball). The command rather than pygit2:
importing libgit2's bindings took 0.15-0.5 s, in every process. The history
(``git log --first-parent`` of ``seeds/``, one command) is kept in the store
under the HEAD commit, with HEAD's blobs there; the sources' dates, under
the edition and every source's slug and key (``History.digest``), and each
source's in this process and whether it is committed, by its key, so an edit
works out one source. At 1,000 sources: a re-run ~2 ms, an edit ~20 ms, the
first build after a commit ~0.25 s (reading and hashing every source once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import Store
from .enrich import Enriched
from .sources import SEEDS


@dataclass(frozen=True)
class Commit:
    """A commit as the pages name it: its id and its committer's time, in UTC
    (when it landed on the branch; an author's time can be older)."""

    oid: str
    time: dt.datetime

    @property
    def short(self) -> str:
        return self.oid[:7]

    @property
    def day(self) -> dt.date:
        return self.time.date()


@dataclass(frozen=True)
class Dates:
    """A source's dates: ``added`` when its text file came in at its path (a
    renamed file is added anew), ``changed`` the last commit that changed its
    text or sidecar. ``pending``: the working tree has a change to either that
    is not committed (or the source is new), so its newest state has no date."""

    added: Commit | None
    changed: Commit | None
    pending: bool


@dataclass(frozen=True)
class History:
    """What the build knows of the repository: the edition (HEAD), each
    source's dates by slug, and why there are none (``missing``)."""

    edition: Commit | None
    dates: dict[str, Dates]
    missing: str | None = None
    """Why the sources have no dates: no repository, no commit, a shallow clone."""
    digest: str = ""
    """What the dates were made from (the edition, each source's slug and key):
    the pages made from them are kept in the page memo under it."""

    @property
    def pending(self) -> bool:
        """Whether some source has changes not yet committed."""
        return any(d.pending for d in self.dates.values())


NO_REPOSITORY = "this copy of the dossier is not a git repository"
NO_GIT = "git is not installed, so the repository's history cannot be read"
NO_COMMIT = "the repository has no commit yet"
SHALLOW = "this copy is a shallow clone, whose history is cut short (clone it whole)"

FileDates = dict[str, tuple[Commit | None, Commit]]
"""Committed files under ``seeds/`` by path from the project folder: (added, last changed)."""
Blobs = dict[str, str]
"""The files of ``seeds/`` at HEAD by path from the project folder: their blob ids."""

GIT_ENV = {"LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


def git(root: Path, *args: str) -> bytes | None:
    """``git -C root args``'s output, or ``None`` if it failed or there is no git.
    No command the build runs writes to the repository or runs a hook."""
    try:
        run = subprocess.run(
            ["git", "-c", "core.fsmonitor=false", "-C", str(root), *args],
            capture_output=True,
            check=False,
            env={**os.environ, **GIT_ENV},
        )
    except OSError:
        return None
    return run.stdout if run.returncode == 0 else None


def _in_a_repository(root: Path) -> bool:
    """Whether the folder or one above it has a ``.git`` (or ``GIT_DIR`` is set):
    a copy that has none (a tarball, the tests' copies) runs no command at all."""
    if "GIT_DIR" in os.environ:
        return True
    folder = Path(os.path.abspath(root))
    return any((f / ".git").exists() for f in (folder, *folder.parents))


def walk(root: Path, folder: str) -> FileDates:
    """Each file under ``folder`` at HEAD: the commit that added it and the last
    that changed it (first parent only: a merge's changes are dated when they
    landed on the branch; newest first, so a file's first change seen is its
    last, and its first addition ends it)."""
    log = git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--relative",
        "--format=%x01%H %ct",
        "--name-status",
        "-z",
        "--",
        folder,
    )
    found: dict[str, list[Commit | None]] = {}
    done: set[str] = set()
    for record in (log or b"").split(b"\x01")[1:]:
        head, _, rest = record.partition(b"\0")
        oid, _, seconds = head.decode("ascii").partition(" ")
        when = Commit(oid, dt.datetime.fromtimestamp(int(seconds), dt.UTC))
        fields = rest.lstrip(b"\n").split(b"\0")
        for status, name in zip(fields[0::2], fields[1::2], strict=False):
            path = os.fsdecode(name)
            if not status or path in done:
                continue
            if status == b"D":  # not at HEAD (it came back later, or never did)
                done.add(path)
                continue
            dates = found.setdefault(path, [None, when])
            if status == b"A":
                dates[0] = when
                done.add(path)
    return {p: (d[0], d[1]) for p, d in found.items() if d[1]}


def head_blobs(root: Path, folder: str) -> Blobs:
    """The blob id of each file under ``folder`` at HEAD."""
    tree = git(root, "ls-tree", "-r", "-z", "HEAD", "--", f"{folder}/") or b""
    blobs = {}
    for line in tree.split(b"\0"):
        info, _, name = line.partition(b"\t")
        parts = info.split()
        if len(parts) == 3 and parts[1] == b"blob":
            blobs[os.fsdecode(name)] = parts[2].decode("ascii")
    return blobs


def _blob_id(data: bytes, object_format: str) -> str:
    """The id git gives a file's bytes (``git hash-object``)."""
    digest = hashlib.sha256 if object_format == "sha256" else hashlib.sha1
    return digest(b"blob %d\0" % len(data) + data).hexdigest()


def _committed(root: Path, blobs: Blobs, paths: Sequence[str], object_format: str) -> bool:
    """Whether each file is as the HEAD commit has it: its bytes (a link's, its
    target's name) hash to the blob HEAD has at its path."""
    for path in paths:
        blob = blobs.get(path)
        if blob is None:  # new, or never committed
            return False
        full = root / path
        try:
            data = os.fsencode(os.readlink(full)) if full.is_symlink() else full.read_bytes()
        except OSError:
            return False
        if _blob_id(data, object_format) != blob:
            return False
    return True


def _head(root: Path) -> tuple[str, bool, str] | str:
    """HEAD's id, whether the clone is shallow and the object format; or why not."""
    if not _in_a_repository(root):
        return NO_REPOSITORY
    said = git(root, "rev-parse", "--is-shallow-repository", "--show-object-format", "HEAD")
    lines = said.decode("ascii", "replace").split() if said else []
    if len(lines) == 3:
        return lines[2], lines[0] == "true", lines[1]
    if git(root, "--version") is None:
        return NO_GIT
    return NO_COMMIT if git(root, "rev-parse", "--git-dir") is not None else NO_REPOSITORY


def _edition(root: Path, oid: str) -> Commit:
    seconds = (git(root, "log", "-1", "--format=%ct", oid) or b"0").decode("ascii").strip()
    return Commit(oid, dt.datetime.fromtimestamp(int(seconds or 0), dt.UTC))


def read_history(
    root: Path, store: Store, items: Sequence[Enriched], keys: dict[str, str]
) -> History:
    """The edition and each source's dates (``keys``: each source's cache key,
    by slug: a source's text and sidecar as read)."""
    head = _head(root)
    if isinstance(head, str):
        return History(None, {}, head)
    oid, shallow, object_format = head
    folder = SEEDS.as_posix()
    # (A shallow clone's walk would date every file by the cut: none is read.)
    edition, files, blobs = store.known(
        ("history", str(root), oid, shallow),
        (),
        lambda: (
            _edition(root, oid),
            {} if shallow else walk(root, folder),
            head_blobs(root, folder),
        ),
    )
    slugs = [item.article.slug for item in items]
    digest = hashlib.sha256(
        "\x1f".join(
            [edition.oid, folder, str(shallow), *(f"{s}\x1e{keys.get(s, '?')}" for s in slugs)]
        ).encode()
    ).hexdigest()

    def committed(paths: list[str]) -> bool:
        return _committed(root, blobs, paths, object_format)

    def dates_of(item: Enriched, key: str | None) -> Dates:
        source = item.article.source
        paths = [p.as_posix() for p in (source.text_path, source.sidecar_path) if p]
        is_committed = (
            committed(paths)
            if key is None
            else store.known(
                ("committed", edition.oid, key), (), lambda paths=paths: committed(paths)
            )
        )
        known = [files[p] for p in paths if p in files]
        text = files.get(paths[0])
        changed = max((d[1] for d in known), key=lambda c: c.time, default=None)
        return Dates(text[0] if text else None, changed, not is_committed)

    def dates() -> dict[str, Dates]:
        """Each source's, those of the last build in this process kept by their
        key (``mkdocs serve`` after one edit works out one source's)."""
        last = store.kept("source dates")
        found, kept = {}, {}
        for item in items:
            slug = item.article.slug
            key = keys.get(slug)
            slot = (edition.oid, folder, shallow, slug, key)
            dates = last.get(slot) if key is not None else None
            found[slug] = dates = dates_of(item, key) if dates is None else dates
            kept[slot] = dates
        last.clear()
        last.update(kept)
        return found

    # Once per edition and set of sources: a re-run reads one entry, not one per source.
    every = store.known(("dates", digest), (), dates) if len(keys) == len(slugs) else dates()
    return History(edition, every, SHALLOW if shallow else None, digest)
