"""HTTP manners of the API that clients rely on: request ids, CORS, conditional GETs tied to the
index, gzip — through the real app over real indexes."""

import gzip
import re

import pytest

from api_contract import contract_client

CACHED = ["/api/search?q=otan", "/api/search.csv?q=otan", "/api/search.jsonl", "/api/search.atom?q=otan",
          "/api/documents/004_9d7011adf31f2f35", "/api/documents/004_9d7011adf31f2f35/similar",
          "/api/facets/country?prefix=bel", "/api/openapi.json"]


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def test_every_answer_carries_a_request_id_and_honours_a_sane_one(client):
    generated = {client.get(path).headers["X-Request-ID"] for path in ("/api/search", "/api/nope", "/")}
    assert len(generated) == 3 and all(re.fullmatch("[0-9a-f]{32}", rid) for rid in generated)
    for sane in ("3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f", "Root=1-5759e988-bd862e3fe1be46a994272793", "a"):
        assert client.get("/api/search", headers={"X-Request-ID": sane}).headers["X-Request-ID"] == sane
    for insane in ("two words", "x" * 129, "é", "<script>", ""):
        echoed = client.get("/api/search?page=0", headers={"X-Request-ID": insane}).headers["X-Request-ID"]
        assert re.fullmatch("[0-9a-f]{32}", echoed), insane


@pytest.mark.parametrize("path", ["/api/search?q=otan", "/api/search?page=0", "/api/documents/nope",
                                  "/api/nothing", "/api/search.csv"])
def test_any_origin_may_read_the_api(client, path):
    headers = client.get(path, headers={"Origin": "https://newsroom.example"}).headers
    assert headers["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip() for h in headers["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "X-Request-ID", "X-Total-Count", "X-Export-Limit"} <= exposed


def test_cors_preflight_is_answered(client):
    response = client.options("/api/search", headers={
        "Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-request-id, if-none-match"})
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"x-request-id", "if-none-match"} <= allowed and int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Origin" not in client.get("/").headers  # the pages are not an API


@pytest.mark.parametrize("path", CACHED)
def test_a_client_holding_the_current_answer_gets_304(client, path):
    first = client.get(path)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    assert first.headers["Cache-Control"] == "public, max-age=60"
    for held in (etag, etag.removeprefix("W/"), f'"other", {etag}'):
        again = client.get(path, headers={"If-None-Match": held})
        assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
        assert again.headers["Cache-Control"] == "public, max-age=60" and "Accept-Encoding" in again.headers["Vary"]
    assert client.get(path, headers={"If-None-Match": 'W/"stale"'}).status_code == 200


def test_etags_belong_to_one_url(client):
    otan = client.get("/api/search?q=otan").headers["ETag"]
    assert client.get("/api/search?q=nato").headers["ETag"] != otan
    assert client.get("/api/search?q=nato", headers={"If-None-Match": otan}).status_code == 200


def test_health_is_never_cached(client):
    response = client.get("/api/health")
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_a_new_index_changes_the_etags(tiny_index):
    service = tiny_index(("a", "Le sommet de l'OTAN."))
    client = contract_client(service.index_root)
    before = client.get("/api/search?q=sommet")
    tiny_index(("a", "Le sommet de l'OTAN."), ("b", "Un autre sommet."))  # a new build, switched in
    after = client.get("/api/search?q=sommet", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.get_json()["total"] == 2
    assert after.headers["ETag"] != before.headers["ETag"]


@pytest.mark.parametrize("path", ["/api/search?q=otan", "/api/search.atom", "/api/search.csv?q=otan",
                                  "/api/search.jsonl", "/api/documents/004_9d7011adf31f2f35"])
def test_answers_are_gzipped_for_clients_that_take_gzip(client, path):
    plain = client.get(path)
    zipped = client.get(path, headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers and zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    unzipped = gzip.decompress(zipped.get_data())
    if zipped.mimetype == "application/json":  # took_ms differs from one search to the next
        assert {**zipped.json_module.loads(unzipped), "took_ms": 0} == {**plain.get_json(), "took_ms": 0}
    else:
        assert unzipped == plain.get_data()


def test_no_gzip_when_refused_or_not_worth_it(client):
    assert "Content-Encoding" not in client.get("/api/search", headers={"Accept-Encoding": "gzip;q=0"}).headers
    assert "Content-Encoding" not in client.get("/api/health", headers={"Accept-Encoding": "gzip"}).headers


def test_head_answers_the_headers_of_get(client):
    for path in ("/api/search?q=otan", "/api/search.csv?q=otan"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200 and head.get_data() == b""
        assert head.headers["ETag"] == get.headers["ETag"] and head.content_type == get.content_type
