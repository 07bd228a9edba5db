"""The quotations API: /api/quotes and its CSV and JSON Lines twins (described in openapi.py).

The parameters are /api/search's, with `speaker` (any part of the name) for the person filter;
a hit is a quotation with its speaker, its text marked, its announcement and a permalink to the
passage on the announcement's page (`/annonce/<id>#citation-N`).
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from flask import Response, current_app, request, url_for
from werkzeug.datastructures import MultiDict

from searchsvc.search import SearchRequest, SearchResult
from searchsvc.search.quotes import QuoteDoc, QuoteService
from searchsvc.search.snippets import Highlighter
from searchsvc.web import exports
from searchsvc.web.api import blueprint  # the API's own checks, ETags and errors apply
from searchsvc.web.params import canonical, search_request
from searchsvc.web.payloads import facet_payload

QUOTE_FACETS = ("speaker", "year")
CSV_COLUMNS = ("id", "date", "speaker", "text", "attribution", "announcement_id", "title", "url", "permalink")
FORMATS = {"csv": ("text/csv", "citations-otan.csv"), "jsonl": ("application/x-ndjson", "citations-otan.jsonl")}


def quote_service() -> QuoteService:
    return current_app.extensions["quotes"]


def quotes_request(args, **overrides) -> SearchRequest:
    """/api/search's reading of the parameters, `speaker` standing for the person filter."""
    args = MultiDict(canonical(args))
    speakers = args.poplist("speaker")
    for name in ("person", "country", "region", "topic"):
        args.poplist(name)
    for speaker in speakers:
        args.add("person", speaker)
    return search_request(args, strict=True, **overrides)


def permalink(quote: QuoteDoc) -> str:
    return url_for("pages.announcement", id=quote.announcement_id) + f"#citation-{quote.number}"


def quote_record(quote: QuoteDoc, score: float | None) -> dict:
    return {"id": quote.id, "text": quote.text, "speaker": quote.speaker, "attribution": quote.attribution,
            "paragraph": quote.paragraph, "score": score,
            "announcement": {"id": quote.announcement_id, "title": quote.title,
                             "date": quote.date.isoformat() if quote.date else None, "url": quote.url},
            "permalink": permalink(quote)}


def quotes_payload(result: SearchResult) -> dict:
    r = result.request
    query = {"q": r.q, "speaker": list(r.person), "sort": r.effective_sort.value, "page": r.page,
             "per_page": r.per_page}
    if r.date_from:
        query["from"] = r.date_from.isoformat()
    if r.date_to:
        query["to"] = r.date_to.isoformat()
    facets = {"speaker": result.facets.get("person"), "year": result.facets.get("year")}
    return {
        "query": query,
        "total": result.total,
        "took_ms": result.took_ms,
        "hits": [dict(quote_record(hit.announcement, hit.score), text_html=result.highlighter.mark(hit.announcement.text))
                 for hit in result.hits],
        "facets": {name: facet_payload(facet) for name, facet in facets.items()},
        "facets_more": {name: bool(facet is not None and facet.more) for name, facet in facets.items()},
        "suggestion": result.suggestion,
        "relaxed": result.relaxed,
    }


@blueprint.get("/quotes")
def quotes():
    return quotes_payload(quote_service().search(quotes_request(request.args)))


@blueprint.get("/quotes.csv")
def quotes_csv():
    return export("csv")


@blueprint.get("/quotes.jsonl")
def quotes_jsonl():
    return export("jsonl")


def export(format: str) -> Response:
    """The whole list, as the search exports it (export slots, time budget, streaming)."""
    args = MultiDict(request.args)
    for name in ("page", "per_page"):
        args.poplist(name)
    return exports.export_response(quote_service(), quotes_request(args), format, FORMATS, quote_lines)


def quote_lines(found, format: str) -> Iterator[str]:
    records = (quote_record(hit.announcement, hit.score) for hit in found)
    if format == "csv":
        return csv_lines(records)
    return (json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    yield "\ufeff" + exports.csv_row(CSV_COLUMNS)
    for r in records:
        a = r["announcement"]
        yield exports.csv_row([r["id"], a["date"] or "", r["speaker"] or "", r["text"], r["attribution"] or "",
                               a["id"], a["title"], a["url"] or "", r["permalink"]])


def highlighter_for(q: str) -> Highlighter:
    return quote_service().highlighter(q) if q.strip() else Highlighter()
