"""Search over the quotations: the announcements' machinery pointed at the quotations' index.

The indexer writes each speech passage as a document of `gen-…/quotes/` with the announcements'
schema (store/quotes.py), so a QuoteService is a SearchService whose view opens that index: the same
query language, evaluator, tiers, filters (the speaker is the `person` facet) and date column, at
the same cost per matching document.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from searchsvc.analysis import fold
from searchsvc.search.facets import FacetField
from searchsvc.search.service import IndexView, SearchService
from searchsvc.store import QUOTES_DIR, IndexMissing


@dataclass(frozen=True)
class QuoteDoc:
    """One quotation as a hit shows it, with the announcement it comes from."""
    id: str                 # `<announcement id>#<number>`
    number: int             # its rank among the announcement's quotations, from 1
    text: str
    speaker: str | None
    attribution: str | None
    paragraph: int          # 0: the title; n: the body's n-th line
    announcement_id: str
    title: str              # the announcement's
    date: datetime.date | None
    url: str | None

    @classmethod
    def from_record(cls, record: dict) -> QuoteDoc:
        a = record["announcement"]
        return cls(record["id"], record["number"], record["text"], record.get("speaker"),
                   record.get("attribution"), record.get("paragraph") or 0, a["id"], a.get("title") or "",
                   datetime.date.fromisoformat(a["date"]) if a.get("date") else None, a.get("url"))


class SpeakerField(FacetField):
    """Speakers: a name given finds every speaker with all its words (`rasmussen` → `Rasmussen` and
    `Anders Fogh Rasmussen`, whichever spelling an announcement used)."""

    def resolve(self, written: str) -> list[str]:
        words = set(fold(written).split())
        found = super().resolve(written)
        return list(dict.fromkeys(found + [v for v in self.values if words and words <= set(fold(v).split())]))


class QuoteView(IndexView):
    """The quotations' index of a generation; `generation` stays the generation itself, so the
    service reopens it exactly when it reopens the announcements."""

    def __init__(self, generation: Path):
        if not (generation / QUOTES_DIR).is_dir():
            raise IndexMissing(f"the index in {generation.parent} holds no quotations: rebuild it with "
                               "`python -m searchsvc index`")
        super().__init__(generation / QUOTES_DIR)
        self.generation = generation
        self.facets["person"] = SpeakerField("person", self.store, self.live)

    def announcement(self, docnum: int) -> QuoteDoc:  # a hit's record: here a quotation
        return QuoteDoc.from_record(self.store.record(docnum))


class QuoteService(SearchService):
    view_class = QuoteView
