"""Builds the index: one writer at a time, every full build switched in atomically.

A full build writes a new generation beside the live one and only then points `current` at it
(store.generations), so a crash mid-build leaves the live index untouched and readers never see a
half-written index. Searchers notice the new target and reopen (search.service).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from searchsvc.ingest import CorpusReport, Problem, read_corpus
from searchsvc.ingest.readers import corpus_files, source_file
from searchsvc.metadata.canonical import Canon
from searchsvc.model import Announcement
from searchsvc.store import (INDEX_FORMAT, IndexerBusy, built_at, create_index, current_generation, document_count, fields_of,
                             new_generation, open_writer, read_build_info, remove_old_generations, stored_records,
                             switch_to, write_build_info, writer_lock)

CHUNK = 20_000  # announcements per commit of a full build
PARALLEL_FROM = 500  # announcements from which building in parallel pays for the extra processes
PERSON_VARIANTS = "person_variants"  # BUILD.json: canonical person → the other names the corpus gives
CHANGES = ("added", "replaced", "removed", "unchanged")

__all__ = ["BuildReport", "IndexerBusy", "NothingToIndex", "build", "is_stale", "update", "write_index"]  # IndexerBusy: store's lock raises it


class NothingToIndex(RuntimeError):
    """The corpus gave no announcement; the live index is left as it is."""


@dataclass
class BuildReport:
    corpus: str
    index: str = ""
    generation: str = ""
    files: int = 0
    documents: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    changes: dict[str, int] | None = None  # incremental updates: CHANGES → count

    @classmethod
    def of(cls, corpus: Path, index_root: Path, generation: Path, read: CorpusReport, started: float,
           changes: dict[str, int] | None = None) -> BuildReport:
        return cls(corpus=str(corpus), index=str(index_root), generation=generation.name, files=read.files,
                   documents=read.documents, seconds=time.perf_counter() - started, problems=read.problems,
                   changes=changes)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        lines = [f"{p.source}: {'skipped' if p.skipped else 'warning'}: {p.reason}" for p in self.problems]
        lines.append(f"read {self.files} files from {self.corpus}: indexed {self.documents} announcements, "
                     f"skipped {len(self.skipped)}, warnings {len(self.problems) - len(self.skipped)}")
        if self.changes is not None:
            lines.append("updated " + self.generation + ": " + ", ".join(f"{n} {k}" for k, n in self.changes.items())
                         + f" in {self.seconds:.2f} s")
        else:
            lines.append(f"built {self.generation} in {self.seconds:.2f} s ({self.rate:,.0f} documents/s)")
        return lines


def is_stale(corpus: Path, index_root: Path) -> bool:
    """True when there is no index, an index of another format, or a corpus file (or the folder's
    list of files) newer than the index."""
    generation = current_generation(index_root)
    if generation is None or read_build_info(generation).get("format") != INDEX_FORMAT:
        return True
    built = built_at(generation)
    paths = [corpus, *corpus_files(corpus)] if corpus.exists() else []
    return any(path.stat().st_mtime > built for path in paths)


def build(corpus: Path, index_root: Path, progress: bool = False) -> BuildReport:
    """Full build of `corpus` into a new generation of `index_root`, switched in when complete."""
    if not corpus.exists():
        raise FileNotFoundError(f"corpus {corpus} does not exist")
    corpus_report = CorpusReport()
    started = time.perf_counter()
    announcements = read_corpus(corpus, corpus_report)
    announcements, variants = canonical_persons(with_progress(announcements) if progress else announcements)
    generation = write_index(announcements, index_root, info={"corpus": str(corpus), PERSON_VARIANTS: variants})
    return BuildReport.of(corpus, index_root, generation, corpus_report, started)


def canonical_persons(announcements: Iterable[Announcement]) -> tuple[list[Announcement], dict[str, list[str]]]:
    """Every announcement with its persons as the corpus's canonical names (metadata.canonical),
    and the other names each canonical one goes by. Needs the whole corpus: a full name in one
    announcement decides what a surname means in another."""
    announcements = list(announcements)
    canon = Canon((a.persons, a.date) for a in announcements)
    return [replace(a, persons=canon.persons(a.persons, a.date)) for a in announcements], canon.variants()


def update(corpus: Path, index_root: Path, progress: bool = False) -> BuildReport:
    """Incremental update of the live generation: adds new announcements, replaces changed ones (by
    content hash) and removes those whose file no longer holds them. The store commits atomically, so
    searchers see the old state until the commit, then the new one. Announcements of a file that
    could not be read fully this time are kept, never removed. Without an index, a full build."""
    if not corpus.exists():
        raise FileNotFoundError(f"corpus {corpus} does not exist")
    if current_generation(index_root) is None:
        return build(corpus, index_root, progress)
    corpus_report = CorpusReport()
    changes = dict.fromkeys(CHANGES, 0)
    started = time.perf_counter()
    with writer_lock(index_root):
        generation = current_generation(index_root)
        indexed = {fields["id"]: (fields["content_hash"], fields["source"],
                                  tuple(json.loads(fields["record"]).get("persons") or ()))
                   for fields in stored_records(generation)}
        announcements = read_corpus(corpus, corpus_report)
        # the persons of every announcement again: a new one may complete a surname of an old one
        announcements, variants = canonical_persons(with_progress(announcements) if progress else announcements)
        with open_writer(generation) as writer:
            seen = set()
            for announcement in announcements:
                seen.add(announcement.id)
                known = indexed.get(announcement.id)
                if known is None:
                    writer.add(index_fields(announcement))
                    changes["added"] += 1
                elif known[0] != announcement.content_hash or known[2] != announcement.persons:
                    writer.replace(index_fields(announcement))
                    changes["replaced"] += 1
                else:
                    changes["unchanged"] += 1
            unreadable = {source_file(p.source) for p in corpus_report.skipped}
            for id, (_, source, _) in indexed.items():
                if id not in seen and source not in unreadable:
                    writer.remove(id)
                    changes["removed"] += 1
        write_build_info(generation, document_count(generation), {"corpus": str(corpus), "updated": True,
                                                                      PERSON_VARIANTS: variants})
    return BuildReport.of(corpus, index_root, generation, corpus_report, started, changes)


def with_progress(announcements: Iterable[Announcement]) -> Iterator[Announcement]:
    from tqdm import tqdm  # only when run in a terminal

    yield from tqdm(announcements, unit=" announcements", file=sys.stderr, dynamic_ncols=True)


def write_index(announcements: Iterable[Announcement], index_root: Path, info: dict | None = None) -> Path:
    """Writes a new generation from `announcements` and makes it the live index; returns it."""
    index_root = Path(index_root)
    with writer_lock(index_root):
        generation = new_generation(index_root)
        started = time.perf_counter()
        try:
            count = write_generation(announcements, generation)
            if count == 0:
                raise NothingToIndex("no announcement could be read: the live index is left as it is")
            write_build_info(generation, count, {**(info or {}), "seconds": round(time.perf_counter() - started, 3)})
            switch_to(index_root, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        remove_old_generations(index_root)
    return generation


def write_generation(announcements: Iterable[Announcement], generation: Path) -> int:
    """Writes all announcements into a new index, in chunks of CHUNK announcements: each chunk is
    committed as its own segments (one writer process per core when the chunk is large enough to
    repay starting them), so a writer's postings always fit in its memory and never spill to disk,
    however large the corpus."""
    create_index(generation)
    stream = iter(announcements)
    processes = os.cpu_count() or 1
    count = 0
    while chunk := list(islice(stream, CHUNK)):
        parallel = processes if len(chunk) >= PARALLEL_FROM and processes > 1 else 1
        with open_writer(generation, processes=parallel, merge=False) as writer:  # earlier chunks stay as they are
            for announcement in chunk:
                writer.add(index_fields(announcement))
        count += len(chunk)
    return count


def index_fields(announcement: Announcement) -> dict:
    return fields_of(announcement, source_file(announcement.source))
