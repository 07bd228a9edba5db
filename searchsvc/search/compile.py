"""A parsed query → our query types (search.queries), and what it marks (`highlight_of`).

Compiling needs the index only to expand a prefix to its words and to resolve a facet value written
by a person; highlighting needs nothing but the parsed query.
"""

from __future__ import annotations

from functools import singledispatch, singledispatchmethod
from typing import Callable

from searchsvc.analysis import analyze_terms, exact_terms
from searchsvc.search.queries import (BestOf, Nothing, Phrase as PhraseQuery, Stem, Term, Weighted, Without,
                                      all_of, any_of)
from searchsvc.search.query import TEXT_FIELDS, Alternatives, Either, FacetValue, ParsedQuery, Phrase, Prefix, Words
from searchsvc.search.ranking import ALIAS_WEIGHT
from searchsvc.search.request import RequestError
from searchsvc.search.snippets import Highlighter

MAX_PREFIX_TERMS = 200  # words one prefix may expand to


class Compiler:
    """Turns a ParsedQuery into a query against one opened generation (store.Generation).

    `facet_terms(facet, value)` resolves a facet value written by a person (a surname, a country's
    French name, a topic label) to the index terms it stands for.
    """

    def __init__(self, store, facet_terms: Callable[[str, str], list[str]], strict: bool = True):
        self.store = store
        self.facet_terms = facet_terms
        self.strict = strict

    def required(self, parsed: ParsedQuery, relaxed: bool = False):
        """All the required clauses (any of the text clauses when `relaxed`), none of the excluded."""
        text = [q for q in map(self.clause, parsed.text_clauses) if q is not None]
        facets = [self.clause(c) for c in parsed.required if isinstance(c, FacetValue)]
        if relaxed and len(text) > 1:
            text = [any_of(text)]
        query = all_of(text + facets)
        excluded = [q for q in map(self.clause, parsed.excluded) if q is not None]
        return Without(query, any_of(excluded)) if excluded else query

    @singledispatchmethod
    def clause(self, clause):
        raise TypeError(clause)

    @clause.register
    def _(self, clause: Words):
        return words_query(clause.text, fields_of(clause))

    @clause.register
    def _(self, clause: Phrase):
        return phrase_query(clause.text, fields_of(clause))

    @clause.register
    def _(self, clause: Prefix):
        return self.prefix(clause.text)

    @clause.register
    def _(self, clause: FacetValue):
        return any_of([Term(clause.facet, t) for t in self.facet_terms(clause.facet, clause.value)])

    @clause.register
    def _(self, clause: Either):
        options = [q for q in map(self.clause, clause.options) if q is not None]
        return (all_of if clause.every else any_of)(options) if options else None

    @clause.register
    def _(self, clause: Alternatives):
        """Matched by any option, scored by the best; another name than the one typed counts
        ALIAS_WEIGHT per word of it (a facet value scores nothing: search.ranking weighs it)."""
        options = []
        for number, option in enumerate(clause.options):
            query = self.clause(option)
            if query is not None and clause.alias and number and not isinstance(option, FacetValue):
                words = [o.text for o in option.options] if isinstance(option, Either) else [option.text]
                query = Weighted(query, ALIAS_WEIGHT / max(1, len(analyze_terms(" ".join(words)))))
            if query is not None:
                options.append(query)
        return BestOf(tuple(options)) if len(options) > 1 else options[0] if options else None

    def prefix(self, text: str):
        words = sorted({w for f in TEXT_FIELDS for w in self.store.expand_prefix(f, text, MAX_PREFIX_TERMS + 1)})
        if len(words) > MAX_PREFIX_TERMS:
            if self.strict:
                raise RequestError("q", f"more than {MAX_PREFIX_TERMS} words start with {text!r}: add letters before *")
            words = words[:MAX_PREFIX_TERMS]
        return any_of([Term(f, w) for f in TEXT_FIELDS for w in words]) if words else Nothing()


def fields_of(clause) -> tuple[str, ...]:
    return (clause.field,) if clause.field else TEXT_FIELDS


def words_query(text: str, fields: tuple[str, ...] = TEXT_FIELDS):
    terms = analyze_terms(text)
    if not terms:
        return None  # only stop words or punctuation
    if len(terms) > 1:  # a hyphenated compound ("porte-parole"): its words in order
        return phrase_query(text, fields)
    return any_of([Stem(f, terms[0]) for f in fields])


def phrase_query(text: str, fields: tuple[str, ...] = TEXT_FIELDS):
    words = exact_terms(text)
    if not words:
        return None
    if len(words) == 1:
        return any_of([Term(f, words[0]) for f in fields])
    return any_of([PhraseQuery(f, tuple(words)) for f in fields])


def highlight_of(parsed: ParsedQuery) -> Highlighter:
    """What the required clauses mark in a text: stems, words, phrases, prefixes (excluded never)."""
    highlighter = Highlighter()
    for clause in parsed.required:
        mark(clause, highlighter)
    return highlighter


@singledispatch
def mark(clause, highlighter: Highlighter) -> None:
    """A facet value marks nothing."""


@mark.register
def _(clause: Words, highlighter: Highlighter) -> None:
    terms = analyze_terms(clause.text)
    if len(terms) == 1:
        highlighter.terms.update(terms)
    elif terms:  # a compound, searched as a phrase
        mark_phrase(clause.text, highlighter)


@mark.register
def _(clause: Phrase, highlighter: Highlighter) -> None:
    mark_phrase(clause.text, highlighter)


@mark.register
def _(clause: Prefix, highlighter: Highlighter) -> None:
    highlighter.prefixes.add(clause.text)


@mark.register(Alternatives)
@mark.register(Either)
def _(clause, highlighter: Highlighter) -> None:
    for option in clause.options:
        mark(option, highlighter)


def mark_phrase(text: str, highlighter: Highlighter) -> None:
    words = exact_terms(text)
    if len(words) == 1:
        highlighter.words.add(words[0])
    elif words:
        highlighter.phrases.append(tuple(words))
