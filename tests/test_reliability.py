"""The service stays up and correct while the index changes under it, and when fed garbage."""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import ROOT, Gunicorn, write_jsonl

QUERY = "/api/search?q=patrouille&per_page=100"


def corpus_version(corpus, version: int, count: int) -> set[str]:
    """Writes `count` announcements that mention a patrol; returns their ids."""
    ids = [f"v{version}-{i}" for i in range(count)]
    write_jsonl(corpus / "news.jsonl", [
        {"id": id, "text": f"Patrouille aérienne numéro {i}\nUne patrouille de la police du ciel, version {version}, "
                           f"a décollé de la base numéro {i} pour surveiller l’espace aérien allié."}
        for i, id in enumerate(ids)])
    return set(ids)


def index(corpus, root, *extra):
    result = subprocess.run([sys.executable, "-m", "searchsvc", "index", "--corpus", str(corpus), "--index", str(root),
                             *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture()
def served(tmp_path):
    """gunicorn serving an index the test rebuilds as it goes (not started yet)."""
    (tmp_path / "corpus").mkdir()
    server = Gunicorn(tmp_path / "index", SEARCHSVC_ACCESS_LOG="/dev/null",
                      SEARCHSVC_RATE_LIMIT="off")  # one client sends the whole load here
    server.corpus = tmp_path / "corpus"
    yield server
    server.stop()


def test_rebuilds_and_an_update_under_load_fail_no_request_and_never_mix_indexes(served):
    base, corpus, root = served.base, served.corpus, served.index_root
    versions = {}  # total → the ids a response with that total must hold
    ids = corpus_version(corpus, 0, 30)
    versions[30] = ids
    index(corpus, root)
    served.start()

    answers, failures, stop = [], [], threading.Event()

    def client():
        while not stop.is_set():
            try:
                with urllib.request.urlopen(base + QUERY, timeout=30) as response:
                    body = json.loads(response.read())
                answers.append((body["total"], {h["id"] for h in body["hits"]}))
            except (OSError, ValueError) as error:
                failures.append(repr(error))

    clients = [threading.Thread(target=client) for _ in range(4)]
    for thread in clients:
        thread.start()
    try:
        for version, count in ((1, 45), (2, 20), (3, 60)):  # three full rebuilds
            versions[count] = corpus_version(corpus, version, count)
            index(corpus, root)
            time.sleep(0.3)
        extra = [{"id": f"extra-{i}", "text": f"Patrouille maritime {i}\nUne patrouille navale en mer Baltique."}
                 for i in range(5)]
        write_jsonl(corpus / "extra.jsonl", extra)
        versions[65] = versions[60] | {r["id"] for r in extra}
        assert "5 added" in index(corpus, root, "--incremental")
        time.sleep(2.5)  # workers notice an incremental commit within a second
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=60)

    assert not failures, failures[:5]
    assert len(answers) > 20
    for total, hits in answers:
        assert total in versions, total
        assert hits == versions[total] if total <= 100 else hits <= versions[total]
    assert answers[-1][0] == 65  # the last answers come from the updated index


def test_hostile_corpus_is_reported_and_everything_else_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "binary.txt").write_bytes(os.urandom(4096) + b"\x00")
    (corpus / "latin1.txt").write_bytes("Réunion à Genève sur la sécurité énergétique.".encode("latin-1"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "huge.txt").write_text("Patrouille aérienne au-dessus de la mer Baltique.\n" * 1_000_000, encoding="utf-8")
    (corpus / "lines.jsonl").write_text(
        json.dumps({"id": "ok", "text": "Exercice naval en Méditerranée."}) + "\n"
        + '{"id": "cut", "text": "Phrase coup\n'
        + json.dumps({"id": "ok", "text": "Un autre texte sous le même id."}) + "\n"
        + json.dumps({"id": "ok", "text": "Exercice naval en Méditerranée."}) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "searchsvc", "index", "--corpus", str(corpus),
                             "--index", str(tmp_path / "index")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = result.stdout
    assert result.returncode == 1  # built, but something was skipped
    assert "binary.txt: skipped: binary file" in out
    assert "empty.txt: skipped: empty file" in out
    assert "latin1.txt: warning: not UTF-8" in out
    assert "huge.txt: warning: text of" in out
    assert "lines.jsonl:2: skipped: broken JSON" in out
    assert "lines.jsonl:3: warning: id ok already used by other text: indexed as ok-2" in out
    assert "lines.jsonl:4: skipped: duplicate of announcement ok" in out
    assert "indexed 4 announcements" in out

    from searchsvc.search import SearchRequest, SearchService

    service = SearchService(tmp_path / "index")
    assert service.search(SearchRequest(q="Genève")).total == 1
    assert service.search(SearchRequest(q="Baltique")).total == 1
    assert {h.announcement.id for h in service.search(SearchRequest(q="texte OR naval")).hits} == {"ok", "ok-2"}
