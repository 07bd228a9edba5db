"""« Sans date »: the undated announcements are counted beside the date histogram, and a date filter
says how many of them it leaves out (search service, JSON API and page, over a real index)."""
import datetime
from html import unescape

import pytest

from conftest import write_jsonl
from searchsvc.indexer import build
from searchsvc.search import SearchRequest, SearchService
from searchsvc.web import create_app

RECORDS = [
    {"id": "a", "text": "Sommet de l'OTAN à Vilnius.", "date": "2023-07-11"},
    {"id": "b", "text": "Sommet de l'OTAN à Madrid.", "date": "2022-06-29"},
    {"id": "c", "text": "Un sommet s'est tenu, à une date que la page ne dit pas."},
    {"id": "d", "text": "Un autre sommet, lui aussi sans date."},
    {"id": "e", "text": "Une réunion des ministres, sans date."},
]


@pytest.fixture(scope="module")
def index_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("undated")
    (root / "corpus").mkdir()
    write_jsonl(root / "corpus" / "a.jsonl", RECORDS)
    build(root / "corpus", root / "index")
    return root / "index"


def test_the_undated_matches_are_counted(index_root):
    result = SearchService(index_root).search(SearchRequest(q="sommet"))
    assert result.total == 4
    assert result.undated == 2 and result.undated_left_out == 0
    assert sum(v.count for v in result.facets["year"].values) == 2  # the years count the dated ones


def test_a_date_filter_says_how_many_undated_it_leaves_out(index_root):
    result = SearchService(index_root).search(SearchRequest(q="sommet", date_from=datetime.date(2023, 1, 1)))
    assert [h.announcement.id for h in result.hits] == ["a"]
    assert result.undated == 2 and result.undated_left_out == 2


def test_the_api_gives_both_counts(index_root):
    client = create_app({"INDEX_DIR": str(index_root), "TESTING": True}).test_client()
    body = client.get("/api/search?q=sommet&from=2023-01-01").get_json()
    assert (body["total"], body["undated"], body["undated_left_out"]) == (1, 2, 2)
    body = client.get("/api/search?q=réunion").get_json()
    assert (body["undated"], body["undated_left_out"]) == (1, 0)


def test_the_page_shows_the_bucket_and_what_the_dates_leave_out(index_root):
    client = create_app({"INDEX_DIR": str(index_root), "TESTING": True}).test_client()
    def text(url):  # the page's words, non-breaking spaces as spaces
        return unescape(client.get(url).get_data(as_text=True)).replace("\xa0", " ")

    assert "Sans date : 2 annonces" in text("/recherche?q=sommet")
    assert "2 annonces sans date ne sont pas comprises dans cette période." in text("/recherche?q=sommet&du=2023-01-01")
    assert "1 annonce sans date n’est pas comprise dans cette période." in text("/recherche?q=r%C3%A9union&du=2023-01-01")
    assert "sans date" not in text("/recherche?q=Vilnius").lower()  # nothing undated among the matches
