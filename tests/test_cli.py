"""The command line, run as a user runs it."""

import subprocess
import sys

from conftest import ROOT, SEEDS_CORPUS, write_jsonl


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "searchsvc", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def test_index_reports_what_it_did(tmp_path):
    result = run("index", "--corpus", str(SEEDS_CORPUS), "--index", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "read 5 files" in result.stdout and "indexed 5 announcements, skipped 0" in result.stdout
    assert "documents/s" in result.stdout


def test_index_exit_status_says_something_was_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "a", "text": "Réunion du Conseil."}])
    (corpus / "b.jsonl").write_text('{"id": "b", "text": "cut\n', encoding="utf-8")
    result = run("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "b.jsonl:1: skipped: broken JSON" in result.stdout and "indexed 1 announcements, skipped 1" in result.stdout


def test_index_if_stale_skips_an_up_to_date_index(tmp_path):
    run("index", "--corpus", str(SEEDS_CORPUS), "--index", str(tmp_path))
    again = run("index", "--corpus", str(SEEDS_CORPUS), "--index", str(tmp_path), "--if-stale")
    assert again.returncode == 0 and "up to date" in again.stdout


def test_search_prints_hits_with_marked_snippets(seed_index):
    result = run("search", "securite", "--index", str(seed_index))
    assert result.returncode == 0, result.stderr
    assert "résultat(s)" in result.stdout and "**sécurité**" in result.stdout


def test_search_reports_a_syntax_error(seed_index):
    result = run("search", '"unclosed', "--index", str(seed_index))
    assert result.returncode == 2 and "quotation mark" in result.stderr
