"""Measure the metadata extraction against hand annotations, and ranking against known-item queries.

    python -m searchsvc.evaluate extraction ../shared/corpus/gold-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]
    python -m searchsvc.evaluate ranking ../shared/corpus/queries-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]
    python -m searchsvc.evaluate topical ../shared/corpus/topical-dev.jsonl \
        [--corpus ../shared/corpus/nato-fr-dev.jsonl]
    python -m searchsvc.evaluate titles ../shared/corpus/nato-fr-dev.jsonl
    python -m searchsvc.evaluate quotes ../shared/corpus/quotes-dev.jsonl   (see evaluate_quotes)

Runs the real extraction over every corpus announcement, then the corpus-wide person pass (one
canonical name per person, metadata.canonical), as the indexer does, and prints for the announcements
that have gold labels precision, recall and F1 (micro-averaged over announcements) for persons,
countries, regions_named and topics, date accuracy (exact matches over gold dates that are not null),
the share of the whole corpus left undated, every error (per announcement: missing / spurious) and
the extraction speed. A gold name given by surname only (the text names no more) matches the
canonical full name found that ends with it (`Colomina` ~ `Javier Colomina`).

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
from dataclasses import dataclass, field, replace
from pathlib import Path

from searchsvc.ingest.corpus import Page, corpus_shared, page_of
from searchsvc.ingest.readers import RawDocument, read_file
from searchsvc.metadata import Metadata, extract_metadata
from searchsvc.metadata.canonical import canonicalise, similar
from searchsvc.metadata.names import core, ends_with
from searchsvc.metadata.places import fold

FIELDS = ("persons", "countries", "regions_named", "topics")


def pages(corpus_path: Path) -> dict[str, Page]:
    """The corpus's pages as ingest sees them: chrome (by rule and by repetition) and page dates
    removed, words that lost their accents repaired, title found."""
    raws = [item for item in read_file(corpus_path, corpus_path.name) if isinstance(item, RawDocument)]
    shared = corpus_shared(raws)
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
    # persons again, a gold name matching a found one that spells the same name otherwise
    # (`Sergei`/`Sergueï Ivanov`, `Philip M. Breedlove`/`Philip Breedlove`): what one value per
    # person costs against the per-text spellings of the gold, kept apart from the F1 above
    any_spelling: Score = field(default_factory=Score)
    dates_gold: int = 0
    dates_correct: int = 0
    corpus_size: int = 0  # every announcement of the corpus, gold or not
    undated: int = 0  # … of which extraction finds no date
    seconds: float = 0.0
    extracted: int = 0  # announcements of the corpus extracted (the person pass needs them all)
    errors: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # id, field, missing, spurious
    missing_ids: list[str] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_correct / self.dates_gold if self.dates_gold else 1.0

    @property
    def per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds else float("inf")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_extraction(gold_path: Path, corpus_path: Path) -> Report:
    gold = _read_jsonl(gold_path)
    found = pages(corpus_path)
    report = Report()
    start = time.perf_counter()
    extracted = {id: extract_metadata(page.title, page.text, page.page_date, page.url, page.update_date)
                 for id, page in found.items()}
    persons = canonicalise([(meta.persons, meta.date) for meta in extracted.values()])
    extracted = {id: replace(meta, persons=names) for (id, meta), names in zip(extracted.items(), persons)}
    report.seconds = time.perf_counter() - start
    report.extracted = len(extracted)
    results: list[tuple[dict, Metadata]] = []
    for labels in gold:
        if labels["id"] not in extracted:
            report.missing_ids.append(labels["id"])
            continue
        results.append((labels, extracted[labels["id"]]))
    report.announcements = len(results)
    report.corpus_size = len(found)
    report.undated = sum(meta.date is None for meta in extracted.values())

    for labels, meta in results:
        for name in FIELDS:
            expected = {_key(v): v for v in labels.get(name) or []}
            got = {_key(v): v for v in getattr(meta, name)}
            if name == "persons":
                got = _surnames_matched(expected, got)
                same = _surnames_matched(expected, got, spelling=True)
                report.any_spelling.gold += len(expected)
                report.any_spelling.found += len(same)
                report.any_spelling.correct += len(expected.keys() & same.keys())
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


def _surnames_matched(expected: dict[str, str], got: dict[str, str], spelling: bool = False) -> dict[str, str]:
    """`got` with a found full name keyed as the gold name it completes: gold `Colomina` (the text
    gives no more) is the canonical `Javier Colomina` the pass found. `spelling`: also a found name
    that spells the gold one otherwise (initials, transliteration)."""
    got = dict(got)
    for key in expected:
        if key in got:
            continue
        short = core(key.split())
        completing = [k for k in got if k not in expected and short and (
            ends_with(core(k.split()), short) or spelling and (core(k.split()) == short or similar(core(k.split()), short)))]
        if len(completing) == 1:
            got[key] = got.pop(completing[0])
    return got


def print_report(report: Report, out=None) -> None:
    out = out or sys.stdout
    print(f"Extraction over {report.announcements} annotated announcements", file=out)
    print(f"{'field':<15}{'precision':>10}{'recall':>8}{'F1':>8}   gold/found/correct", file=out)
    rows = list(report.scores.items())
    rows.insert(1, ("  any spelling", report.any_spelling))  # persons, a name spelt otherwise in the gold counted
    for name, s in rows:
        print(f"{name:<15}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}   "
              f"{s.gold}/{s.found}/{s.correct}", file=out)
    print(f"{'date accuracy':<15}{report.date_accuracy:>10.3f}   "
          f"({report.dates_correct}/{report.dates_gold} gold dates that are not null)", file=out)
    print(f"{'undated':<15}{report.undated / max(report.corpus_size, 1):>10.3f}   "
          f"({report.undated}/{report.corpus_size} announcements of the whole corpus)", file=out)
    print(f"{'speed':<15}{report.per_second:>10.0f} announcements/s "
          f"({report.extracted} extracted and their persons made canonical in {report.seconds:.2f} s)", file=out)
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


def print_titles(corpus_path: Path, out=None) -> int:
    """The titles that look wrong (ingest.titles.suspicious, or a short heading many pages share),
    one a line with the reason, then their count."""
    from collections import Counter

    from searchsvc.ingest.titles import suspicious

    out = out or sys.stdout
    found = pages(corpus_path)
    shared = Counter(_key(page.title) for page in found.values())
    bad = [(id, page.title, why) for id, page in found.items()
           if (why := suspicious(page.title) or ("a shared heading" if shared[_key(page.title)] > 2 else None))]
    for id, title, why in bad:
        print(f"{id:<24} {why:<22} {title}", file=out)
    print(f"{len(bad)} suspicious titles of {len(found)}", file=out)
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m searchsvc.evaluate", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    # the evaluations scored against a gold file, each over a corpus (nato-fr-dev.jsonl beside it)
    for name, help_, gold in (
            ("extraction", "metadata extraction against gold annotations", "gold annotations (jsonl)"),
            ("ranking", "known-item queries against an index of the corpus", "queries (jsonl: id, query)"),
            ("topical", "graded topical needs, searchsvc against SQLite FTS5", "needs (jsonl: qid, query, qrels)"),
            ("quotes", "quotation finding against annotated quotations", "annotated quotations (jsonl: id, quotes)")):
        command = commands.add_parser(name, help=help_)
        command.add_argument("gold", type=Path, help=gold)
        command.add_argument("--corpus", type=Path, default=None,
                             help="corpus jsonl (default: nato-fr-dev.jsonl beside the gold file)")
    titles = commands.add_parser("titles", help="titles that look wrong (fragments, boilerplate, cut at « M. »)")
    titles.add_argument("corpus", type=Path, help="corpus jsonl")
    args = parser.parse_args(argv)
    if args.command == "titles":
        if not args.corpus.is_file():
            parser.error(f"no such file: {args.corpus}")
        print_titles(args.corpus)
        return 0
    corpus = args.corpus or args.gold.with_name("nato-fr-dev.jsonl")
    for path in (args.gold, corpus):
        if not path.is_file():
            parser.error(f"no such file: {path}")
    if args.command == "quotes":
        from searchsvc.evaluate_quotes import evaluate_quotes, print_quotes

        print_quotes(evaluate_quotes(args.gold, pages(corpus)))
        return 0
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
