"""The build pipeline: parallel extraction gives what one process gives, stages are timed, the stem
tables and facet pairs written at build time are the ones the index gives, after a build and after
an update."""

import json
import shutil
import subprocess
import sys

import numpy as np

from conftest import DEV_CORPUS, ROOT, SEEDS_CORPUS, need_shared, write_jsonl
from searchsvc.indexer import build, update
from searchsvc.ingest import CorpusReport, read_corpus
from searchsvc.ingest.parallel import ParallelExtraction
from searchsvc.store import Generation, current_generation
from searchsvc.facet_registry import NAMES
from searchsvc.store.facet_pairs import pairs_of, read_facet_pairs
from searchsvc.store.stems import STEM_FIELDS, read_stem_tables, stem_table
from searchsvc.store.writing import SEGMENT_MAX, SEGMENT_MIN, segment_size


def test_parallel_extraction_gives_the_announcements_and_problems_of_one_process(tmp_path):
    need_shared(DEV_CORPUS)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DEV_CORPUS, corpus)
    (corpus / "bad.jsonl").write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    alone, parallel = CorpusReport(), CorpusReport()
    expected = list(read_corpus(corpus, alone))
    extraction = ParallelExtraction(2)
    assert list(read_corpus(corpus, parallel, extraction)) == expected
    assert parallel.problems == alone.problems and parallel.documents == alone.documents == len(expected)
    assert extraction.seconds["metadata"] > 0 and extraction.seconds["chrome"] > 0


def test_a_build_reports_the_time_of_each_stage(tmp_path):
    result = subprocess.run([sys.executable, "-m", "searchsvc", "index", "--corpus", str(SEEDS_CORPUS), "--index",
                             str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    stages = json.loads((current_generation(tmp_path) / "BUILD.json").read_text())["stages"]
    assert {"extraction", "across corpus", "writing", "tables"} <= set(stages)
    assert "stages: extraction" in result.stdout


def assert_tables_are_the_lexicons(root):
    generation = Generation(current_generation(root))
    written = read_stem_tables(generation.path, generation.commit)
    assert written is not None, "no table written for the live commit"
    for field in STEM_FIELDS:
        assert written[field] == stem_table(generation.lexicon(field)) and written[field]
        assert generation.stems(field) == written[field]
    pairs = read_facet_pairs(generation.path, generation.commit)
    assert pairs is not None, "no facet pairs written for the live commit"
    for field in NAMES:
        values, docs, numbers = pairs_of(generation, field)
        assert pairs[field][0] == values and np.array_equal(pairs[field][1], docs)
        assert np.array_equal(pairs[field][2], numbers)
    assert pairs["country"][0], "the corpus names countries"
    return generation


def test_stem_tables_written_at_build_time_follow_the_lexicon_through_updates(tmp_path):
    corpus, root = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", [{"id": "one", "text": "Réunion à Oslo sur la sécurité maritime."}])
    build(corpus, root)
    before = assert_tables_are_the_lexicons(root)
    assert "sous-marin" not in str(before.stems("body"))
    write_jsonl(corpus / "b.jsonl", [{"id": "two", "text": "Les sous-marins patrouillent en mer Baltique."}])
    update(corpus, root)
    after = assert_tables_are_the_lexicons(root)
    assert after.commit > before.commit
    assert any("baltiqu" in stem for stem in after.stems("body"))


def test_a_commit_without_its_table_builds_it_from_the_lexicon(tmp_path):
    build(SEEDS_CORPUS, tmp_path)
    live = current_generation(tmp_path)
    for table in live.glob("STEMS-*.json"):
        table.unlink()
    generation = Generation(live)
    assert read_stem_tables(live, generation.commit) is None
    assert generation.stems("body") == stem_table(generation.lexicon("body")) and generation.stems("body")


def test_segments_follow_the_machines_memory_within_bounds():
    for processes in (1, 2, 64):
        assert SEGMENT_MIN <= segment_size(processes) <= SEGMENT_MAX
    assert segment_size(64) <= segment_size(2) <= segment_size(1)
