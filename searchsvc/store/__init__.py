"""The storage layer: Whoosh, and only here.

Whoosh keeps our files, lexicons, postings, stored records and commits; evaluation and ranking are
ours (search/). The public face: open a generation for reading (`Generation`), write one
(`create_index`, `write_all`, `open_writer`), and the generations' life (`current` link, BUILD.json, lock, switch).
"""

from searchsvc.store.generation import Generation, IndexDamaged, IndexMissing
from searchsvc.store.generations import (BUILD_INFO, CURRENT, IndexerBusy, built_at, current_generation,
                                         new_generation, read_build_info, remove_old_generations, switch_to,
                                         write_build_info, writer_lock)
from searchsvc.store.quotes import QUOTE_OF, QUOTES_DIR, quote_fields_of
from searchsvc.store.reading import DOC_SHIFT
from searchsvc.store.schema import INDEX_FORMAT, TITLE_BOOST, fields_of
from searchsvc.store.tables import write_tables
from searchsvc.store.writing import create_index, document_count, open_writer, stored_records, write_all

__all__ = ["BUILD_INFO", "CURRENT", "DOC_SHIFT", "INDEX_FORMAT", "TITLE_BOOST", "Generation", "IndexDamaged", "IndexMissing",
           "IndexerBusy", "QUOTES_DIR", "QUOTE_OF", "built_at", "create_index", "current_generation", "document_count",
           "fields_of", "new_generation", "open_writer", "quote_fields_of", "read_build_info", "remove_old_generations",
           "stored_records", "switch_to", "write_all", "write_build_info", "write_tables", "writer_lock"]
