"""Saved web pages (``.html``, ``.htm``): the article's text and what the page states.

trafilatura finds the main text of the page (dropping menus, sidebars, footers
and comments). What the page states about itself comes from three readings,
reconciled field by field (``page_metadata``):

- what a reader sees: the page's visible text (html-text) read by the same rules
  as a copied page's (``metadata.from_text``): the headline, byline and date;
- the page's structured data (extruct: JSON-LD, microdata, OpenGraph);
- trafilatura's metadata, for the address and, last, the site's name.

The visible byline and date win (they are what the labels of the article say,
in the page's own time zone); structured data fills what they leave out, its
names cleaned by the same rules, and a UTC timestamp only where it is the same
day from UTC-8 to UTC+8. None of these libraries fetches anything: no
address is passed to them, and nothing they find is followed.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from dataclasses import dataclass

import trafilatura

from .markup import web_address
from .metadata import (
    byline_names,
    find_date,
    from_text,
    joined,
    key,
    names_of,
    rules,
    similar,
    without_outlet,
)
from .model import Line, Metadata

# trafilatura logs at WARNING about pages it finds thin; our own message says it
# better, once, naming the file.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

MIN_WORDS = 8
"""Less main text than this is a page's furniture (a login form, an index), not an article."""


@dataclass(frozen=True)
class SavedPage:
    """What a saved page gives: its main text (one block per line) and metadata."""

    text: str
    stated: Metadata


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def extract(data: bytes | str) -> SavedPage | None:
    """The main text and metadata of a saved page; ``None`` when it has no main text."""
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        include_images=False,
        include_links=False,  # links would become text we then have to escape anyway
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return None
    text = (document.text or "").strip()
    if len(text.split()) < MIN_WORDS:
        return None
    markup = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return SavedPage(text=text, stated=page_metadata(markup, document))


PAGE_TEXT = "the page's text"
JSON_LD = "the page's data (JSON-LD)"
MICRODATA = "the page's data (microdata)"
OPENGRAPH = "the page's data (OpenGraph)"
TRAFILATURA = "the page's metadata (trafilatura)"
SAME_DAY_UTC_HOURS = range(8, 16)
"""A UTC timestamp at these hours is the same day from UTC-8 (the US Pacific coast)
to UTC+8 (China): the page's own date wherever in that span it is published. At
other hours the day depends on where, which the page does not say: not stated."""
_ARTICLE_TYPES = re.compile(r"article|posting|report|story|review|webpage", re.I)


@dataclass(frozen=True)
class PageData:
    """What the page's structured data states (each value with the syntax it came in)."""

    title: tuple[str, str] | None = None
    authors: tuple[tuple[str, ...], str] | None = None
    published: tuple[dt.date, str] | None = None
    site: tuple[str, str] | None = None
    publisher: tuple[str, str] | None = None


def page_metadata(markup: str, document) -> Metadata:
    """Title, writers, date, outlet and address of a saved page, reconciled."""
    data = _page_data(markup)
    seen = _seen(markup, (data.site or data.publisher or (None, ""))[0])
    values: dict = {}
    origins: list[tuple[str, str]] = []

    def take(field: str, *candidates: tuple[object, str] | None) -> None:
        for candidate in candidates:
            if candidate is not None and candidate[0]:
                values[field] = candidate[0]
                origins.append((field, candidate[1]))
                return

    shown = seen.stated
    take("title", (shown.title, PAGE_TEXT), data.title)
    take("authors", (shown.authors, PAGE_TEXT), data.authors)
    take("published", (shown.published, PAGE_TEXT), data.published)
    sitename = _clean(document.sitename)
    take(
        "publication",
        data.site,
        (shown.publication, PAGE_TEXT),
        data.publisher,
        (sitename, TRAFILATURA) if sitename and not _domain_like(sitename) else None,
    )
    url = _clean(document.url)
    take("url", (web_address(url) if url else None, TRAFILATURA))
    if values.get("authors"):
        values["authors"] = without_outlet(values["authors"], values.get("publication"))
        values["author"] = joined(values["authors"])
    return Metadata(**values, origins=tuple(origins), doubts=_doubts(shown, data))


DIFFERENT_TITLES = 0.5
"""Headlines sharing less than this (token F1) say different things: sites often
write one for readers and one for search engines, but not two stories."""


def _doubts(shown: Metadata, data: PageData) -> tuple[tuple[str, str], ...]:
    """Where the page's visible headline, byline or date and its own data disagree
    plainly: other words for the headline, no writer in common, dates more than a
    day apart (a day is a time zone's difference)."""
    out = []
    if shown.title and data.title and not similar(shown.title, data.title[0], DIFFERENT_TITLES):
        out.append(("title", _seen_against(shown.title, data.title)))
    writers = {key(a) for a in data.authors[0]} if data.authors else set()
    if shown.authors and writers and not {key(a) for a in shown.authors} & writers:
        out.append(("authors", _seen_against(joined(shown.authors), data.authors)))
    days = (
        abs((shown.published - data.published[0]).days) if shown.published and data.published else 0
    )
    if days > 1:
        out.append(("published", _seen_against(shown.published, data.published)))
    return tuple(out)


def _seen_against(shown: object, data: tuple) -> str:
    value = joined(data[0]) if isinstance(data[0], tuple) else data[0]
    return f"its text shows '{shown}'; {data[1]} says '{value}'"


def _seen(markup: str, outlet: str | None):
    """The headline, byline and date a reader sees, read from the page's text."""
    import html_text

    try:
        text = html_text.extract_text(markup, guess_layout=True)
    except Exception:  # lxml refuses some markup: then there is no visible text to read
        return from_text(())
    lines = tuple(Line(n, line) for n, line in enumerate(text.split("\n"), start=1))
    return from_text(lines, outlet=outlet)


def _page_data(markup: str) -> PageData:
    import extruct

    try:
        found = extruct.extract(
            markup, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True, errors="ignore"
        )
    except Exception:  # a page's broken data is no data
        return PageData()
    items = [(item, JSON_LD) for item in _flat(found.get("json-ld", []))]
    items += [(item, MICRODATA) for item in _flat(found.get("microdata", []))]
    articles = [(i, o) for i, o in items if _ARTICLE_TYPES.search(_type(i))]
    og = next(iter(found.get("opengraph") or []), {})
    publishers = (_site(_name(i.get("publisher"))) for i, _ in articles)
    site = _site(og.get("og:site_name")) or next((p for p in publishers if p), None)
    return PageData(
        title=_first((_headline(i.get("headline"), site), o) for i, o in articles),
        authors=_first((_authors(i.get("author")), o) for i, o in articles),
        published=_first(
            [(_day(_text(i.get("datePublished"))), o) for i, o in articles]
            + [(_day(_text(og.get("article:published_time"))), OPENGRAPH)]
        ),
        site=_first([(_site(og.get("og:site_name")), OPENGRAPH)]),
        publisher=_first((_site(_name(i.get("publisher"))), o) for i, o in articles),
    )


def _flat(items) -> list[dict]:
    """Every object of the data, those in an ``@graph`` too."""
    out = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            out.append(item)
            out.extend(_flat(item.get("@graph", [])))
    return out


def _type(item: dict) -> str:
    kind = item.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _text(value) -> str | None:
    """A value of the page's data as text: pages often put entities in it ("&#8216;")."""
    if isinstance(value, list):
        value = value[0] if value else None
    return _clean(html.unescape(value)) if isinstance(value, str) else None


def _headline(value, site: str | None) -> str | None:
    """The data's headline, without the site's name appended (" | TheHill"); an address
    is no headline."""
    title = _text(value)
    if not title or re.match(r"https?://", title):
        return None
    for sep in rules().separators:
        if site and title.endswith(sep + site):
            return title[: -len(sep + site)].strip() or None
    return title


def _name(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _authors(value) -> tuple[str, ...]:
    """Persons named as the article's authors, cleaned like a byline; an organisation
    in the data is not a byline, and one name that is not plainly a name voids them."""
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people:
        if isinstance(person, dict) and "person" not in _type(person).casefold():
            return ()
        name = _name(person)
        if not name:
            return ()
        found = byline_names(name, None) or names_of(name)
        if not found:
            return ()
        names.extend(found)
    return tuple(dict.fromkeys(names))


def _day(value: str | None) -> dt.date | None:
    """The day a timestamp states, where it is the page's own day: a date alone, or a
    time with its zone's offset; a UTC time only where every nearby zone has the same day."""
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return _date(value)
        return find_date(value)  # as the page writes it: "01:38:07 PM IST Nov 20, 2019"
    if len(value) <= 10:
        return stamp.date()
    offset = stamp.utcoffset()
    if offset is None:
        return None  # a time with no zone: whose day?
    if offset == dt.timedelta(0) and stamp.hour not in SAME_DAY_UTC_HOURS:
        return None
    return stamp.date()


def _site(value) -> str | None:
    name = _text(value)
    return None if not name or _domain_like(name) else name


def _domain_like(name: str) -> bool:
    """ "jpost.com" is an address, not how the outlet names itself."""
    return re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name) is not None


def _first(candidates) -> tuple | None:
    return next((c for c in candidates if c[0]), None)
