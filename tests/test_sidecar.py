"""Sidecars: every key optional, every mistake one line naming file, line and the fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_scripts.errors import DossierError
from build_scripts.sidecar import load_sidecar


def load(tmp_path: Path, text: str):
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    return load_sidecar(Path("a.yml"), tmp_path)


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(DossierError) as caught:
        load(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("a.yml:")
    return message


def test_all_keys_load_with_their_types(tmp_path: Path) -> None:
    meta = load(
        tmp_path,
        "title: A Title\nauthor: Jane Doe\npublished: 2024-06-20\nkind: Opinion\n"
        "url: https://example.org/a\npublication: The Paper\nsummary: Short.\n"
        "corrections:\n  - original: teh\n    corrected: the\n    reason: typo\n",
    )
    assert meta.title == "A Title" and meta.published == dt.date(2024, 6, 20)
    assert meta.kind == "opinion"
    assert meta.corrections[0].corrected == "the"


def test_date_and_source_are_other_names_for_published_and_url(tmp_path: Path) -> None:
    meta = load(tmp_path, "title: T\ndate: 2024-06-20\nsource: https://example.org/a\n")
    assert meta.published == dt.date(2024, 6, 20) and meta.url == "https://example.org/a"
    message = error_of(tmp_path, "published: 2024-06-20\ndate: 2024-06-21\n")
    assert message.startswith("a.yml:2: error: the sidecar gives both 'date' and 'published'")


def test_empty_sidecar_is_fine(tmp_path: Path) -> None:
    assert load(tmp_path, "# nothing yet\n").title is None


def test_unknown_key_names_line_and_allowed_keys(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: x\ntitel: y\n")
    assert message.startswith("a.yml:2: error: unknown key 'titel'")
    assert "allowed keys: title, author" in message


def test_wrong_type_names_the_line(tmp_path: Path) -> None:
    assert error_of(tmp_path, "author: x\npublished: last June\n").startswith("a.yml:2:")
    assert "one of: news, analysis, opinion" in error_of(tmp_path, "kind: rumour\n")


def test_every_mistake_in_a_sidecar_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as caught:
        load(tmp_path, "published: last June\nkind: rumour\ncolour: blue\nurl: ftp://x\n")
    lines = str(caught.value).split("\n")
    assert [line.split(": error: ")[0] for line in lines] == [f"a.yml:{n}" for n in (1, 2, 3, 4)]
    assert "'colour'" in lines[2] and "'url' should be a web address" in lines[3]


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: ok\nauthor: [unclosed\nkind: news\n")
    assert message.startswith("a.yml:3: error: YAML syntax error: expected ',' or ']'")
    assert "(while parsing a flow sequence that starts on line 2)" in message


def test_correction_needs_all_three_keys(tmp_path: Path) -> None:
    message = error_of(tmp_path, "corrections:\n  - original: teh\n    corrected: the\n")
    assert "no 'reason'" in message and message.startswith("a.yml:2:")


def test_an_impossible_date_names_the_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "kind: news\npublished: 2024-02-30\n")
    assert message.startswith("a.yml:2: error: 'published' should be a date")


def test_a_list_as_a_key_is_one_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "title: x\n? [a, b]\n: c\n")
    assert message == "a.yml:2: error: a list or mapping is used as a key — make the key plain text"


def test_every_mistake_in_the_corrections_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as caught:
        load(
            tmp_path,
            "corrections:\n  - teh\n  - original: a\n    corrected: a\n    reason: r\n"
            "  - original: b\n    corrected: c\npublished: never\n",
        )
    assert str(caught.value).split("\n") == [
        "a.yml:2: error: a correction must be a mapping of keys to values, not 'teh'"
        " — use keys: original, corrected, reason",
        "a.yml:3: error: a correction leaves the text unchanged"
        " — make 'corrected' differ from 'original', or remove it",
        "a.yml:6: error: a correction has no 'reason' — add 'reason: …'",
        "a.yml:8: error: 'published' should be a date like 2024-06-20, not 'never'"
        " — correct the value",
    ]


def test_a_sidecar_that_is_a_list_or_a_text_is_one_line(tmp_path: Path) -> None:
    assert error_of(tmp_path, "- title: A\n").startswith(
        "a.yml:1: error: the sidecar must be a mapping of keys to values, not [{'title': 'A'}]"
    )
    assert error_of(tmp_path, "just a title\n").startswith(
        "a.yml: error: the sidecar must be a mapping of keys to values, not 'just a title'"
    )


@pytest.mark.parametrize("escape", ["\\x00", "\\x7f", "\\x9f", "\\uFFFE", "\\uD800", "\\e"])
def test_a_character_no_page_can_show_is_named(tmp_path: Path, escape: str) -> None:
    message = error_of(tmp_path, f'title: "Before{escape}after"\n')
    assert message.startswith("a.yml:1: error: 'title' should be text, not ")
    assert "it holds the character U+" in message and message.endswith("— correct the value")


def test_a_correction_is_one_line(tmp_path: Path) -> None:
    message = error_of(
        tmp_path,
        "corrections:\n  - original: Officials\n"
        '    corrected: "Offi\\ncials\\n# Heading"\n    reason: r\n',
    )
    assert message.startswith("a.yml:3: error: 'corrected' should be the corrected text, on one")


def test_thesis_is_a_paragraph_number_or_a_sentence(tmp_path: Path) -> None:
    assert load(tmp_path, "thesis: 12\n").thesis.paragraph == 12
    assert load(tmp_path, "thesis: ¶12\n").thesis.paragraph == 12
    pin = load(tmp_path, "kind: opinion\nthesis: “This is no mere marriage of convenience.”\n")
    assert pin.thesis.sentence == "“This is no mere marriage of convenience.”"
    assert pin.thesis.line == 2


@pytest.mark.parametrize("value", ["0", "-3", "[12, 13]", "''", "true", "|\n  two\n  lines"])
def test_a_thesis_that_is_neither_is_one_line(tmp_path: Path, value: str) -> None:
    message = error_of(tmp_path, f"title: T\nthesis: {value}\n")
    assert message.startswith("a.yml:2:") and "a ¶ number like 12" in message


def test_the_editors_may_state_the_language(tmp_path: Path) -> None:
    assert load(tmp_path, "language: pt-BR\n").language == "pt-BR"
    message = error_of(tmp_path, "language: Portuguese\n")
    assert message.startswith("a.yml:1: error:") and "a language code like en" in message
