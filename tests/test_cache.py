"""The cache saves work and never changes what a build produces."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from build_scripts.pipeline import build, diff_docs, write_docs

SEED_COUNT = 3


def pages_of(root: Path, cache: bool = True) -> dict[str, str]:
    return {str(page.path): page.text for page in build(root, cache=cache).pages}


def test_an_unchanged_dossier_comes_from_the_cache(project: Path) -> None:
    assert build(project).processed == SEED_COUNT
    assert build(project).processed == 0
    assert (project / ".cache" / "dossier").is_dir()


def test_one_edited_source_is_the_only_one_redone(project: Path) -> None:
    build(project)
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    result = build(project)
    assert result.processed == 1
    assert pages_of(project) == pages_of(project, cache=False)


def test_a_changed_glossary_alias_rebuilds_every_affected_page(project: Path) -> None:
    before = pages_of(project)
    entities = project / "seeds" / "data" / "entities.yml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("aliases: [Putin, ", "aliases: [", 1), encoding="utf-8")
    after = pages_of(project)
    assert after == pages_of(project, cache=False)
    changed = {path for path in after if after[path] != before.get(path)}
    # Every source that says "Putin" alone loses those links; the person page its quotes.
    assert "people/vladimir-putin.md" in changed
    assert "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous.md" in changed
    assert "sources/russia-and-north-korea-from-alliance-to-ideological.md" in changed


def test_a_changed_timeline_phrase_is_seen(project: Path) -> None:
    before = pages_of(project)["timeline.md"]
    events = project / "seeds" / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    tilsit = '"Alexander met Napoleon at Tilsit wine in 1807"'
    events.write_text(text.replace(tilsit, '"North Korea and the Eurasian Alliance"'), "utf-8")
    after = pages_of(project)["timeline.md"]
    assert after == pages_of(project, cache=False)["timeline.md"]
    assert after != before and "dangerous.md#p1)" in after


def test_a_changed_sidecar_is_seen(project: Path) -> None:
    build(project)
    sidecar = project / "seeds" / "001_f3abdb565c5eee52.yml"
    sidecar.write_text("kind: news\nauthor: Jane Doe\n", encoding="utf-8")
    pages = pages_of(project)
    assert pages == pages_of(project, cache=False)
    page = next(t for p, t in pages.items() if p.startswith("sources/north-koreas"))
    assert "Jane Doe" in page


def test_a_renamed_sidecar_is_seen(project: Path) -> None:
    build(project)
    sidecar = project / "seeds" / "001_f3abdb565c5eee52.yml"
    sidecar.rename(sidecar.with_suffix(".yaml"))
    pages = pages_of(project)
    assert pages == pages_of(project, cache=False)
    page = next(t for p, t in pages.items() if p.startswith("sources/north-koreas"))
    assert "seeds/001_f3abdb565c5eee52.yaml" in page


def test_an_entry_no_source_mentions_follows_its_related_entries(project: Path) -> None:
    glossary = project / "seeds" / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text + "\n- term: Zzyzx doctrine\n  short: Made up.\n  definition: Made up.\n"
        "  related: [Tianxia]\n",
        encoding="utf-8",
    )
    build(project)
    text = glossary.read_text(encoding="utf-8")
    assert 'short: "Chinese term meaning all under Heaven' in text
    glossary.write_text(
        text.replace('short: "Chinese term meaning', 'short: "CHANGED term meaning', 1), "utf-8"
    )
    pages = pages_of(project)
    assert pages == pages_of(project, cache=False)
    assert "CHANGED term meaning" in pages["glossary/zzyzx-doctrine.md"]


def test_an_unchanged_dossier_renders_no_page_again(project: Path) -> None:
    assert build(project).rendered
    assert build(project).rendered == ()


def test_an_edited_source_renders_its_page_and_the_pages_that_quote_it(project: Path) -> None:
    build(project)
    seed = next((project / "seeds").glob("000_*.txt"))
    text = seed.read_text(encoding="utf-8")
    assert "Kim Jong Un" in text
    seed.write_text(text.replace("Kim Jong Un", "Kim Jong-un", 1), encoding="utf-8")
    result = build(project)
    pages = {str(p.path): p.text for p in result.pages}
    assert pages == {str(p.path): p.text for p in build(project, cache=False).pages}
    rendered = {str(path) for path in result.rendered}
    assert rendered & {"print.md#s1", "print.md#s2", "print.md#s3"} == {"print.md#s1"}
    rendered -= {"print.md#s1"}  # its section of the print page
    # Its own page, the pages of the entries it mentions (they quote it) and of
    # its author (who lists it); not the other sources, nor their entries.
    edited = next(a for a in result.articles if a.article.source.text_path.name == seed.name)
    mentioned = {entry.page for entry in edited.entries().values()}
    assert rendered == {f"sources/{edited.article.slug}.md", "people/brian-patrick-bolger.md"} | (
        mentioned
    )


TWO_BUILDS = """
import sys
from pathlib import Path
from build_scripts.pipeline import build, diff_docs, write_docs
root = Path(sys.argv[1])
build(root)
seed = next((root / "seeds").glob("001_*.txt"))
seed.write_text(seed.read_text(encoding="utf-8") + "\\nA new closing line.\\n", "utf-8")
assert build(root).rendered
"""


def test_a_later_build_in_one_process_leaves_its_pages_for_the_next(project: Path) -> None:
    """mkdocs serve writes its page memo when it ends, not after every edit."""
    subprocess.run([sys.executable, "-c", TWO_BUILDS, str(project)], check=True)
    assert build(project).rendered == ()


def test_a_changed_setting_renders_every_source_page_again(project: Path) -> None:
    build(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("edit/main/docs/", "edit/trunk/docs/"), encoding="utf-8")
    result = build(project)
    assert {a.article.slug for a in result.articles} <= {p.stem for p in result.rendered}
    assert pages_of(project) == pages_of(project, cache=False)
    page = next(p for p in result.pages if str(p.path).startswith("sources/north-koreas"))
    assert "/blob/trunk/seeds/" in page.text


def test_an_edited_template_renders_the_pages_again_in_the_same_process(
    project: Path, monkeypatch
) -> None:
    """Under mkdocs serve the process lives on and Jinja reads an edited template
    again; the pages it made before must not be kept."""
    from build_scripts import cache

    build(project)
    fingerprint = cache.templates_fingerprint()
    monkeypatch.setattr(cache, "templates_fingerprint", lambda: fingerprint + "-edited")
    assert len(build(project).rendered) >= SEED_COUNT


def test_a_read_only_cache_is_used_and_never_breaks_the_build(project: Path, monkeypatch) -> None:
    import tempfile
    from pathlib import Path as PathType

    build(project)
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    cache_dir = str(project / ".cache")

    real_unlink, real_mkstemp = PathType.unlink, tempfile.mkstemp

    def unlink(self, *args, **kwargs):  # what a read-only folder does, even for root
        if str(self).startswith(cache_dir):
            raise PermissionError(13, "Permission denied", str(self))
        return real_unlink(self, *args, **kwargs)

    def mkstemp(*args, dir=None, **kwargs):
        if str(dir).startswith(cache_dir):
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(PathType, "unlink", unlink)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = build(project)
    assert result.processed == 1 and not result.errors
    assert pages_of(project) == pages_of(project, cache=False)


def test_a_docs_page_edited_with_its_time_put_back_is_still_restored(
    project: Path, monkeypatch
) -> None:
    """The in-process memory of docs/ goes by time, size and inode: an edit that
    sets the time back (touch -r, cp -p) changes the file's change time."""
    import os

    from build_scripts import cache

    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # every file counts as settled
    write_docs(build(project).pages, project)
    write_docs(build(project).pages, project)  # now each file is known
    page = next((project / "docs" / "sources").glob("north-korea-joins*.md"))
    before, status = page.read_text(encoding="utf-8"), os.stat(page)
    page.write_text(before.replace("the ", "THE ", 1), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    drift = write_docs(build(project).pages, project)
    assert [str(path) for path in drift.changed] == [f"sources/{page.name}"]
    assert page.read_text(encoding="utf-8") == before


def test_a_docs_page_saved_with_crlf_line_ends_is_not_up_to_date(project: Path) -> None:
    write_docs(build(project).pages, project)
    page = project / "docs" / "timeline.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert [str(path) for path in diff_docs(build(project).pages, project).changed] == [
        "timeline.md"
    ]


def test_a_template_edited_with_its_time_put_back_is_used(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """Jinja reloads a template by its file time; the page memo goes by bytes."""
    import os
    import shutil

    import jinja2

    from build_scripts import cache, render

    package = tmp_path / "package"
    shutil.copytree(Path(render.__file__).parent / "templates", package / "templates")
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setattr(render._ENV, "loader", jinja2.FileSystemLoader(package / "templates"))
    monkeypatch.setattr(render._ENV, "cache", type(render._ENV.cache)(400))
    monkeypatch.setattr(render, "_templates_used", "")
    build(project)
    template = package / "templates" / "article.md.j2"
    status = os.stat(template)
    template.write_text(
        template.read_text(encoding="utf-8").replace("## Related sources", "## Related readings"),
        encoding="utf-8",
    )
    os.utime(template, ns=(status.st_atime_ns, status.st_mtime_ns))
    pages = pages_of(project)
    assert pages == pages_of(project, cache=False)
    assert any("## Related readings" in text for text in pages.values())
