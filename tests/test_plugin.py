"""The ``dossier`` MkDocs plugin under ``mkdocs serve``: what a rebuild writes, and when."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from build_scripts.plugin import DossierPlugin

from .conftest import run_dossier

PRINT = Path("docs/print.md")


def serve_config(project: Path) -> SimpleNamespace:
    """What the plugin reads of MkDocs' configuration."""
    return SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"),
        docs_dir=str(project / "docs"),
        site_dir=str(project / "site"),
        site_url=None,
    )


def test_a_preview_writes_the_edited_page_first_and_the_print_page_after(project: Path) -> None:
    assert run_dossier(project, "build", "--quiet").returncode == 0
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\n\nA closing sentence about quokkas on a bridge.\n",
        encoding="utf-8",
    )
    plugin = DossierPlugin()
    plugin.on_startup(command="serve", dirty=True)
    config = serve_config(project)
    before = (project / PRINT).read_text(encoding="utf-8")

    plugin.on_pre_build(config)  # the rebuild's start: the pipeline writes docs/
    edited = [p for p in (project / "docs/sources").glob("*.md") if seed.name in p.read_text()]
    assert "quokkas on a bridge" in edited[0].read_text(encoding="utf-8")
    assert (project / PRINT).read_text(encoding="utf-8") == before, "held back"

    plugin.print_delay = 0.2
    plugin.on_post_build(config)  # the rebuild's end: the print page follows when idle
    assert (project / PRINT).read_text(encoding="utf-8") == before
    assert plugin.timer is not None
    plugin.timer.join(timeout=30)
    assert "quokkas on a bridge" in (project / PRINT).read_text(encoding="utf-8")
    plugin.on_shutdown()


def test_a_new_edit_keeps_the_print_page_waiting_and_stopping_writes_it(project: Path) -> None:
    """Edits in quick succession: each rebuild holds the print page again; when
    the preview stops, docs/ is left in step with the sources."""
    assert run_dossier(project, "build", "--quiet").returncode == 0
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    plugin = DossierPlugin()
    plugin.on_startup(command="serve", dirty=True)
    plugin.print_delay = 60.0
    config = serve_config(project)
    for word in ("quokkas", "wombats"):
        closing = f"\n\nA closing sentence about {word} crossing the old bridge.\n"
        seed.write_text(seed.read_text(encoding="utf-8") + closing, "utf-8")
        plugin.on_pre_build(config)
        plugin.on_post_build(config)
    assert "wombats" not in (project / PRINT).read_text(encoding="utf-8")
    plugin.on_shutdown()
    text = (project / PRINT).read_text(encoding="utf-8")
    assert "quokkas" in text and "wombats" in text
    assert run_dossier(project, "build", "--check", "--quiet").returncode == 0


def test_a_failed_rebuild_does_not_leave_the_preview_locked(project: Path) -> None:
    assert run_dossier(project, "build", "--quiet").returncode == 0
    plugin = DossierPlugin()
    plugin.on_startup(command="serve", dirty=True)
    config = serve_config(project)
    plugin.on_pre_build(config)
    plugin.on_build_error(error=RuntimeError("a template failed"))
    assert not plugin.building.locked()
    plugin.on_pre_build(config)  # the next rebuild is not stuck
    plugin.on_post_build(config)
    plugin.on_shutdown()


def test_a_plain_build_leaves_docs_to_dossier_build(project: Path) -> None:
    """``make site`` runs ``dossier build`` first; ``mkdocs build`` writes no page."""
    assert run_dossier(project, "build", "--quiet").returncode == 0
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nQuokkas again.\n", encoding="utf-8")
    plugin = DossierPlugin()
    plugin.on_startup(command="build", dirty=False)
    before = (project / PRINT).read_text(encoding="utf-8")
    plugin.on_pre_build(serve_config(project))
    plugin.on_post_build(serve_config(project))
    assert (project / PRINT).read_text(encoding="utf-8") == before


def previewer(folder: Path) -> LiveReloadServer:
    """A preview's server as ``mkdocs serve`` has made it when plugins see it:
    polling, watching docs/ (a folder) and mkdocs.yml (a file)."""
    (folder / "docs").mkdir()
    (folder / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(folder / "site"))
    server.watch(str(folder / "docs"))
    server.watch(str(folder / "mkdocs.yml"))
    return server


def waited_for(condition: Callable[[], bool], most: float = 10.0) -> bool:
    """Whether ``condition`` came true within ``most`` seconds."""
    deadline = time.monotonic() + most
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_a_preview_sees_a_saved_file_when_the_system_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOSSIER_POLL", raising=False)
    server = previewer(tmp_path)
    plugin = DossierPlugin()
    assert plugin.on_serve(server, config=None, builder=lambda: None) is server
    assert not isinstance(server.observer, PollingObserver)
    assert sorted(server._watched_paths) == [str(tmp_path / "docs"), str(tmp_path / "mkdocs.yml")]
    server.observer.start()
    try:
        for changed in (tmp_path / "docs" / "page.md", tmp_path / "mkdocs.yml"):
            server._want_rebuild = False
            changed.write_text("changed\n", encoding="utf-8")
            assert waited_for(lambda: server._want_rebuild), changed
        server._want_rebuild = False
        os.utime(tmp_path / "docs" / "page.md")  # (how the plugin marks a page to render)
        assert waited_for(lambda: server._want_rebuild)
        server._want_rebuild = False
        (tmp_path / "docs" / "page.md").read_text(encoding="utf-8")  # as a rebuild reads
        assert not waited_for(lambda: server._want_rebuild, 1.0)  # no rebuild for ever
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_preview_polls_as_mkdocs_does_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_POLL", "1")
    server = previewer(tmp_path)
    DossierPlugin().on_serve(server, config=None, builder=lambda: None)
    assert isinstance(server.observer, PollingObserver)
