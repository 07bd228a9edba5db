"""Load test: gunicorn serving an index, N concurrent clients on loopback for a bounded time.

    python -m bench.load --index index/ [--duration 60] [--clients 16] [--queries FILE]
    python -m bench.load --synthetic 50000 [--workdir DIR]   # builds a synthetic index first
    python -m bench.load --index index/ --exports 4 --clients 2  # searches while one client exports

Starts gunicorn with the project's gunicorn.conf.py on a free loopback port (rate limit off: all the
load comes from one address), sends searches from a fixed mix (the dev queries of ../shared when
present, else words drawn from the index's own lexicon) with facets, filters and pages, and prints
throughput, latency percentiles and every error. It only ever talks to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_QUERIES = ROOT.parent / "shared" / "corpus" / "queries-dev.jsonl"
MAX_REQUESTS = 1_000_000  # a hard stop besides the duration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, SEARCHSVC_INDEX=str(index), SEARCHSVC_BIND=f"127.0.0.1:{port}",
               SEARCHSVC_RATE_LIMIT="off", SEARCHSVC_ACCESS_LOG="/dev/null")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/ready", timeout=5)
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not become ready")


def query_mix(index: Path, seed: int = 7) -> list[str]:
    """Paths to request: searches as journalists and services send them."""
    rnd = random.Random(seed)
    if DEV_QUERIES.exists():
        words = [json.loads(line)["query"] for line in DEV_QUERIES.read_text(encoding="utf-8").splitlines() if line]
    else:
        from searchsvc.search import SearchService

        lexicon = list(SearchService(index).view().store.lexicon("body"))
        words = [" ".join(rnd.sample(lexicon, rnd.randint(1, 3))) for _ in range(300)]
    paths = []
    for q in words:
        params = {"q": q}
        kind = rnd.random()
        if kind < 0.2:
            params["sort"] = "date"
        elif kind < 0.3:
            params["page"] = "2"
        elif kind < 0.4:
            params["from"], params["to"] = "2015-01-01", "2025-12-31"
        paths.append("/api/search?" + urllib.parse.urlencode(params))
        if kind > 0.9:
            paths.append("/recherche?" + urllib.parse.urlencode({"q": q}))
    return paths


def run(base: str, paths: list[str], clients: int, duration: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client(number: int) -> None:
        rnd = random.Random(number)
        while time.monotonic() < stop_at and len(latencies) + len(errors) < MAX_REQUESTS:
            path = rnd.choice(paths)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=30) as response:
                    response.read()
                with lock:
                    latencies.append(time.perf_counter() - started)
            except OSError as error:  # HTTP errors included
                with lock:
                    errors.append(f"{path}: {error}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started


HEAVY_EXPORT = "/api/search.csv?sort=date"  # every announcement, up to the export limit


def exporting(base: str, exporters: int, stop: threading.Event) -> dict:
    """`exporters` threads of ONE client (127.0.0.2) asking for whole-corpus CSV exports again and
    again until `stop`; returns how they were answered."""
    host, port = base[len("http://"):].split(":")
    answers: dict = {}
    lock = threading.Lock()

    def exporter() -> None:
        while not stop.is_set():
            connection = http.client.HTTPConnection(host, int(port), timeout=120, source_address=("127.0.0.2", 0))
            try:
                connection.request("GET", HEAVY_EXPORT)
                response = connection.getresponse()
                response.read()
                key = str(response.status)
                if response.status == 429:
                    stop.wait(float(response.getheader("Retry-After", "1")))
            except (OSError, http.client.HTTPException) as error:  # a broken stream included
                key = f"error: {type(error).__name__}"
            finally:
                connection.close()
            with lock:
                answers[key] = answers.get(key, 0) + 1

    threads = [threading.Thread(target=exporter) for _ in range(exporters)]
    for thread in threads:
        thread.start()
    answers["_threads"] = threads
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--index", type=Path, help="an index root built by `python -m searchsvc index`")
    source.add_argument("--synthetic", type=int, help="build a synthetic index of this many announcements first")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--exports", type=int, default=0,
                        help="meanwhile, this many concurrent whole-corpus CSV exports from one other client")
    args = parser.parse_args()

    index = args.index
    if args.synthetic:
        from bench.synthetic import generate
        from searchsvc.indexer import write_index

        index = (args.workdir or Path(tempfile.mkdtemp(prefix="searchsvc-load-"))) / "index"
        started = time.perf_counter()
        write_index(generate(args.synthetic), index)
        print(f"built {args.synthetic:,} synthetic announcements in {time.perf_counter() - started:.0f} s")
    paths = query_mix(index)
    process, base = serve(index)
    try:
        for path in paths[:20]:  # warm each worker's caches a little, as traffic would
            urllib.request.urlopen(base + path, timeout=60).read()
        stop = threading.Event()
        exports = exporting(base, args.exports, stop) if args.exports else None
        if exports:
            time.sleep(2)  # the exports are under way before the searches are timed
        latencies, errors, elapsed = run(base, paths, args.clients, args.duration)
        stop.set()
        for thread in (exports or {}).pop("_threads", []):
            thread.join()
    finally:
        process.terminate()
        process.wait(timeout=30)
    if exports is not None:
        print(f"{args.exports} concurrent exports from one client ({HEAVY_EXPORT}): "
              + ", ".join(f"{n} × {k}" for k, n in sorted(exports.items())))
    done = len(latencies)
    print(f"{args.clients} clients, {elapsed:.0f} s, {done + len(errors):,} requests, {done / elapsed:.1f} requests/s")
    if latencies:
        cuts = statistics.quantiles(latencies, n=100)
        print(f"latency ms: p50 {cuts[49] * 1000:.1f}  p95 {cuts[94] * 1000:.1f}  p99 {cuts[98] * 1000:.1f}  "
              f"max {max(latencies) * 1000:.1f}")
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print("  " + error)


if __name__ == "__main__":
    main()
