"""A fixed, seeded query mix drawn against a generated corpus.

Every query is built from a real document (its words, a phrase of one of its sentences, its facet
values, its date), so each one has at least that document as an answer in both engines. Word
frequency bands come from document frequencies counted over an even sample of the corpus.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass

from unidecode import unidecode

# Share of each kind in the mix; the runner reports timings per kind.
KINDS = {
    "single common": 0.12,
    "single mid": 0.10,
    "single rare": 0.12,
    "multi-word": 0.20,
    "phrase": 0.14,
    "filtered": 0.18,
    "date range": 0.14,
}
UNACCENTED_SHARE = 0.25   # journalists often type without accents
SAMPLE_DOCS = 20000       # documents whose words are counted for the frequency bands
COMMON_DF, MID_DF = 0.05, 0.005   # document-frequency fractions bounding the bands
RARE_DF = 0.0005
MIN_RARE = 200            # words in the rare band at least

# French function words (Snowball's list and more), never chosen as query words: the product
# drops them, and a query of stop words alone is no search.
STOP = set("""
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me même mes
moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous cet cette celle celui ceux dont elles été étée étées étés étant étante étants étantes
suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient
étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses
fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai
auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient
eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
""".split())

# Words as the product's tokenizer sees them: apostrophes inside, hyphens between.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ELIDED = re.compile(r"^(?:jusqu|lorsqu|puisqu|quoiqu|qu|[lmtnsjdc])['’]")
CLAUSE = re.compile(r"[.,;:!?«»()\n]")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    q: str = ""
    person: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"

    def key(self) -> tuple:
        """What a result cache would key on: everything but our label."""
        return (self.q, self.person, self.country, self.region, self.topic, self.date_from, self.date_to)




def _words(text: str) -> list[str]:
    """Candidate query words of a text: lower-cased, elided clitics cut (`l’otan` → `otan`), no
    function words, no words with an apostrophe left inside (`aujourd'hui`)."""
    out = []
    for w in WORD.findall(text.lower()):
        w = ELIDED.sub("", w)
        if len(w) > 2 and w not in STOP and "'" not in w and "’" not in w:
            out.append(w)
    return out


class QueryMaker:
    def __init__(self, docs: list, seed: int):
        self.docs = docs
        self.rnd = random.Random(seed)
        step = max(1, len(docs) // SAMPLE_DOCS)
        self.sample = docs[::step]
        df = Counter()
        for d in self.sample:
            df.update(set(_words(getattr(d, "text"))))
        n = len(self.sample)
        self.df, self.n = df, n
        self.bands = {
            "common": [w for w, c in df.items() if c >= COMMON_DF * n],
            "mid": [w for w, c in df.items() if MID_DF * n <= c < COMMON_DF * n],
            "rare": [w for w, c in df.items() if c <= max(1, RARE_DF * n)],
        }
        if len(self.bands["rare"]) < MIN_RARE:
            # A fixed vocabulary drawn by frequency leaves few truly rare words in a big corpus:
            # then "rare" is the least frequent words there are.
            self.bands["rare"] = [w for w, _ in sorted(df.items(), key=lambda wc: (wc[1], wc[0]))[:MIN_RARE]]
        for band in self.bands.values():
            band.sort()  # Counter order depends on insertion; sorting keeps the mix seeded

    def note(self) -> str:
        """The document-frequency range of each band, in % of the documents, for the report."""
        parts = []
        for name, band in self.bands.items():
            dfs = [self.df[w] * 100 / self.n for w in band]
            parts.append(f"{name} {min(dfs):.3g}–{max(dfs):.3g} %")
        return "word bands by document frequency: " + ", ".join(parts)

    # -- building blocks ----------------------------------------------------------------------
    def doc(self):
        return self.rnd.choice(self.sample)

    def doc_words(self, doc, k: int) -> list[str]:
        words = sorted(set(_words(getattr(doc, "text"))))
        return self.rnd.sample(words, min(k, len(words)))

    def maybe_unaccent(self, q: str) -> str:
        return unidecode(q) if self.rnd.random() < UNACCENTED_SHARE else q

    def phrase(self, doc) -> str:
        """Two to four consecutive words of one clause, at least two of them content words."""
        clauses = [c.split() for c in CLAUSE.split(getattr(doc, "text"))]
        clauses = [c for c in clauses if len(c) >= 3]
        for _ in range(50):
            clause = self.rnd.choice(clauses)
            size = self.rnd.randint(2, min(4, len(clause)))
            start = self.rnd.randrange(len(clause) - size + 1)
            window = clause[start:start + size]
            if len(_words(" ".join(window))) >= 2:
                return '"' + " ".join(window) + '"'
        return '"' + " ".join(clauses[0][:3]) + '"'

    def filters(self, doc) -> dict:
        """One or two facets of this document; now and then two values of one facet (OR)."""
        have = [f for f in ("persons", "countries", "regions", "topics") if getattr(doc, f)]
        chosen = self.rnd.sample(have, min(len(have), self.rnd.choice([1, 1, 2])))
        out = {}
        for f in chosen:
            values = [self.rnd.choice(getattr(doc, f))]
            other = getattr(self.doc(), f)
            if other and self.rnd.random() < 0.25 and other[0] not in values:
                values.append(other[0])
            out[{"persons": "person", "countries": "country", "regions": "region", "topics": "topic"}[f]] = tuple(values)
        return out

    # -- one query of each kind ---------------------------------------------------------------
    def make(self, kind: str) -> BenchQuery:
        rnd = self.rnd
        if kind.startswith("single"):
            band = self.bands[kind.split()[1]]
            return BenchQuery(kind, self.maybe_unaccent(rnd.choice(band)))
        doc = self.doc()
        if kind == "multi-word":
            return BenchQuery(kind, self.maybe_unaccent(" ".join(self.doc_words(doc, rnd.choice([2, 3])))))
        if kind == "phrase":
            return BenchQuery(kind, self.maybe_unaccent(self.phrase(doc)))
        if kind == "filtered":
            q = "" if rnd.random() < 0.2 else self.maybe_unaccent(" ".join(self.doc_words(doc, rnd.choice([1, 1, 2]))))
            return BenchQuery(kind, q, sort="relevance" if q else "date", **self.filters(doc))
        if kind == "date range":
            day = getattr(doc, "date")
            span = rnd.choice([31, 365, 3 * 365, 10 * 365])
            start = day - dt.timedelta(days=rnd.randrange(span))
            q = self.maybe_unaccent(" ".join(self.doc_words(doc, rnd.choice([1, 2]))))
            extra = self.filters(doc) if rnd.random() < 0.3 else {}
            return BenchQuery(kind, q, date_from=start, date_to=start + dt.timedelta(days=span), **extra)
        raise ValueError(kind)


def _mix(maker: QueryMaker, n: int, exclude_q: set[str], exclude_keys: set) -> list[BenchQuery]:
    counts = {k: round(share * n) for k, share in KINDS.items()}
    counts["multi-word"] += n - sum(counts.values())  # rounding remainder
    out, keys = [], set()
    for kind, count in counts.items():
        made = 0
        for _ in range(count * 20):
            if made == count:
                break
            q = maker.make(kind)
            if q.key() in keys or q.key() in exclude_keys or (q.q and q.q in exclude_q):
                continue
            keys.add(q.key())
            out.append(q)
            made += 1
    maker.rnd.shuffle(out)
    return out


@dataclass
class Mix:
    timed: list[BenchQuery]
    warmup: list[BenchQuery]
    note: str   # what the frequency bands were for this corpus


def build(docs: list, n: int = 300, n_warmup: int = 60, seed: int = 7) -> Mix:
    """The timed queries and the warm-up queries; no warm-up query shares a query string or a
    request with a timed one, so no result cache can answer the timed pass."""
    maker = QueryMaker(docs, seed)
    timed = _mix(maker, n, set(), set())
    maker.rnd = random.Random(seed + 1)
    warmup = _mix(maker, n_warmup, {q.q for q in timed}, {q.key() for q in timed})
    return Mix(timed, warmup, maker.note())
