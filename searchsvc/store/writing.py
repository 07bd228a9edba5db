"""Writing a generation: create it, then add, replace and remove records, committed atomically.

Whoosh commits atomically: searchers see the old state until the commit, then the new one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from whoosh import index as whoosh_index

from searchsvc.store.codec import LeanCodec
from searchsvc.store.quotes import QUOTES_DIR, quote_schema
from searchsvc.store.schema import build_schema
from searchsvc.store.segments import SegmentBuilder, open_builder, write_segments

# A segment's postings stay in memory until it is written (store.segments): the announcements of one
# segment follow a share of the memory available when the build starts, split between the writer
# processes, within bounds. ~20 KB per announcement holds its postings and Python's overhead over
# them (measured on the bench's synthetic announcements of 150–600 words); the share leaves room for
# the parent's announcements and the page cache. Below the minimum, segments get so many that
# searches slow down; above the maximum, a segment gains nothing more.
MEMORY_SHARE = 0.25
BYTES_PER_ANNOUNCEMENT = 20_000
SEGMENT_MIN, SEGMENT_MAX = 2_000, 25_000


class Writer:
    """The writing calls an incremental update makes; `fields` are build_schema()'s fields by name."""

    def __init__(self, writer: SegmentBuilder):
        self._writer = writer

    def add(self, fields: dict) -> None:
        self._writer.add_document(**fields)

    def replace(self, fields: dict) -> None:
        """Adds the record in place of the one with the same id."""
        self._writer.update_document(**fields)

    def remove(self, id: str, field: str = "id") -> None:
        """Removes the records whose `field` is `id` (quotations: by their announcement's id)."""
        self._writer.delete_by_term(field, id)


def create_index(generation: Path) -> None:
    """An empty index of build_schema() in the (new, empty) generation directory, and the empty
    index of its quotations inside it (store.quotes)."""
    whoosh_index.create_in(str(generation), build_schema())
    (generation / QUOTES_DIR).mkdir()
    whoosh_index.create_in(str(generation / QUOTES_DIR), quote_schema())


def segment_size(processes: int) -> int:
    """Announcements per segment of a full build, following the machine's available memory."""
    size = available_memory() * MEMORY_SHARE / max(processes, 1) / BYTES_PER_ANNOUNCEMENT
    return int(max(SEGMENT_MIN, min(SEGMENT_MAX, size)))


def available_memory() -> int:
    """Bytes of RAM available to new work (Linux's MemAvailable; elsewhere the free pages)."""
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return SEGMENT_MIN * BYTES_PER_ANNOUNCEMENT


# Packed blocks left uncompressed: 5–15 % faster to build, half again the size (5k synthetic
# announcements: 43 MB against 28 MB with zlib level 3).
OPTIONS = {"codec": LeanCodec(compression=0)}


@contextmanager
def open_writer(generation: Path) -> Iterator[Writer]:
    """A writer on the generation's index (or its quotations' index), committed when the block ends
    (small segments merged) and cancelled if it raises."""
    writer = open_builder(generation, **OPTIONS)
    try:
        yield Writer(writer)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def write_all(generation: Path, items: list, documents: Callable[[object], Sequence[Iterable[dict]]],
              processes: int) -> None:
    """Adds `items` to the generation's index and its quotations' index, as new segments written
    by `processes` processes, then commits both (the quotations first: an announcement is never
    searchable before its quotations). `documents(item)` gives the item's documents for each:
    (its fields,), (its quotations' fields…)."""
    folders = [generation, generation / QUOTES_DIR]
    written = write_segments(folders, items, documents, processes, segment_size(processes), OPTIONS)
    for folder, segments in reversed(list(zip(folders, written))):
        open_builder(folder, **OPTIONS).commit_segments(segments)


def stored_records(generation: Path) -> Iterator[dict]:
    """The stored fields (id, source, content_hash, record) of every live document."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        yield from searcher.all_stored_fields()


def document_count(generation: Path) -> int:
    """Live documents in the generation's last commit."""
    return whoosh_index.open_dir(str(generation)).doc_count()
