"""The JSON API (DESIGN §7)."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from searchsvc.search import SearchService
from searchsvc.web.errors import problem
from searchsvc.web.params import search_request
from searchsvc.web.payloads import announcement_payload, search_payload

blueprint = Blueprint("api", __name__, url_prefix="/api")


def service() -> SearchService:
    return current_app.extensions["search"]


@blueprint.get("/health")
def health():
    return {"status": "ok", **service().health()}


@blueprint.get("/search")
def search():
    return search_payload(service().search(search_request(request.args, strict=True)))


@blueprint.get("/documents/<id>")
def document(id: str):
    announcement = service().document(id)
    if announcement is None:
        return problem(404, "Not Found", f"no announcement has the id {id!r}", type_="/api/problems/unknown-id")
    return announcement_payload(announcement)
