"""YAML files the editors write, loaded with line numbers for every key.

Every data file (sidecars, glossary, entities, settings) is validated against a
small schema so that a typo is reported as ``file:line: what — what to do``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DossierError, Problem, fail


class LineDict(dict):
    """A mapping that remembers the 1-based line of each key and of itself."""

    lines: dict[str, int]
    line: int


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps line numbers; unknown tags load as ``None``."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date, or the text as written when it is no real date (2024-02-30):
    the schema check then names the key and line instead of a traceback."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
# mkdocs.yml may carry python tags (emoji, slugify); we only read plain keys.
_Loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def load_yaml(path: Path, root: Path, data: bytes | None = None) -> Any:
    """Parse ``root / path`` (or ``data``, its bytes as already read); a syntax
    error becomes a one-line error with its line."""
    try:
        if data is None:
            data = (root / path).read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(path, "the file is not UTF-8 text", "save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = f"YAML syntax error: {error.problem or error.context}"
        raise fail(path, what, "fix the YAML (indentation, quotes, colons)", line) from None
    except (ValueError, TypeError) as error:  # e.g. a list used as a mapping key
        raise fail(path, f"the YAML cannot be read: {error}", "fix the marked value") from None


def line_of(value: Any, key: str | None = None) -> int | None:
    """The line of ``key`` in a loaded mapping, or of the mapping itself."""
    if isinstance(value, LineDict):
        return value.lines.get(key, value.line) if key else value.line
    return None


@dataclass(frozen=True)
class Field:
    """One allowed key: how to convert its value, and what it should be."""

    convert: Callable[[Any], Any]
    expected: str


def as_text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        raise TypeError
    return str(value).strip()


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
    data: Any, path: Path, schema: Mapping[str, Field], what: str, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Validate ``data`` against ``schema``; return converted values by key.

    Unknown keys, wrong types and missing required keys are each a one-line
    problem naming the line and the keys that are allowed; all of them are
    raised together.
    """
    allowed = ", ".join(schema)
    if not isinstance(data, dict):
        raise fail(path, f"{what} must be a mapping of keys to values", f"use keys: {allowed}")
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    wrong: set[str] = set()
    for key, value in data.items():
        line = line_of(data, str(key))
        if key not in schema:
            problems.append(
                Problem(path, f"unknown key {key!r} in {what}", f"allowed keys: {allowed}", line)
            )
            continue
        field = schema[key]
        if value is None:
            continue
        try:
            values[key] = field.convert(value)
        except (TypeError, ValueError):
            wrong.add(key)
            what_is = f"{key!r} should be {field.expected}, not {value!r}"
            problems.append(Problem(path, what_is, "correct the value", line))
    problems.extend(
        Problem(path, f"{what} has no {key!r}", f"add '{key}: …'", line_of(data))
        for key in required
        if key not in wrong and not values.get(key)
    )
    if problems:
        raise DossierError(*problems)
    return values
