"""French typography for the pages: dates, numbers, no-break spaces, guillemets and plurals.

Plain functions of text and numbers; the pages blueprint hands them to the templates as filters
(FILTERS) and globals (GLOBALS).
"""

from __future__ import annotations

import calendar
import datetime
import re

from searchsvc.facet_registry import MONTHS

NBSP, NNBSP = "\u00a0", "\u202f"

BEFORE_PUNCTUATION = re.compile(r"(?<=\S) ([:;!?»])")
AFTER_GUILLEMET = re.compile(r"« ")
AFTER_TITLE = re.compile(r"\b(M\.|MM\.|Mme|Mmes|Mgr) ")  # M. Rutte on one line


def date_fr(value) -> str:
    """18 février 2026 (1er for the first of the month)."""
    if not value:
        return "date inconnue"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day}{NBSP}{MONTHS[value.month - 1]} {value.year}"


def nombre(value: int) -> str:
    """12 345 with a narrow no-break space between thousands."""
    return f"{value:,}".replace(",", NNBSP)


def milliseconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}ms"


def insecable(text: str) -> str:
    """French typography: a no-break space before : ; ! ? » and after « (a line never starts with
    them), and after M. or Mme. Works on plain text and on our escaped HTML with <mark> (it touches
    spaces only)."""
    text = BEFORE_PUNCTUATION.sub(NBSP + r"\1", text)
    return AFTER_TITLE.sub(r"\1" + NBSP, AFTER_GUILLEMET.sub("«" + NBSP, text))


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{nombre(count)}{NBSP}{word if count < 2 else words or word + 's'}"  # 0 annonce, 1 annonce, 2 annonces


def quoted(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def date_label(start: str, end: str) -> str:
    """« année 2019 », « mars 2019 », « du 3 mars 2019 au 5 avril 2020 », « depuis le… », « jusqu’au… »,
    for ISO dates (either may be empty)."""
    if start and end:
        if start[4:] == "-01-01" and end[4:] == "-12-31" and start[:4] == end[:4]:
            return f"année {start[:4]}"
        year, month = int(start[:4]), int(start[5:7])
        if start[:7] == end[:7] and start[8:] == "01" and int(end[8:]) == calendar.monthrange(year, month)[1]:
            return f"{MONTHS[month - 1]} {start[:4]}"
        return f"du {date_fr(datetime.date.fromisoformat(start))} au {date_fr(datetime.date.fromisoformat(end))}"
    if start:
        return f"depuis le {date_fr(datetime.date.fromisoformat(start))}"
    return f"jusqu’au {date_fr(datetime.date.fromisoformat(end))}"


def citation(title: str, date: datetime.date | None, url: str) -> str:
    """« Titre », OTAN, 18 février 2026, https://… — ready to paste."""
    when = date_fr(date) if date else "sans date"
    return f"{quoted(title)}, OTAN, {when}, {url}"


FILTERS = {"date_fr": date_fr, "nombre": nombre, "ms": milliseconds, "insecable": insecable}
GLOBALS = {"plural": plural, "quoted": quoted}
