"""The plain records every layer shares: the announcement that ingest produces, the index stores
and searches return. Nothing here imports another searchsvc module."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, fields
from functools import cache


@dataclass(frozen=True)
class Quote:
    """A speech passage of an announcement: the words between the marks, who said them (a canonical
    person name or a body as the text names it; None when unknown), the words that attribute them,
    and where: paragraph 0 is the title, n the body's n-th line."""
    text: str
    speaker: str | None
    attribution: str | None
    paragraph: int

    @classmethod
    def from_dict(cls, record: dict) -> Quote:
        return cls(record["text"], record.get("speaker"), record.get("attribution"), int(record.get("paragraph") or 0))


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    text: str  # the body, site chrome removed, paragraphs separated by "\n"
    url: str | None
    date: datetime.date | None
    persons: tuple[str, ...]
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2, XK for Kosovo
    regions: tuple[str, ...]  # slugs of the regions taxonomy
    topics: tuple[str, ...]  # slugs of the topics taxonomy
    source: str  # file (and line, for JSON Lines) it was read from
    content_hash: str  # sha256 of the raw text, for incremental updates
    quotes: tuple[Quote, ...] = ()  # speech passages in text order (records written before: none)

    def to_dict(self) -> dict:
        record = {f.name: getattr(self, f.name) for f in fields(self)}  # asdict's deep copy is not needed
        record["date"] = self.date.isoformat() if self.date else None
        for name in tuple_fields(type(self)):
            record[name] = list(record[name])
        record["quotes"] = [asdict(q) for q in self.quotes]
        return record

    @classmethod
    def from_dict(cls, record: dict) -> Announcement:
        record = dict(record)
        record["date"] = datetime.date.fromisoformat(record["date"]) if record.get("date") else None
        for name in tuple_fields(cls):
            record[name] = tuple(record.get(name) or ())
        record["quotes"] = tuple(Quote.from_dict(q) for q in record.get("quotes") or ())
        return cls(**record)


@cache
def tuple_fields(record_class) -> tuple[str, ...]:
    """The fields holding tuples (the facets' values…), which JSON keeps as lists."""
    return tuple(f.name for f in fields(record_class) if str(f.type).startswith("tuple["))
