"""How postings are laid out on disk: Whoosh's W3 codec, with each block's values packed.

Whoosh pickles each block of 128 postings as (ids, weights, values) with pickle protocol 2, where
every value is its own bytes object, and protocol 2 writes a bytes object as a call to
codecs.encode: unpickling a block of positions then costs about 30 µs, nearly all of it values.
Packed (all values joined, and their lengths as one array), the same block loads in about 4 µs and
takes a third less room; search.reading decodes the packed values with numpy, never value by value.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter


class LeanCodec(W3Codec):
    """W3 with packed values, and without per-block length statistics, which only serve Whoosh's
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


def pack(values: list[bytes]) -> tuple[bytes, bytes]:
    """Values of varying length as (their bytes joined, their lengths as little-endian uint32s)."""
    lengths = array("I", map(len, values))
    if sys.byteorder == "big":
        lengths.byteswap()
    return b"".join(values), lengths.tobytes()


def unpack(joined: bytes, lengths: bytes) -> tuple[bytes, ...]:
    """The values `pack` joined, one bytes object each (for Whoosh's own matchers)."""
    ends = array("I")
    ends.frombytes(lengths)
    if sys.byteorder == "big":
        ends.byteswap()
    ends = list(accumulate(ends))
    return tuple(joined[start:end] for start, end in zip([0, *ends], ends))


class PackedPostingsWriter(W3PostingsWriter):
    def _mini_values(self):
        size = self._format.fixed_value_size()
        if size is None or size < 0:
            return pack(self._values)
        return super()._mini_values()


class PackedLeafMatcher(W3LeafMatcher):
    def _read_values(self):
        size = self._fixedsize
        if size is not None and size >= 0:
            return super()._read_values()
        self._values = unpack(*self.packed_values())

    def packed_values(self) -> tuple[bytes, bytes]:
        """The block's values as `pack` gave them (search.reading decodes them at once)."""
        if self._data is None:
            self._read_data()
        return self._data[2]
