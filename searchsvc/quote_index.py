"""The quotations of a generation, indexed as documents of their own (write side).

Each speech passage of an announcement is a document of a second Whoosh index inside the
generation (`gen-…/quotes/`), with the announcements' schema: its words in `body` (the same French
analysis, so the same query language and evaluator answer /api/quotes as /api/search), its speaker
in `person` (so the speaker filter and facet are the person filter and facet), the announcement's
date, countries, regions and topics, and `announcement`, the id its updates and removals go by.
Full builds write it chunk by chunk beside the announcements; incremental updates mirror theirs.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from whoosh import index as whoosh_index
from whoosh.fields import ID

from searchsvc.ingest import Announcement
from searchsvc.ingest.readers import source_file
from searchsvc.schema import build_schema

QUOTES_DIR = "quotes"


def quote_schema():
    schema = build_schema()
    schema.add("announcement", ID(stored=True))  # the announcement's id: replaced and removed with it
    return schema


def quote_fields(a: Announcement) -> Iterator[dict]:
    """One document per speech passage; `record` is what a hit shows (search.quotes.QuoteDoc)."""
    date = a.date.isoformat() if a.date else None
    for number, q in enumerate(a.quotes, 1):
        record = {"id": f"{a.id}#{number}", "number": number, "text": q.text, "speaker": q.speaker,
                  "attribution": q.attribution, "paragraph": q.paragraph,
                  "announcement": {"id": a.id, "title": a.title, "date": date, "url": a.url}}
        yield {
            "id": record["id"], "announcement": a.id, "source": source_file(a.source),
            "content_hash": a.content_hash, "title": "", "body": q.text,
            "person": (q.speaker or "").replace(",", " "),  # one value, whatever a body's name holds
            "country": ",".join(a.countries), "region": ",".join(a.regions), "topic": ",".join(a.topics),
            "date": int(a.date.strftime("%Y%m%d")) if a.date else 0,
            "record": json.dumps(record, ensure_ascii=False),
        }


class QuoteWriter:
    """Writes the quotations of the announcements a generation's writer adds, replaces or removes."""

    def __init__(self, generation: Path, options: dict, create: bool = False):
        path = generation / QUOTES_DIR
        if create:
            path.mkdir(exist_ok=True)
            self.index = whoosh_index.create_in(str(path), quote_schema())
        else:
            self.index = whoosh_index.open_dir(str(path))
        self.writer = self.index.writer(**options)

    def add(self, announcement: Announcement) -> None:
        for fields in quote_fields(announcement):
            self.writer.add_document(**fields)

    def remove(self, id: str) -> None:
        self.writer.delete_by_term("announcement", id)

    def commit(self, **kwargs) -> None:
        self.writer.commit(**kwargs)

    def cancel(self) -> None:
        self.writer.cancel()
