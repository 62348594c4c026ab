"""A content-hash cache of each source's read → enrich result.

The key covers everything the result depends on: the source's text and
sidecar bytes, the editors' glossary and entity data, and the code of the
package itself (every module and rule file). Change any of them and the key
changes, so the cache cannot serve stale output; it only saves the work.
Entries live in ``.cache/dossier/`` and unreadable ones are simply recomputed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .knowledge import ENTITIES, EVENTS, GLOSSARY
from .model import SourceFile

CACHE_DIR = Path(".cache") / "dossier"
VERSION = b"1"


LIBRARIES = ("charset-normalizer", "ftfy", "sentencex", "trafilatura", "python-slugify")
"""Libraries whose output the cached results contain."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's own code and rules, and of the versions of the
    libraries it reads text with: an upgrade of either empties the cache."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(VERSION)
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def data_fingerprint(root: Path) -> str:
    """Hash of the editors' knowledge data, which decides every article's links."""
    digest = hashlib.sha256()
    for path in (GLOSSARY, ENTITIES, EVENTS):
        file = root / path
        digest.update(file.read_bytes() if file.exists() else b"-")
    return digest.hexdigest()


def source_key(source: SourceFile, root: Path, data: str) -> str:
    # The paths too: renaming a sidecar changes what the page names as its source.
    digest = hashlib.sha256(f"{code_fingerprint()}|{data}|{source!r}".encode())
    digest.update((root / source.text_path).read_bytes())
    if source.sidecar_path:
        digest.update(b"|sidecar|")
        digest.update((root / source.sidecar_path).read_bytes())
    return digest.hexdigest()


class Cache:
    """Pickled results by key under ``root/.cache/dossier``; off means always miss."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / CACHE_DIR
        self.enabled = enabled

    def get(self, key: str) -> object | None:
        if not self.enabled:
            return None
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # any unreadable entry is simply recomputed
            return None

    def put(self, key: str, value: object) -> None:
        if not self.enabled:
            return
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder)
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / key)
        except OSError:
            pass  # a read-only checkout still builds, just without a cache

    def prune(self, keep: set[str]) -> None:
        """Forget entries no current source uses (deleted or edited sources)."""
        if not self.enabled or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
