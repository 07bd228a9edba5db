"""Our side: the product's own indexer and search service. Every call into the product is here,
so an interface change is adapted in this one file."""
from __future__ import annotations

import shutil
from pathlib import Path

from searchsvc.indexer import write_index
from searchsvc.search import SearchRequest, SearchService

from bench.queries import BenchQuery


class WhooshEngine:
    name = "whoosh"

    def __init__(self, workdir: Path):
        self.path = Path(workdir) / "whoosh"
        self.svc = None

    def build(self, docs) -> int:
        shutil.rmtree(self.path, ignore_errors=True)
        docs = list(docs) if not isinstance(docs, list) else docs
        write_index(docs, self.path)   # returns the generation (or a count): we know the count
        return len(docs)

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file() and not p.is_symlink())

    def open(self) -> None:
        self.svc = SearchService(self.path)

    def close(self) -> None:
        close = getattr(self.svc, "close", None)
        if close:
            close()
        self.svc = None

    def search(self, q: BenchQuery):
        return self.svc.search(SearchRequest(
            q=q.q, person=q.person, country=q.country, region=q.region, topic=q.topic,
            date_from=q.date_from, date_to=q.date_to, sort=q.sort, page=1, per_page=10))
