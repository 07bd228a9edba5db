"""A person is one facet value across the corpus, found by any part or variant of the name,
through the real index, the search service and the API (issue 12)."""
import shutil

from searchsvc.indexer import build, update
from searchsvc.search import SearchRequest, SearchService
from searchsvc.web import create_app
from tests.conftest import write_jsonl

ANNOUNCEMENTS = [
    {"id": "a1", "date": "2001-05-02", "text": "Visite du secrétaire général\nLe secrétaire général de "
     "l’OTAN, George Robertson, a rencontré le président Vladimir V. Poutine à Moscou."},
    {"id": "a2", "date": "2002-02-11", "text": "Conférence de presse\n« Nous restons vigilants », a "
     "déclaré Lord Robertson. Le président Vladimir Poutine a salué la coopération."},
    {"id": "a3", "date": "2016-03-01", "text": "Réunion des ministres\nLe secrétaire général, Jens "
     "Stoltenberg, a ouvert la réunion. M. Stoltenberg a ensuite rencontré le président afghan, "
     "Hamid Karzai."},
    {"id": "a4", "date": "2017-04-05", "text": "Entretien\nMonsieur Stoltenberg a reçu le président "
     "Karzaï, qui a déclaré : « Merci »."},
    {"id": "a5", "date": "2010-09-01", "text": "Visite\nLe secrétaire général, Anders Fogh Rasmussen, "
     "a rencontré le ministre roumain des Affaires étrangères, M. Teodor Baconschi."},
    {"id": "a6", "date": "2011-01-20", "text": "Déclaration\n« La sécurité est indivisible », a "
     "souligné M. Rasmussen devant les ambassadeurs."},
]


def index(tmp_path, records=ANNOUNCEMENTS):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    write_jsonl(corpus / "news.jsonl", records)
    root = tmp_path / "index"
    build(corpus, root)
    return corpus, root


def persons_by_id(service: SearchService) -> dict[str, tuple[str, ...]]:
    hits = service.search(SearchRequest(per_page=100, facets=False)).hits
    return {h.announcement.id: h.announcement.persons for h in hits}


def test_each_person_is_one_value_under_the_fullest_name(tmp_path):
    _, root = index(tmp_path)
    service = SearchService(root)
    assert persons_by_id(service) == {
        "a1": ("George Robertson", "Vladimir Poutine"), "a2": ("George Robertson", "Vladimir Poutine"),
        "a3": ("Jens Stoltenberg", "Hamid Karzai"), "a4": ("Jens Stoltenberg", "Hamid Karzai"),
        "a5": ("Anders Fogh Rasmussen", "Teodor Baconschi"), "a6": ("Anders Fogh Rasmussen",)}
    values = [v.value for v in service.facet_values("person", limit=50)]
    assert sorted(values) == ["Anders Fogh Rasmussen", "George Robertson", "Hamid Karzai", "Jens Stoltenberg",
                              "Teodor Baconschi", "Vladimir Poutine"]


def test_a_person_is_found_by_any_part_or_variant_of_the_name(tmp_path):
    _, root = index(tmp_path)
    service = SearchService(root)

    def ids(**request):
        return sorted(h.announcement.id for h in service.search(SearchRequest(per_page=100, **request)).hits)

    assert ids(q="personne:stoltenberg") == ["a3", "a4"]
    assert ids(q='personne:"Monsieur Stoltenberg"') == ["a3", "a4"]
    assert ids(person=("Lord Robertson",)) == ["a1", "a2"]
    assert ids(person=("rasmussen",)) == ["a5", "a6"]
    assert ids(person=("Vladimir V. Poutine",)) == ["a1", "a2"]
    assert ids(person=("Karzaï",)) == ["a3", "a4"]  # a variant the corpus gave


def test_the_facet_box_suggests_a_person_by_any_word(tmp_path):
    _, root = index(tmp_path)
    client = create_app({"INDEX_DIR": str(root), "TESTING": True}).test_client()
    for prefix, expected in [("rasmussen", "Anders Fogh Rasmussen"), ("fogh rasm", "Anders Fogh Rasmussen"),
                             ("Monsieur Stolt", "Jens Stoltenberg"), ("robert", "George Robertson"),
                             ("karzaï", "Hamid Karzai")]:
        values = client.get(f"/api/facets/person?prefix={prefix}").get_json()["values"]
        assert [v["value"] for v in values] == [expected], prefix
    page = client.get("/recherche?personne=Rasmussen").get_data(as_text=True)
    assert "Anders Fogh Rasmussen" in page and "a6" in page


def test_an_incremental_update_gives_the_persons_of_a_full_build(tmp_path):
    # the surname comes first; the announcement naming the person in full arrives in an update
    corpus, root = index(tmp_path, [ANNOUNCEMENTS[1], ANNOUNCEMENTS[3], ANNOUNCEMENTS[5]])
    assert persons_by_id(SearchService(root))["a2"] == ("Robertson", "Vladimir Poutine")
    write_jsonl(corpus / "news.jsonl", ANNOUNCEMENTS)
    report = update(corpus, root)
    assert report.changes["added"] == 3
    updated = persons_by_id(SearchService(root))
    full = tmp_path / "full"
    shutil.copytree(corpus, full)
    build(full, tmp_path / "full-index")
    assert updated == persons_by_id(SearchService(tmp_path / "full-index"))
    assert updated["a2"] == ("George Robertson", "Vladimir Poutine")
    assert [h.announcement.id for h in SearchService(root).search(SearchRequest(person=("George Robertson",))).hits]
