"""Did you mean: a corrected query when a query finds little.

Corrections come from the lexicon of the unstemmed body field, so they are real words and names as
the announcements spell them (`stoltemberg` → `stoltenberg`), never stems.
"""

from __future__ import annotations

import re

from searchsvc.analysis import exact_terms
from searchsvc.search.query import SPELLING_FIELD, ParsedQuery, Words

MIN_WORD = 4  # shorter words have too many neighbours to correct reliably
RARE = 1  # a word in at most this many announcements may be a typo of a common one
MAX_DISTANCE = 2


def suggest(reader, q: str, parsed: ParsedQuery) -> str | None:
    """`q` with its unknown or rare words replaced by the most frequent close word, or None."""
    corrected = q
    for clause in parsed.required:
        if not isinstance(clause, Words) or clause.field:
            continue
        words = exact_terms(clause.text)
        if len(words) != 1 or len(words[0]) < MIN_WORD:
            continue
        better = correction(reader, words[0])
        if better:
            corrected = re.sub(re.escape(clause.text), better, corrected, count=1, flags=re.IGNORECASE)
    return corrected if corrected != q else None


def correction(reader, word: str) -> str | None:
    frequency = reader.doc_frequency(SPELLING_FIELD, word)
    if frequency > RARE:
        return None
    for distance in range(1, MAX_DISTANCE + 1):
        candidates = [term.decode() if isinstance(term, bytes) else term
                      for term in reader.terms_within(SPELLING_FIELD, word, distance, prefix=1)]
        best = max(candidates, key=lambda t: (reader.doc_frequency(SPELLING_FIELD, t), t), default=None)
        if best and best != word and reader.doc_frequency(SPELLING_FIELD, best) > max(frequency, RARE):
            return best
    return None
