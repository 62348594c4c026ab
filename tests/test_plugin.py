"""The ``dossier`` MkDocs plugin under ``mkdocs serve``: what a rebuild writes, and when."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from build_scripts.plugin import DossierPlugin

from .conftest import run_dossier

PRINT = Path("docs/print.md")


def serve_config(project: Path) -> SimpleNamespace:
    """What the plugin reads of MkDocs' configuration."""
    return SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs")
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

    plugin.on_post_build(config)  # the rebuild's end: the print page follows
    assert "quokkas on a bridge" in (project / PRINT).read_text(encoding="utf-8")
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
