"""A page for every person: /personnes/<slug>, /api/persons/<slug> and /api/persons?prefix=, through
the real app over the newsroom index of test_pages.py (every answer checked against the OpenAPI
document; the browser's walk from a quotation to its speaker is in test_browser_quotes.py)."""
import re

import pytest

from api_contract import contract_client
from searchsvc.search.persons import slug
from test_pages import build_newsroom, squash


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_newsroom(tmp_path_factory.mktemp("newsroom-persons"))


@pytest.fixture()
def client(index_dir):
    return contract_client(index_dir)


def test_slugs_are_the_names_folded():
    assert slug("Jens Stoltenberg") == "jens-stoltenberg" and slug("Mircea Geoană") == "mircea-geoana"
    assert slug("Jaap de Hoop Scheffer") == "jaap-de-hoop-scheffer"


def test_a_profile_counts_what_a_search_of_the_person_finds(client):
    body = client.get("/api/persons/mark-rutte").get_json()
    search = client.get("/api/search?person=Mark Rutte&per_page=100").get_json()
    assert body["name"] == "Mark Rutte" and body["url"] == "/personnes/mark-rutte"
    assert body["announcements"] == search["total"] > 0
    assert sum(y["count"] for y in body["years"]) == search["total"]
    assert [y["value"] for y in body["years"]] == sorted(y["value"] for y in body["years"])
    assert {c["value"] for c in body["countries"]} <= {c["code"] for h in search["hits"] for c in h["countries"]}
    assert all(q["speaker"] == "Mark Rutte" for q in body["quotes"]) and body["quotes"]
    assert [a["id"] for a in body["latest"]] == [h["id"] for h in search["hits"]][:len(body["latest"])]
    assert "Mark Rutte" not in {p["value"] for p in body["alongside"]}


def test_autocomplete_by_any_word_of_the_name(client):
    body = client.get("/api/persons?prefix=stolt").get_json()
    assert body["persons"][0] == {"name": "Jens Stoltenberg", "slug": "jens-stoltenberg",
                                  "url": "/personnes/jens-stoltenberg", "count": body["persons"][0]["count"]}
    assert client.get("/api/persons?prefix=zzz").get_json()["persons"] == []
    assert client.get("/api/persons?limit=0").status_code == 400


def test_an_unknown_person_is_a_french_404_page_and_a_problem(client):
    response = client.get("/api/persons/personne-inconnue")
    assert response.status_code == 404 and response.content_type == "application/problem+json"
    page = client.get("/personnes/personne-inconnue")
    assert page.status_code == 404 and "Cette page n’existe pas" in page.get_data(as_text=True)


def test_the_person_page_in_french_with_timeline_quotations_and_announcements(client):
    html = squash(client.get("/personnes/jens-stoltenberg").get_data(as_text=True))
    assert '<h1 id="nom">Jens Stoltenberg</h1>' in html and "Dernières citations" in html
    assert re.search(r'href="/recherche\?personne=Jens\+Stoltenberg&amp;du=20\d\d-01-01&amp;au=20\d\d-12-31"', html)
    assert 'href="/citations?personne=Jens+Stoltenberg"' in html
    announcement = client.get("/annonce/annonce-000").get_data(as_text=True)
    assert 'href="/personnes/jens-stoltenberg"' in announcement  # persons link to their page
    results = client.get("/recherche?personne=Jens Stoltenberg").get_data(as_text=True)
    assert '<a class="profile-link" href="/personnes/jens-stoltenberg"' in results


def test_the_person_facet_links_each_person_to_their_page_but_not_the_speakers(client):
    results = client.get("/recherche?q=otan").get_data(as_text=True)
    facet = results[results.index('id="facette-person"'):]
    facet = facet[:facet.index("</section>")]
    pages = re.findall(r'<a class="profile-link" href="(/personnes/[^"]+)"', facet)
    assert pages and all(client.get(page).status_code == 200 for page in pages)
    quotations = client.get("/citations").get_data(as_text=True)
    speakers = quotations[quotations.index('id="facette-person"'):]
    speakers = speakers[:speakers.index("</section>")]
    assert 'class="facet-value' in speakers and "profile-link" not in speakers  # a speaker may be a body
