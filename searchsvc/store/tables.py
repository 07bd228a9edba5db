"""The tables a build writes into a generation for each commit, so that searchers read them instead
of computing them on their first search: stem → words (store.stems) and each facet's (document,
value) pairs (store.facet_pairs).
"""

from __future__ import annotations

from pathlib import Path

from searchsvc.store.facet_pairs import write_facet_pairs
from searchsvc.store.generation import Generation
from searchsvc.store.stems import write_stem_tables

KEEP_COMMITS = 2  # tables of this commit and the one before: a searcher may still be on it


def write_tables(generation: Path) -> None:
    """Writes the tables of the generation's latest commit (before its BUILD.json exists)."""
    store = Generation(generation, check_format=False)
    try:
        write_facet_pairs(store, KEEP_COMMITS)
        write_stem_tables(store, KEEP_COMMITS)
    finally:
        store.close()
