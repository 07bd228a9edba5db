"""The text fields index exactly what Whoosh's own TEXT field would with our analyzer, only faster."""

import pytest
from whoosh.fields import TEXT

from conftest import SEEDS_CORPUS
from searchsvc.analysis import word_analyzer
from searchsvc.schema import TITLE_BOOST, WordsField

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
    reference = TEXT(analyzer=word_analyzer(), phrase=True, field_boost=boost)
    ours = WordsField(field_boost=boost)
    assert sorted(ours.index(text)) == sorted(reference.index(text))


def test_repeated_words_keep_every_position():
    field = WordsField()
    postings = {word: value for word, _, _, value in field.index("la paix, la paix et encore la paix")}
    assert field.format.decode_positions(postings[b"paix"]) == [1, 3, 7]
    assert field.format.decode_positions(postings[b"encore"]) == [5]
