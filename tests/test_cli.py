"""The ``dossier`` command as editors meet it: one line per problem, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import cache, cli

from .conftest import forget_this_process

CHANGED = "cache entry was changed outside the build; recomputed"


def dossier(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    """Run ``dossier`` in this process: its exit code, stdout and stderr."""
    code = cli.main([*args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_cache_entry_edited_in_place_is_warned_about_and_never_reaches_docs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert dossier(capsys, project, "build")[0] == 0
    entries = [
        p
        for p in (project / ".cache" / "dossier").glob("[0-9a-f][0-9a-f]/*")
        if b"unsettling new player" in p.read_bytes()
    ]
    assert len(entries) == 1
    entries[0].write_bytes(entries[0].read_bytes().replace(b"unsettling new", b"UNSETTLED new"))
    forget_this_process()  # a new process
    code, out, err = dossier(capsys, project, "build")
    assert code == 0
    shown = entries[0].relative_to(project).as_posix()
    assert err.splitlines() == [
        f"{shown}: warning: {CHANGED} — leave .cache/dossier/ to the build"
        " (delete the folder if this repeats)"
    ]
    assert "(1 read, 2 from the cache)" in out
    assert not any("UNSETTLED" in p.read_text() for p in (project / "docs").rglob("*.md"))
    assert dossier(capsys, project, "build", "--check")[:1] == (0,)


def test_check_computes_afresh_and_is_not_fooled_by_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A memo that lies with a valid seal (as a bug could leave it) fills docs/
    with its page; ``build --check`` never reads the cache, so it names it."""
    assert dossier(capsys, project, "build")[0] == 0
    memo = project / ".cache" / "dossier" / "pages.pickle"
    fingerprint, kept = cache.read_pickle(memo, Path("memo"))
    digest, page = next((d, p) for d, p in kept.items() if str(p.path).startswith("sources/"))
    target = project / "docs" / str(page.path)
    kept[digest] = type(page)(page.path, page.text + "\nA line no source gives.\n")
    cache.write_pickle(memo, (fingerprint, kept))
    target.unlink()
    forget_this_process()
    assert dossier(capsys, project, "build")[0] == 0  # served from the (lying) memo
    assert "A line no source gives." in target.read_text(encoding="utf-8")
    forget_this_process()
    code, _, err = dossier(capsys, project, "build", "--check")
    assert code == 1
    assert f"docs/{page.path}: differs from what the sources give" in err
    assert dossier(capsys, project, "build", "--no-cache")[0] == 0
    assert dossier(capsys, project, "build", "--check") == (
        0,
        "docs/ is up to date with 3 sources\n",
        "",
    )
