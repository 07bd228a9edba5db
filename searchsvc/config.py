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
