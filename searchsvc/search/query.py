"""The query language: user text → a small syntax tree (search.compile turns it into queries).

    sécurité énergétique          all the words (stemmed, folded)
    "sommet de Vilnius"           an exact phrase (folded, not stemmed)
    -russie                       exclusion
    ukraine OR moldavie           either (also OU); AND/ET between words are implied
    ukraine NOT russie            exclusion (also SAUF); operators count in capitals only
    cyber-attaques                the words in a row, or joined (« cyberattaques »)
    2 %                           one term (« 2 % », « 2% », « 2 pour cent »), not « le 2 novembre »
    cyber*                        words starting with (at least MIN_PREFIX letters)
    personne:stoltenberg          field prefixes, French or English: personne/person, pays/country,
    pays:"Macédoine du Nord"      region/région, theme/thème/topic, titre/title
    titre:sommet

The API parses strictly and reports a real syntax error; the web box parses leniently and reads a
faulty query as plain words, so a journalist never meets an error page. Either way, words or runs of
words that the alias table names (`Turquie`, `pays baltes`, `summit`) become alternatives of all
their equivalents, and words that are only stop words are dropped: they are not words to find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from searchsvc.aliases import aliases, name_key
from searchsvc.analysis import PERCENT, analyze_terms, exact_terms, fold
from searchsvc.facet_registry import BY_NAME, FACETS
from searchsvc.search.request import RequestError

MIN_PREFIX = 3
MAX_CLAUSES = 32
TEXT_FIELDS = ("title", "body")
SPELLING_FIELD = "body"  # its lexicon: the words of the texts as written, folded
FIELD_NAMES = {name: kind.name for kind in FACETS for name in kind.names} | {"titre": "title", "title": "title"}
QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
OR_WORDS, AND_WORDS, NOT_WORDS = ("OR", "OU"), ("AND", "ET"), ("NOT", "SAUF")
PERCENT_TYPED = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|pour\s*cent\b)")  # "2 %" is one word: "2%"
HYPHEN = re.compile(r"(?<=[^\W\d_])[-‑](?=[^\W\d_])")  # between letters: cyber-attaques
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
    every: bool = False  # all of the options (the words of an alias as typed), not any


@dataclass(frozen=True)
class Alternatives:
    """Ways of writing the same thing (`cyber-attaques`/`cyberattaques`, `Turquie`/`Türkiye`):
    a document matches with any, scored by the best one."""
    text: str  # as typed
    options: tuple
    alias: bool = True  # options after the first are other names (weighed), not other spellings


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
    q = PERCENT_TYPED.sub(r"\1%", q)
    try:
        return parse_strict(q)
    except RequestError:
        if strict:
            raise
        words = [w for w in PLAIN_WORD.findall(q) if w not in OR_WORDS + AND_WORDS + NOT_WORDS]
        return ParsedQuery(required=content([[c] for c in with_aliases([Words(w) for w in words])])[:MAX_CLAUSES])


PLAIN_WORD = re.compile(PERCENT.pattern + r"|[^\W_]+(?:['’][^\W_]+)*")
OR = object()


def parse_strict(q: str) -> ParsedQuery:
    parsed = ParsedQuery()
    sequence: list = []  # positive clauses and OR markers, in order
    negate_next = False
    for match in TOKEN.finditer(q.translate(QUOTES)):
        if match.group("stray"):
            raise RequestError("q", "a quotation mark is not closed")
        negative, field_name, word = bool(match.group("neg")), match.group("field"), match.group("word")
        if word in OR_WORDS + AND_WORDS + NOT_WORDS and not negative and not field_name:
            if word in OR_WORDS:
                sequence.append(OR)
            negate_next = word in NOT_WORDS
            continue
        negative, negate_next = negative or negate_next, False
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
    for item in with_aliases(sequence):
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
    if negate_next:
        raise RequestError("q", "NOT needs a word after it")
    parsed.required = content(groups)
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


def with_aliases(sequence: list) -> list:
    """Runs of plain words the alias table names → Alternatives of their equivalents."""
    out, run = [], []
    for item in [*sequence, None]:
        if isinstance(item, Words) and item.field is None:
            run.append(item)
            continue
        spans = aliases().spans([w.text for w in run]) if run else []
        position = 0
        for start, end, names in spans:
            out += run[position:start]
            typed = " ".join(w.text for w in run[start:end])
            # the first spelling of each name, but no name holding a shorter one or the typed words
            # (République de Türkiye holds Türkiye): whatever it matches, the shorter one matches too
            distinct = {name_key(name): name for name in reversed(names)}
            kept = [name_key(typed)]
            for key in sorted(distinct, key=len):
                if not any(f" {k} " in f" {key} " for k in kept):
                    kept.append(key)
            options = [Words(distinct[k]) for k in kept[1:]]
            # the typed words themselves, anywhere in the text, stay one way to match
            options.insert(0, run[start] if end - start == 1 else Either(tuple(run[start:end]), every=True))
            members = aliases().members(typed)
            if members:  # a group: any of its members, each a fraction of it
                options.append(Either(tuple(Words(name) for name in members), every=False))
            # announcements tagged with the country (« polonais », Varsovie): matches, scored by ranking
            options += [FacetValue("country", code) for code in aliases().country_codes(typed)]
            out.append(Alternatives(typed, tuple(options)))
            position = end
        out += run[position:]
        run = []
        if item is not None:
            out.append(item)
    return out


def joined_too(clause):
    """A hyphenated word (cyber-attaques) → its words in a row, or joined (cyberattaques)."""
    if isinstance(clause, Words) and HYPHEN.search(clause.text):
        joined = Words(HYPHEN.sub("", clause.text), clause.field)
        return Alternatives(clause.text, (clause, joined), alias=False)
    return clause


def content(groups: list[list]) -> list:
    """The required clauses of OR-groups, without words that are only stop words ("de", "la"):
    they would match every announcement and count as words held."""
    kept = [[joined_too(c) for c in group if not (isinstance(c, Words) and not analyze_terms(c.text))]
            for group in groups]
    return [group[0] if len(group) == 1 else Either(tuple(group)) for group in kept if group]
