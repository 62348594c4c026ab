"""Problems found in the editors' files, reported as one line each.

A problem names the file (and line where there is one), what is wrong and what
to do, so that an editor never has to read a traceback.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "suggestion"]
"""Errors fail the build; warnings fail it under ``--strict``; suggestions never do."""


def shown(name: str) -> str:
    """A file name as one printable line of a message.

    Names come from strangers: bytes that are not UTF-8 are shown as ``\\xe9``
    (as Linux stores them, not as a guess), and control characters such as a
    newline as ``\\n``, so a problem is always one line. Every other character
    is kept."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) == "Cc" else c
        for c in text
    )


@dataclass(frozen=True)
class Problem:
    path: Path
    what: str
    todo: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        path = shown(self.path.as_posix())
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {self.what} — {self.todo}"


class DossierError(Exception):
    """Problems that stop one source (or, for settings, the whole build): each
    mistake found in a file at once, so the editor fixes them in one go."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        self.problems = (problem, *more)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def problem(self) -> Problem:
        """The first of the problems."""
        return self.problems[0]


def fail(path: Path, what: str, todo: str, line: int | None = None) -> DossierError:
    """Build the error to ``raise`` for a problem in ``path``."""
    return DossierError(Problem(path=path, what=what, todo=todo, line=line))
