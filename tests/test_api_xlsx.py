"""The .xlsx export, read back with openpyxl (the reading side of the library that wrote it), and
export file names, through the real app over real indexes."""

import datetime
import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from unidecode import unidecode

from api_contract import contract_client
from searchsvc.web import create_app, exports

HEADERS = ["Date", "Titre", "Lien", "Personnes", "Pays", "Régions", "Thèmes", "Extrait", "Identifiant"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def workbook(response):
    assert response.status_code == 200 and response.mimetype == XLSX
    return load_workbook(io.BytesIO(response.get_data()))


def search_ids(client, query: str) -> list[str]:
    return [hit["id"] for hit in client.get(f"/api/search?{query}&per_page=100").get_json()["hits"]]


def test_xlsx_holds_one_typed_row_per_announcement_under_a_frozen_header(client):
    response = client.get("/api/search.xlsx?q=otan&page=2&per_page=1")  # paging parameters are ignored
    book = workbook(response)
    assert book.sheetnames == ["Recherche", "Annonces"] and book.active.title == "Annonces"
    sheet = book["Annonces"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and sheet.freeze_panes == "A2"
    assert [row[-1] for row in rows[1:]] == search_ids(client, "q=otan")
    assert response.headers["X-Total-Count"] == str(len(rows) - 1) == "5"
    dated = [row for row in rows[1:] if row[0] is not None]
    assert dated and all(isinstance(row[0], datetime.datetime) for row in dated)  # a date, not text
    assert sheet.cell(row=2, column=1).number_format == "DD/MM/YYYY"
    by_id = {row[-1]: dict(zip(HEADERS, row)) for row in rows[1:]}
    armenia = by_id["003_020f54d4096a0fed"]
    assert armenia["Date"].date() == datetime.date(2025, 12, 18)
    assert armenia["Pays"] == "Arménie; Azerbaïdjan; États-Unis; Kosovo"
    assert all(row["Extrait"] and "<mark>" not in row["Extrait"] for row in by_id.values())


def test_xlsx_links_are_hyperlinks_and_text_never_runs_as_a_formula(tiny_index):
    service = tiny_index({"id": "f1", "title": "=HYPERLINK(\"http://example.com\",\"x\")", "date": "2025-01-01",
                          "url": "https://www.nato.int/cps/fr/natohq/news_1.htm", "text": "Un texte de l'OTAN."})
    sheet = workbook(contract_client(service.index_root).get("/api/search.xlsx"))["Annonces"]
    title, link = sheet.cell(row=2, column=2), sheet.cell(row=2, column=3)
    assert title.data_type == "s" and title.value == "=HYPERLINK(\"http://example.com\",\"x\")"
    assert link.value == "https://www.nato.int/cps/fr/natohq/news_1.htm"
    assert link.hyperlink is not None and link.hyperlink.target == link.value


def test_xlsx_first_sheet_states_the_search_its_date_and_totals(client):
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    book = workbook(client.get("/api/search.xlsx?q=otan&country=AM&from=2025&to=2025"))
    about = {row[0]: row[1] for row in book["Recherche"].iter_rows(values_only=True) if len(row) > 1}
    assert about["Recherche"] == "otan" and about["Pays"] == "Arménie"
    assert about["Période"] == "année 2025" and about["Annonces trouvées"] == about["Annonces exportées"] == 1
    assert abs(about["Exporté le (UTC)"] - before) < datetime.timedelta(minutes=2)
    assert about["La recherche en ligne"].startswith("http://localhost/recherche?q=otan&country=AM")


def test_xlsx_stops_at_the_export_limit(tiny_index, monkeypatch):
    service = tiny_index(*[{"id": f"a{i:02}", "date": f"2024-01-{i + 1:02}", "text": f"Annonce {i} de l'OTAN."}
                           for i in range(12)])
    monkeypatch.setattr(exports, "PAGE_SIZE", 4)
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 10)
    response = contract_client(service.index_root).get("/api/search.xlsx")
    book = workbook(response)
    assert book["Annonces"].max_row == 11 and response.headers["X-Total-Count"] == "12"


def test_a_bad_search_is_a_400_before_any_workbook(client):
    response = client.get("/api/search.xlsx?q=%22sommet")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("query, name", [
    ("q=cyberdéfense&from=2020&to=2024", "otan-cyberdéfense-2020-2024"),
    ("topic=cyberdefense&from=2020-01-01&to=2024-12-31", "otan-cyberdéfense-2020-2024"),
    ("country=UA&country=RU&from=2023-04&to=2023-04", "otan-ukraine-russie-2023-04"),
    ("q=otan sommet&from=2022-03-15", "otan-sommet-depuis-2022-03-15"),
    ("region=europe-occidentale&to=2019", "otan-europe-de-louest-jusqu-a-2019"),
    ("", "otan-annonces"),
])
def test_every_export_is_named_after_its_search(client, query, name):
    for extension in ("csv", "jsonl", "xlsx"):
        header = client.get(f"/api/search.{extension}?{query}").headers["Content-Disposition"]
        ascii_name, utf8_name = header.split("; filename*=UTF-8''")
        assert unquote(utf8_name) == f"{name}.{extension}"
        assert ascii_name == f'attachment; filename="{unidecode(name)}.{extension}"'  # é → e


def test_xlsx_is_sent_whole_and_never_gzipped_again(client):
    response = client.get("/api/search.xlsx?q=otan", headers={"Accept-Encoding": "gzip"})
    body = response.get_data()
    assert "Content-Encoding" not in response.headers  # a zip already: gzip would only cost time
    assert int(response.headers["Content-Length"]) == len(body) and body[:2] == b"PK"
    assert workbook(response)["Annonces"].max_row == 6


def test_xlsx_takes_the_clients_export_slot_while_it_is_built_and_sent(seed_index):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "RATE_LIMIT": "off", "EXPORT_SLOTS": 1})
    client = app.test_client()
    slots = app.extensions["export_slots"]
    assert slots.take("127.0.0.9")  # another client's export holds the worker's only slot
    busy = client.get("/api/search.xlsx?q=otan")
    assert busy.status_code == 429 and busy.mimetype == "application/problem+json" and busy.headers["Retry-After"]
    slots.give_back("127.0.0.9")
    opened = client.get("/api/search.xlsx?q=otan", buffered=False)
    assert opened.status_code == 200 and slots.running  # held until the workbook is sent…
    opened.get_data()
    assert not slots.running  # …then given back, as soon as the last byte is read


def test_an_xlsx_over_its_time_budget_is_a_clear_error_and_frees_its_slot(seed_index, monkeypatch):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "RATE_LIMIT": "off"})
    monkeypatch.setattr(exports, "EXPORT_SECONDS", -1)  # every export is already late
    response = app.test_client().get("/api/search.xlsx?q=otan")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert "CSV" in response.get_json()["detail"]
    assert not app.extensions["export_slots"].running
