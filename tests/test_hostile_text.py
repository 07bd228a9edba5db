"""Hostile or broken input, in the corpus and in queries: reported, never read outside the corpus, never served broken."""

from __future__ import annotations

import json

from conftest import write_jsonl
from searchsvc.indexer import build
from searchsvc.ingest import CorpusReport, read_corpus
from searchsvc.search import SearchRequest, SearchService
from searchsvc.web import create_app

TEXT = ("Le secrétaire général de l’OTAN a rencontré le ministre de la Défense à Bruxelles ce lundi "
        "(3 mars 2025) pour parler de sécurité énergétique.")


def read(corpus):
    report = CorpusReport()
    return list(read_corpus(corpus, report)), report


def test_a_link_leaving_the_corpus_folder_is_refused_and_reported(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n" + TEXT, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "annonce.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside)
    (corpus / "copie.txt").symlink_to(corpus / "annonce.txt")  # a link inside the corpus is fine
    announcements, report = read(corpus)
    assert sorted(a.id for a in announcements) == ["annonce", "copie"]
    assert all("root:x" not in a.text for a in announcements)
    refused = [p for p in report.skipped if p.source == "passwd.txt"]
    assert refused and "outside the corpus" in refused[0].reason


def test_lone_surrogates_and_control_characters_are_removed_and_reported(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    line = json.dumps({"id": "bad", "text": "Titre\n" + TEXT.replace("sécurité", "sécu\ud800rité\x00\x07")})
    (corpus / "bad.jsonl").write_text(line + "\n", encoding="utf-8", errors="surrogatepass")
    announcements, report = read(corpus)
    [bad] = announcements
    assert "sécurité énergétique" in bad.text
    assert any("removed" in p.reason for p in report.warnings)


def test_an_announcement_with_bad_characters_is_served_everywhere(tmp_path):
    """The page, the API, the exports and the feed all answer whole for such an announcement."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    line = json.dumps({"id": "bad", "url": "javascript:alert(1)",
                       "text": "Sécurité\ud800 énergétique\n" + TEXT + "\udfff"})
    (corpus / "bad.jsonl").write_text(line + "\n", encoding="utf-8", errors="surrogatepass")
    build(corpus, tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index"), "TESTING": True}).test_client()
    for path in ("/?q=securite", "/annonce/bad", "/api/documents/bad", "/api/search?q=securite",
                 "/api/search.csv?q=securite", "/api/search.jsonl?q=securite", "/api/search.atom?q=securite"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        assert "énergétique" in body, path
        assert "javascript:" not in body, path  # never a link, never shown
    assert client.get("/api/documents/bad").get_json()["url"] is None


def test_invisible_characters_do_not_split_words(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "soft", "text": "Titre\n" + TEXT.replace("sécurité", "sécu\u00adri\u200bté")}])
    build(corpus, tmp_path / "index")
    result = SearchService(tmp_path / "index").search(SearchRequest(q="sécurité énergétique"))
    assert [h.announcement.id for h in result.hits] == ["soft"]


def test_utf16_files_with_a_bom_are_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "windows.txt").write_text(TEXT, encoding="utf-16")  # Python writes the BOM first
    (corpus / "export.jsonl").write_text(json.dumps({"id": "j16", "text": TEXT}, ensure_ascii=False) + "\n",
                                         encoding="utf-16")
    announcements, report = read(corpus)
    assert sorted(a.id for a in announcements) == ["j16", "windows"]
    assert all("sécurité énergétique" in a.title + a.text for a in announcements)
    assert not [p for p in report.skipped if "binary" in p.reason or "JSON" in p.reason]


def test_dates_outside_nato_history_are_ignored_and_reported(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "far", "date": "9999-01-01", "text": "Titre\n" + TEXT},
                                     {"id": "old", "date": "1066-10-14", "text": "Autre titre\n" + TEXT + " Encore."}])
    announcements, report = read(corpus)
    by_id = {a.id: a for a in announcements}
    assert by_id["far"].date is None or by_id["far"].date.year == 2025  # the text's own date, if found
    assert by_id["old"].date is None or by_id["old"].date.year == 2025
    assert sum("outside" in p.reason for p in report.warnings) == 2


def test_a_page_that_is_all_chrome_is_reported_not_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "connexion.txt").write_text("Se connecter\nMot de passe oublié ?\nS’abonner à la newsletter\n",
                                          encoding="utf-8")
    (corpus / "annonce.txt").write_text(TEXT, encoding="utf-8")
    announcements, report = read(corpus)
    assert [a.id for a in announcements] == ["annonce"]
    assert any(p.source == "connexion.txt" and "chrome" in p.reason for p in report.skipped)


def test_queries_are_read_as_the_index_holds_text(seed_search):
    accented = seed_search("sécurité").total
    assert accented > 0
    assert seed_search("se\u0301curite\u0301").total == accented  # decomposed accents (NFD), as some keyboards send
    assert seed_search("sécu\u00adri\u200bté").total == accented  # a soft hyphen and a zero-width space pasted in
    assert seed_search(person=("Javier\u00a0Colomina",)).total == seed_search(person=("Javier Colomina",)).total


def test_a_query_with_nothing_to_search_for_finds_nothing(seed_search):
    assert seed_search("").total == 5  # an empty box lists everything, newest first
    for q in ("😀", "🇺🇦 🇷🇺", "!!!", "« »"):
        assert seed_search(q).total == 0, q
