"""What store.reading takes from the index a block or a segment at a time is what Whoosh itself
reads one by one, and phrase matching over those positions finds what Whoosh's phrase matcher finds."""

import re

import numpy as np
import pytest
from whoosh import query as wq

from conftest import SEEDS_CORPUS, write_jsonl
from searchsvc.analysis import exact_terms
from searchsvc.indexer import build, update
from searchsvc.search import SearchService
from searchsvc.search.queries import Phrase
from searchsvc.store.reading import DOC_SHIFT, PHRASE_ROOM, read_column, read_field_lengths, read_positions

DOCUMENTS = 600  # several posting blocks for common words
BLOCK = 128  # postings per block, as Whoosh's codec writes them


def seed_sentences() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS_CORPUS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(exact_terms(s)) >= 4]


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    """600 announcements of three seed sentences each, so that common words span many blocks."""
    root = tmp_path_factory.mktemp("blocks")
    sentences = seed_sentences()
    n = len(sentences)
    # one line each, ending with its number: no line repeats, so none is taken for site chrome
    records = [{"id": f"doc-{i}", "text": " ".join(sentences[(i * k) % n] for k in (1, 7, 13)) + f" Note {i}."}
               for i in range(DOCUMENTS)]
    corpus = root / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "first.jsonl", records[:400])
    build(corpus, root / "index")
    write_jsonl(corpus / "then.jsonl", records[400:])
    update(corpus, root / "index")  # a second segment, so segment offsets count
    return SearchService(root / "index").view()


def phrases(count: int) -> list[list[str]]:
    """Word runs of two to four words cut from the seed sentences, stop words included."""
    runs = []
    for i, sentence in enumerate(seed_sentences()):
        words = exact_terms(sentence)
        length = 2 + i % 3
        start = (i * 5) % max(1, len(words) - length)
        runs.append(words[start:start + length])
    return runs[:count]


def test_the_view_spans_several_blocks(view):
    docs, _ = view.evaluator.postings.get("body", "de")
    assert len(docs) > 2 * BLOCK


@pytest.mark.parametrize("words", phrases(40), ids=" ".join)
def test_phrases_match_the_documents_whooshs_phrase_matcher_finds(view, words):
    ours, _ = view.evaluator.evaluate(Phrase("body", tuple(words)))
    theirs = set(view.store.searcher.docs_for_query(wq.Phrase("body", words)))
    assert set(np.flatnonzero(ours).tolist()) == theirs


def test_most_of_those_phrases_are_found(view):
    # they come from the seeds, whose site chrome the index leaves out: most, not all, are there
    found = [bool(list(view.store.searcher.docs_for_query(wq.Phrase("body", words)))) for words in phrases(40)]
    assert sum(found) >= 30


@pytest.mark.parametrize("word", ["de", "la", "otan", "securite", "alliance", "ukraine", "absent"])
def test_positions_read_whole_are_whooshs_own(view, word):
    expected = []
    if word != "absent":
        for doc, value in view.store.reader.postings("body", word).items_as("positions"):
            expected += [(doc << DOC_SHIFT) + PHRASE_ROOM + p for p in value]
    assert read_positions(view.store.reader, "body", word).tolist() == expected
    assert expected or word == "absent"


def some_documents(view, word: str, choice: str) -> np.ndarray:
    if choice.startswith("every "):
        step = int(choice.split()[1])
        return np.arange(step // 2, DOCUMENTS, step)
    docs, _ = view.evaluator.postings.get("body", word)  # the word's own documents, in index order
    first = {"first of a block": 0, "last of a block": BLOCK - 1}[choice]
    return docs[first::BLOCK].astype(np.int64)


@pytest.mark.parametrize("word", ["de", "la", "otan", "securite", "alliance", "ukraine"])
@pytest.mark.parametrize("choice", ["every 1", "every 3", "every 50", "every 599",
                                    "first of a block", "last of a block"])
def test_positions_read_in_some_documents_are_all_positions_there(view, word, choice):
    everywhere = read_positions(view.store.reader, "body", word)
    only = some_documents(view, word, choice)
    there = read_positions(view.store.reader, "body", word, only)
    assert there.tolist() == everywhere[np.isin(everywhere >> DOC_SHIFT, only)].tolist()
    assert np.all(np.diff(everywhere) > 0)  # sorted keys: the phrase search bisects them


@pytest.mark.parametrize("field", ["title", "body"])
def test_field_lengths_read_whole_are_whooshs_own(view, field):
    ours = read_field_lengths(view.store.reader, field)
    theirs = [view.store.reader.doc_field_length(d, field, 0) for d in range(view.doc_count)]
    assert ours.tolist() == theirs and max(theirs) > 0


def test_dates_read_whole_are_whooshs_own(view):
    column = view.store.reader.column_reader("date")
    theirs = [column[d] for d in range(view.doc_count)]
    assert read_column(view.store.reader, "date").tolist() == theirs and max(theirs) > 20000000


def test_the_view_has_several_segments(view):
    assert len(view.store.reader.leaf_readers()) > 1
