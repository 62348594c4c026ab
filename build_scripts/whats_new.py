"""What's new, its Atom feed and the edition line, made from the history
(``history.py``): the sources added or changed, grouped by the day of the
commit that brought the change, newest first, each with its summary's lead.

The feed is written by feedgen (lxml underneath: every value is XML-escaped
there), from plain text: characters XML 1.0 cannot hold are dropped first,
since a source's title may carry any. All three are pages of the page memo,
kept while the edition, the sources' keys and their dates are unchanged, and
none is committed (``Page.committed``: a commit cannot name itself).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from .cite import permalink
from .config import Settings
from .enrich import Enriched
from .history import Commit, Dates, History
from .model import Page, PageJob
from .render import Templates, inputs_digest, render_template

WHATS_NEW = PurePosixPath("whats-new.md")
FEED = PurePosixPath("feed.xml")
EDITION = PurePosixPath("_generated/edition.md")
"""The edition line, included by the home page and the print page's cover."""
HISTORY_PAGES = (WHATS_NEW, FEED, EDITION)
"""The files made from the history: written to docs/ at every build, ignored by git."""
WHATS_NEW_MAX = 100
"""Sources listed on What's new (the most recently changed): a reader who was
briefed last month reads what came since, not the whole dossier again."""
FEED_MAX = 50
"""Entries in the feed, the most recent: what feed readers ask for each time."""


@dataclass(frozen=True)
class Change:
    """A source as What's new lists it: its latest change (``dates.changed``;
    an addition when it is also when the source came in)."""

    item: Enriched
    dates: Dates

    @property
    def added(self) -> bool:
        return self.dates.changed == self.dates.added

    @property
    def when(self) -> Commit | None:
        return self.dates.changed


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def changes(items: Sequence[Enriched], history: History) -> tuple[list[Change], list[Change]]:
    """The dated changes, newest first (sources of one commit in source order),
    at most WHATS_NEW_MAX; and the sources with changes not yet committed."""
    dated, pending = [], []
    for item in items:
        dates = history.dates.get(item.article.slug)
        if dates is None:
            continue
        if dates.pending:
            pending.append(Change(item, dates))
        elif dates.changed is not None:
            dated.append(Change(item, dates))
    dated.sort(key=lambda c: c.when.time if c.when else dt.datetime.min, reverse=True)
    return dated[:WHATS_NEW_MAX], pending


def by_day(dated: Sequence[Change]) -> list[tuple[dt.date, list[Change], list[Change]]]:
    """Each day's additions and changes, newest day first."""
    days: dict[dt.date, tuple[list[Change], list[Change]]] = {}
    for change in dated:
        assert change.when is not None
        added, changed = days.setdefault(change.when.day, ([], []))
        (added if change.added else changed).append(change)
    return [(day, added, changed) for day, (added, changed) in days.items()]


def edition_line(history: History) -> str:
    """The edition in words: its day and short commit."""
    if history.edition is None:
        return f"Edition not known: {history.missing}."
    edition = history.edition
    line = f"Edition of {long_date(edition.day)}, commit {edition.short}"
    return line + (", with changes not yet committed." if history.pending else ".")


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone
    surrogates, U+FFFE/U+FFFF): lxml refuses them rather than escaping them."""
    return _NOT_XML.sub("", text)


def _id(*parts: str) -> str:
    """A stable, absolute id for the feed or an entry (Atom requires an IRI)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "\x1f".join(parts)))


def feed_xml(dated: Sequence[Change], history: History, settings: Settings) -> str:
    """The Atom feed of What's new: one entry per source, updated when it last
    changed, published when it came in. Links are absolute with ``site_url``,
    else relative to the feed, which is at the site's root."""
    from feedgen.feed import FeedGenerator  # (and lxml, ~0.1 s): only when the feed is made

    base = settings.site_url.rstrip("/") + "/" if settings.site_url else ""
    feed_id = _id("dossier", settings.title)
    feed = FeedGenerator()
    feed.id(base or feed_id)
    feed.title(xml_text(f"{settings.title}: what's new"))
    feed.subtitle(
        xml_text(
            "Sources added to the dossier or changed, dated by the commit that brought them in"
            + (f". No dates: {history.missing}" if history.missing else "")
        )
    )
    feed.link(href=f"{base}{WHATS_NEW.with_suffix('').as_posix()}/", rel="alternate")
    feed.link(href=f"{base}{FEED}", rel="self")
    feed.author(
        {"name": xml_text(", ".join(settings.editors) or f"The editors of {settings.title}")}
    )
    feed.language("en")
    # The newest change listed (a commit that changes no source changes no
    # feed), else the edition. Atom requires a date; without a repository there
    # is none: the Unix epoch says "unknown" rather than a guess.
    listed = dated[:FEED_MAX]
    edition = history.edition
    newest = listed[0].when if listed else edition
    feed.updated(newest.time if newest else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    for change in listed:
        article, when = change.item.article, change.when
        assert when is not None
        entry = feed.add_entry(order="append")
        entry.id(_id(feed_id, article.source.text_path.as_posix()))
        entry.title(xml_text(article.title))
        link = permalink(article, settings.site_url) or article.page.removesuffix(".md") + "/"
        entry.link(href=link, rel="alternate")
        entry.updated(when.time)
        if change.dates.added:
            entry.published(change.dates.added.time)
        if article.author:
            entry.author({"name": xml_text(article.author)})
        kind = "added" if change.added else "changed"
        entry.category(term=kind, label=kind.capitalize())
        lead = change.item.summary.lead
        if lead:
            entry.summary(xml_text(lead))
    return feed.atom_str(pretty=True).decode("utf-8")


def whats_new_jobs(
    t: Templates,
    items: Sequence[Enriched],
    keys: dict[str, str],
    history: History,
    settings: Settings,
) -> list[PageJob]:
    """What's new, its feed and the edition line, each kept in the page memo
    under what it shows: the edition, why there are no dates, each listed
    source's key (its text, sidecar and summary) and dates, the settings."""
    digest = inputs_digest("whats-new", history.edition, history.missing, history.digest, settings)

    def page() -> Page:
        dated, pending = changes(items, history)
        made = render_template(
            t,
            "whats-new.md.j2",
            WHATS_NEW,
            ["seeds/", "the repository's history"],
            groups=by_day(dated),
            pending=pending,
            history=history,
            listed_max=WHATS_NEW_MAX,
            capped=len(dated) >= WHATS_NEW_MAX,
            long_date=long_date,
            feed=FEED.as_posix(),
        )
        return Page(made.path, made.text, committed=False)

    def edition() -> Page:
        made = render_template(
            t, "edition.md.j2", EDITION, ["the repository's history"], line=edition_line(history)
        )
        return Page(made.path, made.text, committed=False)

    return [
        PageJob(digest + "|page", page),
        PageJob(
            digest + "|feed",
            lambda: Page(
                FEED, feed_xml(changes(items, history)[0], history, settings), committed=False
            ),
        ),
        PageJob(
            inputs_digest("edition", history.edition, history.pending, history.missing), edition
        ),
    ]
