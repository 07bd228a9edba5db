"""Threads of one worker share an index view: concurrent reads give the answers a lone thread gets."""

from __future__ import annotations

import threading

from searchsvc.search import SearchRequest, SearchService

THREADS = 4
CALLS = 300


def run_together(work) -> list[Exception]:
    errors: list[Exception] = []

    def worker(k: int) -> None:
        for n in range(CALLS):
            try:
                work(k, n)
            except Exception as error:  # collected: the assertion shows them all
                errors.append(error)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_similar_and_searches_from_four_threads_match_one_thread(dev_index):
    service = SearchService(dev_index)
    view = service.view()
    ids = [view.announcement(d).id for d in range(0, view.doc_count, 9)][:40]
    similar = {i: [(a.id, score) for a, score in service.similar(i)] for i in ids}
    queries = ["otan", "sommet de Madrid", "cyber*", "defense antimissile", "Ukraine OR Moldavie"]
    totals = {q: service.search(SearchRequest(q=q)).total for q in queries}
    wrong = []

    def work(k: int, n: int) -> None:
        i = ids[(n * 7 + k) % len(ids)]
        if [(a.id, score) for a, score in service.similar(i)] != similar[i]:
            wrong.append(i)
        if n % 10 == 0:
            q = queries[(n + k) % len(queries)]
            if service.search(SearchRequest(q=q)).total != totals[q]:
                wrong.append(q)

    errors = run_together(work)
    assert not errors, errors[:3]
    assert not wrong, wrong[:5]
