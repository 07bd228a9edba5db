"""How far the person facet can be trusted over a corpus: values, one-word values, and whether
`personne:<surname>` finds the announcements that name each of the most frequent people.

    python -m bench.person_facets [--corpus ../shared/corpus/nato-fr-dev.jsonl] [--index ROOT]

Indexes the corpus in a temporary folder (or reads the index at ROOT, e.g. one built by an older
version), then prints the number of person values and of one-word values, and for the TOP most
frequent people: the announcements whose text holds their surname as a word (what a journalist
typing it expects), how many of those `personne:<surname>` returns, and how many it returns that do
not hold it. A figure, not a test: the text holding a surname is a fair but rough stand-in for the
announcement naming that person.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from searchsvc.evaluate import pages
from searchsvc.metadata.places import fold
from searchsvc.search import SearchRequest, SearchService

TOP = 15
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "nato-fr-dev.jsonl"


def found_ids(service: SearchService, q: str) -> set[str]:
    ids, page = set(), 1
    while True:
        result = service.search(SearchRequest(q=q, per_page=100, page=page, facets=False))
        ids |= {hit.announcement.id for hit in result.hits}
        if page * 100 >= result.total:
            return ids
        page += 1


def report(corpus: Path, index_root: Path) -> None:
    service = SearchService(index_root)
    values = service.facet_values("person", limit=1_000_000)
    single = [v.value for v in values if len(v.value.split()) == 1]
    print(f"{corpus.name}: {service.health()['documents']} announcements")
    print(f"person values {len(values)}, of one word {len(single)}")
    texts = {id: fold(page.title + "\n" + page.text) for id, page in pages(corpus).items()}
    print(f"\n{'person':<28}{'facet':>6}{'named':>7}{'found':>7}{'recall':>8}{'other':>7}   personne:<surname>")
    named_all = found_all = 0
    for value in values[:TOP]:
        surname = value.value.split()[-1]
        word = re.compile(rf"(?<![\w-]){re.escape(fold(surname))}(?![\w-])")
        named = {id for id, text in texts.items() if word.search(text)}
        found = found_ids(service, f'personne:"{surname}"')
        named_all, found_all = named_all + len(named), found_all + len(named & found)
        print(f"{value.value[:27]:<28}{value.count:>6}{len(named):>7}{len(named & found):>7}"
              f"{len(named & found) / max(len(named), 1):>8.3f}{len(found - named):>7}")
    print(f"{'all':<28}{'':>6}{named_all:>7}{found_all:>7}{found_all / max(named_all, 1):>8.3f}")
    print("\none-word values:", ", ".join(sorted(single)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--index", type=Path, default=None, help="an index of the corpus (default: build one)")
    args = parser.parse_args()
    if args.index:
        report(args.corpus, args.index)
        return
    from searchsvc.indexer import build

    with tempfile.TemporaryDirectory() as root:
        build(args.corpus, Path(root))
        report(args.corpus, Path(root))


if __name__ == "__main__":
    main()
