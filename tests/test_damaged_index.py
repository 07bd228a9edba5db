"""A damaged index: the process stays alive (liveness 200), readiness and searches answer 503 naming
what is wrong and the command that repairs it, and the page says so in French. Never a 500."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from searchsvc.store import CURRENT, current_generation
from searchsvc.web import create_app

REPAIR = "python -m searchsvc index"


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def zero(path: Path) -> None:
    path.write_bytes(b"\0" * path.stat().st_size)


def first(generation: Path, pattern: str) -> Path:
    return sorted(generation.glob(pattern))[0]


DAMAGES = {
    "segment truncated": lambda g: truncate(first(g, "*.seg")),
    "segment zeroed": lambda g: zero(first(g, "*.seg")),
    "segment missing": lambda g: first(g, "*.seg").unlink(),
    "table of contents truncated": lambda g: truncate(first(g, "*.toc")),
    "table of contents zeroed": lambda g: zero(first(g, "*.toc")),
    "table of contents missing": lambda g: first(g, "*.toc").unlink(),
    "BUILD.json missing": lambda g: (g / "BUILD.json").unlink(),
    "BUILD.json garbled": lambda g: (g / "BUILD.json").write_text("{not json"),
    "current link dangling": lambda g: shutil.rmtree(g),
}


@pytest.fixture()
def damaged_copy(seed_index, tmp_path):
    """A copy of the seed index to damage."""
    root = tmp_path / "index"
    live = current_generation(seed_index)
    shutil.copytree(live, root / live.name)
    os.symlink(live.name, root / CURRENT)
    return root


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_index_is_a_503_naming_the_repair_never_a_500(damaged_copy, damage):
    DAMAGES[damage](current_generation(damaged_copy))
    client = create_app({"INDEX_DIR": str(damaged_copy), "TESTING": True}).test_client()

    health = client.get("/api/health")
    assert health.status_code == 200 and health.get_json()["status"] == "ok"  # the process answers
    for path in ("/api/ready", "/api/search?q=otan", "/api/search.csv?q=otan", "/api/facets/topic",
                 "/api/documents/000_e8779f524c90764a/similar"):
        response = client.get(path)
        assert response.status_code == 503, (damage, path, response.status_code)
        assert response.mimetype == "application/problem+json"
        assert REPAIR in response.get_json()["detail"], response.get_json()
        assert "another version" not in response.get_json()["detail"]  # it is not a format change
    page = client.get("/?q=otan")
    assert page.status_code == 503 and page.mimetype == "text/html"
    assert "reconstruit" in page.get_data(as_text=True) or "construit" in page.get_data(as_text=True)


def test_the_index_works_again_once_rebuilt(damaged_copy, tmp_path):
    from conftest import SEEDS_CORPUS
    from searchsvc.indexer import build

    DAMAGES["segment zeroed"](current_generation(damaged_copy))
    client = create_app({"INDEX_DIR": str(damaged_copy), "TESTING": True}).test_client()
    assert client.get("/api/search?q=otan").status_code == 503
    build(SEEDS_CORPUS, damaged_copy)
    assert client.get("/api/search?q=otan").status_code == 200  # the same server, no restart
