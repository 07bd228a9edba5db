"""Search's own query types run as Whoosh would run the same query; what a query marks comes from
the parsed query alone; every name the facet registry gives a facet works in the query language."""

import re

import numpy as np
import pytest
from whoosh import query as wq

from searchsvc.analysis import fold
from searchsvc.facet_registry import FACETS
from searchsvc.search.compile import highlight_of
from searchsvc.search.queries import AllOf, AnyOf, Nothing, Term, Without
from searchsvc.search.query import parse

WORDS = ("otan", "securite", "alliance", "ukraine", "defense", "absent")


def ours_and_theirs(a: str, b: str, c: str) -> list[tuple]:
    t = [Term("body", w) for w in (a, b, c)]
    w = [wq.Term("body", x) for x in (a, b, c)]
    return [(AllOf((t[0], t[1])), wq.And([w[0], w[1]])),
            (AnyOf((t[0], t[1], t[2])), wq.Or([w[0], w[1], w[2]])),
            (Without(AnyOf((t[0], t[1])), t[2]), wq.AndNot(wq.Or([w[0], w[1]]), w[2])),
            (AllOf((t[0], Without(t[1], t[2]))), wq.And([w[0], wq.AndNot(w[1], w[2])]))]


@pytest.mark.parametrize("words", [WORDS[i:i + 3] for i in range(len(WORDS) - 2)], ids=" ".join)
def test_our_query_types_match_what_whoosh_matches(seed_search, words):
    view = seed_search.service.view()
    for ours, theirs in ours_and_theirs(*words):
        mask, _ = view.evaluate(ours)
        assert set(np.flatnonzero(mask).tolist()) == set(view.store.searcher.docs_for_query(theirs)), ours
    assert not view.evaluate(Nothing())[0].any()


@pytest.mark.parametrize("q", ["sécur*", "alli* -ukraine", "otan OR défen*"])
def test_a_prefix_marks_the_words_starting_with_it_and_marks_come_from_the_parsed_query(seed_search, q):
    result = seed_search(q)
    marked = [fold(m) for hit in result.hits for s in hit.snippets for m in re.findall(r"<mark>(.*?)</mark>", s)]
    assert result.total and marked
    prefixes = [fold(p[:-1]) for p in q.split() if p.endswith("*")]
    others = [fold(p) for p in q.split() if not p.endswith("*") and not p.startswith("-") and p != "OR"]
    assert all(any(m.startswith(p) for p in prefixes) or m in others for m in marked), marked
    assert result.highlighter == highlight_of(parse(q))


@pytest.mark.parametrize("kind", FACETS, ids=lambda k: k.name)
def test_every_name_of_a_facet_works_as_a_query_prefix(seed_search, kind):
    value = seed_search("").facets[kind.name].values[0].value
    filtered = seed_search("", **{kind.name: (value,)}).total
    assert filtered > 0 and kind.names
    for name in kind.names:
        assert seed_search(f'{name}:"{value}"').total == filtered, name
