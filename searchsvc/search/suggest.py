"""Did you mean: a corrected query when a query finds little.

Corrections come from the lexicon of the unstemmed body field, so they are real words and names as
the announcements spell them (`stoltemberg` → `stoltenberg`), never stems. Edit distances are
computed by rapidfuzz (C++) over the words sharing the first letter: Whoosh's automaton, in Python,
took tens of milliseconds per word on a large, multi-segment index.

A correction is never a stop word (`purl` → `pour` would find everything), never another form of
the same word (`émergentes` → `emergents`: same stem, a worse spelling), and a word typed in
capitals (an acronym such as `PURL`) is not corrected.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from searchsvc.analysis import STOPPED, exact_terms, term_of_word
from searchsvc.search.query import SPELLING_FIELD, ParsedQuery, Words
from searchsvc.store import Generation

MIN_WORD = 4  # shorter words have too many neighbours to correct reliably
RARE = 1  # a word in at most this many announcements may be a typo of a common one
MAX_DISTANCE = 2


class Spelling:
    """The words of one index generation with their document frequencies, by first letter."""

    def __init__(self, store: Generation):
        self.frequency: dict[str, int] = {}
        self.by_letter: dict[str, list[str]] = defaultdict(list)
        for word in store.lexicon(SPELLING_FIELD):
            self.frequency[word] = store.doc_frequency(SPELLING_FIELD, word)
            self.by_letter[word[0]].append(word)

    def correction(self, word: str) -> str | None:
        """The most frequent word within MAX_DISTANCE edits (closest first), when `word` is rare and
        the correction is not."""
        frequency = self.frequency.get(word, 0)
        if frequency > RARE:
            return None
        found = process.extract(word, self.by_letter.get(word[0], ()), scorer=DamerauLevenshtein.distance,
                                score_cutoff=MAX_DISTANCE, limit=None)
        term = term_of_word(word)
        found = [(distance, -self.frequency[candidate], candidate) for candidate, distance, _ in found
                 if candidate != word and self.frequency[candidate] > max(frequency, RARE)
                 and term_of_word(candidate) not in (STOPPED, term)]
        return min(found)[2] if found else None


def suggest(spelling: Spelling, q: str, parsed: ParsedQuery) -> str | None:
    """`q` with its unknown or rare words replaced by the most frequent close word, or None."""
    corrected = q
    for clause in parsed.required:
        if not isinstance(clause, Words) or clause.field:
            continue
        words = exact_terms(clause.text)
        if len(words) != 1 or len(words[0]) < MIN_WORD or clause.text.isupper():
            continue
        better = spelling.correction(words[0])
        if better:
            corrected = re.sub(re.escape(clause.text), better, corrected, count=1, flags=re.IGNORECASE)
    return corrected if corrected != q else None


def confident(spelling: Spelling, q: str, corrected: str) -> bool:
    """A correction sure enough to be searched instead: every word it replaces is unknown."""
    before, after = exact_terms(q), exact_terms(corrected)
    return len(before) == len(after) and all(not spelling.frequency.get(b) for b, a in zip(before, after) if b != a)
