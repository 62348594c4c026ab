"""YAML files the editors write, loaded with line numbers for every key.

Every data file (sidecars, glossary, entities, settings) is validated against a
small schema so that a typo is reported as ``file:line: what — what to do``.

These files come from strangers' pull requests, so loading is bounded: a size
limit per file, a nesting limit, no tags, no repeated keys, and no aliases in
the editors' files (``mkdocs.yml`` may use a few, within a budget). Whatever
the text, loading raises nothing but :class:`DossierError`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import reprlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent

from .errors import DossierError, Problem, fail
from .markup import web_address
from .repository import read_file

DEPTH_MAX = 50
"""Nesting levels a document may have (the dossier's files need five): deeper
nesting is no data of ours, and would exhaust the recursive composer."""
SETTINGS_ALIAS_NODES_MAX = 10_000
"""Values that aliases in ``mkdocs.yml`` may repeat, all together: a few
anchors are fine, a "billion laughs" expands to far more."""
EXCERPT_MAX = 60
"""Characters of a value quoted in a message (a value may be megabytes long)."""


class LineDict(dict):
    """A mapping that remembers the 1-based line of each key and of itself."""

    lines: dict[str, int]
    line: int


class LineList(list):
    """A list that remembers the 1-based line of each item and of itself, so
    that a wrong item (a text where a mapping belongs) is reported on its line."""

    lines: list[int]
    line: int


def cut(text: str) -> str:
    """``text`` cut to :data:`EXCERPT_MAX` characters, marked "…" when cut."""
    return text if len(text) <= EXCERPT_MAX else text[: EXCERPT_MAX - 1] + "…"


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, EXCERPT_MAX, EXCERPT_MAX
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 6


def excerpt(value: Any) -> str:
    """``repr`` of ``value`` for a message, cut to :data:`EXCERPT_MAX` characters.

    ``reprlib`` stops at a few items and levels, so even a huge or deeply
    nested value costs no more than its excerpt.
    """
    if isinstance(value, str):  # cut at the end only: the start is what editors search for
        return cut(repr(value[: EXCERPT_MAX + 1]))
    return cut(_REPR.repr(value))


def size_text(size: int) -> str:
    """``4 MiB``, ``256 KiB``: a limit as editors read it."""
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} bytes"


@dataclass(frozen=True)
class YamlKind:
    """What a YAML file is: its size limit, and how lenient its loading is."""

    name: str
    """How messages name it: "a sidecar"."""
    max_bytes: int
    """Over this, nothing is parsed: pure-Python PyYAML parses about 0.7 MiB a
    second, and a hostile file must not hold the build for minutes."""
    settings: bool = False
    """``mkdocs.yml``: MkDocs' python tags load as ``None``; a few aliases are fine."""


YAML_FILE = YamlKind("a YAML file", 4 * 1024 * 1024)
"""The default for a caller that names no kind."""


def too_large(path: Path, kind: YamlKind) -> DossierError:
    """The error for a file over its kind's size limit."""
    return fail(
        path,
        f"the file is larger than {size_text(kind.max_bytes)}, the limit for {kind.name}",
        "shorten it (or split it); nothing of it was read",
    )


class _LineIndex:
    """Real line numbers (counted in ``\\n``, as editors and GitHub count them).

    PyYAML also counts a lone ``\\r``, U+0085, U+2028 and U+2029 as line
    breaks, and puts the end of a file on the line after its last newline;
    neither line exists in the file as an editor sees it.
    """

    _OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")

    def __init__(self, text: str) -> None:
        self.last = max(1, text.count("\n") + (not text.endswith("\n")))
        self._text = text
        self._starts: list[int] | None = None
        if self._OTHER_BREAKS.search(text):
            self._starts = [m.end() for m in re.finditer("\n", text)]

    def __call__(self, mark: yaml.Mark | None) -> int | None:
        if mark is None:
            return None
        if self._starts is None:
            return min(mark.line + 1, self.last)
        return self.at(mark.index)

    def at_end(self, mark: yaml.Mark) -> bool:
        """Whether only white space follows ``mark``: the file ended too soon."""
        return not self._text[mark.index :].strip()

    def at(self, index: int) -> int:
        """The line of the character at ``index``."""
        if self._starts is None:
            line = self._text.count("\n", 0, index) + 1
        else:
            line = bisect.bisect_right(self._starts, index) + 1
        return min(line, self.last)


class _Refused(Exception):
    """Something the dossier's YAML does not allow, found while loading."""

    def __init__(self, what: str, todo: str, mark: yaml.Mark | None) -> None:
        super().__init__(what)
        self.what, self.todo, self.mark = what, todo, mark


class _Loader(yaml.SafeLoader):
    """SafeLoader for the editors' files (sidecars, data): line numbers on
    every mapping and list; no tags, no aliases, no repeated keys, bounded depth.

    A tag or a repeated key is noted in ``refused`` and loading goes on (the
    tag ignored, the key's last value kept), so that every one of them is
    reported at once; what cannot be loaded on from is raised.
    """

    allow_tags = False
    alias_budget = 0

    def __init__(self, text: str, lines: _LineIndex) -> None:
        super().__init__(text)
        self.line_of = lines
        self.depth = 0
        self.expanded = 0
        self.sizes: dict[yaml.Node, int] = {}
        self.refused: list[_Refused] = []

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self._count_alias(event)
            return super().compose_node(parent, index)
        if isinstance(event, NodeEvent) and event.tag is not None and not self.allow_tags:
            self.refused.append(
                _Refused(
                    f"the tag {excerpt(event.tag)} is not allowed",
                    "remove it: write plain text, numbers, dates, lists and mappings",
                    event.start_mark,
                )
            )
            event.tag = None  # loaded as if untagged (a tagged scalar as text)
        self.depth += 1
        if self.depth > DEPTH_MAX and isinstance(event, CollectionStartEvent):
            raise _Refused(
                f"the values are nested more than {DEPTH_MAX} levels deep",
                "flatten the structure (see the file's format)",
                event.start_mark,
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if self.alias_budget:
            self.sizes[node] = 1 + sum(self.sizes.get(child, 1) for child in _children(node))
        return node

    def _count_alias(self, event: AliasEvent) -> None:
        """Refuse an alias (``*name``) beyond the budget of repeated values."""
        if not self.alias_budget:
            raise _Refused(
                f"an alias ({cut('*' + event.anchor)}) repeats another value",
                "write the value out in full: the dossier's files use no anchors or aliases",
                event.start_mark,
            )
        node = self.anchors.get(event.anchor)
        if node is not None and node not in self.sizes:
            raise _Refused(
                "an alias refers to the value that contains it",
                "remove the alias: the value would never end",
                event.start_mark,
            )
        self.expanded += self.sizes.get(node, 1) if node is not None else 0
        if self.expanded > self.alias_budget:
            raise _Refused(
                f"aliases repeat more than {self.alias_budget:,} values",
                "write the values out, or use fewer aliases",
                event.start_mark,
            )


@dataclass(frozen=True)
class Tagged:
    """A value ``mkdocs.yml`` writes with a tag (``!ENV``, ``!!python/name:…``):
    MkDocs resolves it; where the dossier reads a value, it must be plain (an
    environment variable would otherwise reach every page unseen)."""

    tag: str

    def __repr__(self) -> str:
        return f"a value tagged {self.tag}"


class _SettingsLoader(_Loader):
    """For ``mkdocs.yml``: its python tags (``!!python/name:…``, ``!ENV``) load
    as :class:`Tagged`, as the pipeline only reads plain keys; a few aliases are fine."""

    allow_tags = True
    alias_budget = SETTINGS_ALIAS_NODES_MAX


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    _refuse_repeated_keys(loader, node)
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.line = loader.line_of(node.start_mark) or 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = loader.line_of(key_node.start_mark) or result.line
    return result


def _refuse_repeated_keys(loader: _Loader, node: yaml.MappingNode) -> None:
    """A key given twice in one mapping (PyYAML would keep the last silently),
    or a list or mapping used as a key. Keys merged in with ``<<`` may be
    overridden: that is what merging is for."""
    seen: dict[Any, yaml.Node] = {}
    for key_node, _value in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            first = seen.setdefault(key, key_node)
        except TypeError:
            raise _Refused(
                "a list or mapping is used as a key",
                "make the key plain text",
                key_node.start_mark,
            ) from None
        if first is not key_node:
            loader.refused.append(
                _Refused(
                    f"the key {excerpt(key)} is given twice"
                    f" (first on line {loader.line_of(first.start_mark)})",
                    "keep one of them",
                    key_node.start_mark,
                )
            )


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader.line_of(node.start_mark) or 1
    result.lines = [loader.line_of(child.start_mark) or result.line for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date, or the text as written when it is no real date (2024-02-30):
    the schema check then names the key and line instead of a traceback."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A number, or the text as written when Python will not take it (more
    than 4,300 digits, ``0x_``): the schema check then names key and line."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


for _tag, _constructor in (
    (yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping),
    (yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence),
    ("tag:yaml.org,2002:timestamp", _construct_timestamp),
    ("tag:yaml.org,2002:int", _construct_int),
    # "=" and "<<" resolve to YAML 1.1 tags that SafeLoader cannot build: text.
    ("tag:yaml.org,2002:value", yaml.SafeLoader.construct_yaml_str),
    ("tag:yaml.org,2002:merge", yaml.SafeLoader.construct_yaml_str),  # "<<" as a value
):
    _Loader.add_constructor(_tag, _constructor)
_SettingsLoader.add_multi_constructor("", lambda _loader, _suffix, node: Tagged(node.tag))


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a BOM is fine); other bytes are one error on their line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise fail(path, "the file is not UTF-8 text", "save it as UTF-8", line) from None


def _syntax_error(path: Path, error: yaml.MarkedYAMLError, lines: _LineIndex) -> DossierError:
    """PyYAML's error as one line. When the problem is the end of the file (an
    unclosed quote or bracket), the line is where the unclosed thing opened."""
    problem, context = error.problem_mark, error.context_mark
    mark = context if context and (problem is None or lines.at_end(problem)) else problem
    found = error.problem or error.context or "the file cannot be parsed"
    where = ""
    if error.context and error.problem and context is not None:
        opened = lines(context)
        where = f" ({cut(error.context)}" + (
            f" that starts on line {opened})" if opened != lines(mark) else ")"
        )
    what = f"YAML syntax error: {cut(found)}{where}"
    return fail(path, what, "fix the YAML (indentation, quotes, colons)", lines(mark))


def load_yaml(path: Path, root: Path, data: bytes | None = None, kind: YamlKind = YAML_FILE) -> Any:
    """Parse ``root / path`` (or ``data``, its bytes as already read); every
    mistake becomes a one-line error with its line."""
    if data is None:
        data, _size = read_file(path, root, kind.max_bytes)
    if len(data) > kind.max_bytes:
        raise too_large(path, kind)
    text = _decode(path, data)
    lines = _LineIndex(text)
    try:
        loaded, refused = _load(text, lines, kind)
    except _Refused as fatal:
        raise fail(path, fatal.what, fatal.todo, lines(fatal.mark)) from None
    except yaml.reader.ReaderError as error:  # only for characters YAML forbids
        code = error.character if isinstance(error.character, int) else ord(error.character)
        what = f"the file holds the control character U+{code:04X}"
        todo = "remove it"
        raise fail(path, what, todo, lines.at(error.position)) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error, lines) from None
    except (ValueError, TypeError, OverflowError) as error:  # a value PyYAML cannot build
        what = f"the YAML cannot be read: {cut(str(error))}"
        raise fail(path, what, "fix the marked value") from None
    if refused:
        raise DossierError(*(Problem(path, r.what, r.todo, lines(r.mark)) for r in refused))
    return loaded


def _load(text: str, lines: _LineIndex, kind: YamlKind) -> tuple[Any, list[_Refused]]:
    """The document, and what the loader refused but loaded on from."""
    loader = (_SettingsLoader if kind.settings else _Loader)(text, lines)
    try:
        return loader.get_single_data(), loader.refused
    finally:
        loader.dispose()


def line_of(value: Any, key: str | int | None = None) -> int | None:
    """The line of ``key`` in a loaded mapping (or of item ``key`` in a loaded
    list), or of the mapping or list itself."""
    if isinstance(value, LineDict):
        return value.lines.get(str(key), value.line) if key is not None else value.line
    if isinstance(value, LineList):
        if isinstance(key, int) and 0 <= key < len(value.lines):
            return value.lines[key]
        return value.line
    return None


@dataclass(frozen=True)
class Field:
    """One allowed key: how to convert its value, and what it should be."""

    convert: Callable[[Any], Any]
    expected: str


class Unprintable(ValueError):
    """A text value holds a character that shows as nothing or as garbage."""


_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    "|[\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
"""Control characters (but tab and line breaks), lone surrogates, noncharacters:
YAML lets a quoted value hold any of them as an escape ("\\x00"); a page
cannot show them, Graphviz refuses them, and an SVG with one is no XML."""


def as_text(value: Any) -> str:
    if isinstance(value, (bool, bytes, dict, list, Tagged)) or value is None:
        raise TypeError
    text = str(value).strip()
    if found := _UNPRINTABLE.search(text):
        raise Unprintable(f"it holds the character U+{ord(found.group(0)):04X}: remove it")
    return text


def as_web_address(value: Any) -> str:
    """A plain http(s) address (``markup.web_address``): it becomes a link's href."""
    address = web_address(as_text(value))
    if address is None:
        raise ValueError
    return address


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise TypeError


def as_list(value: Any) -> list[Any]:
    """A YAML list, items unchecked (each is validated with its own schema)."""
    if not isinstance(value, list):
        raise TypeError
    return value


def as_text_list(value: Any) -> tuple[str, ...]:
    """One text or a list of texts; an empty item is a mistake, not a wildcard."""
    items = (value,) if isinstance(value, str) else as_list(value)
    texts = tuple(as_text(item) for item in items)
    if not all(texts):
        raise ValueError
    return texts


def check_mapping(
    data: Any,
    path: Path,
    schema: Mapping[str, Field],
    what: str,
    required: tuple[str, ...] = (),
    line: int | None = None,
) -> dict[str, Any]:
    """Validate ``data`` against ``schema``; return converted values by key.

    Every problem (see :func:`mapping_problems`) is raised together.
    """
    values, problems = mapping_problems(data, path, schema, what, required, line)
    if problems:
        raise DossierError(*problems)
    return values


def mapping_problems(
    data: Any,
    path: Path,
    schema: Mapping[str, Field],
    what: str,
    required: tuple[str, ...] = (),
    line: int | None = None,
    others_allowed: bool = False,
) -> tuple[dict[str, Any], list[Problem]]:
    """The converted values of ``data``'s good keys, and a problem for each bad one.

    Unknown keys, wrong types and missing required keys are each a one-line
    problem naming the line and the keys that are allowed. ``line``: where
    ``data`` is, when it is no mapping (a list item). ``others_allowed``: keys
    outside ``schema`` belong to someone else (MkDocs' own settings).
    """
    allowed = ", ".join(schema)
    if not isinstance(data, dict):
        wrong_type = f"{what} must be a mapping of keys to values, not {excerpt(data)}"
        return {}, [Problem(path, wrong_type, f"use keys: {allowed}", line_of(data) or line)]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    wrong: set[str] = set()
    for key, value in data.items():
        key_line = line_of(data, str(key))
        if key not in schema:
            if not others_allowed:
                unknown = f"unknown key {excerpt(key)} in {what}"
                todo = f"allowed keys: {allowed}"
                if nearest := get_close_matches(str(key), list(schema), n=1, cutoff=0.75):
                    todo = f"did you mean {nearest[0]!r}? {todo}"
                problems.append(Problem(path, unknown, todo, key_line))
            continue
        field = schema[key]
        if value is None:
            continue
        try:
            values[key] = field.convert(value)
        except (TypeError, ValueError, OverflowError) as error:
            wrong.add(key)
            what_is = f"{key!r} should be {field.expected}, not {excerpt(value)}"
            if isinstance(error, Unprintable):
                what_is += f" ({error})"
            problems.append(Problem(path, what_is, "correct the value", key_line))
    problems.extend(
        Problem(path, f"{what} has no {key!r}", f"add '{key}: …'", line_of(data))
        for key in required
        if key not in wrong and not values.get(key)
    )
    return values, problems
