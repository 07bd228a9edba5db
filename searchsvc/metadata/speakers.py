"""Who a text can say is speaking: the referents of an announcement and what each stands for.

A referent is a stretch of the text that may be the subject of a speech verb:
- a person, as metadata/persons.py finds them (`M. Colomina`, `Jens Stoltenberg`);
- a role (`le secrétaire général`, `la porte-parole de l'OTAN`), resolved to the person the text sets
  beside it (`le secrétaire général de l'OTAN, Jens Stoltenberg`), else to the same role so resolved
  elsewhere in the text, else, for NATO's own offices, to the holder on the announcement's date
  (data/officeholders.tsv);
- a body as the text names it (`les ministres`, `les chefs d'État et de gouvernement des pays de
  l'Alliance`), whose speaker is those very words;
- a subject pronoun (`il a ajouté`, `a-t-elle dit`), resolved later by the quotation finder to the
  last speaker or subject before it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from searchsvc.metadata.places import fold

_OFFICES = Path(__file__).with_name("data") / "officeholders.tsv"

_HEAD = (r"secretaire generale? (?:deleguee?|adjointe?)|secretaire generale?|president(?:e)? du comite militaire"
         r"|commandant supreme des forces alliees en europe|porte-parole|vice-amirale?|contre-amirale?"
         r"|amirale?|generale?|colonel|commandante?|premiere? ministre|vice-premiere? ministre|ministre"
         r"|presidente?|ambassad(?:eur|rice)|representante?|haut representant|chef|direct(?:eur|rice)"
         r"|chanceli(?:er|ere)|roi|reine|prince|emir|coordonnat(?:eur|rice)|envoyee?|commissaire")
_ROLE = re.compile(r"\b(?:le|la|l'|l’|du|de la|au|a la|son|sa|notre|leur)\s*"
                   r"(?:(?:nouvel(?:le)?|nouveau|actuel(?:le)?|ancien(?:ne)?|futur(?:e)?)\s+)?"
                   r"(?P<head>" + _HEAD + r")\b")
# Roles of other organisations than NATO never resolve through the table of NATO's offices.
_OTHER_BODY = re.compile(r"^[^,.;:]{0,12}\b(?:de l'|de l’|des |du )(?:onu|nations unies|osce|ue\b|union"
                         r"|organisation des|commission|conseil de l'europe|ligue|cedeao|ua\b)")
_PRONOUN = re.compile(r"\b(?P<p>il|elle|ils|elles)\s+(?=(?:lui |leur |l'|l’|n'|n’|y |en |les |ne |s'|s’)?"
                      r"(?:a|ont|avait|avaient|aurait|est|etait|sont|se|s'|s’|va|vont|doit|declare|souligne"
                      r"|estime|ajoute|affirme|precise|indique|rappelle|conclut|explique)\b)"
                      r"|[-‑]t[-‑](?P<q>il|elle|ils|elles)\b")
# Groups that speak as one: a plural of people (`les ministres … ont`) or a named collective body.
_BODY = re.compile(r"\b(?P<body>(?:les|des) (?:ministres|chefs d['’]etat et de gouvernement|dirigeants|allies"
                   r"|pays membres|participants|delegues|representants|membres|chefs d['’]etat-major)"
                   r"(?: (?:de|des|du|d['’])[^,;:.«»()\"]{1,60}?)?"
                   r"|(?:le|la|l['’]) ?(?:conseil|comite|groupe|commission|declaration|communique)"
                   r"(?: [^,;:.«»()\"]{1,50}?)?)"
                   r"(?=,? (?:ont|a|avaient|avait|se sont|s['’]est|ont-ils|declarent|soulignent|affirment"
                   r"|estiment|indiquent|rappellent|reaffirment|saluent)\b)")


@dataclass(frozen=True)
class Referent:
    start: int
    end: int
    kind: str            # person, role, body, pronoun
    name: str | None     # whom it stands for (None: a pronoun, or a role nothing resolves)
    plural: bool = False


@lru_cache(maxsize=1)
def _offices() -> dict[str, list[tuple[datetime.date, datetime.date, str]]]:
    table: dict[str, list] = {}
    for line in _OFFICES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            role, first, last, name = line.split("\t")
            end = datetime.date.fromisoformat(last) if last else datetime.date.max
            table.setdefault(role, []).append((datetime.date.fromisoformat(first), end, name))
    return table


def office_holder(role: str, date: datetime.date | None) -> str | None:
    """The holder of a NATO office (sg, dsg, cmc, saceur, spokesperson) on `date`."""
    if date is None:
        return None
    return next((name for first, last, name in _offices().get(role, ()) if first <= date < last), None)


def _office(head: str, after: str) -> str:
    """The key of a role: a NATO office's short name, or the role's own words."""
    if _OTHER_BODY.match(after):
        return head + " (other)"
    if head.startswith("secretaire general"):
        return "dsg" if "delegue" in head else ("sg" if head.split()[-1].startswith("general") else head)
    if head.startswith("president") and "comite militaire" in head:
        return "cmc"
    if head.startswith("commandant supreme"):
        return "saceur"
    if head == "porte-parole" and re.match(r"^\s*(?:de l['’](?:otan|organisation|alliance))?\s*[,)]?", after):
        return "spokesperson"
    return head


def person_names(text: str, names: list[str], spans: list[tuple[int, int]]) -> list[Referent]:
    """The persons find_persons found, each span with the canonical name it stands for."""
    keyed = [(fold(n).split(), n) for n in names]
    found = []
    for start, end in spans:
        words = fold(text[start:end]).replace(".", " ").split()
        name = next((n for k, n in keyed if k == words), None) or next(
            (n for k, n in keyed if words and k[-len(words):] == words), text[start:end])
        found.append(Referent(start, end, "person", name))
    return found


def referents(text: str, names: list[str], spans: list[tuple[int, int]],
              date: datetime.date | None, folded: str | None = None) -> list[Referent]:
    """Every referent of `text` in text order, roles resolved (pronouns are left to the caller);
    folded: fold(text), when the caller has it."""
    folded = folded if folded is not None else fold(text)
    persons = person_names(text, names, spans)
    roles = []
    for m in _ROLE.finditer(folded):
        head = m.group("head")
        if any(p.start <= m.start("head") < p.end for p in persons):
            continue
        key = _office(head, folded[m.end():m.end() + 40])
        roles.append((m.start(), m.end(), key, _beside(folded, m.start(), m.end(), persons)))
    by_key: dict[str, set[str]] = {}
    for _, _, key, name in roles:
        if name:
            by_key.setdefault(key, set()).add(name)
    found = list(persons)
    for start, end, key, name in roles:
        if name is None and len(by_key.get(key, ())) == 1:
            name = next(iter(by_key[key]))
        if name is None:
            name = _known(office_holder(key, date), names, key)
        found.append(Referent(start, end, "role", name))
    for m in _BODY.finditer(folded):
        words = text[m.start("body"):m.end("body")]
        words = words[0].lower() + words[1:]  # `Les ministres` opening a sentence: the same body
        found.append(Referent(m.start(), m.end("body"), "body", words, plural=folded[m.start()] != "l"))
    for m in _PRONOUN.finditer(folded):
        which = m.group("p") or m.group("q")
        group = "p" if m.group("p") else "q"
        found.append(Referent(m.start(group), m.end(group), "pronoun", None, plural=which.endswith("s")))
    found.sort(key=lambda r: (r.start, -r.end))
    return _drop_nested(found)


def _drop_nested(found: list[Referent]) -> list[Referent]:
    """A body or role inside a longer referent is part of it (`les ministres des pays alliés`)."""
    kept: list[Referent] = []
    for r in found:
        if kept and r.start < kept[-1].end and r.kind != "person":
            continue
        kept.append(r)
    return kept


# Between a role and the name set beside it: the role's complement, a comma, a title.
_APPOSITION_GAP = re.compile(r"^[^.;:!?«»()\"]{0,80}$")
_VERB_IN_GAP = re.compile(r"\b(?:a|ont|est|sont|avait|etait|qui|que|et)\b")


def _beside(folded: str, start: int, end: int, persons: list[Referent]) -> str | None:
    """The person set beside a role: `le secrétaire général de l'OTAN, M. X` or `X, porte-parole`."""
    for p in persons:
        if p.start >= end and p.start - end <= 80:
            gap = folded[end:p.start]
            if _APPOSITION_GAP.match(gap) and not _VERB_IN_GAP.search(gap):
                return p.name
            break
    # `X, le ministre de la Défense, a dit`: only an apposition closed by a comma (`X, le secrétaire
    # général a dit` names two people)
    closed = re.match(r"^[^,.;:«»()]{0,60},", folded[end:end + 61])
    if closed and not _VERB_IN_GAP.search(closed.group()):
        for p in reversed(persons):
            if p.end <= start:
                if re.fullmatch(r"\s*,\s*", folded[p.end:start]):
                    return p.name
                break
    return None


@lru_cache(maxsize=None)
def _holder_surnames(key: str) -> frozenset[str]:
    """Folded surnames of everyone who ever held an office (the table is read once)."""
    return frozenset(fold(n).split()[-1] for *_, n in _offices().get(key, ()))


def _known(name: str | None, names: list[str], key: str) -> str | None:
    """The table's holder as the text spells them, when the text names them (same surname); with
    no date, the one person the text names who ever held the office."""
    if name is None:
        named = [n for n in names if fold(n).split()[-1] in _holder_surnames(key)]
        return named[0] if len(named) == 1 else None
    surname = fold(name).split()[-1]
    return next((n for n in names if fold(n).split()[-1] == surname), name)
