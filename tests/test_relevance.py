"""Relevance failure classes of issue 13, through the real index of the development corpus and the
real API: names people type, operators, tokens, tiers, proximity, corrections, filter-only order."""
import pytest

from api_contract import contract_client
from searchsvc.search import SearchRequest
from searchsvc.web import create_app


@pytest.fixture(scope="module")
def api(dev_index):
    return contract_client(dev_index)


@pytest.fixture(scope="module")
def page_client(dev_index):
    return create_app({"INDEX_DIR": str(dev_index), "TESTING": True}).test_client()


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


# --- Query side: operators, tokens, aliases, stop words ---------------------------------------

DOCS = [
    ("a", "Visite en Ukraine\nLe ministre a visité Kiev."),
    ("b", "Soutien à la Moldova\nL'OTAN aide la République de Moldova."),
    ("c", "Ukraine et Russie\nLa Russie a envahi l'Ukraine."),
    ("d", "Cyberdéfense\nLes cyberattaques se multiplient contre les Alliés."),
    ("e", "Menaces\nLes cyber-attaques visent les réseaux."),
    ("f", "Dépenses\nLes Alliés consacrent 2 % de leur PIB à la défense."),
    ("g", "Réunion\nLe 2 novembre, les ministres se sont réunis ; 1,2 milliard d'euros."),
    ("h", "Accord avec la Türkiye\nLa Türkiye et l'OTAN ont signé un accord."),
    ("i", "Sommet\nLe sommet de l'OTAN s'est tenu à Madrid."),
]


@pytest.fixture()
def tiny(tiny_index):
    service = tiny_index(*DOCS)

    def found(q: str, **kwargs) -> set[str]:
        return {hit.announcement.id for hit in service.search(SearchRequest(q=q, strict=False, **kwargs)).hits}

    found.service = service
    return found


def test_french_operators_work_like_the_english_ones(tiny):
    assert tiny("ukraine OU moldova") == tiny("ukraine OR moldova") == {"a", "b", "c"}
    assert tiny("ukraine SAUF russie") == tiny("ukraine NOT russie") == {"a"}
    assert tiny("ukraine ET russie") == tiny("ukraine AND russie") == {"c"}
    assert tiny("ukraine ou moldova") == set()  # lower case: plain words (ou is a stop word)


def test_hyphenated_words_find_the_joined_and_the_split_forms(tiny):
    assert tiny("cyber-attaques") == {"d", "e"}


def test_a_number_with_percent_is_one_term(tiny):
    assert tiny("2 %") == tiny("2%") == tiny("2 pour cent") == {"f"}


def test_an_alias_finds_the_name_the_text_uses(tiny):
    assert tiny("Turquie") == tiny("Turkey") == {"h"}
    assert tiny("summit Madrid") == {"i"}


def test_stop_words_do_not_count_as_words_held(dev_search):
    result = dev_search("la sécurité de la mer Noire", strict=False, facets=False)
    plain = dev_search("sécurité mer Noire", strict=False, facets=False)
    assert 0 < result.total == plain.total < 100  # not every announcement of the corpus (378)
    assert [h.announcement.id for h in result.hits] == [h.announcement.id for h in plain.hits]


# --- Ranking: proximity, title, entities --------------------------------------------------------

def test_words_close_together_outrank_the_same_words_far_apart(tiny_index):
    filler = " ".join(["Les délégations ont examiné plusieurs dossiers."] * 6)
    service = tiny_index(
        ("far", f"Bilan\nLa réunion s'est tenue hier. {filler} Les ministres ont parlé. {filler} La défense aussi."),
        ("near", f"Bilan\nLa réunion des ministres de la Défense s'est tenue hier. {filler} {filler}"),
    )
    hits = service.search(SearchRequest(q="réunion ministres défense")).hits
    assert [h.announcement.id for h in hits] == ["near", "far"]


def test_an_announcement_tagged_with_the_country_named_outranks_a_passing_mention(dev_search):
    hits = dev_search("Pologne", strict=False, facets=False).hits
    assert all("PL" in h.announcement.countries for h in hits[:5])


def test_a_group_of_countries_finds_announcements_naming_its_members(dev_search):
    hits = dev_search("élargissement pays baltes", strict=False, facets=False).hits
    assert hits and {"EE", "LV", "LT"} <= set(hits[0].announcement.countries)


# --- Zero results, suggestions, relaxed notice, filter-only order -------------------------------

def test_nothing_found_with_a_confident_correction_shows_the_corrected_results(api, page_client):
    body = api.get("/api/search", query_string={"q": "stoltenbreg"}).get_json()
    assert body["corrected_to"] == "stoltenberg" and body["total"] > 0
    assert body["query"]["q"] == "stoltenbreg"
    plain = api.get("/api/search", query_string={"q": "stoltenberg"}).get_json()
    assert body["total"] == plain["total"]
    html = page_client.get("/recherche?q=stoltenbreg").get_data(as_text=True)
    assert "Résultats pour" in html and "Rechercher plutôt" in html and "tel_quel=1" in html
    as_typed = page_client.get("/recherche?q=stoltenbreg&tel_quel=1").get_data(as_text=True)
    assert "Résultats pour" not in as_typed


def test_an_unknown_acronym_or_an_inflection_is_never_corrected(api):
    purl = api.get("/api/search", query_string={"q": "PURL"}).get_json()
    assert purl["suggestion"] is None and purl["corrected_to"] is None
    emerging = api.get("/api/search", query_string={"q": "technologies émergentes"}).get_json()
    assert emerging["suggestion"] in (None, "technologies émergentes")
    assert "emergents" not in (emerging["suggestion"] or "")


def test_the_relaxed_notice_names_the_dropped_words(api, page_client):
    body = api.get("/api/search", query_string={"q": "cyberdéfense Estonie licornes"}).get_json()
    assert body["relaxed"] and body["dropped"][0] == "licornes"
    html = page_client.get("/recherche?q=cyberd%C3%A9fense+Estonie+licornes").get_data(as_text=True)
    assert "Mots absents de certaines annonces" in html and "licornes" in html


def test_a_question_in_plain_french_is_not_inflated_to_the_whole_corpus(api):
    everything = api.get("/api/search").get_json()["total"]
    q = "ce que le secrétaire général a dit sur la Géorgie en 2008"
    body = api.get("/api/search", query_string={"q": q}).get_json()
    assert 0 < body["total"] < everything / 4


def test_filter_only_queries_list_the_newest_first(api):
    person = api.get("/api/search").get_json()["facets"]["person"][0]["value"]  # the most named
    for query in ({"q": f'personne:"{person}"'}, {"country": "FR"}, {"q": "theme:exercices"}):
        body = api.get("/api/search", query_string={**query, "per_page": 20}).get_json()
        dates = [h["date"] for h in body["hits"] if h["date"]]
        assert len(dates) > 3 and dates == sorted(dates, reverse=True), query
