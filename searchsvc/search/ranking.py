"""How matches are ordered: BM25F over title and body, plus what tells that an announcement is
*about* the query rather than mentioning its words in passing.

    score = BM25F(title × TITLE_WEIGHT, body)                        search.matching, per clause
          + best × PROXIMITY_WEIGHT × share of the query's neighbouring words found close together
          + best × ENTITY_WEIGHT × share of the entities the query names that the announcement is
            tagged with (persons, countries and groups of them, topics, regions)
    alias expansions (Türkiye for Turquie) count ALIAS_WEIGHT of a typed word, per word

`best` is the best BM25F score among the candidates, so the bonuses are shares of it whatever the
collection's scale. Only the RERANK_DEPTH best matches by BM25F of each tier get bonuses (they read
word positions): at 50k announcements a common word matches tens of thousands, whose positions are
never read. Tiers stay in order (all the words before most of them).

The weights were chosen on the development collections as a whole (topical-dev mean nDCG@10 and
P@5 with queries-dev MRR@10 not lower), a few values each, the middle of the plateau kept; never
on single needs.
"""

from __future__ import annotations

import dataclasses
import weakref
from functools import lru_cache

import numpy as np

from searchsvc import taxonomy
from searchsvc.aliases import aliases
from searchsvc.analysis import analyze_terms, fold
from searchsvc.store import DOC_SHIFT

# Each measured on dev (378 announcements), the others set: topical nDCG@10, known-item MRR@10.
ALIAS_WEIGHT = 0.8  # a name not typed counts a bit less than the typed one (0.6–1.0 measure alike);
# per word of the name, so a long spelled-out name does not outweigh the one word typed (KFOR)
TITLE_WEIGHT = 1.5  # query-time factor on the title's BM25F, over the index's TITLE_BOOST: 1.0 → 1.5
# lifts MRR 0.950 → 0.954 at the same nDCG; 2–3 no better
PROXIMITY_WEIGHT = 0.6  # bonus when neighbouring query words stand within PROXIMITY_WINDOW: 0 → 0.5–0.8
# gives nDCG +0.01–0.02 (a plateau); past 1.0 P@5 falls
PROXIMITY_WINDOW = 4  # positions apart, either order ("ministres de la Défense": 3); 1 is worse, 3–6 alike
ENTITY_WEIGHT = 0.3  # bonus when tagged with what the query names: 0 → 0.2–0.4 gives nDCG +0.01; 0.6 hurts
FOCUS_POWER = 0.5  # a tag counts 1/n^0.5 among n values of its facet (one of 2 countries, not of 30):
# 0 → 0.5 gives nDCG +0.005, P@5 +0.008; 1.0 is worse
RERANK_DEPTH = 100  # matches per tier that get bonuses, the best by BM25F: 30, 100 and 300 measure
# alike on dev; 100 keeps the positions read per query small at 50k
SPARSE_SHARE = 8  # a word in this many times more documents than the candidates is read sparsely
MAX_PERSONS = 3  # a word naming more persons than this ("Jean") names none
FIELDS = ("title", "body")
FREQUENT_SHARE = 0.25  # a word in more of the announcements than this is too common to stand for the
# query alone: a relaxed match must hold at least one rarer word (« secrétaire général … dit … en »)


def min_held(words: int) -> int:
    """How many of the query's content words a relaxed match must hold: at least two, and half of
    them, so one misremembered word is forgiven but a single common word does not stand for the
    query. (A strict majority, n // 2 + 1, lost a known-item query of six words: MRR 0.963 → 0.960.)"""
    return max(2, (words + 1) // 2)


def clause_stems(clause) -> list[str]:
    """The stems a text clause searches for (every option of alternatives), in order."""
    if hasattr(clause, "options"):
        return [s for option in clause.options for s in clause_stems(option)]
    text = getattr(clause, "text", "")
    return analyze_terms(text) if text and not type(clause).__name__ == "Prefix" else []


def clause_text(clause) -> str:
    return clause.text if hasattr(clause, "text") else " ".join(clause_text(o) for o in clause.options)


def rerank(view, parsed, tiers: list) -> list:
    """The tiers with bonuses added to the scores of their best matches."""
    clauses = [c for c in parsed.text_clauses if clause_stems(c)]
    entities = named_entities(view, clauses)
    if not tiers or (len(clauses) < 2 or not PROXIMITY_WEIGHT) and (not entities or not ENTITY_WEIGHT):
        return tiers
    chosen = []  # each tier's best matches by BM25F
    for tier in tiers:
        docs = np.flatnonzero(tier.docs)
        if len(docs) > RERANK_DEPTH:
            docs = np.sort(docs[np.argpartition(-tier.scores[docs], RERANK_DEPTH - 1)[:RERANK_DEPTH]])
        chosen.append(docs)
    docs = np.unique(np.concatenate(chosen))  # every tier's candidates at once: positions read once
    bonus = np.zeros(view.doc_count, np.float32)
    if len(clauses) > 1 and PROXIMITY_WEIGHT and len(docs):
        bonus[docs] += PROXIMITY_WEIGHT * proximity(view, clauses, docs)
    if entities and ENTITY_WEIGHT:
        bonus[docs] += ENTITY_WEIGHT * np.mean([weight[docs] for weight in entities], axis=0)
    out = []
    for tier, docs in zip(tiers, chosen):
        if len(docs):
            scores = tier.scores.copy()
            scores[docs] += (float(tier.scores[docs].max()) or 1.0) * bonus[docs]  # shares of the tier's best
            tier = dataclasses.replace(tier, scores=scores)
        out.append(tier)
    return out


def proximity(view, clauses: list, docs: np.ndarray) -> np.ndarray:
    """Per document of `docs` (sorted), the share of neighbouring clause pairs whose words stand
    within PROXIMITY_WINDOW positions in the title or the body."""
    near = np.zeros((len(clauses) - 1, len(docs)), bool)
    for field in FIELDS:
        keys = [clause_positions(view, field, c, docs) for c in clauses]
        for i in range(len(clauses) - 1):
            a, b = keys[i], keys[i + 1]
            if not len(a) or not len(b):
                continue
            at = np.searchsorted(b, a)
            before = np.abs(a - b[np.maximum(at - 1, 0)])
            after = np.abs(b[np.minimum(at, len(b) - 1)] - a)
            close = np.minimum(before, after) <= PROXIMITY_WINDOW
            near[i, np.searchsorted(docs, a[close] >> DOC_SHIFT)] = True  # a's keys are in docs
    return near.mean(axis=0)


def clause_positions(view, field: str, clause, docs: np.ndarray) -> np.ndarray:
    """Sorted position keys, in `docs`, of every word of the field that the clause's stems cover."""
    variants = view.evaluator.variants(field)
    cache = view.evaluator.positions
    found = []
    typed = clause.options[0] if type(clause).__name__ == "Alternatives" else clause  # not the other names
    for word in {w for s in clause_stems(typed) for w in variants.get(s, ())}:
        keys = cache.cache.get((field, word))
        if keys is None and len(view.evaluator.postings.get(field, word)[0]) > len(docs) * SPARSE_SHARE:
            # a common word not in memory: only the candidates' blocks of positions are read (at 50k
            # announcements a word in most of them has millions of positions), and not kept
            found.append(view.evaluator.store.positions(field, word, docs))
        else:  # a rarer word is read whole once and kept (search.matching's cache, shared with phrases)
            found.append(within(keys if keys is not None else cache.get(field, word), docs))
    return np.sort(np.concatenate(found)) if found else np.zeros(0, np.int64)


def within(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """The keys (sorted) that fall in `docs` (sorted): two binary searches a document, never a pass
    over every occurrence of a common word."""
    starts = np.searchsorted(keys, docs.astype(np.int64) << DOC_SHIFT)
    ends = np.searchsorted(keys, (docs.astype(np.int64) + 1) << DOC_SHIFT)
    lengths = ends - starts
    if not lengths.sum():
        return keys[:0]
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    return keys[offsets]


_PERSON_WORDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def persons_named(field, text: str) -> list[str]:
    """The persons whose name holds every word of `text` (« Rutte », « Mark Rutte »), from a
    word → persons map built once per index generation, not a pass over every person per query."""
    by_word = _PERSON_WORDS.get(field)
    if by_word is None:
        by_word = _PERSON_WORDS[field] = {}
        for value in field.values:
            for word in fold(value).split():
                by_word.setdefault(word, set()).add(value)
    words = fold(text).split()
    found = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
    return sorted(found)


def tagged(field, values: tuple[str, ...]) -> np.ndarray:
    """Per document, how much it is about `values`: 0 when not tagged with any, else more the fewer
    other values of the facet it has (one of 2 countries, not one of 30: FOCUS_POWER)."""
    counts = np.diff(field.starts).astype(np.float32)
    return field.docs_with(values) / np.maximum(counts, 1) ** FOCUS_POWER


def named_entities(view, clauses: list) -> list[np.ndarray]:
    """A mask of the announcements tagged with each entity the query names: a country or group
    (alias table), a person (a facet value holding the words), a topic or region of the taxonomy
    (all of the words of its slug or of a name)."""
    masks = []
    stems = {s for c in clauses for s in analyze_terms(clause_text(c))}
    for clause in clauses:
        text = clause_text(clause)
        codes = aliases().country_codes(text) if hasattr(clause, "options") else ()
        if codes:
            masks.append(tagged(view.facets["country"], codes))
    texts = [clause_text(c) for c in clauses]
    for size in (2, 1):  # persons: two words in a row (Mark Rutte), else one (Solana)
        for i in range(len(texts) - size + 1):
            persons = persons_named(view.facets["person"], " ".join(texts[i:i + size]))
            if 0 < len(persons) <= MAX_PERSONS:
                masks.append(tagged(view.facets["person"], tuple(persons)))
                break
        else:
            continue
        break
    for facet, names in taxonomy_names().items():
        slugs = tuple(slug for slug, name in names if name <= stems)
        if slugs:
            masks.append(tagged(view.facets[facet], slugs))
    return masks


@lru_cache(maxsize=1)
def taxonomy_names() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """The stems that name each topic (its slug's words) and each region (any of its names)."""
    topics = [(slug, frozenset(analyze_terms(slug.replace("-", " ")))) for slug in taxonomy.TOPICS]
    regions = [(slug, frozenset(analyze_terms(name))) for slug, region in taxonomy.REGIONS.items()
               for name in region.named_as if analyze_terms(name)]
    return {"topic": topics, "region": regions}


def missing_words(clauses: list, holders: list[np.ndarray], docs: np.ndarray) -> tuple[str, ...]:
    """The query's words (as typed) that some of `docs` lack, the most often missing first."""
    lacking = [(int(np.count_nonzero(docs & ~mask)), typed(c)) for c, mask in zip(clauses, holders)]
    return tuple(text for count, text in sorted(lacking, key=lambda x: -x[0]) if count)


def typed(clause) -> str:
    """A clause as the journalist wrote it."""
    kind = type(clause).__name__
    if kind == "Phrase":
        return f'"{clause.text}"'
    if kind == "Prefix":
        return clause.text + "*"
    if kind == "Either":
        return " OU ".join(map(typed, clause.options))
    return clause.text
