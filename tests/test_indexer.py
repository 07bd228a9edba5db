"""The index lifecycle: full builds switched in atomically, one writer at a time."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from whoosh import query as wq

from conftest import ROOT, SEEDS_CORPUS, write_jsonl
from searchsvc.indexer import IndexerBusy, NothingToIndex, build, is_stale, update
from searchsvc.search import IndexMissing, SearchRequest, SearchService
from searchsvc.search.queries import Phrase
from searchsvc.search.service import FRESHNESS_SECONDS
from searchsvc.store import CURRENT, current_generation, writer_lock


def test_build_switches_current_to_a_complete_generation(tmp_path):
    report = build(SEEDS_CORPUS, tmp_path)
    live = current_generation(tmp_path)
    assert (tmp_path / CURRENT).is_symlink() and live.name == report.generation
    assert report.documents == 5 and report.files == 5 and not report.problems
    assert SearchService(tmp_path).health()["documents"] == 5


def test_rebuild_keeps_the_previous_generation_for_running_readers(tmp_path):
    first = build(SEEDS_CORPUS, tmp_path).generation
    second = build(SEEDS_CORPUS, tmp_path).generation
    third = build(SEEDS_CORPUS, tmp_path).generation
    remaining = sorted(p.name for p in tmp_path.glob("gen-*"))
    assert remaining == [second, third] and first not in remaining


def test_searchers_follow_a_new_build_without_restart(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "one", "text": "Réunion sur la sécurité maritime."}])
    build(corpus, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    assert service.search(SearchRequest(q="maritime")).total == 1
    write_jsonl(corpus / "a.jsonl", [{"id": "one", "text": "Réunion sur la sécurité maritime."},
                                     {"id": "two", "text": "Exercice maritime en mer Baltique."}])
    build(corpus, tmp_path / "index")
    assert service.search(SearchRequest(q="maritime")).total == 2


def test_a_second_indexer_is_refused_while_one_runs(tmp_path):
    with writer_lock(tmp_path):
        with pytest.raises(IndexerBusy, match="another indexer"):
            build(SEEDS_CORPUS, tmp_path)
        result = subprocess.run([sys.executable, "-m", "searchsvc", "index", "--corpus", str(SEEDS_CORPUS),
                                 "--index", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "another indexer" in result.stderr
    assert current_generation(tmp_path) is None


def test_a_corpus_with_nothing_readable_leaves_the_live_index_alone(tmp_path):
    build(SEEDS_CORPUS, tmp_path / "index")
    live = current_generation(tmp_path / "index")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x00binary")
    with pytest.raises(NothingToIndex):
        build(bad, tmp_path / "index")
    assert current_generation(tmp_path / "index") == live
    assert sorted(p.name for p in (tmp_path / "index").glob("gen-*")) == [live.name]


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        build(tmp_path / "nowhere", tmp_path / "index")


def test_search_without_an_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexMissing, match="python -m searchsvc index"):
        SearchService(tmp_path).search(SearchRequest(q="otan"))


def test_staleness_follows_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "one", "text": "Texte."}])
    assert is_stale(corpus, tmp_path / "index")
    build(corpus, tmp_path / "index")
    assert not is_stale(corpus, tmp_path / "index")
    later = os.stat(corpus / "a.jsonl").st_mtime + 10
    os.utime(corpus / "a.jsonl", (later, later))
    assert is_stale(corpus, tmp_path / "index")


def test_incremental_update_adds_replaces_and_removes(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "keep", "text": "Réunion sur la sécurité maritime."},
                                     {"id": "change", "text": "Exercice naval en mer Baltique."}])
    write_jsonl(corpus / "b.jsonl", [{"id": "gone", "text": "Visite du secrétaire général à Oslo."}])
    build(corpus, root)
    service = SearchService(root)
    generation = service.health()["generation"]
    assert "NO" in {value.value for value in service.facet_values("country")}  # Oslo
    write_jsonl(corpus / "a.jsonl", [{"id": "keep", "text": "Réunion sur la sécurité maritime."},
                                     {"id": "change", "text": "Exercice aérien au-dessus de la Pologne."}])
    (corpus / "b.jsonl").unlink()
    write_jsonl(corpus / "c.jsonl", [{"id": "new", "text": "Sommet de l’OTAN à La Haye."}])
    report = update(corpus, root)
    assert report.changes == {"added": 1, "replaced": 1, "removed": 1, "unchanged": 1}
    time.sleep(FRESHNESS_SECONDS + 0.1)  # searchers check for a new commit at most this often
    assert service.health()["generation"] == generation and service.health()["documents"] == 3
    assert service.search(SearchRequest(q="Baltique")).total == 0
    assert service.search(SearchRequest(q="Pologne")).total == 1
    assert service.search(SearchRequest(q="Oslo")).total == 0
    assert service.search(SearchRequest(q="Haye")).total == 1
    countries = {value.value: value.count for value in service.facet_values("country")}
    assert "NO" not in countries and countries.get("PL") == 1  # a removed announcement counts no more


def test_incremental_update_keeps_what_an_unreadable_file_held(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "one", "text": "Réunion sur la sécurité maritime."}])
    build(corpus, root)
    (corpus / "a.jsonl").write_bytes(b"\x00\x01binary now")
    report = update(corpus, root)
    assert report.changes["removed"] == 0
    assert SearchService(root).search(SearchRequest(q="maritime")).total == 1


def test_killed_build_leaves_the_live_index_serving_and_the_next_build_works(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "big.jsonl", [{"id": f"d{i}", "text": f"Réunion {i} du Conseil sur la sécurité "
                                        f"énergétique et la défense collective des Alliés. " * 20} for i in range(3000)])
    small = tmp_path / "small"
    small.mkdir()
    write_jsonl(small / "s.jsonl", [{"id": "live", "text": "Annonce en ligne sur la sécurité."}])
    build(small, root)
    service = SearchService(root)
    process = subprocess.Popen([sys.executable, "-m", "searchsvc", "index", "--corpus", str(corpus),
                                "--index", str(root)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.name != current_generation(root).name for p in root.glob("gen-*")):
        assert time.monotonic() < deadline and process.poll() is None, "the build never started"
        time.sleep(0.05)
    time.sleep(0.5)  # well into writing
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert service.search(SearchRequest(q="sécurité")).total == 1  # still the previous index
    assert [h.announcement.id for h in service.search(SearchRequest(q="sécurité")).hits] == ["live"]
    report = build(small, root)  # the lock died with the process; the leftover is cleaned up
    assert report.documents == 1
    assert sorted(p.name for p in root.glob("gen-*"))[-1] == report.generation
    assert len(list(root.glob("gen-*"))) <= 2


def test_segments_merged_by_incremental_updates_keep_words_and_positions(tmp_path):
    # Whoosh merges small segments on commit: postings go through the codec's reader and writer again
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_CORPUS.glob("*.txt"))]
    for i in range(14):
        write_jsonl(corpus / f"part-{i}.jsonl", [{"id": f"doc-{i}", "text": seeds[i % 5] + f"\nNote {i}."}])
        (build if i == 0 else update)(corpus, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    segments = len(service.view().store.reader.leaf_readers())
    assert service.health()["documents"] == 14 and segments < 14
    phrase = service.search(SearchRequest(q='"sécurité euro-atlantique"', per_page=20))
    words = service.search(SearchRequest(q="sécurité euro-atlantique", per_page=20))
    assert phrase.total > 0 and {h.announcement.id for h in phrase.hits} <= {h.announcement.id for h in words.hits}
    assert "<mark>sécurité euro-atlantique</mark>" in " ".join(phrase.hits[0].snippets)
    view, words = service.view(), ("securite", "euro", "atlantique")
    ours = view.evaluate(Phrase("body", words))[0]
    assert set(np.flatnonzero(ours).tolist()) == set(view.store.searcher.docs_for_query(wq.Phrase("body", words)))
