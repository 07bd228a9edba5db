"""Export files named after their search: `otan-cyberdefense-2020-2024.xlsx`, not `annonces-otan.csv`.

A journalist who exports three searches gets three files that say what they hold. The name is
built from the query's words, the filter values (labels, not codes) and the dates written as short
as they are exact; the Content-Disposition header carries it twice (RFC 6266): an ASCII `filename`
every client reads, and `filename*` (RFC 5987) with the accents for those that read UTF-8.
"""

from __future__ import annotations

import calendar
import datetime
import re
from urllib.parse import quote

from unidecode import unidecode

from searchsvc.facet_registry import FACETS
from searchsvc.search import SearchRequest

PREFIX = "otan"
ALL = "annonces"  # the name's body when the search is everything: otan-annonces.csv
MAX_NAME_CHARS = 80  # before the extension: long enough for a query and two filters, short in a folder
NOT_A_NAME_CHAR = re.compile(r"[^\w]+")


def export_name(request: SearchRequest, prefix: str = PREFIX) -> str:
    """The file's name without extension, lowercase, words joined by hyphens; accents kept.
    `prefix` says what the file holds: otan (announcements), citations-otan (quotations)."""
    parts = [request.q]
    for kind in FACETS:  # labels, not codes: « ukraine », not « ua »
        parts += [kind.label(value) for value in request.filters[kind.name]]
    parts.append(dates_part(request.date_from, request.date_to))
    words = "-".join(w for w in (slug(p) for p in parts) if w)
    if not words:  # every announcement: otan-annonces, citations-otan
        return f"{prefix}-{ALL}" if prefix == PREFIX else prefix
    head = prefix.split("-")
    if words.split("-")[0] == head[-1]:
        head = head[:-1]  # `otan sommet`: not otan-otan-sommet
    return "-".join([*head, words])[:MAX_NAME_CHARS].rstrip("-")


def slug(text: str) -> str:
    return NOT_A_NAME_CHAR.sub("-", text.replace("’", "").replace("'", "").lower()).strip("-_").replace("_", "-")


def dates_part(start: datetime.date | None, end: datetime.date | None) -> str:
    """`2020-2024`, `2023-04`, `depuis-2020`, `jusqu-au-2024-06-30`: each bound as short as exact."""
    first = bound(start, end=False) if start else ""
    last = bound(end, end=True) if end else ""
    if first and last:
        return first if first == last else f"{first}-{last}"
    if first:
        return f"depuis-{first}"
    return f"jusqu-a-{last}" if last else ""


def bound(day: datetime.date, end: bool) -> str:
    last_day = calendar.monthrange(day.year, day.month)[1]
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return str(day.year)
    if day.day == (last_day if end else 1):
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def content_disposition(name: str, extension: str) -> str:
    """`attachment` with an ASCII name (accents folded) and the UTF-8 one (RFC 5987 `filename*`)."""
    ascii_name = slug(unidecode(name)) or ALL
    return (f'attachment; filename="{ascii_name}.{extension}"; '
            f"filename*=UTF-8''{quote(f'{name}.{extension}', safe='')}")
