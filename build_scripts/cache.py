"""Content-hash caches: each source's read → enrich result, and rendered pages.

A source's key covers everything its result depends on: the source's text and
sidecar bytes, the editors' glossary and entity data, and the code of the
package itself (every module, rule file and template). Change any of them and
the key changes, so the cache cannot serve stale output; it only saves the work.
A rendered page is kept under a digest of everything its template reads (see
``render.py``), which includes the keys of the sources it shows.
Entries live in ``.cache/dossier/`` and unreadable ones are simply recomputed.
Each file is sealed with a digest of its bytes, checked when it is read: an
entry changed outside the build (edited in place, yet still a valid pickle) is
recomputed, never served, and reported as a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import platform
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Hashable
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import BinaryIO, TypeVar

import jinja2

from .errors import Problem
from .model import Page, PageJob, SourceFile
from .rulefiles import rule_names, rule_text

CACHE_DIR = Path(".cache") / "dossier"
T = TypeVar("T")
VERSION = b"3"
CODE_SUFFIXES = (".py", ".yml")
"""The package's code and its rules (rules/*.yml): what cached results depend on."""


LIBRARIES = (
    "charset-normalizer",
    "ftfy",
    "sentencex",
    "trafilatura",
    "python-slugify",
    "text-unidecode",
    "PyYAML",
    "Jinja2",
    "lxml",
    "htmldate",
    "justext",
    "extruct",
    "html-text",
    "py3langid",
)
"""Libraries whose output the cached results and pages contain."""
PACKAGE = Path(__file__).resolve().parent


def _hash_files(digest: hashlib._Hash, suffixes: tuple[str, ...]) -> None:
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in suffixes and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and rules as this process loaded them (once: a
    running ``mkdocs serve`` keeps the modules it imported), of Python's and the
    libraries' versions: an upgrade of any of them empties the cache."""
    digest = hashlib.sha256(VERSION)
    digest.update(
        f"python={platform.python_version()};unicode={unicodedata.unidata_version};".encode()
    )
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    _hash_files(digest, CODE_SUFFIXES)
    for name in rule_names():  # as read for use, not read again
        digest.update(f"|rules/{name}|".encode())
        digest.update(rule_text(name).encode())
    return digest.hexdigest()


def source_key(source: SourceFile, data: str, text: bytes, sidecar: bytes | None) -> str:
    """The key of one source's result: its text's and sidecar's bytes (as read
    for processing), its paths, the editors' data and the code."""
    # The paths too: renaming a sidecar changes what the page names as its source.
    digest = hashlib.sha256(f"{code_fingerprint()}|{data}|{source!r}".encode())
    digest.update(text)
    if source.sidecar_path:
        digest.update(b"|sidecar|")
        digest.update(sidecar or b"")
    return digest.hexdigest()


FileStatus = tuple[int, int, int, int, int]
"""A file's modification and change times (ns), size, inode and device. The
change time moves with every write and with every reset of the modification
time (``touch -r``, ``cp -p``), and no tool sets it back."""
SETTLED_NS = 2_000_000_000
"""A file modified less than this long before it was looked at is not known by
its status: file times are coarse (up to 2 s on some file systems), so a second
change within the same tick could leave time and size as they were."""
FINE_SETTLED_NS = 100_000_000
"""The same for a file whose times have fractions of a second (ext4, btrfs, APFS,
NTFS: a tick of at most 10 ms): without it, a source saved a second before a
build (a generated corpus, a ``git checkout``) was read again by the next one."""


def settled(status: FileStatus, looked: int) -> bool:
    """Whether a file with ``status``, taken at ``looked`` (``time.time_ns()``),
    cannot change again without its status changing: its last change is at least
    a tick of its file system older than the look."""
    changed = max(status[0], status[1])
    whole_seconds = status[0] % 1_000_000_000 == 0 and status[1] % 1_000_000_000 == 0
    margin = SETTLED_NS if whole_seconds else min(SETTLED_NS, FINE_SETTLED_NS)
    return changed < looked - margin


def status_of(path: str | Path) -> FileStatus | None:
    """The file's status, ``None`` if it does not exist."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino, status.st_dev


class Unchanged:
    """What this process learnt from files (their text, a key made of it), kept
    while each file's status stays as it was: what ``mkdocs serve`` does after
    every edit need not read a thousand unchanged files again. Nothing is kept
    for a file changed just before it was looked at (see SETTLED_NS)."""

    def __init__(self, known: dict | None = None) -> None:
        self._known: dict[object, tuple[tuple[FileStatus | None, ...], object]] = known or {}
        self.learnt = False
        """Whether anything was learnt or forgotten since it was made."""

    def get(self, name: object, status: tuple[FileStatus | None, ...]) -> object | None:
        known = self._known.get(name)
        return known[1] if known is not None and known[0] == status else None

    def put(
        self, name: object, status: tuple[FileStatus | None, ...], value: object, looked: int
    ) -> None:
        """Keep ``value`` for ``status``, taken at ``looked``, if every file is settled."""
        self.learnt = True
        if all(s is None or settled(s, looked) for s in status):
            self._known[name] = (status, value)
        else:
            self._known.pop(name, None)

    def only(self, names: set[object]) -> dict:
        """What is known of ``names``, to be kept for a later process."""
        return {name: known for name, known in self._known.items() if name in names}

    def clear(self) -> None:
        self._known.clear()


def knowledge_key(data: str) -> str:
    """The key of the parsed glossary, entity and event data."""
    return hashlib.sha256(f"{code_fingerprint()}|{data}|knowledge".encode()).hexdigest()


SEAL = b"dossier cache 1\n"
"""What every cache file starts with; a file without it (an earlier version's
format, or not ours) is a plain miss."""
SEAL_DIGEST = 32
"""Bytes of the BLAKE2b digest of the pickled value, after the seal."""


class _Sealing:
    """A file the pickle is written to, hashed on the way: the page memo of a
    large dossier is tens of megabytes, and holding it whole (and a copy behind
    the seal) to hash it raised a cold build's peak memory by ~26 MB at 1,000."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.blake2b(digest_size=SEAL_DIGEST)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)


def _write_sealed(out: BinaryIO, value: object) -> None:
    """``value`` pickled behind the seal and the digest of the pickled bytes
    (a placeholder first, filled in once the pickle is written)."""
    out.write(SEAL + bytes(SEAL_DIGEST))
    sealing = _Sealing(out)
    pickle.dump(value, sealing, protocol=pickle.HIGHEST_PROTOCOL)
    out.seek(len(SEAL))
    out.write(sealing.digest.digest())


def read_pickle(path: Path, shown: Path, changed: list[Problem]) -> object | None:
    """The value sealed in ``path``, or ``None``: missing, unreadable, of another
    format, or changed since it was written (then also a warning in ``changed``
    on ``shown``, the file as the editor sees it). One pass of BLAKE2b over bytes
    that are read anyway: a cache that cannot serve what it did not write."""
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return None
    if data[: len(SEAL)] != SEAL:
        return None
    start = len(SEAL) + SEAL_DIGEST
    if hashlib.blake2b(data[start:], digest_size=SEAL_DIGEST).digest() != data[len(SEAL) : start]:
        changed.append(
            Problem(
                shown,
                "cache entry was changed outside the build; recomputed",
                "leave .cache/dossier/ to the build (delete the folder if this repeats)",
                severity="warning",
            )
        )
        return None
    try:
        return pickle.loads(data[start:])
    except Exception:  # sealed by a build yet unreadable (a library changed): recomputed
        return None


def write_pickle(path: Path, value: object) -> None:
    """Write ``value`` sealed, whole or not at all (a reader never sees half a
    file): a temporary file beside it, renamed over it, and removed whatever
    stops the write (a full disk must not fill up with halves)."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            _write_sealed(out, value)
        os.replace(temporary, path)
        temporary = None
    except OSError:
        pass  # a read-only checkout still builds, just without a cache
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _digest(value: object) -> str:
    """The digest of a plain value (tuples, strings, numbers), by its ``repr``:
    the same for equal values in any process (a pickle is not: it refers back to
    an object met before, so it depends on which equal strings are one object)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=32).hexdigest()


class Store:
    """All that a build keeps, on disk and in this process, in one place.

    One is made for each run of ``dossier`` (``mkdocs serve`` keeps one per
    project for all its rebuilds) and passed to what uses it; a disabled store
    (``--no-cache``) always misses and keeps nothing. It holds:

    - results by content key under ``root/.cache/dossier`` (a source's read →
      enrich result, the parsed data files), and in memory those this process
      has read or written: a rebuild needs no unpickling;
    - what was learnt from files while their status is unchanged (each
      source's key, kept for the next process too; the text of ``docs/`` files):
      a rebuild reads no unchanged source;
    - the page memo (``PageMemo``) between builds, written by :meth:`close`;
    - small memos of plain values (:meth:`memo`), such as the sources' ranking;
    - libraries' compressed data unpacked once (:meth:`unpacked`);
    - warnings about cache files changed outside the build (``changed``).
    """

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.enabled = enabled
        self.changed: list[Problem] = []
        self.docs = Unchanged()
        """``docs/`` files this process read and found as wanted (a file just
        written is not settled: it is read once more next time)."""
        self._entries: dict[str, object] = {}
        self._file_keys: Unchanged | None = None
        """Keys by their files' status (each source's), read from the last
        process's ``file-keys.pickle`` when first asked: a new ``dossier build``
        after one edit reads one source, not a thousand (``git status`` does the
        same with its index)."""
        self._keys_asked: set[Hashable] = set()
        self._memos: dict[str, tuple[Hashable, object]] = {}
        self._lasting: dict[str, tuple[str, object]] = {}
        """Memos to write for the next process (by :meth:`close`): name → (digest, value)."""
        self._tables: dict[str, dict] = {}
        self._lasting_tables: set[str] = set()
        self._pages: tuple[str, dict[str, Page]] | None = None
        self._pages_pending = False

    def known(self, name: Hashable, files: tuple[Path | None, ...], make: Callable[[], T]) -> T:
        """``make()``, or what it gave when each of ``files`` last had the status
        it has now (kept for the next process too): what is learnt from files
        is learnt once, until one of them changes."""
        looked = time.time_ns()
        status = tuple(status_of(file) if file else None for file in files)
        memo = self._read_file_keys() if self._file_keys is None else self._file_keys
        self._keys_asked.add(name)
        value = memo.get(name, status)
        if value is None:
            value = make()
            memo.put(name, status, value, looked)
        return value  # type: ignore[return-value]

    def keyed(
        self, name: Hashable, files: tuple[Path | None, ...], make: Callable[[], tuple[str, T]]
    ) -> tuple[str, T | None]:
        """A key made from ``files`` by ``make`` (which reads them and gives the
        key and what it read), or, while each file's status is as when the key
        was made, the key alone (``None`` for what was read), without reading."""
        read: T | None = None

        def making() -> str:
            nonlocal read
            key, read = make()
            return key

        return self.known(name, files, making), read

    UNPACKED = "unpacked"

    def unpacked(
        self, packed: Path, unpack: Callable[[Path, Path], None], make: bool = True
    ) -> Path | None:
        """A folder holding ``packed`` (a library's compressed data file) as
        ``unpack(packed, folder)`` writes it, made once for each status of the
        file and kept beside the entries (``None`` when disabled or unwritable:
        the caller reads the packed file). The folder appears whole or not at all.
        ``make=False``: only one already made (unpacking may cost more than it
        saves: a small dossier)."""
        if not self.enabled:
            return None
        status = status_of(packed)
        version = hashlib.sha256(f"{packed}|{status}".encode()).hexdigest()[:16]
        folder = self.folder / self.UNPACKED / f"{packed.name}-{version}"
        if folder.is_dir():
            return folder
        if not make:
            return None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            for old in folder.parent.glob(f"{packed.name}-*"):  # another version's
                shutil.rmtree(old, ignore_errors=True)
            making = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".making-"))
            try:
                unpack(packed, making)
                os.replace(making, folder)
            finally:
                shutil.rmtree(making, ignore_errors=True)
        except OSError:  # read-only, or another process made it first
            return folder if folder.is_dir() else None
        return folder

    FILE_KEYS = "file-keys.pickle"

    def _read_file_keys(self) -> Unchanged:
        """The last process's memo of keys, if it was made by this code (a key
        covers the code, so another version's memo is of no use)."""
        kept = None
        if self.enabled:
            path = self.folder / self.FILE_KEYS
            kept = read_pickle(path, CACHE_DIR / self.FILE_KEYS, self.changed)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == code_fingerprint():
            self._file_keys = Unchanged(kept[1])
        else:
            self._file_keys = Unchanged()
        return self._file_keys

    def get(self, key: str) -> object | None:
        if not self.enabled:
            return None
        if key in self._entries:
            return self._entries[key]
        value = read_pickle(self.folder / key[:2] / key, CACHE_DIR / key[:2] / key, self.changed)
        if value is not None:
            self._entries[key] = value
        return value

    def put(self, key: str, value: object) -> None:
        self.remember(key, value)
        if (path := self.path(key)) is not None:
            write_pickle(path, value)

    def path(self, key: str) -> Path | None:
        """Where ``key``'s entry is kept (None with the cache off): whoever
        processes the source writes its entry there (pool workers in parallel),
        and the build only remembers it."""
        return self.folder / key[:2] / key if self.enabled else None

    def remember(self, key: str, value: object) -> None:
        """Keep ``value`` for this process only (its file is written elsewhere)."""
        if self.enabled:
            self._entries[key] = value

    def prune(self, keep: set[str]) -> None:
        """Forget entries no current source uses (deleted or edited sources)."""
        for key in self._entries.keys() - keep:
            del self._entries[key]
        if not self.enabled or not self.folder.is_dir():
            return
        for path in self.folder.glob(f"{'[0-9a-f]' * 2}/*"):
            if path.name not in keep:
                with contextlib.suppress(OSError):  # a read-only cache is used, not cleaned
                    path.unlink(missing_ok=True)

    def memo(self, name: str, inputs: Hashable, make: Callable[[], T], lasting: bool = False) -> T:
        """``make()``, or what it gave when ``name`` was last asked for with equal
        ``inputs`` in this process (one value kept per name; none when disabled).
        ``lasting``: also in the next process (plain, picklable inputs and value,
        kept by the digest of the inputs and the code): the sources' ranking,
        which weighs each source against all the others, is seldom changed by an
        edit, and a new ``dossier build`` after one took a fifth of its time."""
        if not self.enabled:
            return make()
        known = self._memos.get(name)
        if known is not None and known[0] == inputs:
            return known[1]  # type: ignore[return-value]
        digest = ""
        if lasting:
            digest = _digest((code_fingerprint(), name, inputs))
            path = self.folder / f"memo-{name}.pickle"
            kept = read_pickle(path, CACHE_DIR / path.name, self.changed)
            if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest:
                self._memos[name] = (inputs, kept[1])
                return kept[1]  # type: ignore[return-value]
        value = make()
        self._memos[name] = (inputs, value)
        if lasting:
            self._lasting[name] = (digest, value)
        return value

    def kept(self, name: str, lasting: bool = False) -> dict:
        """A table this process keeps under ``name`` from one build to the next,
        for its owner to read and update (a new, unkept one when disabled).
        ``lasting``: the next process starts from it too (written by :meth:`close`,
        read back only by the same code): for plain values learnt per source,
        which a new ``dossier build`` after one edit would otherwise learn again
        for every source."""
        if not self.enabled:
            return {}
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = {}
            if lasting:
                self._lasting_tables.add(name)
                path = self.folder / f"kept-{name}.pickle"
                found = read_pickle(path, CACHE_DIR / path.name, self.changed)
                if isinstance(found, tuple) and len(found) == 2 and found[0] == code_fingerprint():
                    table.update(found[1])
        return table

    def take_changed(self) -> list[Problem]:
        """The warnings about changed cache files not yet reported."""
        found, self.changed = self.changed, []
        return found

    def close(self) -> None:
        """Write what is pending: the page memo of later builds in this process,
        the source keys learnt (a memo file that lags behind is never wrong, only
        less useful, and ``mkdocs serve`` spends no time on it after each edit)."""
        if self._pages_pending and self._pages is not None and self.root.is_dir():
            write_pickle(self.folder / PageMemo.FILE, self._pages)
        self._pages_pending = False
        if self.enabled and self.root.is_dir():
            for name, kept in self._lasting.items():
                write_pickle(self.folder / f"memo-{name}.pickle", kept)
        self._lasting.clear()
        if self.enabled and self.root.is_dir():
            for name in self._lasting_tables:
                path = self.folder / f"kept-{name}.pickle"
                write_pickle(path, (code_fingerprint(), self._tables[name]))
        memo = self._file_keys
        if self.enabled and memo is not None and memo.learnt and self.root.is_dir():
            kept = memo.only(self._keys_asked)  # not the sources since deleted
            write_pickle(self.folder / self.FILE_KEYS, (code_fingerprint(), kept))
            memo.learnt = False


class PageMemo:
    """Rendered pages by the digest of their inputs, kept from one build to the next.

    One file, ``pages.pickle``, holds every page of the last build; a page whose
    digest is unchanged is not rendered again. Pages no longer asked for are
    dropped when it is saved. Off means every page is rendered.
    """

    FILE = "pages.pickle"

    def __init__(self, store: Store, templates: str) -> None:
        """``templates``: the hash of the templates' text (``render.Templates``)."""
        self.store = store
        self.enabled = store.enabled
        self.kept: dict[str, Page] = {}
        self.used: dict[str, Page] = {}
        self.rendered: list[PurePosixPath] = []
        self.fingerprint = hashlib.sha256(f"{code_fingerprint()}|{templates}".encode()).hexdigest()
        if not self.enabled:
            return
        if store._pages is not None and store._pages[0] == self.fingerprint:
            self.kept = store._pages[1]
        elif store._pages is None:
            memo = read_pickle(store.folder / self.FILE, CACHE_DIR / self.FILE, store.changed)
            if isinstance(memo, tuple) and len(memo) == 2 and memo[0] == self.fingerprint:
                self.kept = memo[1]  # else missing, unreadable or changed: render everything

    def page(self, job: PageJob) -> Page:
        """The page kept under the job's inputs, or the job's page made now."""
        page = self.kept.get(job.inputs)
        if page is None:
            page = job.make()
            self.rendered.append(page.path)
        self.used[job.inputs] = page
        return page

    def save(self) -> None:
        """Keep the pages asked for this time (in the store; on disk now if this
        is the store's first build, else when the store is closed)."""
        if not self.enabled:
            return
        store = self.store
        first = store._pages is None
        store._pages = (self.fingerprint, self.used)
        if self.used.keys() == self.kept.keys():
            return
        if first:
            write_pickle(store.folder / self.FILE, store._pages)
        else:
            store._pages_pending = True


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates as Jinja compiled them, under ``.cache/dossier/templates/``, so
    that a new process renders without compiling them again (~0.15 s for the
    pipeline's; ~0.3 s for Material's, which the ``dossier`` plugin hands to
    MkDocs: every rebuild of ``mkdocs serve`` makes a new environment).

    Jinja keys each by the template's own checksum; the folder is named by who
    compiles (``user``: the pipeline, or MkDocs) and a hash of the code
    fingerprint and ``versions`` (MkDocs' and Material's), because the
    environment's settings shape the compiled code too. That user's other
    folders are removed; a folder that cannot be written is read, or not used.
    """

    def __init__(self, root: Path, user: str = "pipeline", versions: str = "") -> None:
        base = root / CACHE_DIR / "templates"
        tag = hashlib.sha256(f"{code_fingerprint()}|{versions}".encode()).hexdigest()
        folder = base / f"{user}-{tag[:16]}"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            for other in base.iterdir():
                if other != folder and other.name.startswith(f"{user}-"):
                    shutil.rmtree(other, ignore_errors=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or cut short: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # read-only: compiled again next time
            super().dump_bytecode(bucket)
