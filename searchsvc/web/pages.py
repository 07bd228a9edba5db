"""The journalists' pages, in French.

The whole state of a search lives in its URL (`/recherche?q=…&personne=…&pays=…&region=…&theme=…
&du=…&au=…&tri=…&page=…`), so every refinement is a plain link and the page works without
JavaScript. The state is a tuple of (French name, value) pairs in a fixed order; small pure functions
turn one state into another (toggle a facet value, choose a year, remove a filter, change page) and
the view builds, Datasette-style, each facet value, year bar and active filter with the URL that
toggles or removes it. The templates only lay those out.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, abort, current_app, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from searchsvc import taxonomy
from searchsvc.ingest import Announcement
from searchsvc.search import FACETS, RequestError, SearchRequest, SearchResult, SearchService
from searchsvc.search.facets import MONTHS, label as facet_label
from searchsvc.search.request import (DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_QUERY_CHARS,
                                      MAX_RESULT_WINDOW)
from searchsvc.search.snippets import Highlighter
from searchsvc.web.params import FRENCH_NAMES, FRENCH_SORTS, MAX_PARAMETER_CHARS, parse_date, search_request

blueprint = Blueprint("pages", __name__)

MONTH_TICKS = ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")
NBSP, NNBSP = "\u00a0", "\u202f"

TO_FRENCH = {english: french for french, english in FRENCH_NAMES.items()}  # person → personne, from → du…
FACET_PARAMS = {facet: TO_FRENCH.get(facet, facet) for facet in FACETS}  # person → personne, region → region
FACET_TITLES = {"person": "Personnes", "country": "Pays", "region": "Régions", "topic": "Thèmes"}
FACET_KINDS = {"person": "Personne", "country": "Pays", "region": "Région", "topic": "Thème"}
PARAM_ORDER = ("q", "tel_quel", "personne", "pays", "region", "theme", "du", "au", "tri", "par_page", "page")
MULTI_PARAMS = frozenset(FACET_PARAMS.values())
KEPT_BY_THE_FORM = ("personne", "pays", "region", "theme", "du", "au", "tri", "par_page")  # a new query keeps them
SORTS = (("pertinence", "Pertinence"), ("recent", "Plus récent"), ("ancien", "Plus ancien"))
SORT_OF = {"relevance": "pertinence", "date": "recent", "date_asc": "ancien"}
EXPORTS = (("csv", "CSV", "text/csv"), ("jsonl", "JSON Lines", "application/x-ndjson"),
           ("atom", "Flux Atom", "application/atom+xml"))
FACET_VISIBLE = 8  # values shown before « afficher plus »
AUTOCOMPLETE_FROM = 8  # a facet with more values than this (or `more`) gets a filter box
FEW_RESULTS = 3  # at most this many: offer to widen the search
WIDEN_MAX = 6  # searches run to count what removing each filter would give
CROWDED = 16  # more bars than this: counts shown on hover only, every fifth year written
PAGE_WINDOW = 2  # page links on each side of the current one

State = tuple[tuple[str, str], ...]


def service() -> SearchService:
    return current_app.extensions["search"]


# ---------------------------------------------------------------------------------------------
# French formatting


@blueprint.app_template_filter("date_fr")
def date_fr(value) -> str:
    """18 février 2026 (1er for the first of the month)."""
    if not value:
        return "date inconnue"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day}{NBSP}{MONTHS[value.month - 1]} {value.year}"


@blueprint.app_template_filter("nombre")
def nombre(value: int) -> str:
    """12 345 with a narrow no-break space between thousands."""
    return f"{value:,}".replace(",", NNBSP)


@blueprint.app_template_filter("ms")
def milliseconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}ms"


BEFORE_PUNCTUATION = re.compile(r"(?<=\S) ([:;!?»])")
AFTER_GUILLEMET = re.compile(r"« ")
AFTER_TITLE = re.compile(r"\b(M\.|MM\.|Mme|Mmes|Mgr) ")  # M. Rutte on one line


@blueprint.app_template_filter("insecable")
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


# ---------------------------------------------------------------------------------------------
# The state in the URL: pure functions


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


# ---------------------------------------------------------------------------------------------
# Reading the state: a bad parameter is corrected or dropped with a French notice, never an error page


def request_from(state: State) -> tuple[SearchRequest, State, list[str]]:
    notices: list[str] = []
    for _ in range(len(PARAM_ORDER) + MAX_FILTER_VALUES):
        try:
            req = search_request(_multidict(state), strict=False)
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


def _multidict(state: State) -> MultiDict:
    return MultiDict(list(state))


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


def resolved(state: State) -> State:
    """Filter values as the index writes them (`stoltenberg` → `Jens Stoltenberg`, `France` → `FR`),
    so each facet value's link finds its own selection; values matching nothing are kept as written."""
    for facet, name in FACET_PARAMS.items():
        written = values(state, name)
        if written:
            found = [v for w in written for v in (service().resolve(facet, w) or [w])]
            state = replaced(state, name, dict.fromkeys(found))
    return state


# ---------------------------------------------------------------------------------------------
# What the templates lay out


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


def search_url(state: State) -> str:
    qs = query_string(state)
    return url_for("pages.search") + ("?" + qs if qs else "")


def facet_blocks(result: SearchResult, state: State) -> list[FacetBlock]:
    blocks = []
    for facet, param in FACET_PARAMS.items():
        found = result.facets.get(facet)
        if found is None:
            continue
        listed = sorted(found.values, key=lambda v: not v.selected)  # the selection first
        links = [Link(v.label, search_url(toggled(state, param, v.value)), v.count, v.selected) for v in listed]
        blocks.append(FacetBlock(facet, param, FACET_TITLES[facet], links, found.more,
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


def date_label(start: str, end: str) -> str:
    """« 2019 », « mars 2019 », « du 3 mars 2019 au 5 avril 2020 », « depuis le… », « jusqu’au… »."""
    if start and end:
        if start[4:] == "-01-01" and end[4:] == "-12-31" and start[:4] == end[:4]:
            return f"année {start[:4]}"
        if start[:7] == end[:7] and start[8:] == "01" and month_range(start[:7])[1] == end:
            return f"{MONTHS[int(start[5:7]) - 1]} {start[:4]}"
        return f"du {date_fr(datetime.date.fromisoformat(start))} au {date_fr(datetime.date.fromisoformat(end))}"
    if start:
        return f"depuis le {date_fr(datetime.date.fromisoformat(start))}"
    return f"jusqu’au {date_fr(datetime.date.fromisoformat(end))}"


def active_filters(result: SearchResult, state: State) -> list[Link]:
    """The selection as removable chips: each links to the same search without it."""
    chips = []
    for facet, param in FACET_PARAMS.items():
        labels = {v.value: v.label for v in result.facets[facet].values} if facet in result.facets else {}
        for value in values(state, param):
            chips.append(Link(labels.get(value) or facet_label(facet, value), search_url(toggled(state, param, value)),
                              kind=FACET_KINDS[facet]))
    start, end = first(state, "du"), first(state, "au")
    if start or end:
        chips.append(Link(date_label(start, end), search_url(refined(state, du=None, au=None)), kind="Dates"))
    return chips


def widening(state: State, req: SearchRequest, total: int) -> list[Link]:
    """For a search with few results: each filter whose removal finds more, with what it finds."""
    options = []
    for facet, param in FACET_PARAMS.items():
        for value in values(state, param):
            label = f"{FACET_KINDS[facet].lower()} {quoted(facet_label(facet, value))}"
            options.append((label, toggled(state, param, value)))
    if first(state, "du") or first(state, "au"):
        options.append(("dates " + quoted(date_label(first(state, "du"), first(state, "au"))),
                        refined(state, du=None, au=None)))
    links = []
    for label, wider in options[:WIDEN_MAX]:
        try:
            count = service().search(dataclasses.replace(search_request(_multidict(wider), strict=False),
                                                         page=1, facets=False)).total
        except RequestError:
            continue
        if count > total:
            links.append(Link(label, search_url(wider), count))
    return links


def pagination(result: SearchResult, state: State) -> dict | None:
    req = result.request
    reachable = min(result.total, MAX_RESULT_WINDOW)
    last = max(1, math.ceil(reachable / req.per_page))
    if last == 1 and req.page == 1:
        return None
    links = [Link(str(n), search_url(paged(state, n)), selected=n == req.page) if n else None
             for n in page_numbers(min(req.page, last), last)]
    return {"links": links,
            "previous": search_url(paged(state, min(req.page - 1, last))) if req.page > 1 else None,
            "next": search_url(paged(state, req.page + 1)) if req.page < last else None,
            "last": last, "beyond": req.page > last}


def sort_links(req: SearchRequest, state: State) -> list[Link]:
    current = SORT_OF[req.effective_sort.value]
    return [Link(label, search_url(refined(state, tri=key)), selected=key == current) for key, label in SORTS]


def export_links(state: State) -> list[dict]:
    qs = urlencode(english_parameters(state))
    base = url_for("api.search")
    return [{"label": label, "type": mime, "url": f"{base}.{ext}" + ("?" + qs if qs else "")}
            for ext, label, mime in EXPORTS]


def highlighter_for(q: str) -> Highlighter:
    """What the search box's words mark in a text, as the results page marks them."""
    q = q[:MAX_QUERY_CHARS].replace("\x00", "")
    if not q.strip():
        return Highlighter()
    return service().highlighter(q)


def back_to_results(referrer: str | None, q: str) -> tuple[str, str]:
    """The link back: to the results page the reader came from, with all its filters, when it was
    ours; else to a search for `q`. (URL, label)"""
    if referrer:
        came_from = urlsplit(referrer)
        ours = {url_for("pages.search"), request.script_root + "/"}
        if came_from.netloc == request.host and came_from.path in ours:
            return url_for("pages.search") + ("?" + came_from.query if came_from.query else ""), "Retour aux résultats"
    if q.strip():
        return search_url((("q", q),)), f"Résultats pour {quoted(q)}"
    return search_url(()), "Toutes les annonces"


def citation(a: Announcement, page_url: str) -> str:
    """« Titre », OTAN, 18 février 2026, https://… — ready to paste."""
    when = date_fr(a.date) if a.date else "sans date"
    return f"{quoted(a.title)}, OTAN, {when}, {a.url or page_url}"


# ---------------------------------------------------------------------------------------------
# Routes


@blueprint.get("/")
@blueprint.get("/recherche")
def search():
    req, state, notices = request_from(page_state(request.args))
    state = resolved(state)
    req = dataclasses.replace(req, autocorrect=not first(state, "tel_quel"))  # tel_quel: the query as typed
    result = service().search(req)
    narrowed = bool(req.q.strip() or any(req.filters.values()) or req.date_from or req.date_to)
    return render_template(
        "search.html", result=result, q=req.q, notices=notices, form_state=[p for p in state if p[0] != "page"],
        keep=[(n, v) for n, v in state if n in KEPT_BY_THE_FORM],
        hits=[hit_view(hit, state, req.q) for hit in result.hits],
        first_rank=(req.page - 1) * req.per_page + 1,
        filters=active_filters(result, state),
        clear_url=search_url(replaced((), "q", [req.q])),
        facets=facet_blocks(result, state), histogram=histogram(result, state),
        date_from=first(state, "du"), date_to=first(state, "au"),
        widen=widening(state, req, result.total) if narrowed and result.total <= FEW_RESULTS else [],
        suggestion_url=search_url(refined(state, q=result.suggestion)) if result.suggestion else None,
        as_typed_url=search_url(refined(state, tel_quel="1")) if result.corrected_to else None,
        pages=pagination(result, state), sorts=sort_links(req, state), exports=export_links(state),
        capped=result.total > MAX_RESULT_WINDOW, max_window=MAX_RESULT_WINDOW, plural=plural, quoted=quoted,
    )


@dataclass(frozen=True)
class HitView:
    url: str
    title_html: str
    date: datetime.date | None
    snippets: list[str]
    chips: list[Link]


def hit_view(hit, state: State, q: str) -> HitView:
    """A result with its chips: each person, country and topic links to the search filtered on it."""
    a = hit.announcement
    chips = [Link(p, search_url(toggled(state, "personne", p)), selected=p in values(state, "personne"), kind="person")
             for p in a.persons]
    chips += [Link(taxonomy.country_label(c), search_url(toggled(state, "pays", c)),
                   selected=c in values(state, "pays"), kind="place") for c in a.countries]
    chips += [Link(taxonomy.topic_label(t), search_url(toggled(state, "theme", t)),
                   selected=t in values(state, "theme"), kind="topic") for t in a.topics]
    return HitView(hit_link(a, q), hit.title_html, a.date, hit.snippets, chips)


def hit_link(a: Announcement, q: str) -> str:
    return url_for("pages.announcement", id=a.id, q=q.strip() or None)


@blueprint.get("/annonce/<id>")
def announcement(id: str):
    found = service().document(id)
    if found is None:
        abort(404)
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    marker = highlighter_for(q)
    lines = [p for p in found.text.split("\n") if p.strip()]
    if lines and lines[0].strip() == found.title.strip():
        lines = lines[1:]  # the title line the source text begins with is the page's heading already
    paragraphs = [marker.mark(p) for p in lines]
    page_url = url_for("pages.announcement", id=found.id, _external=True)
    return render_template(
        "announcement.html", a=found, q=q, title_html=marker.mark(found.title), paragraphs=paragraphs,
        marked=bool(marker) and any("<mark>" in p for p in paragraphs),
        citation=citation(found, page_url), similar=service().similar(found.id) or [],
        back=back_to_results(request.referrer, q),
        filter_url=lambda param, value: search_url(((param, value),)),
        countries=[(c, taxonomy.country_label(c)) for c in found.countries],
        regions=[(r, taxonomy.region_label(r)) for r in found.regions],
        topics=[(t, taxonomy.topic_label(t)) for t in found.topics], quoted=quoted,
    )
