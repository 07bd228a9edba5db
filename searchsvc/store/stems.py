"""stem → words tables, written into the generation at build time, read by searchers.

The index holds folded words; a query term is a stem, matched through the words of the lexicon
with that stem (search.matching). Building that table from the lexicon costs a stemming per word
(~0.4 s at 50,000 announcements), which every worker would otherwise pay on its first search after
a build. The table belongs to one commit (an incremental update adds words), so each commit has its
own file, STEMS-<commit>.json; a searcher whose commit has none (a build of an earlier version, or
an update not yet done writing it) builds it from the lexicon, so the table is never wrong.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from searchsvc.analysis import STOPPED, term_of_word

STEM_FIELDS = ("title", "body")  # the fields queries match by stem


def stem_table(words: Iterable[str]) -> dict[str, list[str]]:
    """stem → the words with that stem, in the lexicon's order; stop words left out."""
    table: dict[str, list[str]] = {}
    for word in words:
        term = term_of_word(word)
        if term and term != STOPPED:
            table.setdefault(term, []).append(word)
    return table


def table_path(generation: Path, commit: int) -> Path:
    return generation / f"STEMS-{commit}.json"


def write_stem_tables(store, keep_commits: int) -> None:
    """Writes the stem tables of an opened Generation's commit (beside, then renamed over)."""
    tables = {field: stem_table(store.lexicon(field)) for field in STEM_FIELDS}
    temporary = store.path / f".stems.{os.getpid()}"
    temporary.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":")))
    os.replace(temporary, table_path(store.path, store.commit))
    for old in store.path.glob("STEMS-*.json"):
        number = old.stem.partition("-")[2]
        if number.isdigit() and int(number) <= store.commit - keep_commits:
            old.unlink(missing_ok=True)


def read_stem_tables(generation: Path, commit: int) -> dict[str, dict[str, list[str]]] | None:
    """The tables written for `commit`, or None when there are none."""
    try:
        return json.loads(table_path(generation, commit).read_text())
    except (OSError, ValueError):
        return None
