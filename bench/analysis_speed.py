"""Cost of the French analysis chain per token, against a naive chain in the same run.

    python -m bench.analysis_speed [--corpus ../shared/corpus/nato-fr-dev.jsonl]

Our chain (searchsvc.analysis.analyze_terms: one regex tokenizer, then elision, folding, stop words
and stemming memoised per distinct word) against the same stages written as separate Whoosh filters
with no memo (Whoosh's tokenizer, lowercase, an elision regex, unidecode, a stop list and the
stemmer called per token, with positions as indexing asks for them). Prints microseconds per token
for each.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import snowballstemmer
from unidecode import unidecode
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from searchsvc.analysis import ELISION, STOP_WORDS, WORD, analyze_terms

ROUNDS = 3
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "nato-fr-dev.jsonl"


class NaiveFrench(Filter):
    """elision → fold → stop → stem, each token through every stage, nothing memoised."""

    def __init__(self):
        self.stemmer = snowballstemmer.stemmer("french")

    def __call__(self, tokens):
        for token in tokens:
            word = ELISION.sub("", token.text)
            word = re.sub(r"[^a-z0-9]", "", unidecode(word).lower())
            if word and word not in STOP_WORDS:
                token.text = self.stemmer.stemWord(word)
                yield token


def per_token(analyse, tokens: int) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        analyse()
        best = min(best, time.perf_counter() - started)
    return best / tokens * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if args.corpus.exists():
        text = "\n".join(json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines())
    else:  # the seeds shipped in corpus/, repeated
        text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path("corpus").glob("*.txt"))) * 40
    tokens = len(WORD.findall(text))
    naive_chain = RegexTokenizer(WORD.pattern) | LowercaseFilter() | NaiveFrench()
    ours = per_token(lambda: analyze_terms(text), tokens)
    naive = per_token(lambda: [token.text for token in naive_chain(text, positions=True)], tokens)
    print(f"{tokens:,} tokens")
    print(f"searchsvc chain   {ours:.2f} µs/token")
    print(f"naive chain       {naive:.2f} µs/token   ({naive / ours:.1f}× ours)")


if __name__ == "__main__":
    main()
