"""Evidence for an announcement's year when its text gives a date without one (« mardi (18 juin) »).

- The URL: the site's old archives carry the date or the year in the path
  (`/docu/update/1999/…/f990324`, `/docu/update/2008/06-june/f0626a.html`, `/docu/pr/2003/p03-006f`),
  the new site the whole date (`/news/2023/09/07/…`).
- The page's content id (`news_110867`, `official_texts_115551`): given out in order since 2009, it
  places the page between two pages of known date, a few months apart.
- The weekday a short date is given with: 18 June is a Tuesday only every five to eleven years.
- The Secretary General the text names, an anniversary it celebrates and the years it mentions
  narrow those down to one, or to none
  (then the date stays unknown: a wrong year is worse than no date).
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

FIRST_YEAR = 1949  # NATO's founding: no announcement is older


def plausible(date: datetime.date) -> bool:
    """Dates outside 1949 … a year from today are misreadings, not announcement dates."""
    return FIRST_YEAR <= date.year <= datetime.date.today().year + 1


def _date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        date = datetime.date(y, m, d)
    except ValueError:
        return None
    return date if plausible(date) else None


_FULL_PATH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")  # new site: /news/2023/09/07/slug
_ARCHIVE = re.compile(r"/docu/[a-z-]+/((?:19|20)\d\d)/(?P<rest>[^?#]*)", re.I)
_STAMP = re.compile(r"(?<!\d)(\d{6}|\d{4})(?!\d)")  # `f990324`, `p020925f`, `f0626a`, `0331f`, `9810f`


def url_date(url: str | None) -> tuple[datetime.date | None, int | None, int | None]:
    """(full date, year, month) the URL gives; any may be None. A full date implies the others."""
    if not url:
        return None, None, None
    m = _FULL_PATH.search(url)
    if m:
        date = _date(*map(int, m.groups()))
        return (date, date.year, date.month) if date else (None, None, None)
    m = _ARCHIVE.search(url)
    if not m:
        return None, None, None
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= datetime.date.today().year + 1:
        return None, None, None
    yy = f"{year % 100:02d}"
    # The file name's digits first (`2001/0611/f0613a.htm`: the page is of 13 June), then folders'.
    for stamp in reversed(_STAMP.findall(m.group("rest"))):
        if len(stamp) == 6 and stamp[:2] == yy:                      # yymmdd
            date = _date(year, int(stamp[2:4]), int(stamp[4:]))
        elif len(stamp) == 4 and _date(year, int(stamp[:2]), int(stamp[2:])):  # mmdd
            date = _date(year, int(stamp[:2]), int(stamp[2:]))
        elif len(stamp) == 4 and stamp[:2] == yy and 1 <= int(stamp[2:]) <= 12:  # yymm: a month's issue
            return None, year, int(stamp[2:])
        else:
            continue
        if date:
            return date, year, date.month
    return None, year, None


# Content ids of the site's pages (`/natohq/news_110867.htm`) have been given out in order since 2009:
# a page whose id lies between two of these was made between their dates. Real pages and the date
# they carry, a few months apart (older ids were given to archives all at once, in no order).
_KNOWN_IDS = (
    (52356, "2009-04-03"), (57707, "2009-09-24"), (58776, "2009-11-05"), (64812, "2010-07-02"),
    (71525, "2011-03-11"), (77829, "2011-09-08"), (84373, "2012-02-16"), (90052, "2012-09-18"),
    (101431, "2013-06-14"), (106631, "2014-01-27"), (111798, "2014-07-25"), (115131, "2014-11-24"),
    (118783, "2015-04-20"), (122284, "2015-09-02"), (128753, "2016-03-02"), (133429, "2016-07-08"),
    (137601, "2016-11-10"), (145120, "2017-06-20"), (150455, "2018-01-09"), (154984, "2018-05-29"),
    (160683, "2018-11-22"), (166763, "2019-06-11"), (170477, "2019-10-24"), (175351, "2020-04-20"),
    (178290, "2020-09-23"), (180887, "2021-01-28"), (184623, "2021-06-03"), (187940, "2021-10-22"),
    (196947, "2022-06-21"), (209345, "2022-11-28"), (214656, "2023-05-17"), (220292, "2023-11-19"),
    (226336, "2024-06-11"), (230815, "2024-11-26"), (235569, "2025-05-22"),
)
_KNOWN = tuple((id, datetime.date.fromisoformat(day)) for id, day in _KNOWN_IDS)
_CONTENT_ID = re.compile(r"/(?:natohq|natolive)/[a-z_]+?_(\d+)\.htm", re.I)


def id_span(url: str | None) -> tuple[datetime.date, datetime.date, datetime.date] | None:
    """(earliest, likeliest, latest) date of a page by its content id, or None outside the known ids.
    The likeliest is read in proportion between its neighbours' ids."""
    m = _CONTENT_ID.search(url or "")
    if not m:
        return None
    id = int(m.group(1))
    for (id0, day0), (id1, day1) in zip(_KNOWN, _KNOWN[1:]):
        if id0 <= id <= id1:
            return day0, day0 + (day1 - day0) * ((id - id0) / (id1 - id0)), day1
    return None


def period(year: int | None, month: int | None) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of the year (or month) an archive URL names (`/docu/pr/2003/…`)."""
    if year is None:
        return None
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return datetime.date(year, month, 1), following - datetime.timedelta(days=1)


# NATO's Secretaries General and their terms: naming one bounds the year of a text that reports
# what they do (news rarely names a former one). Surnames as the French pages spell them.
SECRETARIES_GENERAL = (
    ("Solana", 1995, 1999),
    ("Robertson", 1999, 2003),
    ("Scheffer", 2004, 2009),
    ("Fogh Rasmussen", 2009, 2014),
    ("Stoltenberg", 2014, 2024),
    ("Rutte", 2024, None),
)
# A year, not part of a longer number (`3 000`, `1 200,5`), nor a decade (`les années 1980`).
_YEAR = re.compile(r"(?<![\d.,])(?<!\d\s)(?<!années\s)\b((?:19[4-9]|20\d)\d)\b(?![.,]?\s?\d)")
# The latest year a text mentions is rarely far from its own: history is earlier, plans a little later.
YEARS_BEFORE_LATEST = 7
YEARS_AFTER_LATEST = 1


# An anniversary dates its celebration: « le 60e anniversaire de sa fondation » or « les 60 ans du
# Collège » with « fondé en 1951 » in the text gives 2011.
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:e|ème)\s+anniversaire|\b(\d{1,3})\s+ans\s+(?:du|de|des|d['’])\b", re.I)


def years_mentioned(text: str) -> list[int]:
    """The plausible years a text names (`depuis 2009`, `Locked Shields 2017`), in text order."""
    last = datetime.date.today().year + 1
    return [int(y) for y in _YEAR.findall(text) if int(y) <= last]


@lru_cache(maxsize=16)  # one text, several short dates: its evidence is read once
def _evidence(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], frozenset[int]]:
    """(the terms of the Secretaries General named, the years mentioned, the years anniversaries give)."""
    last = datetime.date.today().year + 1
    terms = tuple((start, end or last) for name, start, end in SECRETARIES_GENERAL if name in text)
    mentioned = tuple(years_mentioned(text))
    anniversaries = frozenset(y + int(a or b) for a, b in _ANNIVERSARY.findall(text) for y in mentioned)
    return terms, mentioned, anniversaries


@lru_cache(maxsize=1024)
def _candidates(month: int, day: int, weekday: int | None) -> tuple[int, ...]:
    """The plausible years in which (month, day) falls on that weekday (any, when None)."""
    last = datetime.date.today().year + 1
    return tuple(y for y in range(FIRST_YEAR, last + 1)
                 if (d := _date(y, month, day)) and (weekday is None or d.weekday() == weekday))


def year_for(month: int, day: int, weekday: int | None, text: str) -> int | None:
    """The one year in which (month, day) fits the weekday (0 = Monday) and the text's evidence, or
    None when no year or several fit."""
    years = list(_candidates(month, day, weekday))
    terms, mentioned, anniversaries = _evidence(text)
    for start, end in terms:
        years = [y for y in years if start <= y <= end] or years
    years = [y for y in years if y in anniversaries] or years
    if mentioned:
        latest = max(mentioned)
        near = [y for y in years if latest - YEARS_BEFORE_LATEST <= y <= latest + YEARS_AFTER_LATEST]
        years = near or years
    return years[0] if len(years) == 1 else None
