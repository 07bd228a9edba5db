"""How postings are laid out on disk: Whoosh's W3 codec, with each block's lists packed.

Whoosh pickles each block of 128 postings as (ids, weights, values) with pickle protocol 2: ids
and weights as tuples of Python numbers, and every value as its own bytes object, which protocol 2
writes as a call to codecs.encode. Unpickling a block of positions then costs about 30 µs. Packed
(ids' gaps and weights as arrays of 32-bit numbers, values joined with an array of their
lengths), the same block loads in about 3 µs, takes a third less room, and store.reading turns
it into numpy arrays without a Python step per posting. Numbers are little-endian.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate, chain
from operator import sub

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter


class LeanCodec(W3Codec):
    """W3 with packed blocks, and without per-block length statistics, which only serve Whoosh's
    own top-N pruning (search.matching ranks without it): a length lookup per posting less."""

    length_stats = False

    def postings_writer(self, dbfile, byteids=False):
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():  # a lone posting, kept in the term's own record
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def to_bytes(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def from_bytes(typecode: str, data: bytes) -> array:
    numbers = array(typecode)
    numbers.frombytes(data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def pack(values: list[bytes]) -> tuple[bytes, bytes]:
    """Values of varying length as (their bytes joined, their lengths as uint32s)."""
    return b"".join(values), to_bytes(array("I", map(len, values)))


def unpack(joined: bytes, lengths: bytes) -> tuple[bytes, ...]:
    """The values `pack` joined, one bytes object each (for Whoosh's own matchers)."""
    ends = list(accumulate(from_bytes("I", lengths)))
    return tuple(joined[start:end] for start, end in zip([0, *ends], ends))


class PackedPostingsWriter(W3PostingsWriter):
    def _new_block(self):
        super()._new_block()
        self._packed = None  # the block's values already packed (add_run)

    def add_run(self, ids: array, frequencies: array, positions: array, boost: float) -> None:
        """A term's whole posting list of positions at once, in document order (store.segments):
        written a block at a time, each block exactly as add_posting calls would write it."""
        count, limit, start = len(ids), self._blocklimit, 0
        for first in range(0, count, limit):
            last = min(first + limit, count)
            block = frequencies[first:last]
            end = start + sum(block)
            self._ids, self._weights = ids[first:last], array("f", [f * boost for f in block])
            self._maxweight = max(self._weights)
            self._packed = to_bytes(positions[start:end]), to_bytes(array("I", [4 * f for f in block]))
            start = end
            self._write_block(last=last == count)

    def _mini_ids(self):
        if self._byteids:  # term vectors, which the schema does not keep
            return super()._mini_ids()
        return to_bytes(array("I", map(sub, self._ids, chain((0,), self._ids))))  # gaps

    def _mini_weights(self):
        weights = super()._mini_weights()  # None when all are 1, one number when all are equal
        return to_bytes(array("f", weights)) if isinstance(weights, tuple) else weights

    def _mini_values(self):
        if self._packed is not None:
            return self._packed
        size = self._format.fixed_value_size()
        if size is None or size < 0:
            return pack(self._values)
        return super()._mini_values()


class PackedLeafMatcher(W3LeafMatcher):
    """Reads packed blocks, for Whoosh's own use (a posting at a time) and as whole arrays."""

    def _block(self) -> tuple:
        if self._data is None:
            self._read_data()
        return self._data

    def _read_ids(self):
        self._ids = tuple(accumulate(from_bytes("I", self._block()[0])))

    def _read_weights(self):
        weights = self._block()[1]
        if isinstance(weights, bytes):
            self._weights = from_bytes("f", weights)
        else:
            super()._read_weights()

    def _read_values(self):
        size = self._fixedsize
        if size is not None and size >= 0:
            return super()._read_values()
        self._values = unpack(*self._block()[2])

    def ids_array(self) -> np.ndarray:
        """The block's document numbers (within the segment)."""
        return np.cumsum(np.frombuffer(self._block()[0], "<u4"), dtype=np.int64)

    def weights_array(self) -> np.ndarray:
        weights = self._block()[1]
        if isinstance(weights, bytes):
            return np.frombuffer(weights, "<f4")
        return np.full(self._blocklength, 1.0 if weights is None else weights, dtype=np.float32)

    def packed_values(self) -> tuple[bytes, bytes]:
        """The block's values as `pack` gave them (store.reading decodes them at once)."""
        return self._block()[2]
