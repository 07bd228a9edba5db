"""HTTP manners: a request id on every request; for the API, CORS, conditional GETs keyed to the
index state, and gzip."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import uuid
import zlib

from flask import Flask, Response, current_app, g, has_request_context, request

from searchsvc.search import IndexMissing

REQUEST_ID_PATTERN = "^[A-Za-z0-9._:/+=@-]{1,128}$"  # no spaces or newlines: it goes into log lines
REQUEST_ID = re.compile(REQUEST_ID_PATTERN)
CACHE_SECONDS = 60  # a cached answer may lag a new index by this long; revalidation is cheap (304)
UNCACHED = {"api.health", "api.ready"}  # monitoring must see the live state
COMPRESSIBLE = {"application/json", "application/problem+json", "text/csv", "application/x-ndjson",
                "application/atom+xml"}
MIN_GZIP_BYTES = 500  # below this gzip saves nothing worth the header
EXPOSED_HEADERS = "ETag, X-Request-ID, X-Total-Count, X-Export-Limit, Content-Disposition"


def register(app: Flask) -> None:
    if not any(isinstance(f, RequestIdFilter) for f in app.logger.filters):  # apps share their logger
        app.logger.addFilter(RequestIdFilter())
    app.before_request(assign_request_id)
    app.after_request(finish)


def assign_request_id() -> None:
    """The caller's X-Request-ID when it is sane (so traces join up), else a new one."""
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Prefixes the app's log lines written during a request with its id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and "request_id" in g:
            record.msg = f"[request {g.request_id}] {record.msg}"
        return True


def not_modified_if_fresh(version: str) -> Response | None:
    """Before an API view runs: 304 when the client already holds this answer for this index state
    and this `version` of the contract."""
    if request.method not in ("GET", "HEAD") or request.endpoint in UNCACHED:
        return None
    g.etag = etag(version)
    if g.etag and not request.if_none_match.star_tag and request.if_none_match.contains_weak(g.etag):
        response = current_app.response_class(status=304)
        del response.headers["Content-Type"]  # a 304 has no body to describe
        return response
    return None


def etag(version: str) -> str | None:
    """The same URL answers the same while the index state (generation, build, size) and the
    contract's `version` stay the same. Weak: gzipped and plain bodies are equivalent."""
    try:
        state = current_app.extensions["search"].health()
    except IndexMissing:
        return None
    key = json.dumps([version, state, request.path, request.query_string.decode("latin-1")],
                     sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
    if not request.path.startswith("/api/"):
        return response
    cors(response)
    if request.endpoint in UNCACHED:
        response.headers["Cache-Control"] = "no-store"
    elif g.get("etag") and response.status_code in (200, 304):
        response.set_etag(g.etag, weak=True)
        response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response.vary.add("Accept-Encoding")  # on 304s too: caches must keep plain and gzipped apart
    if response.mimetype in COMPRESSIBLE:
        compress(response)
    return response


def cors(response: Response) -> None:
    """Any web page may read the API: it is public, read-only and takes no credentials."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":  # preflight (Flask answers OPTIONS with the route's Allow)
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, X-Request-ID"
        response.headers["Access-Control-Max-Age"] = "86400"


def compress(response: Response) -> None:
    """gzip when the client takes it; streamed exports are compressed chunk by chunk as they go."""
    if (not request.accept_encodings["gzip"] or "Content-Encoding" in response.headers
            or response.status_code in (204, 304) or request.method == "HEAD"):
        return
    if response.is_streamed:
        source = response.response
        response.response = gzip_stream(response.iter_encoded())
        response.call_on_close(getattr(source, "close", lambda: None))  # ends the export's search
    else:
        data = response.get_data()
        if len(data) < MIN_GZIP_BYTES:
            return
        response.set_data(gzip.compress(data, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"


def gzip_stream(chunks):
    """One gzip stream, flushed after each chunk so the client gets rows as they are found."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # 16+: gzip framing
    for chunk in chunks:
        yield compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
    yield compressor.flush()
