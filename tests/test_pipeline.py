"""The whole pipeline on a copy of the project: reproducible, fresh, and robust."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from .conftest import run_dossier


def snapshot(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def test_committed_docs_are_what_the_sources_give(project: Path) -> None:
    result = run_dossier(project, "build", "--check")
    assert result.returncode == 0, result.stderr


def test_two_builds_are_byte_identical(project: Path) -> None:
    shutil.rmtree(project / "docs" / "sources")
    assert run_dossier(project, "build").returncode == 0
    first = snapshot(project / "docs")
    shutil.rmtree(project / "docs" / "sources")
    assert run_dossier(project, "build").returncode == 0
    assert snapshot(project / "docs") == first


def test_check_names_a_hand_edited_page_and_build_restores_it(project: Path) -> None:
    page = next((project / "docs" / "sources").glob("north-korea-joins-*.md"))
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("Pyongyang", "Pjöngjang"), encoding="utf-8")
    result = run_dossier(project, "build", "--check")
    assert result.returncode == 1
    assert f"docs/sources/{page.name}: differs from what the sources give" in result.stderr
    assert run_dossier(project, "build").returncode == 0
    assert page.read_text(encoding="utf-8") == original


def test_a_removed_source_removes_its_page(project: Path) -> None:
    for path in (project / "seeds").glob("001_*"):
        path.unlink()
    assert "generated page whose source is gone" in run_dossier(project, "build", "--check").stderr
    assert run_dossier(project, "build").returncode == 0
    assert not list((project / "docs" / "sources").glob("north-koreas-shadow*.md"))
    assert (project / "docs" / "about.md").exists()  # hand-written pages are never touched


def test_a_new_differently_shaped_source_needs_no_code_change(project: Path) -> None:
    (project / "seeds" / "zz_new.txt").write_text(
        "Menu\nSearch\n\nWhy Sanctions Fail\n\nBy Ana María López | Staff writer\n\n"
        "Sanctions rarely change a regime's course, the report finds. They raise costs.\n\n"
        "Advertisement\n\nBut they do signal resolve to allies, officials said.\n\n"
        "Photo: Reuters\n",
        encoding="utf-8",
    )
    (project / "seeds" / "zz_new.yml").write_text(
        "title: Why sanctions fail\npublished: 2024-07-01\nkind: news\n"
        "publication: The Example Times\nsource: https://example.org/why\n",
        encoding="utf-8",
    )
    result = run_dossier(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "docs" / "sources" / "why-sanctions-fail.md").read_text(encoding="utf-8")
    assert "Ana María López" in page and "2024-07-01" in page and "The Example Times" in page
    body = page.split("??? info")[0]
    for junk in ("Menu", "Search", "Advertisement", "Photo: Reuters"):
        assert junk not in body.split("\n# ")[1]
    assert "They raise costs." in body and "signal resolve to allies" in body
    # The card: each fact its own row, the address last; the sidecar's title is
    # the source's own (no "supplied by the editors" note).
    card = page.split('<div class="dossier-card"')[1].split("</div>")[0]
    assert "\n\nKey terms\n:   [Sanctions](../glossary/sanctions.md)\n\nOriginal\n:   [" in card
    assert "Title supplied" not in page


def test_bad_sources_are_named_in_one_line_and_the_rest_still_builds(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (seeds / "junk.txt").write_text("close\nShare\nImage credit: AP\n", encoding="utf-8")
    (seeds / "lonely.yml").write_text("title: Where is my text\n", encoding="utf-8")
    (seeds / "bad.txt").write_text("A Title\n\nSome body text here.\n", encoding="utf-8")
    (seeds / "bad.yml").write_text("title: A\nauthor: [oops\n", encoding="utf-8")
    result = run_dossier(project, "build")
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert any(line.startswith("seeds/empty.txt: error: the file is empty") for line in lines)
    assert any(line.startswith("seeds/binary.txt: error:") for line in lines)
    assert any(line.startswith("seeds/junk.txt: error: nothing is left") for line in lines)
    assert any(line.startswith("seeds/lonely.yml: warning: sidecar without") for line in lines)
    assert any(line.startswith("seeds/bad.yml:2: error: YAML syntax error") for line in lines)
    assert result.returncode == 1  # errors: the site would be missing sources
    assert len(list((project / "docs" / "sources").glob("*.md"))) == 4  # 3 seeds + index


def test_same_title_twice_gives_two_pages(project: Path) -> None:
    for name in ("a_one.txt", "b_two.txt"):
        (project / "seeds" / name).write_text(
            f"Same Title\n\nDifferent body in {name}.\n", encoding="utf-8"
        )
    assert run_dossier(project, "build").returncode == 0
    pages = sorted(p.name for p in (project / "docs" / "sources").glob("same-title*.md"))
    assert pages == ["same-title-b-two.md", "same-title.md"]


def test_strict_turns_warnings_into_failure(project: Path) -> None:
    (project / "seeds" / "lonely.yml").write_text("title: x\n", encoding="utf-8")
    assert run_dossier(project, "build").returncode == 0
    assert run_dossier(project, "build", "--strict").returncode == 1


def test_file_names_are_read_as_windows_writes_them(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "Upper.TXT").write_text("Shouting Suffix\n\nThe body of it.\n", encoding="utf-8")
    (seeds / "Upper.YML").write_text("kind: news\n", encoding="utf-8")
    (seeds / "notes.docx").write_bytes(b"PK\x03\x04")
    (seeds / "twin.txt").write_text("Twin\n\nOne.\n", encoding="utf-8")
    (seeds / "twin.md").write_text("Twin\n\nTwo.\n", encoding="utf-8")
    result = run_dossier(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "docs" / "sources" / "shouting-suffix.md").read_text(encoding="utf-8")
    assert "news" in page and "seeds/Upper.YML" in page
    assert "seeds/notes.docx: warning: not a source the dossier can read" in result.stderr
    assert "seeds/twin.txt: warning: a second file named 'twin' (twin.md is used)" in result.stderr


def test_no_seeds_folder_is_one_line(project: Path) -> None:
    shutil.rmtree(project / "seeds")
    result = run_dossier(project, "build")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "seeds: error: there is no seeds/ folder — create it and put the articles in it"
    )


def test_a_source_that_loses_most_of_its_sentences_to_cleaning_is_flagged(project: Path) -> None:
    # An article about cookies: its sentences look like a site's cookie notice.
    sentence = (
        "Regulators said the cookies that track readers across sites must now be refused"
        " as easily as they are accepted, and fines will follow for sites that do not comply."
    )
    junk = "\n".join(["Home", "World", "Business", "Sport", "Culture", "Travel"] * 6)
    (project / "seeds" / "cookies.txt").write_text(
        f"Cookie Rules Tighten\n\n{sentence}\n\n{sentence}\n\n{sentence}\n\n"
        "One short paragraph of other text stays in the body.\n",
        encoding="utf-8",
    )
    (project / "seeds" / "menu.txt").write_text(
        f"{junk}\n\nShort Title\n\nOne short paragraph of text.\n", encoding="utf-8"
    )
    result = run_dossier(project, "build")
    assert "seeds/cookies.txt: warning:" in result.stderr
    assert "words of sentences were removed as page furniture" in result.stderr
    # A whole copied page's menu is many words, but removing it is no reason to look.
    assert "seeds/menu.txt" not in result.stderr


def test_a_correction_that_matches_nothing_is_named_with_its_line(project: Path) -> None:
    sidecar = project / "seeds" / "001_f3abdb565c5eee52.yml"
    sidecar.write_text(
        "kind: analysis\ncorrections:\n  - original: no such text\n    corrected: x\n"
        "    reason: test\n",
        encoding="utf-8",
    )
    result = run_dossier(project, "build")
    assert "seeds/001_f3abdb565c5eee52.yml:3: warning: correction not applied" in result.stderr


KILL_DURING_WRITE = """
import os, signal, sys
from pathlib import Path
from build_scripts import docs_folder, pipeline
root = Path(sys.argv[1])
pages = pipeline.build(root).pages
real, renamed = os.replace, []
def replace(source, target):
    if renamed:  # the second page: written to its temporary file, not yet renamed
        os.kill(os.getpid(), signal.SIGKILL)
    renamed.append(target)
    real(source, target)
docs_folder.os.replace = replace
docs_folder.write_docs(pages, root)
"""


def test_a_build_killed_while_writing_leaves_each_page_old_or_new(project: Path) -> None:
    import subprocess
    import sys

    from build_scripts.pipeline import build

    docs = project / "docs"
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("the ", "THE "), encoding="utf-8")
    old = {p: p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file()}
    new = {docs / str(page.path): page.text for page in build(project, cache=False).pages}
    changed = [path for path, text in new.items() if old.get(path) != text]
    assert len(changed) >= 2
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_WRITE, str(project)], check=False)
    assert killed.returncode == -9
    whole = {p: p.read_text("utf-8") for p in docs.rglob("*") if p.is_file() and p.suffix != ".tmp"}
    assert all(text in (old.get(path), new.get(path)) for path, text in whole.items())
    assert sum(whole.get(path) == new[path] for path in changed) == 1  # the one renamed
    # What the kill left: one hidden temporary file, removed by the next build
    # once a minute old (one written at this moment may be another build's).
    (leftover,) = docs.rglob(".*.tmp")
    assert run_dossier(project, "build").returncode == 0
    assert leftover.exists()
    os.utime(leftover, (leftover.stat().st_atime, leftover.stat().st_mtime - 61))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run_dossier(project, "build").returncode == 0
    assert not leftover.exists()
    assert run_dossier(project, "build", "--check").returncode == 0


def test_a_full_disk_leaves_the_page_as_it_was_and_no_temporary_file(
    project: Path, monkeypatch
) -> None:
    import builtins
    import errno

    from build_scripts import docs_folder, pipeline
    from build_scripts.errors import DossierError

    docs = project / "docs"
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("the ", "THE "), encoding="utf-8")
    old = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    real_open, written = builtins.open, []

    def open_on_a_full_disk(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if mode != "x":
            return handle
        written.append(Path(file))
        if len(written) < 2:
            return handle

        class HalfWritten:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, text: str) -> int:
                handle.write(text[: len(text) // 2])
                handle.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        return HalfWritten()

    pages = pipeline.build(project).pages
    monkeypatch.setattr(docs_folder, "open", open_on_a_full_disk, raising=False)
    with pytest.raises(DossierError) as raised:
        docs_folder.write_docs(pages, project)
    failed = written[1].with_name(written[1].name[1:].rsplit(".", 2)[0])  # .x.md.<hex>.tmp
    shown = failed.relative_to(project).as_posix()
    assert str(raised.value) == (
        f"{shown}: error: cannot be written: disk full — free some space, then run it again"
    )
    assert failed.read_bytes() == old[failed]
    assert not list(docs.rglob("*.tmp"))
    first = written[0].with_name(written[0].name[1:].rsplit(".", 2)[0])
    assert first.read_bytes() != old[first]  # written whole before the disk filled


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            PermissionError(13, "Permission denied"),
            "cannot be written (Permission denied) — make docs/ writable, then run it again",
        ),
        (
            OSError(30, "Read-only file system"),
            "cannot be written (Read-only file system) — make docs/ writable, then run it again",
        ),
        (
            OSError(5, "Input/output error"),
            "cannot be written (Input/output error) — remove anything that is not a page in"
            " its place, then rebuild",
        ),
    ],
)
def test_an_unwritable_docs_page_is_one_line_saying_what_to_do(
    project: Path, monkeypatch, error: OSError, line: str
) -> None:
    import builtins

    from build_scripts import docs_folder, pipeline
    from build_scripts.errors import DossierError

    (project / "docs" / "timeline.md").unlink()
    real_open = builtins.open

    def refusing_open(file, mode="r", *args, **kwargs):
        if mode == "x":
            raise error
        return real_open(file, mode, *args, **kwargs)

    pages = pipeline.build(project).pages
    for page in pages:  # (what a build writes from the history: the one missing is timeline.md)
        if not page.committed:
            (project / "docs" / str(page.path)).write_text(page.text, encoding="utf-8")
    monkeypatch.setattr(docs_folder, "open", refusing_open, raising=False)
    with pytest.raises(DossierError) as raised:
        docs_folder.write_docs(pages, project)
    assert str(raised.value) == f"docs/timeline.md: error: {line}"
    assert not (project / "docs" / "timeline.md").exists()
    assert not list((project / "docs").rglob("*.tmp"))


def test_a_folder_in_place_of_a_page_is_named_with_the_systems_words(project: Path) -> None:
    page = project / "docs" / "timeline.md"
    page.unlink()
    page.mkdir()
    result = run_dossier(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "docs/timeline.md: error: cannot be written (Is a directory) — remove anything that"
        " is not a page in its place, then rebuild"
    )
    assert not list((project / "docs").rglob("*.tmp"))


def test_a_graph_graphviz_cannot_draw_is_a_warning_and_the_rest_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_scripts import graph, pipeline

    if graph.graphviz() is None:
        pytest.skip("Graphviz is not installed")
    monkeypatch.setattr(pipeline, "graph_source", lambda *_: "digraph { a -> }")
    result = pipeline.build(project, cache=False)
    (problem,) = [p for p in result.problems if "Graphviz" in p.what]
    assert problem.severity == "warning"
    assert str(problem).startswith(
        "docs/connections-graph.svg: warning: Graphviz could not draw the relationship graph ("
    )
    assert len(result.articles) == 3 and "connections-graph.svg" not in {
        str(p.path) for p in result.pages
    }


def test_a_docs_folder_linked_outside_the_repository_is_not_written_through(
    project: Path, tmp_path: Path
) -> None:
    from build_scripts import docs_folder, pipeline
    from build_scripts.errors import DossierError

    outside = tmp_path / "outside"
    shutil.move(project / "docs" / "sources", outside)
    (project / "docs" / "sources").symlink_to(outside)
    (project / "seeds" / "000_new.txt").write_text("A New Title\n\nA new article text.\n")
    with pytest.raises(DossierError) as refused:
        docs_folder.write_docs(pipeline.build(project).pages, project)
    assert str(refused.value).startswith("docs/sources: error: links outside the repository")
    assert not any(p.name.startswith("a-new-title") for p in outside.iterdir())


def test_a_very_long_title_still_draws_the_graph(project: Path) -> None:
    from build_scripts import graph, pipeline

    if graph.graphviz() is None:
        pytest.skip("Graphviz is not installed")
    (project / "seeds" / "zz.txt").write_text("X" * 17_000 + "\n\nVladimir Putin spoke.\n")
    result = pipeline.build(project, cache=False)
    assert not [p for p in result.problems if "Graphviz" in p.what]
    (svg,) = [p.text for p in result.pages if p.path.name == "connections-graph.svg"]
    assert "XXXXXXXXXX…" in svg and "X" * 300 not in svg


def test_a_file_size_limit_is_named_as_such() -> None:
    import errno

    from build_scripts.docs_folder import filesystem_problem

    problem = filesystem_problem(
        Path("docs/print.md"), OSError(errno.EFBIG, "File too large"), "written", "rebuild"
    )
    assert str(problem) == (
        "docs/print.md: error: cannot be written: larger than this system lets one file be"
        " — raise the file size limit (ulimit -f), then run it again"
    )
