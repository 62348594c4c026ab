"""Reading: any encoding an analyst's machine produces becomes the same clean text."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.errors import DossierError
from build_scripts.model import SourceFile
from build_scripts.read import MAX_BYTES, MAX_HTML_BYTES, read_source

from .conftest import run_dossier

TEXT = "North Korea’s “ally”: Großraum, café — 1807.\nSecond line."


def read_bytes(tmp_path: Path, data: bytes):
    (tmp_path / "a.txt").write_bytes(data)
    return read_source(SourceFile(Path("a.txt")), tmp_path)


def texts(source) -> list[str]:
    return [line.text for line in source.lines]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_every_common_encoding_decodes_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data  # Windows' "Unicode" files carry a BOM
    assert texts(read_bytes(tmp_path, data)) == TEXT.split("\n")


def test_latin1_is_detected_not_guessed_from_the_extension(tmp_path: Path) -> None:
    text = "Le café de la Großraum à Genève était fermé. " * 8
    source = read_bytes(tmp_path, text.encode("latin-1"))
    assert texts(source) == [text.rstrip()]
    assert any("decoded from" in r for r in source.repairs)


def test_mojibake_is_repaired_and_the_repair_recorded(tmp_path: Path) -> None:
    source = read_bytes(tmp_path, "Pyongyangâ€™s â€œForeign Ministryâ€\x9d".encode())
    assert texts(source) == ["Pyongyang’s “Foreign Ministry”"]
    assert any("ftfy" in r for r in source.repairs)


def test_crlf_invisible_characters_and_nbsp_are_normalised(tmp_path: Path) -> None:
    data = "Kim\u00a0Jong\u00a0Un met\u200b Putin.\r\nGro\u00dfraum\u00ad is a word.\r\n".encode()
    source = read_bytes(tmp_path, data)
    assert texts(source)[:2] == ["Kim Jong Un met Putin.", "Großraum is a word."]
    assert any("invisible" in r for r in source.repairs)
    assert any("spaces" in r for r in source.repairs)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(DossierError) as caught:
        read_bytes(tmp_path, data)
    assert str(caught.value).startswith("a.txt: error:")
    assert message in str(caught.value) or "not text" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_oversized_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as caught:
        read_bytes(tmp_path, b"word " * (MAX_BYTES // 5 + 1))
    assert str(caught.value) == (
        "a.txt: error: the file is 2049 KiB, over the 2048 KiB limit for one article"
        " — split it into one file per article"
    )


def test_a_saved_page_has_its_own_larger_limit(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(b"<p>" + b"word " * (MAX_HTML_BYTES // 5) + b"</p>")
    with pytest.raises(
        DossierError, match=r"^big\.html: error: the file is 8193 KiB, over the 8192"
    ):
        read_source(SourceFile(Path("big.html")), tmp_path)


def test_an_oversized_source_is_an_error_and_not_counted_from_the_cache(project: Path) -> None:
    (project / "seeds" / "huge.txt").write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    result = run_dossier(project, "build", "--no-cache")
    assert "seeds/huge.txt: error: the file is 2049 KiB, over the 2048 KiB limit" in result.stderr
    assert result.returncode == 1
    assert "3 of 4 sources (3 read, 0 from the cache)" in result.stdout, result.stdout


FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str):
    return read_source(SourceFile(Path(name)), FIXTURES)


def test_leftover_tags_are_removed_and_the_repair_recorded(tmp_path: Path) -> None:
    source = read_bytes(
        tmp_path, b"<p>Kim met <b>Putin</b> in June.<br>They signed a pact.</p>\n</div>\n"
    )
    assert texts(source)[:2] == ["Kim met Putin in June. They signed a pact.", ""]
    assert "leftover HTML tags removed (line 1: <p>, <b>, </b>, <br>, </p>; line 2: </div>)" in (
        source.repairs
    )


def test_entities_are_decoded_even_beside_a_less_than_sign(tmp_path: Path) -> None:
    source = read_bytes(tmp_path, b"Caf&eacute; &amp; bar &#8217;\nIf a < b &amp; c\n")
    assert texts(source)[:2] == ["Café & bar ’", "If a < b & c"]
    assert "HTML entities decoded" in source.repairs


def test_tags_that_carry_content_stay_visible_as_text(tmp_path: Path) -> None:
    source = read_bytes(tmp_path, b'<script>alert(1)</script> and <iframe src="x"></iframe>\n')
    assert texts(source)[0] == '<script>alert(1)</script> and <iframe src="x"></iframe>'
    assert not any("tags removed" in r for r in source.repairs)


def test_a_saved_web_page_gives_its_main_text_and_metadata() -> None:
    source = read_fixture("saved-page.html")
    text = "\n".join(texts(source))
    assert texts(source)[0] == "Pyongyang and Moscow Sign a Pact"
    assert "mutual defence treaty" in text and "What the treaty says" in text
    for junk in ("Subscribe", "Another story", "All rights reserved", "cookies", "tracking"):
        assert junk not in text
    assert source.stated.title == "Pyongyang and Moscow Sign a Pact"
    assert source.stated.author == "Jane Doe"
    assert source.stated.publication == "The Example Review"
    assert str(source.stated.published) == "2024-06-20"
    assert source.stated.url == "https://example.org/2024/06/pact"
    assert source.repairs[0].startswith("extracted from a saved web page with trafilatura")


def test_a_saved_page_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    page = (FIXTURES / "saved-page.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace("“", '"')
    page = page.replace("”", '"').replace("Seoul", "Séoul")
    (tmp_path / "p.htm").write_bytes(page.encode("cp1252"))
    source = read_source(SourceFile(Path("p.htm")), tmp_path)
    assert "greeted with concern in Séoul" in "\n".join(texts(source))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("login.html", (FIXTURES / "no-article.html").read_bytes(), "no article text found"),
        ("blank.html", b"<html><body>\n</body></html>", "no article text found"),
        ("empty.htm", b"", "the file is empty"),
        ("text.html", b"Just some words, no markup at all here.", "holds no HTML markup"),
        ("binary.html", bytes(range(256)) * 4, "not text"),
    ],
)
def test_a_bad_saved_page_is_one_line_naming_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(DossierError) as caught:
        read_source(SourceFile(Path(name)), tmp_path)
    assert str(caught.value).startswith(f"{name}: error:")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


WRAPPED = """A Title For The Piece

The first paragraph of this essay is wrapped at a
fixed width, as plain-text archives and e-mail often
are, and it goes on here.

The second paragraph is wrapped in the same way and
ends here.
"""


def test_hard_wrapped_paragraphs_are_joined_and_the_join_recorded(tmp_path: Path) -> None:
    source = read_bytes(tmp_path, WRAPPED.encode())
    assert [line.text for line in source.lines if line.text] == [
        "A Title For The Piece",
        "The first paragraph of this essay is wrapped at a fixed width, as plain-text"
        " archives and e-mail often are, and it goes on here.",
        "The second paragraph is wrapped in the same way and ends here.",
    ]
    assert [line.number for line in source.lines if line.text] == [1, 3, 7]
    assert any("joined into paragraphs" in r for r in source.repairs)


def test_a_menu_of_short_lines_is_not_unwrapped(tmp_path: Path) -> None:
    menu = "Home\nWorld\nBusiness\n\nSport\nCulture\nTravel\n\nA paragraph of text here.\n"
    source = read_bytes(tmp_path, menu.encode())
    assert [line.text for line in source.lines if line.text][:3] == ["Home", "World", "Business"]


def test_a_huge_sidecar_is_read_only_up_to_its_limit_and_refused(project: Path) -> None:
    from build_scripts import read
    from build_scripts.pipeline import build
    from build_scripts.sidecar import SIDECAR_MAX_BYTES

    (project / "seeds" / "zz.txt").write_text("A Title\n\nSome text of the article.\n")
    (project / "seeds" / "zz.yml").write_bytes(b"summary: " + b"x" * (4 * SIDECAR_MAX_BYTES))
    source = SourceFile(Path("seeds/zz.txt"), Path("seeds/zz.yml"))
    _, sidecar = read.read_bytes(source, project)
    assert sidecar is not None and len(sidecar) == SIDECAR_MAX_BYTES + 1
    problems = [str(p) for p in build(project).problems if p.severity == "error"]
    assert problems == [
        "seeds/zz.yml: error: the file is larger than 256 KiB, the limit for a sidecar"
        " — shorten it (or split it); nothing of it was read"
    ]


def test_a_closing_quote_that_lost_its_last_byte_is_repaired_and_said(tmp_path: Path) -> None:
    source = read_bytes(tmp_path, "He signed the “executive orderâ€, then left.\n".encode())
    assert texts(source)[0] == "He signed the “executive order”, then left."
    assert "mojibake of a closing quote repaired ('â€' → '”')" in source.repairs
