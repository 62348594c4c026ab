"""The editors' JSON Schemas (schemas/) are the loaders' field lists: committed as
generated, they accept the project's own files and refuse what the loaders refuse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from build_scripts import knowledge, schema, sidecar

from .conftest import ROOT

SCHEMAS = ROOT / "schemas"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: a date stays text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def errors(name: str, data: Any) -> list[str]:
    return [error.message for error in validator(name).iter_errors(data)]


def test_the_committed_schemas_are_what_the_field_lists_give() -> None:
    for name, text in schema.rendered().items():
        path = SCHEMAS / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} differs from the loaders' fields:"
            " run `.venv/bin/python -m build_scripts.schema` and commit schemas/"
        )
    assert {p.name for p in SCHEMAS.glob("*.json")} == set(schema.rendered())


def test_every_key_the_loaders_take_and_no_other() -> None:
    sidecar_schema = json.loads((SCHEMAS / "sidecar.schema.json").read_text(encoding="utf-8"))
    assert list(sidecar_schema["properties"]) == list(sidecar.SIDECAR_FIELDS)
    correction = sidecar_schema["properties"]["corrections"]["items"]
    assert list(correction["properties"]) == list(sidecar.CORRECTION_FIELDS)
    glossary = json.loads((SCHEMAS / "glossary.schema.json").read_text(encoding="utf-8"))
    assert list(glossary["items"]["properties"]) == list(knowledge.TERM_FIELDS)
    assert sidecar_schema["properties"]["kind"]["description"] == (
        sidecar.SIDECAR_FIELDS["kind"].expected
    )


def test_the_projects_own_files_are_valid() -> None:
    sidecars = sorted((ROOT / "seeds").glob("*.yml"))
    for path in sidecars:
        assert not errors("sidecar.schema.json", read(path)), path
    data = ROOT / "seeds" / "data"
    for name in ("glossary", "entities", "events"):
        found = errors(f"{name}.schema.json", read(data / f"{name}.yml"))
        assert not found, (name, found[:3])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"auther": "Jane Doe"}, "'auther' was unexpected"),
        ({"kind": "blog"}, "'blog' is not one of"),
        ({"url": "javascript:alert(1)"}, "does not match"),
        ({"published": "20 June 2024"}, "does not match"),
        ({"published": "2024-06-31x"}, "does not match"),
        ({"thesis": 0}, "is not valid under any of the given schemas"),
        ({"corrections": [{"original": "a\nb", "corrected": "ab"}]}, "does not match"),
        ({"corrections": [{"orignal": "x"}]}, "'orignal' was unexpected"),
    ],
)
def test_a_sidecar_mistake_is_shown_in_the_editor(data: dict, message: str) -> None:
    assert any(message in found for found in errors("sidecar.schema.json", data)), errors(
        "sidecar.schema.json", data
    )


def test_data_file_mistakes_are_shown_in_the_editor() -> None:
    long = "x" * (knowledge.SHORT_MAX + 1)
    assert errors("glossary.schema.json", [{"term": "T", "short": long}])
    assert errors("glossary.schema.json", [{"term": "T", "further_reading": [{"year": 1e9}]}])
    assert errors("entities.schema.json", {"persons": []})  # people:
    assert errors("entities.schema.json", {"links": {"places": "sometimes"}})
    assert errors("entities.schema.json", {"people": [{"name": "N", "match_case": "yes"}]})
    assert errors("events.schema.json", [{"date": "2024-13", "title": "T"}])
    assert errors("events.schema.json", [{"date": "June 2024"}])
    assert not errors("events.schema.json", [{"date": 1947, "mentions": "a phrase"}])


def test_a_converter_without_a_schema_is_refused() -> None:
    from build_scripts.yamlfile import Field

    with pytest.raises(schema.UnknownConverter, match="add it to VALUES"):
        schema.mapping({"new": Field(lambda value: value, "anything")}, {})
