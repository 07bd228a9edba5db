"""Filters and facet counts over all matches, exact and disjunctive.

Per index generation, each facet is held as arrays (built once from the postings, then reused by
every search): which values each document has, and which documents each value has. A search turns
its matches into a boolean mask over documents; a facet's counts are then one vectorised pass over
the (document, value) pairs of the documents left once every *other* facet's selection is applied,
so a journalist sees the values they could add (disjunctive faceting).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from searchsvc.analysis import fold
from searchsvc.facet_registry import BY_NAME, label
from searchsvc.search.request import SearchRequest
from searchsvc.search.selection import Selection
from searchsvc.store import Generation

SPARSE_MATCHES = 8  # fewer matches than 1/8 of the documents: count from the matches' own values
FACET_LIMIT = 20  # values listed per facet in a search answer; `more` says when others exist


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    values: list[FacetValue]
    more: bool  # values beyond FACET_LIMIT exist


# Words that say who a person is, not which one: `Monsieur Stoltenberg`, `Lord Robertson`, `général Clark`.
HONORIFICS = frozenset("""m mr mme mrs ms mlle mm monsieur madame mademoiselle lord sir dame lady dr
general amiral colonel president presidente ministre ambassadeur ambassadrice""".split())


def name_words(name: str) -> list[str]:
    """A person's name as folded words, hyphenated parts apart, initials' dots gone."""
    return fold(name).replace("-", " ").replace(".", " ").split()


class PersonNames:
    """Each person value with every name the corpus gives it (the indexer's `person_variants` in
    BUILD.json: `Hamid Karzai`, `Karzaï` for `Hamid Karzaï`), matched by any word of any of them."""

    def __init__(self, values: list[str], variants: dict[str, list[str]]):
        self.words = [set().union(*(name_words(n) for n in [v, *variants.get(v, ())])) for v in values]

    def resolve(self, written: str) -> list[int]:
        """Positions of the values having every word of `written` (honorifics aside)."""
        wanted = set(name_words(written)) - HONORIFICS or set(name_words(written))
        return [i for i, words in enumerate(self.words) if wanted and wanted <= words]

    def matching(self, prefix: str) -> list[int]:
        """Positions of the values with a word starting with the prefix's last word and having its
        other words (`fogh rasm` → Anders Fogh Rasmussen)."""
        *whole, last = [w for w in name_words(prefix) if w not in HONORIFICS] or name_words(prefix) or [""]
        return [i for i, words in enumerate(self.words)
                if set(whole) <= words and any(w.startswith(last) for w in words)]


class FacetField:
    """One multi-valued facet of one index generation, as arrays."""

    def __init__(self, name: str, store: Generation, live: np.ndarray, variants: dict[str, list[str]] | None = None):
        self.name = name
        self.kind = BY_NAME[name]
        values, pair_doc, pair_value = store.facet_pairs(name)  # written at build time
        kept = live[pair_doc]
        self.values = values
        self.position = {v: i for i, v in enumerate(values)}
        self.pair_doc, self.pair_value = pair_doc[kept], pair_value[kept]
        self.doc_count = len(live)
        # the same pairs by document (CSR): a document's values are doc_values[starts[d]:starts[d + 1]]
        by_doc = np.argsort(self.pair_doc, kind="stable")
        self.doc_values = self.pair_value[by_doc]
        self.starts = np.concatenate(([0], np.cumsum(np.bincount(self.pair_doc, minlength=self.doc_count))))
        self._by_folded: dict[str, list[str]] | None = None
        # a person by any word of any of their names (values made canonical by metadata.canonical)
        self.persons = PersonNames(values, variants or {}) if name == "person" else None

    def docs_with(self, values: tuple[str, ...]) -> np.ndarray:
        """Mask of the documents having any of `values` (unknown values match nothing)."""
        mask = np.zeros(self.doc_count, dtype=bool)
        wanted = [self.position[v] for v in values if v in self.position]
        if wanted:
            mask[self.pair_doc[np.isin(self.pair_value, wanted)]] = True
        return mask

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """How many documents of `mask` have each value."""
        docs = np.flatnonzero(mask)
        if len(docs) * SPARSE_MATCHES > self.doc_count:  # many matches: one pass over every pair
            return np.bincount(self.pair_value[mask[self.pair_doc]], minlength=len(self.values))
        starts, ends = self.starts[docs], self.starts[docs + 1]  # few: only the matches' values
        lengths = ends - starts
        positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        return np.bincount(self.doc_values[positions], minlength=len(self.values))

    def resolve(self, written: str) -> list[str]:
        """The values a person's spelling stands for, as the facet's kind resolves it
        (facet_registry: "neron" → "Néron", "France" → FR); a person: an exact value, else every
        one whose names hold the words ("stoltenberg" → "Jens Stoltenberg", "Ivanov" → "Ivanov" and
        "Igor Ivanov", "Lord Robertson" → "George Robertson")."""
        if self.persons is not None:
            if written in self.position and len(written.split()) > 1:
                return [written]
            return [self.values[i] for i in self.persons.resolve(written)]
        if self._by_folded is None and written not in self.position:
            self._by_folded = {}
            for value in self.values:
                for key in {fold(value), fold(self.kind.label(value))}:
                    self._by_folded.setdefault(key, []).append(value)
        return self.kind.resolve(written, self.position, self._by_folded or {})

    def matching(self, prefix: str) -> list[str]:
        """Values whose label or any word of it starts with `prefix`, accent-insensitive."""
        if self.persons is not None:
            return [self.values[i] for i in self.persons.matching(prefix)]
        prefix = fold(prefix).strip()
        found = []
        for value in self.values:
            folded = fold(self.kind.label(value))
            if folded.startswith(prefix) or any(w.startswith(prefix) for w in folded.split()):
                found.append(value)
        return found


class DateColumn:
    """Each document's date as yyyymmdd (0: unknown), for ranges, histograms and sorting."""

    def __init__(self, store: Generation):
        self.dates = store.column("date")  # unsigned: Whoosh's sortable form is the number itself
        self.years = self.dates // 10000
        self.months = self.dates // 100

    def within(self, start: datetime.date | None, end: datetime.date | None) -> np.ndarray | None:
        if start is None and end is None:
            return None
        low = int(start.strftime("%Y%m%d")) if start else 1
        high = int(end.strftime("%Y%m%d")) if end else 99999999
        return (self.dates >= low) & (self.dates <= high)

    def histogram(self, mask: np.ndarray, by_month: bool) -> list[tuple[str, int]]:
        keys = (self.months if by_month else self.years)[mask & (self.dates > 0)]
        if not len(keys):
            return []
        low = int(keys.min())
        counts = np.bincount(keys - low)  # keys span a few thousand values at most: faster than a sort
        found = np.flatnonzero(counts) + low
        counts = counts[found - low]
        if by_month:
            return [(f"{k // 100:04d}-{k % 100:02d}", int(c)) for k, c in zip(found, counts)]
        return [(f"{k:04d}", int(c)) for k, c in zip(found, counts)]


def facet_list(field: FacetField, counts: np.ndarray, selected: tuple[str, ...], unknown: tuple[str, ...] = ()) -> Facet:
    """Values by count (then label), the selected ones always included; `unknown` selections, which
    match nothing, are listed with a count of 0 so the page can offer to remove them."""
    order = np.lexsort((np.arange(len(counts)), -counts))
    chosen = [i for i in order[:FACET_LIMIT] if counts[i] > 0]
    listed = {field.values[i] for i in chosen}
    extra = [field.position[v] for v in selected if v in field.position and field.values[field.position[v]] not in listed]
    values = [FacetValue(field.values[i], label(field.name, field.values[i]), int(counts[i]),
                         field.values[i] in selected) for i in chosen + extra]
    values += [FacetValue(v, label(field.name, v), 0, True) for v in unknown]
    return Facet(field.name, values, more=int(np.count_nonzero(counts)) > len(chosen))



def count_all(fields: dict[str, FacetField], dates: DateColumn, matches: np.ndarray, selection: Selection,
              request: SearchRequest) -> dict[str, Facet]:
    """Every facet's counts over `matches`, each as if its own selection were removed (disjunctive),
    within the request's dates; then the date facet, over the other selections only."""
    dated = matches & selection.in_dates if selection.in_dates is not None else matches
    facets = {}
    for name, field_ in fields.items():
        mask = dated
        for other, other_mask in selection.masks.items():
            if other != name:
                mask = mask & other_mask
        unknown = tuple(w for w, found in selection.resolved[name].items() if not found)
        facets[name] = facet_list(field_, field_.counts(mask), selection.chosen[name], unknown)
    without_dates = matches
    for mask in selection.masks.values():
        without_dates = without_dates & mask
    facets["year"] = date_facet(dates, without_dates, request)
    return facets


def date_facet(dates: DateColumn, selected: np.ndarray, request: SearchRequest) -> Facet:
    """Years, or the months of the year when `from`/`to` select exactly one calendar year."""
    start, end = request.date_from, request.date_to
    one_year = bool(start and end and start.year == end.year and (start.month, start.day) == (1, 1)
                    and (end.month, end.day) == (12, 31))
    mask = selected & dates.within(start, end) if one_year else selected
    buckets = dates.histogram(mask, by_month=one_year)
    chosen = f"{start.year:04d}" if one_year else None
    name = "month" if one_year else "year"
    values = [FacetValue(key, label(name, key), count, key == chosen) for key, count in buckets]
    return Facet("year", values, more=False)
