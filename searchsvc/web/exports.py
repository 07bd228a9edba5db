"""Whole result sets, streamed: CSV for spreadsheets, JSON Lines for programs.

`hits` pages through the search service and yields each page's hits as they are read, so an export
of 10,000 announcements never sits in memory; the Atom feed (feed.py) reads its entries the same way.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import replace
from itertools import islice
from typing import Iterable, Iterator

from flask import Response, stream_with_context

from searchsvc.facet_registry import FACETS
from searchsvc.search import Hit, SearchRequest, SearchService
from searchsvc.search.request import MAX_RESULT_WINDOW
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
SPACES = re.compile(r"\s+")


def hits(service: SearchService, request: SearchRequest, limit: int) -> tuple[int, Iterator[Hit]]:
    """The total, and the first `limit` hits of `request` in its order. The first page is searched
    now, so a bad request fails before anything is sent; the others as the hits are consumed."""
    size = min(PAGE_SIZE, limit)

    def search(page: int):
        return service.search(replace(request, page=page, per_page=size, facets=False))

    first = search(1)

    def pages() -> Iterator[Hit]:
        result, page, left = first, 1, min(limit, first.total)
        while True:
            yield from result.hits[:left]
            left -= len(result.hits)
            if left <= 0 or len(result.hits) < size:
                return
            page += 1
            result = search(page)

    return first.total, pages()


def export_response(service: SearchService, request: SearchRequest, format: str) -> Response:
    total, found = hits(service, request, EXPORT_LIMIT)
    lines = csv_lines(found) if format == "csv" else jsonl_lines(found)
    mimetype, filename = FORMATS[format]
    response = Response(stream_with_context(chunks(lines)), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Export-Limit"] = str(EXPORT_LIMIT)
    return response


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
