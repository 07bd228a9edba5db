"""The extraction evaluation: the gold figures must stay at or above the targets of issue 3."""
import json
from datetime import date
from pathlib import Path

import pytest

from searchsvc import evaluate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "corpus" / "gold-dev.jsonl"
CORPUS = SHARED / "corpus" / "nato-fr-dev.jsonl"

TARGETS = {"persons": 0.93, "countries": 0.90, "topics": 0.75}
DATE_ACCURACY = 0.97


@pytest.fixture(scope="module")
def report():
    if not (GOLD.is_file() and CORPUS.is_file()):
        pytest.skip(f"gold annotations or corpus absent under {SHARED / 'corpus'} (../shared)")
    return evaluate.evaluate_extraction(GOLD, CORPUS)


@pytest.mark.parametrize("field, target", sorted(TARGETS.items()))
def test_f1_at_or_above_target(report, field, target):
    assert report.scores[field].f1 >= target, report.scores[field]


def test_date_accuracy_at_or_above_target(report):
    assert report.date_accuracy >= DATE_ACCURACY


def test_every_gold_announcement_was_evaluated(report):
    gold_ids = [json.loads(line)["id"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    assert report.announcements == len(gold_ids) and not report.missing_ids


def test_pages_drop_page_date_lines_and_take_the_title(tmp_path):
    text = ("1 oct . 2007\n\nRencontre du Secrétaire général avec la Knesset\n"
            "  • 17 Apr. 2008 -\n  • Mis à jour le: 12 Feb. 2009 16:57\nLe 1er octobre 2007, la Division…")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "k", "text": text}) + "\n", encoding="utf-8")
    page = evaluate.pages(tmp_path / "c.jsonl")["k"]
    assert page.title == "Rencontre du Secrétaire général avec la Knesset"
    assert page.text == "Le 1er octobre 2007, la Division…"
    assert page.page_date == date(2008, 4, 17)


def test_scores_compare_names_without_case_or_accents(tmp_path):
    (tmp_path / "gold.jsonl").write_text(json.dumps({
        "id": "a", "date": "2008-06-30", "persons": ["Traian Băsescu"], "countries": ["RO"],
        "regions_named": [], "topics": ["operations"]}) + "\n", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(json.dumps({
        "id": "a", "text": "Visite du président roumain\n  • 30 Jun. 2008 -\nLe président roumain, "
                           "M. Traian Basescu, a remercié l'OTAN pour la KFOR au Kosovo."}) + "\n",
        encoding="utf-8")
    report = evaluate.evaluate_extraction(tmp_path / "gold.jsonl", tmp_path / "corpus.jsonl")
    assert report.scores["persons"].correct == 1
    assert report.date_accuracy == 1.0
    assert report.scores["countries"].found == 2 and report.scores["countries"].precision == 0.5
    assert ("a", "countries", [], ["XK"]) in report.errors


def test_command_prints_figures_and_errors(report, capsys):
    assert evaluate.main(["extraction", str(GOLD), "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    for label in ("persons", "countries", "regions_named", "topics", "date accuracy",
                  "announcements/s", "Errors (missing / spurious):"):
        assert label in out
