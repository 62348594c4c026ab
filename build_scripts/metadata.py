"""What a page's own text says about itself: headline, writers, date and outlet.

A page copied from a browser starts with the browser title ("Headline - Site"),
then menus, then the headline again as the page shows it, the byline and the
date, then the article. Those lines are plain evidence; everything else on the
page (other stories' headlines, their writers and dates) is not. So a value is
taken only from the lines around the repeated headline, by the general rules in
``rules/metadata.yml``, and where the evidence is not plain the value is left
unstated: a wrong title, author, date or outlet is worse than none.

Every value says where it came from (``line N``), so the page can show it and an
editor can check it. The lines are the source's own, whether or not cleaning
later removes them as boilerplate: a byline removed from the body still names the
writer.
"""

from __future__ import annotations

import datetime as dt
import io
import lzma
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Line, Metadata
from .rulefiles import rule_data

RULES_FILE = "metadata.yml"
TITLE_MAX_WORDS = 30
TITLE_MIN_WORDS = 3
"""A first line shorter than this ("close", "Menu") is not a browser title."""
NAME_MAX_WORDS = 5
_PARTICLES = {"de", "van", "von", "der", "den", "al", "bin", "da", "di", "le", "la", "du", "dos"}
_INITIAL = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)*")


@dataclass(frozen=True)
class MetaRules:
    separators: tuple[str, ...]
    window: int
    byline: re.Pattern[str]
    name_stop: re.Pattern[str]
    roles: frozenset[str]
    groups: frozenset[str]
    verbs: frozenset[str]
    not_name_words: frozenset[str]
    byline_max_words: int
    not_names: frozenset[str]
    updated: re.Pattern[str]
    months: tuple[tuple[str, ...], ...]
    copyright: re.Pattern[str]
    published: re.Pattern[str]
    time_line: re.Pattern[str]
    reserved: re.Pattern[str]
    owner_stop: re.Pattern[str]
    by_word: re.Pattern[str]
    company_words: frozenset[str]
    legal_forms: frozenset[str]
    articles: frozenset[str]


def _any_of(words: list[str]) -> str:
    """A regular expression for any of the words, the longest tried first."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> MetaRules:
    data = rule_data(RULES_FILE)
    words, updated, published = (
        _any_of(data[k]) for k in ("byline_words", "updated_words", "published_words")
    )
    return MetaRules(
        separators=tuple(data["title_separators"]),
        window=int(data["byline_window"]),
        # "By Jane Doe", "Posted on May 2, 2019 by Jane Doe", "BY: Jane Doe", "By" alone.
        byline=re.compile(rf"(?:^|.*?\s)(?:{words})\s*:?(?:\s+(?P<names>.+)|$)", re.I),
        name_stop=re.compile("|".join(data["name_stops"]), re.I),
        roles=frozenset(w.casefold() for w in data["role_words"]),
        groups=frozenset(w.casefold() for w in data["group_words"]),
        verbs=frozenset(str(w).casefold() for w in data["byline_verbs"]),
        not_name_words=frozenset(w.casefold() for w in data["not_name_words"]),
        byline_max_words=int(data["byline_max_words"]),
        not_names=frozenset(w.casefold() for w in data["not_names"]),
        updated=re.compile(rf"(?<!\w)(?:{updated})(?!\w)", re.I),
        months=tuple(tuple(m.casefold() for m in names) for names in data["months"]),
        copyright=re.compile(data["copyright"], re.I),
        published=re.compile(rf"(?<!\w)(?:{published})(?!\w)", re.I),
        time_line=re.compile(data["time_line"], re.I),
        reserved=re.compile(_any_of(data["reserved"]), re.I),
        owner_stop=re.compile("|".join(data["owner_stops"]), re.I),
        by_word=re.compile(words, re.I),
        company_words=frozenset(str(w).casefold() for w in data["company_words"]),
        legal_forms=frozenset(str(w).casefold() for w in data["legal_forms"]),
        articles=frozenset(str(w).casefold() for w in data["articles"]),
    )


def key(text: str) -> str:
    """A line compared with others: case and spacing ignored."""
    return " ".join(text.casefold().split())


# --- dates -------------------------------------------------------------------------

_WORD = r"([^\W\d_]{2,}\.?)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|\.)?"
_DATES = (
    # Month D, YYYY · Month D YYYY
    ("mdy", re.compile(rf"(?<![\w]){_WORD}\s+{_DAY},?\s+(?:at\s+)?(\d{{4}})(?!\d)", re.I)),
    # D Month YYYY · D. Month YYYY · D de Month de YYYY · D Month, YYYY
    (
        "dmy",
        re.compile(rf"(?<![\w.]){_DAY}\s+(?:de\s+)?{_WORD},?\s+(?:de\s+)?(\d{{4}})(?!\d)", re.I),
    ),
    ("iso", re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    ("d.m.y", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")),
    ("a/b/y", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")),
    ("cjk", re.compile(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日")),
)


def month_of(word: str) -> int | None:
    """The month a name or abbreviation stands for, in any language of the rules."""
    w = word.casefold().rstrip(".")
    if len(w) < 2:
        return None
    for number, names in enumerate(rules().months, start=1):
        for name in names:
            if (len(w) >= 3 and name.startswith(w)) or (
                w.startswith(name) and len(w) - len(name) <= 3
            ):
                return number
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """The one full date (with its year) a line states before any "Updated" part; ``None``
    when there is none, or two that differ, or one that could be read two ways (4/5/2019)."""
    text = rules().updated.split(text, maxsplit=1)[0]
    found: set[dt.date] = set()
    for kind, pattern in _DATES:
        for m in pattern.finditer(text):
            date = _read_date(kind, m.groups())
            if date is False:
                return None  # ambiguous
            if date is not None:
                found.add(date)
    return found.pop() if len(found) == 1 else None


def _read_date(kind: str, groups: tuple[str, ...]) -> dt.date | bool | None:
    if kind in ("mdy", "dmy"):
        word, day, year = (groups[0], groups[1], groups[2])
        if kind == "dmy":
            day, word = groups[0], groups[1]
        month = month_of(word)
        return _date(int(year), month, int(day)) if month else None
    if kind in ("iso", "cjk"):
        return _date(int(groups[0]), int(groups[1]), int(groups[2]))
    if kind == "d.m.y":
        return _date(int(groups[2]), int(groups[1]), int(groups[0]))
    a, b, year = int(groups[0]), int(groups[1]), int(groups[2])
    year += 2000 if year < 100 else 0
    if a > 12 >= b:
        return _date(year, b, a)
    if b > 12 >= a:
        return _date(year, a, b)
    return False if a != b else _date(year, a, b)


# --- names ---------------------------------------------------------------------------


def _name_case(name: str) -> str:
    """ALL CAPS → Title Case; a name with any lower case is kept as written."""
    if any(c.islower() for c in name):
        return name
    return " ".join(w if _INITIAL.fullmatch(w) else w.capitalize() for w in name.split())


_MIXED_CAPS = re.compile(r"[A-Z]{2,}[a-z]")  # "FOXBusiness": an outlet run into a name
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]{1,3}\.")  # "L.", "J.R.", "Jr."


def _is_word_of_name(word: str) -> bool:
    if word.casefold() in _PARTICLES:
        return True
    if word.casefold() in rules().not_name_words:
        return False
    if "." in word and not _DOTTED.fullmatch(word):
        return False  # "Cleveland.com"
    letters = re.sub(r"[.'’-]", "", word)
    return (
        bool(letters) and letters.isalpha() and word[0].isupper() and not _MIXED_CAPS.search(word)
    )


def clean_name(text: str, alone: bool = True) -> str | None:
    """A person's (or, ``alone`` in a byline, a newsroom's) name from a byline's part,
    or ``None`` when the part is not plainly a name: roles ("AP Auto Writer") are cut
    off, and a word that is not a name's ends it."""
    r = rules()
    words = text.strip(" .:-–—|•·").split()
    if not words:
        return None
    if (
        alone
        and words[-1].casefold() in r.groups
        and len(words) <= NAME_MAX_WORDS
        and words[0][0].isupper()
        and all(w[0].isupper() or w.islower() for w in words)
        and all(re.fullmatch(r"[^\W\d_][\w.'’&-]*", w) for w in words)
    ):
        return " ".join(words)  # "Jerusalem Post Staff", "Detroit News wire services"
    for i, word in enumerate(words):
        if word.casefold().strip(".,") in r.roles | r.groups:
            words = words[:i]
            # "Business Columnist", "Live Science Contributor": the qualifiers go too,
            # but a name keeps two words at least.
            while len(words) > 2 and words[-1][0].isupper():
                words.pop()
            if len(words) < 2:
                return None
            break
    named = 0
    while named < len(words) and _is_word_of_name(words[named]):
        named += 1
    if named < len(words) and named < 2:
        return None
    words = words[:named]
    if not words or len(words) > NAME_MAX_WORDS or words[0].casefold() in _PARTICLES:
        return None
    name = _name_case(" ".join(words))
    if name.casefold() in r.not_names or (len(words) == 1 and len(name) < 3):
        return None
    return name


_LIST = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\be\b|\by\b|\bet\b|\bdan\b)\s*")


def names_of(text: str) -> tuple[str, ...]:
    """The names a byline's text lists ("A, B and C"); what follows the last name
    (an outlet, a role: "A, IGN Staff") ends the list. Empty when the first part is
    not a name."""
    r = rules()
    parts = [p for p in _LIST.split(text) if p.strip()]
    names: list[str] = []
    for part in parts:
        words = part.split()
        role = r.roles & {w.casefold().strip(".") for w in words}
        if names and (len(words) == 1 or role):
            break  # "A, CNN", "A, AP Auto Writer": an outlet or a role ends the list
        name = clean_name(part, alone=len(parts) == 1)
        if name is None:
            break
        names.append(name)
    return tuple(dict.fromkeys(names))


def byline_names(text: str, following: str | None, _position: int = 0) -> tuple[str, ...]:
    """The writers a byline line names ("By A and B | Outlet"); ``following`` is the next
    line, for a "By" alone on its line."""
    r = rules()
    if len(text.split()) > r.byline_max_words:
        return _run_into(text)
    m = r.byline.fullmatch(text)
    if m is None:
        return ()
    before = text[: m.start("names")] if m.group("names") else text
    words = [w.casefold().strip(":,") for w in before.split()][:-1]  # (the last is "by")
    if find_date(before) is None and not all(w in r.verbs for w in words if w):
        return ()  # "Tested by", "Photos by", or "by" inside a sentence: not the byline
    names = m.group("names") if m.group("names") else following
    if not names:
        return ()
    date = _leading_date_start(names)
    if date is not None:
        names = names[:date]  # "by Regan September 15, 2014"
    stop = r.name_stop.search(" " + names)
    if stop is not None:
        names = names[: max(0, stop.start() - 1)]
    return names_of(names)


def _run_into(text: str) -> tuple[str, ...]:
    """The writers of a "By" line the copy ran into what follows it ("By Sandee
    LaMotte, CNN 1 day ago 'Comes down to one guy': …"): the line opens with the
    byline word, and its first part up to where the names stop (a date, a time, "|")
    is wholly a name."""
    r = rules()
    m = r.byline.fullmatch(text)
    if m is None or not m.group("names") or len(text[: m.start("names")].split()) != 1:
        return ()
    names = m.group("names")
    stop = r.name_stop.search(" " + names)
    if stop is None:
        return ()
    names = names[: max(0, stop.start() - 1)]
    first = _LIST.split(names, maxsplit=1)[0].strip()
    name = clean_name(first)
    if name is None or len(name.split()) != len(first.split()):
        return ()  # "By Ronald Reagan's own account, …": a sentence, not a byline
    return names_of(names)


_HANDLE = re.compile(r"(?P<name>[^@|/]+?)\s+@\w+(?:\s*[/|•].*)?")
_NAME_ROLE = re.compile(r"(?P<name>[^,|]+?)\s*[,|]\s*(?P<role>[^,|]+)")


ALONE_WITHIN = 2
"""A name alone on its line is a byline only this close under the headline."""


def name_line(text: str, following: str | None, position: int = 0) -> tuple[str, ...]:
    """The writer a line without "By" names, where the line says plainly that it is a
    byline: a name with the writer's handle ("Jane Doe @janedoe"), with a role ("Jane
    Doe, AP Auto Writer"), followed by the date ("Jane Doe - Nov 19, 2019"), or alone
    with the date on the next line."""
    r = rules()
    text = text.strip()
    if len(text.split()) > r.byline_max_words:
        return ()
    m = _HANDLE.fullmatch(text)
    if m:
        return names_of(m.group("name"))
    m = _NAME_ROLE.fullmatch(text)
    if m and r.roles & {w.casefold().strip(".") for w in m.group("role").split()}:
        name = clean_name(m.group("name"))
        return (name,) if name else ()
    date = _leading_date_start(text)
    if date is not None and date > 0:
        before = text[:date]
        said = r.published.search(before)  # "Jane Doe Published 2:16 AM EST Nov 20, 2019"
        before = (before[: said.start()] if said else before).strip(" -–—|,")
        name = clean_name(before)
        words = len(before.split())
        return (name,) if name and len(name.split()) == words else ()
    if position < ALONE_WITHIN and following is not None and _dates_a_story(following):
        before = re.split(r"\s*[,|]\s*", text, maxsplit=1)[0]  # "Jane Doe, Outlet"
        name = clean_name(before)
        words = len(before.split())
        plain = before == text or words >= 2
        return (name,) if name and plain and len(name.split()) == words else ()
    return ()


ALONE_NAME_MAX_WORDS = 3


def _plain(name: str) -> bool:
    """A name standing without "By" is plainly one name when it is short: "Elliot
    Brownstein Florida Today" may be a name and an outlet (a newsroom's name, "Detroit
    News wire services", says what it is)."""
    words = [w for w in name.split() if w.casefold() not in _PARTICLES and not _DOTTED.fullmatch(w)]
    return len(words) <= ALONE_NAME_MAX_WORDS or name.split()[-1].casefold() in rules().groups


def _dates_a_story(text: str) -> bool:
    """A line under a name that dates the story: a date, or a time or weekday without
    a year ("Monday 6:30PM", "1 day ago"), never an update's date."""
    if _starts_updated(text):
        return False
    return find_date(text) is not None or rules().time_line.fullmatch(text.strip()) is not None


def _leading_date_start(text: str) -> int | None:
    """Where the date after a name starts, when the rest of the line is that date (a
    time, a comment count may follow)."""
    for _kind, pattern in _DATES:
        m = pattern.search(text)
        if m and find_date(text[m.start() :]) is not None:
            return m.start()
    return None


# --- the page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the page's text states, each value with the line that gave it."""

    stated: Metadata
    title_line: int | None = None
    """The line of the headline the page shows (which repeats its browser title)."""
    first_line: int | None = None
    browser_title: str | None = None
    """The page's first line: a copied page's browser title ("Headline - Site")."""


def _title_candidates(first: str) -> list[str]:
    """The browser title and each cut of it at a site separator, longest first."""
    out = [first]
    for sep in rules().separators:
        at = first.rfind(sep)
        while at > 0:
            out.append(first[:at])
            at = first.rfind(sep, 0, at)
    return sorted({key(c) for c in out if c.strip()}, key=len, reverse=True)


def _site_of(first: str) -> tuple[str | None, int]:
    """The browser title's last part ("… | National Review"), and how many parts it has."""
    cuts = [(first.rfind(sep), sep) for sep in rules().separators if first.rfind(sep) > 0]
    if not cuts:
        return None, 1
    at, sep = max(cuts)
    parts = sum(first.count(s) for _, s in cuts) + 1
    return first[at + len(sep) :].strip() or None, parts


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def from_text(
    lines: tuple[Line, ...], body_start: int | None = None, outlet: str | None = None
) -> Found:
    """Headline, writers, date and outlet from a copied page's own lines. Where no line
    is plainly the headline, a "By" line where the article's text starts (at line
    ``body_start``, as cleaning found it) still names the writer. ``outlet``: the
    outlet's name as known otherwise (a saved page's data), cut from a writer's name
    run into it."""
    copied = [x for x in lines if x.text.strip()]
    nonempty = _without_leading_navigation(copied)
    if not nonempty:
        return Found(Metadata())
    first = nonempty[0].text.strip()
    titled = len(nonempty) >= 3 and len(first.split()) >= TITLE_MIN_WORDS
    wanted = _title_candidates(first) if titled else []
    below_navigation = len(nonempty) < len(copied)  # no browser title: the page's top
    if below_navigation:
        # The first line is the headline itself: the article plainly follows it.
        shown_again = len(nonempty) > 1 and key(nonempty[1].text) == key(first)
        heading = 0 if titled and (shown_again or _is_header(nonempty, 1)) else None
    else:
        heading = _headline(nonempty, wanted, titled)
    origins: list[tuple[str, str]] = []
    values: dict = {}
    title_line = None
    if heading is not None:
        line = nonempty[heading]
        values["title"] = line.text.strip()
        title_line = line.number
        origins.append(("title", f"line {line.number}"))
    site, parts = _site_of(first) if titled and not below_navigation else (None, 1)
    spelled = _acronym_site(site, parts, nonempty)
    confirmed = site and _confirmed_site(site, parts, nonempty, heading)
    if spelled is None and site and confirmed and _agrees(site, nonempty):
        values["publication"] = site
        origins.append(("publication", f"line {nonempty[0].number}"))
    elif (owner := spelled or _copyright_owner(nonempty)) is not None:
        values["publication"] = owner[0]  # (a site the copyright contradicts: its owner)
        origins.append(("publication", f"line {owner[1].number}"))
    anchor = heading if heading is not None else 0
    window = nonempty[anchor + 1 : anchor + 1 + rules().window] if heading is not None else []
    above = nonempty[max(1, anchor - BYLINE_ABOVE) : anchor] if heading is not None else []
    if heading is None and body_start is None and (at := _article_start(nonempty)) < len(nonempty):
        body_start = nonempty[at].number  # a saved page's text: where its prose begins
    if heading is None and body_start is not None:
        start = next((i for i, x in enumerate(nonempty) if x.number >= body_start), None)
        around = slice(max(1, start - BODY_LOOKBACK), start + BODY_LOOKAHEAD) if start else None
        above = nonempty[around] if around else []
    byline: Line | None = None
    without_by = False
    for finder, lines_seen in ((byline_names, above + window), (name_line, window)):
        for i, line in enumerate(lines_seen):
            following = lines_seen[i + 1].text.strip() if i + 1 < len(lines_seen) else None
            names = finder(_head(line.text), following, i)
            site = values.get("publication")
            if names and site and any(key(n) == key(site) for n in names):
                continue  # the outlet's name, not a writer's
            if names and "authors" not in values:
                values["authors"] = names
                origins.append(("authors", f"line {line.number}"))
                byline = line
                without_by = finder is name_line
    date_line = _date_line(nonempty, heading, byline, window)
    if date_line is not None:
        values["published"] = find_date(_head(date_line.text))
        origins.append(("published", f"line {date_line.number}"))
    if values.get("authors"):
        names = without_outlet(values["authors"], values.get("publication"))
        names = without_outlet(names, outlet)
        if without_by and not all(_plain(n) for n in names):
            names = ()  # "Elliot Brownstein Florida Today": a name and an outlet?
            origins = [o for o in origins if o[0] != "authors"]
        values["authors"] = names
        values["author"] = joined(names) or None
    return Found(
        Metadata(**values, origins=tuple(origins)),
        title_line=title_line,
        first_line=nonempty[0].number,
        browser_title=first if titled else None,
    )


DATE_ABOVE = 2
"""A line that is only a date may stand this close above the headline (or, without
a headline, above the byline): some pages date the story first."""
DATE_ONLY_MAX_WORDS = 8


def _headline(lines: list[Line], wanted: list[str], titled: bool) -> int | None:
    """The line of the headline under the browser title ``lines[0]``: the line that
    repeats it (shown more than once, as in a list of top stories too: the one the byline
    or the date follows), else one that rewords it."""
    repeats = [
        i
        for i, line in enumerate(lines[1:], start=1)
        if key(line.text) in wanted and len(key(line.text).split()) <= TITLE_MAX_WORDS
    ]
    heading = next((i for i in repeats if _followed_by_header(lines, i)), None)
    if heading is None and repeats:
        heading = repeats[0]
    if heading is None and titled:
        heading = _reworded_headline(lines, wanted)
    if heading is None and titled:
        heading = _anchored_headline(lines, wanted)
    return heading


def _date_line(
    lines: list[Line], heading: int | None, byline: Line | None, window: list[Line]
) -> Line | None:
    """The line that dates the story: the byline's own ("By A - Nov 19, 2019"), else
    the first short one below the headline (without a headline: the line under the
    byline), else a line of a date alone just above the headline (or the byline)."""
    below = window
    anchor = heading
    if heading is None and byline is not None:
        anchor = lines.index(byline)
        below = lines[anchor + 1 : anchor + 2]
    candidates = [byline] if byline is not None and byline not in below else []
    candidates += below
    for line in candidates:
        text = _head(line.text)
        short = len(text.split()) <= rules().byline_max_words
        if short and not _starts_updated(text) and find_date(text) is not None:
            return line
    if anchor is None:
        return None
    for line in reversed(lines[max(1, anchor - DATE_ABOVE) : anchor]):
        text = line.text.strip()
        alone = len(text.split()) <= DATE_ONLY_MAX_WORDS
        if alone and not _starts_updated(text) and find_date(text) is not None:
            return line
    return None


def _without_leading_navigation(lines: list[Line]) -> list[Line]:
    """The page's lines from its browser title on. A copy that starts below the
    browser title starts with the page's navigation ("Skip to content", "Menu"):
    those lines are not a title, and the line after them is the page's headline when
    what follows it is plainly the article (the headline again, the byline, or two
    paragraphs of prose: one may be a notice about cookies under the site's name)."""
    from .clean import default_rules, is_prose

    navigation = next((r for r in default_rules() if r.id == "navigation"), None)
    skipped = 0
    while (
        navigation is not None
        and skipped < len(lines)
        and navigation.matches(lines[skipped].text.strip(), 0, 1)
    ):
        skipped += 1
    if not skipped or skipped + 1 >= len(lines):
        return lines
    headline, after = lines[skipped].text.strip(), lines[skipped + 1].text.strip()
    prose = [
        is_prose(x.text.strip(), NAVIGATION_PROSE_WORDS, 2 * NAVIGATION_PROSE_WORDS)
        for x in lines[skipped + 1 : skipped + 3]
    ]
    plain = (
        key(after) == key(headline)
        or _is_header(lines, skipped + 1)
        or (len(prose) == 2 and all(prose))  # the article's paragraphs, not a cookie notice
    )
    return lines[skipped:] if plain else lines


NAVIGATION_PROSE_WORDS = 12
"""What follows a headline is the article's text when it is a sentence this long."""
HEADER_LINES = 4
"""A headline is the article's when its byline or date follows this close."""
SHARED_WORDS = 2
"""A headline in other words than the browser title's shares this many words with it."""


def _head(text: str) -> str:
    """What a line says as a byline or dateline. A copy sometimes runs the byline into
    the caption and other stories' headlines under it ("A Published 11:11 PM EST Nov
    19, 2019 Eastern Michigan quarterback …"): of a line too long to be a byline, the
    part up to the end of its first date, when that part is short and the date opens
    it or follows a name or "Published"."""
    r = rules()
    text = text.strip()
    if len(text.split()) <= r.byline_max_words:
        return text
    opening = " ".join(text.split()[: r.byline_max_words])  # (a head longer is none)
    found = [m.span() for _kind, pattern in _DATES for m in [pattern.search(opening)] if m]
    if not found:
        return text
    start, end = min(found)
    head, before = opening[:end], opening[:start]
    if not before.strip() or r.published.search(before) or name_line(head, None):
        return head
    return text  # "In this Dec. 12, 2006, file photo …": a caption's date


def _is_header(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is a byline or a dateline (an update's too)."""
    text = _head(lines[i].text)
    if len(text.split()) > rules().byline_max_words:
        return bool(byline_names(text, None))  # a "By" line run into what follows
    following = lines[i + 1].text.strip() if i + 1 < len(lines) else None
    return (
        find_date(text) is not None
        or only_updated(text)
        or bool(byline_names(text, following))
        or bool(name_line(text, following))
    )


def _followed_by_header(lines: list[Line], i: int) -> bool:
    return any(_is_header(lines, j) for j in range(i + 1, min(len(lines), i + 1 + HEADER_LINES)))


def _significant(words: list[str]) -> set[str]:
    """Words that say what a headline is about (not "the", "to", "of")."""
    return {w for w in words if len(w) >= 4 or w.isdigit()}


def _anchored_headline(lines: list[Line], wanted: list[str]) -> int | None:
    """The headline a page shows in other words than its browser title (sites write
    one for search engines, one for readers): the first heading-like line before the
    article's text that is mostly about what the browser title's headline says (shares
    two of its words at least, and a quarter of its own: not a long standfirst) and is
    followed by the byline or the date. Not a label in capitals ("GROWING A
    BUSINESS")."""
    cuts = [c for c in wanted if len(c.split()) >= TITLE_MIN_WORDS] or wanted
    title = _significant(_TOKEN.findall(min(cuts, key=len)))  # the headline, not the site
    candidates = []
    for i, line in enumerate(lines[1 : _article_start(lines)], start=1):
        text = line.text.strip()
        words = _TOKEN.findall(text.casefold())
        if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS:
            continue
        if text.endswith((".", ",", ";", ":")) or not any(c.islower() for c in text):
            continue
        own = _significant(words)
        shared = len(own & title)
        if shared >= SHARED_WORDS and shared >= SHARED_SHARE * len(own):
            candidates.append(i)
    for n, i in enumerate(candidates):
        if _is_header(lines, i) or not _followed_by_header(lines, i):
            continue
        header = next(j for j in range(i + 1, len(lines)) if _is_header(lines, j))
        if n + 1 < len(candidates) and candidates[n + 1] < header:
            continue  # another headline-like line is closer to the byline
        return i
    return None


SHARED_SHARE = 0.25
ARTICLE_PROSE_WORDS = 12


def _article_start(lines: list[Line]) -> int:
    """Where the article's text begins: the first of two paragraphs of prose in a row
    (what follows is the article, its comments, other pages' teasers)."""
    from .clean import is_prose

    prose = [is_prose(x.text.strip(), ARTICLE_PROSE_WORDS, 2 * ARTICLE_PROSE_WORDS) for x in lines]
    return next((i for i in range(len(lines) - 1) if prose[i] and prose[i + 1]), len(lines))


_TOKEN = re.compile(r"\w+")


def similar(line: str, browser_title: str, threshold: float = 0.85) -> bool:
    """Whether ``line`` is the browser title's headline in other words (token F1 against
    the title or any cut of it at a site separator)."""
    words = _TOKEN.findall(line.casefold())
    if not words:
        return False
    for candidate in _title_candidates(browser_title):
        other = _TOKEN.findall(candidate)
        common = sum(min(words.count(w), other.count(w)) for w in set(words))
        if common and 2 * common / (len(words) + len(other)) >= threshold:
            return True
    return False


BODY_LOOKBACK = 6
BODY_LOOKAHEAD = 3
"""Without a headline, a "By" line counts only this close to where the article's text
starts (the line before it may be the headline, the byline under it)."""
BYLINE_ABOVE = 3
"""A "By" line may stand this close above the headline (some pages put it first)."""
REWORDED = 0.6
"""A headline that rewords the browser title shares this share of its words (token F1)."""
REWORDED_MIN_WORDS = 4


def _reworded_headline(lines: list[Line], wanted: list[str]) -> int | None:
    """The first heading-like line that says what the browser title says in other
    words (sites shorten one or the other): it shares most of its words, and four at
    least, with the title or a cut of it."""
    titles = [w for w in (_TOKEN.findall(c) for c in wanted) if len(w) >= REWORDED_MIN_WORDS]
    for i, line in enumerate(lines[1:], start=1):
        text = line.text.strip()
        words = _TOKEN.findall(text.casefold())
        if not REWORDED_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or text.endswith("."):
            continue
        if text.endswith((",", ";", ":")):
            continue
        for other in titles:
            common = sum(min(words.count(w), other.count(w)) for w in set(words))
            if common >= REWORDED_MIN_WORDS and 2 * common / (len(words) + len(other)) >= REWORDED:
                return i
    return None


def _starts_updated(text: str) -> bool:
    m = rules().updated.search(text)
    return m is not None and not text[: m.start()].strip(" :|-–—")


SITE_MAX_WORDS = 5
ALONE_SITE_MAX_WORDS = 4


def _confirmed_site(site: str, parts: int, lines: list[Line], heading: int | None) -> bool:
    """A site name in the browser title is the outlet when the page names itself so
    elsewhere too (a line of its own, a short line that names it among two or three
    other words: "Support The Guardian", "About my6sense"; its copyright line), or when
    the browser title is plainly "Headline - Site": two parts, the second a short name
    (not an acronym, which is the outlet's short name: "WSJ")."""
    words = site.split()
    if len(words) > SITE_MAX_WORDS:
        return False
    acronym = len(words) == 1 and site.isupper()  # "WSJ": the outlet's short name, not its name
    named = site[0].isupper() or site[0].isdigit()  # "Slate", "9to5Mac"; not "more"
    if parts == 2 and len(words) <= ALONE_SITE_MAX_WORDS and named and not acronym:
        return True
    squashed = _squash(site)
    if not squashed:
        return False
    r = rules()
    tokens = _TOKEN.findall(site.casefold())
    for i, line in enumerate(lines[1:], start=1):
        text = line.text.strip()
        if i == heading:
            continue
        if key(text) == key(site):
            return True
        if r.copyright.search(text) and squashed in _squash(text):
            return True
        own = _TOKEN.findall(text.casefold())
        if len(own) <= len(tokens) + NAMING_EXTRA_WORDS and _contains(own, tokens):
            return True
    return False


NAMING_EXTRA_WORDS = 2
"""A line names the site when it says little else: "Support The Guardian"."""


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _acronym_site(site: str | None, parts: int, lines: list[Line]) -> tuple[str, Line] | None:
    acronym = site is not None and parts == 2 and re.fullmatch(r"[A-Z]{2,6}", site) is not None
    return _spelled_out(site, lines) if site and acronym else None


def _spelled_out(acronym: str, lines: list[Line]) -> tuple[str, Line] | None:
    """The name an acronym site ("- WSJ") stands for, where a line of its own spells it
    out ("The Wall Street Journal": its capitalised words' initials)."""
    for line in lines[1:]:
        text = line.text.strip()
        words = text.split()
        if not 2 <= len(words) <= SITE_MAX_WORDS or not all(w[0].isupper() for w in words):
            continue
        initials = "".join(w[0] for w in words)
        if initials == acronym or (words[0] in ("The", "THE") and initials[1:] == acronym):
            return text, line
    return None


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?(?!\d)")
OWNER_MAX_WORDS = 5
CONFIRMING_MAX_WORDS = 12


def copyright_owner(text: str, legal: bool = True) -> str | None:
    """The name a short, dated copyright notice gives its owner ("© 2019 The Republic
    unless otherwise noted. All rights reserved." → "The Republic"); ``None`` when it
    names none, or a company ("Hearst Communications, Inc."), which is not how an
    outlet names itself. An undated "© Name" is a picture's credit, not the page's."""
    r = rules()
    marker = r.copyright.search(text)
    if marker is None or len(text.split()) > r.byline_max_words:
        return None
    if not _YEARS.search(text) and not r.reserved.search(text):
        return None  # "Copyright Policy", "(Image: © NASA)"
    rest = r.reserved.sub(" ", text[marker.end() :])
    rest = _YEARS.sub(" ", r.copyright.sub(" ", rest)).lstrip(" ,.:")
    stop = r.owner_stop.search(rest)
    if stop is not None and r.by_word.fullmatch(stop.group().strip()):
        return None  # "Designed by …", "Powered by …": a credit
    name = " ".join((rest[: stop.start()] if stop else rest).split()).strip(" ,.-–—|:")
    words = name.split()
    while len(words) > 1 and words[-1].casefold().strip(".,") in r.legal_forms:
        if not legal:
            return None
        words.pop()  # "CNBC LLC"
    name = " ".join(words)
    if not words or len(words) > OWNER_MAX_WORDS:
        return None
    if not all(_OWNER_WORD.fullmatch(w) for w in words):
        return None
    said = words
    if stop is not None and stop.group().strip() in ("(", ","):  # "Name, LLC", "Name (X) Ltd"
        after = rest[stop.end() :]
        more = r.owner_stop.search(after)
        said = words + (after[: more.start()] if more else after).split()
    if any(w.casefold().strip(".,()") in r.company_words for w in said):
        return None
    if len(words) == 1 and words[0].casefold().strip(".,") in r.legal_forms:
        return None
    return name


_OWNER_WORD = re.compile(r"[\w][\w.&'’-]*")


def _owners(lines: list[Line], legal: bool = True) -> list[tuple[str, Line]]:
    """The owners the page's copyright notices name (``legal``: those named with their
    legal form too, "CNBC LLC")."""
    return [(o, x) for x in lines if (o := copyright_owner(x.text.strip(), legal)) is not None]


def _agrees(site: str, lines: list[Line]) -> bool:
    """Whether the page's copyright lines, where they name owners that are not
    companies (nor a company's legal name: "Jpost Inc."), name the site of the browser
    title among them ("| Hosted" over
    "©2019 The Associated Press" is conflicting evidence: not stated)."""
    squashed = _squash(site)
    owners = [_squash(owner) for owner, _ in _owners(lines, legal=False)]
    return not owners or any(squashed in owner or owner in squashed for owner in owners)


def _without_article(name: str) -> str:
    """ "The Associated Press" as a page also names it: "Associated Press"."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.casefold() in rules().articles else name


def _copyright_owner(lines: list[Line]) -> tuple[str, Line] | None:
    """The outlet a page's copyright line names, where the page names itself so in
    another line too ("The Republic Archives", "Search Inexhibit"), and every
    copyright line that names an owner names the same."""
    r = rules()
    owners = _owners(lines)
    if not owners or len({_squash(o) for o, _ in owners}) != 1:
        return None
    name, line = owners[0]
    squashed = _squash(_without_article(name))
    for other in lines:
        text = other.text.strip()
        if r.copyright.search(text):
            continue
        if "." in name and f"{name.casefold()}/" in text.casefold():
            return name, line  # "Phys.org", and an address of the page at phys.org/…
        if len(text.split()) > CONFIRMING_MAX_WORDS:
            continue
        credit = r.byline.fullmatch(text)  # "powered by Microsoft News": a credit
        if credit and credit.group("names") and squashed in _squash(credit.group("names")):
            continue
        if squashed in _squash(text):
            return name, line
    return None


def without_outlet(names: tuple[str, ...], outlet: str | None) -> tuple[str, ...]:
    """Names with the outlet's name cut from their end ("Jane Doe Florida Today" → "Jane
    Doe", also when the page spells the outlet "floridatoday"), when the outlet is known
    and what is left is still a name of two words."""
    if not outlet:
        return names
    squashed = _squash(outlet)
    out = []
    for name in names:
        words = name.split()
        cut = next(
            (
                " ".join(words[:-size])
                for size in range(1, len(words) - 1)
                if _squash(" ".join(words[-size:])) == squashed
            ),
            name,
        )
        out.append(cut)
    return tuple(dict.fromkeys(out))


def joined(names: tuple[str, ...]) -> str:
    """Names as a reader reads them: "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- what an editor should look at ---------------------------------------------------


def looks_like_byline(text: str) -> bool:
    """A short line that starts like a byline ("By admin - 2018-09-16"), whether or not
    it gave a name."""
    r = rules()
    text = text.strip()
    m = r.byline.fullmatch(text)
    if m is None or len(text.split()) > r.byline_max_words:
        return False
    before = text[: m.start("names")] if m.group("names") else text
    words = [w.casefold().strip(":,") for w in before.split()][:-1]
    return find_date(before) is not None or all(w in r.verbs for w in words if w)


_NOT_A_NAME = re.compile(
    r"©|\(c\)|copyright|all rights reserved|(?:19|20)\d\d|[^\w\s]|\d", re.IGNORECASE
)


def names_owner(text: str) -> bool:
    """A short copyright line that names someone ("© 2019 National Review"): not a
    "Copyright Policy" link, nor "All Rights Reserved © 2019", which names no one."""
    r = rules()
    if len(text.split()) > r.byline_max_words or not r.copyright.search(text):
        return False
    dated = "©" in text or re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text) is not None
    return dated and bool(_NOT_A_NAME.sub(" ", text).strip())


def only_updated(text: str) -> bool:
    """A short line that dates the page's update only ("Updated Nov 20, 2019")."""
    short = len(text.split()) <= rules().byline_max_words
    return short and _starts_updated(text) and find_date(_after_updated(text)) is not None


def _after_updated(text: str) -> str:
    m = rules().updated.search(text)
    return text[m.end() :] if m else text


# --- language ------------------------------------------------------------------------

LANGUAGE_MIN_WORDS = 30
"""Less text than this is too little to tell its language from."""
LANGUAGE_SAMPLE = 3000
"""Characters of the text the model reads: a few hundred words tell the language, and
reading all of a long article costs more than the rest of its metadata together."""
LANGUAGE_MIN_PROBABILITY = 0.95
"""py3langid's normalised probability a language must reach; below, not stated."""


def packed_language_model() -> Path:
    """py3langid's model as installed: 4.5 MB of LZMA that take ~0.45 s to
    decompress, in every process that detects a language."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def unpack_language_model(packed: Path, folder: Path) -> None:
    """Write the model's arrays decompressed into ``folder``, one ``.npy`` each:
    mapped from there in a few milliseconds, so that a re-run after one edit
    (a new process) does not spend a quarter of its time decompressing."""
    import numpy as np

    with lzma.open(packed) as compressed, np.load(io.BytesIO(compressed.read())) as model:
        for name in _MODEL_ARRAYS:
            np.save(folder / f"{name}.npy", model[name], allow_pickle=False)


@lru_cache(maxsize=2)
def _identifier(unpacked: Path | None):
    """py3langid's identifier, from the unpacked model when there is one."""
    from py3langid.langid import LanguageIdentifier

    if unpacked is None:
        return LanguageIdentifier.from_model_file(packed_language_model(), norm_probs=True)
    import numpy as np

    arrays = {name: np.load(unpacked / f"{name}.npy", mmap_mode="r") for name in _MODEL_ARRAYS}

    def table(values) -> array:  # classify() indexes these per byte: a plain array is fastest
        out = array({2: "H", 4: "I", 8: "Q"}[values.dtype.itemsize])
        out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
        return out

    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        table(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=table(arrays["nextmove_row"]),
    )


def detect_language(text: str, model: Path | None = None) -> str | None:
    """The language of an article's text (ISO 639-1), by py3langid (a maintained,
    deterministic model of 97 languages, no download); ``None`` when the text is
    short or the model unsure. ``model``: the folder the build unpacked the model
    into (``unpack_language_model``), if any."""
    if len(text.split()) < LANGUAGE_MIN_WORDS:
        return None
    language, probability = _identifier(model).classify(text[:LANGUAGE_SAMPLE])
    return str(language) if probability >= LANGUAGE_MIN_PROBABILITY else None
