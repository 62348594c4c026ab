"""Metadata a page states about itself: headline, writers, date and outlet, or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_scripts.clean import clean
from build_scripts.htmlpage import extract
from build_scripts.metadata import (
    byline_names,
    copyright_owner,
    find_date,
    from_text,
    name_line,
    names_of,
    without_outlet,
)
from build_scripts.model import Line, Metadata, SourceFile, SourceText
from build_scripts.structure import structure

BODY = (
    "The council voted on Tuesday to close the old bridge to lorries after engineers found"
    " cracks in two of its piers, a decision that will send heavy traffic through the town."
)


def page(*lines: str) -> tuple[Line, ...]:
    return tuple(Line(n, text) for n, text in enumerate(lines, start=1))


def copied_page(*head: str) -> tuple[Line, ...]:
    """A whole page copied from a browser: browser title, menus, headline, ``head``, body."""
    return page(
        "Bridge closed to lorries after cracks found | The Riverside Gazette",
        "Home",
        "News",
        "Sport",
        "The Riverside Gazette",
        "Bridge closed to lorries after cracks found",
        *head,
        BODY,
        BODY.replace("Tuesday", "Wednesday"),
        "© 2019 The Riverside Gazette",
    )


def test_headline_byline_date_and_outlet_from_a_copied_page() -> None:
    found = from_text(copied_page("By JANE DOE and Tom Smith, Staff Writers", "Nov. 19, 2019"))
    assert found.stated.title == "Bridge closed to lorries after cracks found"
    assert found.title_line == 6
    assert found.stated.authors == ("Jane Doe", "Tom Smith")
    assert found.stated.author == "Jane Doe and Tom Smith"
    assert found.stated.published == dt.date(2019, 11, 19)
    assert found.stated.publication == "The Riverside Gazette"
    assert dict(found.stated.origins) == {
        "title": "line 6",
        "publication": "line 1",
        "authors": "line 7",
        "published": "line 8",
    }


def test_an_updated_or_relative_date_is_never_the_date() -> None:
    found = from_text(copied_page("By Jane Doe", "Updated Nov. 20, 2019", "2 hours ago"))
    assert found.stated.published is None
    assert find_date("Published Nov 19, 2019 Updated Nov 20, 2019") == dt.date(2019, 11, 19)


def test_a_browser_title_without_a_repeated_headline_gives_no_title() -> None:
    lines = page("438.3K", "Close share panel", BODY, BODY)
    assert from_text(lines).stated.title is None


@pytest.mark.parametrize(
    ("browser_title", "outlet"),
    [
        ("Bridge closed to lorries after cracks found - Riverside Gazette", "Riverside Gazette"),
        ("Bridge closed to lorries after cracks found - 9to5Bridges", "9to5Bridges"),
        ("Bridge closed to lorries after cracks found - RG", None),  # an acronym: its short name
        ("Bridge closed to lorries after cracks found | Opinion | Gazette", None),  # which part?
    ],
)
def test_the_site_in_the_browser_title_is_the_outlet_only_when_plain(
    browser_title: str, outlet: str | None
) -> None:
    lines = page(browser_title, "Bridge closed to lorries after cracks found", BODY)
    found = from_text(lines)
    assert found.stated.title == "Bridge closed to lorries after cracks found"
    assert found.stated.publication == outlet


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("November 19, 2019 6:30 AM", dt.date(2019, 11, 19)),
        ("Mon 18 Nov 2019 18.54 GMT", dt.date(2019, 11, 18)),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", dt.date(2010, 10, 22)),
        ("Von Moritz Bachmann publiziert am 25. September 2018", dt.date(2018, 9, 25)),
        ("Posted on Maret 30, 2015 by Admin", dt.date(2015, 3, 30)),
        ("19 ноября 2019", dt.date(2019, 11, 19)),
        ("21:17 18.11.2019", dt.date(2019, 11, 18)),
        ("By Tess Bonn - 11/19/19 06:56 AM EST", dt.date(2019, 11, 19)),
        ("2019-11-18T20:51:19Z", dt.date(2019, 11, 18)),
        ("2018年7月2日", dt.date(2018, 7, 2)),
        ("04/05/2019", None),  # April 5 or 4 May: not stated
        ("Monday 6:30PM", None),  # no year
        ("3 days ago", None),
    ],
)
def test_dates_in_the_sources_languages_and_formats(text: str, date: dt.date | None) -> None:
    assert find_date(text) == date


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Tom Krisher, AP Auto Writer", ("Tom Krisher",)),
        ("By STEVE PEOPLES, AP National Political Writer", ("Steve Peoples",)),
        ("By Michael Hiltzik Business Columnist", ("Michael Hiltzik",)),
        ("By Ann Lee, Bo Chan, Cy Diaz", ("Ann Lee", "Bo Chan", "Cy Diaz")),
        ("By Eric Song, IGN Staff", ("Eric Song",)),
        ("By Troy L. Smith, Cleveland.com", ("Troy L. Smith",)),
        ("By Amy Kuperinsky | NJ Advance Media for NJ.com", ("Amy Kuperinsky",)),
        ("5:45 AM PST 11/19/2019 by Patrick Shanley", ("Patrick Shanley",)),
        ("By Jerusalem Post Staff", ("Jerusalem Post Staff",)),
        ("By Staff Reports -", ("Staff Reports",)),
        ("by Regan September 15, 2014", ("Regan",)),
        ("Posted on Maret 30, 2015 by Admin", ()),  # a CMS account
        ("Tested by: John Milbank RRP: 49.95 Euro", ()),  # not the writer's byline
        ("Photos by Jane Doe", ()),
        ("The bridge was built by Thomas Telford in 1826 and has carried traffic since then.", ()),
    ],
)  # fmt: skip
def test_bylines_give_names_only(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line, None) == names


def test_a_by_alone_takes_the_name_on_the_next_line() -> None:
    assert byline_names("By", "Sarah E. Needleman") == ("Sarah E. Needleman",)


@pytest.mark.parametrize(
    ("line", "following", "names"),
    [
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", None, ("Chris Davies",)),
        ("Natasha Turak @NatashaTurak", None, ("Natasha Turak",)),
        ("Tom Krisher, Ap Auto Writer", None, ("Tom Krisher",)),
        ("Debbie White", "18 Nov 2019, 19:09", ("Debbie White",)),
        ("Charlie Wood, Business Insider", "19.11.2019, 08:57", ("Charlie Wood",)),
        (
            "Detroit News wire services",
            "Published 11:11 PM EST Nov 19, 2019",
            ("Detroit News wire services",),
        ),
        ("Washington, D.C.", "Nov 19, 2019", ()),
        ("Published Monday, November 18, 2019 8:22AM EST", None, ()),
        ("Home News 19 Nov 2019", None, ()),
        ("Key Points", "Nov 19, 2019", ()),
    ],
)
def test_name_lines_without_by(line: str, following: str | None, names: tuple) -> None:
    assert name_line(line, following) == names


def test_names_lose_the_outlet_they_were_run_into() -> None:
    assert without_outlet(("Elliot Brownstein Florida Today",), "Florida Today") == (
        "Elliot Brownstein",
    )
    # A saved page's data may spell the outlet as its site is named.
    assert without_outlet(("Elliot Brownstein Florida Today",), "floridatoday") == (
        "Elliot Brownstein",
    )
    assert without_outlet(("Ann Today",), "Today") == ("Ann Today",)  # still a name
    assert names_of("Sandee LaMotte, CNN") == ("Sandee LaMotte",)


def source(lines: tuple[Line, ...], name: str = "seeds/x.txt") -> SourceText:

    return SourceText(SourceFile(Path(name)), lines, "utf-8")


def test_a_removed_byline_still_gives_the_author_and_says_so() -> None:
    article = structure(clean(source(copied_page("By Jane Doe", "November 19, 2019"))), Metadata())
    assert article.title == "Bridge closed to lorries after cracks found"
    assert article.authors == ("Jane Doe",)
    assert article.published == dt.date(2019, 11, 19)
    notes = {r.line: r.moved_to for r in article.removals}
    assert notes[7] == "gave the author(s)"
    assert notes[8] == "gave the date"
    assert all(p.text != "By Jane Doe" for p in article.paragraphs)


def test_the_sidecar_wins_over_the_text() -> None:
    meta = Metadata(author="Editors' Name", published=dt.date(2020, 1, 2))
    article = structure(clean(source(copied_page("By Jane Doe", "November 19, 2019"))), meta)
    assert article.authors == ("Editors' Name",)
    assert article.published == dt.date(2020, 1, 2)
    assert dict(article.origins)["authors"] == "sidecar"
    assert dict(article.origins)["published"] == "sidecar"


def test_a_furniture_line_is_not_the_title_and_is_listed() -> None:
    lines = page(
        "Bridge closed to lorries after cracks found - Gazette",
        "Weather",
        "Local events this week",
        "Letters to the editor",
        "Obituaries and notices",
        "Jobs in the region",
        "Close share panel",
        BODY,
        BODY.replace("Tuesday", "Friday"),
    )
    article = structure(clean(source(lines)), Metadata())
    assert article.provenance.title is None  # not stated
    assert article.title.startswith("Untitled source")
    assert any(r.text == "Close share panel" for r in article.removals)


SAVED_PAGE = """<!doctype html><html lang="en"><head>
<title>Bridge closed to lorries after cracks found | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="og:title" content="Bridge closed to lorries after cracks found">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Bridge closed to lorries after cracks found",
 "datePublished": "2019-11-20T03:10:00Z",
 "author": [{"@type": "Person", "name": "By JANE DOE, Staff Writer"}],
 "publisher": {"@type": "Organization", "name": "Associated Press"}}
</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge closed to lorries after cracks found</h1>
<p>BODY</p><p>BODY</p></article></body></html>""".replace("BODY", BODY)


def test_a_saved_page_reconciles_its_data_and_abstains_on_an_unsure_timestamp() -> None:
    stated = extract(SAVED_PAGE).stated
    assert stated.title == "Bridge closed to lorries after cracks found"
    assert stated.authors == ("Jane Doe",)
    assert stated.publication == "Riverside Gazette"  # the site's own name, not the wire's
    # 03:10 UTC is the 19th in the Americas and the 20th in Europe: not stated.
    assert stated.published is None
    origins = dict(stated.origins)
    assert origins["authors"] == "the page's data (JSON-LD)"
    assert origins["publication"] == "the page's data (OpenGraph)"


def test_a_saved_page_takes_a_utc_timestamp_that_is_the_same_day_everywhere() -> None:
    stated = extract(SAVED_PAGE.replace("T03:10:00Z", "T09:10:00Z")).stated
    assert stated.published == dt.date(2019, 11, 20)


def warnings_of(lines: tuple[Line, ...]) -> list[str]:
    from build_scripts.checks import source_warnings
    from build_scripts.enrich import enrich

    article = structure(clean(source(lines)), Metadata())
    return [str(p) for p in source_warnings(enrich(article, None, ()))]


def test_warnings_name_the_line_an_editor_should_read() -> None:
    lines = page(
        "Bridge closed to lorries after cracks found | Opinion | Gazette",
        "Home",
        "Bridge closed to lorries after cracks found",
        "By admin",
        "Updated Nov. 20, 2019",
        BODY,
        BODY.replace("Tuesday", "Friday"),
        "© 2019 Riverside Media Group",
    )
    shown = warnings_of(lines)
    assert any(
        "seeds/x.txt:4: warning: author not stated; line 4 looks like a byline: 'By admin" in w
        for w in shown
    ), shown
    assert any("seeds/x.txt:5: warning: date not stated; line 5 gives only" in w for w in shown)
    assert any(
        "seeds/x.txt:8: warning: publication not stated; line 8 names '© 2019 Riverside" in w
        for w in shown
    )


def test_garbled_text_is_suggested_never_fixed() -> None:
    text = (
        "The Triangle is a region of three towns. The council met in the Triangle on Monday,"
        " putting the bridge first. Then saw RUNNING traffic in the Triangleputting lanes. ,"
        " and the vote was close."
    )
    lines = page("Bridge closed to lorries", text, BODY)
    shown = warnings_of(lines)
    suggestions = [w for w in shown if ": suggestion: " in w]
    assert any("'RUNNING'" in w for w in suggestions), shown
    assert any("'Triangleputting'" in w for w in suggestions), shown
    assert any("a stray comma: '. ,'" in w for w in suggestions), shown
    assert all(w.startswith("seeds/x.txt:2: ") for w in suggestions)


GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke für Lastwagen zu sperren,"
    " nachdem Ingenieure Risse in zwei ihrer Pfeiler gefunden hatten. Der Verkehr wird nun"
    " durch die Innenstadt geleitet, was bei vielen Anwohnern auf Kritik stößt, denn die"
    " Straßen dort sind eng und die Schule liegt direkt an der Umleitung."
)


def test_the_language_is_detected_or_not_stated() -> None:
    from build_scripts.metadata import detect_language

    assert detect_language(GERMAN) == "de"
    assert detect_language(BODY + " " + BODY) == "en"
    assert detect_language("Der Rat hat beschlossen.") is None  # too little to tell


def test_a_german_source_gets_its_language_and_german_sentences() -> None:
    article = structure(
        clean(source(page("Brücke für Lastwagen gesperrt", GERMAN, GERMAN))), Metadata()
    )
    assert article.language == "de"
    assert dict(article.origins)["language"] == "detected from the text"
    assert len(article.paragraphs[0].sentences) == 2


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("© 2019 National Review", True),
        ("Copyright 2019. Washington Examiner. All Rights Reserved.", True),
        ("Copyright Policy", False),  # a link, not a notice
        ("All Rights Reserved © 2019", False),  # names no one
    ],
)
def test_a_copyright_line_is_named_to_the_editor_only_when_it_names_someone(
    line: str, names: bool
) -> None:
    from build_scripts.metadata import names_owner

    assert names_owner(line) is names


def test_a_byline_above_the_headline_gives_the_writer_and_its_date() -> None:
    lines = page(
        "Die Brücke wird für Lastwagen gesperrt",
        "Zurück zur Übersicht",
        "Von Moritz Beispiel publiziert am 25. September 2018",
        "Die Brücke wird für Lastwagen gesperrt",
        BODY,
    )
    found = from_text(lines)
    assert found.stated.authors == ("Moritz Beispiel",)
    assert found.stated.published == dt.date(2018, 9, 25)
    assert dict(found.stated.origins)["published"] == "line 3"


def test_a_saved_pages_data_title_is_text_without_the_site_name() -> None:
    page = (
        SAVED_PAGE.replace("<h1>Bridge closed to lorries after cracks found</h1>", "")
        .replace('"headline": "Bridge closed', '"headline": "&#8216;Bridge&#8217; closed')
        .replace('after cracks found",', 'after cracks found | Riverside Gazette",')
    )
    stated = extract(page).stated
    assert stated.title == "‘Bridge’ closed to lorries after cracks found"
    assert dict(stated.origins)["title"] == "the page's data (JSON-LD)"


def test_without_a_headline_a_byline_where_the_text_starts_still_names_the_writer() -> None:
    lines = page(
        "Gazette",  # no browser title to find the headline by
        "Home",
        "Bridge closed to lorries after cracks found",
        "By Jane Doe",
        "November 19, 2019",
        BODY,
        "By the way, readers wrote in.",
    )
    found = from_text(lines, body_start=3)
    assert found.stated.title is None
    assert found.stated.authors == ("Jane Doe",)
    assert found.stated.published == dt.date(2019, 11, 19)
    assert from_text(lines).stated.authors == ()  # no anchor at all: nothing


def test_a_headline_reworded_from_the_browser_title_is_found_by_its_byline() -> None:
    lines = page(
        "Lorry ban: council shuts old bridge after cracks | Riverside Gazette",
        "Home",
        "Council shuts the old bridge over the Avon to lorries",  # another story: no byline
        "News",
        "Old bridge closed to lorries as engineers find cracks in its piers",
        "By Jane Doe",
        "November 19, 2019",
        BODY,
        BODY.replace("Tuesday", "Friday"),
    )
    found = from_text(lines)
    title = "Old bridge closed to lorries as engineers find cracks in its piers"
    assert found.stated.title == title
    assert found.stated.authors == ("Jane Doe",)
    assert found.stated.published == dt.date(2019, 11, 19)


def test_a_long_standfirst_or_a_label_in_capitals_is_not_the_headline() -> None:
    lines = page(
        "Lorry ban: council shuts old bridge after cracks | Gazette",
        "BRIDGE CLOSED",
        "Menu",
        "“We had no choice,” the council leader said on Monday of the crossing, which heavy"
        " traffic has used for two centuries, and of its cracks",
        "November 19, 2019",
        BODY,
        BODY.replace("Tuesday", "Friday"),
    )
    assert from_text(lines).stated.title is None


def test_of_a_headline_shown_twice_the_one_the_byline_follows() -> None:
    lines = page(
        "Bridge closed to lorries after cracks found - Gazette",
        "Bridge closed to lorries after cracks found",  # in the list of top stories
        "Council elections set for May",
        "Schools to open later in winter",
        "New buses for the old town",
        "Markets",
        "Bridge closed to lorries after cracks found",
        "A crossing two centuries old",
        "Gazette wire services",
        "Published 11:11 PM EST Nov 19, 2019",
        BODY,
    )
    found = from_text(lines)
    assert found.title_line == 7
    assert found.stated.authors == ("Gazette wire services",)
    assert found.stated.published == dt.date(2019, 11, 19)


def test_a_date_alone_above_the_headline_and_a_name_over_a_time() -> None:
    lines = copied_page("Jane Doe", "Monday 6:30PM")
    found = from_text(lines)
    assert found.stated.authors == ("Jane Doe",)
    assert found.stated.published is None  # a time, no year: not a date
    lines = (*lines[:4], Line(5, "November 18, 2019"), *lines[5:])
    found = from_text(lines)
    assert found.stated.published == dt.date(2019, 11, 18)
    assert dict(found.stated.origins)["published"] == "line 5"


@pytest.mark.parametrize(
    ("line", "names", "date"),
    [
        (
            "By Sandee LaMotte, CNN 1 day ago 'Comes down to one guy': All eyes turn to Gordon"
            " Sondland 2 US service members die in Afghanistan chopper crash © Amazon",
            ("Sandee LaMotte",),
            None,
        ),
        (
            "Detroit News wire services Published 11:11 PM EST Nov 19, 2019 Eastern Michigan"
            " quarterback Mike Glass III Al Goldis, Associated Press",
            ("Detroit News wire services",),
            dt.date(2019, 11, 19),
        ),
        (
            "By Ronald Reagan's own account, the economy grew in 1984 and the deficit grew with it"
            " too, as the bridge did",
            (),
            None,
        ),
        (
            "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Robert L. Curbeam"
            " Jr., left, takes part in a space walk",
            (),
            None,
        ),
    ],
)
def test_a_byline_run_into_what_follows_it(line: str, names: tuple, date: dt.date | None) -> None:
    found = from_text(copied_page(line))
    assert found.stated.authors == names
    assert found.stated.published == date


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© 2019 The Republic unless otherwise noted. All rights reserved.", "The Republic"),
        ("copyright Inexhibit 2019 - ISSN: 2283-5474", "Inexhibit"),
        ("© 2019 CNBC LLC. All Rights Reserved. A Division of NBCUniversal", "CNBC"),
        ("Copyright © 2019, Los Angeles Times | Terms of Service", "Los Angeles Times"),
        ("© Phys.org 2003 - 2019 powered by Science X Network", "Phys.org"),
        ("© 2019 Hearst Communications, Inc.", None),  # a company
        ("© 2019 The Printers (Mysore) Private Ltd.", None),
        ("Copyright Policy", None),  # a link
        ("(Image: © NASA/ESA)", None),  # a picture's credit
        ("© Aaron Schwartz", None),
        ("Copyright © 2002-2019 - Designed by Gray Digital Media", None),
        ("© All rights reserved | Terms", None),
    ],
)  # fmt: skip
def test_a_copyright_notice_names_its_owner(line: str, owner: str | None) -> None:
    assert copyright_owner(line) == owner


def test_the_outlet_is_a_copyright_owner_the_page_names_elsewhere_too() -> None:
    def outlet(*extra: str) -> str | None:
        lines = page(
            "Bridge closed to lorries after cracks found",
            "Home",
            "Bridge closed to lorries after cracks found",
            BODY,
            BODY,
            *extra,
        )
        return from_text(lines).stated.publication

    assert outlet("Riverside Gazette Archives", "© 2019 Riverside Gazette") == "Riverside Gazette"
    assert outlet("© 2019 Riverside Gazette") is None  # named once only
    assert outlet("Gazette Archives", "Gazette", "© 2019 Gazette", "© 2019 Herald") is None


def test_the_site_of_the_browser_title_against_the_copyright() -> None:
    def outlet(first: str, *extra: str) -> str | None:
        lines = page(first, "Bridge closed to lorries after cracks found", BODY, BODY, *extra)
        return from_text(lines).stated.publication

    title = "Bridge closed to lorries after cracks found"
    assert outlet(f"{title} | Hosted", "©2019 The Associated Press") is None  # conflicting
    hosted = outlet(f"{title} | Hosted", "Associated Press", "©2019 The Associated Press")
    assert hosted == "The Associated Press"  # the owner, whom the page names again
    assert outlet(f"{title} - RG", "The Riverside Gazette") == "The Riverside Gazette"
    assert outlet(f"{title} | Opinion | The Gazette", "Support The Gazette") == "The Gazette"


def test_a_copy_that_starts_with_the_navigation_has_its_headline_under_it() -> None:
    title = "Strategic Arms Limitations Talks/Treaty (SALT) I and II"
    for head in (("Skip to content",), ("Menu", "Search"), ("close", "close")):
        lines = page(*head, title, "By Aisha Bello", BODY, BODY.replace("Tuesday", "Friday"))
        article = structure(clean(source(lines)), Metadata())
        assert article.title == title, head
        assert article.authors == ("Aisha Bello",)
    # A site's name under the navigation, then its menu or a notice: no headline, no outlet.
    cookies = "We use cookies to give you the best experience of our site and to show you ads."
    for after in (("News", "Sport"), (cookies, "Accept")):
        lines = page("Skip to content", "Riverside Gazette - Home", *after, BODY, BODY)
        article = structure(clean(source(lines)), Metadata())
        assert article.provenance.title is None, after
        assert article.publication is None


def test_a_saved_page_whose_text_and_data_disagree_shows_its_text_and_warns(
    tmp_path: Path,
) -> None:
    from build_scripts.sources import process

    page = (
        SAVED_PAGE.replace(
            "<h1>Bridge closed to lorries after cracks found</h1>",
            "<h1>Bridge closed to lorries after cracks found</h1><p>By Tom Smith</p>"
            "<p>November 19, 2019</p>",
        )
        .replace(
            '"headline": "Bridge closed to lorries after cracks found"',
            '"headline": "Ten things to do in Riverside this weekend"',
        )
        .replace("2019-11-20T03:10:00Z", "2019-10-07T09:10:00Z")
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "x.html").write_text(page, encoding="utf-8")
    item = process(SourceFile(Path("seeds/x.html")), tmp_path)
    article = item.article
    assert article.title == "Bridge closed to lorries after cracks found"
    assert article.authors == ("Tom Smith",)
    assert article.published == dt.date(2019, 11, 19)
    shown = [str(w) for w in item.warnings if "disagree" in str(w)]
    assert len(shown) == 3, shown
    assert any(
        "disagree on the title: its text shows 'Bridge closed to lorries after cracks found';"
        " the page's data (JSON-LD) says 'Ten things to do in Riverside this weekend'" in w
        for w in shown
    )
    assert any(
        "on the author: its text shows 'Tom Smith';" in w and "'Jane Doe'" in w for w in shown
    )
    assert any(
        "on the date: its text shows '2019-11-19'" in w and "'2019-10-07'" in w for w in shown
    )
    # A sidecar settles it.
    (tmp_path / "seeds" / "x.yml").write_text("title: Bridge closed\n", encoding="utf-8")
    item = process(SourceFile(Path("seeds/x.html"), Path("seeds/x.yml")), tmp_path)
    assert not any("disagree on the title" in str(w) for w in item.warnings)


def test_a_long_name_without_by_may_be_a_name_and_an_outlet() -> None:
    head = ("Elliot Brownstein Florida Today", "Published 2:16 AM EST Nov 20, 2019")
    assert from_text(copied_page(*head)).stated.authors == ()
    found = from_text(copied_page(*head), outlet="Florida Today")  # a saved page's data
    assert found.stated.authors == ("Elliot Brownstein",)
    assert from_text(copied_page("Gazette wire services", head[1])).stated.authors == (
        "Gazette wire services",
    )
