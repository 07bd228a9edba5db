"""Cost of metadata extraction per announcement: the whole of it and each finder, on the bench's
synthetic corpus and on the dev corpus.

    python -m bench.extraction_speed [--docs 2000] [--corpus ../shared/corpus/nato-fr-dev.jsonl]

Times `searchsvc.metadata.extract_metadata` (what ingest calls per announcement), each finder alone
on the same texts, and the corpus-wide person pass (`canonical.canonicalise`) over the results, and
prints milliseconds of CPU time per announcement (process time, best of ROUNDS: other processes on a
shared machine only ever slow a round down). Needs wordfreq==3.1.1 for the synthetic corpus, like
the bench.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from searchsvc.metadata import _french, extract_metadata
from searchsvc.metadata.canonical import canonicalise
from searchsvc.metadata.dates import text_date
from searchsvc.metadata.persons import find_persons
from searchsvc.metadata.places import find_countries, find_regions_named
from searchsvc.metadata.topics import find_topics

ROUNDS = 3
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "nato-fr-dev.jsonl"


def per_announcement(run, items: list) -> float:
    """Best time of ROUNDS runs of `run` over every item, in ms per item."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for item in items:
            run(item)
        best = min(best, time.process_time() - started)
    return best / len(items) * 1000


def report(name: str, texts: list[tuple[str, str]]) -> None:
    wholes = [title + "\n\n" + _french(body) for title, body in texts]
    found = [extract_metadata(title, body, None) for title, body in texts]
    stages = {
        "extract_metadata": per_announcement(lambda t: extract_metadata(t[0], t[1], None), texts),
        "  persons": per_announcement(find_persons, wholes),
        "  countries": per_announcement(find_countries, wholes),
        "  regions named": per_announcement(find_regions_named, wholes),
        "  date": per_announcement(lambda t: text_date(t[0], t[1], None), texts),
        "  topics": per_announcement(lambda t: find_topics(t[0], t[1], (), None), texts),
        "corpus person pass": per_announcement(
            lambda _: canonicalise([(m.persons, m.date) for m in found]), [None]) / len(found),
    }
    print(f"{name}: {len(texts):,} announcements")
    for stage, ms in stages.items():
        print(f"  {stage:<22}{ms:8.3f} ms/announcement")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic announcements (0: none)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if args.docs:
        from bench.synthetic import generate_dicts

        report("synthetic", [(d["title"], d["text"]) for d in generate_dicts(args.docs)])
    if args.corpus.exists():
        from searchsvc.evaluate import pages

        report(args.corpus.name, [(p.title, p.text) for p in pages(args.corpus).values()])


if __name__ == "__main__":
    main()
