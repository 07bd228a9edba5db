"""A search request as plain data, its limits, and the errors a client can cause."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field

from searchsvc.analysis import normalise_text
from searchsvc.facet_registry import NAMES

MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
MAX_RESULT_WINDOW = 10_000  # page × per_page beyond this is refused: deep pages cost every hit before them
MAX_FILTER_VALUES = 50  # values per facet in one request
FACETS = NAMES  # person, country, region, topic: SearchRequest has a field of each


class Sort(str, enum.Enum):
    RELEVANCE = "relevance"
    DATE = "date"  # newest first
    DATE_ASC = "date_asc"


class RequestError(ValueError):
    """A request the client must correct; `parameter` names the offending parameter."""

    def __init__(self, parameter: str, detail: str):
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    person: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: Sort | None = None  # None: relevance with a query, date without
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    strict: bool = True  # API: a syntax error is an error; web box: read it as plain words
    facets: bool = True
    autocorrect: bool = False  # nothing found and a confident correction: search for it instead (API, box)
    filters: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "q", normalise_text(self.q))
        object.__setattr__(self, "filters", {name: tuple(map(normalise_text, getattr(self, name))) for name in FACETS})
        for name in FACETS:
            object.__setattr__(self, name, self.filters[name])
        if len(self.q) > MAX_QUERY_CHARS:
            raise RequestError("q", f"the query is {len(self.q)} characters long; at most {MAX_QUERY_CHARS} are allowed")
        if "\x00" in self.q:
            raise RequestError("q", "the query contains a NUL character")
        for name, values in self.filters.items():
            if len(values) > MAX_FILTER_VALUES:
                raise RequestError(name, f"at most {MAX_FILTER_VALUES} values of {name} in one request")
        if not isinstance(self.page, int) or self.page < 1:
            raise RequestError("page", "page starts at 1")
        if not isinstance(self.per_page, int) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise RequestError("per_page", f"per_page must be between 1 and {MAX_PER_PAGE}")
        if self.page * self.per_page > MAX_RESULT_WINDOW:
            raise RequestError("page", f"results are served up to the {MAX_RESULT_WINDOW:,}th; "
                                       "narrow the search with filters or dates")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise RequestError("from", "`from` is after `to`")
        if self.sort is not None and not isinstance(self.sort, Sort):
            try:
                object.__setattr__(self, "sort", Sort(self.sort))
            except ValueError:
                raise RequestError("sort", "sort must be one of: " + ", ".join(s.value for s in Sort)) from None

    @property
    def effective_sort(self) -> Sort:
        if self.sort is not None:
            return self.sort
        return Sort.RELEVANCE if self.q.strip() else Sort.DATE
