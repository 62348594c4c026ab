"""The editors' knowledge data: glossary terms, named entities and dated events.

Three YAML files under ``seeds/data/`` (see the comments at their top). They are
validated like sidecars: a mistake is one line naming the file, the line and
what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from .errors import Problem, fail
from .structure import slugify
from .yamlfile import Field, as_list, as_text, as_text_list, check_mapping, line_of, load_yaml

DATA = Path("seeds/data")
GLOSSARY = DATA / "glossary.yml"
ENTITIES = DATA / "entities.yml"
EVENTS = DATA / "events.yml"
SHORT_MAX = 200

Kind = Literal["term", "person", "organisation", "place", "event"]

KINDS: dict[Kind, tuple[str, str, str]] = {
    # kind: (key in entities.yml / folder under docs/, plural title, singular)
    "term": ("glossary", "Glossary", "Term"),
    "person": ("people", "People", "Person"),
    "organisation": ("organisations", "Organisations", "Organisation"),
    "place": ("places", "Places", "Place"),
    "event": ("events", "Events", "Event"),
}


@dataclass(frozen=True)
class Work:
    """A work cited as further reading."""

    author: str
    title: str
    year: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """A glossary term or a named entity: what a mention in an article links to."""

    kind: Kind
    name: str
    aliases: tuple[str, ...]
    short: str
    """One line for the hover card (a term's short definition, an entity's description)."""
    path: Path
    line: int | None
    definition: tuple[str, ...] = ()
    """A term's full definition, as paragraphs."""
    related: tuple[str, ...] = ()
    further_reading: tuple[Work, ...] = ()

    @property
    def folder(self) -> str:
        return KINDS[self.kind][0]

    @cached_property
    def slug(self) -> str:  # asked for every link of every page: computed once
        return slugify(self.name)

    @property
    def page(self) -> str:
        """Path of the entry's page under ``docs/``."""
        return f"{self.folder}/{self.slug}.md"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    """ISO date, possibly partial: ``1807-07-07``, ``2024-01`` or ``1947``."""
    title: str
    description: str
    mentions: tuple[str, ...]
    line: int | None
    end: str | None = None
    entity: str | None = None


@dataclass(frozen=True)
class Knowledge:
    entries: tuple[Entry, ...] = ()
    events: tuple[TimelineEvent, ...] = ()

    def by_name(self) -> dict[str, Entry]:
        return {entry.name: entry for entry in self.entries}

    def event_phrases(self) -> tuple[str, ...]:
        """Every phrase that places a source's paragraph on the timeline."""
        return tuple(sorted({phrase for event in self.events for phrase in event.mentions}))


def related_entries(entry: Entry, by_name: Mapping[str, Entry]) -> list[Entry]:
    """The entries ``entry`` names as related that exist (a missing one is
    reported when the data is loaded)."""
    return [by_name[name] for name in entry.related if name in by_name]


def _as_short(value: Any) -> str:
    text = as_text(value)
    if len(text) > SHORT_MAX:
        raise ValueError
    return text


def _as_paragraphs(value: Any) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in as_text(value).split("\n\n") if p.strip())


def _as_partial_date(value: Any) -> str:
    """Accept 1807-07-07 (date), 2024-01 (text) or 1947 (number); return ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    parts = text.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        raise ValueError
    if len(parts) == 3:
        dt.date.fromisoformat(text)
    elif len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
        raise ValueError
    return text


WORK_FIELDS = {
    "author": Field(as_text, "the author's name"),
    "title": Field(as_text, "the work's title"),
    "year": Field(int, "a year, like 1950"),
    "note": Field(as_text, "text"),
}

TERM_FIELDS = {
    "term": Field(as_text, "the term as the page title shows it"),
    "aliases": Field(as_text_list, "a list of other spellings"),
    "short": Field(_as_short, f"one sentence of at most {SHORT_MAX} characters"),
    "definition": Field(_as_paragraphs, "the full definition, in paragraphs"),
    "related": Field(as_text_list, "a list of other terms"),
    "further_reading": Field(as_list, "a list of works"),
}

ENTITY_FIELDS = {
    "name": Field(as_text, "the name as the page title shows it"),
    "aliases": Field(as_text_list, "a list of other spellings"),
    "description": Field(_as_short, f"one line of at most {SHORT_MAX} characters"),
}

EVENT_FIELDS = {
    "date": Field(_as_partial_date, "a date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "end": Field(_as_partial_date, "a date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "title": Field(as_text, "text"),
    "entity": Field(as_text, "the name of an event in entities.yml"),
    "description": Field(as_text, "one neutral line"),
    "mentions": Field(as_text_list, "a list of exact phrases from the articles"),
}


def _list_of(data: Any, path: Path, what: str) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise fail(
            path, f"{what} must be a list (each item starts with '- ')", "see the file's header"
        )
    return data


DataFiles = dict[Path, bytes | None]
"""The editors' data files as read (``None``: the file does not exist)."""


def read_data(root: Path) -> DataFiles:
    """The glossary, entity and event files, read once: what is parsed is what
    the cache keys hash (an edit during a build cannot split the two)."""
    files: DataFiles = {}
    for path in (GLOSSARY, ENTITIES, EVENTS):
        try:
            files[path] = (root / path).read_bytes()
        except FileNotFoundError:
            files[path] = None
    return files


def load_glossary(root: Path, data: bytes | None) -> list[Entry]:
    if data is None:
        return []
    entries = []
    for item in _list_of(load_yaml(GLOSSARY, root, data), GLOSSARY, "the glossary"):
        values = check_mapping(item, GLOSSARY, TERM_FIELDS, "a glossary term", ("term", "short"))
        works = tuple(
            Work(**check_mapping(w, GLOSSARY, WORK_FIELDS, "a work", ("author", "title")))
            for w in values.get("further_reading", [])
        )
        entries.append(
            Entry(
                kind="term",
                name=values["term"],
                aliases=values.get("aliases", ()),
                short=values["short"],
                path=GLOSSARY,
                line=line_of(item),
                definition=values.get("definition", ()),
                related=values.get("related", ()),
                further_reading=works,
            )
        )
    return entries


def load_entities(root: Path, text: bytes | None) -> list[Entry]:
    if text is None:
        return []
    data = load_yaml(ENTITIES, root, text) or {}
    groups = {KINDS[k][0]: k for k in KINDS if k != "term"}
    if not isinstance(data, dict):
        raise fail(
            ENTITIES,
            "the file is not a set of lists",
            "give it the lists people:, organisations:, places: and events:",
        )
    entries = []
    for key, items in data.items():
        if key not in groups:
            allowed = ", ".join(groups)
            raise fail(ENTITIES, f"unknown list {key!r}", f"use: {allowed}", line_of(data, key))
        for item in _list_of(items, ENTITIES, key):
            values = check_mapping(
                item, ENTITIES, ENTITY_FIELDS, f"an entry of {key}", ("name", "description")
            )
            entries.append(
                Entry(
                    kind=groups[key],
                    name=values["name"],
                    aliases=values.get("aliases", ()),
                    short=values["description"],
                    path=ENTITIES,
                    line=line_of(item),
                )
            )
    return entries


def load_events(root: Path, data: bytes | None) -> list[TimelineEvent]:
    if data is None:
        return []
    events = []
    for item in _list_of(load_yaml(EVENTS, root, data), EVENTS, "the timeline"):
        values = check_mapping(
            item, EVENTS, EVENT_FIELDS, "a timeline event", ("date", "title", "description")
        )
        events.append(
            TimelineEvent(line=line_of(item), mentions=values.pop("mentions", ()), **values)
        )
    return sorted(events, key=lambda e: (e.date, e.title))


def load_knowledge(root: Path, files: DataFiles | None = None) -> tuple[Knowledge, list[Problem]]:
    """Load all three files (``files``: as ``read_data`` read them); cross-check
    names, and return warnings for the editors."""
    files = read_data(root) if files is None else files
    entries = load_glossary(root, files[GLOSSARY]) + load_entities(root, files[ENTITIES])
    events = load_events(root, files[EVENTS])
    problems: list[Problem] = []
    names = {entry.name for entry in entries}
    # Aliases two entries share are found by the matcher, which folds names the
    # way it matches them (see Matcher.clashes).
    for entry in entries:
        for related in entry.related:
            if related not in names:
                problems.append(
                    Problem(
                        entry.path,
                        f"{entry.name!r} is related to {related!r}, which has no entry",
                        "add that term, or correct the name",
                        entry.line,
                    )
                )
    for event in events:
        if event.entity and event.entity not in names:
            problems.append(
                Problem(
                    EVENTS,
                    f"event {event.title!r} names entity {event.entity!r}, which has no entry",
                    f"add it to {ENTITIES}, or correct the name",
                    event.line,
                )
            )
    slugs: dict[str, Entry] = {}
    for entry in entries:
        clash = slugs.setdefault(entry.page, entry)
        if clash is not entry:
            raise fail(
                entry.path,
                f"{entry.name!r} and {clash.name!r} would share the page {entry.page}",
                "rename one of them",
                entry.line,
            )
    return Knowledge(tuple(entries), tuple(events)), problems
