"""The journalists' pages, in French."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from searchsvc.search import RequestError, SearchService
from searchsvc.web.params import search_request
from searchsvc.web.payloads import announcement_summary

blueprint = Blueprint("pages", __name__)
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre")


def service() -> SearchService:
    return current_app.extensions["search"]


@blueprint.app_template_filter("date_fr")
def date_fr(value) -> str:
    """18 février 2026 (1er for the first of the month)."""
    if not value:
        return "date inconnue"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {FRENCH_MONTHS[value.month - 1]} {value.year}"


@blueprint.get("/")
@blueprint.get("/recherche")
def search():
    error = None
    try:
        search_req = search_request(request.args, strict=False)
    except RequestError as problem:
        error = problem.detail
        search_req = search_request({"q": request.args.get("q", "")[:500]}, strict=False)
    result = service().search(search_req)
    return render_template("search.html", result=result, q=search_req.q, error=error,
                           summaries=[announcement_summary(h.announcement) for h in result.hits])


@blueprint.get("/annonce/<id>")
def announcement(id: str):
    found = service().document(id)
    if found is None:
        abort(404)
    return render_template("announcement.html", a=found, summary=announcement_summary(found))
