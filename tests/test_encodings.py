"""Reading text in mixed encodings and with characters that are not text: every
change is recorded, and nothing else is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.errors import DossierError

from .test_read import read_bytes as read
from .test_read import texts

FRENCH = "La crème brûlée du chef a été servie après le dîner, à la française."
GERMAN = "Die Größe der Straße überrascht die Bürger von München jedes Jahr."
SPANISH = "El niño comió jamón en España y pidió una canción más, señor."
QUOTED = "“C’est déjà fini”, dit-elle — et son résumé était très clair."


def lines(*parts: tuple[str, str]) -> bytes:
    return b"".join(text.encode(encoding) + b"\n" for text, encoding in parts)


def test_a_utf8_file_with_a_latin1_line_is_read_line_by_line(tmp_path: Path) -> None:
    data = lines(
        (FRENCH, "utf-8"), (GERMAN, "latin-1"), (SPANISH, "utf-8"), ("Plain line.", "ascii")
    )
    source = read(tmp_path, data)
    assert texts(source)[:4] == [FRENCH, GERMAN, SPANISH, "Plain line."]
    assert source.encoding == "utf-8"
    assert "not UTF-8 like the rest of the file, so read as cp1252: line 2" in source.repairs


def test_windows_quotes_pick_cp1252_and_each_line_is_named(tmp_path: Path) -> None:
    data = lines(
        (GERMAN, "utf-8"),
        (QUOTED, "cp1252"),
        (FRENCH, "utf-8"),
        (SPANISH, "latin-1"),
        (FRENCH, "utf-8"),
        ("", "ascii"),
        (GERMAN, "utf-8"),
    )
    source = read(tmp_path, data)
    assert texts(source)[:7] == [GERMAN, QUOTED, FRENCH, SPANISH, FRENCH, "", GERMAN]
    assert "not UTF-8 like the rest of the file, so read as cp1252: lines 2, 4" in source.repairs


def test_a_byte_windows_1252_leaves_undefined_is_read_as_latin1_and_removed(
    tmp_path: Path,
) -> None:
    data = lines((FRENCH, "utf-8"), (SPANISH, "utf-8")) + b"caf\xe9 \x81ici\n"
    source = read(tmp_path, data)
    assert texts(source)[:3] == [FRENCH, SPANISH, "café ici"]
    assert "not UTF-8 like the rest of the file, so read as latin-1: line 3" in source.repairs
    assert "invisible characters removed: control character U+0081" in source.repairs


def test_a_bom_declares_utf8_even_when_half_the_lines_are_latin1(tmp_path: Path) -> None:
    source = read(tmp_path, b"\xef\xbb\xbf" + lines((FRENCH, "utf-8"), (GERMAN, "cp1252")))
    assert texts(source)[:2] == [FRENCH, GERMAN]
    assert "not UTF-8 like the rest of the file, so read as cp1252: line 2" in source.repairs


def test_many_lines_are_named_up_to_ten(tmp_path: Path) -> None:
    parts = [(FRENCH, "utf-8")] * 30 + [(GERMAN, "latin-1")] * 12
    source = read(tmp_path, lines(*parts))
    assert texts(source)[41] == GERMAN
    assert (
        "not UTF-8 like the rest of the file, so read as cp1252:"
        " lines 31, 32, 33, 34, 35, 36, 37, 38, 39, 40 and 2 more"
    ) in source.repairs


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_file_wholly_in_one_single_byte_encoding_is_not_split(
    tmp_path: Path, encoding: str
) -> None:
    text = "\n".join([FRENCH, GERMAN, SPANISH] * 4)
    source = read(tmp_path, text.encode(encoding))
    assert texts(source) == text.split("\n")
    assert not any("not UTF-8 like the rest" in r for r in source.repairs)
    assert any(r.startswith("decoded from") for r in source.repairs)


def test_mostly_windows_1252_with_a_utf8_line_names_the_utf8_line(tmp_path: Path) -> None:
    """charset-normalizer alone reads this file as cp1250 ("crčme"); its
    Windows-1252 lines are enough text for it once the UTF-8 line is set apart."""
    data = lines(*[(FRENCH, "cp1252"), (GERMAN, "cp1252"), (SPANISH, "cp1252")] * 3)
    data += lines((QUOTED, "utf-8"), ("", "ascii"), (FRENCH, "cp1252"))
    source = read(tmp_path, data)
    assert texts(source)[:12] == [FRENCH, GERMAN, SPANISH] * 3 + [QUOTED, "", FRENCH]
    assert source.encoding == "cp1252"
    assert source.repairs == (
        "decoded from cp1252",
        "UTF-8, unlike the rest of the file (read as cp1252): line 10",
    )


def test_pure_utf8_and_utf16_are_unchanged(tmp_path: Path) -> None:
    text = "\n".join([FRENCH, GERMAN, SPANISH, QUOTED])
    utf8 = read(tmp_path, text.encode("utf-8"))
    assert (texts(utf8), utf8.encoding, utf8.repairs) == (text.split("\n"), "utf-8", ())
    utf16 = read(tmp_path, text.encode("utf-16"))
    assert texts(utf16) == text.split("\n")
    assert utf16.repairs == ("decoded from utf-16",)


def test_a_utf16_bom_on_bytes_that_are_not_utf16_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as caught:
        read(tmp_path, b"\xff\xfe" + "Hello there".encode("utf-16-le") + b"\x00\xd8")
    assert str(caught.value) == (
        "a.txt: error: starts with a utf-16 byte-order mark, but byte 25 is not utf-16"
        " — save the article again as plain text (UTF-8)"
    )


def test_a_page_saved_compressed_is_named_for_what_it_is(tmp_path: Path) -> None:
    """An analyst's ``page.html.gz``, renamed ``page.html``: not "bytes in no encoding"."""
    import gzip

    packed = gzip.compress(b"<html><body><p>An article saved compressed.</p></body></html>")
    with pytest.raises(DossierError) as caught:
        read(tmp_path, packed)
    assert str(caught.value) == (
        "a.txt: error: this is a gzip-compressed file, not text"
        " — decompress it (gunzip) and rebuild"
    )


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\uffff", "noncharacter U+FFFF"),
        ("\ufffe", "noncharacter U+FFFE"),
        ("\ufdd0", "noncharacter U+FDD0"),
        ("\U0010ffff", "noncharacter U+10FFFF"),
        ("\x0c", "control character U+000C"),
        ("\x9d", "control character U+009D"),
        ("\u202e", "bidirectional control U+202E"),
        ("\u2066", "bidirectional control U+2066"),
        ("\U000e0041", "tag character U+E0041"),
    ],
)
def test_characters_that_are_not_text_are_removed_and_named(
    tmp_path: Path, char: str, name: str
) -> None:
    source = read(tmp_path, f"Kim met{char} Putin in{char} June.\nNext line.\n".encode())
    assert texts(source)[:2] == ["Kim met Putin in June.", "Next line."]
    assert f"invisible characters removed: {name}" in source.repairs


def test_every_other_character_is_kept(tmp_path: Path) -> None:
    kept = (
        "Tab\there, private\ue000use, replacement \ufffd, emoji 🙂, Hebrew \u200fשלום, Arabic عربي"
    )
    source = read(tmp_path, (kept + "\n").encode())
    assert texts(source)[0] == kept.replace("\t", " ")
    assert not any("invisible characters removed" in r for r in source.repairs)
