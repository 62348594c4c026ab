"""The cache saves work and never changes what a build produces."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from build_scripts import cache, crossref, pipeline, positions, render, sources
from build_scripts.cache import Store
from build_scripts.docs_folder import diff_docs, write_docs
from build_scripts.enrich import Enriched
from build_scripts.knowledge import data_fingerprint, read_data
from build_scripts.pipeline import BuildResult, build

from .conftest import copy_project

SEED_COUNT = 3


def article_of(result: BuildResult, seed: Path) -> Enriched:
    """The built article of the source text ``seed``."""
    return next(a for a in result.articles if a.article.source.text_path.name == seed.name)


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


def sources_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources whose bytes the store reads to know their keys, as they are read."""
    read: list[str] = []
    real = sources.read_bytes

    def counted(source, root):
        read.append(source.text_path.name)
        return real(source, root)

    monkeypatch.setattr(sources, "read_bytes", counted)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # the copied files count as settled
    return read


def test_a_new_process_after_one_edit_reads_only_that_source(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = sources_read(monkeypatch)
    build(project)  # a build without a store is a new process's: its store is closed
    assert len(read) == SEED_COUNT
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    read.clear()
    result = build(project)
    assert read == [seed.name]
    assert result.processed == 1
    assert pages_of(project) == pages_of(project, cache=False)


def test_the_source_keys_of_other_code_are_not_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = sources_read(monkeypatch)
    build(project)
    read.clear()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version")
    build(project)
    assert len(read) == SEED_COUNT


def test_a_source_replaced_by_another_file_of_the_same_size_is_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = sources_read(monkeypatch)
    build(project)
    seed = next((project / "seeds").glob("001_*.txt"))
    text = seed.read_text(encoding="utf-8")
    swapped = text.replace("the ", "THE ", 1)
    assert len(swapped) == len(text)
    stamp = seed.stat()
    seed.write_text(swapped, encoding="utf-8")
    os.utime(seed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # its time put back
    read.clear()
    result = build(project)
    assert read == [seed.name]
    assert "THE " in "".join(p.text for p in result.pages)


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
    pages = pages_of(project)
    after = pages["timeline.md"]
    assert pages == pages_of(project, cache=False)  # the print page's timeline too
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
    # Its section of the print page, the front (its word count) and the back
    # (the glossary and index cite its mentions).
    assert {"print.md#front", "print.md#back"} <= rendered
    rendered -= {"print.md#s1", "print.md#front", "print.md#back"}
    # Its own page and the pages of the entries it mentions (they quote it, and
    # the edit moved the mentions in one sentence); not its author's page (which
    # lists its title only), nor the other sources, nor their entries.
    edited = article_of(result, seed)
    mentioned = {entry.page for entry in edited.entries().values()}
    assert "people/brian-patrick-bolger.md" not in mentioned
    assert rendered == {f"sources/{edited.article.slug}.md"} | mentioned


def test_a_sentence_that_names_nothing_renders_no_entry_page_again(project: Path) -> None:
    seed = next((project / "seeds").glob("000_*.txt"))
    before = article_of(build(project), seed)
    text = seed.read_text(encoding="utf-8")
    first = before.article.paragraphs[0].text
    assert first in text
    seed.write_text(text.replace(first, first + " It was a long year.", 1), encoding="utf-8")
    result = build(project)
    edited = article_of(result, seed)
    assert "It was a long year." in edited.article.paragraphs[0].text
    assert {str(path) for path in result.rendered} == {
        f"sources/{edited.article.slug}.md",
        "print.md#s1",
        "print.md#front",  # its word count; the back cites the same paragraphs
    }
    assert {str(p.path): p.text for p in result.pages} == pages_of(project, cache=False)


def test_an_edit_to_a_quoted_sentence_renders_the_entry_pages_again(project: Path) -> None:
    first = build(project)
    seed = next((project / "seeds").glob("000_*.txt"))
    edited = article_of(first, seed)
    usage = next(m for m in edited.mentions if m.heading is None)
    sentence = edited.article.paragraphs[usage.paragraph_index].sentences[usage.sentence]
    text = seed.read_text(encoding="utf-8")
    assert sentence in text
    # A word changed after the mention: the quote changes, not where the mention is.
    seed.write_text(text.replace(sentence, sentence[:-1] + " indeed.", 1), encoding="utf-8")
    result = build(project)
    assert usage.entry.page in {str(path) for path in result.rendered}
    quoting = next(p for p in result.pages if str(p.path) == usage.entry.page)
    assert "indeed." in quoting.text
    assert {str(p.path): p.text for p in result.pages} == pages_of(project, cache=False)


def two_builds(root: Path) -> Store:
    """Two builds with one store, as ``mkdocs serve`` makes them, an edit between."""
    store = Store(root)
    build(root, store=store)
    seed = next((root / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    assert build(root, store=store).rendered
    return store


def test_a_later_build_in_one_process_leaves_its_pages_for_the_next(project: Path) -> None:
    """mkdocs serve writes its page memo when it ends (the store is closed), not
    after every edit."""
    store = two_builds(project)
    assert build(project).rendered  # the memo on disk is the first build's
    store.close()
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


@pytest.fixture
def templates(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A copy of the package's templates that the build renders with."""
    from build_scripts import render

    folder = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, folder)
    monkeypatch.setattr(render, "TEMPLATES", folder)
    yield folder


def edit(path: Path, old: str, new: str, keep_time: bool = False) -> None:
    status = os.stat(path)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    if keep_time:  # as touch -r or cp -p leave it
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


@pytest.mark.parametrize("keep_time", [False, True])
def test_an_edited_template_is_used_in_the_same_process(
    project: Path, templates: Path, keep_time: bool
) -> None:
    """Under mkdocs serve the process lives on: pages made with the template
    before its edit are not kept, whatever the edit did to the file's time."""
    store = Store(project)
    build(project, store=store)
    edit(templates / "article.md.j2", "## Related sources", "## Related readings", keep_time)
    result = build(project, store=store)
    assert len(result.rendered) >= SEED_COUNT
    pages = {str(page.path): page.text for page in result.pages}
    assert pages == pages_of(project, cache=False)
    assert any("## Related readings" in text for text in pages.values())


def test_a_template_edited_during_a_build_and_put_back_leaves_no_trace(
    project: Path, templates: Path, monkeypatch
) -> None:
    """The templates are read once per build: pages are made from the text hashed."""

    real = pipeline.PageMemo

    def memo_while_a_template_is_edited(*args, **kwargs):
        edit(templates / "article.md.j2", "## Related sources", "## Related readings")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "PageMemo", memo_while_a_template_is_edited)
    build(project)
    monkeypatch.setattr(pipeline, "PageMemo", real)
    edit(templates / "article.md.j2", "## Related readings", "## Related sources")
    assert pages_of(project) == pages_of(project, cache=False)


def test_a_source_edited_during_a_build_and_put_back_leaves_no_trace(project: Path) -> None:
    """A source is made from the bytes its cache key hashed, read once."""
    seed = next((project / "seeds").glob("001_*.txt"))
    original = seed.read_text(encoding="utf-8")

    def progress(items, _total):  # runs once every key is made, before processing
        seed.write_text(original.replace("the ", "THE-EDIT ", 1), encoding="utf-8")
        yield from items

    build(project, progress)
    seed.write_text(original, encoding="utf-8")
    assert "THE-EDIT" not in "".join(pages_of(project).values())


def test_a_data_file_edited_during_a_build_and_put_back_leaves_no_trace(
    project: Path, monkeypatch
) -> None:

    entities = project / "seeds" / "data" / "entities.yml"
    original = entities.read_text(encoding="utf-8")
    real = pipeline.load_knowledge

    def load_while_edited(*args, **kwargs):
        entities.write_text(original.replace("aliases: [Putin, ", "aliases: [", 1), "utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_knowledge", load_while_edited)
    build(project)
    monkeypatch.setattr(pipeline, "load_knowledge", real)
    entities.write_text(original, encoding="utf-8")
    assert pages_of(project) == pages_of(project, cache=False)


def test_a_damaged_compiled_template_is_compiled_again(project: Path) -> None:

    build(project)
    for compiled in (project / ".cache" / "dossier" / "templates").rglob("*.cache"):
        compiled.write_bytes(compiled.read_bytes()[:30])
    assert pages_of(project) == pages_of(project, cache=False)


def test_docs_pages_that_are_not_plain_text_files_are_replaced(project: Path) -> None:
    write_docs(build(project).pages, project)
    docs = project / "docs"
    (docs / "timeline.md").write_bytes(b"\xff\xfe not UTF-8")
    outside = project / "outside.md"
    outside.write_text("kept", encoding="utf-8")
    (docs / "connections.md").unlink()
    (docs / "connections.md").symlink_to(outside)
    drift = write_docs(build(project).pages, project)
    assert {"timeline.md", "connections.md"} <= {str(p) for p in drift.changed + drift.missing}
    assert not (docs / "connections.md").is_symlink() and outside.read_text() == "kept"
    assert not diff_docs(build(project).pages, project)


def test_the_memo_of_a_deleted_project_is_not_written_back(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "gone")
    store = two_builds(root)
    shutil.rmtree(root)
    store.close()
    assert not root.exists()


def test_an_edit_that_names_another_entry_ranks_the_sources_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Related sources and key terms are kept while every source names the same
    entries as often; a source that names one more, or one more often, is
    ranked again, with the rest."""
    store = Store(project)  # one process, as under mkdocs serve
    ranked = []
    real = crossref._ranking
    monkeypatch.setattr(crossref, "_ranking", lambda profiles: ranked.append(1) or real(profiles))
    first = build(project, store=store)
    seed = next((project / "seeds").glob("002_*.txt"))
    edited = article_of(first, seed)
    named = edited.entries()
    other = next(
        entry
        for item in first.articles
        for entry in item.entries().values()
        if entry.name not in named and entry.kind == "term"
    )
    text = seed.read_text(encoding="utf-8")
    last = edited.article.paragraphs[-1].text
    assert last in text

    def ends_with(sentence: str) -> bool:
        """Append to the last paragraph; True if the ranking was kept."""
        seed.write_text(text.replace(last, f"{last} {sentence}"), "utf-8")
        ranked.clear()
        assert build(project, store=store).processed == 1
        return not ranked

    assert ends_with("It is the beginning.")  # the same names, as often
    assert not ends_with(f"The sources call it {next(iter(named))}.")  # one named more often
    assert not ends_with(f"The sources call it {other.name}.")  # another entry named
    page = next(p for p in build(project).pages if p.path.name == f"{edited.article.slug}.md")
    assert f"[{other.name}](../glossary/{other.slug}.md" in page.text
    assert pages_of(project) == pages_of(project, cache=False)


def test_sources_built_in_parallel_are_cached_and_as_built_one_by_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PARALLEL_MIN sources a pool of processes builds them, each worker
    writing the cache entries of its own sources."""
    for n in range(sources.PARALLEL_MIN):
        (project / "seeds" / f"zz{n:03d}.txt").write_text(
            f"Report {n}\n\nCarl Schmitt wrote about order in report {n}. Moscow read it.\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(sources.os, "cpu_count", lambda: 2)  # a pool even on one core
    pooled = pages_of(project)
    assert build(project).processed == 0
    monkeypatch.setattr(sources, "PARALLEL_MIN", 10**6)
    assert pages_of(project, cache=False) == pooled


CHANGED = "cache entry was changed outside the build; recomputed"


def entry_holding(project: Path, text: bytes) -> Path:
    """The one source cache entry whose bytes hold ``text``."""
    entries = [
        p
        for p in (project / ".cache" / "dossier").glob("[0-9a-f][0-9a-f]/*")
        if text in p.read_bytes()
    ]
    assert len(entries) == 1, entries
    return entries[0]


def test_a_cache_entry_edited_in_place_is_recomputed_and_named(project: Path) -> None:
    """Still a valid pickle after the edit (same length), yet never served."""
    assert not any(CHANGED in p.what for p in build(project).problems)
    entry = entry_holding(project, b"unsettling new player")
    entry.write_bytes(entry.read_bytes().replace(b"unsettling new", b"UNSETTLED new"))
    result = build(project)
    assert result.processed == 1
    assert "UNSETTLED" not in "".join(page.text for page in result.pages)
    shown = entry.relative_to(project).as_posix()
    assert f"{shown}: warning: {CHANGED} — leave .cache/dossier/ to the build" in [
        str(p).removesuffix(" (delete the folder if this repeats)") for p in result.problems
    ]
    again = build(project)
    assert again.processed == 0  # written anew, sealed
    assert not any(CHANGED in str(p) for p in again.problems)


def test_an_edited_page_memo_is_not_served(project: Path) -> None:
    before = pages_of(project)
    memo = project / ".cache" / "dossier" / "pages.pickle"
    data = memo.read_bytes()
    assert b"Pyongyang" in data
    memo.write_bytes(data.replace(b"Pyongyang", b"Pjongyang"))
    result = build(project)
    assert {str(page.path): page.text for page in result.pages} == before
    assert result.rendered  # every page rendered again
    changed = [p.path.as_posix() for p in result.problems if CHANGED in p.what]
    assert changed == [".cache/dossier/pages.pickle"]


def test_an_edited_knowledge_entry_is_not_served(project: Path) -> None:
    before = pages_of(project)
    key = cache.knowledge_key(data_fingerprint(read_data(project)))
    entry = project / ".cache" / "dossier" / key[:2] / key
    entry.write_bytes(entry.read_bytes().replace(b"Chinese term meaning", b"Chinese TERM meaning"))
    result = build(project)
    assert {str(page.path): page.text for page in result.pages} == before
    assert [p.severity for p in result.problems if CHANGED in p.what] == ["warning"]


def test_a_cache_file_of_another_format_is_a_silent_miss(project: Path) -> None:
    """An earlier version's memo (no seal) is recomputed without a warning."""
    import pickle

    before = pages_of(project)
    memo = project / ".cache" / "dossier" / "pages.pickle"
    memo.write_bytes(pickle.dumps(("fingerprint", {})))
    result = build(project)
    assert {str(page.path): page.text for page in result.pages} == before
    assert not any(CHANGED in p.what for p in result.problems)


def test_a_failed_cache_write_leaves_no_temporary_file(project: Path, monkeypatch) -> None:
    """A full disk while an entry is written: no half file, no temporary file."""
    import errno

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            self.file = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            self.file.write(data[:100])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache.os, "fdopen", FullDisk)
    target = project / ".cache" / "dossier" / "ab" / "entry"
    cache.write_pickle(target, {"a": 1})
    assert list(target.parent.iterdir()) == []
    monkeypatch.undo()
    cache.write_pickle(target, {"a": 1})
    assert cache.read_pickle(target, Path("x"), []) == {"a": 1}
    assert list(target.parent.iterdir()) == [target]


def test_every_rule_file_is_in_the_code_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules decide the output as code does: an edit to any of them is a new key."""
    from build_scripts.rulefiles import rule_names, rule_text

    names = rule_names()
    assert {"boilerplate.yml", "metadata.yml", "names.yml"} <= set(names)
    before = cache.code_fingerprint.__wrapped__()
    for name in names:
        edited = name

        def text(n: str, edited: str = edited) -> str:
            return rule_text(n) + ("\n# edited" if n == edited else "")

        monkeypatch.setattr(cache, "rule_text", text)
        assert cache.code_fingerprint.__wrapped__() != before, name


def test_a_file_saved_a_moment_ago_is_settled_only_on_a_fine_grained_file_system() -> None:
    second = 1_000_000_000
    fine = (5 * second + 123_456_789, 5 * second + 123_456_789, 10, 1, 1)
    coarse = (6 * second, 6 * second, 10, 1, 1)  # FAT, HFS+: whole (even) seconds
    looked = 6 * second + 500_000_000
    assert cache.settled(fine, looked)  # changed 0.38 s before the look
    assert not cache.settled(fine, 5 * second + 150_000_000)  # 27 ms before: same tick?
    assert not cache.settled(coarse, looked)  # within the 2 s a coarse tick may last
    assert cache.settled(coarse, 8 * second + 1)


def unpack_twice(packed: Path, folder: Path) -> None:
    (folder / "data").write_bytes(packed.read_bytes() * 2)


def test_a_library_file_is_unpacked_once_per_version_and_never_pruned(project: Path) -> None:
    packed = project / "model.bin"
    packed.write_bytes(b"ab")
    store = Store(project)
    folder = store.unpacked(packed, unpack_twice)
    assert folder is not None and (folder / "data").read_bytes() == b"abab"
    calls: list[Path] = []
    assert Store(project).unpacked(packed, lambda p, f: calls.append(f)) == folder
    assert not calls  # a later process maps what the first unpacked
    store.prune(set())  # the entries' pruning leaves it alone
    assert (folder / "data").is_file()
    packed.write_bytes(b"xyz")  # the library was upgraded
    newer = Store(project).unpacked(packed, unpack_twice)
    assert newer is not None and newer != folder and not folder.exists()
    assert (newer / "data").read_bytes() == b"xyzxyz"
    assert Store(project, enabled=False).unpacked(packed, unpack_twice) is None
    packed.write_bytes(b"a small dossier's")
    assert Store(project).unpacked(packed, unpack_twice, make=False) is None


def test_a_half_unpacked_folder_is_never_used(project: Path) -> None:
    packed = project / "model.bin"
    packed.write_bytes(b"ab")

    def failing(packed: Path, folder: Path) -> None:
        (folder / "data").write_bytes(b"a")
        raise OSError("disk full")

    assert Store(project).unpacked(packed, failing) is None
    assert not list((project / ".cache" / "dossier" / Store.UNPACKED).iterdir())
    folder = Store(project).unpacked(packed, unpack_twice)
    assert folder is not None and (folder / "data").read_bytes() == b"abab"


def test_a_lasting_memo_serves_the_next_process_while_its_inputs_are_equal(
    project: Path,
) -> None:
    made: list[tuple] = []

    def ranking(inputs: tuple) -> Callable[[], str]:
        return lambda: made.append(inputs) or f"ranked {inputs}"

    first = Store(project)
    assert first.memo("ranking", ("a", 1.5), ranking(("a", 1.5)), True) == "ranked ('a', 1.5)"
    first.close()
    later = Store(project)  # a new process: equal inputs, made of other objects
    assert later.memo("ranking", ("a", 1.5), ranking(("a", 1.5)), True) == "ranked ('a', 1.5)"
    assert made == [("a", 1.5)]
    assert later.memo("ranking", ("b", 2), ranking(("b", 2)), True) == "ranked ('b', 2)"
    assert made == [("a", 1.5), ("b", 2)]
    assert Store(project).memo("other", ("a", 1.5), ranking(("a", 1.5)), True)
    assert len(made) == 3  # kept by name too
    Store(project, enabled=False).memo("ranking", ("a", 1.5), ranking(("a", 1.5)), True)
    assert len(made) == 4


def built_then_edited(project: Path) -> None:
    """Build (a process of its own, its store closed), then add a line to one
    source, as an editor does before the next ``dossier build``."""
    build(project)
    seed = next((project / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")


def test_an_edit_that_changes_no_profile_ranks_nothing_in_a_new_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_then_edited(project)
    ranked: list[object] = []
    real = crossref._ranking
    monkeypatch.setattr(crossref, "_ranking", lambda p: ranked.append(p) or real(p))
    assert build(project).processed == 1
    assert not ranked


def test_a_lasting_table_is_where_the_next_process_starts(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store(project)
    first.kept("digests", lasting=True)["a"] = "1"
    first.kept("scratch")["a"] = "1"
    first.close()
    later = Store(project)
    assert later.kept("digests", lasting=True) == {"a": "1"}
    assert later.kept("scratch") == {}  # this process's only
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    assert Store(project).kept("digests", lasting=True) == {}


def test_a_new_process_digests_only_the_edited_source_for_entry_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_then_edited(project)
    digested: list[str] = []
    real = render.inputs_digest

    def counted(kind: str, *inputs: object) -> str:
        if kind == "quoted":
            digested.append(str(inputs[0]))
        return real(kind, *inputs)

    monkeypatch.setattr(render, "inputs_digest", counted)
    build(project)
    assert len(digested) == 1


def test_a_new_process_ranks_only_the_edited_sources_sentences_for_positions(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_then_edited(project)
    ranked: list[str] = []
    real = positions.rank_sentences
    monkeypatch.setattr(positions, "rank_sentences", lambda t, p: ranked.append(t) or real(t, p))
    first = build(project).pages
    assert len(ranked) <= 1  # the edited source, if the Positions page quotes it
    assert first == build(project, cache=False).pages


def test_a_small_dossier_reads_the_packed_language_model(project: Path) -> None:
    build(project)  # three sources: unpacking 68 MB would cost more than it saves
    assert not (project / ".cache" / "dossier" / Store.UNPACKED).exists()
