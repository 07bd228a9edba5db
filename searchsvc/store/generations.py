"""Generations of the index: the `current` link, BUILD.json, the single-writer lock, the switch.

Layout of the index root (`index/` by default):

    index/current -> gen-20261122T130455-1234   (a symlink, replaced atomically)
    index/gen-…/                                (a complete Whoosh index, its BUILD.json, and per
                                                 commit STEMS-n.json and FACETS-n.npz: store.stems)
    index/.lock                                 (held by the one running indexer)

BUILD.json names the generation the live one replaced (`previous`): that one is kept as the
rollback copy, and every other generation (older ones, or one a killed build left) is removed.

A full build writes a new generation beside the live one and only then points `current` at it, so
a crash mid-build leaves the live index untouched and readers never see a half-written index.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from searchsvc.store.lifetime import children_die_with_me
from searchsvc.store.quotes import QUOTES_DIR
from searchsvc.store.schema import INDEX_FORMAT

CURRENT = "current"
LOCK = ".lock"
BUILD_INFO = "BUILD.json"


class IndexerBusy(RuntimeError):
    """Another indexer holds the lock on this index."""


@contextmanager
def writer_lock(index_root: Path) -> Iterator[None]:
    """Holds the index's single-writer lock (an flock: the kernel releases it when the process
    dies); processes forked meanwhile (extraction workers, Whoosh's writers) neither hold it nor
    outlive the build (store.lifetime)."""
    index_root.mkdir(parents=True, exist_ok=True)
    with open(index_root / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexerBusy(f"another indexer is already writing {index_root}; "
                              "wait for it to finish and try again") from None
        handle.write(str(os.getpid()))
        handle.flush()
        with children_die_with_me(handle.fileno()):
            yield


def current_generation(index_root: Path) -> Path | None:
    """The live generation's directory, or None when no index was built yet."""
    link = index_root / CURRENT
    try:
        return index_root / os.readlink(link)
    except OSError:
        return None


def new_generation(index_root: Path) -> Path:
    """A new, empty generation directory beside the live one (named by time, then process)."""
    generation = index_root / ("gen-" + datetime.datetime.now(datetime.timezone.utc)
                               .strftime("%Y%m%dT%H%M%S%f") + f"-{os.getpid()}")
    generation.mkdir()
    return generation


def built_at(generation: Path) -> float:
    """When the generation's BUILD.json was last written (seconds since the epoch)."""
    return (generation / BUILD_INFO).stat().st_mtime


def write_build_info(generation: Path, count: int, info: dict) -> None:
    built = {"documents": count, "format": INDEX_FORMAT, "built_at": datetime.datetime.now(datetime.timezone.utc)
             .isoformat(timespec="seconds"), **info}
    # written beside, then renamed over: a searcher opening the generation never reads half of it;
    # the quotations' index inside the generation (store.quotes) is of the same build
    for folder in (generation / QUOTES_DIR, generation):
        if folder.is_dir():
            temporary = folder / f".{BUILD_INFO}.{os.getpid()}"
            temporary.write_text(json.dumps(built, ensure_ascii=False, indent=1))
            os.replace(temporary, folder / BUILD_INFO)


def read_build_info(generation: Path) -> dict:
    """The generation's BUILD.json, or {} when it has none (a build in progress or abandoned)."""
    try:
        return json.loads((generation / BUILD_INFO).read_text())
    except (OSError, ValueError):
        return {}


def switch_to(index_root: Path, generation: Path) -> None:
    """Points `current` at `generation` in one atomic rename, then makes it durable."""
    temporary = index_root / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(generation.name, temporary)
    os.replace(temporary, index_root / CURRENT)
    directory = os.open(index_root, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def remove_old_generations(index_root: Path) -> None:
    """Keeps the live generation and the one it replaced (its BUILD.json's `previous`: the rollback
    copy, never a build that was killed before its switch); removes every other generation."""
    live = current_generation(index_root)
    if live is None:
        return
    keep = {live.name, previous_of(index_root, live)}
    for path in index_root.glob("gen-*"):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def previous_of(index_root: Path, live: Path) -> str | None:
    """The generation `live` replaced; for a generation built before BUILD.json named it, the
    newest complete generation older than it."""
    info = read_build_info(live)
    if "previous" in info:
        return info["previous"]
    complete = sorted(p.name for p in index_root.glob("gen-*") if p.name < live.name and read_build_info(p))
    return complete[-1] if complete else None
