"""Follow: each source's dates from the repository's history, What's new, its
Atom feed and the edition (build_scripts/history.py, whats_new.py).

A throw-away copy of the project is made a git repository with commits at
fixed dates; the feed is checked by the RELAX NG schema of RFC 4287 (lxml,
reading its compact syntax through rnc2rng: no Atom validator is packaged for
Python) and read back by feedparser, as feed readers read it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import rnc2rng
from lxml import etree

from build_scripts import pipeline
from build_scripts.cache import Store
from build_scripts.config import load_settings
from build_scripts.docs_folder import diff_docs
from build_scripts.history import NO_REPOSITORY, SHALLOW, Commit, Dates, History, read_history
from build_scripts.whats_new import EDITION, FEED, WHATS_NEW, Change, feed_xml

from .conftest import ROOT, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = Path(__file__).parent / "fixtures" / "atom.rnc"


def git(root: Path, *args: str, when: str = "2026-01-01T10:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    run = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.strip()


def valid_atom(xml: str) -> feedparser.FeedParserDict:
    """The feed, checked against RFC 4287's schema and read by feedparser."""
    # rnc2rng declares the RFC's empty "local" prefix, which XML forbids (the
    # no-namespace name class it stands for is written out without it).
    grammar = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    schema = etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode()))
    document = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    # RFC 4287's own rules beyond the grammar: an author for the feed or each
    # entry; at most one alternate link each.
    assert document.find(f"{ATOM}author") is not None
    for entry in document.iter(f"{ATOM}entry"):
        alternates = [
            link
            for link in entry.iter(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, committed on 1 January 2026; one sidecar changed on 1 February."""
    root = copy_project(tmp_path_factory.mktemp("history") / "project")
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The dossier")
    sidecar = next((root / "seeds").glob("000_*.yml"))
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "A sidecar changed", when="2026-02-01T09:30:00Z")
    return root


@pytest.fixture(scope="module")
def built(repository: Path) -> pipeline.BuildResult:
    return pipeline.build(repository, cache=False)


def page(result: pipeline.BuildResult, path: object) -> str:
    return next(p.text for p in result.pages if p.path == path)


def test_dates_come_from_the_commits(repository: Path, built: pipeline.BuildResult) -> None:
    history = read_history(repository, Store(repository, False), built.articles, {})
    assert history.missing is None
    head = git(repository, "rev-parse", "HEAD")
    assert history.edition is not None and history.edition.oid == head
    changed = next(i for i in built.articles if i.article.source.stem.startswith("000_"))
    dates = history.dates[changed.article.slug]
    assert dates.added is not None and dates.changed is not None
    assert str(dates.added.day) == "2026-01-01" and str(dates.changed.day) == "2026-02-01"
    assert not dates.pending
    others = [history.dates[i.article.slug] for i in built.articles if i is not changed]
    assert all(d.added == d.changed and str(d.added.day) == "2026-01-01" for d in others)  # type: ignore[union-attr]


def test_whats_new_groups_by_day_newest_first(built: pipeline.BuildResult) -> None:
    text = page(built, WHATS_NEW)
    assert text.index("## 1 February 2026") < text.index("## 1 January 2026")
    february = text[text.index("## 1 February 2026") : text.index("## 1 January 2026")]
    assert "### Changed" in february and "### Added" not in february
    assert "(added 1 January 2026)" in february
    assert text.count("-   **[") == len(built.articles)
    for item in built.articles:  # each with its link and its summary's lead
        assert f"]({item.article.page})" in text
    assert "Not yet committed" not in text
    assert '--8<-- "_generated/edition.md"' in text


def test_the_edition_names_the_head_commit(repository: Path, built: pipeline.BuildResult) -> None:
    head = git(repository, "rev-parse", "--short=7", "HEAD")
    assert f"Edition of 1 February 2026, commit {head}." in page(built, EDITION)


def test_the_feed_is_valid_atom_with_one_entry_per_source(built: pipeline.BuildResult) -> None:
    parsed = valid_atom(page(built, FEED))
    assert len(parsed.entries) == len(built.articles)
    first = parsed.entries[0]  # the newest change first
    assert first.updated.startswith("2026-02-01T09:30:00")
    assert first.published.startswith("2026-01-01T10:00:00")
    assert first.tags[0].term == "changed"
    assert parsed.feed.updated.startswith("2026-02-01T09:30:00")
    titles = {i.article.title for i in built.articles}
    assert {e.title for e in parsed.entries} == titles


def test_the_same_commit_gives_the_same_files(
    repository: Path, built: pipeline.BuildResult
) -> None:
    again = pipeline.build(repository, cache=False)
    for path in (WHATS_NEW, FEED, EDITION):
        assert page(again, path) == page(built, path)


def test_history_files_are_not_committed_nor_checked(
    repository: Path, built: pipeline.BuildResult
) -> None:
    made = [p for p in built.pages if not p.committed]
    assert {p.path for p in made} == {WHATS_NEW, FEED, EDITION}
    ignored = git(repository, "check-ignore", *(f"docs/{p.path}" for p in made)).splitlines()
    assert len(ignored) == 3
    assert git(repository, "ls-files", "docs/whats-new.md", "docs/feed.xml") == ""
    # docs/ as committed has none of them: --check compares the rest only.
    assert not any(
        p in (WHATS_NEW, FEED, EDITION) for p in diff_docs(built.pages, repository).missing
    )


def test_an_uncommitted_edit_is_not_dated(repository: Path, built: pipeline.BuildResult) -> None:
    store = Store(repository, False)
    text = next((repository / "seeds").glob("001_*.txt"))
    original = text.read_text(encoding="utf-8")
    try:
        text.write_text(original + "\nOne more paragraph, not yet committed.\n", encoding="utf-8")
        edited = pipeline.build(repository, cache=False)
        history = read_history(repository, store, edited.articles, {})
        item = next(
            i for i in edited.articles if i.article.source.text_path == Path("seeds") / text.name
        )
        assert history.dates[item.article.slug].pending
        assert history.pending
        new = page(edited, WHATS_NEW)
        assert "## Not yet committed" in new
        assert "with changes not yet committed" in page(edited, EDITION)
        # Not in the feed: it has no date yet.
        assert len(valid_atom(page(edited, FEED)).entries) == len(edited.articles) - 1
    finally:
        text.write_text(original, encoding="utf-8")


def test_hostile_values_stay_text_in_the_feed(built: pipeline.BuildResult) -> None:
    settings = load_settings(Path(__file__).resolve().parent.parent)
    item = built.articles[0]
    title = 'Evil </title><script>alert(1)</script> & "quotes" \x00\x0b\ufffe end'
    author = "]]><entry>injected</entry>"
    hostile = dataclasses.replace(
        item, article=dataclasses.replace(item.article, title=title, author=author)
    )
    when = Commit("0" * 40, dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    history = History(when, {item.article.slug: Dates(when, when, False)})
    xml = feed_xml([Change(hostile, Dates(when, when, False))], history, settings)
    parsed = valid_atom(xml)
    assert "<script>" not in xml and "<entry>injected" not in xml
    document = etree.fromstring(xml.encode("utf-8"))
    assert document.findtext(f"{ATOM}entry/{ATOM}title") == title.replace("\x00\x0b\ufffe", "")
    assert document.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == author
    assert parsed.entries[0].author == author


def test_without_a_repository_there_are_no_dates(built_site: Path) -> None:
    """The test sites are copies without .git: the pages say so, the feed is
    valid and empty, and the site links it from every page's head."""
    root = built_site.parent
    text = (root / "docs" / WHATS_NEW).read_text(encoding="utf-8")
    assert f"*No dates: {NO_REPOSITORY}." in text
    assert "Edition not known" in (root / "docs" / EDITION).read_text(encoding="utf-8")
    parsed = valid_atom((built_site / "feed.xml").read_text(encoding="utf-8"))
    assert parsed.entries == []
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="feed.xml"' in home
    assert "Edition not known" in home
    assert 'href="dossier.epub"' in home and 'href="dossier.pdf"' in home
    assert "Edition not known" in (built_site / "print" / "index.html").read_text(encoding="utf-8")
    assert (built_site / "whats-new" / "index.html").is_file()


def test_a_shallow_clone_says_its_history_is_cut_short(
    repository: Path, tmp_path: Path, built: pipeline.BuildResult
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True
    )
    history = read_history(clone, Store(clone, False), [], {})
    assert history.missing == SHALLOW
    assert history.edition is not None  # the edition is still known
    assert history.edition.oid == git(repository, "rev-parse", "HEAD")
