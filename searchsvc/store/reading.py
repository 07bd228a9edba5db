"""Whole arrays out of a Whoosh index: postings, positions and numeric columns.

Whoosh reads them one posting or one document at a time through Python calls; here each is read
a block of postings or a segment's column at a time, straight from what Whoosh keeps in memory or
on disk, into numpy arrays. With store.codec, the only module that knows Whoosh's codec internals.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from searchsvc.store.codec import PackedLeafMatcher, pack

DOC_SHIFT = 24  # position keys: document number above, position below (texts are under 1M characters)
PHRASE_ROOM = 1024  # added to positions so that "position − offset in the phrase" stays positive
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)  # Whoosh stores lengths in a byte


def read_postings(reader, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """All (document numbers, weights) of a term, deleted documents included (callers mask them)."""
    docs, weights = [], []
    for matcher, offset, _ in segment_postings(reader, field, term):
        for ids, block in each_block(matcher):
            docs.append(ids + offset)
            weights.append(block.weights_array())
    if not docs:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    return np.concatenate(docs).astype(np.int32), np.concatenate(weights)


def read_positions(reader, field: str, word: str, only: np.ndarray | None = None) -> np.ndarray:
    """The word's occurrences as sorted keys: document << DOC_SHIFT | (position + PHRASE_ROOM);
    in every document, or only in `only` (sorted document numbers)."""
    keys = []
    for matcher, offset, size in segment_postings(reader, field, word):
        targets = None
        if only is not None:
            targets = only[(only >= offset) & (only < offset + size)] - offset
            if not len(targets):
                continue
        docs, joined, lengths = [], [], []  # gathered block by block, decoded once per segment
        for ids, block in each_block(matcher, targets):
            values, sizes = block.packed_values()
            docs.append(ids)
            joined.append(values)
            lengths.append(sizes)
        if not docs:
            continue
        docs = np.concatenate(docs)
        # store.schema.PositionArray: a value is its positions as uint32s, its length 4 bytes a position
        counts = np.frombuffer(b"".join(lengths), "<u4") >> 2
        found = ((np.repeat(docs + offset, counts) << DOC_SHIFT) | PHRASE_ROOM) + np.frombuffer(b"".join(joined), "<u4")
        if targets is not None:
            found = found[np.repeat(np.isin(docs, targets, assume_unique=True), counts)]
        keys.append(found)
    return np.concatenate(keys) if keys else np.zeros(0, np.int64)


def segment_postings(reader, field: str, word: str) -> Iterator[tuple[object, int, int]]:
    """(postings matcher, first document number, document count) of each segment holding the word."""
    for leaf, offset in reader.leaf_readers():
        try:
            matcher = leaf.postings(field, word)
        except TermNotFound:
            continue
        yield getattr(matcher, "child", matcher), offset, leaf.doc_count_all()  # unwrapped from the deletion filter


def each_block(matcher, targets: np.ndarray | None = None) -> Iterator[tuple[np.ndarray, object]]:
    """(document numbers, the block: weights_array(), packed_values()) of each block of postings;
    with `targets` (sorted document numbers), blocks that hold none are skipped, never decoded."""
    if not isinstance(matcher, PackedLeafMatcher):
        block = InlinedPosting(matcher)
        yield np.asarray(block.ids, dtype=np.int64), block
        return
    next_target = 0
    while matcher.is_active():
        last = matcher.block_max_id()
        if targets is None or targets[next_target] <= last:
            yield matcher.ids_array(), matcher
            if targets is not None:
                next_target = int(np.searchsorted(targets, last, side="right"))
                if next_target == len(targets):
                    return
        matcher._next_block()


class InlinedPosting:
    """A lone posting kept in its term's record (codec inlinelimit), read like a packed block."""

    def __init__(self, matcher):
        self.ids, self.weights, self.values = [], [], []
        while matcher.is_active():
            self.ids.append(matcher.id())
            self.weights.append(matcher.weight())
            self.values.append(matcher.value())
            matcher.next()

    def weights_array(self) -> np.ndarray:
        return np.asarray(self.weights, dtype=np.float32)

    def packed_values(self) -> tuple[bytes, bytes]:
        return pack([value or b"" for value in self.values])


def read_column(reader, field: str, column=None) -> np.ndarray:
    """A fixed-width numeric column of every document (default: the field's own column), read
    from each segment's bytes at once."""
    parts = []
    for leaf, _ in reader.leaf_readers():
        column_type = column or leaf.schema[field].column_type
        values = np.full(leaf.doc_count_all(), column_type.default_value(), dtype=np.int64)
        if leaf._perdoc.has_column(field):
            stored = leaf._perdoc.column_reader(field, column_type)  # whoosh.columns.NumericColumn.Reader
            data = stored._dbfile.get(stored._basepos, stored._count * stored._fixedlen)
            values[:stored._count] = np.frombuffer(data, ">" + stored._typecode)  # documents past it: default
        parts.append(values)
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def read_field_lengths(reader, field: str) -> np.ndarray:
    """Each document's length in a scored field, as Whoosh stores it (a byte, approximate)."""
    return LENGTH_OF_BYTE[read_column(reader, _lenfield(field), LENGTHS_COLUMN)]
