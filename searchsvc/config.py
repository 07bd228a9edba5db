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
