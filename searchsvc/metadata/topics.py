"""Main subjects of an announcement, as topic slugs of searchsvc/data/topics.tsv.

Explainable scoring: each topic has weighted French cue terms (data/topic_cues.tsv). A topic's score
is the sum of the weights of its cues found in the text, each cue counting at most `_REPEATS` times,
title occurrences counting `_TITLE_WEIGHT` times as much; a partner country named adds evidence for
`partenariats`. The best topic is always kept; others are kept when they score at least `_RELATIVE`
of the best (or `_ENOUGH` on their own) and `_MINIMUM` in absolute terms, and the title or the lead
names them (or the body gives strong evidence): a subject only mentioned in passing is not a main
one. Four at most. The best subject, not the summit reported, sets the share a secondary one needs.

`sommets` is an event, not a subject: it must be the meeting reported. A summit named as a moment
around the news (« en marge du sommet », « en vue du prochain sommet », « depuis le sommet ») counts
`_ASIDE` of its weight, and so does every summit cue of an announcement whose title reports a visit
or talks and names no meeting: a bilateral visit is not a summit, whatever meetings it prepares.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path

from searchsvc.metadata.places import fold
from searchsvc.wordtrie import trie_pattern

CUES_FILE = Path(__file__).with_name("data") / "topic_cues.tsv"

_TITLE_WEIGHT = 2.0   # the title names the subject
_REPEATS = 3          # a word said ten times is not ten times the subject
_RELATIVE = 0.4       # a secondary topic needs this share of the best topic's score
_MINIMUM = 4.0        # … and this much evidence of its own,
_ENOUGH = 12.0        # … unless its own evidence is strong anyway (deterrence beside air policing)
_MAX_TOPICS = 4
# The lead announces the main subjects: a secondary topic needs a cue in the title or the first
# _LEAD_CHARS of the text (the title and two or three sentences), or _LEADLESS of evidence (two
# strong cues) in the body; one the body only mentions in passing is not a main subject. Chosen on
# dev between 400–800 characters and 8–16 points: 600/8 raised precision 0.806 → 0.823 for the
# least recall (0.794 → 0.782); the rule, not the figures, is what should carry to unseen texts.
_LEAD_CHARS = 600
_LEADLESS = 8.0


_ALLY_SINCE: dict[str, int] = {}    # country → year it joined NATO
_PARTNERS: set[str] = set()          # countries in NATO's partnership frameworks
# Evidence for `partenariats` when partner countries are named: once, however many are named (a
# list of the nations contributing to an operation or an exercise is no partnership subject).
_PARTNER_WEIGHT = 0.0

_EVENT = "sommets"
_ASIDE = 0.25   # share of its weight a summit cue keeps when the summit is not the event reported


def _words(cues: str) -> str:
    return "|".join(re.escape(fold(c.strip())) for c in cues.split("|"))


def _load():
    global _PARTNER_WEIGHT, _ASIDE_RE, _VISIT_RE
    exact: dict[str, list[tuple[str, float]]] = defaultdict(list)
    prefix: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for line in CUES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ally"):
            _, year, codes = line.split("\t")
            _ALLY_SINCE.update({code: int(year) for code in codes.split()})
            continue
        if line.startswith("@aside"):
            # what comes just before a cue: `en marge du`, `en vue du prochain`…
            _ASIDE_RE = re.compile(r"(?<![\w-])(?:" + _words(line.split("\t")[1])
                                   + r")(?: d'| de l'| de la| du| des| l'| le| la| les| ce| cette)?"
                                   r"(?: prochain| prochaine)? ?$")
            continue
        if line.startswith("@visit"):
            _VISIT_RE = re.compile(r"(?<![\w-])(?:" + _words(line.split("\t")[1]) + r")(?![\w-])")
            continue
        if line.startswith("@partner"):
            _, weight, codes = line.split("\t")
            _PARTNER_WEIGHT = float(weight)
            _PARTNERS.update(codes.split())
            continue
        slug, weight, cues = line.split("\t")
        for cue in (c.strip() for c in cues.split("|")):
            table = prefix if cue.endswith("*") else exact
            table[fold(cue.rstrip("*"))].append((slug, float(weight)))
    # one trie-shaped regex, longest cue first: `conseil otan-russie` before `russie`
    regex = re.compile(r"(?<![\w-])(?:" + trie_pattern(list(exact) + [c + "*" for c in prefix])
                       + r")(?![\w-])")
    prefixes = sorted(prefix, key=len, reverse=True)
    return exact, prefix, prefixes, regex


_EXACT, _PREFIX, _PREFIXES, _CUE_RE = _load()


def _cue_of(found: str) -> list[tuple[str, float]]:
    if found in _EXACT:
        return _EXACT[found]
    p = next(p for p in _PREFIXES if found.startswith(p))
    return _PREFIX[p]


def is_partner(code: str, date: datetime.date | None) -> bool:
    """A partnership country that is not (yet) an Ally on `date` (today's Allies when undated)."""
    since = _ALLY_SINCE.get(code)
    return code in _PARTNERS and (since is None or (date is not None and date.year < since))


def scores(title: str, text: str, countries=(), date: datetime.date | None = None) -> dict[str, float]:
    """Topic → score (the evidence, for explaining a choice)."""
    return _evidence(title, text, countries, date)[0]


def _evidence(title: str, text: str, countries=(), date: datetime.date | None = None):
    """(topic → score, the topics with a cue in the title or the lead)."""
    counts: dict[str, int] = defaultdict(int)
    total: dict[str, float] = defaultdict(float)
    in_lead: set[str] = set()
    summit_body = summit_title = 0.0   # summit evidence, kept apart until the title is read
    folded_title = fold(title)
    for folded, factor in ((fold(text), 1.0), (folded_title, _TITLE_WEIGHT)):
        for m in _CUE_RE.finditer(folded):
            cue = m.group()
            counts[cue] += 1
            leading = factor != 1.0 or m.start() < _LEAD_CHARS
            if counts[cue] > _REPEATS and factor == 1.0:
                continue
            for slug, weight in _cue_of(cue):
                if slug != _EVENT:
                    total[slug] += weight * factor
                else:
                    if _ASIDE_RE.search(folded, max(0, m.start() - 40), m.start()):
                        weight *= _ASIDE
                    if factor == 1.0:
                        summit_body += weight
                    else:
                        summit_title += weight * factor
                if leading:
                    in_lead.add(slug)
    if summit_body and not summit_title and _VISIT_RE.search(folded_title):
        summit_body *= _ASIDE
    if summit_body or summit_title:
        total[_EVENT] = summit_body + summit_title
    if any(is_partner(code, date) for code in countries):
        total["partenariats"] += _PARTNER_WEIGHT
    return dict(total), in_lead


def find_topics(title: str, text: str, countries=(), date: datetime.date | None = None) -> list[str]:
    """1–4 topic slugs, best first ([] only for a text with no cue at all). `countries` (ISO codes
    the text names) and `date` let partner countries count as evidence of a partnership."""
    total, in_lead = _evidence(title, text, countries, date)
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    # the bar for a secondary subject is the best subject, not the meeting: a communiqué's summit
    # cues (ministers, heads of state, the Council) outweigh each of the subjects it reports
    best = next((v for s, v in ranked if s != _EVENT), ranked[0][1])
    keep = [ranked[0][0]]
    keep += [s for s, v in ranked[1:]
             if (v >= _RELATIVE * best or v >= _ENOUGH) and v >= _MINIMUM and (s in in_lead or v >= _LEADLESS)]
    return keep[:_MAX_TOPICS]
