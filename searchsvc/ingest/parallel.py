"""Chrome stripping and metadata extraction in worker processes, so that every core works.

The parent reads the files (JSON, normalisation: the light part) and sends raw documents in batches
to a pool; the workers strip the chrome and extract the metadata (the heavy part) and send back
announcements, in the corpus's order. Only a few batches are in flight at a time, so the raw texts
of the corpus are never all in memory. Each stage's time is added up in `seconds` (process seconds:
summed over the workers, so they can exceed the wall time).
"""

from __future__ import annotations

import multiprocessing
import time
from itertools import islice
from typing import Iterable, Iterator

from searchsvc.ingest.corpus import Shared, announcement_of, page_of
from searchsvc.ingest.readers import Problem, RawDocument

BATCH = 32  # raw documents per task: amortises the pickling (~100 KB a message) yet keeps both cores fed
IN_FLIGHT = 4  # batches queued per worker: enough to never starve one, few enough to bound memory

_shared: Shared | None = None  # what the corpus shares (chrome lines, accents), set in each worker by _start


class ParallelExtraction:
    """`convert` for ingest.read_corpus: raw documents → announcements in `processes` workers."""

    def __init__(self, processes: int):
        self.processes = processes
        self.seconds = {"read": 0.0, "chrome": 0.0, "metadata": 0.0}
        self.created = time.perf_counter()
        self.first_pass = 0.0  # wall seconds from creation to the call: read_corpus's pass over the corpus

    def __call__(self, items: Iterable[RawDocument | Problem], shared: Shared) -> Iterator:
        self.first_pass = time.perf_counter() - self.created
        context = multiprocessing.get_context("fork")  # workers inherit the loaded modules: no re-import
        with context.Pool(self.processes, initializer=_start, initargs=(shared,)) as pool:
            pending = []  # results of the batches sent, oldest first
            batches = self._batches(iter(items))
            for batch in islice(batches, self.processes * IN_FLIGHT):
                pending.append(pool.apply_async(convert_batch, (batch,)))
            while pending:
                converted, seconds = pending.pop(0).get()
                for name, value in seconds.items():
                    self.seconds[name] += value
                batch = next(batches, None)
                if batch is not None:
                    pending.append(pool.apply_async(convert_batch, (batch,)))
                yield from converted

    def _batches(self, items: Iterator) -> Iterator[list]:
        while True:
            started = time.process_time()
            batch = list(islice(items, BATCH))
            self.seconds["read"] += time.process_time() - started
            if not batch:
                return
            yield batch


def _start(shared: Shared) -> None:
    global _shared
    _shared = shared


def convert_batch(batch: list[RawDocument | Problem]) -> tuple[list, dict[str, float]]:
    """The announcements (or problems) of a batch, and the process seconds of chrome and metadata."""
    out, chrome, metadata = [], 0.0, 0.0
    for item in batch:
        if isinstance(item, Problem):
            out.append(item)
            continue
        started = time.process_time()
        page = page_of(item, _shared)
        done = time.process_time()
        out.append(page if isinstance(page, Problem) else announcement_of(item, page))
        chrome, metadata = chrome + done - started, metadata + time.process_time() - done
    return out, {"chrome": chrome, "metadata": metadata}
