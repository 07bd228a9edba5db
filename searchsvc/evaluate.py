"""Measure the metadata extraction against hand annotations, and ranking against known-item queries.

    python -m searchsvc.evaluate extraction ../shared/corpus/gold-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]
    python -m searchsvc.evaluate ranking ../shared/corpus/queries-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]
    python -m searchsvc.evaluate topical ../shared/corpus/topical-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]

Runs the real extraction over the corpus announcements that have gold labels and prints precision,
recall and F1 (micro-averaged over announcements) for persons, countries, regions_named and topics,
date accuracy (exact matches over gold dates that are not null), every error (per announcement:
missing / spurious) and the extraction speed.

`ranking` indexes the corpus in a temporary folder, runs each journalist's query as the web box
does, and prints the mean reciprocal rank of the known announcement in the top ten, how often it
comes first and in the top three, the queries that miss, and the time per query.

`topical` scores graded information needs (nDCG@10, P@5) for searchsvc and plain SQLite FTS5 in
the same run (searchsvc.topical).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from searchsvc.ingest.corpus import Page, page_of, repeated_lines
from searchsvc.ingest.readers import RawDocument, read_file
from searchsvc.metadata import Metadata, extract_metadata
from searchsvc.metadata.places import fold

FIELDS = ("persons", "countries", "regions_named", "topics")


def pages(corpus_path: Path) -> dict[str, Page]:
    """The corpus's pages as ingest sees them: chrome (by rule and by repetition) and page dates
    removed, title found."""
    raws = [item for item in read_file(corpus_path, corpus_path.name) if isinstance(item, RawDocument)]
    shared = repeated_lines(raws)
    found = {raw.id: page_of(raw, shared) for raw in raws}
    return {id: page for id, page in found.items() if isinstance(page, Page)}


def _key(value: str) -> str:
    """Names are compared case- and accent-insensitively (`Băsescu` = `Basescu`)."""
    return re.sub(r"\s+", " ", fold(value)).strip()


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    announcements: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    dates_gold: int = 0
    dates_correct: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # id, field, missing, spurious
    missing_ids: list[str] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_correct / self.dates_gold if self.dates_gold else 1.0

    @property
    def per_second(self) -> float:
        return self.announcements / self.seconds if self.seconds else float("inf")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_extraction(gold_path: Path, corpus_path: Path) -> Report:
    gold = _read_jsonl(gold_path)
    found = pages(corpus_path)
    report = Report()
    results: list[tuple[dict, Metadata]] = []
    start = time.perf_counter()
    for labels in gold:
        page = found.get(labels["id"])
        if page is None:
            report.missing_ids.append(labels["id"])
            continue
        results.append((labels, extract_metadata(page.title, page.text, page.page_date)))
    report.seconds = time.perf_counter() - start
    report.announcements = len(results)

    for labels, meta in results:
        for name in FIELDS:
            expected = {_key(v): v for v in labels.get(name) or []}
            got = {_key(v): v for v in getattr(meta, name)}
            score = report.scores[name]
            score.gold += len(expected)
            score.found += len(got)
            score.correct += len(expected.keys() & got.keys())
            missing = [expected[k] for k in expected if k not in got]
            spurious = [got[k] for k in got if k not in expected]
            if missing or spurious:
                report.errors.append((labels["id"], name, missing, spurious))
        if labels.get("date"):
            report.dates_gold += 1
            found = meta.date.isoformat() if meta.date else None
            if found == labels["date"]:
                report.dates_correct += 1
            else:
                report.errors.append((labels["id"], "date", [labels["date"]], [str(found)]))
    return report


def print_report(report: Report, out=None) -> None:
    out = out or sys.stdout
    print(f"Extraction over {report.announcements} annotated announcements", file=out)
    print(f"{'field':<15}{'precision':>10}{'recall':>8}{'F1':>8}   gold/found/correct", file=out)
    for name, s in report.scores.items():
        print(f"{name:<15}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}   "
              f"{s.gold}/{s.found}/{s.correct}", file=out)
    print(f"{'date accuracy':<15}{report.date_accuracy:>10.3f}   "
          f"({report.dates_correct}/{report.dates_gold} gold dates that are not null)", file=out)
    print(f"{'speed':<15}{report.per_second:>10.0f} announcements/s "
          f"({report.announcements} in {report.seconds:.2f} s)", file=out)
    if report.missing_ids:
        print(f"not in the corpus: {', '.join(report.missing_ids)}", file=out)
    print("\nErrors (missing / spurious):", file=out)
    current = None
    for doc_id, name, missing, spurious in report.errors:
        if doc_id != current:
            print(doc_id, file=out)
            current = doc_id
        print(f"  {name:<14} missing {missing}  spurious {spurious}", file=out)


@dataclass
class Ranking:
    ranks: list[tuple[str, int | None]] = field(default_factory=list)  # (query, rank in the top ten)
    seconds: float = 0.0

    def share(self, within: int) -> float:
        return sum(1 for _, r in self.ranks if r and r <= within) / max(len(self.ranks), 1)

    @property
    def mrr(self) -> float:
        return sum(1 / r for _, r in self.ranks if r) / max(len(self.ranks), 1)


def evaluate_ranking(queries_path: Path, index_root: Path) -> Ranking:
    """Each known-item query against the index at `index_root`, as typed in the web box."""
    from searchsvc.search import SearchRequest, SearchService

    service = SearchService(index_root)
    ranking = Ranking()
    for known in _read_jsonl(queries_path):
        started = time.perf_counter()
        result = service.search(SearchRequest(q=known["query"], per_page=10, strict=False, facets=True))
        ranking.seconds += time.perf_counter() - started
        ids = [hit.announcement.id for hit in result.hits]
        ranking.ranks.append((known["query"], ids.index(known["id"]) + 1 if known["id"] in ids else None))
    return ranking


def print_ranking(ranking: Ranking, out=None) -> None:
    out = out or sys.stdout
    n = len(ranking.ranks)
    print(f"Known-item ranking over {n} queries", file=out)
    print(f"MRR@10 {ranking.mrr:.3f}   first {ranking.share(1):.3f}   top 3 {ranking.share(3):.3f}   "
          f"top 10 {ranking.share(10):.3f}", file=out)
    print(f"{ranking.seconds / max(n, 1) * 1000:.1f} ms per query (full work: facets and snippets)", file=out)
    print("\nOutside the top three:", file=out)
    for query, rank in ranking.ranks:
        if not rank or rank > 3:
            print(f"  {rank or '-':>3}  {query}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m searchsvc.evaluate", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extraction = commands.add_parser("extraction", help="metadata extraction against gold annotations")
    extraction.add_argument("gold", type=Path, help="gold annotations (jsonl)")
    extraction.add_argument("--corpus", type=Path, default=None,
                            help="corpus jsonl (default: nato-fr-dev.jsonl beside the gold file)")
    ranking = commands.add_parser("ranking", help="known-item queries against an index of the corpus")
    ranking.add_argument("gold", type=Path, help="queries (jsonl: id, query)")
    ranking.add_argument("--corpus", type=Path, default=None,
                         help="corpus jsonl (default: nato-fr-dev.jsonl beside the queries file)")
    topical = commands.add_parser("topical", help="graded topical needs, searchsvc against SQLite FTS5")
    topical.add_argument("gold", type=Path, help="needs (jsonl: qid, query, qrels)")
    topical.add_argument("--corpus", type=Path, default=None,
                         help="corpus jsonl (default: nato-fr-dev.jsonl beside the needs file)")
    args = parser.parse_args(argv)
    corpus = args.corpus or args.gold.with_name("nato-fr-dev.jsonl")
    for path in (args.gold, corpus):
        if not path.is_file():
            parser.error(f"no such file: {path}")
    if args.command == "extraction":
        print_report(evaluate_extraction(args.gold, corpus))
        return 0
    from searchsvc.indexer import build

    with tempfile.TemporaryDirectory() as index_root:
        build(corpus, Path(index_root))
        if args.command == "topical":
            from searchsvc.topical import evaluate_topical, print_topical

            print_topical(*evaluate_topical(args.gold, corpus, Path(index_root)))
        else:
            print_ranking(evaluate_ranking(args.gold, Path(index_root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
