"""Writing a generation: create it, then add, replace and remove records, committed atomically.

Whoosh commits atomically: searchers see the old state until the commit, then the new one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from whoosh import index as whoosh_index

from searchsvc.store.codec import LeanCodec
from searchsvc.store.quotes import QUOTES_DIR, quote_schema
from searchsvc.store.schema import build_schema

# Postings a writer process keeps in memory before spilling sorted runs to disk (Whoosh's limitmb):
# a share of the memory available when the writer opens, split between the writer processes, within
# bounds. The share leaves room for the parent's announcements, Python's overhead over Whoosh's
# estimate of its postings and the page cache; above the maximum a 20,000-announcement chunk never
# spills anyway, below the minimum spilling would cost more than it saves.
MEMORY_SHARE = 0.25
MEMORY_MIN_MB, MEMORY_MAX_MB = 64, 1024


class Writer:
    """The writing calls the indexer makes; `fields` are build_schema()'s fields by name."""

    def __init__(self, writer):
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


def writer_memory_mb(processes: int) -> int:
    """Each writer process's memory for postings (limitmb), following the machine's available RAM."""
    share = available_memory() * MEMORY_SHARE / max(processes, 1) / 2**20
    return int(max(MEMORY_MIN_MB, min(MEMORY_MAX_MB, share)))


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
        return MEMORY_MAX_MB * 2**20


@contextmanager
def open_writer(generation: Path, processes: int = 1, merge: bool = True,
                memory_mb: int = MEMORY_MAX_MB) -> Iterator[Writer]:
    """A writer on the generation, committed when the block ends and cancelled if it raises;
    several processes write several segments; merge=False leaves earlier segments as they are;
    `memory_mb` per process (writer_memory_mb)."""
    ix = whoosh_index.open_dir(str(generation))
    options = writer_options(memory_mb)
    if processes > 1:
        writer = ix.writer(procs=processes, multisegment=True, **options, subargs=options)
    else:
        writer = ix.writer(**options)
    try:
        yield Writer(writer)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=merge)


def writer_options(memory_mb: int) -> dict:
    # Packed blocks left uncompressed: 5–15 % faster to build, half again the size (5k synthetic
    # announcements: 43 MB against 28 MB with zlib level 3).
    return {"limitmb": memory_mb, "codec": LeanCodec(compression=0)}


def stored_records(generation: Path) -> Iterator[dict]:
    """The stored fields (id, source, content_hash, record) of every live document."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        yield from searcher.all_stored_fields()


def document_count(generation: Path) -> int:
    """Live documents in the generation's last commit."""
    return whoosh_index.open_dir(str(generation)).doc_count()
