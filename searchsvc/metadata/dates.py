"""Dates: page-date (chrome) lines, and the date an announcement's text gives for what it reports.

Three jobs, one vocabulary of month names:
- `parse_page_date_line` recognises whole lines that carry nothing but a date (site chrome such as
  `• 24 May. 2017 -`, `Mis à jour le: …`, or a bare French date line) so ingest can drop them;
- `choose_page_date` picks the page's own date among those lines;
- `text_date` finds the date the text states (`Ce mercredi (20 novembre 2019)`), years filled in
  from the page date or the URL when the text omits them.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

from searchsvc.metadata.years import YEARS_BEFORE_LATEST, plausible, year_for, years_mentioned

# Month words as they occur: French (full, abbreviated, and with accents lost by old encodings,
# e.g. `fvrier`, `aot`), and English abbreviations used by the site chrome.
_MONTH_WORDS = {
    1: "janvier janv jan january",
    2: "février fevrier févr fevr fév fev fvrier fvr fv feb february",
    3: "mars mar march",
    4: "avril avr apr april",
    5: "mai may",
    6: "juin jun june",
    7: "juillet juil jul july",
    8: "août aout aoû aou aot aug august",
    9: "septembre sept sep september",
    10: "octobre oct october",
    11: "novembre nov november",
    12: "décembre decembre déc dec dcembre dc december",
}
MONTHS = {w: m for m, words in _MONTH_WORDS.items() for w in words.split()}
# Longest first so that `juillet` wins over `juil`, `septembre` over `sept`.
_MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + ")"
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"

# One date as chrome writes it: `24 May. 2017`, `2 oct . 2001`, `16-Aug-2006`, `29/10/2003`.
_D_M_Y = rf"(?P<d>\d{{1,2}})(?:er)?\s*[-\s]\s*(?P<m>{_MONTH})\s*\.?\s*[-\s]\s*(?P<y>\d{{4}})"
_NUMERIC = r"(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4})"
_ANY_DATE = rf"(?:{_D_M_Y}|{_NUMERIC})"
_DATE_ANON = re.sub(r"\(\?P<\w+>", "(?:", _ANY_DATE)  # same pattern without groups, to repeat it

_LEAD = r"^[\s•·*|\-–]*"  # bullets and table bars before chrome lines
_TAIL = r"[\s|\-–]*$"

_PAGE_DATE_LINES = [
    # `• 24 May. 2017 -`, `• 20 Nov. 2014 - 21 Nov. 2014` (or glued: `04 Mar. 201010 Mar. 2010`), `18 fév. 2008`, `vendredi 7 juillet 2006`,
    # `7-8 fév. 2008`, `9-15 mars 2005` (a span: its first day)
    re.compile(
        rf"{_LEAD}(?:{_WEEKDAY}\s+)?(?:(?P<d0>\d{{1,2}})\s*[-–]\s*(?=\d{{1,2}}\s+{_MONTH}))?"
        rf"{_ANY_DATE}(?:\s*[-–]?\s*{_DATE_ANON})?{_TAIL}",  # `04 Mar. 201010 Mar. 2010`: glued stamps
        re.I,
    ),
    # `• Issued on 11 Mar. 2011`
    re.compile(rf"{_LEAD}Issued on\s+{_ANY_DATE}{_TAIL}", re.I),
    # `29/10/2003 - OTAN`, `29 nov. 2006 - OTAN`: date of a related item, tagged with its source
    re.compile(rf"{_LEAD}(?:(?P<d0>\d{{1,2}})\s*-\s*)?{_ANY_DATE}\s*-\s*[A-Z]{{2,6}}{_TAIL}"),
    # `21 Jun. 06 - NATO`, `31/07/06 - NATO`: the same with a two-digit year
    re.compile(rf"{_LEAD}(?:(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?|(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}}))"
               rf"[\s/]+(?P<y2>\d\d)\s*-\s*[A-Z]{{2,6}}{_TAIL}", re.I),
    # `Communiqué 29 janvier 2003 |`, `Communiqué de presse (2004)099 29 juin 2004 |`
    re.compile(rf"{_LEAD}Communiqu\w*(?: de presse)?(?:\s*\(\d{{4}}\)\s*\d+)?\s+{_ANY_DATE}{_TAIL}", re.I),
]
# The site's publication line: `  • 24 May. 2017 -` (a bullet, then the date).
_BULLET_DATE = re.compile(rf"^\s*•\s*{_D_M_Y}", re.I)
# Update stamps: `• Mis à jour le: 28 Jan. 2014 12:23`, `Mise à jour: 16-Aug-2006 Juin 2003`,
# `Mise--jour: 18 juin 1999 OTAN Communiqus de presse`, `Updated: 09-Jun-2008 Semaine du 24-30 mai 2000`.
# Their date is the (late) update; what follows is a short section label, sometimes the period.
_UPDATE_LINE = re.compile(
    rf"{_LEAD}(?:Mise?[\s-]*(?:à|a)?[\s-]*jour(?:\s+le)?|Updated)\s*:\s*{_ANY_DATE}"
    rf"(?:\s+\d{{1,2}}:\d{{2}})?(?P<rest>(?:[^.!?]|\.(?=\s*\d))*)$",
    re.I,
)
# The period an update stamp's label names: `Semaine du 24-30 mai 2000`,
# `Semaine du 27 mai - 6 juin 2002`, `Juin 2003`.
_PERIOD = re.compile(
    rf"(?:semaine du\s+(?P<d>\d{{1,2}})(?:er)?\s*(?:(?P<m1>{_MONTH})\.?)?\s*[-–]|\|?\s*(?=\w+\s+\d{{4}}))"
    rf".*?(?P<m>{_MONTH})\.?\s+(?P<y>\d{{4}})",
    re.I,
)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    return MONTHS.get(word) or MONTHS.get(_fold(word))


def _make(y: int, m: int | None, d: int) -> datetime.date | None:
    if not m:
        return None
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _date_of(match: re.Match) -> datetime.date | None:
    g = match.groupdict()
    year = g.get("ny") or g.get("y")
    if g.get("y2"):  # `06` → 2006, `98` → 1998
        year = int(g["y2"]) + (2000 if int(g["y2"]) < 50 else 1900)
    if g.get("nd"):
        return _make(int(year), int(g["nm"]), int(g["nd"]))
    day = g.get("d0") or g["d"]
    return _make(int(year), _month(g["m"]), int(day))


def parse_page_date_line(line: str) -> datetime.date | None:
    """If this whole line is a page-date / chrome date line, return its date, else None.

    A span (`20 Nov. 2014 - 21 Nov. 2014`, `7-8 fév. 2008`) gives its first day; an update stamp
    gives the update date. A line holding anything more than a date (a sentence ending in `.`,
    a headline after the date) gives None, so ingest never drops real text.
    """
    if len(line) > 120 or not any(c.isdigit() for c in line):
        return None
    for pattern in _PAGE_DATE_LINES:
        m = pattern.match(line)
        if m:
            return _date_of(m)
    m = _UPDATE_LINE.match(line)
    if m:
        return _date_of(m)
    return None


def update_line_period(line: str) -> datetime.date | None:
    """For an update stamp whose label names the issue's period (`Semaine du 24-30 mai 2000`,
    `Juin 2003`), the period's first day; else None."""
    m = _UPDATE_LINE.match(line)
    if not m:
        return None
    p = _PERIOD.search(m.group("rest"))
    if not p:
        return None
    month = _month(p.group("m1") or p.group("m"))
    year = int(p.group("y"))
    if p.group("m1") and month > _month(p.group("m")):  # `Semaine du 28 déc. - 3 janv. 2000`
        year -= 1
    return _make(year, month, int(p.group("d") or 1))


def choose_page_date(lines: list[str], stamps: bool = True) -> datetime.date | None:
    """The page's own date among its date lines (lines where `parse_page_date_line` is not None).

    Order of trust: a publication date line (`• 24 May. 2017 -`), then `Issued on`, then a bare
    date line (`18 fév. 2008`, `Communiqué 29 janvier 2003 |`), then the period an update stamp
    names (`Semaine du 24-30 mai 2000`), then dates of
    related items (`29/10/2003 - OTAN`), and only then the update date itself (on new pages it is
    often years after the page, but new pages always carry a `• DD Mon. YYYY` line; old weekly pages
    carry nothing else and were updated within weeks). `stamps=False` leaves that last resort out,
    so the caller can try better evidence (the URL, the text) first.
    """
    best: tuple[int, datetime.date] | None = None
    for line in lines:
        date = parse_page_date_line(line)
        if date is None:
            continue
        if _UPDATE_LINE.match(line):
            period = update_line_period(line)
            # The period an update stamp names is the issue's; the update date itself is a last
            # resort (old weekly pages carry nothing else, and were updated within weeks).
            date, rank = (period, 3) if period else (date if stamps else None, 5)
        elif _BULLET_DATE.match(line):
            rank = 0
        elif _PAGE_DATE_LINES[1].match(line):
            rank = 1
        elif _PAGE_DATE_LINES[0].match(line) or _PAGE_DATE_LINES[4].match(line):
            rank = 2
        else:
            rank = 4
        if date is not None and plausible(date) and (best is None or rank < best[0]):
            best = (rank, date)
    return best[1] if best else None


# --- The date the text states -------------------------------------------------------------------

# French month words in running text (no English abbreviations: `21 Jun. 06 - NATO` is chrome).
_FR_MONTH = (r"(?:janvier|janv\.|f[ée]vrier|f[ée]vr?\.|fvrier|mars|avril|avr\.|mai|juin|juillet"
             r"|juil\.|ao[uû]t|aot|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\."
             r"|dcembre)")
_DAY = r"(?:1\s*er|1er|\d{1,2})"
# `20 novembre 2019`, `1er mai 2014`, `16 et le samedi 17 février 2018` (→ 16), `28 au 30 janvier`,
# `26 et 27 septembre` (→ 26); year optional.
_MENTION = re.compile(
    rf"(?<![\d/])(?:(?P<d0>{_DAY})\s*(?:et|au|-|–|à)\s*(?:le\s+|la\s+)?(?:{_WEEKDAY}\s+)?)?"
    rf"(?P<d>{_DAY})\s+(?P<m>{_FR_MONTH})(?!\w)(?:\s+(?P<y>\d{{4}})(?!\d))?",
    re.I,
)
# `du 28 avril au 4 mai 1999`: the first day's year is the one after the span.
_SPAN_YEAR = re.compile(
    rf"\s*(?:et|au|-|–|à)\s*(?:le\s+)?(?:{_WEEKDAY}\s+)?{_DAY}\s+(?P<m>{_FR_MONTH})(?!\w)\s+(?P<y>\d{{4}})",
    re.I,
)
# Dates that are not what the text reports: `depuis le 24 mars 1999`, `jusqu'au 23 mai`,
# `la déclaration du 30 janvier`, `les attentats du 11 septembre`, `avant le 1er juin`, and the end
# still to come of what goes on: `le mandat de l'IFOR expire le 20 décembre`, `qui prendra fin le…`.
_NOT_THE_EVENT = re.compile(
    r"(?:\bdepuis(?:\s+le)?|\bjusqu['’]\s*(?:au|à|a)(?:\s+le)?|\bavant(?:\s+le)?"
    r"|\b(?:expire(?:ra)?|prendra\s+fin|s['’]\s*achèvera|se\s+terminera)\s+le"
    r"|\bd['’]ici(?:\s+au|\s+le)?"
    r"|(?<!partir )\bdu|\bdès(?:\s+le)?|\baprès(?:\s+le)?"
    r"|\b(?:attaques|attentats|événements|evenements)(?:\s+terroristes)?"
    r"(?:\s+\w+(?:ées|és|ees|es))?\s+(?:du|le|des))"
    rf"\s*(?:{_WEEKDAY}\s+)?\(?\s*$",
    re.I,
)
# A sentence opening on the meeting it reports names it by its day (`À la réunion de la Commission
# OTAN-Géorgie du mardi 20 novembre, …`, `Au sommet de Bruxelles du 14 juin, …`).
_MEETING_OF_THE_DAY = re.compile(rf"(?:^|[.!?]\s+)(?:À|A|Au|Aux|Lors d[eu]s?)\s+(?:la\s+|l['’]\s*)?(?:réunion"
                                 rf"|sommet|conférence|session|séance|cérémonie)s?\b[^.;!?]{{0,160}}"
                                 rf"\bdu\s*(?:{_WEEKDAY}\s+)?\(?\s*$", re.I)
# How far a stated date may be from the page date and still be what the page reports; further off
# it is history (`il y a 60 ans, le 29 mars 1958`) and the page date wins.
_MAX_DISTANCE = datetime.timedelta(days=62)
# The lead states the date; later dates are other events (`la tenue, le 9 décembre, de la Conférence`).
_LEAD_CHARS = 500


def _day(s: str) -> int:
    return 1 if s.replace(" ", "").lower() == "1er" else int(s)


def _nearest_year(month: int, day: int, ref: datetime.date) -> datetime.date | None:
    """The (month, day) closest to `ref`: `le 28 décembre` on a page of 3 January is last year's."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _make(y, month, day))]
    return min(options, key=lambda d: abs(d - ref)) if options else None


# An exercise named with its year gives the year of a text that has no other (`l'exercice « Armenia
# 2010 » … du 11 au 17 septembre`).
_EXERCISE_YEAR = re.compile(r"\bexercices?\s+(?:«\s*)?(?:[A-Z][\w-]*\s+){1,3}(?P<y>(?:19|20)\d\d)\b")


# The weekday a date is given with: `ce mardi (18 juin)`, `Ces mercredi et jeudi (26-27 août)` (the
# first weekday is the first day's).
_WEEKDAY_BEFORE = re.compile(rf"({_WEEKDAY})(?:\s+et\s+(?:le\s+)?{_WEEKDAY})?\s*\(?\s*$", re.I)


@dataclass(frozen=True)
class YearHints:
    """What places a yearless date when there is no page date: the URL's year (and month), an
    exercise's year, the whole text (weekday, years, Secretary General). Dates far outside `span`
    (the URL's first and last possible day) are history (`la résolution adoptée le 2 mars 2016`)."""
    url_year: int | None = None
    url_month: int | None = None
    text: str = ""
    span: tuple[datetime.date, datetime.date] | None = None

    def allows(self, date: datetime.date) -> bool:
        return self.span is None or self.span[0] - _MAX_DISTANCE <= date <= self.span[1] + _MAX_DISTANCE


def _year(month: int, day: int, weekday: int | None, hints: YearHints, exercise: int | None):
    if hints.url_year:
        if hints.url_month:  # `le 28 décembre` on a page of a January issue is last year's
            return _nearest_year(month, day, datetime.date(hints.url_year, hints.url_month, 15))
        return _make(hints.url_year, month, day)
    if exercise is not None:
        return _make(exercise, month, day)
    year = year_for(month, day, weekday, hints.text)
    return _make(year, month, day) if year else None


def _mentions(text: str, page_date: datetime.date | None, year: int | None = None,
              hints: YearHints = YearHints()):
    for m in _MENTION.finditer(text):
        month = _month(m.group("m"))
        day = _day(m.group("d0") or m.group("d"))
        before = text[max(0, m.start() - 40):m.start()]
        weekday = _WEEKDAY_BEFORE.search(before)
        weekday = _WEEKDAYS.index(weekday.group(1).lower()) if weekday else None
        span = _SPAN_YEAR.match(text, m.end())
        # `du 16 au 18 avril`, `du 28 avril au 4 mai 1999` open a span: that `du` is not a reference
        opens_span = (m.group("d0") or span) and re.search(r"\bdu\s*$", before, re.I) \
            and not re.search(r"(?:attaques|attentats)", before, re.I)
        reference = _NOT_THE_EVENT.search(before) and not opens_span
        if reference and not _MEETING_OF_THE_DAY.search(text, max(0, m.start() - 200), m.start()):
            continue
        if m.group("y"):
            date = _make(int(m.group("y")), month, day)
        elif span is not None:
            span_year = int(span.group("y"))
            date = _make(span_year - (month > _month(span.group("m"))), month, day)
        elif page_date is not None:
            date = _nearest_year(month, day, page_date)
        else:
            date = _year(month, day, weekday, hints, year) if month else None
        if date is not None and plausible(date):
            yield date
        elif not m.group("y") and page_date is None and month:
            yield month, day, weekday  # stated, but nothing places it: the caller looks for its year


def _placed_by_a_later_date(month: int, day: int, weekday: int | None, text: str) -> datetime.date | None:
    """A yearless date of the lead placed by a dated mention that follows it closely in time (`le 3
    juin … la réunion du 14 juin 2014` → 2014-06-03). A dated mention before it does not place it:
    it may be any year earlier (`le 5 juin … le processus lancé le 19 mai 2016` was in 2017)."""
    for m in _MENTION.finditer(text):
        if not m.group("y"):
            continue
        stated = _make(int(m.group("y")), _month(m.group("m")), _day(m.group("d0") or m.group("d")))
        if stated is not None:
            placed = _make(stated.year, month, day)
            if placed and datetime.timedelta(0) <= stated - placed <= _MAX_DISTANCE \
                    and (weekday is None or placed.weekday() == weekday):
                return placed
    return None


def text_date(title: str, text: str, page_date: datetime.date | None,
              hints: YearHints | None = None) -> datetime.date | None:
    """The date the title or text gives for what it reports, or None.

    The first stated date wins (`Ce mercredi (20 novembre 2019)`, `Le vendredi 16 et le samedi 17
    février 2018` → the 16th), skipping references to other events (`depuis le…`, `la déclaration
    du…`). With a page date, yearless dates take the nearest year and dates far from the page date
    are ignored. Without one, the lead's date wins over the body's: a yearless one is placed by
    `hints` (URL, weekday, the text's years, the Secretary General) or a dated mention soon after it,
    or stays unknown; a body date counts only when the lead states none and it is not history (long
    before the latest year the text mentions, or outside the URL's span). A weekday that disagrees
    with the date is ignored: the number is kept."""
    year = int(exercise.group("y")) if (exercise := _EXERCISE_YEAR.search(text)) else None
    if page_date is not None:  # only the lead may override the page date
        for part in (title, text[:_LEAD_CHARS]):
            for date in _mentions(part, page_date, year):
                if abs(date - page_date) <= _MAX_DISTANCE:
                    return date
        return None
    hints = replace(hints or YearHints(), text=(hints and hints.text) or title + "\n" + text)
    for part in (title, text[:_LEAD_CHARS]):
        for date in _mentions(part, None, year, hints):
            if not isinstance(date, datetime.date):  # nothing places it: a later date is no stand-in
                return _placed_by_a_later_date(*date, text)
            if hints.allows(date):  # the lead's first date of the page's time is the one
                return date
    latest = max(years_mentioned(hints.text), default=None)
    for date in (d for d in _mentions(text, None, year, hints) if isinstance(d, datetime.date)):
        if (latest is None or date.year >= latest - YEARS_BEFORE_LATEST) and hints.allows(date):
            return date
    return None
