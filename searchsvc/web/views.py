"""What the pages' templates lay out: pure view builders returning dataclasses.

Datasette-style, the view builds each facet value, year bar, active filter and page link with the
URL that toggles or removes it; the templates only lay those out. A builder reads a search's result
and the page's state and runs no search itself: what it shows of other searches (how many
announcements widening the search would find, the announcements close to one) is passed in by the
route. Builders need an app context for url_for only.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlencode, urlsplit

from flask import g, url_for

from searchsvc.facet_registry import BY_NAME, FACETS, MONTHS, label as facet_label
from searchsvc.model import Announcement
from searchsvc.search import SearchRequest, SearchResult
from searchsvc.search.request import MAX_RESULT_WINDOW
from searchsvc.search.snippets import Highlighter
from searchsvc.web.french import citation, date_label, quoted
from searchsvc.web.quote_views import quoted_paragraphs
from searchsvc.web.state import (FACET_PARAMS, KEPT_BY_THE_FORM, SORT_OF, State, dated, english_parameters, first,
                                 month_range, page_numbers, paged, query_string, refined, replaced, toggled, values,
                                 year_range)

MONTH_TICKS = ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")
SORTS = (("pertinence", "Pertinence"), ("recent", "Plus récent"), ("ancien", "Plus ancien"))
EXPORTS = (("csv", "CSV", "text/csv"), ("jsonl", "JSON Lines", "application/x-ndjson"),
           ("atom", "Flux Atom", "application/atom+xml"))
FACET_VISIBLE = 8  # values shown before « afficher plus »
AUTOCOMPLETE_FROM = 8  # a facet with more values than this (or `more`) gets a filter box
FEW_RESULTS = 3  # at most this many: offer to widen the search
WIDEN_MAX = 6  # searches run to count what removing each filter would give
CROWDED = 16  # more bars than this: counts shown on hover only, every fifth year written


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None
    selected: bool = False
    kind: str = ""  # what a chip is: Personne, Pays…


@dataclass(frozen=True)
class FacetBlock:
    name: str
    param: str
    title: str
    links: list[Link]
    more: bool  # the index holds values beyond those listed
    filter_box: bool

    @property
    def shown(self) -> list[Link]:
        return self.links[:FACET_VISIBLE]

    @property
    def folded(self) -> list[Link]:  # behind « N de plus »
        return self.links[FACET_VISIBLE:]


@dataclass(frozen=True)
class Bar:
    key: str
    label: str  # « 2019 », « mars 2019 »
    tick: str  # under the bar: « 2019 » or « M »
    count: int
    height: int  # percent of the tallest, by steps of 5 (CSS classes h0…h100: no inline style)
    url: str | None
    selected: bool


@dataclass(frozen=True)
class Histogram:
    by_month: bool
    year: str | None
    bars: list[Bar]
    all_years_url: str | None

    @property
    def crowded(self) -> bool:
        return len(self.bars) > CROWDED


@dataclass(frozen=True)
class Pagination:
    links: list[Link | None]  # None: a gap (…)
    previous: str | None
    next: str | None
    last: int
    beyond: bool  # the page asked for is past the last


@dataclass(frozen=True)
class Export:
    label: str
    type: str
    url: str


@dataclass(frozen=True)
class HitView:
    url: str
    title_html: str
    date: datetime.date | None
    snippets: list[str]
    chips: list[Link]


@dataclass(frozen=True)
class SearchView:
    """Everything search.html lays out."""
    result: SearchResult
    q: str
    notices: list[str]
    form_state: list[tuple[str, str]]  # the state the side forms carry (all but the page)
    keep: list[tuple[str, str]]  # what a new query from the search box keeps
    hits: list[HitView]
    first_rank: int
    filters: list[Link]
    clear_url: str
    facets: list[FacetBlock]
    histogram: Histogram | None
    date_from: str
    date_to: str
    widen: list[Link]
    suggestion_url: str | None
    as_typed_url: str | None  # the results are a correction's: the query as typed, uncorrected
    pages: Pagination | None
    sorts: list[Link]
    exports: list[Export]
    capped: bool
    max_window: int


@dataclass(frozen=True)
class AnnouncementView:
    """Everything announcement.html lays out."""
    a: Announcement
    q: str
    title_html: str
    paragraphs: list[str]
    marked: bool  # the search's words are marked somewhere in the text
    citation: str
    similar: list[tuple[Announcement, float]]
    back: tuple[str, str]  # (URL, label)
    persons: list[Link]
    countries: list[Link]
    regions: list[Link]
    topics: list[Link]


def search_url(state: State) -> str:
    """The list page of `state`: the announcements, or the quotations when a page of them is built
    (web/quote_pages.py sets g.list_endpoint)."""
    qs = query_string(state)
    return url_for(g.get("list_endpoint", "pages.search")) + ("?" + qs if qs else "")


def search_view(result: SearchResult, state: State, notices: list[str],
                wider_totals: Mapping[State, int]) -> SearchView:
    """The results page; `wider_totals` holds what each of `wider_searches(state, result)` finds."""
    req = result.request
    return SearchView(
        result=result, q=req.q, notices=notices, form_state=[p for p in state if p[0] != "page"],
        keep=[(n, v) for n, v in state if n in KEPT_BY_THE_FORM],
        hits=[hit_view(hit, state, req.q) for hit in result.hits],
        first_rank=(req.page - 1) * req.per_page + 1,
        filters=active_filters(result, state),
        clear_url=search_url(replaced((), "q", [req.q])),
        facets=facet_blocks(result, state), histogram=histogram(result, state),
        date_from=first(state, "du"), date_to=first(state, "au"),
        widen=[Link(label, search_url(wider), wider_totals[wider]) for label, wider in wider_searches(state, result)
               if wider_totals.get(wider, 0) > result.total],
        suggestion_url=search_url(refined(state, q=result.suggestion)) if result.suggestion else None,
        as_typed_url=search_url(refined(state, tel_quel="1")) if result.corrected_to else None,
        pages=pagination(result, state), sorts=sort_links(req, state), exports=export_links(state),
        capped=result.total > MAX_RESULT_WINDOW, max_window=MAX_RESULT_WINDOW,
    )


def facet_blocks(result: SearchResult, state: State) -> list[FacetBlock]:
    blocks = []
    for facet, param in FACET_PARAMS.items():
        found = result.facets.get(facet)
        if found is None:
            continue
        listed = sorted(found.values, key=lambda v: not v.selected)  # the selection first
        links = [Link(v.label, search_url(toggled(state, param, v.value)), v.count, v.selected) for v in listed]
        blocks.append(FacetBlock(facet, param, BY_NAME[facet].title, links, found.more,
                                 found.more or len(links) > AUTOCOMPLETE_FROM))
    return blocks


def histogram(result: SearchResult, state: State) -> Histogram | None:
    """Bars by year (every year between the first and the last, empty ones too) or, when one
    calendar year is selected, by month of that year."""
    found = result.facets.get("year")
    if found is None or not found.values:
        return None
    counts = {v.value: v.count for v in found.values}
    by_month = "-" in found.values[0].value
    chosen = (first(state, "du"), first(state, "au"))
    if by_month:
        year = found.values[0].value[:4]
        keys = [f"{year}-{m:02d}" for m in range(1, 13)]
        labels = [f"{MONTHS[m - 1]} {year}" for m in range(1, 13)]
        ticks = list(MONTH_TICKS)
        ranges = [month_range(k) for k in keys]
    else:
        year = None
        years = [int(k) for k in counts]
        keys = [str(y) for y in range(min(years), max(years) + 1)]
        labels = keys
        ticks = year_ticks(keys)
        ranges = [year_range(k) for k in keys]
    tallest = max(counts.values()) or 1
    bars = []
    for key, label, tick, (start, end) in zip(keys, labels, ticks, ranges):
        count = counts.get(key, 0)
        height = 0 if not count else max(5, round(count / tallest * 20) * 5)
        if by_month:
            within = (start, end) == chosen
        else:  # a year inside the selected dates (a month of it, or a longer range)
            within = bool(chosen[0] or chosen[1]) and (chosen[0] or "0000") <= end and start <= (chosen[1] or "9999")
        bars.append(Bar(key, label, tick, count, height, search_url(dated(state, start, end)) if count else None,
                        within))
    all_years = search_url(refined(state, du=None, au=None)) if by_month else None
    return Histogram(by_month, year, bars, all_years)


def year_ticks(years: list[str]) -> list[str]:
    """What is written under each year's bar: the year when there is room, else ’19, else every fifth."""
    if len(years) <= 6:
        return years
    if len(years) <= CROWDED:
        return ["’" + y[2:] for y in years]
    return [y if int(y) % 5 == 0 else "" for y in years]


def active_filters(result: SearchResult, state: State) -> list[Link]:
    """The selection as removable chips: each links to the same search without it."""
    chips = []
    for facet, param in FACET_PARAMS.items():
        labels = {v.value: v.label for v in result.facets[facet].values} if facet in result.facets else {}
        for value in values(state, param):
            chips.append(Link(labels.get(value) or facet_label(facet, value), search_url(toggled(state, param, value)),
                              kind=BY_NAME[facet].kind))
    start, end = first(state, "du"), first(state, "au")
    if start or end:
        chips.append(Link(date_label(start, end), search_url(refined(state, du=None, au=None)), kind="Dates"))
    return chips


def wider_searches(state: State, result: SearchResult) -> list[tuple[str, State]]:
    """For a narrowed search with few results, the searches that each drop one filter, to be
    counted (at most WIDEN_MAX): (what is dropped, in French; the wider state)."""
    req = result.request
    narrowed = bool(req.q.strip() or any(req.filters.values()) or req.date_from or req.date_to)
    if not narrowed or result.total > FEW_RESULTS:
        return []
    options = []
    for facet, param in FACET_PARAMS.items():
        for value in values(state, param):
            label = f"{BY_NAME[facet].kind.lower()} {quoted(facet_label(facet, value))}"
            options.append((label, toggled(state, param, value)))
    if first(state, "du") or first(state, "au"):
        options.append(("dates " + quoted(date_label(first(state, "du"), first(state, "au"))),
                        refined(state, du=None, au=None)))
    return options[:WIDEN_MAX]


def pagination(result: SearchResult, state: State) -> Pagination | None:
    req = result.request
    reachable = min(result.total, MAX_RESULT_WINDOW)
    last = max(1, math.ceil(reachable / req.per_page))
    if last == 1 and req.page == 1:
        return None
    links = [Link(str(n), search_url(paged(state, n)), selected=n == req.page) if n else None
             for n in page_numbers(min(req.page, last), last)]
    return Pagination(links, search_url(paged(state, min(req.page - 1, last))) if req.page > 1 else None,
                      search_url(paged(state, req.page + 1)) if req.page < last else None, last, req.page > last)


def sort_links(req: SearchRequest, state: State) -> list[Link]:
    current = SORT_OF[req.effective_sort.value]
    return [Link(label, search_url(refined(state, tri=key)), selected=key == current) for key, label in SORTS]


def export_links(state: State) -> list[Export]:
    qs = urlencode(english_parameters(state))
    base = url_for("api.search")
    return [Export(label, mime, f"{base}.{ext}" + ("?" + qs if qs else "")) for ext, label, mime in EXPORTS]


def hit_view(hit, state: State, q: str) -> HitView:
    """A result with its chips: each value of the facets shown as chips (persons, countries, topics)
    links to the search filtered on it."""
    a = hit.announcement
    chips = [Link(kind.label(v), search_url(toggled(state, kind.french, v)), selected=v in values(state, kind.french),
                  kind=kind.chip_class)
             for kind in FACETS if kind.chip_class for v in getattr(a, kind.attribute)]
    return HitView(url_for("pages.announcement", id=a.id, q=q.strip() or None), hit.title_html, a.date,
                   hit.snippets, chips)


def announcement_view(a: Announcement, q: str, marker: Highlighter, similar: list[tuple[Announcement, float]],
                      page_url: str, back: tuple[str, str]) -> AnnouncementView:
    """One announcement, the search's words marked by `marker`, with the announcements `similar` to it."""
    lines = [p for p in a.text.split("\n") if p.strip()]
    if lines and lines[0].strip() == a.title.strip():
        lines = lines[1:]  # the title line the source text begins with is the page's heading already
    paragraphs = quoted_paragraphs(a, lines, marker)  # each quotation wrapped in its anchor

    def filtered_on(param: str, value: str, label: str) -> Link:
        return Link(label, search_url(((param, value),)))

    return AnnouncementView(
        a=a, q=q, title_html=marker.mark(a.title), paragraphs=paragraphs,
        marked=bool(marker) and any("<mark>" in p for p in paragraphs),
        citation=citation(a.title, a.date, a.url or page_url), similar=similar, back=back,
        **{kind.attribute: [filtered_on(kind.french, v, kind.label(v)) for v in getattr(a, kind.attribute)]
           for kind in FACETS},
    )


def back_to_results(referrer: str | None, q: str, host: str, home: str) -> tuple[str, str]:
    """The link back: to the results page the reader came from (on `host`, at the search page or
    `home`), with all its filters; else to a search for `q`. (URL, label)"""
    if referrer:
        came_from = urlsplit(referrer)
        if came_from.netloc == host and came_from.path in (url_for("pages.search"), home):
            return url_for("pages.search") + ("?" + came_from.query if came_from.query else ""), "Retour aux résultats"
    if q.strip():
        return search_url((("q", q),)), f"Résultats pour {quoted(q)}"
    return search_url(()), "Toutes les annonces"
