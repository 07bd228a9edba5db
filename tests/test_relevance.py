"""Relevance failure classes of issue 13, through the real index of the development corpus and the
real API: names people type, operators, tokens, tiers, proximity, corrections, filter-only order."""
import pytest

from api_contract import contract_client
from searchsvc.search import SearchRequest


@pytest.fixture(scope="module")
def api(dev_index):
    return contract_client(dev_index)


def ids(body) -> set[str]:
    return {hit["id"] for hit in body["hits"]}


@pytest.mark.parametrize("code, names", [
    ("TR", ["Turquie", "Türkiye", "turquie", "Turkey", "tr"]),
    ("US", ["États-Unis", "Etats-Unis", "etats unis", "USA", "United States", "Amérique"]),
    ("GB", ["Royaume-Uni", "Grande-Bretagne", "UK", "Angleterre"]),
    ("MK", ["Macédoine du Nord", "ARYM", "ex-République yougoslave de Macédoine", "North Macedonia"]),
    ("MD", ["Moldavie", "République de Moldova", "Moldova"]),
])
def test_every_common_name_of_a_country_filters_like_its_code(api, code, names):
    by_code = api.get(f"/api/search?country={code}&per_page=100").get_json()
    assert by_code["total"] > 0
    for name in names:
        body = api.get("/api/search", query_string={"country": name, "per_page": 100}).get_json()
        assert body["total"] == by_code["total"] and ids(body) == ids(by_code), name
        prefixed = api.get("/api/search", query_string={"q": f'pays:"{name}"', "per_page": 100}).get_json()
        assert prefixed["total"] == by_code["total"], name


def test_a_group_name_filters_by_its_member_countries(api):
    group = api.get("/api/search", query_string={"country": "pays baltes", "per_page": 100}).get_json()
    members = api.get("/api/search?country=EE&country=LV&country=LT&per_page=100").get_json()
    assert members["total"] > 0 and ids(group) == ids(members)


def test_an_unknown_country_name_still_matches_nothing(api):
    body = api.get("/api/search", query_string={"country": "Atlantide"}).get_json()
    assert body["total"] == 0
