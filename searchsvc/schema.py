"""The Whoosh schema: which fields are indexed, how, and why.

Text is indexed twice: stemmed (title, body: what words match, with positions for ranking and
highlighting) and folded but unstemmed (exact: quoted phrases, which must be exact, and spelling
suggestions, which must propose real words, not stems). Facet fields hold the values the filters
take. The whole announcement is stored once, as JSON, so a hit needs one stored-field read.
"""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from searchsvc.analysis import exact_analyzer, french_analyzer

TITLE_BOOST = 2.0  # a word in the title says more about the announcement than one in the body
FACET_FIELDS = ("person", "country", "region", "topic")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),  # the corpus file: incremental updates replace and remove by file
        content_hash=STORED(),
        title=TEXT(analyzer=french_analyzer(), phrase=True, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=french_analyzer(), phrase=True),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        # facet values as filters take them (person names as written; search.facets resolves "Neron" to "Néron")
        person=KEYWORD(commas=True),
        country=KEYWORD(commas=True),
        region=KEYWORD(commas=True),
        topic=KEYWORD(commas=True),
        date=NUMERIC(int, bits=32, sortable=True, signed=False),  # yyyymmdd, 0 when unknown
        record=STORED(),  # the Announcement as JSON
    )
