"""Screenshots of the pages for the README: `python -m searchsvc.screenshots` (or `make screenshots`).

Builds an index of the default corpus (plus the dev corpus of ../shared when present) in a
temporary directory, serves it on 127.0.0.1 in a thread, and has Debian's Chromium (driven by
Playwright, as tests/test_browser.py does: never a downloaded browser) photograph the search page,
an announcement, the API reference and — when the app has them — the quotations view and a person
page, at desktop and phone width, into docs/screenshots/. Each PNG is the first screen a reader
sees (the viewport), so the images stay small and comparable from one run to the next.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from searchsvc import config
from searchsvc.indexer import build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEV_CORPUS = config.PROJECT_ROOT.parent / "shared" / "corpus" / "nato-fr-dev.jsonl"
OUT = config.PROJECT_ROOT / "docs" / "screenshots"
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}  # a laptop, a phone
QUERY = "défense"  # found in the five seed announcements and in the dev corpus alike
OPTIONAL_PAGES = {"citations": ("quote", "citation"), "personne": ("person", "personne")}  # name → words of its route


def corpus(directory: Path) -> Path:
    """The default corpus, plus the dev corpus when ../shared holds it, copied into the temporary
    `directory` (the reader follows no link out of a corpus)."""
    for path in [p for p in config.corpus_dir().iterdir() if p.is_file()] + [DEV_CORPUS] * DEV_CORPUS.exists():
        shutil.copyfile(path, directory / path.name)
    return directory


def serve(index_root: Path):
    from werkzeug.serving import WSGIRequestHandler, make_server

    from searchsvc.web import create_app

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # the list of PNGs is the output
            pass

    server = make_server("127.0.0.1", 0, create_app({"INDEX_DIR": str(index_root)}), threaded=True,
                         request_handler=Quiet)
    base = f"http://127.0.0.1:{server.server_port}"
    server.app.config["PUBLIC_URL"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, base


def optional_rules(app) -> dict:
    """The quotations view and a person page, when the app has them: a page route whose endpoint or
    path names them, taking no argument or one (then a link of the search page gives its value)."""
    found = {}
    for name, words in OPTIONAL_PAGES.items():
        for rule in app.url_map.iter_rules():
            if (rule.endpoint.startswith("pages.") and "GET" in rule.methods and len(rule.arguments) <= 1
                    and any(w in rule.endpoint or w in rule.rule for w in words)):
                found[name] = rule
                break
    return found


def shoot(base: str, app, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, locale="fr-FR")
        try:
            tab = context.new_page()
            tab.goto(base + "/recherche?q=" + quote(QUERY))
            announcement = tab.locator("li.hit:has(time[datetime]) h2 a").first.get_attribute("href")  # a dated one
            pages = {"recherche": base + "/recherche?q=" + quote(QUERY), "annonce": base + announcement,
                     "api": base + "/api/docs"}
            for name, rule in optional_rules(app).items():
                if not rule.arguments:
                    pages[name] = base + rule.rule
                elif (link := tab.locator(f'a[href^="{rule.rule.split("<")[0]}"]')).count():
                    pages[name] = base + link.first.get_attribute("href")  # the first person linked
            for width, viewport in WIDTHS.items():
                tab.set_viewport_size(viewport)
                for name, url in pages.items():
                    tab.goto(url)
                    path = out / f"{name}-{width}.png"
                    tab.screenshot(path=str(path))
                    written.append(path)
        finally:
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m searchsvc.screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the PNGs go (default {OUT})")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("needs the playwright package: pip install -r requirements-dev.txt", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        (work / "corpus").mkdir()
        build(corpus(work / "corpus"), work / "index")
        server, thread, base = serve(work / "index")
        try:
            written = shoot(base, server.app, args.out)
        finally:
            server.shutdown()
            thread.join(timeout=10)
    for path in written:
        print(path.relative_to(config.PROJECT_ROOT) if path.is_relative_to(config.PROJECT_ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
