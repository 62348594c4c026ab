"""The data model that flows through the stages.

Each stage takes the previous stage's value and returns a new one; nothing is
mutated in place, so a stage can be tested on its own with a hand-made input.

    SourceFile ──read──▶ SourceText ──clean──▶ CleanText ──structure──▶ Article
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Literal

from slugify import slugify as _slugify

SOURCES_FOLDER = "sources"
"""Where the source pages live under ``docs/`` (and the site)."""
NOT_STATED = "not stated"
"""What a page says where the source and the editors are silent: never a guess."""


@dataclass(frozen=True)
class SourceFile:
    """One article as the editors keep it: a text file and an optional sidecar."""

    text_path: Path
    """Path relative to the project root, e.g. ``seeds/000_x.txt``."""
    sidecar_path: Path | None = None

    @property
    def stem(self) -> str:
        return self.text_path.stem


@dataclass(frozen=True)
class Line:
    """A line of decoded source text with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Correction:
    """An editors' correction of the source text (from the sidecar)."""

    original: str
    corrected: str
    reason: str
    line: int | None = None
    """Where the correction is in the sidecar, for messages."""


Kind = Literal["news", "analysis", "opinion"]


@dataclass(frozen=True)
class Gloss:
    """An editors' gloss (sidecar ``glosses:``): what a sentence of the source
    leans on ("this framework"), in the editors' words, shown in brackets after
    ``after`` (its first word if not given) wherever the sentence is a bullet."""

    sentence: str
    gloss: str
    after: str | None = None
    line: int | None = None
    """Where the gloss is in the sidecar, for messages."""


@dataclass(frozen=True)
class ThesisPin:
    """The editors' thesis (sidecar ``thesis:``): a ¶ number or one of the source's
    sentences, quoted. It leads the summary box and is the home page's line."""

    paragraph: int | None = None
    sentence: str | None = None
    line: int | None = None
    """Where ``thesis`` is in the sidecar, for messages."""


@dataclass(frozen=True)
class Metadata:
    """What the editors' sidecar says about a source; every field optional."""

    title: str | None = None
    author: str | None = None
    author_bio: str | None = None
    publication: str | None = None
    published: dt.date | None = None
    url: str | None = None
    kind: Kind | None = None
    summary: str | None = None
    thesis: ThesisPin | None = None
    corrections: tuple[Correction, ...] = ()
    glosses: tuple[Gloss, ...] = ()
    authors: tuple[str, ...] = ()
    """The writers one by one (``author`` is how a reader reads them together)."""
    language: str | None = None
    origins: tuple[tuple[str, str], ...] = ()
    """Where each value the source itself states came from: (field, ``line 12`` or
    ``page data``). The sidecar's values are the editors'."""
    doubts: tuple[tuple[str, str], ...] = ()
    """What the source states two ways that disagree (field, what was seen): a saved
    page's visible headline, byline or date against its own data's. The visible value
    is shown; the editors are told."""


@dataclass(frozen=True)
class SourceText:
    """The result of reading: Unicode text split into numbered lines."""

    source: SourceFile
    lines: tuple[Line, ...]
    encoding: str
    repairs: tuple[str, ...] = ()
    """What reading changed that is not a character-for-character decode
    (BOM dropped, mojibake repaired, invisible characters removed, …)."""
    stated: Metadata = field(default_factory=Metadata)
    """What the file itself states about the article, beyond its text (a saved
    web page's title, author, date, site name and address). The sidecar wins."""


@dataclass(frozen=True)
class Removal:
    """A source line that does not reach the article body, and why."""

    line: int
    text: str
    rule: str
    """The id of the rule (see ``rules/boilerplate.yml``) that matched."""
    reason: str
    """The rule's description, for the audit a reviewer reads."""
    moved_to: str | None = None
    """Where the line went instead of the body (``byline``, ``author bio``…)."""


@dataclass(frozen=True)
class CleanText:
    """The result of cleaning: the body lines plus what was taken out."""

    source: SourceText
    lines: tuple[Line, ...]
    removals: tuple[Removal, ...]
    byline: str | None = None
    author_bio: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``number`` is the ¶ number readers cite."""

    number: int
    text: str
    """The paragraph as the source has it (after the editors' corrections)."""
    sentences: tuple[str, ...]
    """``text`` split into sentences; each is a substring of ``text``, in order."""
    line: int
    corrections: tuple[int, ...] = ()
    """Indices into ``Article.corrections`` applied to this paragraph."""

    def offsets(self) -> tuple[int, ...]:
        """Where each sentence starts in ``text``.

        Sentences are located rather than assumed to be one space apart, so a
        split where the source has no space ("a.b") never changes the text.
        """
        starts, at = [], 0
        for sentence in self.sentences:
            at = self.text.find(sentence, at)
            starts.append(at)
            at += len(sentence)
        return tuple(starts)


@dataclass(frozen=True)
class Page:
    """A generated file: where it goes under ``docs/`` and its text."""

    path: PurePosixPath
    text: str
    committed: bool = True
    """False for a file made from the repository's history (What's new, its
    feed, the edition): a commit cannot name itself, so it is written to
    ``docs/`` at every build, ignored by git, and not compared by ``--check``."""


GENERATED_MARK = "# Generated by dossier"
"""The first comment line of every generated page; how ``--check`` knows ours."""


@dataclass(frozen=True)
class PageJob:
    """A page as the build asks for it: a digest of everything it shows
    (``inputs``), and how to make it (``make``), decided side by side by one
    ``render.*_job`` function, which hands ``make`` exactly what it digested. The page
    memo (``cache.PageMemo``) makes the page only when the digest is new."""

    inputs: str
    make: Callable[[], Page]


@dataclass(frozen=True)
class Heading:
    text: str
    line: int
    level: int = 2


Block = Paragraph | Heading


@dataclass(frozen=True)
class Provenance:
    """Where each displayed fact came from: ``source``, ``sidecar`` or ``None``."""

    title: str | None = None
    author: str | None = None
    author_bio: str | None = None


def slugify(text: str, max_length: int = 60) -> str:
    """A readable, stable URL slug: transliterated ASCII words joined by hyphens.
    Every page's name is one (a source's, an entry's: see ``Article.page``)."""
    return _slugify(text, max_length=max_length, word_boundary=True) or "untitled"


@dataclass(frozen=True)
class Article:
    """A source after structuring: what the renderer needs, and nothing else."""

    source: SourceFile
    slug: str
    title: str
    author: str | None
    author_bio: str | None
    publication: str | None
    published: dt.date | None
    url: str | None
    kind: str | None
    blocks: tuple[Block, ...]
    references: tuple[str, ...]
    removals: tuple[Removal, ...]
    corrections: tuple[Correction, ...]
    unused_corrections: tuple[Correction, ...]
    repairs: tuple[str, ...]
    encoding: str
    provenance: Provenance = field(default_factory=Provenance)
    editor_summary: str | None = None
    editor_thesis: ThesisPin | None = None
    editor_glosses: tuple[Gloss, ...] = ()
    authors: tuple[str, ...] = ()
    language: str | None = None
    origins: tuple[tuple[str, str], ...] = ()
    """Where each metadata value came from: (field, ``sidecar``, ``line 12``, ``page data``)."""
    doubts: tuple[tuple[str, str], ...] = ()
    """Where the source stated a value two ways that disagree (see ``Metadata.doubts``)."""

    @property
    def page(self) -> str:
        """Path of the source's page under ``docs/``: the one place it is made."""
        return f"{SOURCES_FOLDER}/{self.slug}.md"

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @cached_property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)
