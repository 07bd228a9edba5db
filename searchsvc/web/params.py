"""Query-string parameters → SearchRequest, for the API (English names) and the page (French)."""

from __future__ import annotations

import datetime

from werkzeug.datastructures import MultiDict

from searchsvc.search import FACETS, RequestError, SearchRequest
from searchsvc.search.request import DEFAULT_PER_PAGE

# The page's French parameter names; the API's English names are accepted everywhere.
FRENCH_NAMES = {"personne": "person", "pays": "country", "theme": "topic", "du": "from", "au": "to",
                "tri": "sort", "par_page": "per_page"}
FRENCH_SORTS = {"pertinence": "relevance", "recent": "date", "ancien": "date_asc"}
MAX_PARAMETER_CHARS = 1000


def canonical(args: MultiDict) -> MultiDict:
    """The same parameters under their English names."""
    merged = MultiDict()
    for name, value in args.items(multi=True):
        merged.add(FRENCH_NAMES.get(name, name), value)
    return merged


def search_request(args: MultiDict, strict: bool = True) -> SearchRequest:
    args = canonical(args)
    for name, value in args.items(multi=True):
        if len(value) > MAX_PARAMETER_CHARS and name != "q":
            raise RequestError(name, f"{name} is longer than {MAX_PARAMETER_CHARS} characters")
    filters = {name: tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip())) for name in FACETS}
    sort = args.get("sort") or None
    return SearchRequest(
        q=args.get("q", ""),
        **filters,
        date_from=parse_date(args, "from"),
        date_to=parse_date(args, "to", end=True),
        sort=FRENCH_SORTS.get(sort, sort),
        page=parse_int(args, "page", 1),
        per_page=parse_int(args, "per_page", DEFAULT_PER_PAGE),
        strict=strict,
    )


def parse_int(args: MultiDict, name: str, default: int) -> int:
    value = args.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise RequestError(name, f"{name} must be a whole number")
    return int(value)


def parse_date(args: MultiDict, name: str, end: bool = False) -> datetime.date | None:
    """An ISO date; a bare year (2025) or month (2025-03) means its first day, or its last for `to`."""
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        if len(value) == 4 and value.isdigit():
            year = int(value)
            return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
        if len(value) == 7 and value[4] == "-":
            first = datetime.date(int(value[:4]), int(value[5:]), 1)
            if not end:
                return first
            following = first.replace(day=28) + datetime.timedelta(days=4)
            return following - datetime.timedelta(days=following.day)
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise RequestError(name, f"{name} must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
