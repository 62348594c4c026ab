"""Hostile YAML from strangers' pull requests: bounded, and one line per problem.

Sidecars, data files and ``mkdocs.yml`` are loaded with limits on size, depth
and aliases; tags and repeated keys are refused with their line; whatever the
text, loading raises nothing but DossierError.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.config import CONFIG_MAX_BYTES, load_settings
from build_scripts.errors import DossierError
from build_scripts.knowledge import DATA_FILE_MAX_BYTES, load_knowledge
from build_scripts.sidecar import SIDECAR_MAX_BYTES, load_sidecar
from build_scripts.yamlfile import EXCERPT_MAX, excerpt, load_yaml

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
    for a, b in zip("abcdefghi", "bcdefghij", strict=True)
)
"""The "billion laughs": ten lines, 9**10 values once every alias is expanded."""

SETTINGS = "site_name: S\nextra:\n  dossier:\n    subject: s\n"


def sidecar_error(tmp_path: Path, text: str | bytes) -> list[str]:
    """The lines of the error a sidecar ``a.yml`` holding ``text`` gives."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    (tmp_path / "a.yml").write_bytes(data)
    with pytest.raises(DossierError) as caught:
        load_sidecar(Path("a.yml"), tmp_path)
    return str(caught.value).split("\n")


def settings_error(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        load_settings(tmp_path)
    return str(caught.value).split("\n")


def data_error(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / "seeds" / "data").mkdir(parents=True, exist_ok=True)
    (tmp_path / "seeds" / "data" / name).write_text(text, encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        load_knowledge(tmp_path)
    return str(caught.value).split("\n")


def test_a_billion_laughs_is_refused_at_once_in_a_sidecar(tmp_path: Path) -> None:
    start = time.perf_counter()
    lines = sidecar_error(tmp_path, LAUGHS + "title: *j\n")
    assert time.perf_counter() - start < 1
    assert lines[0] == (
        "a.yml:2: error: an alias (*a) repeats another value — write the value out in"
        " full: the dossier's files use no anchors or aliases"
    )
    assert all(len(line) < 300 for line in lines)


def test_aliases_are_refused_in_data_files(tmp_path: Path) -> None:
    text = "- term: A\n  short: &s One line.\n- term: B\n  short: *s\n"
    assert data_error(tmp_path, "glossary.yml", text) == [
        "seeds/data/glossary.yml:4: error: an alias (*s) repeats another value — write the"
        " value out in full: the dossier's files use no anchors or aliases"
    ]


def test_mkdocs_yml_may_use_a_few_aliases_but_no_bomb(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        SETTINGS + "base: &base {a: 1}\nother:\n  <<: *base\n  b: 2\nlist: [*base, *base]\n",
        encoding="utf-8",
    )
    assert load_settings(tmp_path).title == "S"
    start = time.perf_counter()
    lines = settings_error(tmp_path, SETTINGS + LAUGHS)
    assert time.perf_counter() - start < 1
    assert lines == [
        "mkdocs.yml:9: error: aliases repeat more than 10,000 values"
        " — write the values out, or use fewer aliases"
    ]
    assert settings_error(tmp_path, SETTINGS + "a: &a [1, *a]\n") == [
        "mkdocs.yml:5: error: an alias refers to the value that contains it"
        " — remove the alias: the value would never end"
    ]


def test_mkdocs_yml_keeps_its_python_tags(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        SETTINGS + "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "copyright: !ENV [COPYRIGHT, nobody]\n",
        encoding="utf-8",
    )
    assert load_settings(tmp_path).subject == "s"


@pytest.mark.parametrize(
    ("limit", "write", "message"),
    [
        (SIDECAR_MAX_BYTES, "seeds/a.yml", "the limit for a sidecar"),
        (DATA_FILE_MAX_BYTES, "seeds/data/glossary.yml", "the limit for a data file"),
        (CONFIG_MAX_BYTES, "mkdocs.yml", "the limit for mkdocs.yml"),
    ],
)
def test_a_file_over_its_size_limit_is_one_line(
    tmp_path: Path, limit: int, write: str, message: str
) -> None:
    path = tmp_path / write
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"# " + b"x" * limit + b"\n")
    with pytest.raises(DossierError) as caught:
        if write == "mkdocs.yml":
            load_settings(tmp_path)
        elif write.startswith("seeds/data"):
            load_knowledge(tmp_path)
        else:
            load_sidecar(Path(write), tmp_path)
    size = f"{limit // 1024} KiB" if limit < 1 << 20 else f"{limit >> 20} MiB"
    assert str(caught.value) == (
        f"{write}: error: the file is larger than {size}, {message}"
        " — shorten it (or split it); nothing of it was read"
    )


def test_the_limits_are_what_the_dossier_needs() -> None:
    assert SIDECAR_MAX_BYTES == 256 * 1024
    assert DATA_FILE_MAX_BYTES == 4 * 1024 * 1024
    assert CONFIG_MAX_BYTES == 1024 * 1024


def test_a_repeated_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    assert sidecar_error(tmp_path, "title: A\nauthor: B\ntitle: C\nkind: news\nkind: x\n") == [
        "a.yml:3: error: the key 'title' is given twice (first on line 1) — keep one of them",
        "a.yml:5: error: the key 'kind' is given twice (first on line 4) — keep one of them",
    ]
    text = "- term: A\n  short: x\n  aliases: [B]\n  short: y\n"
    assert data_error(tmp_path, "glossary.yml", text) == [
        "seeds/data/glossary.yml:4: error: the key 'short' is given twice (first on line 2)"
        " — keep one of them"
    ]
    assert settings_error(tmp_path, SETTINGS + "site_name: T\n") == [
        "mkdocs.yml:5: error: the key 'site_name' is given twice (first on line 1)"
        " — keep one of them"
    ]


@pytest.mark.parametrize(
    "tagged",
    [
        "!custom x",
        "!!python/object/apply:os.system [echo hi]",
        "!!binary aGk=",
        "!!str 1990",
        "!!set {a: null}",
    ],
)
def test_a_tag_in_a_sidecar_or_data_file_is_an_error(tmp_path: Path, tagged: str) -> None:
    tag = tagged.split(" ")[0]
    full = tag.replace("!!", "tag:yaml.org,2002:")
    todo = "remove it: write plain text, numbers, dates, lists and mappings"
    assert sidecar_error(tmp_path, f"kind: news\ntitle: {tagged}\n") == [
        f"a.yml:2: error: the tag {full!r} is not allowed — {todo}"
    ]
    text = f"- term: A\n  short: x\n  further_reading:\n    - author: a\n      title: {tagged}\n"
    assert data_error(tmp_path, "glossary.yml", text) == [
        f"seeds/data/glossary.yml:5: error: the tag {full!r} is not allowed — {todo}"
    ]


def test_every_tag_of_a_file_is_named_at_once(tmp_path: Path) -> None:
    lines = sidecar_error(tmp_path, "title: !a x\nauthor: !b y\nkind: !c news\n")
    assert [line.split(": error: ")[0] for line in lines] == ["a.yml:1", "a.yml:2", "a.yml:3"]


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 10_000 + "]" * 10_000,
        "{a: " * 10_000 + "}" * 10_000,
        "".join(f"\n{'  ' * n}k{n}:" for n in range(2, 300)),
    ],
)
def test_deep_nesting_is_one_line_not_a_recursion_error(tmp_path: Path, nested: str) -> None:
    for lines in (
        sidecar_error(tmp_path, f"kind: news\ntitle: {nested}\n"),
        settings_error(tmp_path, SETTINGS + f"deep: {nested}\n"),
        data_error(tmp_path, "events.yml", f"- date: 2020\n  title: {nested}\n"),
    ):
        assert len(lines) == 1
        assert "error: the values are nested more than 50 levels deep" in lines[0]


def test_a_yaml_syntax_error_names_a_real_line(tmp_path: Path) -> None:
    # An unclosed quote on the last line: PyYAML puts the end on line 4 of 3.
    for text in ('title: A\nauthor: B\nkind: "news\n', 'title: A\nauthor: B\nkind: "news'):
        assert sidecar_error(tmp_path, text) == [
            "a.yml:3: error: YAML syntax error: found unexpected end of stream (while scanning"
            " a quoted scalar) — fix the YAML (indentation, quotes, colons)"
        ]
    # An unclosed bracket is reported where it opened.
    assert sidecar_error(tmp_path, "title: A\nauthor: [B\n\n\n")[0].startswith("a.yml:2: ")
    # U+2028 and a lone CR are line breaks to PyYAML, not to editors or GitHub.
    lines = sidecar_error(tmp_path, 'title: "a\u2028b\u2028c"\nsummary: s\rkind: news\nx: 1\n')
    assert lines[0].startswith("a.yml:3: error: unknown key 'x'")


def test_control_characters(tmp_path: Path) -> None:
    """Raw control characters are refused with their line, and so are escaped
    ones: no page can show them (never stripped silently)."""
    for char in ("\x00", "\x7f", "\x9f"):
        assert sidecar_error(tmp_path, f"kind: news\ntitle: a{char}b\n") == [
            f"a.yml:2: error: the file holds the control character U+{ord(char):04X} — remove it"
        ]
    for escape, char in (("\\x7f", "\x7f"), ("\\x9f", "\x9f"), ("\\x00", "\x00")):
        assert sidecar_error(tmp_path, f'title: "a{escape}b"\n') == [
            f"a.yml:1: error: 'title' should be text, not {'a' + char + 'b'!r} (it holds the"
            f" character U+{ord(char):04X}: remove it) — correct the value"
        ]


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    assert sidecar_error(tmp_path, b"title: A\nauthor: Jos\xe9\n") == [
        "a.yml:2: error: the file is not UTF-8 text — save it as UTF-8"
    ]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"\xef\xbb\xbftitle: A\r\nkind: news\r\n")
    meta = load_sidecar(Path("a.yml"), tmp_path)
    assert (meta.title, meta.kind) == ("A", "news")
    lines = sidecar_error(tmp_path, b"\xef\xbb\xbftitle: A\r\nkind: news\r\ncolour: red\r\n")
    assert lines[0].startswith("a.yml:3: error: unknown key 'colour'")


def test_a_message_quotes_at_most_an_excerpt(tmp_path: Path) -> None:
    huge = "x" * 60_000
    lines = sidecar_error(tmp_path, f"published: {huge}\nkind: [{huge}]\n? {huge}\n: 1\n")
    assert len(lines) == 3 and all(len(line) < 300 for line in lines)
    assert lines[0].startswith(
        f"a.yml:1: error: 'published' should be a date like 2024-06-20, not '{'x' * 58}…"
    )
    assert excerpt("y" * 1000) == "'" + "y" * (EXCERPT_MAX - 2) + "…"
    assert len(excerpt([[["z" * 1000] * 1000] * 1000])) <= EXCERPT_MAX


def test_odd_settings_are_one_line_each(tmp_path: Path) -> None:
    todo = "correct the value"
    for value in ("123", "[https://a.org]", "javascript:alert(1)", "{a: 1}", "ftp://x.org"):
        lines = settings_error(tmp_path, SETTINGS + f"repo_url: {value}\n")
        assert lines == [
            "mkdocs.yml:5: error: 'repo_url' should be the repository's web address,"
            " starting with https://,"
            f" not {excerpt(load_yaml(Path('v'), tmp_path, value.encode()))} — {todo}"
        ]
    assert settings_error(tmp_path, "site_name: [a, b]\nextra:\n  dossier:\n    subject: s\n") == [
        "mkdocs.yml:1: error: 'site_name' should be the dossier's title, as text (without <"
        f" or >), not ['a', 'b'] — {todo}"
    ]
    assert settings_error(tmp_path, SETTINGS + "edit_uri: {a: 1}\n")[0].startswith(
        "mkdocs.yml:5: error: 'edit_uri' should be a path like edit/main/docs/ (or an https://"
        " address), not {'a': 1}"
    )
    assert settings_error(tmp_path, "site_name: S\nextra: [dossier]\n") == [
        "mkdocs.yml:2: error: 'extra' should be a mapping with the key dossier,"
        f" not ['dossier'] — {todo}"
    ]
    assert settings_error(tmp_path, "site_name: S\nextra:\n  dossier: [a]\n") == [
        "mkdocs.yml:3: error: extra.dossier must be a mapping of keys to values, not ['a']"
        " — use keys: subject, editors, themes"
    ]
    assert settings_error(tmp_path, "- a\n") == [
        "mkdocs.yml:1: error: mkdocs.yml must be a mapping of keys to values, not ['a']"
        " — use keys: site_name, site_url, repo_url, edit_uri, edit_uri_template, extra"
    ]


def test_a_branch_that_is_no_plain_name_is_not_linked(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        SETTINGS + 'repo_url: https://example.org/r\nedit_uri: "edit/x:y/docs/"\n',
        encoding="utf-8",
    )
    assert load_settings(tmp_path).branch == "main"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("edit_uri", '"javascript:alert(1)//"'),
        ("edit_uri", "JavaScript:alert(1)"),
        ("edit_uri", '"//evil.example/"'),
        ("edit_uri", '"edit/x\\"><b>/docs/"'),
        ("edit_uri_template", '"javascript:alert(1)//{path}"'),
        ("edit_uri_template", "data:text/html,x{path}"),
    ],
)
def test_an_edit_link_that_is_no_web_address_is_refused(
    tmp_path: Path, key: str, value: str
) -> None:
    """Every "Edit this page" link is made of repo_url and edit_uri: one that
    could run script, or leave for another host, is refused."""
    (line,) = settings_error(
        tmp_path, SETTINGS + f"repo_url: https://example.org/r\n{key}: {value}\n"
    )
    assert line.startswith(f"mkdocs.yml:6: error: '{key}' should be a path like edit/main/docs/")


def test_a_full_https_edit_address_is_fine(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        SETTINGS + "edit_uri: https://example.org/r/edit/trunk/docs/\n", encoding="utf-8"
    )
    assert load_settings(tmp_path).title


def test_settings_from_another_file_or_the_environment_are_refused(tmp_path: Path) -> None:
    assert settings_error(tmp_path, SETTINGS + "INHERIT: /tmp/parent.yml\n") == [
        "mkdocs.yml:5: error: 'INHERIT' would bring in settings from another file, unseen by"
        " the dossier — copy the settings you need into mkdocs.yml and remove 'INHERIT'"
    ]
    text = SETTINGS.replace("site_name: S", "site_name: !ENV [SECRET, fallback]")
    assert "site_name: S" in SETTINGS
    (line,) = settings_error(tmp_path, text)
    assert line == (
        "mkdocs.yml:1: error: 'site_name' should be the dossier's title, as text (without < or"
        " >), not a value tagged !ENV — correct the value"
    )
    text = SETTINGS.replace("site_name: S", 'site_name: "Dossier <img src=x onerror=alert(1)>"')
    (line,) = settings_error(tmp_path, text)
    assert line.startswith("mkdocs.yml:1: error: 'site_name' should be the dossier's title")


_SCALARS = st.sampled_from(
    ["~", "true", "1", "0x_", "1" * 5000, ".inf", ".nan", "1.0e+400", "2024-02-30", "=", "<<",
     "[]", "{}", "'q", '"\\x7f"', "&a x", "*a", "!t x", "? [a]", "- x", "|\n  y", "\t", "\x00"]
)  # fmt: skip
_KEYS = st.sampled_from(
    ["title", "published", "url", "kind", "corrections", "original", "term", "short", "year",
     "further_reading", "people", "name", "date", "mentions", "site_name", "repo_url", "extra",
     "dossier", "subject", "- term", "- original", "  - author", "    year"]
)  # fmt: skip
_DOCUMENTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.tuples(_KEYS, _SCALARS), max_size=8).map(
        lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs)
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_DOCUMENTS)
def test_any_yaml_text_raises_nothing_but_a_dossier_error(tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    (tmp_path / "seeds" / "data").mkdir(parents=True, exist_ok=True)
    for name in ("glossary.yml", "entities.yml", "events.yml"):
        (tmp_path / "seeds" / "data" / name).write_bytes(data)
    (tmp_path / "a.yml").write_bytes(data)
    (tmp_path / "mkdocs.yml").write_bytes(data)
    for load in (
        lambda: load_sidecar(Path("a.yml"), tmp_path),
        lambda: load_knowledge(tmp_path),
        lambda: load_settings(tmp_path),
    ):
        try:
            load()
        except DossierError as error:
            assert all(
                ": error: " in line or ": warning: " in line for line in str(error).split("\n")
            )
