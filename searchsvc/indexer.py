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
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from searchsvc.ingest import CorpusReport, Problem, read_corpus
from searchsvc.ingest.parallel import ParallelExtraction
from searchsvc.ingest.readers import corpus_files, source_file
from searchsvc.metadata.canonical import Canon
from searchsvc.metadata.quotes import rename_speakers
from searchsvc.model import Announcement
from searchsvc.store import (INDEX_FORMAT, QUOTE_OF, QUOTES_DIR, IndexerBusy, built_at, create_index, current_generation,
                             document_count, fields_of, new_generation, open_writer, quote_fields_of, read_build_info,
                             remove_old_generations, stored_records, switch_to, write_all, write_build_info, write_tables,
                             writer_lock)

PARALLEL_FROM = 500  # announcements from which building in parallel pays for the extra processes
# Corpus bytes from which extraction runs in worker processes (~300 announcements): below, starting
# the pool costs more than it saves.
PARALLEL_FROM_BYTES = 1_000_000
PERSON_VARIANTS = "person_variants"  # BUILD.json: canonical person → the other names the corpus gives
CHANGES = ("added", "replaced", "removed", "unchanged")

__all__ = ["BuildReport", "IndexerBusy", "NothingToIndex", "build", "is_stale", "update", "write_index"]  # IndexerBusy: store's lock raises it


class NothingToIndex(RuntimeError):
    """The corpus gave no announcement; the live index is left as it is."""


class Stages:
    """Seconds spent in each stage of a build, in the order the stages ran."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    @contextmanager
    def timing(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def rounded(self) -> dict[str, float]:
        return {name: round(seconds, 3) for name, seconds in self.seconds.items()}


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
    # wall seconds per stage; "cpu …": process seconds summed over the extraction's workers
    stages: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Path, index_root: Path, generation: Path, read: CorpusReport, started: float,
           changes: dict[str, int] | None = None, stages: dict[str, float] | None = None) -> BuildReport:
        return cls(corpus=str(corpus), index=str(index_root), generation=generation.name, files=read.files,
                   documents=read.documents, seconds=time.perf_counter() - started, problems=read.problems,
                   changes=changes, stages=stages or {})

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
        if self.stages:
            lines.append("stages: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.stages.items()))
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
    corpus_report, stages = CorpusReport(), Stages()
    started, index_root = time.perf_counter(), Path(index_root)
    # the lock from the start: a second indexer is refused before any work
    with writer_lock(index_root), fresh_generation(index_root) as (generation, previous):
        announcements, info = extract(corpus, corpus_report, stages, progress)
        finish(announcements, index_root, generation, previous, {"corpus": str(corpus), **info}, stages)
    return BuildReport.of(corpus, index_root, generation, corpus_report, started, stages=stages.seconds)


def extract(corpus: Path, report: CorpusReport, stages: Stages, progress: bool = False) -> tuple[list[Announcement], dict]:
    """Every announcement of the corpus, extracted (in worker processes for a large corpus), then
    through the corpus-wide passes; and what those add to BUILD.json."""
    processes = os.cpu_count() or 1
    size = sum(path.stat().st_size for path in corpus_files(corpus))
    parallel = ParallelExtraction(processes) if processes > 1 and size >= PARALLEL_FROM_BYTES else None
    with stages.timing("extraction"):
        stream = read_corpus(corpus, report, parallel)
        announcements = list(with_progress(stream) if progress else stream)
    if parallel is not None:  # the pass that learns what the corpus shares (chrome lines, accents) runs first, alone
        stages.seconds = {"first pass": parallel.first_pass,
                          **{name: seconds - (parallel.first_pass if name == "extraction" else 0)
                             for name, seconds in stages.seconds.items()},
                          **{f"cpu {name}": seconds for name, seconds in parallel.seconds.items()}}
    with stages.timing("across corpus"):
        return across_corpus(announcements)


def across_corpus(announcements: list[Announcement]) -> tuple[list[Announcement], dict]:
    """The corpus-wide passes, between extraction and writing (full builds and updates alike): each
    sees every announcement at once and returns them; BUILD.json keeps what they learnt. Add a pass
    here as one call: list of announcements in, list out."""
    announcements, variants = canonical_persons(announcements)
    return announcements, {PERSON_VARIANTS: variants}


def canonical_persons(announcements: Iterable[Announcement]) -> tuple[list[Announcement], dict[str, list[str]]]:
    """Every announcement with its persons as the corpus's canonical names (metadata.canonical),
    and the other names each canonical one goes by. Needs the whole corpus: a full name in one
    announcement decides what a surname means in another."""
    announcements = list(announcements)
    canon = Canon((a.persons, a.date) for a in announcements)

    def canonical(a: Announcement) -> Announcement:
        def speaker(name: str) -> str:  # a body ("les ministres") or an unknown name stays as written
            return next(iter(canon.persons((name,), a.date)), name)
        return replace(a, persons=canon.persons(a.persons, a.date), quotes=rename_speakers(a.quotes, speaker))

    return [canonical(a) for a in announcements], canon.variants()


def update(corpus: Path, index_root: Path, progress: bool = False) -> BuildReport:
    """Incremental update of the live generation: adds new announcements, replaces changed ones (by
    content hash) and removes those whose file no longer holds them. The store commits atomically, so
    searchers see the old state until the commit, then the new one. Announcements of a file that
    could not be read fully this time are kept, never removed. Without an index, a full build."""
    if not corpus.exists():
        raise FileNotFoundError(f"corpus {corpus} does not exist")
    if current_generation(index_root) is None:
        return build(corpus, index_root, progress)
    corpus_report, stages = CorpusReport(), Stages()
    changes = dict.fromkeys(CHANGES, 0)
    started = time.perf_counter()
    with writer_lock(index_root):
        generation = current_generation(index_root)
        indexed = {fields["id"]: (fields["content_hash"], fields["source"],
                                  tuple(json.loads(fields["record"]).get("persons") or ()))
                   for fields in stored_records(generation)}
        # the persons of every announcement again (across_corpus): a new one may complete a surname of an old one
        announcements, info = extract(corpus, corpus_report, stages, progress)
        seen = set()
        # the quotations' index commits first: an announcement is never searchable before its quotations
        with stages.timing("writing"), open_writer(generation) as writer, \
                open_writer(generation / QUOTES_DIR) as quotes:
            for announcement in announcements:
                seen.add(announcement.id)
                known = indexed.get(announcement.id)
                if known is not None and known[0] == announcement.content_hash and known[2] == announcement.persons:
                    changes["unchanged"] += 1
                    continue
                [fields], quotations = documents_of(announcement)
                if known is None:
                    writer.add(fields)
                    changes["added"] += 1
                else:
                    writer.replace(fields)
                    quotes.remove(announcement.id, QUOTE_OF)
                    changes["replaced"] += 1
                for quotation in quotations:
                    quotes.add(quotation)
            unreadable = {source_file(p.source) for p in corpus_report.skipped}
            for id, (_, source, _) in indexed.items():
                if id not in seen and source not in unreadable:
                    writer.remove(id)
                    quotes.remove(id, QUOTE_OF)
                    changes["removed"] += 1
        with stages.timing("tables"):
            write_tables(generation)
        write_build_info(generation, document_count(generation), {
            "corpus": str(corpus), "updated": True, "previous": read_build_info(generation).get("previous"),
            "stages": stages.rounded(), **info})
    return BuildReport.of(corpus, index_root, generation, corpus_report, started, changes, stages.seconds)


def with_progress(announcements: Iterable[Announcement]) -> Iterator[Announcement]:
    from tqdm import tqdm  # only when run in a terminal

    yield from tqdm(announcements, unit=" announcements", file=sys.stderr, dynamic_ncols=True)


def write_index(announcements: Iterable[Announcement], index_root: Path, info: dict | None = None) -> Path:
    """Writes a new generation from `announcements` and makes it the live index; returns it."""
    with writer_lock(Path(index_root)), fresh_generation(Path(index_root)) as (generation, previous):
        finish(announcements, Path(index_root), generation, previous, info or {}, Stages())
    return generation


@contextmanager
def fresh_generation(index_root: Path) -> Iterator[tuple[Path, Path | None]]:
    """A new, empty generation and the live one it will replace (lock held). Generations a killed
    build left are removed first; the new one is removed if the block raises."""
    remove_old_generations(index_root)
    previous = current_generation(index_root)
    generation = new_generation(index_root)
    try:
        yield generation, previous
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    remove_old_generations(index_root)


def finish(announcements: Iterable[Announcement], index_root: Path, generation: Path, previous: Path | None,
           info: dict, stages: Stages) -> None:
    """Writes the announcements into `generation` and switches it in; BUILD.json names `previous`,
    kept as the rollback copy."""
    started = time.perf_counter()
    count = write_generation(announcements, generation, stages)
    if count == 0:
        raise NothingToIndex("no announcement could be read: the live index is left as it is")
    with stages.timing("tables"):
        write_tables(generation)
    with stages.timing("switch"):
        write_build_info(generation, count, {**info, "seconds": round(time.perf_counter() - started, 3),
                                             "previous": previous.name if previous else None,
                                             "stages": stages.rounded()})
        switch_to(index_root, generation)


def write_generation(announcements: Iterable[Announcement], generation: Path, stages: Stages | None = None) -> int:
    """Writes all announcements into a new index: segments written by one process per core when
    the corpus is large enough to repay starting them (store.write_all), then committed."""
    stages = stages or Stages()
    create_index(generation)
    announcements = list(announcements)
    processes = os.cpu_count() or 1
    with stages.timing("writing"):
        write_all(generation, announcements, documents_of,
                  processes if len(announcements) >= PARALLEL_FROM and processes > 1 else 1)
    return len(announcements)


def documents_of(announcement: Announcement) -> tuple[list[dict], Iterator[dict]]:
    """The announcement's document in the index, and its quotations' in the quotations' index."""
    source = source_file(announcement.source)
    return [fields_of(announcement, source)], quote_fields_of(announcement, source)
