"""The JSON API through the real Flask app over a real index (DESIGN §7). Every /api/ answer these
tests receive is also checked against the OpenAPI document (api_contract)."""

import pytest

from api_contract import contract_client

SEED_IDS = {"000_e8779f524c90764a", "001_9357988c91d7e8a6", "002_f00ededd1b5c6a62", "003_020f54d4096a0fed",
            "004_9d7011adf31f2f35"}


@pytest.fixture()
def client(seed_index):
    return contract_client(seed_index)


def test_health_reports_the_index(client):
    body = client.get("/api/health").get_json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["generation"].startswith("gen-")


def test_search_answers_in_the_contract_shape(client):
    response = client.get("/api/search?q=mobilit%C3%A9+militaire&person=Radmila+Shekerinska")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) >= {"query", "total", "took_ms", "hits", "facets", "suggestion", "relaxed"}
    assert body["query"]["q"] == "mobilité militaire"
    assert body["query"]["filters"] == {"person": ["Radmila Shekerinska"]}
    assert body["query"]["sort"] == "relevance" and body["query"]["page"] == 1 and body["query"]["per_page"] == 10
    assert body["total"] == 1 and not body["relaxed"] and body["facets_cut"] is False
    hit = body["hits"][0]
    assert hit["id"] == "004_9d7011adf31f2f35" and hit["date"] == "2025-11-17"
    assert set(hit) >= {"id", "title", "date", "url", "persons", "countries", "regions", "topics", "score", "snippets"}
    assert "Radmila Shekerinska" in hit["persons"]
    assert all(set(c) == {"code", "label"} for c in hit["countries"])
    assert any("<mark>mobilité</mark>" in s for s in hit["snippets"])
    assert set(body["facets"]) == {"person", "country", "region", "topic", "year"}
    person = {v["value"]: v for v in body["facets"]["person"]}
    assert person["Radmila Shekerinska"]["selected"] and person["Radmila Shekerinska"]["count"] == 1


def test_document_by_id_has_the_whole_text_and_no_chrome(client):
    body = client.get("/api/documents/004_9d7011adf31f2f35").get_json()
    assert body["text"].startswith("Ce mercredi (17 novembre 2025)")
    assert "newsletter" not in body["text"] and "mot de passe" not in body["text"]
    assert body["date"] == "2025-11-17"


def test_unknown_document_is_a_404_problem(client):
    response = client.get("/api/documents/nope")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


@pytest.mark.parametrize("query,parameter", [
    ("q=%22unclosed", "q"), ("page=0", "page"), ("per_page=1000", "per_page"), ("sort=best", "sort"),
    ("from=2025-13-01", "from"), ("to=hier", "to"), ("page=abc", "page"), ("q=" + "a" * 501, "q"),
])
def test_bad_parameters_are_400_problems(client, query, parameter):
    response = client.get("/api/search?" + query)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400 and body["parameter"] == parameter and body["detail"]
    assert set(body) >= {"type", "title", "status", "detail"}


def test_unknown_facet_value_is_zero_hits_not_an_error(client):
    body = client.get("/api/search?country=ZZ").get_json()
    assert body["total"] == 0 and body["hits"] == []


def test_wrong_method_and_unknown_route(client):
    assert client.post("/api/search").status_code == 405
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_search_page_speaks_french_and_escapes(client):
    response = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E+otan")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="fr">' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "annonce" in html


def test_bad_query_on_the_page_is_read_as_words(client):
    response = client.get('/recherche?q=%22voisinage+m%C3%A9ridional')
    assert response.status_code == 200
    assert "<mark>" in response.get_data(as_text=True)


def test_announcement_page(client):
    response = client.get("/annonce/004_9d7011adf31f2f35")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "17 novembre 2025" in html
    assert client.get("/annonce/inconnue").status_code == 404


def test_similar_lists_five_other_announcements(client):
    body = client.get("/api/documents/004_9d7011adf31f2f35/similar").get_json()
    ids = [s["id"] for s in body["similar"]]
    assert ids and len(ids) <= 5 and "004_9d7011adf31f2f35" not in ids
    assert client.get("/api/documents/nope/similar").status_code == 404


def test_facet_autocomplete_ignores_accents(client):
    body = client.get("/api/facets/person?prefix=sheke").get_json()
    assert [v["value"] for v in body["values"]] == ["Radmila Shekerinska"]
    assert body["values"][0]["count"] == 3
    for prefix in ("turk", "Türk", "TURKIYE"):
        values = client.get(f"/api/facets/country?prefix={prefix}").get_json()["values"]
        assert [v["value"] for v in values] == ["TR"], prefix
    assert client.get("/api/facets/colour").status_code == 404
    assert client.get("/api/facets/person?limit=0").status_code == 400


def test_without_a_query_everything_comes_newest_first(client):
    body = client.get("/api/search").get_json()
    assert body["query"]["sort"] == "date" and body["total"] == 5
    dates = [hit["date"] for hit in body["hits"]]
    assert dates == sorted(dates, reverse=True) and all(hit["score"] is None for hit in body["hits"])
    oldest = client.get("/api/search?sort=date_asc").get_json()
    assert [hit["id"] for hit in oldest["hits"]] == [hit["id"] for hit in reversed(body["hits"])]


def test_pages_cover_the_results_once_each(client):
    pages = [client.get(f"/api/search?q=otan&per_page=2&page={page}").get_json() for page in (1, 2, 3, 4)]
    ids = [hit["id"] for body in pages for hit in body["hits"]]
    assert len(ids) == len(set(ids)) == 5 == pages[0]["total"]
    assert pages[3]["hits"] == [] and pages[3]["total"] == 5
    assert [body["query"]["page"] for body in pages] == [1, 2, 3, 4]


def test_date_range_with_years_and_months(client):
    body = client.get("/api/search?from=2025&to=2025-11").get_json()
    assert body["query"]["from"] == "2025-01-01" and body["query"]["to"] == "2025-11-30"
    assert [hit["id"] for hit in body["hits"]] == ["004_9d7011adf31f2f35"]
    one_year = client.get("/api/search?from=2025&to=2025").get_json()
    assert {v["value"] for v in one_year["facets"]["year"]} == {"2025-11", "2025-12"}  # months inside a year


def test_values_of_one_facet_combine_with_or_and_facets_with_and(client):
    either = client.get("/api/search?country=AM&country=CN").get_json()
    assert {hit["id"] for hit in either["hits"]} == {"003_020f54d4096a0fed", "001_9357988c91d7e8a6"}
    both = client.get("/api/search?country=AM&country=CN&person=Jens+Stoltenberg").get_json()
    assert [hit["id"] for hit in both["hits"]] == ["001_9357988c91d7e8a6"]
    assert both["query"]["filters"] == {"person": ["Jens Stoltenberg"], "country": ["AM", "CN"]}
    countries = {v["value"]: v for v in both["facets"]["country"]}
    assert countries["AM"]["selected"] and countries["AM"]["count"] == 0  # counted without its own selection
    # (GB, not BE: ministers « réunis à Bruxelles » are at NATO's seat, not in Belgium; issue 12)
    assert countries["GB"]["count"] == 1 and not countries["GB"]["selected"]
    assert set(both["facets_more"]) == {"person", "country", "region", "topic", "year"}


def test_a_misremembered_word_relaxes_the_search_and_says_so(client):
    body = client.get("/api/search?q=mobilit%C3%A9+militaire+adieux").get_json()
    assert body["relaxed"] and body["hits"][0]["id"] == "004_9d7011adf31f2f35"


def test_hits_mark_matches_and_escape_everything_else(client):
    # (seed titles are headlines since issue 12: « Radmila Shekerinska s’est rendue en Arménie »,
    # no longer « Ce mercredi … » cut sentences, so a name of the titles is searched)
    hit = client.get("/api/search?q=titre:shekerinska").get_json()["hits"][0]
    assert "<mark>shekerinska</mark>" in hit["title_html"].lower()
    assert all(s.replace("<mark>", "").replace("</mark>", "").count("<") == 0 for s in hit["snippets"])


def test_document_has_every_field_of_an_announcement(client):
    body = client.get("/api/documents/001_9357988c91d7e8a6").get_json()
    assert set(body) == {"id", "title", "date", "url", "persons", "countries", "regions", "topics", "text",
                         "source", "content_hash", "quotes"}  # quotes: API 1.2 (issue 14)
    assert body["persons"] == ["Jens Stoltenberg"] and {"code": "GB", "label": "Royaume-Uni"} in body["countries"]


def test_facet_values_without_prefix_are_the_most_used_first(client):
    body = client.get("/api/facets/person?limit=2").get_json()
    assert body["facet"] == "person" and body["prefix"] == ""
    assert [v["value"] for v in body["values"]][0] == "Radmila Shekerinska" and len(body["values"]) == 2
    topics = client.get("/api/facets/topic?prefix=SOMM").get_json()["values"]
    # two seeds report meetings; the visit to Armenia is no summit
    assert [v["value"] for v in topics] == ["sommets"] and topics[0]["count"] == 2
    assert client.get("/api/facets/topic?limit=101").status_code == 400
    assert client.get("/api/facets/topic?prefix=" + "x" * 101).status_code == 400


def test_liveness_answers_without_an_index_and_readiness_does_not(tmp_path):
    client = contract_client(tmp_path)
    live = client.get("/api/health")
    assert live.status_code == 200 and live.get_json()["documents"] == 0 and live.get_json()["generation"] is None
    response = client.get("/api/ready")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.headers["Cache-Control"] == "no-store"


def test_readiness_reports_the_index(client):
    body = client.get("/api/ready").get_json()
    assert body["status"] == "ready" and body["documents"] == 5 and body["generation"].startswith("gen-")


def test_facets_cut_by_the_time_budget_keep_the_answer_shape(client, monkeypatch):
    from searchsvc.search import service

    monkeypatch.setattr(service, "TIME_BUDGET_SECONDS", 0.0)
    body = client.get("/api/search?q=otan").get_json()
    assert body["facets_cut"] and body["total"] == 5 and len(body["hits"]) == 5
    assert body["facets"] == {name: [] for name in ("person", "country", "region", "topic", "year")}
