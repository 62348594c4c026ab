"""Stage: when each source came into the dossier and when it last changed, read
from the repository's history (pygit2, libgit2's bindings), and the edition the
build is of (the HEAD commit). What's new, its Atom feed and the edition line
are made from it (``whats_new.py``).

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

Speed, one git library session per build and nothing per source on a re-run:
the repository is opened (~0.5 ms with HEAD); the walk over its commits (first
parent, the ``seeds/`` tree of each against its parent's: ~30 ms for 240
commits) is kept in the store under the HEAD commit; the sources' dates, under
the edition and every source's slug and key (``History.digest``), and each
source's in this process and whether it is committed, by its key, so an edit
works out one source. At 1,000 sources: a re-run ~2 ms, an edit ~20 ms, the
first build after a commit ~0.25 s (reading and hashing every source once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pygit2
from pygit2.enums import DeltaStatus, SortMode

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
NO_COMMIT = "the repository has no commit yet"
SHALLOW = "this copy is a shallow clone, whose history is cut short (clone it whole)"

FileDates = dict[str, tuple[Commit | None, Commit]]
"""Committed files under ``seeds/`` by path from the project folder: (added, last changed)."""


def _commit(commit: pygit2.Commit) -> Commit:
    return Commit(str(commit.id), dt.datetime.fromtimestamp(commit.commit_time, dt.UTC))


def _subtree(commit: pygit2.Commit, path: str) -> pygit2.Tree | None:
    try:
        found = commit.tree[path] if path else commit.tree
    except KeyError:
        return None
    return found if isinstance(found, pygit2.Tree) else None


def _diff(old: pygit2.Tree | None, new: pygit2.Tree | None) -> list[pygit2.DiffDelta]:
    """The files that differ between two trees (either may be missing)."""
    if old is not None and new is not None:
        return list(old.diff_to_tree(new).deltas)
    if new is not None:
        return list(new.diff_to_tree(swap=True).deltas)  # all added
    if old is not None:
        return list(old.diff_to_tree().deltas)  # all deleted
    return []


def walk(repo: pygit2.Repository, head: pygit2.Commit, folder: str) -> FileDates:
    """Each file under ``folder`` (a path in the repository) at ``head``: the
    commit that added it and the last that changed it. First parent only: a
    merge's changes are dated when they landed on the branch. Newest first, so
    a file's first change seen is its last, and its first addition ends it."""
    found: dict[str, list[Commit | None]] = {}
    done: set[str] = set()
    walker = repo.walk(head.id, SortMode.TOPOLOGICAL | SortMode.TIME)
    walker.simplify_first_parent()
    for commit in walker:
        tree = _subtree(commit, folder)
        parent = _subtree(commit.parents[0], folder) if commit.parents else None
        if (tree and tree.id) == (parent and parent.id):
            continue
        when = _commit(commit)
        for delta in _diff(parent, tree):
            deleted = delta.status == DeltaStatus.DELETED
            path = (delta.old_file if deleted else delta.new_file).path
            if path in done:
                continue
            if deleted:  # not at HEAD (it came back later, or never did)
                done.add(path)
                continue
            dates = found.setdefault(path, [None, when])
            if delta.status == DeltaStatus.ADDED:
                dates[0] = when
                done.add(path)
    base = PurePosixPath(folder)
    return {(base / path).as_posix(): (d[0], d[1]) for path, d in found.items() if d[1]}


def _open(root: Path) -> tuple[pygit2.Repository, str] | None:
    """The repository the project folder is in, and the folder's path in it."""
    try:
        found = pygit2.discover_repository(str(root))
        if found is None:
            return None
        repo = pygit2.Repository(found)
    except pygit2.GitError:
        return None
    if repo.is_bare or repo.workdir is None:
        return None
    try:
        inside = Path(root).resolve().relative_to(Path(repo.workdir).resolve())
    except ValueError:
        return None
    return repo, "" if inside == Path(".") else inside.as_posix()


Blobs = dict[str, pygit2.Oid]
"""The files of a folder at HEAD by path: their blob ids."""


def _blobs(tree: pygit2.Tree | None, folder: str) -> Blobs:
    """The files directly in ``folder`` (the sources: ``seeds/`` is flat), read once."""
    if tree is None:
        return {}
    return {f"{folder}/{e.name}": e.id for e in tree if e.type_str == "blob"}


def _committed(workdir: str, blobs: Blobs, paths: Sequence[str]) -> bool:
    """Whether each file is as the HEAD commit has it: its bytes hash to the
    blob HEAD has at its path (a link's, its target's name). One read and hash
    per file (``Repository.status_file`` took ~10 ms a file: 10 s at 1,000)."""
    for path in paths:
        blob = blobs.get(path)
        if blob is None:  # new, or never committed
            return False
        full = os.path.join(workdir, path)
        try:
            if pygit2.hashfile(full) == blob:
                continue
            if not os.path.islink(full) or pygit2.hash(os.fsencode(os.readlink(full))) != blob:
                return False
        except OSError:
            return False
    return True


def read_history(
    root: Path, store: Store, items: Sequence[Enriched], keys: dict[str, str]
) -> History:
    """The edition and each source's dates (``keys``: each source's cache key,
    by slug: a source's text and sidecar as read)."""
    opened = _open(root)
    if opened is None:
        return History(None, {}, NO_REPOSITORY)
    repo, inside = opened
    if repo.head_is_unborn:
        return History(None, {}, NO_COMMIT)
    head = repo.head.peel(pygit2.Commit)
    edition = _commit(head)
    folder = (PurePosixPath(inside) / SEEDS).as_posix() if inside else SEEDS.as_posix()
    shallow = repo.is_shallow
    files: FileDates = (
        {}
        if shallow
        else store.known(("history", edition.oid, folder), (), lambda: walk(repo, head, folder))
    )
    prefix = f"{inside}/" if inside else ""
    workdir = repo.workdir
    slugs = [item.article.slug for item in items]
    digest = hashlib.sha256(
        "\x1f".join(
            [edition.oid, folder, str(shallow), *(f"{s}\x1e{keys.get(s, '?')}" for s in slugs)]
        ).encode()
    ).hexdigest()

    blobs: Blobs | None = None

    def committed(paths: list[str]) -> bool:
        nonlocal blobs
        if blobs is None:  # only when some source is not known (after an edit: one)
            blobs = _blobs(_subtree(head, folder), folder)
        return _committed(workdir, blobs, paths)

    def dates_of(item: Enriched, key: str | None) -> Dates:
        source = item.article.source
        paths = [prefix + p.as_posix() for p in (source.text_path, source.sidecar_path) if p]
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
