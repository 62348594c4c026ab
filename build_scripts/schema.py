"""JSON Schemas of the files editors write: a source's sidecar and the three data
files, for editors that validate and complete YAML (yaml-language-server: VS Code,
Neovim, Helix, Zed…). ``.vscode/settings.json`` maps the files to ``schemas/``.

They are made from the loaders' own field lists (``sidecar.SIDECAR_FIELDS``,
``knowledge.TERM_FIELDS``…), each key with the loader's own description of what it
should be, so a key the loader accepts is never missing here or the other way
round: ``python -m build_scripts.schema`` writes them, and a test fails when the
committed files differ from what it would write. A schema checks keys and the
shape of values; ``dossier check`` remains the judge (required keys, that a
correction's text is in the source, that a related term exists…).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import knowledge, sidecar
from .yamlfile import Field, as_list

SCHEMAS = Path("schemas")
DRAFT = "https://json-schema.org/draft-07/schema#"

TEXT: dict[str, Any] = {"type": ["string", "number"]}
NAME: dict[str, Any] = {
    "type": ["string", "number"],  # a year is a context word: 1807
    "minLength": 1,
    "maxLength": knowledge.NAME_MAX,
}
MONTH, DAY = "(0[1-9]|1[0-2])", "(0[1-9]|[12][0-9]|3[01])"
DATE = f"^[0-9]{{4}}-{MONTH}-{DAY}$"
PARTIAL_DATE = f"^[0-9]{{4}}(-{MONTH}(-{DAY})?)?$"


def _one_or_list(item: dict[str, Any]) -> dict[str, Any]:
    """``as_text_list`` takes one text or a list of them."""
    return {"anyOf": [item, {"type": "array", "items": item}]}


VALUES: dict[str, dict[str, Any]] = {
    "yamlfile.as_text": TEXT,
    "yamlfile.as_web_address": {"type": "string", "pattern": "^https?://[^\\s<>\"'`]+$"},
    "yamlfile.as_date": {"type": "string", "pattern": DATE},
    "yamlfile.as_text_list": _one_or_list({"type": ["string", "number"], "minLength": 1}),
    "sidecar._as_kind": {"enum": list(sidecar.KINDS)},
    "sidecar._as_language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
    "sidecar._as_line": {"type": "string", "pattern": "^[^\\n\\r]*$"},
    "sidecar._as_thesis": {
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": "^[^\\n\\r]+$"}]
    },
    "knowledge._as_name": NAME,
    "knowledge._as_names": _one_or_list(NAME),
    "knowledge._as_short": {"type": "string", "maxLength": knowledge.SHORT_MAX},
    "knowledge._as_paragraphs": {"type": "string"},
    "knowledge._as_year": {
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": knowledge.YEAR_MAX},
            {"type": "string", "pattern": "^[0-9]{1,4}$"},
        ]
    },
    "knowledge._as_partial_date": {"type": ["string", "integer"], "pattern": PARTIAL_DATE},
    "knowledge._as_flag": {"type": "boolean"},
    "knowledge._as_link": {"enum": list(knowledge.LINK_POLICIES)},
}
"""Each loader converter's values, as JSON Schema (YAML's dates are read as text), by
the converter's module and name."""


def _converter(convert: Callable[[Any], Any]) -> str:
    return f"{convert.__module__.rpartition('.')[2]}.{convert.__qualname__}"


class UnknownConverter(LookupError):
    """A field whose converter has no JSON Schema here: add it to ``VALUES``."""


def mapping(fields: Mapping[str, Field], items: Mapping[str, Mapping[str, Field]]) -> dict:
    """An object with exactly these keys; ``items``: the fields of each list key's items."""
    properties = {}
    for key, field in fields.items():
        name = _converter(field.convert)
        if field.convert is as_list:
            if key not in items:
                raise UnknownConverter(f"{key!r} is a list: name its items' fields")
            value = {"type": "array", "items": mapping(items[key], items)}
        elif name in VALUES:
            value = dict(VALUES[name])
        else:
            raise UnknownConverter(f"{key!r}: {name} has no JSON Schema: add it to VALUES")
        properties[key] = {"description": field.expected, **value}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def document(title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": description, **body}


def schemas() -> dict[str, dict[str, Any]]:
    """Each schema by file name."""
    term = mapping(knowledge.TERM_FIELDS, {"further_reading": knowledge.WORK_FIELDS})
    entity = mapping(knowledge.ENTITY_FIELDS, {})
    lists = [folder for kind, (folder, _, _) in knowledge.KINDS.items() if kind != "term"]
    return {
        "sidecar.schema.json": document(
            "dossier sidecar",
            "seeds/<name>.yml: the editors' metadata and corrections for the source"
            " seeds/<name>.txt. Every key is optional.",
            mapping(
                sidecar.SIDECAR_FIELDS,
                {"corrections": sidecar.CORRECTION_FIELDS, "glosses": sidecar.GLOSS_FIELDS},
            ),
        ),
        "glossary.schema.json": document(
            "dossier glossary",
            "seeds/data/glossary.yml: the concepts the sources lean on, one item each.",
            {"type": ["array", "null"], "items": term},
        ),
        "entities.schema.json": document(
            "dossier entities",
            "seeds/data/entities.yml: people, organisations, places and events, a list each.",
            {
                "type": ["object", "null"],
                "properties": {
                    knowledge.LINKS: {
                        "description": "the link policy of a whole list: " + knowledge.LINK_TEXT,
                        "type": "object",
                        "properties": {
                            name: {"enum": list(knowledge.LINK_POLICIES)} for name in lists
                        },
                        "additionalProperties": False,
                    },
                    **{name: {"type": ["array", "null"], "items": entity} for name in lists},
                },
                "additionalProperties": False,
            },
        ),
        "events.schema.json": document(
            "dossier timeline",
            "seeds/data/events.yml: dated events for the timeline, one item each.",
            {"type": ["array", "null"], "items": mapping(knowledge.EVENT_FIELDS, {})},
        ),
    }


def rendered() -> dict[str, str]:
    """Each schema's file text: stable, so that the committed files can be compared."""
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas().items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.schema",
        description="Write the JSON Schemas of the sidecar and data files into schemas/.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    args = parser.parse_args(argv)
    folder = args.root / SCHEMAS
    folder.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
