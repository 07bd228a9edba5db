"""The topical evaluation: graded needs scored for searchsvc and plain FTS5 in one run."""
import json

from searchsvc import evaluate
from searchsvc.topical import Fts5Baseline, ndcg, precision


def test_ndcg_uses_exponential_gain_and_the_reachable_ideal():
    grades = {"a": 2, "b": 1, "c": 0}
    assert ndcg(["a", "b", "c"], grades) == 1.0
    swapped = ndcg(["b", "a"], grades)
    assert 0.7 < swapped < 0.8  # (1 + 3/log2 3) / (3 + 1/log2 3)
    assert ndcg(["x", "y"], grades) == 0.0
    assert precision(["a", "c", "b", "x", "y"], grades) == 0.4


def test_fts5_baseline_folds_accents_and_ors_the_words():
    engine = Fts5Baseline([{"id": "1", "text": "La Türkiye et l'OTAN"}, {"id": "2", "text": "Sécurité"},
                           {"id": "3", "text": "rien"}])
    assert engine.search("turkiye") == ["1"]
    assert set(engine.search('securite "otan"')) == {"1", "2"}
    assert engine.search("  ") == []


def test_command_prints_both_engines_and_drops_unknown_ids(tmp_path, capsys):
    corpus = tmp_path / "nato-fr-dev.jsonl"
    texts = {"a": "Sommet de Madrid\nLe sommet de Madrid a réuni les Alliés.",
             "b": "Réunion à Bruxelles\nLes ministres se sont réunis.",
             "c": "Exercice en Pologne\nDes troupes à Madrid, puis ailleurs au sommet."}
    corpus.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    needs = tmp_path / "topical.jsonl"
    needs.write_text(json.dumps({"qid": "q1", "query": "sommet de Madrid",
                                 "qrels": {"a": 2, "c": 1, "elsewhere": 2}}) + "\n"
                     + json.dumps({"qid": "q2", "query": "Chine", "qrels": {"b": 0}}) + "\n", encoding="utf-8")
    assert evaluate.main(["topical", str(needs), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "searchsvc: nDCG@10 1.000" in out and "FTS5: nDCG@10" in out
    assert "not scored" in out and "Worst needs" in out
