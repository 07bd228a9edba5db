"""Writing segments fast: each term's postings gathered in arrays, and segments written in parallel.

Whoosh's SegmentWriter passes every posting through Python one at a time three times: a tuple into
its sorting pool, a sort of all of them, then one add_posting call each into the postings file.
A segment's postings are ~260 per announcement, so that is most of a build. SegmentBuilder writes
the same segments (tests/test_segments.py compares them with Whoosh's) but gathers the words
fields' postings per term in arrays (document numbers, frequencies, positions) as documents arrive,
and writes each term's posting list a block at a time (codec.PackedPostingsWriter.add_run). The
postings of the other fields (ids, facet values, dates: a few per announcement) and those of
segments merged in by Whoosh take its own path.

A segment's postings stay in memory until it is written: its size in announcements
(store.writing.segment_size) follows the machine's available memory, so a build never spills to disk.
"""

from __future__ import annotations

import gc
import multiprocessing
from array import array
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator, Sequence

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from searchsvc.analysis import word_positions
from searchsvc.store.codec import from_bytes
from searchsvc.store.schema import WordsField


class TermPool:
    """A segment's postings before they are written: the words fields' grouped by field and term,
    the others as Whoosh's (fieldname, term bytes, docnum, weight, value) tuples. Takes the place of
    Whoosh's PostingPool in SegmentWriter (`add`, `fieldnames`, `cleanup`)."""

    def __init__(self, boosts: dict[str, float]):
        # words field → word → (docnums, frequencies, positions): a term's posting list. A posting's
        # weight is its frequency times the field's boost, as the field's format reads it back.
        self.words: dict[str, dict[str, tuple[array, array, array]]] = {name: {} for name in boosts}
        self.boosts = boosts
        self.other: list[tuple] = []
        self.fieldnames: set[str] = set()

    def add_words(self, fieldname: str, docnum: int, positions: dict[str, list[int]]) -> int:
        """A document's words of one field (analysis.word_positions); returns the field's length."""
        terms, length = self.words[fieldname], 0
        self.fieldnames.add(fieldname)
        for word, where in positions.items():
            postings = terms.get(word)
            if postings is None:
                postings = terms[word] = (array("I"), array("I"), array("I"))
            postings[0].append(docnum)
            postings[1].append(len(where))
            postings[2].extend(where)
            length += len(where)
        return length

    def add(self, item: tuple) -> None:
        """One posting as Whoosh gives it: other fields, and segments merged in, whose documents
        come after the ones added (so each posting list stays in document order)."""
        fieldname, btext, docnum, weight, value = item
        terms = self.words.get(fieldname)
        if terms is None:
            self.other.append(item)
        else:
            self.add_words(fieldname, docnum, {btext.decode(): from_bytes("I", value)})
        self.fieldnames.add(fieldname)

    def cleanup(self) -> None:
        self.words.clear()
        self.other.clear()

    def write(self, fieldwriter, schema) -> None:
        """Every posting into the segment's field writer, in Whoosh's order (field, then term)."""
        other: dict[str, list[tuple]] = {}
        for fieldname, btext, docnum, weight, value in self.other:
            other.setdefault(fieldname, []).append((btext, docnum, weight, value))
        for fieldname in sorted(self.fieldnames):
            fieldwriter.start_field(fieldname, schema[fieldname])
            if fieldname in self.words:
                terms = self.words[fieldname]
                boost = self.boosts[fieldname]
                for btext, word in sorted((word.encode(), word) for word in terms):
                    fieldwriter.start_term(btext)
                    fieldwriter._postwriter.add_run(*terms[word], boost)
                    fieldwriter.finish_term()
            else:
                last = None
                for btext, docnum, weight, value in sorted(other[fieldname]):
                    if btext != last:
                        if last is not None:
                            fieldwriter.finish_term()
                        fieldwriter.start_term(btext)
                        last = btext
                    fieldwriter.add(docnum, weight, value or b"", 0)
                if last is not None:
                    fieldwriter.finish_term()
            fieldwriter.finish_field()


class SegmentBuilder(SegmentWriter):
    """Whoosh's SegmentWriter with a TermPool: the same segments, for about half the CPU time.
    Postings carry no document lengths: LeanCodec keeps no length statistics."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPool({name: field.format.field_boost for name, field in self.schema.items()
                              if isinstance(field, WordsField)})

    def add_document(self, **fields) -> None:
        """Whoosh's add_document for our schema: no per-document boosts, vectors or spelling fields."""
        self._check_state()
        perdoc, schema, docnum = self.perdocwriter, self.schema, self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field, length = schema[name], 0
                if name in self.pool.words:
                    length = self.pool.add_words(name, docnum, word_positions(value))
                elif field.indexed:
                    for btext, freq, weight, vbytes in field.index(value):
                        length += freq if field.scorable else 0
                        self.pool.add((name, btext, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        self.pool.write(self.fieldwriter, self.schema)
        self.fieldwriter.close()

    def commit_segments(self, segments: list) -> None:
        """Commits segments written by other processes (write_segments) after the index's own,
        which stay as they are; this writer must have added nothing."""
        self._check_state()
        kept = self._merge_segments(None, False, False)
        self._close_segment()
        self._commit_toc(kept + segments)
        self._finish()


def open_builder(folder: Path, lock: bool = True, **options) -> SegmentBuilder:
    return SegmentBuilder(whoosh_index.open_dir(str(folder)), _lk=lock, **options)


# What the forked writer processes share: set just before they are forked, read in them.
_job: tuple | None = None


def write_segments(folders: Sequence[Path], items: list, documents: Callable[[object], Sequence[Iterator[dict]]],
                   processes: int, segment_size: int, options: dict) -> list[list]:
    """Writes `items` as new segments of the indexes in `folders`, in `processes` forked processes
    (each a contiguous share of the items, in segments of at most `segment_size` items); returns,
    per folder, the segments to commit (SegmentBuilder.commit_segments). `documents(item)` gives,
    per folder, the documents (fields by name) that the item is in that index."""
    global _job
    shares = [(len(items) * k // processes, len(items) * (k + 1) // processes) for k in range(processes)]
    _job = (folders, items, documents, segment_size, options)
    # The items' objects are left out of the garbage collector's passes: a full pass over them
    # costs time at every segment, and in forked children it would also copy their pages.
    gc.freeze()
    try:
        if processes == 1:
            results = [_write_share(*shares[0])]
        else:
            context = multiprocessing.get_context("fork")  # the children see the items without pickling
            with ProcessPoolExecutor(processes, mp_context=context) as pool:
                results = list(pool.map(_write_share, *zip(*shares)))
    finally:
        _job = None
        gc.unfreeze()
    return [[segment for result in results for segment in result[n]] for n in range(len(folders))]


def _write_share(start: int, end: int) -> list[list]:
    folders, items, documents, segment_size, options = _job
    written: list[list] = [[] for _ in folders]
    for first in range(start, end, segment_size):
        builders = [open_builder(folder, lock=False, **options) for folder in folders]
        for item in items[first:min(first + segment_size, end)]:
            for builder, docs in zip(builders, documents(item)):
                for fields in docs:
                    builder.add_document(**fields)
        for builder, segments in zip(builders, written):
            if builder._added:
                segments.append(builder._finalize_segment())
            else:
                builder._close_segment()
    return written

