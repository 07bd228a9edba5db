"""The « Citations » view: the search page's box, filters and URL state over the quotations.

`/citations?…` takes the same parameters as `/recherche?…` (the `personne` filter is who spoke), and
the two views link to each other with the whole state; each quotation is a block quote with its
speaker, date, announcement and a ready citation (« Citer »).
"""
from __future__ import annotations

import dataclasses
import datetime
from urllib.parse import urlencode

from flask import current_app, g, render_template, request, url_for

from searchsvc.search import SearchResult
from searchsvc.search.quotes import QuoteDoc, QuoteService
from searchsvc.web import views
from searchsvc.web.pages import blueprint
from searchsvc.web.quote_views import anchor, quote_citation
from searchsvc.web.state import KEPT_BY_THE_FORM, State, english_parameters, first, page_state, request_from, resolved

SPEAKERS_TITLE = "Qui parle"
EXPORTS = (("csv", "CSV", "text/csv"), ("jsonl", "JSON Lines", "application/x-ndjson"))


@dataclasses.dataclass(frozen=True)
class QuoteHitView:
    text_html: str
    speaker: str | None
    date: datetime.date | None
    title: str
    url: str           # the passage on the announcement's page
    citation: str


@dataclasses.dataclass(frozen=True)
class QuotesView(views.SearchView):
    """Everything quotes.html lays out: the search page's view, its hits quotations."""
    quotes: bool = True


def quote_service() -> QuoteService:
    return current_app.extensions["quotes"]


@blueprint.get("/citations")
def quotes():
    g.list_endpoint = "pages.quotes"  # the view's links stay on this page
    req, state, notices = request_from(page_state(request.args))
    state = resolved(state, quote_service().resolve)
    result = quote_service().search(req)
    return render_template("quotes.html", view=quotes_view(result, state, notices))


def quotes_view(result: SearchResult, state: State, notices: list[str]) -> QuotesView:
    req = result.request
    facets = [dataclasses.replace(f, title=SPEAKERS_TITLE) if f.name == "person" else f
              for f in views.facet_blocks(result, state)]
    return QuotesView(
        result=result, q=req.q, notices=notices, form_state=[p for p in state if p[0] != "page"],
        keep=[(n, v) for n, v in state if n in KEPT_BY_THE_FORM],
        hits=[quote_hit(hit.announcement, result.highlighter.mark(hit.announcement.text)) for hit in result.hits],
        first_rank=(req.page - 1) * req.per_page + 1,
        filters=views.active_filters(result, state), clear_url=views.search_url(((("q", req.q),) if req.q else ())),
        facets=facets, histogram=views.histogram(result, state),
        date_from=first(state, "du"), date_to=first(state, "au"), widen=[],
        suggestion_url=views.search_url(views.refined(state, q=result.suggestion)) if result.suggestion else None,
        as_typed_url=None,  # quotation searches are never corrected on their own
        pages=views.pagination(result, state), sorts=views.sort_links(req, state), exports=export_links(state),
        capped=result.total > views.MAX_RESULT_WINDOW, max_window=views.MAX_RESULT_WINDOW,
    )


def quote_hit(quote: QuoteDoc, text_html: str) -> QuoteHitView:
    page = url_for("pages.announcement", id=quote.announcement_id) + "#" + anchor(quote.number)
    source = quote.url or url_for("pages.announcement", id=quote.announcement_id, _external=True) + "#" + anchor(quote.number)
    return QuoteHitView(text_html, quote.speaker, quote.date, quote.title, page,
                        quote_citation(quote.text, quote.speaker, quote.date, quote.title, source))


def export_links(state: State) -> list[views.Export]:
    """/api/quotes.csv and .jsonl of the same selection (the person filter is the `speaker`)."""
    pairs = [("speaker" if name == "person" else name, value) for name, value in english_parameters(state)
             if name in ("q", "person", "from", "to", "sort")]
    qs = urlencode(pairs)
    base = url_for("api.quotes")
    return [views.Export(label, mime, f"{base}.{ext}" + ("?" + qs if qs else "")) for ext, label, mime in EXPORTS]
