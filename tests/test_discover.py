"""Listing seeds/: names and files come from strangers, and each one that cannot be
used is named in one line while the rest is built."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from build_scripts.errors import DossierError
from build_scripts.model import SourceFile
from build_scripts.pipeline import build
from build_scripts.read import read_bytes, read_source
from build_scripts.sources import discover

from .conftest import run_dossier

ARTICLE = (
    "A Title For The Test\n\n"
    + "This sentence of the article says something the reader should see. " * 4
    + "\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def listed(root: Path) -> tuple[list[str], list[str]]:
    """The source files discover keeps, and its problems as the lines a user sees."""
    sources, problems = discover(root)
    return [s.text_path.as_posix() for s in sources], [str(p) for p in problems]


@contextmanager
def no_longer_than(seconds: int) -> Iterator[None]:
    """Fail, instead of hanging the suite, if something waits on a FIFO."""

    def give_up(*_: object) -> None:
        raise AssertionError(f"blocked for {seconds} s (opened a FIFO?)")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_link_out_of_the_repository_is_an_error_naming_it(root: Path) -> None:
    outside = root.parent / "outside-secret.txt"
    outside.write_text("root:x:0:0:secret\n", encoding="utf-8")
    (root / "seeds" / "x.txt").symlink_to(outside)
    (root / "seeds" / "passwd.txt").symlink_to("/etc/passwd")
    sources, problems = listed(root)
    assert sources == ["seeds/ok.txt"]
    assert f"seeds/x.txt: error: links outside the repository (to {outside})" in problems[1]
    assert problems[0].startswith(
        "seeds/passwd.txt: error: links outside the repository (to /etc/passwd) — "
    )
    assert len(problems) == 2


def test_a_link_through_a_linked_folder_and_a_linked_sidecar_are_refused(root: Path) -> None:
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (elsewhere / "meta.yml").write_text("title: Stolen\n", encoding="utf-8")
    (root / "seeds" / "folder").symlink_to(elsewhere)  # a folder link: not itself a source
    (root / "seeds" / "via.txt").symlink_to("folder/a.txt")
    (root / "seeds" / "ok.yml").symlink_to(elsewhere / "meta.yml")
    sources, problems = discover(root)
    assert sources == [SourceFile(Path("seeds/ok.txt"))]  # built without the refused sidecar
    assert [(p.path.as_posix(), p.severity) for p in problems] == [
        ("seeds/folder", "warning"),  # a folder's files are never read
        ("seeds/ok.yml", "error"),
        ("seeds/via.txt", "error"),
    ]
    assert all("links outside the repository" in p.what for p in problems[1:])


def test_seeds_itself_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "seeds").symlink_to(elsewhere)
    with pytest.raises(DossierError, match=r"^seeds: error: links outside the repository"):
        discover(tmp_path / "project")


def test_a_link_that_stays_inside_the_repository_is_used(root: Path) -> None:
    (root / "shared").mkdir()
    (root / "shared" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "seeds" / "linked.txt").symlink_to("../shared/article.txt")
    (root / "seeds" / "ok.yml").symlink_to("../shared/meta.yml")
    (root / "shared" / "meta.yml").write_text("title: Mine\n", encoding="utf-8")
    sources, problems = discover(root)
    assert problems == []
    assert sources == [
        SourceFile(Path("seeds/linked.txt")),
        SourceFile(Path("seeds/ok.txt"), Path("seeds/ok.yml")),
    ]
    _, sidecar = read_bytes(sources[1], root)
    assert sidecar == b"title: Mine\n"
    assert read_source(sources[0], root).lines[0].text == "A Title For The Test"


def test_broken_links_folders_and_pipes_named_like_sources_are_warnings(root: Path) -> None:
    seeds = root / "seeds"
    (seeds / "gone.txt").symlink_to("nowhere.txt")
    (seeds / "folder.txt").mkdir()
    (seeds / "data").mkdir()  # a folder that is not named like a source: no warning
    os.mkfifo(seeds / "pipe.txt")
    os.mkfifo(seeds / "pipe.yml")
    with no_longer_than(5):
        sources, problems = listed(root)
    assert sources == ["seeds/ok.txt"]
    assert problems == [
        "seeds/folder.txt: warning: a folder, not a file — replace it with the article's text"
        " saved as a file, or remove it",
        "seeds/gone.txt: warning: a broken link (to nowhere.txt): it leads to no file — point"
        " the link at the article's file, or delete it",
        "seeds/pipe.txt: warning: a named pipe (FIFO), not a file — replace it with the"
        " article's text saved as a file, or remove it",
        "seeds/pipe.yml: warning: a named pipe (FIFO), not a file — replace it with the"
        " article's text saved as a file, or remove it",
    ]


def test_a_socket_named_like_a_source_is_a_warning(root: Path) -> None:
    import socket

    # A socket path must be short: make it in the current folder, by a relative name.
    cwd = Path.cwd()
    os.chdir(root / "seeds")
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind("s.txt")
            _, problems = listed(root)
    finally:
        os.chdir(cwd)
    assert problems == [
        "seeds/s.txt: warning: a socket, not a file — replace it with the article's text"
        " saved as a file, or remove it"
    ]


def test_the_reader_never_opens_a_pipe_or_follows_a_link_put_there_after_listing(
    root: Path,
) -> None:
    source = SourceFile(Path("seeds/ok.txt"))
    (root / "seeds" / "ok.txt").unlink()
    os.mkfifo(root / "seeds" / "ok.txt")
    with no_longer_than(5), pytest.raises(DossierError) as caught:
        read_bytes(source, root)
    assert str(caught.value) == (
        "seeds/ok.txt: error: a named pipe (FIFO), not a file — replace it with the"
        " article's text saved as a file, or remove it"
    )
    (root / "seeds" / "ok.txt").unlink()
    (root / "seeds" / "ok.txt").symlink_to("/etc/passwd")
    with pytest.raises(DossierError, match=r"^seeds/ok\.txt: error: links outside the repo"):
        read_source(source, root)
    (root / "seeds" / "ok.txt").unlink()
    (root / "seeds" / "ok.txt").mkdir()
    with pytest.raises(DossierError, match=r"^seeds/ok\.txt: error: a folder, not a file"):
        read_bytes(source, root)


def test_a_name_that_is_not_utf8_is_named_with_its_bytes_and_skipped(root: Path) -> None:
    seeds = os.fsencode(root / "seeds")
    with open(seeds + b"/caf\xe9.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    with open(seeds + b"/notes\xff.docx", "wb") as handle:
        handle.write(b"PK")
    sources, problems = listed(root)
    assert sources == ["seeds/ok.txt"]
    assert problems == [
        "seeds/caf\\xe9.txt: error: the file name is not valid UTF-8, so the site cannot link"
        " to it — rename it as UTF-8 (the bytes shown as \\xNN are not)",
        "seeds/notes\\xff.docx: warning: the file name is not valid UTF-8, so the site cannot"
        " link to it — rename it as UTF-8 (the bytes shown as \\xNN are not)",
    ]


STRANGE_NAMES = (
    "new\nline.txt",
    "--- front.txt",
    "quote\"'s.txt",
    "<script>alert(1)<\\script>.txt",
    "nonchar\uffff.txt",
    "tab\tand\x1bescape.md",
)


def test_strange_but_legal_names_are_kept(root: Path) -> None:
    for name in STRANGE_NAMES:
        (root / "seeds" / name).write_text(ARTICLE, encoding="utf-8")
    sources, problems = listed(root)
    assert problems == []
    assert sorted(sources) == sorted(["seeds/ok.txt", *(f"seeds/{n}" for n in STRANGE_NAMES)])


def test_a_problem_with_a_strange_name_is_still_one_line(root: Path) -> None:
    (root / "seeds" / "two\nlines.txt").symlink_to("/etc/passwd")
    _, problems = listed(root)
    assert problems[0].startswith("seeds/two\\nlines.txt: error: links outside the repository")
    assert "\n" not in problems[0]


def test_the_pipeline_builds_around_hostile_entries(project: Path) -> None:
    """One build of the real project with every kind of hostile entry at once."""
    seeds = project / "seeds"
    for n, name in enumerate(STRANGE_NAMES):
        (seeds / name).write_text(ARTICLE.replace("Test", f"Test {n}"), encoding="utf-8")
    with open(os.fsencode(seeds) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "gone.txt").symlink_to("nowhere.txt")
    os.mkfifo(seeds / "pipe.txt")
    french = "La crème brûlée du chef a été servie\uffff après le dîner. " * 3
    german = "Die Größe der Straße überrascht die Bürger."
    (seeds / "mixed.txt").write_bytes(
        f"Crème Brûlée Für Alle\n\n{french}\n\n".encode() + german.encode("cp1252")
    )
    with no_longer_than(60):
        result = build(project)
    built = {item.article.source.text_path.name for item in result.articles}
    assert built == {p.name for p in seeds.glob("0*.txt")} | {"mixed.txt", *STRANGE_NAMES}
    page = next(p.text for p in result.pages if p.path.name == "creme-brulee-fur-alle.md")
    assert german in page and "servie après" in page
    assert "not UTF-8 like the rest of the file, so read as cp1252: line 5" in page
    assert "invisible characters removed: noncharacter U+FFFF" in page
    problems = {
        p.path.as_posix(): p.severity for p in result.problems if p.severity != "suggestion"
    }
    assert problems == {
        "seeds/caf\\xe9.txt": "error",
        "seeds/passwd.txt": "error",
        "seeds/gone.txt": "warning",
        "seeds/pipe.txt": "warning",
    }
    assert not any("root:" in written.text for written in result.pages)


def test_the_command_reports_a_bad_name_in_one_line_without_a_traceback(
    project: Path,
) -> None:
    with open(os.fsencode(project / "seeds") + b"/caf\xe9.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    (project / "seeds" / "x.txt").symlink_to("/etc/passwd")
    result = run_dossier(project, "build")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "seeds/caf\\xe9.txt: error: the file name is not valid UTF-8" in lines[0]
    assert lines[1].startswith("seeds/x.txt: error: links outside the repository")
    assert "root:x:0:0" not in "".join(
        p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md")
    )


def test_any_stage_s_problem_about_a_strangely_named_source_is_one_line(tmp_path: Path) -> None:
    from build_scripts.errors import Problem

    assert str(Problem(Path("seeds/two\nlines.txt"), "what", "todo")) == (
        "seeds/two\\nlines.txt: error: what — todo"
    )


def test_a_folder_of_articles_and_a_nameless_file_are_named(root: Path) -> None:
    (root / "seeds" / "more").mkdir()
    (root / "seeds" / "more" / "article.txt").write_text("A Title\n\nText.\n")
    (root / "seeds" / ".txt").write_text("A Title\n\nText.\n")
    (root / "seeds" / ".git").mkdir()  # hidden folders are nobody's articles
    (root / "seeds" / "data").mkdir(exist_ok=True)
    sources, problems = discover(root)
    assert [s.text_path.name for s in sources] == ["ok.txt"]
    assert [str(p) for p in problems] == [
        "seeds/.txt: warning: a file with no name before its suffix is not read — give it a name",
        "seeds/more: warning: a folder in seeds/: the files in it are not read"
        " — move its articles into seeds/ itself",
    ]


def test_a_source_added_while_a_preview_runs_is_found(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What seeds/ holds is remembered by the folder's status: a new name changes it."""
    from build_scripts import cache
    from build_scripts.cache import Store

    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # the copied folder counts as settled
    store = Store(project)
    before = build(project, store=store).found
    assert build(project, store=store).found == before  # from the memo
    (project / "seeds" / "late-addition.txt").write_text(
        "A Late Addition\n\nA source dropped into seeds/ while the preview runs.\n", "utf-8"
    )
    assert build(project, store=store).found == before + 1
    (project / "seeds" / "late-addition.txt").unlink()
    assert build(project, store=store).found == before
