"""Pages that lost their accented letters at the source are repaired from the corpus's own lexicon,
so `secrétaire général` finds them (issue 12)."""
from conftest import write_jsonl
from searchsvc.ingest import CorpusReport, read_corpus
from searchsvc.indexer import build
from searchsvc.search import SearchRequest, SearchService

HEALTHY = [
    "Le secrétaire général de l'OTAN a présidé la réunion du Conseil sur la sécurité en Europe.",
    "La réunion des ministres de la défense a porté sur la sécurité et la coopération.",
    "Le secrétaire général a salué la coopération entre les Alliés et la défense commune.",
    "Après la réunion, le secrétaire général a évoqué la sécurité de la région et la défense.",
    "Les Alliés ont décidé de renforcer la coopération en matière de défense et de sécurité.",
    "La décision du Conseil a été prise à l'issue de la réunion, a indiqué le secrétaire général.",
    "Une déclaration a suivi la réunion ; la déclaration du Conseil rappelle une déclaration de 1999.",
]
DAMAGED = ("Dclaration du Secrtaire gnral\n"
           "Le Secrtaire gnral de l'OTAN a prsid la runion du Conseil. La scurit de la rgion "
           "et la coopration entre les Allis ont t au cur des dbats. La dcision a t prise.")


def corpus(tmp_path, extra=()):
    folder = tmp_path / "corpus"
    folder.mkdir()
    records = [{"id": f"h{n}", "text": f"Titre {n}\n{text}"} for n, text in enumerate(HEALTHY)]
    write_jsonl(folder / "c.jsonl", records + [{"id": "damaged", "text": DAMAGED}, *extra])
    return folder


def test_words_that_lost_their_accents_are_restored(tmp_path):
    found = {a.id: a for a in read_corpus(corpus(tmp_path), CorpusReport())}
    damaged = found["damaged"]
    assert damaged.title == "Déclaration du Secrétaire général"
    assert "Le Secrétaire général de l'OTAN" in damaged.text
    assert "la réunion du Conseil" in damaged.text and "La sécurité" in damaged.text
    assert "la coopération entre" in damaged.text
    # forms the corpus cannot explain with one frequent word are left as they are
    assert "cur des dbats" in damaged.text and "La dcision" in damaged.text  # `décision`: twice only
    assert found["h0"].text == HEALTHY[0]


def test_a_healthy_page_with_a_stray_plain_form_is_left_alone(tmp_path):
    odd = {"id": "odd", "text": "Titre\nLe rapport cite une scurit renforcée, selon le secrétaire général."}
    found = {a.id: a for a in read_corpus(corpus(tmp_path, [odd]), CorpusReport())}
    assert "scurit" in found["odd"].text  # one damaged-looking word is not a damaged page


def test_secretaire_general_finds_the_repaired_page(tmp_path):
    build(corpus(tmp_path), tmp_path / "index")
    result = SearchService(tmp_path / "index").search(SearchRequest(q='"secrétaire général"', per_page=50))
    assert "damaged" in {hit.announcement.id for hit in result.hits}


def test_a_page_damaged_only_in_its_title_is_repaired(tmp_path):
    partly = {"id": "partly", "text": "Visite du Secrtaire gnral à Sofia\nLe secrétaire général a été reçu par "
                                      "le président bulgare pour une réunion sur la sécurité de la région."}
    found = {a.id: a for a in read_corpus(corpus(tmp_path, [partly]), CorpusReport())}
    assert found["partly"].title == "Visite du Secrétaire général à Sofia"
