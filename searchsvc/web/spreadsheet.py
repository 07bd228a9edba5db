"""A search's announcements as an Excel workbook (.xlsx), the export French Excel opens as it is.

A CSV opens in one column in French Excel (it expects `;`), so the .xlsx is the export the page
recommends. Two sheets: « Recherche » says what was searched, when, and how many announcements were
found; « Annonces » (the sheet the workbook opens on) holds one row per announcement under a frozen
header row, the date as a real date, the links as hyperlinks. openpyxl's write-only mode streams
the rows to a temporary file, so memory stays flat up to the 10,000 rows of exports.EXPORT_LIMIT; the
workbook is sent once complete (a zip cannot be streamed before its end).
"""

from __future__ import annotations

import datetime
import tempfile
from typing import Iterable

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from searchsvc.facet_registry import BY_NAME, FACETS
from searchsvc.search import Hit, SearchRequest, SearchService
from searchsvc.web import exports
from searchsvc.web.errors import problem
from searchsvc.web.exports import MULTI_SEPARATOR, first_snippet, hits
from searchsvc.web.feed import page_url
from searchsvc.web.filenames import content_disposition, export_name
from searchsvc.web.french import date_label, insecable

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# (header, width in characters): widths chosen so a 1366 px screen shows date, title and link whole
COLUMNS = (("Date", 12), ("Titre", 60), ("Lien", 40), *((kind.title, 28) for kind in FACETS),
           ("Extrait", 80), ("Identifiant", 20))
XLSX_COLUMNS = tuple(header for header, _ in COLUMNS)
DATE_FORMAT = "DD/MM/YYYY"  # French order; Excel shows it in the reader's locale format anyway
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
SORT_LABELS = {"relevance": "pertinence", "date": "plus récentes d’abord", "date_asc": "plus anciennes d’abord"}
DESCRIPTION = (f"Sheet « Recherche »: the search, its date and totals; sheet « Annonces » (active): one row per "
               f"announcement, at most {exports.EXPORT_LIMIT:,}, columns {', '.join(XLSX_COLUMNS)}; a frozen header "
               "row, Date a date, Lien a hyperlink. Built whole before it is sent: a 503 asks to narrow the search "
               "when that takes longer than the export budget.")  # in the OpenAPI document
BOLD = Font(bold=True)
LINK = Font(color="0563C1", underline="single")  # Excel's own hyperlink style
WRAP = Alignment(wrap_text=True, vertical="top")


def xlsx_response(service: SearchService, request: SearchRequest) -> Response:
    release, busy = exports.taken_slot(True)  # the workbook is built whole, HEAD or GET: a thread is held
    if busy:
        return busy
    try:
        total, found = hits(service, request, exports.EXPORT_LIMIT)  # a bad request fails here, before any work
        body = tempfile.TemporaryFile()
        try:
            build(body, request, total, exports.within_budget(found, lambda: None))
        except TimeoutError:
            body.close()
            release()
            return problem(503, "Service Unavailable", f"the workbook took more than {exports.EXPORT_SECONDS} s "
                           "to build; narrow the search (filters, dates) or export it as CSV, which streams",
                           type_="/api/problems/export-too-long")
    except BaseException:
        release()
        raise
    size = body.tell()
    body.seek(0)
    response = Response(file_chunks(body, release), mimetype=MEDIA_TYPE)  # no direct_passthrough: it skips closing
    response.call_on_close(body.close)  # also when the body is never read (HEAD, a client gone)
    response.call_on_close(release)
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = content_disposition(export_name(request), "xlsx")
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Export-Limit"] = str(exports.EXPORT_LIMIT)
    return response


def build(body, request: SearchRequest, total: int, found: Iterable[Hit]) -> int:
    """The workbook written to the file `body`; returns how many announcements it holds."""
    workbook = Workbook(write_only=True)
    about, rows = workbook.create_sheet("Recherche"), workbook.create_sheet("Annonces")
    try:
        count = write_rows(rows, found)
    except BaseException:
        for sheet in workbook.worksheets:
            sheet.close()  # ends each sheet's temporary file now, not when collected
        raise
    write_search(about, request, total, count)
    workbook.active = 1  # open on the announcements
    workbook.save(body)
    return count


def file_chunks(file, done, size: int = 64 * 1024):
    """The file's bytes; once all are read (or the reading stops), the file is closed and `done` called."""
    try:
        while chunk := file.read(size):
            yield chunk
    finally:
        file.close()
        done()


def write_rows(sheet, found: Iterable[Hit]) -> int:
    for index, (header, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([styled(sheet, header, BOLD) for header, _ in COLUMNS])
    count = 0
    for hit in found:
        a = hit.announcement
        date = WriteOnlyCell(sheet, a.date)
        if a.date:
            date.number_format = DATE_FORMAT
        link = text(sheet, a.url or "")
        if a.url and a.url.startswith(("https://", "http://")):
            link.hyperlink, link.font = a.url, LINK
        facets = [text(sheet, MULTI_SEPARATOR.join(map(kind.label, getattr(a, kind.attribute)))) for kind in FACETS]
        sheet.append([date, styled(sheet, a.title, WRAP), link, *facets,
                      styled(sheet, first_snippet(hit), WRAP), text(sheet, a.id)])
        count += 1
    return count


def write_search(sheet, request: SearchRequest, total: int, exported: int) -> None:
    """What was searched: the query, each filter, the dates, the order, when, and how many."""
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 24, 80
    lines = [("Recherche", request.q.strip() or "(toutes les annonces)")]
    for facet, values in request.filters.items():
        if values:
            kind = BY_NAME[facet]
            lines.append((kind.title, MULTI_SEPARATOR.join(map(kind.label, values))))
    if request.date_from or request.date_to:
        lines.append(("Période", date_label(*(d.isoformat() if d else "" for d in (request.date_from,
                                                                                   request.date_to)))))
    lines.append(("Ordre", SORT_LABELS[request.effective_sort.value]))
    sheet.append([styled(sheet, "Annonces de l’OTAN", BOLD)])
    for name, value in lines:
        sheet.append([styled(sheet, name, BOLD), text(sheet, value)])
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    exported_at = WriteOnlyCell(sheet, now)  # Excel dates carry no time zone: UTC, said in the label
    exported_at.number_format = "DD/MM/YYYY HH:MM"
    sheet.append([styled(sheet, "Exporté le (UTC)", BOLD), exported_at])
    sheet.append([styled(sheet, "Annonces trouvées", BOLD), total])
    sheet.append([styled(sheet, "Annonces exportées", BOLD), exported])
    link = text(sheet, page_url())
    link.hyperlink, link.font = link.value, LINK
    sheet.append([styled(sheet, "La recherche en ligne", BOLD), link])
    sheet.append([styled(sheet, "Colonnes", BOLD), text(sheet, insecable(
        f"une ligne par annonce ; plusieurs valeurs d’une cellule séparées par « {MULTI_SEPARATOR.strip()} »"))])


def text(sheet, value: str) -> WriteOnlyCell:
    """A text cell, always text: never a formula whatever it starts with, never an illegal character."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS])
    cell.data_type = "s"
    return cell


def styled(sheet, value: str, style) -> WriteOnlyCell:
    cell = text(sheet, value)
    if isinstance(style, Font):
        cell.font = style
    else:
        cell.alignment = style
    return cell
