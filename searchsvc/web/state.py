"""The state of a search page, as its URL holds it: pure functions.

The whole state of a search lives in its URL (`/recherche?q=…&personne=…&pays=…&region=…&theme=…
&du=…&au=…&tri=…&page=…`), so every refinement is a plain link and the page works without
JavaScript. The state is a tuple of (French name, value) pairs in a fixed order; small pure functions
turn one state into another (toggle a facet value, choose a year, remove a filter, change page)
and say which pages a results page links to.
Reading a state into a SearchRequest corrects what is wrong in it, with a French notice, so a bad
parameter never becomes an error page.
"""

from __future__ import annotations

from typing import Callable, Iterable
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from searchsvc.facet_registry import FACETS
from searchsvc.search import RequestError, SearchRequest
from searchsvc.search.request import (DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_QUERY_CHARS,
                                      MAX_RESULT_WINDOW)
from searchsvc.web.french import nombre
from searchsvc.web.params import FRENCH_NAMES, FRENCH_SORTS, MAX_PARAMETER_CHARS, parse_date, search_request

TO_FRENCH = {english: french for french, english in FRENCH_NAMES.items()}  # person → personne, from → du…
FACET_PARAMS = {kind.name: kind.french for kind in FACETS}  # person → personne, region → region
PARAM_ORDER = ("q", "tel_quel", *FACET_PARAMS.values(), "du", "au", "tri", "par_page", "page")
MULTI_PARAMS = frozenset(FACET_PARAMS.values())
KEPT_BY_THE_FORM = (*FACET_PARAMS.values(), "du", "au", "tri", "par_page")  # a new query keeps them
SORT_OF = {"relevance": "pertinence", "date": "recent", "date_asc": "ancien"}
PAGE_WINDOW = 2  # page links on each side of the current one

State = tuple[tuple[str, str], ...]


def page_state(args) -> State:
    """The page's parameters under their French names (English ones are translated), in a fixed
    order, without blanks, duplicates or unknown names; a single-valued parameter keeps its first."""
    pairs: list[tuple[str, str]] = []
    for name, value in args.items(multi=True):
        name = TO_FRENCH.get(name, name)
        value = value if name == "q" else value.strip()
        if name not in PARAM_ORDER or not value.strip():
            continue
        if name == "tri":
            value = SORT_OF.get(value, value)
        if name not in MULTI_PARAMS and any(n == name for n, _ in pairs):
            continue
        if (name, value) not in pairs:
            pairs.append((name, value))
    return ordered(pairs)


def ordered(pairs: Iterable[tuple[str, str]]) -> State:
    return tuple(sorted(pairs, key=lambda pair: PARAM_ORDER.index(pair[0])))


def values(state: State, name: str) -> list[str]:
    return [v for n, v in state if n == name]


def first(state: State, name: str) -> str:
    found = values(state, name)
    return found[0] if found else ""


def replaced(state: State, name: str, new_values: Iterable[str]) -> State:
    """`state` with `name` holding `new_values` (none: the parameter is removed)."""
    return ordered([p for p in state if p[0] != name] + [(name, v) for v in new_values if v])


def refined(state: State, **changes: str | None) -> State:
    """A new selection: single-valued parameters changed (None removes), back to page 1."""
    for name, value in changes.items():
        state = replaced(state, name, [value] if value else [])
    return replaced(state, "page", [])


def toggled(state: State, name: str, value: str) -> State:
    """The facet value added to the selection (OR within the facet), or removed when selected."""
    current = values(state, name)
    chosen = [v for v in current if v != value] if value in current else current + [value]
    return replaced(replaced(state, name, chosen), "page", [])


def paged(state: State, page: int) -> State:
    return replaced(state, "page", [str(page)] if page > 1 else [])


def year_range(year: str) -> tuple[str, str]:
    return f"{year}-01-01", f"{year}-12-31"


def month_range(month: str) -> tuple[str, str]:
    """A month's first and last days, as the date parameters read "YYYY-MM"."""
    return (parse_date({"du": month}, "du").isoformat(), parse_date({"au": month}, "au", end=True).isoformat())


def dated(state: State, start: str, end: str) -> State:
    """The date range [start, end]; choosing the range already selected removes it."""
    if (first(state, "du"), first(state, "au")) == (start, end):
        return refined(state, du=None, au=None)
    return refined(state, du=start, au=end)


def query_string(state: State) -> str:
    return urlencode(state)


def english_parameters(state: State) -> list[tuple[str, str]]:
    """The selection under the API's names (q, person, country, region, topic, from, to, sort), for
    the exports: the whole selection, not the page."""
    return [(FRENCH_NAMES.get(name, name), FRENCH_SORTS.get(value, value) if name == "tri" else value)
            for name, value in state if name not in ("page", "par_page") and (name != "q" or value.strip())]


def page_numbers(current: int, last: int, around: int = PAGE_WINDOW) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 40: the first, the last and those around the current; None is a gap."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] == 2:
            numbers.append(n - 1)
        elif numbers and n - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


def resolved(state: State, resolve: Callable[[str, str], list[str]]) -> State:
    """Filter values as the index writes them (`stoltenberg` → `Jens Stoltenberg`, `France` → `FR`),
    so each facet value's link finds its own selection; values matching nothing are kept as written.
    `resolve(facet, written)` gives the index's values for what was written."""
    for facet, name in FACET_PARAMS.items():
        written = values(state, name)
        if written:
            found = [v for w in written for v in (resolve(facet, w) or [w])]
            state = replaced(state, name, dict.fromkeys(found))
    return state


# ---------------------------------------------------------------------------------------------
# Reading the state: a bad parameter is corrected or dropped with a French notice, never an error page


def search_request_of(state: State) -> SearchRequest:
    """The request a (corrected) state describes; RequestError if it still holds a bad parameter."""
    return search_request(MultiDict(list(state)), strict=False)


def request_from(state: State) -> tuple[SearchRequest, State, list[str]]:
    """The request, the state corrected until it makes one, and what was corrected (French)."""
    notices: list[str] = []
    for _ in range(len(PARAM_ORDER) + MAX_FILTER_VALUES):
        try:
            req = search_request_of(state)
        except RequestError as problem:
            state, notice = corrected(state, problem)
            notices.append(notice)
            continue
        if req.date_from:  # a bare year or month (du=2019) is written out, so the histogram knows it
            state = replaced(state, "du", [req.date_from.isoformat()])
        if req.date_to:
            state = replaced(state, "au", [req.date_to.isoformat()])
        return req, state, notices
    return search_request({}, strict=False), (), notices + ["La recherche a été réinitialisée."]


def corrected(state: State, problem: RequestError) -> tuple[State, str]:
    """`state` without what `problem` complains of, and a French sentence saying what was done."""
    name = TO_FRENCH.get(problem.parameter, problem.parameter)
    if name == "q":
        q = first(state, "q").replace("\x00", "")[:MAX_QUERY_CHARS]
        return replaced(state, "q", [q]), (f"La recherche ne peut dépasser {MAX_QUERY_CHARS} caractères : "
                                           "seul son début a été pris en compte.")
    if name in MULTI_PARAMS:
        kept = [v for v in values(state, name) if len(v) <= MAX_PARAMETER_CHARS][:MAX_FILTER_VALUES]
        return replaced(state, name, kept), (f"Trop de filtres ou des filtres trop longs : seuls les {len(kept)} "
                                             "premiers sont appliqués.")
    if name == "page":
        page, per_page = first(state, "page"), first(state, "par_page")
        size = int(per_page) if per_page.isdigit() and 0 < int(per_page) <= MAX_PER_PAGE else DEFAULT_PER_PAGE
        if page.isascii() and page.isdigit() and int(page) > 1:
            return paged(state, MAX_RESULT_WINDOW // size), (
                f"Seules les {nombre(MAX_RESULT_WINDOW)} premières annonces sont consultables : voici la dernière "
                "page disponible. Affinez la recherche pour aller plus loin.")
        return paged(state, 1), "Ce numéro de page n’existe pas : voici la première page."
    if name in ("du", "au"):
        start, end = first(state, "du"), first(state, "au")
        if start and end and _is_date(start, "from") and _is_date(end, "to"):
            swapped = replaced(replaced(state, "du", [end]), "au", [start])
            return swapped, "Les dates étaient inversées : elles ont été échangées."
        which = "de début" if name == "du" else "de fin"
        return replaced(state, name, []), (f"La date {which} n’a pas été comprise (format attendu : AAAA-MM-JJ) ; "
                                           "elle est ignorée.")
    if name == "tri":
        return replaced(state, "tri", []), "Ce tri n’existe pas : les résultats sont triés par défaut."
    if name == "par_page":
        return replaced(state, "par_page", []), (f"Le nombre de résultats par page va de 1 à {MAX_PER_PAGE} : "
                                                 f"{DEFAULT_PER_PAGE} sont affichés.")
    return replaced(state, name, []), f"Le paramètre « {name} » n’a pas été compris ; il est ignoré."


def _is_date(value: str, name: str) -> bool:
    try:
        return parse_date({name: value}, name) is not None
    except RequestError:
        return False
