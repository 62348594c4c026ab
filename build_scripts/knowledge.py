"""The editors' knowledge data: glossary terms, named entities and dated events.

Three YAML files under ``seeds/data/`` (see the comments at their top). They are
validated like sidecars: a mistake is one line naming the file, the line and
what to do. Every mistake of every file is reported at once; a bad entry is
left out and the good ones are kept (see :class:`KnowledgeError`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from .errors import DossierError, Problem, fail
from .model import slugify
from .repository import located, read_file
from .yamlfile import (
    Field,
    YamlKind,
    as_list,
    as_text,
    as_text_list,
    excerpt,
    line_of,
    load_yaml,
    mapping_problems,
)

DATA = Path("seeds/data")
GLOSSARY = DATA / "glossary.yml"
ENTITIES = DATA / "entities.yml"
EVENTS = DATA / "events.yml"
DATA_FILES = (GLOSSARY, ENTITIES, EVENTS)
DATA_FILE_MAX_BYTES = 4 * 1024 * 1024
"""The seeds' glossary is 52 KiB for 36 terms: 4 MiB holds thousands of
entries, and parses in a few seconds at most."""
DATA_FILE = YamlKind("a data file", DATA_FILE_MAX_BYTES)
SHORT_MAX = 200
NAME_MAX = 120
"""Characters in a name or alias (the seeds' longest is 73): every name is
matched in every article, through a pattern one level deep per character."""
NAME_TEXT = f"at most {NAME_MAX} characters, no control characters"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
YEAR_MAX = 9999

Kind = Literal["term", "person", "organisation", "place", "event"]
LinkPolicy = Literal["first", "never"]
LINK_POLICIES: tuple[LinkPolicy, ...] = ("first", "never")
"""``first``: the first mention on a page is a link (Wikipedia's MOS:OVERLINK);
``never``: an everyday name (a country, a capital), never a link; its page and
the sources that name it still list every mention."""

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
    slug: str = ""
    """The entry's page is ``<folder>/<slug>.md``: by default its slugified name,
    made unique among its kind by :func:`load_knowledge`."""
    ambiguous: tuple[str, ...] = ()
    """Names that also name other things (a first name, a surname, a common
    phrase): one is a mention only on a page that also gives the entry's
    ``context`` or another of its names, and never right after another owner
    ("Russia's foreign ministry")."""
    context: tuple[str, ...] = ()
    """Words or names that show an ambiguous alias means this entry."""
    unless: tuple[str, ...] = ()
    """Words or names that show it does not: on the page, no ambiguous alias matches."""
    match_case: bool = False
    """Names match only as written (a title of a work: *The National Interest*,
    never the national interest)."""
    link: LinkPolicy = "first"
    commonness: float = 0.0
    """How often ordinary English uses the entry's name, on wordfreq's Zipf scale
    (0: never; 7: "the"): key terms and related sources weigh what a source
    shares by how distinctive it is (see :func:`with_commonness`)."""

    def __post_init__(self) -> None:
        if not self.slug:  # asked for every link of every page: computed once
            object.__setattr__(self, "slug", slugify(self.name))

    @property
    def folder(self) -> str:
        return KINDS[self.kind][0]

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


class KnowledgeError(DossierError):
    """Errors in the data files, raised once all three are checked: every
    problem (warnings too), and ``knowledge``, the good entries as loaded.

    Raised rather than returned because pages built from part of the data
    would lose every link to a left-out entry, and its page: the build reports
    all of it and leaves ``docs/`` as it is (``BuildResult.complete``).
    """

    def __init__(self, knowledge: Knowledge, problems: list[Problem]) -> None:
        super().__init__(*problems)
        self.knowledge = knowledge


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


def _as_name(value: Any) -> str:
    """A name or alias: one line of text, short enough to be matched in articles."""
    text = as_text(value)
    if not text or len(text) > NAME_MAX or _CONTROL.search(text):
        raise ValueError
    return text


def _as_names(value: Any) -> tuple[str, ...]:
    return tuple(_as_name(name) for name in as_text_list(value))


def _as_link(value: Any) -> LinkPolicy:
    if value not in LINK_POLICIES:
        raise ValueError
    return value


def _as_flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _as_short(value: Any) -> str:
    text = as_text(value)
    if len(text) > SHORT_MAX:
        raise ValueError
    return text


def _as_year(value: Any) -> int:
    """A year as a whole number (1950, or "1950"); not ``.inf``, ``1e400``,
    a float or a thousand digits."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(YEAR_MAX))):
        raise ValueError
    return int(text)


def _as_paragraphs(value: Any) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in as_text(value).split("\n\n") if p.strip())


def _as_partial_date(value: Any) -> str:
    """Accept 1807-07-07 (date), 2024-01 (text) or 1947 (number); return ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError
    text = str(value).strip()
    parts = text.split("-")
    digits = all(p.isascii() and p.isdigit() for p in parts)
    if not (1 <= len(parts) <= 3 and digits and len(parts[0]) == 4):
        raise ValueError
    if len(parts) == 3:
        dt.date.fromisoformat(text)
    elif len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
        raise ValueError
    return text


WORK_FIELDS = {
    "author": Field(as_text, "the author's name"),
    "title": Field(as_text, "the work's title"),
    "year": Field(_as_year, "a year, like 1950"),
    "note": Field(as_text, "text"),
}

LINK_TEXT = "first (link the first mention on a page) or never (an everyday name)"
MATCHING_FIELDS = {
    "ambiguous": Field(_as_names, "a list of its names that also name other things"),
    "context": Field(_as_names, "a list of words that show an ambiguous alias means it"),
    "unless": Field(_as_names, "a list of words that show an ambiguous alias does not"),
    "match_case": Field(_as_flag, "true or false"),
    "link": Field(_as_link, LINK_TEXT),
}
"""Keys every entry may have: how its names are matched and linked."""

TERM_FIELDS = {
    "term": Field(_as_name, f"the term as the page title shows it ({NAME_TEXT})"),
    "aliases": Field(_as_names, f"a list of other spellings (each {NAME_TEXT})"),
    "short": Field(_as_short, f"one sentence of at most {SHORT_MAX} characters"),
    "definition": Field(_as_paragraphs, "the full definition, in paragraphs"),
    "related": Field(as_text_list, "a list of other terms"),
    "further_reading": Field(as_list, "a list of works"),
    **MATCHING_FIELDS,
}

ENTITY_FIELDS = {
    "name": Field(_as_name, f"the name as the page title shows it ({NAME_TEXT})"),
    "aliases": Field(_as_names, f"a list of other spellings (each {NAME_TEXT})"),
    "description": Field(_as_short, f"one line of at most {SHORT_MAX} characters"),
    **MATCHING_FIELDS,
}

EVENT_FIELDS = {
    "date": Field(_as_partial_date, "a date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "end": Field(_as_partial_date, "a date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "title": Field(as_text, "text"),
    "entity": Field(as_text, "the name of an event in entities.yml"),
    "description": Field(as_text, "one neutral line"),
    "mentions": Field(as_text_list, "a list of exact phrases from the articles"),
}


T = TypeVar("T")

Item = tuple[Any, int | None]
"""One item of a list in a data file, and its line."""


def _list_of(data: Any, path: Path, what: str) -> list[Item]:
    """The items of a list in a data file, each with its line."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise fail(
            path,
            f"{what} must be a list (each item starts with '- ')",
            "see the file's header",
            line_of(data),
        )
    return [(item, line_of(data, index)) for index, item in enumerate(data)]


@dataclass
class Loaded(Generic[T]):
    """What a data file gave: good items, problems, and the names of the items
    left out (a reference to one of these is not reported as a second mistake)."""

    items: list[T]
    problems: list[Problem]
    skipped: set[str]
    unreadable: bool = False
    """The file as a whole could not be read: what it names is unknown."""


def _each(items: Iterable[Item], build: Callable[[Any, int | None], T], name: str) -> Loaded[T]:
    """Build every item; a bad one is reported and left out, so that one
    mistake hides neither the file's other mistakes nor its good entries."""
    loaded: Loaded[T] = Loaded([], [], set())
    for item, line in items:
        try:
            loaded.items.append(build(item, line))
        except DossierError as error:
            loaded.problems.extend(error.problems)
            if isinstance(item, dict) and isinstance(item.get(name), str):
                loaded.skipped.add(item[name].strip())
    return loaded


def _parsed(path: Path, root: Path, data: bytes | None, what: str) -> list[Item]:
    """The items of a data file that is a list (glossary, timeline)."""
    return _list_of(load_yaml(path, root, data, DATA_FILE), path, what)


def _checked(
    item: Any,
    line: int | None,
    path: Path,
    schema: Mapping[str, Field],
    what: str,
    required: tuple[str, ...],
) -> dict[str, Any]:
    values, problems = mapping_problems(item, path, schema, what, required, line)
    if problems:
        raise DossierError(*problems)
    return values


DataFiles = dict[Path, bytes | None]
"""The editors' data files as read (``None``: the file does not exist). Any
other file found in ``seeds/data/`` is listed too, as ``None``: it is not read,
and the editors are warned of it."""


def read_data(root: Path) -> DataFiles:
    """The glossary, entity and event files, read once: what is parsed is what
    the cache keys hash (an edit during a build cannot split the two). A file
    over the size limit is read only far enough to tell; one that cannot be
    read at all (a folder, no permission, a link out of the repository) is
    reported when loaded."""
    files: DataFiles = {}
    for path in DATA_FILES:
        try:
            files[path] = read_file(path, root, DATA_FILE_MAX_BYTES)[0]
        except (OSError, DossierError):
            files[path] = None
    try:
        others = sorted(p.name for p in (root / DATA).iterdir())
    except OSError:  # no seeds/data/ (or no permission: the data files say so)
        others = []
    for name in others:
        if DATA / name not in files and not name.startswith("."):
            files[DATA / name] = None
    return files


def _matching(values: dict[str, Any], path: Path, line: int | None) -> dict[str, Any]:
    """An entry's matching and linking keys, as :class:`Entry` takes them; an
    ambiguous name must be one of its aliases (a misspelt one would silently
    leave the alias unguarded)."""
    names = (values.get("term") or values.get("name"), *values.get("aliases", ()))
    for name in values.get("ambiguous", ()):
        if name not in names:
            raise fail(
                path,
                f"{excerpt(name)} is marked ambiguous but is not one of its names",
                "copy it exactly from its name or 'aliases', or remove it from 'ambiguous'",
                line,
            )
    return {key: values[key] for key in MATCHING_FIELDS if key in values}


def _term(item: Any, line: int | None) -> Entry:
    values, problems = mapping_problems(
        item, GLOSSARY, TERM_FIELDS, "a glossary term", ("term", "short"), line
    )
    works = []
    readings = values.get("further_reading", [])
    for index, work in enumerate(readings):
        fields, found = mapping_problems(
            work, GLOSSARY, WORK_FIELDS, "a work", ("author", "title"), line_of(readings, index)
        )
        problems.extend(found)
        if not found:
            works.append(Work(**fields))
    if problems:
        raise DossierError(*problems)
    return Entry(
        kind="term",
        name=values["term"],
        aliases=values.get("aliases", ()),
        short=values["short"],
        path=GLOSSARY,
        line=line,
        definition=values.get("definition", ()),
        related=values.get("related", ()),
        further_reading=tuple(works),
        **_matching(values, GLOSSARY, line),
    )


def load_glossary(root: Path, data: bytes | None) -> Loaded[Entry]:
    if data is None:
        return Loaded([], [], set())
    try:
        items = _parsed(GLOSSARY, root, data, "the glossary")
    except DossierError as error:
        return Loaded([], list(error.problems), set(), unreadable=True)
    return _each(items, _term, "term")


def _entity(kind: Kind, key: str, link: LinkPolicy = "first") -> Callable[[Any, int | None], Entry]:
    def build(item: Any, line: int | None) -> Entry:
        values = _checked(
            item, line, ENTITIES, ENTITY_FIELDS, f"an entry of {key}", ("name", "description")
        )
        return Entry(
            kind=kind,
            name=values["name"],
            aliases=values.get("aliases", ()),
            short=values["description"],
            path=ENTITIES,
            line=line,
            **{"link": link, **_matching(values, ENTITIES, line)},
        )

    return build


LINKS = "links"
"""The key in entities.yml that sets the link policy of a whole list
(``links: {places: never}``); an entry's own ``link`` overrides it."""


def _link_policies(
    value: Any, groups: Mapping[str, Kind], problems: list[Problem]
) -> dict[str, LinkPolicy]:
    if value is None:
        return {}
    where = ", ".join(groups)
    if not isinstance(value, dict):
        problems.append(
            Problem(
                ENTITIES,
                f"'{LINKS}' must map lists to a policy",
                f"e.g. places: never ({where})",
                line_of(value),
            )
        )
        return {}
    policies: dict[str, LinkPolicy] = {}
    for key, policy in value.items():
        if key not in groups or policy not in LINK_POLICIES:
            problems.append(
                Problem(
                    ENTITIES,
                    f"{LINKS}: {excerpt(key)}: {excerpt(policy)} is not a policy",
                    f"give one of the lists {where} the value {LINK_TEXT}",
                    line_of(value, key),
                )
            )
            continue
        policies[key] = policy
    return policies


def load_entities(root: Path, text: bytes | None) -> Loaded[Entry]:
    loaded: Loaded[Entry] = Loaded([], [], set())
    if text is None:
        return loaded
    try:
        data = load_yaml(ENTITIES, root, text, DATA_FILE) or {}
    except DossierError as error:
        return Loaded([], list(error.problems), set(), unreadable=True)
    groups = {KINDS[k][0]: k for k in KINDS if k != "term"}
    if not isinstance(data, dict):
        loaded.problems.append(
            Problem(
                ENTITIES,
                "the file is not a set of lists",
                "give it the lists people:, organisations:, places: and events:",
                line_of(data),
            )
        )
        loaded.unreadable = True
        return loaded
    policies = _link_policies(data.get(LINKS), groups, loaded.problems)
    for key, items in data.items():
        if key == LINKS:
            continue
        if key not in groups:
            allowed = ", ".join(groups)
            loaded.problems.append(
                Problem(
                    ENTITIES, f"unknown list {excerpt(key)}", f"use: {allowed}", line_of(data, key)
                )
            )
            continue
        try:
            listed = _list_of(items, ENTITIES, key)
        except DossierError as error:
            loaded.problems.extend(error.problems)
            loaded.unreadable = True
            continue
        group = _each(listed, _entity(groups[key], key, policies.get(key, "first")), "name")
        loaded.items.extend(group.items)
        loaded.problems.extend(group.problems)
        loaded.skipped |= group.skipped
    return loaded


def _event(item: Any, line: int | None) -> TimelineEvent:
    values = _checked(
        item, line, EVENTS, EVENT_FIELDS, "a timeline event", ("date", "title", "description")
    )
    start, end = values["date"], values.get("end")
    shared = min(len(start), len(end or ""))  # partial ISO dates compare by their prefix
    if end is not None and end[:shared] < start[:shared]:
        raise fail(
            EVENTS,
            f"the event ends ({end}) before it begins ({start})",
            "correct 'date' or 'end'",
            line_of(item, "end") or line,
        )
    return TimelineEvent(line=line, mentions=values.pop("mentions", ()), **values)


def load_events(root: Path, data: bytes | None) -> Loaded[TimelineEvent]:
    if data is None:
        return Loaded([], [], set())
    try:
        items = _parsed(EVENTS, root, data, "the timeline")
    except DossierError as error:
        return Loaded([], list(error.problems), set(), unreadable=True)
    loaded = _each(items, _event, "title")
    loaded.items.sort(key=lambda e: (e.date, e.title))
    return loaded


def _unread(root: Path, files: DataFiles) -> list[Problem]:
    """A data file that exists but cannot be read is an error; any other file
    in ``seeds/data/`` a warning: the editors would lose what it holds."""
    problems = []
    for path, content in files.items():
        if path in DATA_FILES:
            if content is None and (root / path).exists():
                try:
                    located(root, path)
                except DossierError as outside:
                    problems.extend(outside.problems)
                    continue
                problems.append(
                    Problem(path, "the data file cannot be read", "make it a readable file")
                )
            continue
        if (root / path).exists() and _same_file(root, path, files):
            continue  # Glossary.yml on a case-insensitive disk: read as glossary.yml
        names = ", ".join(p.name for p in DATA_FILES)
        problems.append(
            Problem(
                _printable(path),
                f"not read: the data files are {names}",
                "rename it (or move it out of seeds/data/)",
                severity="warning",
            )
        )
    return problems


def _printable(path: Path) -> Path:
    """A file name from a stranger as one line of a message: a name with a
    control character, or bytes that are not UTF-8 (surrogates), is escaped."""
    text = path.as_posix()
    if text.isprintable():
        return path
    return Path(text.encode("unicode_escape", "backslashreplace").decode("ascii"))


def _same_file(root: Path, path: Path, files: DataFiles) -> bool:
    """Whether ``path`` is one of the data files under another spelling."""
    return any(
        files.get(known) is not None
        and path.name.lower() == known.name
        and (root / path).samefile(root / known)
        for known in DATA_FILES
    )


LISTING = "index"
"""The slug of each kind's listing page (``glossary/index.md``), no entry's."""


def _unique_pages(entries: list[Entry]) -> tuple[list[Entry], list[Problem]]:
    """Give every entry a page of its own. A name that slugifies to ``index``
    (its kind's listing) or to an earlier entry's slug gets a numbered slug
    that no other entry has, and the editors a warning."""
    taken = {(e.folder, e.slug) for e in entries} | {(f, LISTING) for f, *_ in KINDS.values()}
    owners: dict[tuple[str, str], Entry] = {}
    unique, problems = [], []
    for entry in entries:
        owner = owners.get((entry.folder, entry.slug))
        if owner is None and entry.slug != LISTING:
            owners[(entry.folder, entry.slug)] = entry
            unique.append(entry)
            continue
        number = 2
        while (entry.folder, f"{entry.slug}-{number}") in taken:
            number += 1
        moved = replace(entry, slug=f"{entry.slug}-{number}")
        taken.add((moved.folder, moved.slug))
        owners[(moved.folder, moved.slug)] = moved
        unique.append(moved)
        problems.append(_moved(entry, moved, owner))
    return unique, problems


def _moved(entry: Entry, moved: Entry, owner: Entry | None) -> Problem:
    """The warning for an entry that did not get the page its name gives."""
    if owner is None:
        clash = f"would take the page {entry.page}, which is the {KINDS[entry.kind][1]} page"
    else:
        clash = f"would share the page {entry.page} with {excerpt(owner.name)}"
        clash += f" (line {owner.line})" if owner.path == entry.path else f" ({owner.path})"
    return Problem(
        entry.path,
        f"{excerpt(entry.name)} {clash}",
        f"rename it (until then its page is {moved.page})",
        entry.line,
        "warning",
    )


def load_knowledge(root: Path, files: DataFiles | None = None) -> tuple[Knowledge, list[Problem]]:
    """Load all three files (``files``: as ``read_data`` read them); cross-check
    names, and return warnings for the editors.

    Raises :class:`KnowledgeError` with every problem of every file when any
    of them has an error; its ``knowledge`` holds the good entries.
    """
    files = read_data(root) if files is None else files
    glossary = load_glossary(root, files.get(GLOSSARY))
    entities = load_entities(root, files.get(ENTITIES))
    timeline = load_events(root, files.get(EVENTS))
    problems = [*glossary.problems, *entities.problems, *timeline.problems, *_unread(root, files)]
    failed = any(p.severity == "error" for p in problems)
    entries, moved = _unique_pages(with_commonness(glossary.items + entities.items))
    problems.extend(moved)
    events = timeline.items
    names = {entry.name for entry in entries} | glossary.skipped | entities.skipped
    problems.extend(risky_names(entries))
    if glossary.unreadable or entities.unreadable:  # every name would seem missing
        return _result(Knowledge(tuple(entries), tuple(events)), problems, failed)
    # Aliases two entries share are found by the matcher, which folds names the
    # way it matches them (see Matcher.clashes).
    for entry in entries:
        for related in entry.related:
            if related not in names:
                problems.append(
                    Problem(
                        entry.path,
                        f"{excerpt(entry.name)} is related to {excerpt(related)},"
                        " which has no entry",
                        "add that term, or correct the name",
                        entry.line,
                    )
                )
    for event in events:
        if event.entity and event.entity not in names:
            problems.append(
                Problem(
                    EVENTS,
                    f"event {excerpt(event.title)} names entity {excerpt(event.entity)},"
                    " which has no entry",
                    f"add it to {ENTITIES}, or correct the name",
                    event.line,
                )
            )
    return _result(Knowledge(tuple(entries), tuple(events)), problems, failed)


COMMON_WORD_ZIPF = 4.0
"""A word English uses more than ten times in a million words (wordfreq's Zipf
scale): as a glossary name, matched in any case, it will often mean something else."""


def risky_names(entries: Iterable[Entry]) -> list[Problem]:
    """Names likely to match what they do not mean, unless marked ``ambiguous``:
    a person's first name alone ("Alexander"), and a common English word
    matched in any case (a glossary term's name, an alias in lower case)."""
    from wordfreq import zipf_frequency  # imported when the data is checked, not per source

    problems = []
    for entry in entries:
        first = entry.name.split()[0] if entry.kind == "person" else None
        for name in entry.names:
            if name in entry.ambiguous or " " in name:
                continue
            if name == first and name != entry.name:
                why = "is a first name alone: other people have it"
            elif (
                (entry.kind == "term" or name[:1].islower())
                and name.isalpha()
                and zipf_frequency(name.casefold(), "en", wordlist="small") >= COMMON_WORD_ZIPF
            ):
                why = "is a common English word, matched in any case"
            else:
                continue
            problems.append(
                Problem(
                    entry.path,
                    f"{excerpt(name)} ({excerpt(entry.name)}) {why}",
                    "list it under 'ambiguous' with the 'context' that shows it means this"
                    " entry, or remove it",
                    entry.line,
                    "warning",
                )
            )
    return problems


def with_commonness(entries: Iterable[Entry]) -> list[Entry]:
    """The entries, each with the commonness of its name in English, looked up
    once when the data is loaded (the build caches it with the data). The large
    list: the small one stops at words a million-word text uses once, where the
    rare words that tell sources apart are ("geopolitics" 2.8, "Grossraum" 0)."""
    from wordfreq import zipf_frequency

    return [
        replace(entry, commonness=zipf_frequency(entry.name, "en", wordlist="large"))
        for entry in entries
    ]


def _result(
    knowledge: Knowledge, problems: list[Problem], failed: bool
) -> tuple[Knowledge, list[Problem]]:
    if failed:
        raise KnowledgeError(knowledge, problems)
    return knowledge, problems


def data_fingerprint(files: DataFiles) -> str:
    """Hash of the editors' knowledge data (as ``knowledge.read_data`` read it),
    which decides every article's links."""
    digest = hashlib.sha256()
    for path in (GLOSSARY, ENTITIES, EVENTS):
        content = files[path]
        digest.update(b"-" if content is None else content)
    # Any other file there is named in a warning the cached knowledge must carry.
    for path in sorted(set(files) - {GLOSSARY, ENTITIES, EVENTS}):
        digest.update(b"|other|" + path.as_posix().encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
