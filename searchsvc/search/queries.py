"""Our own query types: what search.compile builds from a parsed query and search.matching runs.

Plain frozen values over index fields and folded words; nothing here knows the index or Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One word (or facet value) of a field, exactly."""
    field: str
    word: str


@dataclass(frozen=True)
class Stem:
    """Every word of the field whose stem is `stem`, scored as one term."""
    field: str
    stem: str


@dataclass(frozen=True)
class Phrase:
    """The words at consecutive positions of the field, scored by its words."""
    field: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    """Every part matches; the scores add up."""
    parts: tuple


@dataclass(frozen=True)
class AnyOf:
    """At least one part matches; the scores of those that do add up."""
    parts: tuple


@dataclass(frozen=True)
class BestOf:
    """At least one part matches; the best part's score counts (ways of writing the same thing)."""
    parts: tuple


@dataclass(frozen=True)
class Weighted:
    """`query`'s matches, its scores times `weight` (search.ranking: a name the user did not type)."""
    query: object
    weight: float


@dataclass(frozen=True)
class Without:
    """`query`'s matches that `excluded` does not match, with `query`'s scores."""
    query: object
    excluded: object


@dataclass(frozen=True)
class Nothing:
    """Matches no document (an unknown facet value, a prefix no word has)."""


@dataclass(frozen=True)
class Everything:
    """Matches every document, score 0 (a query of filters only)."""


def all_of(parts: list):
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts)) if parts else Everything()


def any_of(parts: list):
    return parts[0] if len(parts) == 1 else AnyOf(tuple(parts)) if parts else Nothing()
