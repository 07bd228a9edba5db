"""Topical ranking: journalists' information needs with graded judgments, scored for searchsvc and,
in the same run, for the baseline to beat, plain SQLite FTS5.

nDCG@10 uses the gain 2^grade − 1 and the ideal ranking of the judged announcements the index
holds (judged ids absent from the corpus are dropped first); P@5 counts grade ≥ 1 in the top five.
A need with no relevant announcement left in the corpus has no ideal ranking: it is listed, and
left out of the means (it would score 0 for every engine).

The baseline is what a newcomer gets from SQLite in five minutes: the raw page text in one FTS5
column, tokenizer `unicode61 remove_diacritics 2` (case- and accent-folding, no stemming, no stop
words), the query's words joined by OR, ranked by bm25. It is independent of searchsvc's analysis
on purpose (the bench's FTS5 engine, bench/fts5_baseline.py, indexes searchsvc's analysed terms
instead: a speed yardstick, not this relevance one).
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from math import log2
from pathlib import Path

TOP = 10  # nDCG@10
PRECISION_AT = 5  # P@5
WORST_SHOWN = 8  # needs listed as the worst ones
FTS_WORD = re.compile(r"[^\W_]+")  # what unicode61 calls a token (letters and digits)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ndcg(ranked: list[str], grades: dict[str, int], top: int = TOP) -> float:
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:top]
    best = sum((2 ** g - 1) / log2(i + 2) for i, g in enumerate(ideal))
    got = sum((2 ** grades.get(d, 0) - 1) / log2(i + 2) for i, d in enumerate(ranked[:top]))
    return got / best if best else 0.0


def precision(ranked: list[str], grades: dict[str, int], top: int = PRECISION_AT) -> float:
    return sum(1 for d in ranked[:top] if grades.get(d, 0) >= 1) / top


@dataclass
class Need:
    qid: str
    query: str
    grades: dict[str, int]  # judged ids the corpus holds


@dataclass
class Scores:
    name: str
    per_need: dict[str, tuple[float, float]] = field(default_factory=dict)  # qid → (nDCG@10, P@5)
    seconds: float = 0.0

    def mean(self, i: int) -> float:
        return sum(v[i] for v in self.per_need.values()) / max(len(self.per_need), 1)

    @property
    def ndcg(self) -> float:
        return self.mean(0)

    @property
    def p5(self) -> float:
        return self.mean(1)


def needs(path: Path, corpus_ids: set[str]) -> list[Need]:
    return [Need(n["qid"], n["query"], {d: g for d, g in n["qrels"].items() if d in corpus_ids})
            for n in read_jsonl(path)]


def scorable(need: Need) -> bool:
    return any(g > 0 for g in need.grades.values())


def score(name: str, search, found: list[Need]) -> Scores:
    """`search(query)` → ranked ids (at least TOP)."""
    scores = Scores(name)
    for need in filter(scorable, found):
        started = time.perf_counter()
        ranked = search(need.query)
        scores.seconds += time.perf_counter() - started
        scores.per_need[need.qid] = (ndcg(ranked, need.grades), precision(ranked, need.grades))
    return scores


class Fts5Baseline:
    """Plain SQLite FTS5 over the raw texts (in memory)."""

    def __init__(self, records: list[dict]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, text, "
                        "tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO fts VALUES (?, ?)", [(r["id"], r["text"]) for r in records])

    def search(self, query: str, top: int = TOP) -> list[str]:
        words = FTS_WORD.findall(query)
        if not words:
            return []
        match = " OR ".join('"%s"' % w for w in words)  # quoted: nothing typed is FTS5 syntax
        return [d for (d,) in self.db.execute(
            "SELECT id FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (match, top))]


def evaluate_topical(needs_path: Path, corpus_path: Path, index_root: Path) -> tuple[list[Need], list[Scores]]:
    from searchsvc.search import SearchRequest, SearchService

    records = read_jsonl(corpus_path)
    found = needs(needs_path, {r["id"] for r in records})
    service = SearchService(index_root)

    def ours(query: str) -> list[str]:
        result = service.search(SearchRequest(q=query, per_page=TOP, strict=False, facets=True))
        return [hit.announcement.id for hit in result.hits]

    baseline = Fts5Baseline(records)
    return found, [score("searchsvc", ours, found), score("FTS5", baseline.search, found)]


def print_topical(found: list[Need], results: list[Scores], out=None) -> None:
    out = out or sys.stdout
    print(f"Topical ranking over {sum(map(scorable, found))} needs (nDCG@{TOP}, gain 2^grade-1; P@{PRECISION_AT}, grade >= 1)",
          file=out)
    print(f"{'':<6}" + "".join(f"{s.name + ' nDCG':>16}{'P@5':>6}" for s in results) + "  query", file=out)
    for need in found:
        if not scorable(need):
            print(f"{need.qid:<6}{'(no relevant announcement in the corpus: not scored)':>44}  {need.query}", file=out)
            continue
        cells = "".join(f"{s.per_need[need.qid][0]:>16.3f}{s.per_need[need.qid][1]:>6.2f}" for s in results)
        print(f"{need.qid:<6}{cells}  {need.query}", file=out)
    print(f"{'mean':<6}" + "".join(f"{s.ndcg:>16.3f}{s.p5:>6.3f}" for s in results), file=out)
    for s in results:
        print(f"{s.name}: nDCG@{TOP} {s.ndcg:.3f}  P@{PRECISION_AT} {s.p5:.3f}  "
              f"{s.seconds / max(len(found), 1) * 1000:.1f} ms per query", file=out)
    ours = results[0]
    worst = sorted(filter(scorable, found), key=lambda n: ours.per_need[n.qid][0])[:WORST_SHOWN]
    print(f"\nWorst needs for {ours.name}:", file=out)
    for need in worst:
        print(f"  {need.qid}  {ours.per_need[need.qid][0]:.3f}  {need.query}", file=out)
