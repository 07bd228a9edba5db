"""Known-item ranking on the shared development set: a journalist's vague query for an announcement
they remember should bring it into the top three (../shared/corpus/queries-dev.jsonl)."""

from conftest import SHARED, need_shared
from searchsvc.evaluate import evaluate_ranking

QUERIES = SHARED / "corpus" / "queries-dev.jsonl"


def test_known_items_rank_in_the_top_three(dev_index):
    need_shared(QUERIES)
    ranking = evaluate_ranking(QUERIES, dev_index)
    misses = [(q, rank) for q, rank in ranking.ranks if not rank or rank > 3]
    assert len(ranking.ranks) == 130
    assert ranking.share(3) >= 0.95, misses
    assert ranking.mrr >= 0.90, misses


def test_queries_typed_without_accents_find_the_same_announcement(dev_search):
    accented = dev_search("sécurité énergétique")
    plain = dev_search("securite energetique")
    assert accented.total == plain.total > 0
    assert [h.announcement.id for h in accented.hits] == [h.announcement.id for h in plain.hits]
