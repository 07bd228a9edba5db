"""One generation opened for reading: what search takes from the index, as arrays and plain values.

Postings, positions, field lengths and numeric columns come whole, as numpy arrays (store.reading);
lexicons and prefix expansions as words; a stored record as the dict it was written from.
Document numbers are Whoosh's: deleted documents keep theirs until a merge (`live` masks them).

Whoosh's reader reads its files through shared file objects (seek, then read): two threads of a
gunicorn worker reading at once can read each other's bytes (an unpickling error in 0.1–0.5 % of
concurrent "more like this" calls). Every read that reaches Whoosh's files holds the generation's
lock; what search keeps is numpy arrays cached above this layer, so the lock is taken on cache
misses only.
"""

from __future__ import annotations

import functools
import json
import threading
from itertools import islice
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from searchsvc.store import mapped  # noqa: F401  (segments read in place)
from searchsvc.store.generations import read_build_info
from searchsvc.store.reading import read_column, read_field_lengths, read_positions, read_postings
from searchsvc.store.schema import INDEX_FORMAT
from searchsvc.store.facet_pairs import Pairs, pairs_of, read_facet_pairs
from searchsvc.store.stems import STEM_FIELDS, read_stem_tables, stem_table


class IndexMissing(RuntimeError):
    """No index has been built at this root yet, or one this version cannot read."""


class IndexDamaged(IndexMissing):
    """The live generation's files are missing, truncated or unreadable."""


REPAIR = "rebuild it with `python -m searchsvc index`"


def words(terms) -> list[str]:
    return [term.decode("utf-8") if isinstance(term, bytes) else term for term in terms]


def locked(method):
    """Runs `method` holding the generation's lock (see the module's docstring); a file that
    cannot be read as Whoosh wrote it is reported as a damaged index, never as a crash."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with self.lock:
            try:
                return method(self, *args, **kwargs)
            except IndexMissing:
                raise
            except Exception as error:  # truncated, zeroed or missing files fail in many ways
                raise self.damaged(error) from error
    return run


class Generation:
    """A generation's state at one commit; `up_to_date()` says when a later commit replaced it."""

    def __init__(self, path: Path, check_format: bool = True):  # False: being built, no BUILD.json yet
        self.path = path
        self.lock = threading.RLock()
        if not path.is_dir():
            raise IndexDamaged(f"the index's `current` link in {path.parent} points to {path.name}, which does "
                               f"not exist: {REPAIR}")
        self.info = read_build_info(path)
        if check_format and not self.info:
            raise IndexDamaged(f"the live generation {path} has no readable BUILD.json (damaged, or not "
                               f"written by searchsvc): {REPAIR}")
        if check_format and self.info.get("format") != INDEX_FORMAT:
            raise IndexMissing(f"the index in {path.parent} was built by another version of searchsvc "
                               f"(format {self.info.get('format')}, this one reads {INDEX_FORMAT}): {REPAIR}")
        self.open()

    @locked
    def open(self) -> None:
        self.searcher = whoosh_index.open_dir(str(self.path)).searcher(weighting=BM25F())
        self.reader = self.searcher.reader()
        self.doc_count_all = self.reader.doc_count_all()  # document numbers, deleted ones included
        self.doc_count = self.reader.doc_count()  # live documents
        self.commit = self.reader.generation()  # Whoosh's commit number within the generation
        self._stems = None
        self._facet_pairs = None

    def damaged(self, error: Exception) -> IndexDamaged:
        what = f"{type(error).__name__}: {error}"[:200]
        return IndexDamaged(f"the index in {self.path} is damaged and cannot be read ({what}): {REPAIR}")

    @locked
    def live(self) -> np.ndarray:
        """Mask of the live documents over every document number."""
        mask = np.ones(self.doc_count_all, dtype=bool)
        for leaf, offset in self.reader.leaf_readers():  # deletions are few (updates): by their list
            if leaf.has_deletions():
                mask[[offset + docnum for docnum in leaf.deleted_docs_set]] = False
        return mask

    @locked
    def postings(self, field: str, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, weights) of a word, deleted documents included."""
        return read_postings(self.reader, field, word)

    @locked
    def positions(self, field: str, word: str, only: np.ndarray | None = None) -> np.ndarray:
        """The word's occurrences as sorted keys (store.reading.DOC_SHIFT), or only in `only`."""
        return read_positions(self.reader, field, word, only)

    @locked
    def field_lengths(self, field: str) -> np.ndarray:
        """Each document's length in a scored field (approximate: Whoosh keeps it in a byte)."""
        return read_field_lengths(self.reader, field)

    @locked
    def total_length(self, field: str) -> int:
        return self.reader.field_length(field)

    @locked
    def column(self, field: str) -> np.ndarray:
        """A numeric field's value for every document."""
        return read_column(self.reader, field)

    @locked
    def lexicon(self, field: str) -> list[str]:
        """The field's words (or facet values), in order."""
        return words(self.reader.lexicon(field))

    def warm(self) -> None:
        """Reads now what a first search would: the stem tables of the fields queries match by stem."""
        for field in STEM_FIELDS:
            self.stems(field)

    @locked
    def stems(self, field: str) -> dict[str, list[str]]:
        """stem → the field's words with that stem: the table written at build time (store.stems),
        or built from the lexicon when this commit has none."""
        if self._stems is None:
            self._stems = read_stem_tables(self.path, self.commit) or {}
        if field not in self._stems:
            self._stems[field] = stem_table(self.lexicon(field))
        return self._stems[field]

    @locked
    def facet_pairs(self, field: str) -> Pairs:
        """(values, document of each pair, value index of each pair) of a facet, deleted documents
        included: the pairs written at build time (store.facet_pairs), or read from the postings."""
        if self._facet_pairs is None:
            self._facet_pairs = read_facet_pairs(self.path, self.commit) or {}
        if field not in self._facet_pairs:
            self._facet_pairs[field] = pairs_of(self, field)
        return self._facet_pairs[field]

    @locked
    def expand_prefix(self, field: str, prefix: str, limit: int) -> list[str]:
        """The first `limit` words of the field that start with `prefix`."""
        return words(islice(self.reader.expand_prefix(field, prefix), limit))

    @locked
    def doc_frequency(self, field: str, word: str) -> int:
        return self.reader.doc_frequency(field, word)

    @locked
    def record(self, docnum: int) -> dict:
        """The stored record of a document, as the dict it was written from."""
        return json.loads(self.reader.stored_fields(docnum)["record"])

    @locked
    def docnum(self, id: str) -> int | None:
        return self.searcher.document_number(id=id)

    @locked
    def more_like(self, docnum: int, field: str, text: str, top: int, terms: int) -> list[tuple[int, float]]:
        """(document number, score) of the `top` documents closest to `text` by its `terms` key
        words in `field` (Whoosh's own more-like-this, BM25F), the document itself left out."""
        return [(hit.docnum, hit.score) for hit in
                self.searcher.more_like(docnum, field, text=text, top=top, numterms=terms)]

    @locked
    def up_to_date(self) -> bool:
        """False once a later commit to this generation exists."""
        return self.searcher.up_to_date()

    def close(self) -> None:
        self.searcher.close()
