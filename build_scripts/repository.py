"""The repository's own files, read as strangers may have left them.

One mechanism for every file the editors keep (sources, sidecars, data files,
``mkdocs.yml``) and for ``docs/``: whatever a path leads to must stay inside
the repository, and only a regular file is ever opened, without following a
link put in its place and without waiting on a pipe (opening a FIFO for
reading blocks until something writes to it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import fail, shown

NOT_A_FILE_TODO = "replace it with the article's text saved as a file, or remove it"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)


def located(
    root: Path,
    relative: Path,
    todo: str = "copy the file into the repository instead of linking to it, or delete the link",
) -> Path:
    """The file ``root / relative`` really is, every link followed.

    Whatever a path leads to is published (or written): a link that leaves the
    repository (``seeds/x.txt`` → ``/etc/passwd``, or through a linked folder)
    is refused, one that stays inside it may be used."""
    base = os.path.realpath(root)
    real = os.path.realpath(root / relative)
    if os.path.commonpath([base, real]) != base:
        raise fail(relative, f"links outside the repository (to {shown(real)})", todo)
    return Path(real)


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; ``None`` for a regular file."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISLNK, "a link"),
        (stat.S_ISREG, None),
    )
    return next((kind for test, kind in kinds if test(mode)), "not a regular file")


def regular_bytes(real: Path, limit: int | None) -> tuple[bytes, int] | str:
    """The bytes (up to ``limit + 1``) and size of a regular file, or what it is instead.

    Checked before opening (a device or a pipe is never opened) and again on
    what was opened, which is never a link and never waits for a writer."""
    kind = file_kind(os.lstat(real).st_mode)
    if kind is not None:
        return kind
    with os.fdopen(os.open(real, os.O_RDONLY | _NO_FOLLOW | _NO_WAIT), "rb") as handle:
        status = os.fstat(handle.fileno())
        kind = file_kind(status.st_mode)
        if kind is not None:
            return kind
        data = handle.read() if limit is None else handle.read(limit + 1)
    return data, max(status.st_size, len(data))


def read_file(relative: Path, root: Path, limit: int | None = None) -> tuple[bytes, int]:
    """A repository file's bytes (up to ``limit + 1``: enough to tell it is too
    large without holding a huge file) and its size; a file outside the
    repository, one that is not a regular file, or one that cannot be read, is
    a one-line error naming it."""
    try:
        read = regular_bytes(located(root, relative), limit)
    except OSError as error:
        raise fail(
            relative, f"cannot be read ({error.strerror})", "check it is a readable file"
        ) from None
    if isinstance(read, str):
        raise fail(relative, f"{read}, not a file", NOT_A_FILE_TODO)
    return read
