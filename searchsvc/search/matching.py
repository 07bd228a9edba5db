"""Query evaluation over cached posting arrays: every match and its BM25F score, as vectors.

Whoosh evaluates a query posting by posting in Python, and any request for the full match set (facet
counts need it) or for a ranking over it costs a Python step per matching document. Here each term's
postings are read once per index generation into numpy arrays (document numbers, weights), and a
query tree becomes mask and score arithmetic over all documents at once. Scores follow Whoosh's own
BM25F (same idf, same length normalisation, field boosts already in the posting weights).

The index holds folded words; a query term is a stem (search.queries.Stem), whose postings are the
merged postings of every word of the field with that stem ("securite", "securites" for "securit"),
scored as one term, exactly as if the index had stored stems. Phrases match on the positions of
their words (read a block of postings at a time, store.schema.PositionArray), among the documents holding
all their words; their score is their words'.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import singledispatchmethod
from math import log

import numpy as np

from searchsvc.search.queries import AllOf, AnyOf, BestOf, Everything, Nothing, Phrase, Stem, Term, Weighted, Without
from searchsvc.search.ranking import TITLE_WEIGHT
from searchsvc.store import DOC_SHIFT, Generation

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
SCORED_FIELDS = ("title", "body")
POSTINGS_BUDGET = 20_000_000  # postings kept in memory per index generation (~160 MB at most)
POSITIONS_BUDGET = 10_000_000  # word positions kept for phrases (~80 MB at most)
SPARSE_FROM = 2_000  # a phrase word in more documents than this…
SPARSE_SHARE = 8  # …and in 8 times more documents than the phrase's candidates is read in those only


class ArrayCache:
    """Arrays read from the index per (field, word), least recently used dropped past a budget."""

    def __init__(self, read, budget: int):
        self.read = read  # (field, word) → array or tuple of arrays of equal length
        self.budget = budget
        self.size = 0
        self.cache: OrderedDict[tuple, object] = OrderedDict()

    def get(self, field: str, word: str):
        key = (field, word)
        found = self.cache.get(key)
        if found is not None:
            self.cache.move_to_end(key)
            return found
        found = self.read(field, word)
        self.put(key, found)
        return found

    def put(self, key: tuple, found) -> None:
        self.cache[key] = found
        self.size += len(found[0] if isinstance(found, tuple) else found)
        while self.size > self.budget and len(self.cache) > 1:
            _, dropped = self.cache.popitem(last=False)
            self.size -= len(dropped[0] if isinstance(dropped, tuple) else dropped)


class FieldLengths:
    """Each document's length in a scored field, as Whoosh stores it, and the field's average."""

    def __init__(self, store: Generation, field: str):
        self.lengths = store.field_lengths(field)
        total = store.total_length(field)
        self.average = total / max(store.doc_count, 1) or 1.0
        # BM25's length part per document, computed once: K1 * ((1 - B) + B * dl / avgdl)
        self.norm = (K1 * ((1 - B) + B * self.lengths / self.average)).astype(np.float32)


class Evaluator:
    """Runs our query types (search.queries) as (mask, scores) over all documents, by type."""

    def __init__(self, store: Generation):
        self.store = store
        self.doc_count = self.all_docs = store.doc_count_all
        self.postings = ArrayCache(store.postings, POSTINGS_BUDGET)
        self.positions = ArrayCache(store.positions, POSITIONS_BUDGET)
        self.lengths = {field: FieldLengths(store, field) for field in SCORED_FIELDS}

    @singledispatchmethod
    def evaluate(self, query) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) over every document number: what `query` matches, and how well."""
        raise TypeError(f"cannot evaluate {query!r}")

    @evaluate.register
    def _(self, query: Stem):
        return self.scored(query.field, *self.stem_postings(query.field, query.stem))

    @evaluate.register
    def _(self, query: Term):
        return self.scored(query.field, *self.postings.get(query.field, query.word))

    @evaluate.register
    def _(self, query: AnyOf):
        return self.union(query.parts, np.add)  # the scores of the parts that match add up

    @evaluate.register
    def _(self, query: BestOf):
        return self.union(query.parts, np.maximum)  # the best part's score counts

    def union(self, parts, combine) -> tuple[np.ndarray, np.ndarray]:
        """Documents any part matches, the parts' scores combined by `combine` (a numpy ufunc)."""
        mask, scores = np.zeros(self.doc_count, bool), np.zeros(self.doc_count, np.float32)
        for part in parts:
            part_mask, part_scores = self.evaluate(part)
            mask |= part_mask
            combine(scores, part_scores, out=scores)
        return mask, scores

    @evaluate.register
    def _(self, query: Weighted):
        mask, scores = self.evaluate(query.query)
        return mask, scores * np.float32(query.weight)

    @evaluate.register
    def _(self, query: AllOf):
        mask, scores = np.ones(self.doc_count, bool), np.zeros(self.doc_count, np.float32)
        for part in query.parts:
            part_mask, part_scores = self.evaluate(part)
            mask &= part_mask
            scores += part_scores
        return mask, np.where(mask, scores, 0).astype(np.float32)

    @evaluate.register
    def _(self, query: Without):
        mask, scores = self.evaluate(query.query)
        excluded, _ = self.evaluate(query.excluded)
        mask &= ~excluded
        return mask, np.where(mask, scores, 0).astype(np.float32)

    @evaluate.register
    def _(self, query: Phrase):
        return self.phrase(query)

    @evaluate.register
    def _(self, query: Everything):
        return np.ones(self.doc_count, bool), np.zeros(self.doc_count, np.float32)

    @evaluate.register
    def _(self, query: Nothing):
        return np.zeros(self.doc_count, bool), np.zeros(self.doc_count, np.float32)

    def variants(self, field: str) -> dict[str, list[str]]:
        """stem → the words of the field's lexicon with that stem (written at build time)."""
        return self.store.stems(field)

    def stem_postings(self, field: str, stem: str) -> tuple[np.ndarray, np.ndarray]:
        """The merged postings of the words with this stem: their weights summed per document."""
        key = (field, "\0stem", stem)
        found = self.postings.cache.get(key)
        if found is None:
            parts = [self.postings.get(field, word) for word in self.variants(field).get(stem, ())]
            if len(parts) == 1:
                found = parts[0]
            elif parts:
                weights = np.bincount(np.concatenate([d for d, _ in parts]),
                                      np.concatenate([w for _, w in parts]), minlength=self.doc_count)
                docs = np.flatnonzero(weights).astype(np.int32)
                found = docs, weights[docs].astype(np.float32)
            else:
                found = np.zeros(0, np.int32), np.zeros(0, np.float32)
            self.postings.put(key, found)
        return found

    def scored(self, field: str, docs: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mask = np.zeros(self.doc_count, bool)
        mask[docs] = True
        scores = np.zeros(self.doc_count, np.float32)
        lengths = self.lengths.get(field)
        if lengths is not None and len(docs):
            idf = log(self.all_docs / (len(docs) + 1)) + 1
            scores[docs] = idf * (weights * (K1 + 1)) / (weights + lengths.norm[docs])
            if field == "title" and TITLE_WEIGHT != 1.0:  # search.ranking: the title weighs more
                scores[docs] *= TITLE_WEIGHT
        return mask, scores

    def phrase(self, query: Phrase) -> tuple[np.ndarray, np.ndarray]:
        """Documents holding the words at consecutive positions, scored by their words.

        A word's occurrences are sorted keys (document, position); the phrase starts where every
        word's key, less its offset in the phrase, is the same: binary searches from the rarest
        word on, among the documents holding every word. Keys are cached per word, except for a
        common word in a phrase whose other words narrow the documents: its positions are read in
        those documents only (a phrase's "de" or "les" would otherwise cost a million positions).
        """
        field, words = query.field, list(query.words)
        candidates = np.ones(self.doc_count, bool)
        scores = np.zeros(self.doc_count, np.float32)
        frequency = {}
        for word in set(words):
            docs, weights = self.postings.get(field, word)
            mask, word_scores = self.scored(field, docs, weights)
            candidates &= mask
            scores += word_scores * words.count(word)
            frequency[word] = len(docs)
        mask = np.zeros(self.doc_count, bool)
        starts = None  # keys where the phrase may start, in the documents still in the running
        for offset, word in sorted(enumerate(words), key=lambda item: frequency[item[1]]):
            docs = np.flatnonzero(candidates) if starts is None else np.unique(starts >> DOC_SHIFT)
            if not len(docs):
                break
            keys = self.positions.cache.get((field, word))
            if keys is None:
                sparse = frequency[word] > SPARSE_FROM and len(docs) * SPARSE_SHARE < frequency[word]
                keys = self.store.positions(field, word, docs) if sparse else self.positions.get(field, word)
            if starts is None:
                starts = keys[candidates[keys >> DOC_SHIFT]] - offset
            else:
                wanted = starts + offset
                found = np.searchsorted(keys, wanted)
                starts = starts[keys[np.minimum(found, len(keys) - 1)] == wanted] if len(keys) else starts[:0]
        if starts is not None and len(starts):
            mask[np.unique(starts >> DOC_SHIFT)] = True
        return mask, np.where(mask, scores, 0).astype(np.float32)
