"""Each facet's (document, value) pairs, written into the generation at build time.

Facet counts need, for every facet, which documents have which value: one postings read per value
of the facet's lexicon (hundreds of Python calls into Whoosh), which every worker would otherwise
pay on its first search after a build. As the stem tables (store.stems), the pairs belong to one
commit, FACETS-<commit>.npz, and are computed from the index when the commit has none.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from searchsvc.facet_registry import NAMES

Pairs = tuple[list[str], np.ndarray, np.ndarray]  # values in lexicon order; document, value index per pair


def pairs_of(store, field: str) -> Pairs:
    """The facet's pairs, deleted documents included, read from an opened Generation."""
    values, docs, numbers = [], [], []
    for value in store.lexicon(field):
        found = store.postings(field, value)[0].astype(np.int64)
        docs.append(found)
        numbers.append(np.full(len(found), len(values), dtype=np.int64))
        values.append(value)
    if not values:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64)
    return values, np.concatenate(docs), np.concatenate(numbers)


def pairs_path(generation: Path, commit: int) -> Path:
    return generation / f"FACETS-{commit}.npz"


def write_facet_pairs(store, keep_commits: int) -> None:
    """Writes the pairs of every facet for the store's commit (beside, then renamed over)."""
    arrays = {}
    for field in NAMES:
        values, docs, numbers = pairs_of(store, field)
        arrays.update({f"{field}.values": np.array(values, dtype=str), f"{field}.docs": docs,
                       f"{field}.numbers": numbers})
    temporary = store.path / f".facets.{os.getpid()}.npz"
    np.savez(temporary, **arrays)
    os.replace(temporary, pairs_path(store.path, store.commit))
    for old in store.path.glob("FACETS-*.npz"):
        number = old.stem.partition("-")[2]
        if number.isdigit() and int(number) <= store.commit - keep_commits:
            old.unlink(missing_ok=True)


def read_facet_pairs(generation: Path, commit: int) -> dict[str, Pairs] | None:
    """Every facet's pairs written for `commit`, or None when there are none."""
    try:
        with np.load(pairs_path(generation, commit), allow_pickle=False) as data:
            return {field: ([str(v) for v in data[f"{field}.values"]], data[f"{field}.docs"], data[f"{field}.numbers"])
                    for field in NAMES}
    except Exception:  # missing or unreadable (a damaged file): computed from the index instead
        return None
