"""Saved web pages (``.html``, ``.htm``): the article's text and what the page states.

trafilatura finds the main text of the page (dropping menus, sidebars, footers
and comments) and reads the metadata the page declares: title, author, date,
site name and address. It works on the bytes we give it and never fetches
anything: no address is passed to it, and nothing it finds is followed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import trafilatura

from .markup import web_address
from .model import Metadata

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
    url = _clean(document.url)
    stated = Metadata(
        title=_clean(document.title),
        author=_clean(document.author),
        publication=_clean(document.sitename),
        published=_date(document.date),
        url=web_address(url) if url else None,
    )
    return SavedPage(text=text, stated=stated)
