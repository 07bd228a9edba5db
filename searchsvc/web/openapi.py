"""The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json.

Built from the same constants the code enforces (limits, sort modes, facets), so the document
cannot drift from them; tests validate it and check every answer against it.
"""

from __future__ import annotations

from searchsvc.search import FACETS, Sort
from searchsvc.search.request import (DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_QUERY_CHARS,
                                      MAX_RESULT_WINDOW)
from searchsvc.web.exports import CSV_COLUMNS, EXPORT_LIMIT
from searchsvc.web.feed import FEED_ENTRIES
from searchsvc.web.http import CACHE_SECONDS, REQUEST_ID_PATTERN
from searchsvc.web.params import (DATE_PATTERN, DEFAULT_FACET_VALUES, MAX_FACET_VALUES, MAX_PARAMETER_CHARS,
                                  MAX_PREFIX_CHARS, NO_NUL_PATTERN, YEAR_OR_MONTH_PATTERN)
from searchsvc.web.payloads import FACET_NAMES

# The JSON contract's version (info.version). Bump it when an answer changes: ETags include it, so
# clients holding an older answer fetch the new one.
API_VERSION = "1.2.0"  # 1.2.0: undated counts, quotations (/api/quotes, Document.quotes), persons


def ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def obj(properties: dict, optional: tuple = ()) -> dict:
    """An object whose properties are all present, except the `optional` ones."""
    return {"type": "object", "properties": properties,
            "required": [name for name in properties if name not in optional]}


STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
COUNT = {"type": "integer", "minimum": 0}
LABELLED = {name: obj({key: STRING, "label": STRING}) for name, key in
            (("Country", "code"), ("Region", "slug"), ("Topic", "slug"))}
SUMMARY = {
    "id": STRING,
    "title": STRING,
    "date": {"type": ["string", "null"], "format": "date", "description": "The date the text states, else the page's."},
    "url": {**NULLABLE_STRING, "description": "The announcement on NATO's site, when known."},
    "persons": array(STRING),
    "countries": array(ref("schemas", "Country")),
    "regions": array(ref("schemas", "Region")),
    "topics": array(ref("schemas", "Topic")),
}
SCORE = {"type": ["number", "null"], "description": "Relevance (BM25F); null when sorted by date."}
FACET_VALUE = {"value": {**STRING, "description": "What the filter parameter takes."},
               "label": {**STRING, "description": "What a person reads."},
               "count": COUNT}

PARAGRAPH = {"type": "integer", "minimum": 0, "description": "0: the title; n: the body's n-th paragraph."}
QUOTE = {"text": {**STRING, "description": "The words between the marks."},
         "speaker": {**NULLABLE_STRING, "description": "A person's canonical name, or a body as the text "
                                                       "names it; null when the text does not say."},
         "attribution": {**NULLABLE_STRING, "description": "The words that attribute it (`a déclaré M. X`)."},
         "paragraph": PARAGRAPH}
QUOTE_RECORD = {"id": {**STRING, "description": "<announcement id>#<number among its quotations>"}, **QUOTE,
                "score": SCORE,
                "announcement": obj({"id": STRING, "title": STRING, "date": SUMMARY["date"], "url": SUMMARY["url"]}),
                "permalink": {**STRING, "description": "The passage on the announcement's page."}}
COUNTED = obj({"value": STRING, "label": STRING, "count": COUNT})
PERSON_SCHEMAS = {
    "PersonList": obj({"prefix": STRING, "persons": array(obj({"name": STRING, "slug": STRING, "url": STRING,
                                                                 "count": COUNT}))}),
    "Person": obj({"name": {**STRING, "description": "The canonical name."},
                   "slug": STRING, "url": {**STRING, "description": "The person's page."},
                   "variants": {**array(STRING), "description": "Other spellings of them in the archive."},
                   "announcements": {**COUNT, "description": "Announcements naming them."},
                   "years": {**array(COUNTED), "description": "Their announcements per year, oldest first."},
                   "countries": array(COUNTED), "topics": array(COUNTED),
                   "alongside": {**array(obj({"value": STRING, "label": STRING, "count": COUNT, "slug": STRING})),
                                 "description": "People most often named in the same announcements."},
                   "quotes": {**array(ref("schemas", "QuoteRecord")), "description": "Their latest quotations."},
                   "latest": {**array(obj(SUMMARY)), "description": "Their latest announcements."}}),
}
QUOTE_SCHEMAS = {
    "Quote": obj(QUOTE),
    "QuoteRecord": obj(QUOTE_RECORD) | {"description": "One line of /api/quotes.jsonl."},
    "QuoteHit": obj({**QUOTE_RECORD, "text_html": {**STRING, "description": "The text, HTML-escaped, "
                                                                          "matches in <mark>."}}),
    "QuotesResponse": obj({
        "query": obj({"q": STRING, "speaker": array(STRING), "sort": {"enum": [s.value for s in Sort]},
                      "page": {"type": "integer", "minimum": 1},
                      "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                      "from": {**STRING, "format": "date"}, "to": {**STRING, "format": "date"}},
                     optional=("from", "to")),
        "total": {**COUNT, "description": "Exact number of matching quotations."},
        "took_ms": {"type": "number", "minimum": 0},
        "hits": array(ref("schemas", "QuoteHit")),
        "facets": obj({name: array(ref("schemas", "FacetValue")) for name in ("speaker", "year")}),
        "facets_more": obj({name: {"type": "boolean"} for name in ("speaker", "year")}),
        "suggestion": NULLABLE_STRING,
        "relaxed": {"type": "boolean"},
    }),
}

SCHEMAS = {
    **LABELLED,
    "Hit": obj({**SUMMARY, "score": SCORE,
                "title_html": {**STRING, "description": "The title, HTML-escaped, matches in <mark>."},
                "snippets": {**array(STRING), "description": "Passages around the matches, best first: "
                             "HTML-escaped text whose only markup is <mark>."}}),
    "FacetValue": obj({**FACET_VALUE, "selected": {"type": "boolean"}}),
    "SearchResponse": obj({
        "query": obj({"q": STRING,
                      "filters": {"type": "object", "properties": {f: array(STRING) for f in FACETS},
                                  "description": "The filters given, by facet (facets without any are left out)."},
                      "sort": {"enum": [s.value for s in Sort]},
                      "page": {"type": "integer", "minimum": 1},
                      "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                      "from": {**STRING, "format": "date"}, "to": {**STRING, "format": "date"}},
                     optional=("from", "to")),
        "total": {**COUNT, "description": "Exact number of matching announcements."},
        "took_ms": {"type": "number", "minimum": 0},
        "hits": array(ref("schemas", "Hit")),
        "facets": obj({name: array(ref("schemas", "FacetValue")) for name in FACET_NAMES})
        | {"description": "Counts over all matches, each facet counted as if its own selection were "
                          "removed. `year` lists years, or the months (YYYY-MM) when from/to select one year."},
        "facets_more": obj({name: {"type": "boolean"} for name in FACET_NAMES})
        | {"description": "True when a facet has more values than listed."},
        "facets_cut": {"type": "boolean", "description": "True when the search ran out of time before "
                                                         "counting the facets: they are then all empty."},
        "suggestion": {**NULLABLE_STRING, "description": "A corrected query that finds more, if any."},
        "relaxed": {"type": "boolean", "description": "True when no announcement holds all the words and the "
                                                      "hits hold most of them."},
        "dropped": {**array(STRING), "description": "When relaxed: the query's words (as typed) that some "
                                                      "hits lack, the most often missing first."},
        "corrected_to": {**NULLABLE_STRING, "description": "Nothing matched `q`, and a confident spelling "
                         "correction did: the hits, total and facets are those of this corrected query."},
        "undated": {**COUNT, "description": "The « sans date » bucket of the date histogram: matches (other "
                                            "filters applied, from/to not) whose date is unknown."},
        "undated_left_out": {**COUNT, "description": "How many undated matches from/to leave out (the "
                                                     "`undated` count when a date filter is given, else 0)."},
    }),
    "Document": obj({**SUMMARY, "text": STRING, "source": STRING, "content_hash": STRING,
                     "quotes": {**array(ref("schemas", "Quote")), "description": "Speech passages, text order."}}),
    **QUOTE_SCHEMAS,
    **PERSON_SCHEMAS,
    "Similar": obj({"id": STRING, "similar": array(obj({**SUMMARY, "score": {"type": "number"}}))}),
    "FacetValues": obj({"facet": {"enum": list(FACETS)}, "prefix": STRING, "values": array(obj(FACET_VALUE))}),
    "Health": obj({"status": {"const": "ok"}, "documents": COUNT, "generation": NULLABLE_STRING,
                   "commit": {"type": ["integer", "null"], "description": "Whoosh commit number within the "
                                                                          "generation (incremental updates raise it)."},
                   "built_at": {**NULLABLE_STRING, "format": "date-time"}}),
    "Ready": obj({"status": {"const": "ready"}, "documents": COUNT, "generation": STRING,
                  "commit": {"type": "integer"}, "built_at": {**NULLABLE_STRING, "format": "date-time"}}),
    "ExportRecord": obj({**SUMMARY, "score": SCORE,
                         "snippet": {**STRING, "description": "The first snippet as plain text."}})
    | {"description": "One line of /api/search.jsonl."},
    "Problem": obj({"type": {**STRING, "format": "uri-reference"},
                    "title": STRING,
                    "status": {"type": "integer", "minimum": 400, "maximum": 599},
                    "detail": STRING,
                    "parameter": {**STRING, "description": "The parameter to correct (400 only)."}},
                   optional=("parameter",)),
}


def query_parameter(name: str, schema: dict, description: str, explode: bool = False) -> dict:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema, "description": description}
    if explode:
        parameter |= {"style": "form", "explode": True}
    return parameter


FILTER_DESCRIPTIONS = {
    "person": "People, as written in the `person` facet (a surname or an unaccented spelling finds them too).",
    "country": "ISO 3166-1 alpha-2 codes (XK: Kosovo), or French names.",
    "region": "Region slugs (`balkans-occidentaux`).",
    "topic": "Topic slugs (`cyberdefense`).",
}
# A day that exists (format: date: not 2025-02-30), or a year or month alone.
DATE_SCHEMA = {"anyOf": [{"type": "string", "format": "date", "pattern": DATE_PATTERN},
                         {"type": "string", "pattern": YEAR_OR_MONTH_PATTERN}]}
TEXT = {"type": "string", "pattern": NO_NUL_PATTERN}  # no parameter of ours can hold a NUL
PARAMETERS = {
    "q": query_parameter("q", {**TEXT, "maxLength": MAX_QUERY_CHARS},
                         "Words, \"phrases\", -exclusion, OR, prefix* and field prefixes (personne:, pays:, "
                         "region:, theme:, titre: and their English names). A syntax error is a 400."),
    **{name: query_parameter(name, {"type": "array", "maxItems": MAX_FILTER_VALUES,
                                    "items": {**TEXT, "maxLength": MAX_PARAMETER_CHARS}},
                             FILTER_DESCRIPTIONS[name] + " Repeat the parameter: OR within a facet, AND "
                             "across facets. An unknown value matches nothing (it is not an error).", explode=True)
       for name in FACETS},
    "from": query_parameter("from", DATE_SCHEMA, "First day, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for "
                                                 "the first day of that month or year."),
    "to": query_parameter("to", DATE_SCHEMA, "Last day, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for the "
                                             "last day of that month or year. Given before `from`, the two are read the other way round."),
    "sort": query_parameter("sort", {"enum": [s.value for s in Sort]},
                            "relevance (default with q), date (newest first; default without q) or date_asc."),
    "page": query_parameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_RESULT_WINDOW, "default": 1},
                            f"From 1. Results are served up to the {MAX_RESULT_WINDOW:,}th: "
                            f"page × per_page ≤ {MAX_RESULT_WINDOW} (a 400 naming `page` past that)."),
    "per_page": query_parameter("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                             "default": DEFAULT_PER_PAGE}, "Hits per page."),
    "speaker": query_parameter("speaker", {"type": "array", "maxItems": MAX_FILTER_VALUES,
                                           "items": {**TEXT, "maxLength": MAX_PARAMETER_CHARS}},
                               "Who spoke: any part of the name, accents and case ignored (`rasmussen`). "
                               "Repeat the parameter: any of them.", explode=True),
    "id": {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1},
           "description": "An announcement's id."},
    "slug": {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1},
             "description": "The person's name in lower case, accents off, words joined by hyphens."},
    "facet": {"name": "facet", "in": "path", "required": True, "schema": {"enum": list(FACETS)}},
    "prefix": query_parameter("prefix", {**TEXT, "maxLength": MAX_PREFIX_CHARS, "default": ""},
                              "Start of the value's label or of any word of it, accents and case ignored."),
    "limit": query_parameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_FACET_VALUES,
                                       "default": DEFAULT_FACET_VALUES}, "Values listed, most used first."),
    "X-Request-ID": {"name": "X-Request-ID", "in": "header", "required": False, "schema": STRING,
                     "description": "Echoed in the answer and in log lines when it matches "
                                    f"{REQUEST_ID_PATTERN}; otherwise a new id is made."},
    "If-None-Match": {"name": "If-None-Match", "in": "header", "required": False, "schema": STRING,
                      "description": "An ETag from an earlier answer: 304 while the index is unchanged."},
}
SEARCH_FILTERS = ("q", *FACETS, "from", "to")
QUOTE_FILTERS = ("q", "speaker", "from", "to")
HEADERS = {
    "X-Request-ID": {"schema": {"type": "string", "pattern": REQUEST_ID_PATTERN}, "required": True,
                     "description": "The request's id (the caller's when sane)."},
    "ETag": {"schema": STRING, "description": "Weak; changes when the index or the contract's version does."},
    "Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"}, "description": "Seconds to wait."},
    "Cache-Control": {"schema": STRING, "description": f"public, max-age={CACHE_SECONDS} (no-store for health and ready)."},
    "X-Total-Count": {"schema": {"type": "integer", "minimum": 0}, "required": True,
                      "description": "Announcements matching the search."},
    "X-Export-Limit": {"schema": {"type": "integer", "const": EXPORT_LIMIT}, "required": True,
                       "description": "At most this many rows are exported."},
    "Content-Disposition": {"schema": STRING, "description": "attachment; filename=…"},
}
PROBLEM = {"application/problem+json": {"schema": ref("schemas", "Problem")}}


def answer(description: str, content: dict | None = None, headers: tuple = ()) -> dict:
    response = {"description": description,
                "headers": {name: ref("headers", name) for name in ("X-Request-ID", *headers)}}
    if content:
        response["content"] = content
    return response


def json_answer(description: str, schema: str) -> dict:
    return answer(description, {"application/json": {"schema": ref("schemas", schema)}},
                  ("ETag", "Cache-Control"))


RESPONSES = {
    "NotModified": answer("The answer the client holds is still current.", headers=("ETag", "Cache-Control")),
    "BadRequest": answer("A parameter must be corrected; `parameter` names it. Any operation answers so "
                         "to a query string that is not UTF-8 or holds a NUL character.", PROBLEM),
    "NotFound": answer("No such announcement or facet.", PROBLEM),
    "IndexMissing": answer("No index is available: none was built yet, it was built by another version, "
                           "or its files are damaged (`type` .../index-damaged); `detail` names the command "
                           "that repairs it.", PROBLEM),
    "TooManyRequests": answer("This client sent too many requests (per-client limit, SEARCHSVC_RATE_LIMIT); "
                              "retry after the `Retry-After` seconds.", PROBLEM, ("Retry-After",)),
}
ERRORS = {400: "BadRequest", 404: "NotFound", 429: "TooManyRequests", 503: "IndexMissing"}


def get(operation_id: str, summary: str, parameters: tuple, ok: dict, *errors: int, cached: bool = True) -> dict:
    """A GET operation: 200, 304 when cached, 400 always (see BadRequest), and the other `errors`."""
    responses = {"200": ok} | ({"304": ref("responses", "NotModified")} if cached else {})
    responses |= {str(code): ref("responses", ERRORS[code]) for code in (400, 429, *errors)}
    headers = ("X-Request-ID", "If-None-Match") if cached else ("X-Request-ID",)
    return {"get": {"operationId": operation_id, "summary": summary,
                    "parameters": [ref("parameters", name) for name in (*parameters, *headers)],
                    "responses": responses}}


def export_answer(description: str, media_type: str) -> dict:
    return answer(description, {media_type: {"schema": STRING}},
                  ("ETag", "Cache-Control", "X-Total-Count", "X-Export-Limit", "Content-Disposition"))


PATHS = {
    "/api/search": get("search", "Search the announcements", (*SEARCH_FILTERS, "sort", "page", "per_page"),
                       json_answer("Hits, facets and the request as understood.", "SearchResponse"), 503),
    "/api/search.csv": get(
        "exportCsv", "The whole result set as CSV", (*SEARCH_FILTERS, "sort"),
        export_answer(f"UTF-8 with a BOM; columns {', '.join(CSV_COLUMNS)}; one row per announcement, several "
                      f"values in a cell joined with \"; \"; at most {EXPORT_LIMIT:,} rows, streamed.", "text/csv"),
        503),
    "/api/search.jsonl": get(
        "exportJsonl", "The whole result set as JSON Lines", (*SEARCH_FILTERS, "sort"),
        export_answer(f"One ExportRecord per line, at most {EXPORT_LIMIT:,}, streamed.", "application/x-ndjson"),
        503),
    "/api/search.atom": get(
        "feed", "The newest announcements of a search as an Atom 1.0 feed", SEARCH_FILTERS,
        answer(f"The {FEED_ENTRIES} newest matching announcements, newest first.",
               {"application/atom+xml": {"schema": STRING}}, ("ETag", "Cache-Control")),
        503),
    "/api/quotes": get("quotes", "Search the quotations", QUOTE_FILTERS + ("sort", "page", "per_page"),
                       json_answer("Quotations (speech passages) whose words match, with their speaker and "
                                   "announcement, and the speakers' facet.", "QuotesResponse"), 503),
    "/api/quotes.csv": get(
        "exportQuotesCsv", "The quotations found, as CSV", (*QUOTE_FILTERS, "sort"),
        export_answer(f"UTF-8 with a BOM; one row per quotation; at most {EXPORT_LIMIT:,} rows, streamed.",
                      "text/csv"), 503),
    "/api/quotes.jsonl": get(
        "exportQuotesJsonl", "The quotations found, as JSON Lines", (*QUOTE_FILTERS, "sort"),
        export_answer(f"One QuoteRecord per line, at most {EXPORT_LIMIT:,}, streamed.", "application/x-ndjson"),
        503),
    "/api/persons": get("persons", "People, for autocomplete", ("prefix", "limit"),
                        json_answer("People whose name or any word of it starts with the prefix, most named first.",
                                    "PersonList"), 503),
    "/api/persons/{slug}": get("person", "A person's profile", ("slug",),
                               json_answer("Their announcements per year, countries, topics and people most "
                                           "associated, latest quotations and announcements.", "Person"), 404, 503),
    "/api/documents/{id}": get("document", "One whole announcement", ("id",),
                               json_answer("The announcement, its text in full.", "Document"), 404, 503),
    "/api/documents/{id}/similar": get("similar", "The announcements closest to one", ("id",),
                                       json_answer("Up to five announcements, closest first.", "Similar"),
                                       404, 503),
    "/api/facets/{facet}": get("facetValues", "A facet's values, for autocomplete", ("facet", "prefix", "limit"),
                               json_answer("Values with their number of announcements.", "FacetValues"),
                               404, 503),
    "/api/health": get("health", "Liveness: the service answers (index fields null while none is loaded)", (),
                       answer("The process is alive, and the index it serves if any.",
                              {"application/json": {"schema": ref("schemas", "Health")}}, ("Cache-Control",)),
                       cached=False),
    "/api/ready": get("ready", "Readiness: an index is loaded and searchable", (),
                      answer("Ready to search this index.",
                             {"application/json": {"schema": ref("schemas", "Ready")}}, ("Cache-Control",)),
                      503, cached=False),
    "/api/openapi.json": get("openapi", "This document", (),
                             json_answer("The OpenAPI document.", "OpenAPI")),
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "searchsvc — NATO announcements in French",
        "version": API_VERSION,
        "description": "Full-text search over NATO's French announcements. Every answer carries "
                       "X-Request-ID; API answers allow any origin (CORS), carry a weak ETag tied to "
                       "the index (If-None-Match → 304) and are gzipped on Accept-Encoding: gzip. "
                       "Errors are application/problem+json (RFC 9457). The contract only ever grows: "
                       "clients should ignore fields they do not know.",
    },
    "paths": PATHS,
    "components": {"schemas": SCHEMAS | {"OpenAPI": {"type": "object"}}, "parameters": PARAMETERS,
                   "headers": HEADERS, "responses": RESPONSES},
}
