"""Whole result sets, streamed: CSV for spreadsheets, JSON Lines for programs.

`hits` searches once and then reads on through the same ranked matches a page of hits at a time,
so an export of 10,000 announcements costs one search and never sits in memory; the Atom feed
(feed.py) reads its entries the same way.

An export keeps a gunicorn thread for as long as it streams, so each worker runs at most
EXPORT_SLOTS of them at once and each client one: a journalist's plain search always finds a free
thread, whatever exports others started.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import threading
import time
from collections import Counter
from dataclasses import replace
from itertools import islice
from typing import Iterable, Iterator

from flask import Response, current_app, request as http_request, stream_with_context

from searchsvc.facet_registry import FACETS
from searchsvc.search import Hit, SearchRequest, SearchService
from searchsvc.search.request import MAX_RESULT_WINDOW
from searchsvc.web.errors import problem
from searchsvc.web.payloads import announcement_summary

EXPORT_LIMIT = MAX_RESULT_WINDOW  # the search serves results up to the 10,000th
PAGE_SIZE = 100  # hits per search while exporting, and rows per chunk sent
CSV_COLUMNS = ("id", "date", "title", "url", *(kind.attribute for kind in FACETS), "snippet")
MULTI_SEPARATOR = "; "
FORMULA_START = ("=", "+", "-", "@")  # a spreadsheet would read such a cell as a formula
FORMATS = {  # format → (media type, file name)
    "csv": ("text/csv", "annonces-otan.csv"),
    "jsonl": ("application/x-ndjson", "annonces-otan.jsonl"),
}
MARK = re.compile(r"</?mark>")
EXPORT_SECONDS = 60  # an export still streaming after this stops: its connection ends in an error
EXPORT_RETRY_SECONDS = 5
SPACES = re.compile(r"\s+")


def hits(service: SearchService, request: SearchRequest, limit: int) -> tuple[int, Iterator[Hit]]:
    """The total, and the first `limit` hits of `request` in its order. The search runs now, once,
    so a bad request fails before anything is sent; later pages read on through its ranking."""
    size = min(PAGE_SIZE, limit)
    result = service.search(replace(request, page=1, per_page=size, facets=False))

    def pages() -> Iterator[Hit]:
        yield from result.hits[:limit]
        for first in range(size, min(limit, result.total), size):
            yield from result.hits_between(first, min(first + size, limit))

    return result.total, pages()


class ExportSlots:
    """Exports running in this worker process, in all and per client."""

    def __init__(self, slots: int):
        self.slots = slots
        self.running: Counter[str] = Counter()
        self.lock = threading.Lock()

    def take(self, client: str) -> bool:
        with self.lock:
            if self.running[client] or sum(self.running.values()) >= self.slots:
                return False
            self.running[client] += 1
            return True

    def give_back(self, client: str) -> None:
        with self.lock:
            self.running[client] -= 1
            if not self.running[client]:
                del self.running[client]


def export_response(service: SearchService, request: SearchRequest, format: str, formats: dict = FORMATS,
                    lines_of=None) -> Response:
    """The export; `formats` (format → media type, file name) and `lines_of(hits, format)` let
    another list (the quotations, web/quotes.py) export its own records the same way."""
    slots: ExportSlots = current_app.extensions["export_slots"]
    client = http_request.remote_addr or "unknown"
    streams = http_request.method != "HEAD"  # HEAD sends the headers only: it holds no thread
    if streams and not slots.take(client):
        busy = problem(429, "Too Many Requests", "an export is already running for this client, or every "
                       "export slot of this server is taken; retry after the delay given in Retry-After",
                       type_="/api/problems/export-busy")
        busy.headers["Retry-After"] = str(EXPORT_RETRY_SECONDS)
        return busy
    release = Once(lambda: slots.give_back(client) if streams else None)
    try:
        total, found = hits(service, request, EXPORT_LIMIT)
    except BaseException:
        release()
        raise
    if lines_of is not None:
        lines = lines_of(found, format)
    else:
        lines = csv_lines(found) if format == "csv" else jsonl_lines(found)
    mimetype, filename = formats[format]
    response = Response(stream_with_context(chunks(within_budget(lines, release))), mimetype=mimetype)
    response.call_on_close(release)  # also when the stream never started (HEAD, a client gone)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Export-Limit"] = str(EXPORT_LIMIT)
    return response


class Once:
    """Calls `action` the first time it is called, never again."""

    def __init__(self, action):
        self.action = action
        self.lock = threading.Lock()

    def __call__(self) -> None:
        with self.lock:
            action, self.action = self.action, None
        if action:
            action()


def within_budget(lines: Iterable[str], done) -> Iterator[str]:
    """The lines, until EXPORT_SECONDS have passed: then an error ends the stream, so the client sees
    an interrupted download (no final chunk) rather than a short file it would take as complete.
    `done` is called as soon as the stream ends, however it ends."""
    deadline = time.monotonic() + EXPORT_SECONDS
    try:
        for line in lines:
            if time.monotonic() > deadline:
                raise TimeoutError(f"export stopped after {EXPORT_SECONDS} s")
            yield line
    finally:
        done()


def chunks(lines: Iterable[str]) -> Iterator[bytes]:
    """PAGE_SIZE lines at a time: one write (and one gzip flush) per page, not per line."""
    lines = iter(lines)
    while batch := list(islice(lines, PAGE_SIZE)):
        yield "".join(batch).encode("utf-8")


def plain(snippet: str) -> str:
    """A snippet as plain text: no <mark>, no HTML escapes."""
    return html.unescape(MARK.sub("", snippet))


def first_snippet(hit: Hit) -> str:
    return plain(hit.snippets[0]) if hit.snippets else ""


def record(hit: Hit) -> dict:
    """One exported announcement: the hit's summary, its score and its first snippet as plain text."""
    return dict(announcement_summary(hit.announcement), score=hit.score, snippet=first_snippet(hit))


def jsonl_lines(found: Iterable[Hit]) -> Iterator[str]:
    for hit in found:
        yield json.dumps(record(hit), ensure_ascii=False) + "\n"


def csv_lines(found: Iterable[Hit]) -> Iterator[str]:
    yield "\ufeff" + csv_row(CSV_COLUMNS)  # the BOM makes spreadsheets read UTF-8, not Windows-1252
    for hit in found:
        a = hit.announcement
        yield csv_row([a.id, a.date.isoformat() if a.date else "", a.title, a.url or "",
                       *(MULTI_SEPARATOR.join(map(kind.label, getattr(a, kind.attribute))) for kind in FACETS),
                       first_snippet(hit)])


def csv_row(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """One line (one row per announcement, whatever the text holds), never run as a formula."""
    cell = SPACES.sub(" ", cell).strip()
    return "'" + cell if cell.startswith(FORMULA_START) else cell
