"""Exports cost one search and hold a thread while they stream: each worker runs a bounded number
of them, one per client, so a plain search always finds a free thread."""

from __future__ import annotations

import csv
import io
import threading

from searchsvc.search import SearchService
from searchsvc.web import create_app


def app_over(index, **config):
    return create_app({"INDEX_DIR": str(index), "TESTING": True, "RATE_LIMIT": "off", **config})


def test_an_export_searches_once_however_many_rows_it_streams(dev_index, monkeypatch):
    searches = []
    real = SearchService.search
    monkeypatch.setattr(SearchService, "search", lambda self, request: searches.append(request) or real(self, request))
    client = app_over(dev_index).test_client()
    total = client.get("/api/search?q=otan").get_json()["total"]
    assert total > 250  # several export pages
    searches.clear()
    response = client.get("/api/search.csv?q=otan")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True)[1:])))[1:]
    assert len(rows) == total == int(response.headers["X-Total-Count"])
    assert len(searches) == 1
    ids = [row[0] for row in rows]
    assert len(set(ids)) == total  # every announcement once, pages never overlap
    first_page = client.get("/api/search?q=otan&per_page=100").get_json()["hits"]
    assert ids[:100] == [hit["id"] for hit in first_page]  # in the search's order


class HeldExport:
    """An export opened in a thread of its own (as a gunicorn thread would serve it), its first chunk
    read, the rest left unread until `finish()`: its slot stays taken meanwhile."""

    def __init__(self, client, path: str, environ: dict):
        self.opened, self.go_on = threading.Event(), threading.Event()
        self.status, self.body = None, b""
        self.thread = threading.Thread(target=self.run, args=(client, path, environ))
        self.thread.start()
        assert self.opened.wait(30)

    def run(self, client, path: str, environ: dict) -> None:
        response = client.get(path, environ_base=environ, buffered=False)
        self.status = response.status_code
        chunks = iter(response.response)
        self.body = next(chunks, b"")
        self.opened.set()
        self.go_on.wait(30)
        self.body += b"".join(chunks)
        response.close()

    def finish(self) -> bytes:
        self.go_on.set()
        self.thread.join()
        return self.body


def test_one_export_at_a_time_per_client_and_a_bounded_number_per_worker(dev_index):
    client = app_over(dev_index, EXPORT_SLOTS=2).test_client()  # exports of several chunks
    alice, bob, carol = ({"REMOTE_ADDR": f"127.0.0.{n}"} for n in (2, 3, 4))
    running = HeldExport(client, "/api/search.csv?q=otan", alice)
    assert running.status == 200
    second = client.get("/api/search.jsonl?q=otan", environ_base=alice)
    assert second.status_code == 429 and second.mimetype == "application/problem+json"
    assert int(second.headers["Retry-After"]) > 0
    other = HeldExport(client, "/api/search.jsonl?q=otan", bob)
    assert other.status == 200  # another client has a slot of its own
    assert client.get("/api/search.csv?q=otan", environ_base=carol).status_code == 429  # every slot is taken
    assert client.get("/api/search?q=otan", environ_base=carol).status_code == 200  # searches go on
    total = client.get("/api/search?q=otan").get_json()["total"]
    assert running.finish().decode("utf-8").count("\n") == 1 + total  # alice's export ends whole…
    again = client.get("/api/search.csv?q=otan", environ_base=alice)
    assert again.status_code == 200  # …and her slot is free again
    assert other.finish().decode("utf-8").count("\n") == total
