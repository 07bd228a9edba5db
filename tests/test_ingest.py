"""Reading the corpus: chrome removed, titles and ids found, bad input reported and the rest kept."""

import json
import shutil


from conftest import DEV_CORPUS, SEEDS_CORPUS, need_shared, write_jsonl
from searchsvc.ingest import CorpusReport, read_corpus
from searchsvc.ingest.chrome import strip_chrome
from searchsvc.ingest.corpus import split_title

CHROME_WORDS = ["newsletter", "mot de passe", "code de vérification", "Accédez aux ressources",
                "Envoyer un nouveau code", "adresse e-mail", "télécharger des versions"]


def read(corpus):
    report = CorpusReport()
    return list(read_corpus(corpus, report)), report


def test_seeds_lose_every_chrome_line_and_keep_their_text():
    announcements, report = read(SEEDS_CORPUS)
    assert len(announcements) == 5 and not report.problems
    for a in announcements:
        whole = a.title + "\n" + a.text
        for word in CHROME_WORDS:
            assert word.lower() not in whole.lower(), (a.id, word)
    colomina = next(a for a in announcements if a.id == "000_e8779f524c90764a")
    assert colomina.text.startswith("Ce mercredi 18 février 2026, le représentant spécial")
    assert colomina.text.rstrip().endswith("d’accroître notre sécurité.")


def test_seed_ids_are_file_stems_and_titles_are_first_sentences():
    announcements, _ = read(SEEDS_CORPUS)
    assert sorted(a.id for a in announcements) == sorted(p.stem for p in SEEDS_CORPUS.glob("*.txt"))
    for a in announcements:
        assert 20 <= len(a.title) <= 141, a.title
        # drawn from the first sentence (issue 12: a headline, no longer its truncated opening)
        first = a.text.split(". ")[0]
        assert all(word.lower() in first.lower() for word in a.title.rstrip("…").split()), (a.title, first)


def test_chrome_is_recognised_by_repetition_not_by_a_list(tmp_path):
    banner = "Bienvenue sur le portail presse du Grand Quartier"
    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(f"{banner}\nLe Conseil s’est réuni le {n + 1} mars à Bruxelles.\n"
                                            "Les ministres ont discuté de la sécurité.\n", encoding="utf-8")
    announcements, _ = read(tmp_path)
    assert all(banner not in a.title + a.text for a in announcements)
    assert all("Conseil" in a.title for a in announcements)


def test_page_date_lines_are_not_text(tmp_path):
    write_jsonl(tmp_path / "n.jsonl", [{"id": "x", "text": "Titre de la page\n  • 24 May. 2017 -\n  • |\n"
                                        "  • Mis à jour le: 28 May. 2017 12:23\nLe texte de l’annonce."}])
    [a], _ = read(tmp_path)
    assert a.title == "Titre de la page"
    assert a.text == "Le texte de l’annonce."


def test_first_line_is_the_title_only_when_it_reads_like_one():
    assert split_title(["Visite du secrétaire général", "Le texte."], None) == \
        ("Visite du secrétaire général", ["Le texte."])
    long_first = "Ce mercredi, le Conseil s’est réuni. " * 3
    title, body = split_title([long_first.strip()], None)
    assert title == "Ce mercredi, le Conseil s’est réuni" and body == [long_first.strip()]
    assert split_title(["Un titre donné ?", "x"], "Titre du JSON")[0] == "Titre du JSON"


def test_long_first_sentence_is_shortened_at_a_word_boundary():
    sentence = "Le secrétaire général " + "a rencontré les ministres de la défense " * 8 + "à Bruxelles."
    title, _ = split_title([sentence], None)
    assert title.endswith("…") and len(title) <= 141
    assert sentence.startswith(title[:-1])


def test_jsonl_ids_come_from_id_then_url_then_content(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [
        {"id": "news-1", "text": "Premier texte."},
        {"url": "https://www.nato.int/cps/fr/natohq/news_152168.htm", "text": "Deuxième texte."},
        {"text": "Troisième texte."},
    ])
    announcements, report = read(tmp_path)
    assert [a.id for a in announcements][:2] == ["news-1", "news-152168"]
    assert announcements[2].id.startswith("doc-") and not report.problems


def test_hostile_corpus_is_reported_and_the_rest_indexed(tmp_path):
    (tmp_path / "good.txt").write_text("Le Conseil de l’Atlantique Nord s’est réuni.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "latin1.txt").write_bytes("La sécurité énergétique de l’Europe.".replace("’", "'").encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "Une annonce valide."}) + "\n"
        + '{"id": "broken", "text": "coupé\n'
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"id": "no-text"}) + "\n"
        + json.dumps({"id": "ok-2", "text": "Une autre annonce valide."}) + "\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a corpus file", encoding="utf-8")
    announcements, report = read(tmp_path)
    assert sorted(a.id for a in announcements) == ["good", "latin1", "ok-1", "ok-2"]
    latin1 = next(a for a in announcements if a.id == "latin1")
    assert "sécurité énergétique" in latin1.title + latin1.text
    reasons = {p.source: p.reason for p in report.problems}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "Windows-1252" in reasons["latin1.txt"] and not next(
        p for p in report.problems if p.source == "latin1.txt").skipped
    assert "broken JSON" in reasons["lines.jsonl:2"]
    assert "not a JSON object" in reasons["lines.jsonl:3"]
    assert "no `text`" in reasons["lines.jsonl:4"]
    assert len(report.skipped) == 5


def test_duplicates_are_dropped_and_id_clashes_renamed(tmp_path):
    write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": "Le même texte."},
        {"id": "a", "text": "Le même texte."},
        {"id": "a", "text": "Un autre texte, même id."},
    ])
    announcements, report = read(tmp_path)
    assert [a.id for a in announcements] == ["a", "a-2"]
    assert any("duplicate" in p.reason for p in report.skipped)
    assert any("indexed as a-2" in p.reason for p in report.warnings)


def test_huge_text_is_cut_and_reported(tmp_path):
    paragraph = "La sécurité maritime en mer Noire reste une priorité de l’Alliance. " * 20 + "\n"
    (tmp_path / "huge.txt").write_text(paragraph * 1000, encoding="utf-8")
    [a], report = read(tmp_path)
    assert len(a.text) <= 1_000_000
    assert any("cut" in p.reason for p in report.warnings)


def test_strip_chrome_keeps_real_sentences_that_mention_email():
    text = ("Les journalistes peuvent écrire à press@hq.nato.int pour obtenir l’accréditation au sommet, "
            "a précisé le porte-parole lors de la conférence de presse organisée à Bruxelles.")
    assert strip_chrome(text).lines == [text]


def test_dev_corpus_reads_with_nothing_skipped(tmp_path):
    need_shared(DEV_CORPUS)
    shutil.copy(DEV_CORPUS, tmp_path)
    announcements, report = read(tmp_path)
    assert len(announcements) == 378
    assert not report.skipped, report.skipped[:5]
    for a in announcements:
        assert a.title and a.text, a.id
        assert "• |" not in a.text and "Mis à jour le:" not in a.text
