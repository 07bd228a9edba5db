"""Shared fixtures: real indexes on disk, the real Flask app.

Tests that need the shared development data (../shared) skip with a reason when it is absent, so
`make test` also passes on a fresh clone that has only the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from searchsvc.indexer import build
from searchsvc.search import SearchRequest, SearchService
from searchsvc.web import create_app

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS_CORPUS = ROOT / "corpus"
DEV_CORPUS = SHARED / "corpus" / "nato-fr-dev.jsonl"


def need_shared(path: Path = SHARED) -> Path:
    if not path.exists():
        pytest.skip(f"needs the shared development data at {path} (absent on a plain clone)")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """The default corpus (the five seed announcements) indexed once."""
    root = tmp_path_factory.mktemp("seed-index")
    build(SEEDS_CORPUS, root)
    return root


def searching(index_root: Path):
    """search(q, **request fields) over the index at `index_root`; .service is the SearchService."""
    service = SearchService(index_root)

    def search(q: str = "", **kwargs):
        return service.search(SearchRequest(q=q, **kwargs))

    search.service = service
    return search


@pytest.fixture(scope="session")
def seed_search(seed_index):
    return searching(seed_index)


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory) -> Path:
    """The shared development corpus (378 real announcements) indexed once."""
    need_shared(DEV_CORPUS)
    corpus = tmp_path_factory.mktemp("dev-corpus")
    shutil.copy(DEV_CORPUS, corpus)  # a copy: a link out of a corpus folder is refused
    root = tmp_path_factory.mktemp("dev-index")
    build(corpus, root)
    return root


@pytest.fixture(scope="session")
def dev_search(dev_index):
    return searching(dev_index)


@pytest.fixture()
def client(seed_index):
    # the public address links in shared answers are built on (never the Host header a client sends)
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "PUBLIC_URL": "http://localhost"}).test_client()


@pytest.fixture()
def tiny_index(tmp_path):
    """Builds an index from a few announcements given as (id, text) or dicts; returns a search."""

    def make(*documents) -> SearchService:
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        records = [d if isinstance(d, dict) else {"id": d[0], "text": d[1]} for d in documents]
        write_jsonl(corpus / "tiny.jsonl", records)
        root = tmp_path / "index"
        build(corpus, root)
        return SearchService(root)

    return make


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Gunicorn:
    """gunicorn serving an index root with the project's gunicorn.conf.py, as `make run` does."""

    def __init__(self, index_root: Path, **env):
        self.index_root = index_root
        self.base = f"http://127.0.0.1:{free_port()}"
        self.env = dict(os.environ, SEARCHSVC_INDEX=str(index_root), SEARCHSVC_BIND=self.base[len("http://"):],
                        SEARCHSVC_WORKERS="2", **env)
        self.log = tempfile.TemporaryFile()  # a pipe nobody reads would block gunicorn once full
        self.process = None

    def start(self) -> str:
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                                        cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90  # generous: CI machines can be busy
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(self.base + "/api/health", timeout=2)
                return self.base
            except OSError:
                time.sleep(0.2)
        self.stop()
        self.log.seek(0)
        pytest.fail("gunicorn did not answer: " + self.log.read().decode(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture()
def served(seed_index):
    """The base URL of gunicorn serving the seed index."""
    server = Gunicorn(seed_index)
    yield server.start()
    server.stop()
