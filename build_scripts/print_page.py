"""The print page (and the PDF made from it): the whole dossier on one page.

Three kinds of parts, each a page job kept in the page memo on its own: the
front (cover, contents, the list of sources), each source's section, the back
(glossary, index, timeline). One edited source renders its section, and at
most the front and back again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from .config import Settings
from .crossref import CrossRef
from .enrich import Enriched
from .knowledge import ENTITIES, EVENTS, GLOSSARY, KINDS, Entry, Knowledge, related_entries
from .model import Page, PageJob, Paragraph
from .render import (
    Templates,
    correction_label,
    inputs_digest,
    mentions_by_paragraph,
    names_of,
    paragraph_markdown,
    render_template,
)

PRINT_PAGE = PurePosixPath("print.md")
PRINT_FULL_TEXT_MAX = 200
"""Up to this many sources the print page (and PDF) carries every article in full;
beyond, each source's card and summary, as a book of thousands of pages helps no one."""
_NOTE_MARK = re.compile(r"\[\^ed(\d+)\]")


def _print_anchor(entry: Entry) -> str:
    """An entry's id on the print page: ``g-<slug>`` for terms, ``<kind>-<slug>``."""
    return f"g-{entry.slug}" if entry.kind == "term" else f"{entry.kind}-{entry.slug}"


def _print_prefix(number: int) -> str:
    return f"s{number}"


def print_source_job(
    t: Templates, item: Enriched, key: str, number: int, total: int, crossref: CrossRef
) -> PageJob:
    """One source's section of the print page: the source, its place among how
    many, its key terms."""
    key_terms = crossref.key_terms.get(item.article.slug, ())
    return PageJob(
        inputs_digest("print-source", key, item.article.slug, number, total, names_of(key_terms)),
        lambda: render_print_source(t, item, number, total, key_terms),
    )


def render_print_source(
    t: Templates, item: Enriched, number: int, total: int, key_terms: Sequence[Entry] = ()
) -> Page:
    """One source's section of the print page (its path names the section)."""
    p = _print_prefix(number)
    full_text = total <= PRINT_FULL_TEXT_MAX
    mentions_in = mentions_by_paragraph(item)

    def paragraph_text(paragraph: Paragraph) -> str:
        text = paragraph_markdown(
            paragraph,
            item.article,
            mentions_in(paragraph),
            PRINT_PAGE,
            lambda e: "#" + _print_anchor(e),
        )
        # Correction notes follow their article here, not the end of the page.
        return _NOTE_MARK.sub(rf'<sup class="dossier-note">[\1](#{p}-ed\1)</sup>', text)

    text = t.get("print-source.md.j2").render(
        p=p,
        item=item,
        number=number,
        total=total,
        full_text=full_text,
        key_terms=lambda _item: key_terms,
        term_href=lambda e: "#" + _print_anchor(e),
        cite=lambda p: lambda n: f"[¶{n}](#{p}-p{n}){{ .dossier-cite }}" if full_text else f"¶{n}",
        paragraph_text=paragraph_text,
        correction_label=correction_label,
    )
    return Page(PurePosixPath(f"{PRINT_PAGE}#{p}"), text)


def print_entries(knowledge: Knowledge, crossref: CrossRef) -> dict[str, list[Entry]]:
    """What the print page lists, by kind: every glossary term; of the other
    kinds, the entries some source names. Alphabetical. Once per build: the
    front counts them, the back lists them."""
    listed = {
        kind: sorted(
            (e for e in knowledge.entries if e.kind == kind and crossref.usages.get(e.name)),
            key=lambda e: e.name.casefold(),
        )
        for kind in KINDS
    }
    listed["term"] = sorted(
        (e for e in knowledge.entries if e.kind == "term"), key=lambda e: e.name.casefold()
    )
    return listed


def _print_indexes(listed: dict[str, list[Entry]]) -> list[tuple[str, str, list[Entry]]]:
    return [(KINDS[k][1], KINDS[k][2], listed[k]) for k in KINDS if k != "term"]


def print_front_job(
    t: Templates, items: Sequence[Enriched], listed: dict[str, list[Entry]], settings: Settings
) -> PageJob:
    """The print page's front: the settings, each source as the contents and the
    table list it, and how many entries of each kind are listed."""
    return PageJob(
        inputs_digest(
            "print-front",
            settings,
            tuple(
                (a.slug, a.title, a.author, a.published, a.kind, a.word_count)
                for a in (item.article for item in items)
            ),
            tuple((kind, len(entries)) for kind, entries in listed.items()),
        ),
        lambda: render_print_front(t, items, listed, settings),
    )


def render_print_front(
    t: Templates, items: Sequence[Enriched], listed: dict[str, list[Entry]], settings: Settings
) -> Page:
    """The print page up to the sources' sections: cover, contents, the list of sources."""
    page = render_template(
        t,
        "print.md.j2",
        PRINT_PAGE,
        ["seeds/", GLOSSARY, ENTITIES, EVENTS],
        settings=settings,
        full_text=len(items) <= PRINT_FULL_TEXT_MAX,
        full_text_max=PRINT_FULL_TEXT_MAX,
        articles=[(_print_prefix(n), item, None) for n, item in enumerate(items, start=1)],
        terms=listed["term"],
        indexes=_print_indexes(listed),
    )
    return Page(PurePosixPath(f"{PRINT_PAGE}#front"), page.text)


def print_back_job(
    t: Templates,
    items: Sequence[Enriched],
    knowledge: Knowledge,
    listed: dict[str, list[Entry]],
    crossref: CrossRef,
    quoted: dict[str, str],
) -> PageJob:
    """The print page's back: the entries and events, and of each source, in
    order, its mentions with their ¶ (in ``quoted``, from ``quoted_digests``),
    and the paragraphs the timeline cites."""
    return PageJob(
        inputs_digest(
            "print-back",
            tuple((item.article.slug, quoted[item.article.slug]) for item in items),
            knowledge.entries,
            tuple(
                (event, tuple((c.item.article.slug, c.paragraph) for c in citations))
                for event, citations in crossref.timeline
            ),
        ),
        lambda: render_print_back(t, items, listed, knowledge.by_name(), crossref),
    )


def render_print_back(
    t: Templates,
    items: Sequence[Enriched],
    listed: dict[str, list[Entry]],
    by_name: dict[str, Entry],
    crossref: CrossRef,
) -> Page:
    """The print page after the sources: glossary, index and timeline, citing
    sources as S1 ¶3 (only how many sources, in a dossier of too many to print)."""
    position = {item.article.slug: n for n, item in enumerate(items, start=1)}

    def cites(pairs: Sequence[tuple[str, int]]) -> list[tuple[str, list[int]]]:
        """(slug, ¶) pairs → the article prefix with its ¶ numbers, in source order."""
        grouped: dict[str, set[int]] = {}
        for slug, number in pairs:
            grouped.setdefault(slug, set()).add(number)
        return [
            (_print_prefix(position[s]), sorted(grouped[s]))
            for s in sorted(grouped, key=position.__getitem__)
        ]

    def usages_of(entry: Entry) -> list[tuple[str, list[int]]]:
        # Tens of thousands of mentions in a large dossier: each paragraph's
        # number is looked up once, not once per mention.
        found: dict[tuple[str, int], Enriched] = {}
        for item, mention in crossref.usages.get(entry.name, ()):
            found.setdefault((item.article.slug, mention.paragraph_index), item)
        return cites(
            [(s, item.article.paragraphs[index].number) for (s, index), item in found.items()]
        )

    text = t.get("print-back.md.j2").render(
        full_text=len(items) <= PRINT_FULL_TEXT_MAX,
        terms=listed["term"],
        indexes=_print_indexes(listed),
        anchor=_print_anchor,
        usages_of=usages_of,
        related=lambda e: related_entries(e, by_name),
        timeline=[
            (event, cites([(c.item.article.slug, c.paragraph) for c in citations]))
            for event, citations in crossref.timeline
        ],
        indexed={e.name: e for entries in listed.values() for e in entries},
    )
    return Page(PurePosixPath(f"{PRINT_PAGE}#back"), text)


def print_page(front: Page, sections: Sequence[Page], back: Page) -> Page:
    """The whole dossier on one page, for paper and the PDF (``build_scripts/pdf.py``):
    front, each source's section (``render_print_source``), back; each part is
    kept in the page memo on its own, so one edited source renders one section.

    Ids are unique on the combined page: article ``s1``, its paragraphs ``s1-p3``,
    glossary terms ``g-<slug>``, index entries ``<kind>-<slug>``; entry links in
    the articles point to the glossary and index on the same page.
    """
    return Page(PRINT_PAGE, front.text + "".join(s.text for s in sections) + back.text)
