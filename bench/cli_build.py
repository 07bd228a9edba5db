"""What users run: `python -m searchsvc index` as a subprocess over the synthetic corpus written as
JSON Lines files (read, chrome, extraction, analysis, writing, commit, switch), with the peak memory
of all its processes, and the first searches on the index it built.

Run alone: `python -m bench.cli_build --sizes 2000,10000` (no query mix, no FTS5).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.synthetic import generate_dicts

PER_FILE = 5_000  # records per JSON Lines file: a corpus of several files, as users keep them
SAMPLE_SECONDS = 0.05  # how often the memory of the build's processes is read from /proc
PAGE = os.sysconf("SC_PAGE_SIZE")
ROOT = Path(__file__).resolve().parent.parent


def write_corpus(size: int, seed: int, folder: Path) -> Path:
    """The synthetic announcements as users' JSON Lines hold them: id, url, and the text with its
    title as first line; no date, persons or countries: the build extracts them."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = None
    for n, doc in enumerate(generate_dicts(size, seed)):
        if n % PER_FILE == 0:
            handle and handle.close()
            handle = (folder / f"part-{n // PER_FILE:03d}.jsonl").open("w", encoding="utf-8")
        record = {"id": doc["id"], "url": doc["url"], "text": doc["title"] + "\n" + doc["text"]}
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    handle and handle.close()
    return folder


class PeakMemory:
    """Peak of the resident memory summed over a process and all its descendants, read from /proc
    every SAMPLE_SECONDS in a thread (psutil is not a dependency)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.processes = pid, 0, 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            tree = descendants(self.pid) | {self.pid}
            total = sum(rss(pid) for pid in tree)
            if total > self.peak:
                self.peak, self.processes = total, len(tree)
            self._stop.wait(SAMPLE_SECONDS)


def cpu_seconds() -> float:
    """User + system seconds of this process and its waited-for children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def descendants(pid: int) -> set[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rpartition(")")[2].split()[1])  # the field after the name
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def cli_build(corpus: Path, index: Path) -> dict:
    """Runs the CLI build; its wall time, documents/s, peak memory and BUILD.json's stages."""
    command = [sys.executable, "-m", "searchsvc", "index", "--corpus", str(corpus), "--index", str(index),
               "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid) as memory:
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build's processes, all waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode not in (0, 1):
        raise RuntimeError(f"index failed ({process.returncode}): {err[-2000:]}")
    info = json.loads((index / "current" / "BUILD.json").read_text())
    return {"seconds": seconds, "documents": info["documents"], "rate": info["documents"] / seconds,
            "cpu": cpu, "peak_mb": memory.peak / 1e6, "processes": memory.processes, "stages": info.get("stages", {}),
            "output": out}


def first_searches(index: Path, queries: list[str]) -> list[float]:
    """Milliseconds of each query in turn, the first one on a freshly opened index (as a worker's
    first request after a switch), in a new interpreter so nothing is warm."""
    code = ("import json,sys,time\nfrom searchsvc.search import SearchRequest, SearchService\n"
            "s = SearchService(sys.argv[1]); out = []\n"
            "for q in sys.argv[2:]:\n t = time.perf_counter(); s.search(SearchRequest(q=q))\n"
            " out.append((time.perf_counter() - t) * 1000)\nprint(json.dumps(out))")
    done = subprocess.run([sys.executable, "-c", code, str(index), *queries], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def print_build(size: int, cli: dict, writer: dict | None = None) -> None:
    print(f"\nbuild of {size:,} announcements")
    if writer:
        print("(writer alone: announcements given, no reading or extraction, in this process, whose memory "
              "also holds the generated corpus)")
    print(f"{'':22} {'seconds':>8} {'docs/s':>8} {'CPU s':>8} {'CPU ms/doc':>10} {'peak MB':>8} {'processes':>9}")
    for name, run in (("CLI end to end", cli), ("writer alone", writer)):
        if run:
            print(f"{name:22} {run['seconds']:8.1f} {run['rate']:8.0f} {run['cpu']:8.1f} "
                  f"{run['cpu'] * 1000 / run['documents']:10.2f} {run['peak_mb']:8.0f} {run['processes']:9}")
    print("(CPU: user + system seconds of all the build's processes; on a loaded machine docs/s falls, CPU s not)")
    stages = cli["stages"]
    if stages:
        total = sum(stages.get(name, 0) for name in stages if not name.startswith("cpu "))
        print("CLI stages, wall seconds (share of the build):  " + ",  ".join(
            f"{name} {value:.1f} ({value / total:.0%})" for name, value in stages.items() if not name.startswith("cpu ")))
        workers = {name[4:]: value for name, value in stages.items() if name.startswith("cpu ")}
        if workers:
            print("inside the extraction, process seconds summed over workers:  " + ",  ".join(
                f"{name} {value:.1f}" for name, value in workers.items()))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.cli_build", description=__doc__)
    p.add_argument("--sizes", default="2000,10000")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--workdir")
    args = p.parse_args(argv)
    root = Path(args.workdir or tempfile.mkdtemp(prefix="searchsvc-cli-bench-"))
    try:
        for size in (int(s.replace("_", "")) for s in args.sizes.split(",")):
            corpus = write_corpus(size, args.seed, root / f"corpus-{size}")
            load = os.getloadavg()[0]
            cli = cli_build(corpus, root / f"index-{size}")
            print_build(size, cli)
            print(f"load average before the build {load:.1f}; "
                  f"first searches on the new index, ms: {first_searches(root / f'index-{size}', FIRST_QUERIES)}")
    finally:
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)
    return 0


FIRST_QUERIES = ["sécurité collective", "ministres défense", "exercice", "partenariat"]  # different stems each

if __name__ == "__main__":
    sys.exit(main())
