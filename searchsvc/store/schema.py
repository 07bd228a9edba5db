"""The Whoosh schema: which fields are indexed, how, and why.

Title and body hold the folded words of the text with their positions (analysis.word_positions):
queries match them by stem (search.matching expands a stem to the words that have it), quoted
phrases match them exactly, prefixes and spelling suggestions find real words in their lexicons.
One positional field instead of a stemmed one plus an exact one halves the postings to write.
Facet fields hold the values the filters take. The whole announcement is stored once, as JSON, so
a hit needs one stored-field read.
"""

import json
import struct

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions

from searchsvc.analysis import text_forms, word_positions
from searchsvc.facet_registry import FACETS, NAMES
from searchsvc.model import Announcement

TITLE_BOOST = 2.0  # a word in the title says more about the announcement than one in the body
# What the index holds and how; written in each generation's BUILD.json. A generation of another
# format is rebuilt by `index --if-stale` and refused by searchers. 2: positions as PositionArray;
# 3: blocks of values packed (codec.LeanCodec); 4: abbreviated months indexed as the month;
# 5: blocks' ids and weights packed too; 6: analysis.WordAnalyzer pickled in the schema;
# 7: the pickled classes (analyzer, fields, codec) live in searchsvc.store (tests/test_store.py pins them);
# 8: the quotations' index inside each generation (store/quotes.py), and a number followed by % is
#    one word ("2%").
INDEX_FORMAT = 8


class WordAnalyzer(Tokenizer):
    """analysis.text_forms' folded words as Whoosh tokens, for the Whoosh machinery that analyses a
    field's text itself (searcher.more_like). Whoosh pickles it into the index schema."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        token.boost = 1.0
        for pos, _, word in text_forms(value):
            token.text = word
            token.pos = pos
            yield token


class PositionArray(Positions):
    """A posting's positions as little-endian 32-bit integers, nothing else (the count is the
    length): numpy decodes a whole block of postings in one call (store.reading), where Whoosh's
    own Positions pickles each posting's gaps behind a count."""

    def encode(self, positions: list[int]) -> bytes:
        return struct.pack(f"<{len(positions)}I", *positions)

    def decode_positions(self, value: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(value) // 4}I", value))

    def decode_frequency(self, value: bytes) -> int:
        return len(value) // 4

    def decode_weight(self, value: bytes) -> float:
        return len(value) // 4 * self.field_boost


class WordsField(TEXT):
    """A TEXT field of folded words with positions that indexes without Whoosh's token pipeline:
    the postings are the ones TEXT(analyzer=WordAnalyzer()) gives, at a fraction of the cost per
    word."""

    def __init__(self, field_boost: float = 1.0):
        super().__init__(analyzer=WordAnalyzer(), phrase=True, field_boost=field_boost)
        self.format = PositionArray(field_boost=field_boost)

    def index(self, value, **kwargs):
        boost, encode = self.format.field_boost, self.format.encode
        for word, positions in word_positions(value).items():
            yield word.encode(), len(positions), len(positions) * boost, encode(positions)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),  # the corpus file: incremental updates replace and remove by file
        content_hash=STORED(),
        title=WordsField(field_boost=TITLE_BOOST),
        body=WordsField(),
        # facet values as filters take them (person names as written; the registry resolves "Neron" to "Néron")
        **{name: KEYWORD(commas=True) for name in NAMES},  # one field per facet, named as the facet
        date=NUMERIC(int, bits=32, sortable=True, signed=False),  # yyyymmdd, 0 when unknown
        record=STORED(),  # the Announcement as JSON
    )


def fields_of(announcement: Announcement, source: str) -> dict:
    """The fields build_schema() indexes for an announcement read from the file `source`."""
    a = announcement
    return {
        "id": a.id,
        "source": source,
        "content_hash": a.content_hash,
        "title": a.title,
        "body": a.text,
        **{kind.name: ",".join(getattr(a, kind.attribute)) for kind in FACETS},
        "date": int(a.date.strftime("%Y%m%d")) if a.date else 0,
        "record": json.dumps(a.to_dict(), ensure_ascii=False),
    }
