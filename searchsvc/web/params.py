"""Query-string parameters → SearchRequest, for the API (English names) and the page (French).

The limits of every parameter live here or in search.request, so the OpenAPI document states the
same numbers the code enforces.
"""

from __future__ import annotations

import calendar
import datetime
import re
from urllib.parse import unquote_to_bytes

from werkzeug.datastructures import MultiDict

from searchsvc.facet_registry import FACETS, NAMES
from searchsvc.search import RequestError, SearchRequest
from searchsvc.search.request import DEFAULT_PER_PAGE, MAX_FILTER_VALUES

# The page's French parameter names; the API's English names are accepted everywhere.
FRENCH_NAMES = {**{kind.french: kind.name for kind in FACETS if kind.french != kind.name},
                "du": "from", "au": "to", "tri": "sort", "par_page": "per_page"}
FRENCH_SORTS = {"pertinence": "relevance", "recent": "date", "ancien": "date_asc"}
MAX_PARAMETER_CHARS = 1000
SINGLE_VALUED = ("q", "from", "to", "sort", "page", "per_page")
MAX_PREFIX_CHARS = 100  # /api/facets/<facet>?prefix=
DEFAULT_FACET_VALUES = 10
MAX_FACET_VALUES = 100
# YYYY, YYYY-MM or YYYY-MM-DD, years 1000–9999; the OpenAPI document also says that the day must
# exist (format: date), which a pattern alone cannot.
YEAR, MONTH, DAY = "([1-9][0-9]{3})", "(0[1-9]|1[0-2])", "(0[1-9]|[12][0-9]|3[01])"
DATE_PATTERN = f"^{YEAR}(?:-{MONTH}(?:-{DAY})?)?$"
YEAR_OR_MONTH_PATTERN = f"^{YEAR}(?:-{MONTH})?$"
NO_NUL_PATTERN = "^[^\\u0000]*$"  # what check_encoding refuses, said in the document
DATE = re.compile(DATE_PATTERN)


def canonical(args) -> MultiDict:
    """The same parameters under their English names."""
    merged = MultiDict()
    for name, value in MultiDict(args).items(multi=True):
        merged.add(FRENCH_NAMES.get(name, name), value)
    return merged


def search_request(args: MultiDict, strict: bool = True, **overrides) -> SearchRequest:
    """The request the parameters describe; `strict` (the API) also refuses a single-valued
    parameter given twice, where the page quietly takes the first. `overrides` fix fields."""
    args = canonical(args)
    for name, value in args.items(multi=True):
        if len(value) > MAX_PARAMETER_CHARS and name != "q":
            raise RequestError(name, f"{name} is longer than {MAX_PARAMETER_CHARS} characters")
    if strict:
        for name in SINGLE_VALUED:
            if len(args.getlist(name)) > 1:
                raise RequestError(name, f"{name} is given {len(args.getlist(name))} times; give it once")
            if name != "q" and name in args and not args[name].strip():
                raise RequestError(name, f"{name} is empty: give a value or leave the parameter out")
        for name in NAMES:
            if len(args.getlist(name)) > MAX_FILTER_VALUES:
                raise RequestError(name, f"at most {MAX_FILTER_VALUES} values of {name} in one request")
    filters = {name: tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip())) for name in NAMES}
    sort = args.get("sort") or None
    fields = dict(
        q=args.get("q", ""),
        **filters,
        date_from=parse_date(args, "from"),
        date_to=parse_date(args, "to", end=True),
        sort=FRENCH_SORTS.get(sort, sort),
        page=parse_int(args, "page", 1, strict),
        per_page=parse_int(args, "per_page", DEFAULT_PER_PAGE, strict),
        strict=strict,
    )
    fields.update(overrides)
    if strict:  # the API reads an inverted range as the same range (the page swaps it with a notice)
        start, end = parse_date(args, "to"), parse_date(args, "from", end=True)
        if fields["date_from"] and fields["date_to"] and fields["date_from"] > fields["date_to"]:
            fields["date_from"], fields["date_to"] = start, end
    return SearchRequest(**fields)


def parse_int(args: MultiDict, name: str, default: int, strict: bool = True) -> int:
    """The whole number `name` gives, else `default`; given empty, a 400 when `strict` (the API)."""
    value = args.get(name, "").strip()
    if not value:
        if strict and name in args:
            raise RequestError(name, f"{name} is empty: give a value or leave the parameter out")
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise RequestError(name, f"{name} must be a whole number (at most 9 digits)")
    return int(value)


def parse_date(args: MultiDict, name: str, end: bool = False) -> datetime.date | None:
    """An ISO date; a bare year (2025) or month (2025-03) means its first day, or its last for `to`."""
    value = args.get(name, "").strip()
    if not value:
        return None
    found = DATE.fullmatch(value)
    if found:
        year, month, day = (int(part) if part else None for part in found.groups())
        try:
            if month is None:
                return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
            if day is None:  # monthrange, not "next month's first day - 1": December 9999 has no next
                return datetime.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise RequestError(name, f"{name} must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def check_encoding(query_string: bytes) -> None:
    """Refuses what Werkzeug would quietly repair: bytes that are not UTF-8 (it keeps them as
    %XX text) and NUL characters, which no parameter of ours can mean."""
    for pair in query_string.split(b"&"):
        name, _, value = pair.replace(b"+", b" ").partition(b"=")
        try:
            name_text = unquote_to_bytes(name).decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(unquote_to_bytes(name).decode("utf-8", "replace"),
                               "a parameter name is not valid UTF-8") from None
        try:
            text = unquote_to_bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(name_text, f"{name_text} is not valid UTF-8 (percent-encode UTF-8 bytes)") from None
        if "\x00" in name_text or "\x00" in text:
            raise RequestError(name_text, f"{name_text} contains a NUL character")
