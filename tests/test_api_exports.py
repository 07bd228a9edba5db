"""Exports of a whole result set (CSV, JSON Lines) and the Atom feed of a search, through the real app
over real indexes; streaming checked over HTTP with gunicorn."""

import csv
import gzip
import io
import json
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from api_contract import contract_client, validate
from searchsvc.web import exports, feed
from conftest import http_get as get

ATOM = "{http://www.w3.org/2005/Atom}"
COLUMNS = ["id", "date", "title", "url", "persons", "countries", "regions", "topics", "snippet"]


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def csv_rows(response) -> list[dict]:
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")  # the BOM spreadsheets need to read UTF-8
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == COLUMNS
    return [dict(zip(COLUMNS, row)) for row in rows[1:]]


def search_ids(client, query: str) -> list[str]:
    return [hit["id"] for hit in client.get(f"/api/search?{query}&per_page=100").get_json()["hits"]]


def test_csv_export_is_a_spreadsheet_download_of_the_whole_result_set(client):
    response = client.get("/api/search.csv?q=otan&page=3&per_page=1")  # paging parameters are ignored
    assert response.status_code == 200 and response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == ('attachment; filename="otan.csv"; '
                                                          "filename*=UTF-8''otan.csv")  # named after the search
    assert response.headers["X-Total-Count"] == "5" and response.headers["X-Export-Limit"] == "10000"
    rows = csv_rows(response)
    assert [row["id"] for row in rows] == search_ids(client, "q=otan")  # one row each, in search order
    by_id = {row["id"]: row for row in rows}
    armenia = by_id["003_020f54d4096a0fed"]
    assert armenia["date"] == "2025-12-18" and armenia["url"] == ""
    assert armenia["persons"].startswith("Radmila Shekerinska; Nikol Pachinian; ")
    assert armenia["countries"] == "Arménie; Azerbaïdjan; États-Unis; Kosovo"  # labels, for people
    assert "Caucase du Sud" in armenia["regions"].split("; ") and "Partenariats" in armenia["topics"]
    assert all(row["snippet"] and "<mark>" not in row["snippet"] for row in rows)
    assert any("OTAN" in row["snippet"] for row in rows)


def test_csv_export_follows_the_filters(client):
    rows = csv_rows(client.get("/api/search.csv?country=AM&from=2025"))
    assert [row["id"] for row in rows] == ["003_020f54d4096a0fed"]
    assert csv_rows(client.get("/api/search.csv?country=ZZ")) == []


def test_csv_cells_stay_on_one_line_and_never_run_as_formulas(tiny_index):
    service = tiny_index({"id": "f1", "title": "=HYPERLINK(\"http://example.com\",\"x\")", "date": "2025-01-01",
                          "text": "Première ligne, \"citée\" ;\nseconde ligne\r\n\tavec tabulation."},
                         {"id": "f2", "title": "@SUM(A1:A2)", "date": "2024-01-01", "text": "+ autre texte"})
    text = contract_client(service.index_root).get("/api/search.csv").get_data().decode("utf-8")
    assert len(text.splitlines()) == 3  # a header and one line per announcement
    rows = {row["id"]: row for row in csv_rows(contract_client(service.index_root).get("/api/search.csv"))}
    assert rows["f1"]["title"] == "'=HYPERLINK(\"http://example.com\",\"x\")"
    assert rows["f1"]["snippet"] == "Première ligne, \"citée\" ; seconde ligne avec tabulation."
    assert rows["f2"]["title"] == "'@SUM(A1:A2)" and rows["f2"]["snippet"] == "'+ autre texte"


def test_jsonl_export_has_one_documented_record_per_line(client):
    response = client.get("/api/search.jsonl?q=s%C3%A9curit%C3%A9")
    assert response.mimetype == "application/x-ndjson"
    assert response.headers["Content-Disposition"] == ('attachment; filename="otan-securite.jsonl"; '
                                                          "filename*=UTF-8''otan-s%C3%A9curit%C3%A9.jsonl")
    lines = response.get_data(as_text=True).splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        validate(record, "ExportRecord")
    assert [r["id"] for r in records] == search_ids(client, "q=s%C3%A9curit%C3%A9")
    assert len(records) == int(response.headers["X-Total-Count"]) >= 2
    assert all(r["score"] > 0 and "<mark>" not in r["snippet"] for r in records)


def test_exports_page_through_the_results_and_stop_at_the_limit(tiny_index, monkeypatch):
    service = tiny_index(*[{"id": f"a{i:02}", "date": f"2024-01-{i + 1:02}", "text": f"Annonce numéro {i} de l'OTAN."}
                           for i in range(25)])
    monkeypatch.setattr(exports, "PAGE_SIZE", 4)  # several pages…
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 10)  # …and a cap inside the result set
    client = contract_client(service.index_root)
    response = client.get("/api/search.jsonl?q=otan&sort=date")
    assert response.headers["X-Total-Count"] == "25" and response.headers["X-Export-Limit"] == "10"
    ids = [json.loads(line)["id"] for line in response.get_data(as_text=True).splitlines()]
    assert ids == [f"a{i:02}" for i in range(24, 14, -1)]  # the 10 newest, in order, no page twice
    rows = csv_rows(client.get("/api/search.csv?q=otan&sort=date_asc"))
    assert [row["id"] for row in rows] == [f"a{i:02}" for i in range(10)]


def test_exports_are_streamed_over_http_and_gzipped_on_request(served):  # noqa: F811
    status, headers, plain = get(served + "/api/search.csv?q=otan")
    assert status == 200 and headers["Transfer-Encoding"] == "chunked" and "Content-Length" not in headers
    assert plain.decode("utf-8").count("\n") == 6
    request = urllib.request.Request(served + "/api/search.csv?q=otan", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip" and response.headers["X-Total-Count"] == "5"
        assert gzip.decompress(response.read()) == plain


def atom(response) -> ET.Element:
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == ATOM + "feed"
    return root


def test_the_feed_is_atom_with_the_newest_announcements_first(client):
    root = atom(client.get("/api/search.atom?q=otan&sort=relevance"))  # a feed is always newest first
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + tag).text, tag
    assert "«\u00a0otan\u00a0»" in root.find(ATOM + "title").text
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links["self"] == "http://localhost/api/search.atom?q=otan&sort=relevance"
    assert links["alternate"] == "http://localhost/recherche?q=otan&sort=relevance"
    entries = root.findall(ATOM + "entry")
    assert [e.find(ATOM + "id").text.rsplit("/", 1)[1] for e in entries] == search_ids(client, "q=otan&sort=date")
    updated = [e.find(ATOM + "updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and updated[0] == "2026-02-20T00:00:00Z"
    for entry in entries:
        assert entry.find(ATOM + "title").text and entry.find(ATOM + "author/" + ATOM + "name").text
        summary = entry.find(ATOM + "summary").text
        assert summary and "<mark>" not in summary
        alternate = entry.find(ATOM + "link[@rel='alternate']").get("href")
        assert alternate == entry.find(ATOM + "id").text  # no source URL in the seeds: our page
        assert client.get(alternate.removeprefix("http://localhost")).status_code == 200


def test_the_feed_holds_at_most_its_entry_count_and_may_be_empty(client, monkeypatch):
    monkeypatch.setattr(feed, "FEED_ENTRIES", 2)
    assert len(atom(client.get("/api/search.atom")).findall(ATOM + "entry")) == 2
    empty = atom(client.get("/api/search.atom?country=ZZ"))
    assert empty.findall(ATOM + "entry") == [] and empty.find(ATOM + "updated").text


def test_the_feed_links_to_the_source_and_escapes_what_it_carries(tiny_index):
    service = tiny_index(
        {"id": "src", "url": "https://www.nato.int/cps/fr/natohq/news_1.htm", "date": "2025-03-04",
         "title": "<b>Sommet</b> & « alliés »\x0b", "text": "Le sommet <script>alert(1)</script> des alliés."},
        {"id": "js", "url": "javascript:alert(1)", "date": "2025-03-03", "text": "Un autre sommet."})
    root = atom(contract_client(service.index_root).get("/api/search.atom?q=sommet"))
    first, second = root.findall(ATOM + "entry")
    assert first.find(ATOM + "title").text == "<b>Sommet</b> & « alliés »"  # as text, the control character gone
    assert first.find(ATOM + "link[@rel='alternate']").get("href") == "https://www.nato.int/cps/fr/natohq/news_1.htm"
    assert first.find(ATOM + "link[@rel='related']").get("href") == "http://localhost/annonce/src"
    assert "<script>alert(1)</script>" in first.find(ATOM + "summary").text  # plain text, escaped in the XML
    assert second.find(ATOM + "link[@rel='alternate']").get("href") == "http://localhost/annonce/js"
