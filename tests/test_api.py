"""The JSON API through the real Flask app over a real index."""

import pytest


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
    assert body["total"] == 1 and not body["relaxed"]
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
    ("from=2025-01-02&to=2025-01-01", "from"),
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
