"""The ``dossier`` command as editors meet it: one line per problem, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import cache, cli

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
    fingerprint, kept = cache.read_pickle(memo, Path("memo"), [])
    digest, page = next((d, p) for d, p in kept.items() if str(p.path).startswith("sources/"))
    target = project / "docs" / str(page.path)
    kept[digest] = type(page)(page.path, page.text + "\nA line no source gives.\n")
    cache.write_pickle(memo, (fingerprint, kept))
    target.unlink()
    assert dossier(capsys, project, "build")[0] == 0  # served from the (lying) memo
    assert "A line no source gives." in target.read_text(encoding="utf-8")
    code, _, err = dossier(capsys, project, "build", "--check")
    assert code == 1
    assert f"docs/{page.path}: differs from what the sources give" in err
    assert dossier(capsys, project, "build", "--no-cache")[0] == 0
    assert dossier(capsys, project, "build", "--check") == (
        0,
        "docs/ is up to date with 3 sources\n",
        "",
    )


TRACKER = "https://github.com/dossier-editors/dossier/issues"


def break_one_source(monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    """A bug in the structure stage that only one source's text meets."""
    from build_scripts import sources

    real = sources.structure

    def structure(text, meta, **options):
        if any(marker in line.text for line in text.lines):
            raise ValueError(f"unexpected\n {marker} here")
        return real(text, meta, **options)

    monkeypatch.setattr(sources, "structure", structure)


def add_sources(project: Path, count: int) -> None:
    for n in range(count):
        (project / "seeds" / f"zz{n:03d}.txt").write_text(
            f"Report {n}\n\nCarl Schmitt wrote about order in report {n}. Moscow read it.\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("pooled", [False, True])
def test_an_internal_error_in_one_source_is_one_line_and_the_rest_is_built(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pooled
) -> None:
    from build_scripts import sources

    if pooled:  # the source is processed in a worker process
        add_sources(project, sources.PARALLEL_MIN)
        monkeypatch.setattr(sources.os, "cpu_count", lambda: 2)
    (project / "seeds" / "bad.txt").write_text("Bad\n\nA body with BUGGY text.\n", "utf-8")
    break_one_source(monkeypatch, "BUGGY")
    code, out, err = dossier(capsys, project, "build")
    assert code == 1
    assert err.splitlines() == [
        "seeds/bad.txt: error: internal error while processing seeds/bad.txt: ValueError:"
        f" unexpected BUGGY here — please report it at {TRACKER}; run with --debug for the"
        " traceback"
    ]
    total = 4 + pooled * sources.PARALLEL_MIN
    assert out.startswith(f"{total - 1} of {total} sources ({total} read, 0 from the cache)")
    assert len(list((project / "docs" / "sources").glob("*.md"))) == total  # and the index
    assert not (project / "docs" / "sources" / "bad.md").exists()


@pytest.mark.parametrize("pooled", [False, True])
def test_debug_shows_the_traceback_of_an_internal_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pooled
) -> None:
    import os

    from build_scripts import sources

    if pooled:
        add_sources(project, sources.PARALLEL_MIN)
        monkeypatch.setattr(sources.os, "cpu_count", lambda: 2)
    (project / "seeds" / "bad.txt").write_text("Bad\n\nA body with BUGGY text.\n", "utf-8")
    break_one_source(monkeypatch, "BUGGY")
    code, _, err = dossier(capsys, project, "build", "--debug")
    assert code == 2
    assert "Traceback (most recent call last):" in err
    assert "ValueError: unexpected\n BUGGY here" in err
    assert sources.DEBUG not in os.environ  # set for the command only


def test_without_a_repository_the_error_says_whom_to_tell(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        "\n".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines()
            if not line.startswith("repo_url:")
        ),
        encoding="utf-8",
    )
    (project / "seeds" / "bad.txt").write_text("Bad\n\nA body with BUGGY text.\n", "utf-8")
    break_one_source(monkeypatch, "BUGGY")
    code, _, err = dossier(capsys, project, "check")
    assert code == 1
    assert err.splitlines()[0].endswith(
        "— please report it to the dossier maintainers; run with --debug for the traceback"
    )


def test_an_internal_error_outside_any_source_is_one_line_naming_where(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from build_scripts import pipeline

    def render_listings(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(pipeline, "render_listings", render_listings)
    code, out, err = dossier(capsys, project, "build")
    assert (code, out) == (2, "")
    assert re.fullmatch(
        r"build_scripts/pipeline\.py:\d+: error: internal error in _build\(\): RuntimeError:"
        rf" kaput — please report it at {re.escape(TRACKER)}; run with --debug for the"
        r" traceback\n",
        err,
    ), err
    code, _, err = dossier(capsys, project, "build", "--debug")
    assert code == 2 and "Traceback" in err and err.endswith("RuntimeError: kaput\n")


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            PermissionError(13, "Permission denied", "SEEDS"),
            "seeds: error: cannot be used (Permission denied) — make it readable and writable,"
            " then run it again",
        ),
        (
            OSError(28, "No space left on device", "SEEDS"),
            "seeds: error: cannot be used: disk full — free some space, then run it again",
        ),
        (
            OSError(5, "Input/output error"),
            "dossier: error: cannot be used (Input/output error) — check it, then run it again"
            " (--debug shows where it happened)",
        ),
    ],
)
def test_a_file_system_error_is_one_line(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    line: str,
) -> None:
    from build_scripts import pipeline

    if error.filename == "SEEDS":
        error.filename = str(project / "seeds")

    def discover(root):
        raise error

    monkeypatch.setattr(pipeline, "discover", discover)
    for command in ("build", "check"):
        assert dossier(capsys, project, command) == (1, "", line + "\n")


def test_an_interrupted_command_exits_130(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build", build)
    assert dossier(capsys, project, "build") == (130, "", "")
    assert dossier(capsys, project, "check", "--debug") == (130, "", "")


def test_help_describes_debug(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["build"], ["check"]):
        with pytest.raises(SystemExit) as exited:
            cli.main([*args, "--help"])
        assert exited.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "--debug" in text and "traceback" in text


def test_a_source_over_the_size_limit_is_neither_read_nor_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_scripts import read

    (project / "seeds" / "huge.txt").write_bytes(b"word " * (read.MAX_BYTES // 5 + 1))
    code, out, err = dossier(capsys, project, "build")
    assert code == 1
    assert err.startswith("seeds/huge.txt: error: the file is ")
    assert "KiB, over the 2048 KiB limit for one article" in err
    assert out.startswith("3 of 4 sources (3 read, 0 from the cache) → ")
    code, out, _ = dossier(capsys, project, "build")
    assert out.startswith("3 of 4 sources (0 read, 3 from the cache) → ")
