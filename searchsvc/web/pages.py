"""The journalists' pages, in French: the routes.

A route reads its page's state (state.py), runs the searches the page shows, all of them here, and
renders one view (views.py) that its template lays out with the French typography of french.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from flask import Blueprint, abort, current_app, render_template, request, url_for

from searchsvc.search import RequestError, SearchService
from searchsvc.search.request import MAX_QUERY_CHARS
from searchsvc.search.snippets import Highlighter
from searchsvc.web import french, views
from searchsvc.web.state import State, first, page_state, request_from, resolved, search_request_of

blueprint = Blueprint("pages", __name__)
for name, function in french.FILTERS.items():
    blueprint.add_app_template_filter(function, name)
for name, function in french.GLOBALS.items():
    blueprint.add_app_template_global(function, name)


def service() -> SearchService:
    return current_app.extensions["search"]


@blueprint.get("/")
@blueprint.get("/recherche")
def search():
    req, state, notices = request_from(page_state(request.args))
    state = resolved(state, service().resolve)
    # nothing found: a confident correction is searched instead, unless asked for the query as typed
    result = service().search(replace(req, autocorrect=not first(state, "tel_quel")))
    wider_totals = totals(wider for _, wider in views.wider_searches(state, result))
    return render_template("search.html", view=views.search_view(result, state, notices, wider_totals))


def totals(states: Iterable[State]) -> dict[State, int]:
    """How many announcements each state finds (those that make no valid request are left out):
    the only searches a results page runs besides its own."""
    found = {}
    for state in states:
        try:
            found[state] = service().search(replace(search_request_of(state), page=1, facets=False)).total
        except RequestError:
            continue
    return found


@blueprint.get("/annonce/<id>")
def announcement(id: str):
    found = service().document(id)
    if found is None:
        abort(404)
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    back = views.back_to_results(request.referrer, q, request.host, request.script_root + "/")
    view = views.announcement_view(found, q, highlighter_for(q), service().similar(found.id) or [],
                                   url_for("pages.announcement", id=found.id, _external=True), back)
    return render_template("announcement.html", view=view)


def highlighter_for(q: str) -> Highlighter:
    """What the search box's words mark in a text, as the results page marks them."""
    q = q[:MAX_QUERY_CHARS].replace("\x00", "")
    if not q.strip():
        return Highlighter()
    return service().highlighter(q)
