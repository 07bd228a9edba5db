"""Known-item ranking on the shared development set: a journalist's vague query for an announcement
they remember should bring it into the top three (../shared/corpus/queries-dev.jsonl)."""

import json

from conftest import SHARED, need_shared

QUERIES = SHARED / "corpus" / "queries-dev.jsonl"


def test_known_items_rank_in_the_top_three(dev_search):
    need_shared(QUERIES)
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    reciprocal, top3, misses = 0.0, 0, []
    for known in queries:
        result = dev_search(known["query"], strict=False)
        ids = [hit.announcement.id for hit in result.hits]
        rank = ids.index(known["id"]) + 1 if known["id"] in ids else None
        reciprocal += 1 / rank if rank else 0
        top3 += bool(rank and rank <= 3)
        if not rank or rank > 3:
            misses.append((known["query"], rank))
    assert top3 / len(queries) >= 0.95, misses
    assert reciprocal / len(queries) >= 0.90, misses


def test_queries_typed_without_accents_find_the_same_announcement(dev_search):
    accented = dev_search("sécurité énergétique")
    plain = dev_search("securite energetique")
    assert accented.total == plain.total > 0
    assert [h.announcement.id for h in accented.hits] == [h.announcement.id for h in plain.hits]
