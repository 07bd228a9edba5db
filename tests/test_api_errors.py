"""Whatever a client sends, the API answers with a clear problem, never a server error: hostile and
malformed inputs through the real app over a real index."""

import pytest

from api_contract import contract_client
from searchsvc.web import create_app

ENDPOINTS = ["/api/search", "/api/search.csv", "/api/search.jsonl", "/api/search.atom"]


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def problem(response, status: int, parameter: str | None = None) -> dict:
    assert response.status_code == status and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    if parameter is not None:
        assert body["parameter"] == parameter and body["type"] == "/api/problems/invalid-parameter"
    return body


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("query,parameter", [
    ("q=" + "a" * 10_000, "q"),  # 10 kB
    ("q=otan%00", "q"),
    ("person=%00", "person"),
    ("q=%22sommet+de+Vilnius", "q"),  # unpaired quote
    ("q=*", "q"), ("q=a*", "q"), ("q=**otan", "q"),
    ("q=otan+OR", "q"),
    ("q=" + "+OR+".join(["otan"] * 40), "q"),  # more parts than a query may have
    ("q=" + "+OR+".join(f"mot{i}" for i in range(200)), "q"),  # 200 ORs: too long too
    ("q=%FF%FE", "q"),  # not UTF-8
    ("q=%C3%28", "q"),  # a broken two-byte sequence
    ("from=2025-02-30", "from"), ("to=20250101", "to"), ("from=%D9%A2%D9%A0%D9%A2%D9%A5", "from"),  # Arabic digits
    ("from=0999", "from"), ("to=2024-13-45", "to"), ("from=", "from"), ("to=", "to"),
    ("q=otan&q=nato", "q"), ("from=2025&from=2026", "from"),
    ("country=" + "x" * 1001, "country"),
    ("topic=" + "&topic=".join(str(i) for i in range(51)), "topic"),
])
def test_bad_input_is_a_400_naming_the_parameter(client, endpoint, query, parameter):
    problem(client.get(f"{endpoint}?{query}"), 400, parameter)


@pytest.mark.parametrize("query,parameter", [
    ("page=0", "page"), ("page=-1", "page"), ("per_page=1000", "per_page"), ("per_page=0", "per_page"),
    ("page=" + "9" * 400, "page"), ("per_page=1e3", "per_page"), ("page=%EF%BC%91", "page"),  # fullwidth 1
    ("page=101&per_page=100", "page"), ("page=10001", "page"), ("page=1&page=2", "page"), ("sort=best", "sort"), ("per_page=", "per_page"),
    ("page=", "page"), ("sort=", "sort"),
])
def test_bad_paging_is_a_400(client, query, parameter):
    problem(client.get("/api/search?" + query), 400, parameter)


def test_an_inverted_date_range_is_read_the_other_way_round(client):
    inverted = client.get("/api/search?from=2026&to=2025-03").get_json()
    ordered = client.get("/api/search?from=2025-03-01&to=2026-12-31").get_json()
    assert inverted["total"] == ordered["total"] > 0
    assert [h["id"] for h in inverted["hits"]] == [h["id"] for h in ordered["hits"]]


def test_raw_bytes_in_the_query_string_are_read_as_utf8_or_refused(client):
    accented = client.get("/api/search", environ_overrides={"QUERY_STRING": "q=s\xc3\xa9curit\xc3\xa9"})
    assert accented.status_code == 200 and accented.get_json()["query"]["q"] == "sécurité"
    problem(client.get("/api/search", environ_overrides={"QUERY_STRING": "q=s\xe9curit\xe9"}), 400, "q")


@pytest.mark.parametrize("query", [
    "((otan", "otan)", "%22%22", "-", "%25zz", "q=%E2%80%8B", "personne%3A", "a%3Ab%3Ac",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%CC%81", "%EF%BF%BF", "OTAN+-+otan", "---otan",
])
def test_odd_but_valid_queries_answer_200(client, query):
    assert client.get("/api/search?q=" + query).status_code == 200


@pytest.mark.parametrize("path", ["/api/search?q=zzzqx+yyyqx&sort=date", "/api/search?q=zzzqx+yyyqx&sort=date_asc",
                                  "/api/search.atom?q=zzzqx+yyyqx", "/api/search.csv?q=zzzqx+yyyqx&sort=date"])
def test_words_found_nowhere_sorted_by_date_are_zero_hits(client, path):
    """Found by fuzzing: two or more words that no announcement holds, sorted by date (as the feed
    always is), must answer an empty result, not a server error."""
    assert client.get(path).status_code == 200


def test_unknown_values_and_parameters_are_not_errors(client):
    assert client.get("/api/search?topic=no-such-topic&colour=blue").get_json()["total"] == 0
    assert client.get("/api/facets/person?prefix=zzzz").get_json()["values"] == []


def test_unknown_ids_and_facets_are_404_problems(client):
    assert problem(client.get("/api/documents/nope"), 404)["type"] == "/api/problems/unknown-id"
    problem(client.get("/api/documents/%00/similar"), 404)
    problem(client.get("/api/documents/" + "x" * 5000), 404)
    assert problem(client.get("/api/facets/year"), 404)["type"] == "/api/problems/unknown-facet"
    problem(client.get("/api/nothing/here"), 404)


@pytest.mark.parametrize("path", ["/api/search", "/api/search.csv", "/api/documents/004_9d7011adf31f2f35",
                                  "/api/facets/person", "/api/health", "/api/openapi.json"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(client, path, method):
    response = client.open(path, method=method, data=b"\x00\xff")
    problem(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_markup_in_the_texts_comes_back_escaped(tiny_index):
    service = tiny_index(
        {"id": "xss", "title": "<script>alert(1)</script> Sommet", "date": "2025-01-02",
         "text": "Le sommet <img src=x onerror=alert(1)> a eu lieu. <b>Gras</b> & « sommet »."})
    client = contract_client(service.index_root)
    hit = client.get("/api/search?q=sommet").get_json()["hits"][0]
    assert hit["title"] == "<script>alert(1)</script> Sommet"  # the data as it is…
    assert hit["title_html"] == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Sommet</mark>"  # …and as HTML
    markup = " ".join(hit["snippets"]).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup and "&amp;" in markup


def test_without_an_index_the_api_answers_503(tmp_path):
    client = contract_client(tmp_path)
    for path in ("/api/search", "/api/search.csv", "/api/search.atom", "/api/documents/x", "/api/facets/person"):
        problem(client.get(path), 503)
    assert client.get("/api/openapi.json").status_code == 200  # the document needs no index


def test_an_unexpected_failure_is_a_plain_500_problem_logged_with_the_request_id(seed_index, caplog):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True})
    app.add_url_rule("/api/boom", "boom", lambda: 1 / 0)
    response = app.test_client().get("/api/boom", headers={"X-Request-ID": "trace-42"})
    body = problem(response, 500)
    assert "ZeroDivisionError" not in response.get_data(as_text=True) and "Traceback" not in body["detail"]
    assert response.headers["X-Request-ID"] == "trace-42"
    assert any("[request trace-42]" in record.getMessage() and record.exc_info for record in caplog.records)


def test_people_still_get_french_error_pages(client):
    response = client.get("/pas-de-page-ici")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Page introuvable" in response.get_data(as_text=True)
    response = client.post("/annonce/004_9d7011adf31f2f35")
    assert response.status_code == 405 and response.mimetype == "text/html" and "GET" in response.headers["Allow"]
