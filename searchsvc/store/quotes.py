"""The quotations of a generation, indexed as documents of their own.

Each speech passage of an announcement is a document of a second index inside the generation
(`gen-…/quotes/`), with the announcements' schema: its words in `body` (the same French analysis,
so the same query language and evaluator answer /api/quotes as /api/search), its speaker in
`person` (the speaker filter and facet are the person filter and facet), the announcement's date,
countries, regions and topics, and `announcement`, the id its updates and removals go by.
"""
from __future__ import annotations

import json
from typing import Iterator

from whoosh.fields import ID

from searchsvc.model import Announcement
from searchsvc.store.schema import build_schema

QUOTES_DIR = "quotes"  # inside a generation
QUOTE_OF = "announcement"  # the field naming a quotation's announcement


def quote_schema():
    schema = build_schema()
    schema.add(QUOTE_OF, ID(stored=True))  # replaced and removed with its announcement
    return schema


def quote_fields_of(a: Announcement, source: str) -> Iterator[dict]:
    """One document per speech passage; `record` is what a hit shows (search.quotes.QuoteDoc)."""
    date = a.date.isoformat() if a.date else None
    for number, q in enumerate(a.quotes, 1):
        record = {"id": f"{a.id}#{number}", "number": number, "text": q.text, "speaker": q.speaker,
                  "attribution": q.attribution, "paragraph": q.paragraph,
                  "announcement": {"id": a.id, "title": a.title, "date": date, "url": a.url}}
        yield {
            "id": record["id"], QUOTE_OF: a.id, "source": source, "content_hash": a.content_hash,
            "title": "", "body": q.text,
            "person": (q.speaker or "").replace(",", " "),  # one value, whatever a body's name holds
            "country": ",".join(a.countries), "region": ",".join(a.regions), "topic": ",".join(a.topics),
            "date": int(a.date.strftime("%Y%m%d")) if a.date else 0,
            "record": json.dumps(record, ensure_ascii=False),
        }
