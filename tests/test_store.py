"""The store's on-disk contract: the classes a generation pickles are the ones this version names.

Whoosh pickles the schema (its fields, formats and analyzer) and each segment's codec into the
index's table of contents, by module path. Moving or renaming one of these classes makes every
existing index unreadable, so it must come with an INDEX_FORMAT bump and a new line here.
"""

import re

from conftest import SEEDS_CORPUS
from searchsvc.indexer import build
from searchsvc.store import INDEX_FORMAT, QUOTES_DIR, current_generation

PICKLED_CLASSES = {  # as of INDEX_FORMAT 8 (7 moved them here; 8 added the quotations' index and "2%" words)
    "searchsvc.store.codec.LeanCodec",
    "searchsvc.store.schema.PositionArray",
    "searchsvc.store.schema.WordAnalyzer",
    "searchsvc.store.schema.WordsField",
}
GLOBAL = re.compile(rb"c(searchsvc[\w.]*)\n(\w+)\n")  # pickle protocols 0-2
STACK_GLOBAL = re.compile(rb"\x8c.(searchsvc[\w.]*)\x94\x8c.(\w+)\x94\x93", re.S)  # protocol 4


def test_the_classes_pickled_in_a_generation_are_pinned(tmp_path):
    build(SEEDS_CORPUS, tmp_path)
    generation = current_generation(tmp_path)
    tables = list(generation.glob("*.toc")) + list((generation / QUOTES_DIR).glob("*.toc"))
    assert tables
    found = set()
    for table in tables:
        data = table.read_bytes()
        named = GLOBAL.findall(data) + STACK_GLOBAL.findall(data)
        assert len(named) == data.count(b"searchsvc")  # every mention of our package is a class path
        found |= {f"{module.decode()}.{name.decode()}" for module, name in named}
    assert INDEX_FORMAT == 8 and found == PICKLED_CLASSES
