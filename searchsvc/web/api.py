"""The JSON API (DESIGN §7), its exports and feed; described by openapi.DOCUMENT."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from searchsvc.search import FACETS, IndexMissing, RequestError, SearchRequest, SearchService
from searchsvc.web import exports, feed, http
from searchsvc.web.errors import problem
from searchsvc.web.openapi import API_VERSION, DOCUMENT
from searchsvc.web.params import (DEFAULT_FACET_VALUES, MAX_FACET_VALUES, MAX_PREFIX_CHARS, canonical,
                                  check_encoding, parse_int, search_request)
from searchsvc.web.payloads import announcement_payload, announcement_summary, search_payload

blueprint = Blueprint("api", __name__, url_prefix="/api")


def service() -> SearchService:
    return current_app.extensions["search"]


@blueprint.before_request
def before():
    check_encoding(request.query_string)
    return http.not_modified_if_fresh(API_VERSION)


@blueprint.get("/health")
def health():
    """Liveness: the process answers. The index fields are null while no index is loaded."""
    try:
        state = service().health()
    except IndexMissing:
        state = {"documents": 0, "generation": None, "commit": None, "built_at": None}
    return {"status": "ok", **state}


@blueprint.get("/ready")
def ready():
    """Readiness: 200 once an index is loaded and searchable, else 503 (IndexMissing)."""
    return {"status": "ready", **service().health()}


@blueprint.get("/openapi.json")
def openapi():
    return DOCUMENT


@blueprint.get("/search")
def search():
    return search_payload(service().search(search_request(request.args, strict=True, autocorrect=True)))


@blueprint.get("/search.csv")
def search_csv():
    return exports.export_response(service(), export_request(), "csv")


@blueprint.get("/search.jsonl")
def search_jsonl():
    return exports.export_response(service(), export_request(), "jsonl")


@blueprint.get("/search.atom")
def search_atom():
    return feed.feed_response(service(), export_request("sort", sort="date"))


def export_request(*ignored: str, **fixed) -> SearchRequest:
    """The search of an export or feed: the /api/search parameters, but the export chooses its own
    pages (and the feed its order), so those parameters are ignored."""
    args = canonical(request.args)
    for name in ("page", "per_page", *ignored):
        args.poplist(name)
    return search_request(args, strict=True, **fixed)


@blueprint.get("/documents/<id>")
def document(id: str):
    announcement = service().document(id)
    if announcement is None:
        return unknown_id(id)
    return announcement_payload(announcement)


@blueprint.get("/documents/<id>/similar")
def similar(id: str):
    found = service().similar(id)
    if found is None:
        return unknown_id(id)
    return {"id": id, "similar": [dict(announcement_summary(a), score=score) for a, score in found]}


@blueprint.get("/facets/<facet>")
def facet_values(facet: str):
    if facet not in FACETS:
        return problem(404, "Not Found", f"unknown facet {facet!r}; facets are: {', '.join(FACETS)}",
                       type_="/api/problems/unknown-facet")
    prefix = request.args.get("prefix", "")
    if len(prefix) > MAX_PREFIX_CHARS:
        raise RequestError("prefix", f"prefix is longer than {MAX_PREFIX_CHARS} characters")
    limit = parse_int(request.args, "limit", DEFAULT_FACET_VALUES)
    if not 1 <= limit <= MAX_FACET_VALUES:
        raise RequestError("limit", f"limit must be between 1 and {MAX_FACET_VALUES}")
    values = service().facet_values(facet, prefix, limit)
    return {"facet": facet, "prefix": prefix,
            "values": [{"value": v.value, "label": v.label, "count": v.count} for v in values]}


def unknown_id(id: str):
    return problem(404, "Not Found", f"no announcement has the id {id!r}", type_="/api/problems/unknown-id")
