"""python -m bench: build each engine's index over synthetic corpora and time the same query mix.

Prints figures only; it never asserts a time. See bench/README.md.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import io
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import cli_build
from bench import queries as query_mix
from bench.synthetic import generate

ENGINES = {"whoosh": ("bench.whoosh_side", "WhooshEngine"),
           "fts5": ("bench.fts5_baseline", "Fts5Engine")}


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", default="10000,50000,200000", help="corpus sizes, comma-separated")
    p.add_argument("--queries", type=int, default=300, help="timed queries per size")
    p.add_argument("--warmup", type=int, default=60, help="warm-up queries (never timed, never repeated)")
    p.add_argument("--engines", default="whoosh,fts5", help="comma-separated: " + ",".join(ENGINES))
    p.add_argument("--workdir", help="where index files go (default: a new temporary directory)")
    p.add_argument("--keep", action="store_true", help="keep the index files")
    p.add_argument("--profile", action="store_true",
                   help="cProfile our side's timed pass and print the top 25 functions (inflates its times)")
    p.add_argument("--seed", type=int, default=42, help="corpus seed (the query mix has its own)")
    p.add_argument("--cli", action=argparse.BooleanOptionalAction, default=True,
                   help="also build through `python -m searchsvc index` from JSON Lines files (what users run)")
    p.add_argument("--build-only", action="store_true", help="builds only, no queries")
    args = p.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    args.engines = [e.strip() for e in args.engines.split(",")]
    unknown = set(args.engines) - set(ENGINES)
    if unknown:
        p.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    return args


def engine_class(name: str):
    module, cls = ENGINES[name]
    return getattr(importlib.import_module(module), cls)


# -- statistics -------------------------------------------------------------------------------
def stats(ms: list[float]) -> dict:
    if len(ms) < 2:
        v = ms[0] if ms else float("nan")
        return {"p50": v, "p95": v, "p99": v, "mean": v}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "mean": statistics.fmean(ms)}


def ratio(a: float, b: float) -> str:
    return f"{a / b:7.1f}×" if b > 0 else "      -"


# -- one size ---------------------------------------------------------------------------------
def run_size(size: int, args, root: Path) -> dict:
    print(f"\n=== {size:,} documents ===")
    t = time.perf_counter()
    docs = list(generate(size, args.seed))
    chars = sum(len(d.text) for d in docs)
    print(f"generated in {time.perf_counter() - t:.1f} s ({chars / 1e6:.0f} M characters of text)")
    mix = query_mix.build(docs, args.queries, args.warmup)
    timed, warmup = mix.timed, mix.warmup
    print(f"{len(timed)} timed queries, {len(warmup)} warm-up queries; {mix.note}")

    workdir = root / f"size-{size}"
    workdir.mkdir(parents=True, exist_ok=True)
    engines, result = [], {"build": {}, "times": {}, "totals": {}, "queries": timed}
    print(f"\n{'engine':8} {'build s':>9} {'docs/s':>9} {'disk MB':>9}")
    writer = None
    for name in args.engines:
        engine = engine_class(name)(workdir)
        cpu = cli_build.cpu_seconds()
        with cli_build.PeakMemory(os.getpid()) as memory:
            t = time.perf_counter()
            n = engine.build(docs)
            took = time.perf_counter() - t
        mb = engine.disk_bytes() / 1e6
        result["build"][name] = {"seconds": took, "rate": n / took, "mb": mb}
        if name == "whoosh":
            writer = {"seconds": took, "rate": n / took, "documents": n, "cpu": cli_build.cpu_seconds() - cpu,
                      "peak_mb": memory.peak / 1e6, "processes": memory.processes}
        print(f"{name:8} {took:9.1f} {n / took:9.0f} {mb:9.1f}")
        engines.append(engine)
    if args.cli:
        corpus = cli_build.write_corpus(size, args.seed, workdir / "corpus")
        cli = cli_build.cli_build(corpus, workdir / "cli-index")
        cli_build.print_build(size, cli, writer)
        print("first searches on the CLI's new index (a fresh process), ms: " + ", ".join(
            f"{ms:.0f}" for ms in cli_build.first_searches(workdir / "cli-index", cli_build.FIRST_QUERIES)))
        result["cli"] = cli
    if args.build_only:
        shutil.rmtree(workdir, ignore_errors=True) if not args.keep else None
        return result
    del docs  # only the indexes are needed from here
    gc.collect()

    for engine in engines:
        engine.open()
        for q in warmup:
            engine.search(q)
        result["times"][engine.name] = []
        result["totals"][engine.name] = []

    # Engines take turns query by query (alternating who goes first), so a burst of load from
    # another process on this shared machine hits both alike and the ratios stay fair.
    profiler = cProfile.Profile() if args.profile else None
    gc.collect()
    for i, q in enumerate(timed):
        for engine in (engines if i % 2 == 0 else engines[::-1]):
            profile = profiler is not None and engine.name == "whoosh"
            if profile:
                profiler.enable()
            t = time.perf_counter()
            res = engine.search(q)
            ms = (time.perf_counter() - t) * 1000
            if profile:
                profiler.disable()
            result["times"][engine.name].append(ms)
            result["totals"][engine.name].append(res.total)
    for engine in engines:
        engine.close()

    report_size(result, args)
    if profiler is not None:
        print("\ncProfile of our side's timed pass (top 25 by cumulative time; times above are inflated):")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    result.pop("queries")
    return result


def report_size(result: dict, args) -> None:
    times, timed = result["times"], result["queries"]
    names = list(times)
    both = "whoosh" in times and "fts5" in times
    print("\nlatency per query, ms (full work: match, facets, year histogram, total, 10 highlighted hits)")
    print(f"{'':12} {'p50':>8} {'p95':>8} {'p99':>8} {'mean':>8}")
    result["stats"] = {n: stats(times[n]) for n in names}
    for n in names:
        s = result["stats"][n]
        print(f"{n:12} {s['p50']:8.2f} {s['p95']:8.2f} {s['p99']:8.2f} {s['mean']:8.2f}")
    if both:
        w, f = result["stats"]["whoosh"], result["stats"]["fts5"]
        print(f"{'whoosh/fts5':12} " + " ".join(ratio(w[k], f[k]) for k in ("p50", "p95", "p99", "mean")))

    print("\nper query kind, ms")
    head = f"{'kind':14} {'n':>4}" + "".join(f" {n + ' p50':>11} {n + ' p95':>11}" for n in names)
    print(head + (f" {'ratio p50':>10} {'ratio mean':>10}" if both else ""))
    result["by_kind"] = {}
    for kind in query_mix.KINDS:
        idx = [i for i, q in enumerate(timed) if q.kind == kind]
        if not idx:
            continue
        ks = {n: stats([times[n][i] for i in idx]) for n in names}
        result["by_kind"][kind] = ks
        line = f"{kind:14} {len(idx):4}" + "".join(f" {ks[n]['p50']:11.2f} {ks[n]['p95']:11.2f}" for n in names)
        if both:
            line += f" {ratio(ks['whoosh']['p50'], ks['fts5']['p50']):>10} " \
                    f"{ratio(ks['whoosh']['mean'], ks['fts5']['mean']):>10}"
        print(line)

    if both:  # the two engines should find the same documents; say where they do not
        tw, tf = result["totals"]["whoosh"], result["totals"]["fts5"]
        differ = [i for i in range(len(timed)) if tw[i] != tf[i]]
        print(f"\ntotals agree on {len(timed) - len(differ)}/{len(timed)} queries")
        for i in differ[:8]:
            print(f"  differ: whoosh {tw[i]:>7} fts5 {tf[i]:>7}  {describe(timed[i])}")
    slowest = sorted(range(len(timed)), key=lambda i: -times[names[0]][i])[:5]
    print(f"\nslowest for {names[0]}:")
    for i in slowest:
        print(f"  {times[names[0]][i]:8.1f} ms  total {result['totals'][names[0]][i]:>7}  {describe(timed[i])}")


def describe(q) -> str:
    parts = [q.kind + ":", repr(q.q)]
    for f in ("person", "country", "region", "topic"):
        if getattr(q, f):
            parts.append(f"{f}={'|'.join(getattr(q, f))}")
    if q.date_from or q.date_to:
        parts.append(f"{q.date_from}..{q.date_to}")
    return " ".join(parts)


def report_growth(results: dict) -> None:
    sizes = sorted(results)
    if len(sizes) < 2 or "stats" not in results[sizes[0]]:
        return
    small, large = sizes[0], sizes[-1]
    print(f"\n=== growth from {small:,} to {large:,} documents ({large / small:.0f}× the documents) ===")
    print(f"{'engine':8} {'metric':18} {small:>10,} {large:>10,} {'growth':>8}")
    for name in results[small]["stats"]:
        rows = [("build docs/s", results[small]["build"][name]["rate"], results[large]["build"][name]["rate"]),
                ("disk MB", results[small]["build"][name]["mb"], results[large]["build"][name]["mb"])]
        for k in ("p50", "p95", "p99", "mean"):
            rows.append((f"{k} ms", results[small]["stats"][name][k], results[large]["stats"][name][k]))
        for kind in results[large]["by_kind"]:
            rows.append((f"p50 {kind}", results[small]["by_kind"][kind][name]["p50"],
                         results[large]["by_kind"][kind][name]["p50"]))
        for metric, a, b in rows:
            print(f"{name:8} {metric:18} {a:10.2f} {b:10.2f} {b / a if a else float('nan'):7.1f}×")
    if "whoosh" in results[small]["stats"] and "fts5" in results[small]["stats"]:
        print("\nwhoosh/fts5 mean latency by size: " + ", ".join(
            f"{s:,}: {results[s]['stats']['whoosh']['mean'] / results[s]['stats']['fts5']['mean']:.1f}×"
            for s in sizes))


def main(argv=None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()
    print(f"searchsvc bench: sizes {args.sizes}, engines {args.engines}, {args.queries} timed queries")
    print(f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cores, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for name in args.engines:  # import every engine now: a broken import fails before any work
        engine_class(name)
    if "fts5" in args.engines:
        from bench.fts5_baseline import ANALYSIS
        print(f"fts5 analysis: {ANALYSIS}")
    made_root = args.workdir is None
    root = Path(args.workdir or tempfile.mkdtemp(prefix="searchsvc-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"index files in {root}" + (" (kept)" if args.keep else " (removed at the end)"))
    results = {}
    try:
        for size in args.sizes:
            results[size] = run_size(size, args, root)
        report_growth(results)
    finally:
        if made_root and not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
