"""The text fields index the words, weights and positions Whoosh's own TEXT field would with our
analyzer, only faster, and in a form numpy reads a block at a time."""

import json

import pytest
from whoosh.fields import TEXT

from conftest import SEEDS_CORPUS
from searchsvc.indexer import build, is_stale
from searchsvc.search import IndexMissing, SearchRequest, SearchService
from searchsvc.store import BUILD_INFO, current_generation
from searchsvc.store.schema import INDEX_FORMAT, TITLE_BOOST, WordAnalyzer, WordsField

FRENCH_TEXTS = [
    "L’Alliance et l'OTAN : la sécurité de l’Europe, c’est l’affaire de tous les Alliés.",
    "Le cœur du sujet : « sécurité, sécurité, SÉCURITÉ » — jusqu’à Türkiye, d’Arménie et qu’aujourd’hui.",
    "Porte‑parole et porte-parole, 2 % du PIB, 3,5 % en 2035 ; les œuvres de l’ONU.",
    "",
    "!!! … —",
]


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS_CORPUS.glob("*.txt"))]


@pytest.mark.parametrize("boost", [1.0, TITLE_BOOST])
@pytest.mark.parametrize("text", FRENCH_TEXTS + seed_texts())
def test_words_field_postings_equal_the_analyzer_fields(text, boost):
    def postings(field):
        return sorted((word, freq, weight, field.format.decode_positions(value))
                      for word, freq, weight, value in field.index(text))

    reference = TEXT(analyzer=WordAnalyzer(), phrase=True, field_boost=boost)
    assert postings(WordsField(field_boost=boost)) == postings(reference)


def test_repeated_words_keep_every_position():
    field = WordsField()
    postings = {word: value for word, _, _, value in field.index("la paix, la paix et encore la paix")}
    assert field.format.decode_positions(postings[b"paix"]) == [1, 3, 7]
    assert field.format.decode_positions(postings[b"encore"]) == [5]


def test_an_index_of_an_older_format_is_rebuilt_and_never_misread(tmp_path):
    build(SEEDS_CORPUS, tmp_path)
    info_file = current_generation(tmp_path) / BUILD_INFO
    info = json.loads(info_file.read_text())
    info["format"] = INDEX_FORMAT - 1
    info_file.write_text(json.dumps(info))
    assert is_stale(SEEDS_CORPUS, tmp_path)
    with pytest.raises(IndexMissing, match="another version of searchsvc .*: rebuild"):
        SearchService(tmp_path).search(SearchRequest(q="OTAN"))
    build(SEEDS_CORPUS, tmp_path)
    assert not is_stale(SEEDS_CORPUS, tmp_path)
    assert SearchService(tmp_path).search(SearchRequest(q='"l’OTAN"')).total > 0
