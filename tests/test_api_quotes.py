"""/api/quotes and its exports, /api/documents' quotes, through real indexes and the real app
(every answer checked against the OpenAPI document); the quotations' index follows updates."""
import csv
import io
import json
import time

import pytest

from api_contract import contract_client
from conftest import write_jsonl
from searchsvc.indexer import build, update
from searchsvc.search import SearchRequest, SearchService
from searchsvc.search.quotes import QuoteService

ANNOUNCEMENTS = [
    {"id": "a1", "date": "2012-03-01", "url": "https://www.nato.int/a1",
     "text": "Le secrétaire général en Géorgie\n« La porte de l'OTAN reste ouverte à la Géorgie », a déclaré "
             "le secrétaire général de l'OTAN, M. Anders Fogh Rasmussen. Il a ajouté : « Les réformes "
             "doivent continuer. »"},
    {"id": "a2", "date": "2013-05-02",
     "text": "Visite à Oslo\n« La sécurité de la Norvège est la nôtre », a déclaré M. Rasmussen devant "
             "les soldats de l'exercice « Cold Response »."},
    {"id": "a3", "date": "2016-01-04",
     "text": "Réunion des ministres\n« La dissuasion reste au cœur de l'Alliance », a déclaré M. Jens "
             "Stoltenberg. Les ministres ont souligné que « la porte de l'OTAN reste ouverte »."},
]


@pytest.fixture()
def index_root(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "news.jsonl", ANNOUNCEMENTS)
    build(corpus, tmp_path / "index")
    return tmp_path / "index"


@pytest.fixture()
def client(index_root):
    return contract_client(index_root)


def test_quotations_match_their_own_words_with_speaker_and_announcement(client):
    body = client.get("/api/quotes?q=porte ouverte").get_json()
    assert body["total"] == 2
    speakers = {hit["speaker"] for hit in body["hits"]}
    assert speakers == {"Anders Fogh Rasmussen", "les ministres"}
    hit = next(h for h in body["hits"] if h["speaker"] == "Anders Fogh Rasmussen")
    assert hit["text"] == "La porte de l'OTAN reste ouverte à la Géorgie"
    assert "<mark>porte</mark>" in hit["text_html"] and "<mark>ouverte</mark>" in hit["text_html"]
    assert hit["announcement"] == {"id": "a1", "title": "Le secrétaire général en Géorgie", "date": "2012-03-01",
                                   "url": "https://www.nato.int/a1"}
    assert hit["permalink"] == "/annonce/a1#citation-1" and hit["attribution"].startswith("a déclaré")
    # the words of the announcement outside the quotation do not make it match
    assert client.get("/api/quotes?q=soldats").get_json()["total"] == 0
    assert client.get("/api/quotes?q=%22Cold Response%22").get_json()["total"] == 0  # a name, not speech


def test_speaker_by_any_part_of_the_name_and_the_speaker_facet(client):
    body = client.get("/api/quotes?speaker=rasmussen&sort=date").get_json()
    assert [h["id"] for h in body["hits"]] == ["a2#1", "a1#1", "a1#2"]  # newest first
    # « M. Rasmussen » in a2 is the Anders Fogh Rasmussen of a1: one canonical speaker (metadata.canonical)
    assert {h["speaker"] for h in body["hits"]} == {"Anders Fogh Rasmussen"}
    facet = {v["value"]: v["count"] for v in client.get("/api/quotes").get_json()["facets"]["speaker"]}
    assert facet == {"Anders Fogh Rasmussen": 3, "Jens Stoltenberg": 1, "les ministres": 1}
    assert client.get("/api/quotes?speaker=Stoltenberg&from=2016&to=2016").get_json()["total"] == 1
    assert client.get("/api/quotes?speaker=Stoltenberg&to=2015").get_json()["total"] == 0
    assert client.get("/api/quotes?speaker=personne+inconnue").get_json()["total"] == 0


def test_bad_parameters_are_problems_not_errors(client):
    for query in ("q=%22pas ferm%C3%A9", "from=2020-02-30", "per_page=0", "sort=n'importe", "page=x"):
        response = client.get(f"/api/quotes?{query}")
        assert response.status_code == 400 and response.content_type == "application/problem+json"


def test_exports_list_every_quotation_found(client):
    response = client.get("/api/quotes.csv?q=otan")
    text = response.get_data().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert response.headers["X-Total-Count"] == "2" and len(rows) == 2
    assert {r["permalink"] for r in rows} == {"/annonce/a1#citation-1", "/annonce/a3#citation-2"}
    lines = client.get("/api/quotes.jsonl?speaker=stoltenberg").get_data().decode("utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["La dissuasion reste au cœur de l'Alliance"]


def test_documents_carry_their_quotations_in_text_order(client):
    quotes = client.get("/api/documents/a1").get_json()["quotes"]
    assert quotes == [
        {"text": "La porte de l'OTAN reste ouverte à la Géorgie", "speaker": "Anders Fogh Rasmussen",
         "attribution": "a déclaré le secrétaire général de l'OTAN, M. Anders Fogh Rasmussen", "paragraph": 1},
        {"text": "Les réformes doivent continuer.", "speaker": "Anders Fogh Rasmussen",
         "attribution": "Il a ajouté", "paragraph": 1}]


def test_the_quotations_follow_incremental_updates(tmp_path, index_root):
    corpus = tmp_path / "corpus"
    changed = [dict(ANNOUNCEMENTS[0], text="Titre\n« Nous restons unis », a déclaré M. Mark Rutte."),
               ANNOUNCEMENTS[2]]  # a1 replaced, a2 removed
    write_jsonl(corpus / "news.jsonl", changed)
    update(corpus, index_root)
    quotes = QuoteService(index_root)
    found = quotes.search(SearchRequest(per_page=10, sort="date"))
    assert [(h.announcement.id, h.announcement.speaker) for h in found.hits] == [
        ("a3#1", "Jens Stoltenberg"), ("a3#2", "les ministres"), ("a1#1", "Mark Rutte")]


def test_rasmussen_and_only_him_over_the_dev_corpus(dev_index):
    quotes = QuoteService(dev_index)
    found = quotes.search(SearchRequest(person=("rasmussen",), per_page=100))
    assert found.total >= 5
    assert all("Rasmussen" in h.announcement.speaker for h in found.hits)


def test_a_quotation_search_is_as_fast_as_an_announcement_search(dev_index):
    announcements, quotes = SearchService(dev_index), QuoteService(dev_index)

    def timed(service) -> float:
        started = time.perf_counter()
        for q in ("afghanistan", "sécurité collective", "russie OR ukraine", '"défense collective"'):
            service.search(SearchRequest(q=q))
        return time.perf_counter() - started

    timed(announcements), timed(quotes)  # warm both views
    assert timed(quotes) <= timed(announcements) * 1.2 + 0.01
