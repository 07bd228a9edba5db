"""One name per person across the corpus: the pass the indexer runs over every announcement's persons.

Each text names people its own way (`Lord Robertson`, `M. Geoana`, `Vladimir V. Poutine`); the finder
(persons.py) already merges the names of one text. This pass merges them across texts:

- full names with the same core (names.core: accents, case, hyphens, particles and initials aside)
  are one person, and so are full names that differ only by middle names (`Klaus Werner Iohannis`,
  `Klaus Iohannis`) or by a letter or two in each word (`Sergueï Ivanov`, `Sergei Ivanov`);
- a partial name (`Robertson`, `W. Clark`, `Fogh Rasmussen`) is the person whose full name ends with
  it, chosen by the date: among the people of that name named in full within WINDOW_YEARS of the
  announcement, the one named DOMINANCE times more often than any other; else it stays as written
  (two people could bear it: the pass never guesses);
- a name the excerpt cut (`Edgars Ri…`, persons.CUT) becomes the one person whose name it begins, or
  is dropped.

The canonical name is the fullest form the corpus gives: the most words, then the most usual
initials, then the spelling with the most diacritics (and no stray capitals or typographic hyphens). It depends on the whole corpus, so an
incremental update recomputes the table over every announcement, exactly as a full build does.
"""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from searchsvc.metadata.names import core, diacritics, ends_with, initials, oddities
from searchsvc.metadata.persons import CUT
from searchsvc.metadata.places import fold

WINDOW_YEARS = 3  # a partial name is someone named in full within this many years of it (terms of office)
WINDOW_DAYS = int(WINDOW_YEARS * 365.25)
# ...or, when the corpus names only one person bearing it, within a career of them
CAREER_DAYS = int(10 * 365.25)
DOMINANCE = 3  # ...and named this many times more often than anyone else bearing it then
MIN_CUT_LETTERS = 2  # letters a cut word must keep to be completed (`Ri…` → `Rinkēvičs`)
SHORT_WORD = 6  # words up to this long may differ by one letter (`Sergei`/`Sergue`), longer ones by two


@dataclass
class _Person:
    """A cluster of full names: one person."""
    names: Counter = field(default_factory=Counter)   # spelling → announcements
    days: list[int] = field(default_factory=list)     # ordinal dates of the announcements naming them
    undated: int = 0
    canonical: str = ""

    def weight(self, day: int | None, window: int = WINDOW_DAYS) -> int:
        if day is None:
            return len(self.days) + self.undated
        return sum(1 for d in self.days if abs(d - day) <= window)


def similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same person's full name spelt two ways: same first and last word with middle names
    left out on one side, or the same words but for a letter or two (transliteration, typos)."""
    if a[0] == b[0] and a[-1] == b[-1]:
        shorter, longer = (a, b) if len(a) < len(b) else (b, a)
        words = iter(longer)
        return all(w in words for w in shorter)  # a subsequence
    if len(a) != len(b):
        return False
    return all(x[0] == y[0] and Levenshtein.distance(x, y, score_cutoff=2) <= (1 if min(len(x), len(y)) <= SHORT_WORD else 2)
               for x, y in zip(a, b))


class _Clusters:
    """Union-find over full-name cores."""

    def __init__(self):
        self.parent: dict[tuple, tuple] = {}

    def find(self, key: tuple) -> tuple:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: tuple, b: tuple) -> None:
        self.parent[self.find(a)] = self.find(b)


def _canonical(names: Counter) -> str:
    """The fullest spelling: most core words, then the usual initials, then most diacritics."""
    forms: dict[tuple, list[str]] = defaultdict(list)
    for name in names:
        forms[(core(name.split()), initials(name.split()))].append(name)
    count = {form: sum(names[n] for n in spellings) for form, spellings in forms.items()}
    most_words = max(len(c) for c, _ in forms)
    form = max((f for f in forms if len(f[0]) == most_words),
               key=lambda f: (count[f], -len(f[1]), max(map(diacritics, forms[f])), f))
    return max(forms[form], key=lambda n: (diacritics(n), -oddities(n), names[n], n))


class Canon:
    """The corpus's people, built from every announcement's (persons, date)."""

    def __init__(self, found: Iterable[tuple[Sequence[str], datetime.date | None]]):
        found = [(tuple(names), date.toordinal() if date else None) for names, date in found]
        spellings: dict[tuple, Counter] = defaultdict(Counter)
        days: dict[tuple, list] = defaultdict(list)
        for names, day in found:
            for name in names:
                words = name.split()
                if name.endswith(CUT) or len(core(words)) < 2:
                    continue
                key = core(words)
                spellings[key][name] += 1
                days[key].append(day)
        # a full name that ends a longer one (`Fogh Rasmussen`, `Ashraf Ghani`) is a partial name
        by_last: dict[str, list[tuple]] = defaultdict(list)
        for key in spellings:
            by_last[key[-1]].append(key)
        keys = [k for k in spellings if not any(ends_with(other, k) for other in by_last[k[-1]])]
        clusters = _Clusters()
        blocks: dict[tuple, list] = defaultdict(list)
        for key in keys:
            blocks[(key[0][0], key[-1][0])].append(key)
        for block in blocks.values():
            for i, a in enumerate(block):
                clusters.find(a)
                for b in block[i + 1:]:
                    if similar(a, b):
                        clusters.union(a, b)
        self.people: dict[tuple, _Person] = {}
        for key in keys:
            person = self.people.setdefault(clusters.find(key), _Person())
            person.names.update(spellings[key])
            person.days += [d for d in days[key] if d is not None]
            person.undated += sum(1 for d in days[key] if d is None)
        self.of_key = {key: self.people[clusters.find(key)] for key in keys}
        for person in self.people.values():
            person.canonical = _canonical(person.names)
        self._by_ending: dict[str, list[tuple]] = defaultdict(list)  # last core word → full keys
        for key in keys:
            self._by_ending[key[-1]].append(key)
        # partial names with no one to resolve to: one value per core, spelt with its diacritics
        self._alone: dict[tuple, Counter] = defaultdict(Counter)
        for names, _ in found:
            for name in names:
                if not name.endswith(CUT) and core(name.split()) not in self.of_key:
                    self._alone[core(name.split())][name] += 1
        self._memo: dict[tuple[str, int | None], str | None] = {}

    def persons(self, names: Sequence[str], date: datetime.date | None) -> tuple[str, ...]:
        """One announcement's persons as canonical names, in order, without repeats."""
        day = date.toordinal() if date else None
        out: list[str] = []
        for name in names:
            if (name, day) not in self._memo:
                self._memo[(name, day)] = self.resolve(name, day)
            canonical = self._memo[(name, day)]
            if canonical and canonical not in out:
                out.append(canonical)
        return tuple(out)

    def resolve(self, name: str, day: int | None) -> str | None:
        """The canonical name of one name seen on `day` (None: a cut fragment no one completes)."""
        words = name.removesuffix(CUT).split()
        key = core(words)
        if not key:
            return None
        if name.endswith(CUT):  # its spelling decides; the date only between several
            if len(key[-1]) < MIN_CUT_LETTERS:
                return None
            person = self._choose([p for _, p in self._full_keys(key[:-1], key[-1])], day, sure=True)
            return person.canonical if person else None
        if key in self.of_key:
            return self.of_key[key].canonical
        given = initials(words)
        candidates = {id(p): p for k, p in self._full_keys(key[:-1], None, key[-1])
                      if ends_with(k, key) and (not given or k[0][0] == given[0])}
        person = self._choose(list(candidates.values()), day, sure=bool(given))
        if person:
            return person.canonical
        alone = self._alone.get(key)
        return max(alone, key=lambda n: (diacritics(n), -len(initials(n.split())), alone[n], n)) if alone else name

    def _full_keys(self, head: tuple, prefix: str | None, last: str | None = None):
        """(key, person) of the full names ending with `head` + a word: `last`, or any word
        starting with `prefix`."""
        if last is not None:
            endings = [last]
        else:
            endings = [w for w in self._by_ending if w.startswith(prefix)]
        for ending in endings:
            for key in self._by_ending[ending]:
                if len(key) > len(head) and key[len(key) - 1 - len(head):-1] == head:
                    yield key, self.of_key[key]

    @staticmethod
    def _choose(candidates: list[_Person], day: int | None, sure: bool = False) -> _Person | None:
        """The one person named in full near `day` clearly more often than any other, or None.
        `sure`: the name's spelling already points at these people (initials, a cut word), so
        a single one is chosen whatever the date."""
        unique = list({id(p): p for p in candidates}.values())
        if len(unique) == 1 and (sure or unique[0].weight(day, CAREER_DAYS)):
            return unique[0]
        weights = sorted(((p.weight(day), i) for i, p in enumerate(unique)), reverse=True)
        if not weights or weights[0][0] == 0:
            return None
        if len(weights) > 1 and weights[0][0] < DOMINANCE * weights[1][0]:
            return None
        return unique[weights[0][1]]

    def variants(self) -> dict[str, list[str]]:
        """Canonical name → the other spellings the corpus gives it (for the read side's search by
        any name: `Hamid Karzai`, `Karzaï`, `Vladimir V. Poutine`)."""
        seen: dict[str, set[str]] = defaultdict(set)
        for (name, _), canonical in self._memo.items():
            if canonical and name != canonical and not name.endswith(CUT):
                seen[canonical].add(name)
        return {canonical: sorted(names) for canonical, names in sorted(seen.items())}


def canonicalise(found: Sequence[tuple[Sequence[str], datetime.date | None]]) -> list[tuple[str, ...]]:
    """Every announcement's persons as canonical names (`found`: each one's persons and date)."""
    canon = Canon(found)
    return [canon.persons(names, date) for names, date in found]
