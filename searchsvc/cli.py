"""Command line: `python -m searchsvc index | search | serve`."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from searchsvc import config

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m searchsvc", description="French search over NATO announcements")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="build the index from the corpus")
    index.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: $SEARCHSVC_CORPUS or corpus/)")
    index.add_argument("--index", type=Path, default=None, help="index folder (default: $SEARCHSVC_INDEX or index/)")
    index.add_argument("--if-stale", action="store_true", help="build only if the index is missing or older than the corpus")
    index.add_argument("--incremental", action="store_true",
                       help="update the live index: add new, replace changed, remove deleted announcements")
    index.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bar (default: when stderr is a terminal)")

    search = commands.add_parser("search", help="search the index and print the best hits")
    search.add_argument("query")
    search.add_argument("--index", type=Path, default=None)
    search.add_argument("-n", "--limit", type=int, default=5)
    search.add_argument("--json", action="store_true", help="print the API's JSON instead")

    serve = commands.add_parser("serve", help="serve the web app with gunicorn (gunicorn.conf.py)")
    serve.add_argument("--bind", default=None, help="address:port (default: gunicorn.conf.py's, 127.0.0.1:8000)")

    args = parser.parse_args(argv)
    return {"index": run_index, "search": run_search, "serve": run_serve}[args.command](args)


def run_index(args) -> int:
    from searchsvc.indexer import IndexerBusy, NothingToIndex, build, is_stale, update

    corpus = args.corpus or config.corpus_dir()
    index_root = args.index or config.index_dir()
    if args.if_stale and not is_stale(corpus, index_root):
        print(f"index {index_root} is up to date with {corpus}")
        return EXIT_OK
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        report = (update if args.incremental else build)(corpus, index_root, progress=progress)
    except (IndexerBusy, NothingToIndex, FileNotFoundError) as error:
        print(f"index: {error}", file=sys.stderr)
        return EXIT_FAILED
    for line in report.lines():
        print(line)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def run_search(args) -> int:
    from searchsvc.search import IndexMissing, RequestError, SearchRequest, SearchService

    service = SearchService(args.index or config.index_dir())
    try:
        result = service.search(SearchRequest(q=args.query, per_page=max(1, min(args.limit, 100))))
    except (IndexMissing, RequestError) as error:
        print(f"search: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        from searchsvc.web.payloads import search_payload

        print(json.dumps(search_payload(result), ensure_ascii=False, indent=1))
        return EXIT_OK
    terminal = sys.stdout.isatty()
    print(f"{result.total} résultat(s) en {result.took_ms} ms" + (" (recherche élargie)" if result.relaxed else ""))
    for rank, hit in enumerate(result.hits, 1):
        a = hit.announcement
        print(f"\n{rank}. {as_terminal(hit.title_html, terminal)}  [{a.id}, {a.date or 'sans date'}]")
        for snippet in hit.snippets[:1]:
            print("   " + as_terminal(snippet, terminal))
    return EXIT_OK


def as_terminal(html: str, terminal: bool) -> str:
    """Our snippets' HTML for a terminal: <mark> as bold (or **…** when piped), entities decoded."""
    from html import unescape

    on, off = ("\033[1m", "\033[0m") if terminal else ("**", "**")
    return unescape(re.sub(r"</?mark>", lambda m: off if m.group().startswith("</") else on, html))


def run_serve(args) -> int:
    command = [sys.executable, "-m", "gunicorn", "--chdir", str(config.PROJECT_ROOT),
               "--config", str(config.PROJECT_ROOT / "gunicorn.conf.py")]
    if args.bind:
        command += ["--bind", args.bind]
    os.execv(sys.executable, command + ["wsgi:app"])
