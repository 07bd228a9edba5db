"""The query language: user text → a small syntax tree (search.compile turns it into queries).

    sécurité énergétique          all the words (stemmed, folded)
    "sommet de Vilnius"           an exact phrase (folded, not stemmed)
    -russie                       exclusion
    ukraine OR moldavie           either
    cyber*                        words starting with (at least MIN_PREFIX letters)
    personne:stoltenberg          field prefixes, French or English: personne/person, pays/country,
    pays:"Macédoine du Nord"      region/région, theme/thème/topic, titre/title
    titre:sommet

The API parses strictly and reports a real syntax error; the web box parses leniently and reads a
faulty query as plain words, so a journalist never meets an error page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from searchsvc.analysis import exact_terms, fold
from searchsvc.facet_registry import BY_NAME, FACETS
from searchsvc.search.request import RequestError

MIN_PREFIX = 3
MAX_CLAUSES = 32
TEXT_FIELDS = ("title", "body")
SPELLING_FIELD = "body"  # its lexicon: the words of the texts as written, folded
FIELD_NAMES = {name: kind.name for kind in FACETS for name in kind.names} | {"titre": "title", "title": "title"}
QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
TOKEN = re.compile(r'(?P<neg>-?)(?:(?P<field>[^\W\d_]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))|(?P<stray>")')


@dataclass(frozen=True)
class Words:
    """Words to find anywhere (field None) or in the title ("title"); several words are a phrase."""
    text: str
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class FacetValue:
    facet: str  # person, country, region, topic
    value: str


@dataclass(frozen=True)
class Either:
    options: tuple


@dataclass
class ParsedQuery:
    required: list = field(default_factory=list)  # all must match (facet values and text)
    excluded: list = field(default_factory=list)

    @property
    def text_clauses(self) -> list:
        return [c for c in self.required if not isinstance(c, FacetValue)]

    def __bool__(self) -> bool:
        return bool(self.required or self.excluded)


def parse(q: str, strict: bool = True) -> ParsedQuery:
    """Parses `q`; a syntax error raises RequestError when strict, else the text is read as words."""
    try:
        return parse_strict(q)
    except RequestError:
        if strict:
            raise
        return ParsedQuery(required=[Words(w) for w in PLAIN_WORD.findall(q)][:MAX_CLAUSES])


PLAIN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
OR = object()


def parse_strict(q: str) -> ParsedQuery:
    parsed = ParsedQuery()
    sequence = []  # positive clauses and OR markers, in order
    for match in TOKEN.finditer(q.translate(QUOTES)):
        if match.group("stray"):
            raise RequestError("q", "a quotation mark is not closed")
        negative, field_name, word = bool(match.group("neg")), match.group("field"), match.group("word")
        if word == "OR" and not negative and not field_name:
            sequence.append(OR)
            continue
        target = FIELD_NAMES.get(fold(field_name)) if field_name else None
        if field_name and target is None:  # "Objet:réunion": not a field, so a word of the text
            sequence.append(Words(field_name))
        clause = make_clause(target, match.group("phrase"), word)
        if clause is None:
            continue
        if negative:
            if sequence and sequence[-1] is OR:
                raise RequestError("q", "OR cannot join an exclusion")
            parsed.excluded.append(clause)
        else:
            sequence.append(clause)
    groups: list[list] = []
    joining = False
    for item in sequence:
        if item is OR:
            if not groups or joining:
                raise RequestError("q", "OR needs a word on each side")
            joining = True
        elif joining:
            groups[-1].append(item)
            joining = False
        else:
            groups.append([item])
    if joining:
        raise RequestError("q", "OR needs a word on each side")
    parsed.required = [group[0] if len(group) == 1 else Either(tuple(group)) for group in groups]
    if sum(len(g) for g in groups) + len(parsed.excluded) > MAX_CLAUSES:
        raise RequestError("q", f"the query has more than {MAX_CLAUSES} parts")
    return parsed


def make_clause(target: str | None, phrase: str | None, word: str | None):
    """One clause of the query; `target` is the field a prefix named (person, title…) or None."""
    value = (phrase if phrase is not None else word).strip()
    if not value:
        if target:
            raise RequestError("q", "a field prefix needs a value (personne:stoltenberg)")
        return None
    if target in BY_NAME:
        return FacetValue(target, value)
    in_title = "title" if target == "title" else None
    if phrase is not None:
        return Phrase(value, in_title)
    if "*" in value:
        stem = value[:-1]
        if "*" in stem:
            raise RequestError("q", "* is allowed once, at the end of a word (cyber*)")
        folded = "".join(exact_terms(stem))
        if len(folded) < MIN_PREFIX:
            raise RequestError("q", f"a prefix needs at least {MIN_PREFIX} letters before *")
        return Prefix(folded)
    if not any(ch.isalnum() for ch in value):
        return None
    return Words(value, in_title)
