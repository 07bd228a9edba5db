"""A build killed with SIGKILL at any point: its worker and writer processes die with it, the lock
does not outlive it, and the next build keeps the previous live generation as the rollback copy."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, write_jsonl
from searchsvc.indexer import build
from searchsvc.store import current_generation, read_build_info, writer_lock

WAIT = 120  # seconds a stage may take to begin on a loaded machine


def descendants(pid: int) -> set[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"  # a zombie is dead
    except OSError:
        return False


def big_corpus(folder: Path, count: int = 3000) -> Path:
    """Over a megabyte of varied announcements: extraction runs in worker processes."""
    folder.mkdir()
    write_jsonl(folder / "big.jsonl", [{"id": f"d{i}", "text": f"Réunion {i} du Conseil de l’Atlantique Nord\n"
                                        f"Le {1 + i % 28} mars {1990 + i % 30}, M. Jens Stoltenberg a rencontré à Bruxelles "
                                        f"le ministre de la Défense de la Pologne. " * 12} for i in range(count)])
    return folder


def new_generations(root: Path, known: set[str]) -> list[Path]:
    return [p for p in root.glob("gen-*") if p.name not in known]


POINTS = {  # where the build is, seen from outside
    "start": lambda pid, gens: True,
    "extraction": lambda pid, gens: len(descendants(pid)) >= 2 and gens and not any(gens[0].iterdir()),
    "writing": lambda pid, gens: bool(gens) and any(p.suffix == ".tmp" for p in gens[0].iterdir()),
}


@pytest.mark.parametrize("point", list(POINTS))
def test_a_build_killed_at_any_point_leaves_no_process_no_lock_and_the_rollback_copy(tmp_path, point):
    if point == "extraction" and (os.cpu_count() or 1) < 2:
        pytest.skip("extraction runs in worker processes only with two cores or more")
    small, root = tmp_path / "small", tmp_path / "index"
    small.mkdir()
    write_jsonl(small / "s.jsonl", [{"id": "live", "text": "Annonce en ligne sur la sécurité."}])
    first = build(small, root).generation
    live = build(small, root).generation  # the live one, with `first` as its rollback copy
    corpus = big_corpus(tmp_path / "corpus")
    process = subprocess.Popen([sys.executable, "-m", "searchsvc", "index", "--corpus", str(corpus), "--index",
                                str(root), "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT
    reached = POINTS[point]
    while not reached(process.pid, new_generations(root, {first, live})):
        assert time.monotonic() < deadline and process.poll() is None, f"the build never reached {point}"
        time.sleep(0.02)
    children = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    deadline = time.monotonic() + 10
    while any(running(pid) for pid in children):
        assert time.monotonic() < deadline, f"the build's processes outlived it: {[p for p in children if running(p)]}"
        time.sleep(0.05)
    with writer_lock(root):  # free at once: would raise IndexerBusy otherwise
        pass
    assert current_generation(root).name == live

    again = subprocess.run([sys.executable, "-m", "searchsvc", "index", "--corpus", str(small), "--index", str(root)],
                           cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    newest = current_generation(root)
    assert sorted(p.name for p in root.glob("gen-*")) == sorted([live, newest.name])  # half-written one gone
    assert read_build_info(newest)["previous"] == live
