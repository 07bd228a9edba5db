"""Shared fixtures: real indexes on disk, the real Flask app.

Tests that need the shared development data (../shared) skip with a reason when it is absent, so
`make test` also passes on a fresh clone that has only the repository.
"""

from __future__ import annotations

import json
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


@pytest.fixture(scope="session")
def seed_search(seed_index):
    service = SearchService(seed_index)

    def search(q: str = "", **kwargs):
        return service.search(SearchRequest(q=q, **kwargs))

    search.service = service
    return search


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory) -> Path:
    """The shared development corpus (378 real announcements) indexed once."""
    need_shared(DEV_CORPUS)
    corpus = tmp_path_factory.mktemp("dev-corpus")
    (corpus / DEV_CORPUS.name).symlink_to(DEV_CORPUS)
    root = tmp_path_factory.mktemp("dev-index")
    build(corpus, root)
    return root


@pytest.fixture(scope="session")
def dev_search(dev_index):
    service = SearchService(dev_index)

    def search(q: str = "", **kwargs):
        return service.search(SearchRequest(q=q, **kwargs))

    search.service = service
    return search


@pytest.fixture()
def client(seed_index):
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True}).test_client()


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
