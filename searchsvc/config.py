"""Where the corpus and the index live: environment variables, else folders of the repository."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return Path(os.environ.get("SEARCHSVC_CORPUS") or PROJECT_ROOT / "corpus")


def index_dir() -> Path:
    return Path(os.environ.get("SEARCHSVC_INDEX") or PROJECT_ROOT / "index")


def rate_limit() -> str:
    """API requests per client and worker, as "requests/seconds", or "off"."""
    return os.environ.get("SEARCHSVC_RATE_LIMIT") or "600/60"


def proxy_hops() -> int:
    """How many proxies in front of the app to trust for the client's address (X-Forwarded-For):
    0 when gunicorn faces clients itself, 1 behind deploy/nginx.conf. Never more than the real count,
    or a client could pick the address its rate limit is counted under."""
    return int(os.environ.get("SEARCHSVC_PROXY_HOPS") or 0)


def metrics_public() -> bool:
    """Whether /metrics answers every client, not only this machine's (a scraper elsewhere)."""
    return os.environ.get("SEARCHSVC_METRICS_PUBLIC", "") in ("1", "true", "yes")


def public_url() -> str:
    """The address people reach the service at, for links in answers that caches share (Atom feeds):
    never the Host header a client sent, which anyone can forge to poison a cache."""
    given = os.environ.get("SEARCHSVC_PUBLIC_URL")
    return (given or "http://" + os.environ.get("SEARCHSVC_BIND", "127.0.0.1:8000")).rstrip("/")


def threads() -> int:
    """Threads per gunicorn worker process (gunicorn.conf.py)."""
    return int(os.environ.get("SEARCHSVC_THREADS") or 2)


def export_slots() -> int:
    """Exports one worker process streams at once: one thread less than it has, so a plain search
    always finds a free thread (at least one export, for a one-thread worker)."""
    return int(os.environ.get("SEARCHSVC_EXPORT_SLOTS") or max(1, threads() - 1))
