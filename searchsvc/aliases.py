"""The alias table of the domain (searchsvc/data/aliases.tsv): the names people type for countries,
groups of countries, NATO bodies and terms, and the names the texts use.

Shared by the read side (query expansion, the country filter) and the write side (extractors):
it belongs to neither. A name is compared by its key: folded (case and accents), elided articles
dropped, hyphens and punctuation read as spaces, plurals as singulars (`l'ex-Républiques` ~
`ex Republique`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from searchsvc.analysis import STOP_WORDS, WORD, forms

TABLE = Path(__file__).with_name("data") / "aliases.tsv"
KINDS = ("country", "group", "acronym", "term")
EXACT_CASE = "="  # a name so marked matches only when typed in capitals
PLURAL_FROM = 3  # a word longer than this ending in s or x is read as its singular
MAX_NAME_WORDS = 12  # the longest name a query phrase is compared with (in words)


def name_key(text: str) -> str:
    """The comparison form of a name or of typed words: folded, plurals made singular (`Etats
    unis` = `États-Unis`, `forces de réaction rapide` = `Force de réaction rapide`). Not stems:
    `grenade` would meet `Grenada`."""
    words = (forms(raw)[1] for raw in WORD.findall(text))
    return " ".join(w[:-1] if len(w) > PLURAL_FROM and w[-1] in "sx" else w for w in words if w)


@dataclass(frozen=True)
class Alias:
    kind: str  # country, group, acronym, term
    key: str  # country: ISO code; group: member codes; acronym: the acronym; term: the French wording
    names: tuple[str, ...]  # as written in the table, marks removed
    exact_case: frozenset[str] = frozenset()  # keys of the names matched only when typed in capitals

    @property
    def codes(self) -> tuple[str, ...]:
        """The countries a country or group line stands for."""
        return tuple(self.key.split()) if self.kind in ("country", "group") else ()

    def expansions(self, typed: str) -> tuple[str, ...]:
        """What a query that typed one of this line's names searches for: every name of the line,
        except for a term, whose typed names expand to the French wording only."""
        if self.kind == "term":
            return (self.key,) if name_key(typed) != name_key(self.key) else ()
        return self.names


def _exact_only(name: str, key: str) -> bool:
    return name.startswith(EXACT_CASE) or (name.isupper() and key in STOP_WORDS)


class AliasTable:
    def __init__(self, lines: list[str]):
        self.entries: list[Alias] = []
        self.by_key: dict[str, list[Alias]] = {}
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 3 or cells[0] not in KINDS:
                raise ValueError(f"{TABLE.name}:{number}: expected kind<TAB>key<TAB>names, kind in {KINDS}")
            kind, key, cell = cells
            written = [n.strip() for n in cell.split("|") if n.strip()]
            names = tuple(dict.fromkeys(n.lstrip(EXACT_CASE) for n in written))
            exact = frozenset(name_key(n) for n in written if _exact_only(n, name_key(n)))
            alias = Alias(kind, key.strip(), names, exact)
            self.entries.append(alias)
            for name in names:
                found = self.by_key.setdefault(name_key(name), [])
                if alias not in found:
                    found.append(alias)
        self.country_names = {a.key: a.names[0] for a in self.entries if a.kind == "country"}  # code → first name
        self.country_codes_known = set(self.country_names)

    def lookup(self, typed: str, key: str | None = None) -> list[Alias]:
        """The lines naming `typed` (a word or phrase as typed; `key`: its name_key if known)."""
        key = name_key(typed) if key is None else key
        return [a for a in self.by_key.get(key, ()) if key not in a.exact_case or typed.isupper()]

    def country_codes(self, written: str) -> tuple[str, ...]:
        """The ISO codes `written` stands for: a code, any name of a country, or a group's name."""
        code = written.strip().upper()
        if code in self.country_codes_known:
            return (code,)
        found = [c for a in self.lookup(written) if a.kind in ("country", "group") for c in a.codes]
        return tuple(dict.fromkeys(found))

    def expansions(self, typed: str, key: str | None = None) -> tuple[str, ...]:
        """The names a query word or phrase expands to (itself included), or () when no line names it."""
        found = [n for a in self.lookup(typed, key) for n in a.expansions(typed)]
        return tuple(dict.fromkeys([typed, *found])) if found else ()

    def members(self, typed: str) -> tuple[str, ...]:
        """The first name of each member country of the groups `typed` names (pays baltes →
        Estonie, Lettonie, Lituanie): a text naming them all speaks of the group."""
        first = self.country_names
        return tuple(first[c] for a in self.lookup(typed) if a.kind == "group" for c in a.codes if c in first)

    def spans(self, words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, expansions) of the longest runs of `words` (as typed) that an alias names,
        left to right, not overlapping."""
        found, start = [], 0
        keys = [name_key(w) for w in words]  # a run's key is its words' keys joined
        while start < len(words):
            for end in range(min(len(words), start + MAX_NAME_WORDS), start, -1):
                key = " ".join(k for k in keys[start:end] if k)
                names = self.expansions(" ".join(words[start:end]), key) if key in self.by_key else ()
                if names:
                    found.append((start, end, names))
                    start = end
                    break
            else:
                start += 1
        return found


@lru_cache(maxsize=1)
def aliases() -> AliasTable:
    """The table, read once."""
    return AliasTable(TABLE.read_text(encoding="utf-8").splitlines())
