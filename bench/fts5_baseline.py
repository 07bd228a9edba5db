"""SQLite FTS5 doing the same full work per query as the product, as fast as it honestly can.

Per query: match, disjunctive facet counts over ALL matches (person, country, region, topic: each
counted with its own selection removed), year histogram, total, ten hits ranked by bm25 (or by date
when there are no words) with the title marked and up to three highlighted snippets.

FTS5 never sees French: it indexes text already analysed by the product's chain (stemmed, folded, no
stop words) in `title` and `body`, and folded-but-unstemmed words in `exact` for quoted phrases (the
product's phrases are exact). Snippets re-highlight the ORIGINAL text of the ten hits in Python (the
same output the product must give: whole original words marked, not stems); FTS5's own `snippet()`
could only show the analysed column.
"""
from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bench.queries import BenchQuery
from bench.synthetic import COUNTRIES, REGIONS, TOPICS

PER_PAGE = 10
FACET_LIMIT = 20          # values returned per facet; every value is still counted
TITLE_WEIGHT = 2.0        # bm25 weights of the title, body and exact columns
SNIPPET_CHARS = 250       # length of a snippet, and up to
MAX_SNIPPETS = 3          # snippets a hit, as the product
RELAX_BELOW = 3           # as the product: fewer documents hold every word → relax to most of them

# --- Analysis: the product's chain when it exists, else a local stand-in with the same order ----
try:
    from searchsvc.analysis import analyze_terms, exact_terms
    ANALYSIS = "searchsvc.analysis (analyze_terms, exact_terms)"
except ImportError:  # a stand-in: fold, then stem (DESIGN §4 order)
    import snowballstemmer
    from unidecode import unidecode

    _WORD = re.compile(r"[a-z0-9]+")
    _STOP = set("""a au aux avec c ce ces d dans de des du elle en et eux il ils j je l la le les leur
    lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son
    sur t ta te tes toi ton tu un une vos votre vous y est sont ete etre avoir ont cette cet""".split())
    _stemmer = snowballstemmer.stemmer("french")
    _stems: dict[str, str] = {}

    def exact_terms(text: str) -> list[str]:
        """Folded, lower-cased words (elided clitics come out as one-letter words)."""
        return _WORD.findall(unidecode(text).lower())

    def analyze_terms(text: str) -> list[str]:
        out = []
        for w in exact_terms(text):
            if w not in _STOP:
                s = _stems.get(w)
                if s is None:
                    s = _stems[w] = _stemmer.stemWord(w)
                out.append(s)
        return out

    ANALYSIS = "local stand-in (unidecode + lower + stop + snowball french)"

FACETS = ("person", "country", "region", "topic")
LABELS = {"country": {c: n for c, (n, _) in COUNTRIES.items()}, "region": REGIONS, "topic": TOPICS}


@dataclass
class Result:
    total: int
    hits: list = field(default_factory=list)      # (id, title html, [snippet html])
    facets: dict = field(default_factory=dict)    # name -> [(value, label, count, selected)]


class Fts5Engine:
    name = "fts5"

    def __init__(self, workdir: Path):
        self.path = Path(workdir) / "fts5.sqlite"
        self.db: sqlite3.Connection | None = None
        self._term_of: dict[str, str | None] = {}   # original word -> stemmed term (highlighting)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, cached_statements=1024)
        for pragma in ("journal_mode=WAL", "synchronous=OFF", "temp_store=MEMORY",
                       "cache_size=-262144", "mmap_size=4294967296"):
            db.execute(f"PRAGMA {pragma}")
        return db

    # -- build --------------------------------------------------------------------------------
    def build(self, docs) -> int:
        self.path.unlink(missing_ok=True)
        db = self._connect()
        db.executescript("""
            CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, text TEXT);
            -- dates apart from the text: a narrow table packs thousands of rows a page, so reading the
            -- dates of 100k matches touches a few hundred pages, not one page per document
            CREATE TABLE meta(rowid INTEGER PRIMARY KEY, day TEXT, year INTEGER);
            CREATE VIRTUAL TABLE fts USING fts5(title, body, exact, content='',
                                                tokenize='unicode61 remove_diacritics 0');
        """)
        for f in FACETS:  # (doc, value) primary key: the lookup a CROSS JOIN from the match set needs
            db.execute(f"CREATE TABLE f_{f}(doc INTEGER, value TEXT, PRIMARY KEY(doc, value)) WITHOUT ROWID")
        db.execute("BEGIN")
        n = 0
        for n, d in enumerate(docs, 1):
            day = d.date.isoformat() if d.date else None
            db.execute("INSERT INTO docs VALUES (?,?,?,?)", (n, d.id, d.title, d.text))
            db.execute("INSERT INTO meta VALUES (?,?,?)", (n, day, d.date.year if d.date else None))
            db.execute("INSERT INTO fts(rowid, title, body, exact) VALUES (?,?,?,?)",
                       (n, " ".join(analyze_terms(d.title)), " ".join(analyze_terms(d.text)),
                        " ".join(exact_terms(d.title + "\n" + d.text))))
            for f, values in (("person", d.persons), ("country", d.countries),
                              ("region", d.regions), ("topic", d.topics)):
                db.executemany(f"INSERT OR IGNORE INTO f_{f} VALUES (?,?)", [(n, v) for v in values])
        db.execute("COMMIT")
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")   # one segment, as a built index would be
        db.execute("CREATE INDEX meta_day ON meta(day)")        # date-sorted browsing without words
        db.execute("CREATE INDEX meta_year ON meta(year)")      # the year histogram of everything
        for f in FACETS:                                        # filters without words start here
            db.execute(f"CREATE INDEX f_{f}_value ON f_{f}(value)")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        return n

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))

    # -- search -------------------------------------------------------------------------------
    def open(self) -> None:
        self.db = self._connect()
        for table in ("m", "s"):   # the match set, and the match set with every filter applied
            self.db.execute(f"CREATE TEMP TABLE {table}(rowid INTEGER PRIMARY KEY, rank REAL, day TEXT, year INTEGER)")
        self.db.execute("CREATE TEMP TABLE h(rowid INTEGER PRIMARY KEY, held INTEGER)")   # words held
        self.doc_count = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def close(self) -> None:
        if self.db:
            self.db.close()
            self.db = None

    def search(self, q: BenchQuery) -> Result:
        db = self.db
        clauses, terms = match_clauses(q.q)
        match = bool(clauses)
        if match:  # the match set, once, in memory; every count below reads it
            db.execute("DELETE FROM m")
            db.execute("INSERT INTO m SELECT fts.rowid, bm25(fts, ?, 1.0, 0.0), d.day, d.year "
                       "FROM fts CROSS JOIN meta d ON d.rowid = fts.rowid WHERE fts MATCH ?",
                       (TITLE_WEIGHT, " AND ".join(clauses)))
        order = {"relevance": "m.rank" if match else "m.day DESC", "date": "m.day DESC",
                 "date_asc": "m.day"}[q.sort]
        selected = {f: getattr(q, f) for f in FACETS if getattr(q, f)}
        dates = [("m.day >= ?", q.date_from.isoformat())] if q.date_from else []
        dates += [("m.day <= ?", q.date_to.isoformat())] if q.date_to else []

        def doc_set(skip: str | None = None, use_dates: bool = True) -> tuple[str, str, list]:
            """(FROM source, WHERE condition, its arguments) of the documents matching everything but
            the selection of facet `skip`: disjunctive faceting counts each facet over its own set."""
            if (skip not in selected) and (use_dates or not dates) and filtered_set:
                return filtered_set, "1", []   # the full selection, computed once below
            facets = [(f, v) for f, v in selected.items() if f != skip]
            args: list = []
            if match:
                src = "m"
            elif facets:  # no words: start from the first filter's documents, not from all of them
                f, v = facets.pop(0)
                src = (f"(SELECT DISTINCT doc FROM f_{f} WHERE value IN ({','.join('?' * len(v))})) s "
                       "CROSS JOIN meta m ON m.rowid = s.doc")
                args += v
            else:
                src = "meta AS m"
            conds = []
            for f, v in facets:
                conds.append(f"EXISTS (SELECT 1 FROM f_{f} x WHERE x.doc = m.rowid "
                             f"AND x.value IN ({','.join('?' * len(v))}))")
                args += v
            for cond, arg in dates if use_dates else ():
                conds.append(cond)
                args.append(arg)
            return src, " AND ".join(conds) or "1", args

        def filter_once() -> str | None:
            """The fully filtered set serves the total, the hits and every unselected facet: it is
            filtered once into `s`."""
            src, cond, args = doc_set()
            if cond == "1":
                return None
            db.execute("DELETE FROM s")
            rank = "m.rank" if match else "0"
            db.execute(f"INSERT INTO s SELECT m.rowid, {rank}, m.day, m.year FROM {src} WHERE {cond}", args)
            return "s AS m"

        filtered_set = None   # doc_set() builds the filter from scratch while this is None
        filtered_set = filter_once()
        if len(clauses) > 1:
            src, cond, args = doc_set()
            if db.execute(f"SELECT count(*) FROM {src} WHERE {cond}", args).fetchone()[0] < RELAX_BELOW:
                self.relax(clauses)
                filtered_set = None
                filtered_set = filter_once()
        src, cond, args = doc_set()
        total = db.execute(f"SELECT count(*) FROM {src} WHERE {cond}", args).fetchone()[0]
        rowids = [r for (r,) in db.execute(
            f"SELECT m.rowid FROM {src} WHERE {cond} ORDER BY {order} LIMIT {PER_PAGE}", args)]

        # When a third of the corpus matches and no other filter applies, scanning a facet in value
        # order (GROUP BY needs no sort) beats looking up each match's values and sorting them.
        big = bool(match) and db.execute("SELECT count(*) FROM m").fetchone()[0] * 3 > self.doc_count
        facets = {}
        for f in FACETS:
            src, cond, args = doc_set(skip=f)
            if src == "meta AS m" and cond == "1":  # counted over every document: the facet table alone
                sql = f"SELECT x.value, count(*) AS n FROM f_{f} x GROUP BY x.value"
            elif src == "m" and cond == "1" and big:  # most documents match: walk the facet by value
                sql = (f"SELECT x.value, count(*) AS n FROM f_{f} x INDEXED BY f_{f}_value "
                       f"WHERE x.doc IN (SELECT rowid FROM m) GROUP BY x.value")
            else:
                sql = (f"SELECT x.value, count(*) AS n FROM {src} CROSS JOIN f_{f} x ON x.doc = m.rowid "
                       f"WHERE {cond} GROUP BY x.value")
            rows = db.execute(f"{sql} ORDER BY n DESC, x.value LIMIT {FACET_LIMIT}", args).fetchall()
            labels, chosen = LABELS.get(f, {}), selected.get(f, ())
            facets[f] = [(v, labels.get(v, v), n, v in chosen) for v, n in rows]
        # The year histogram is the date filter's facet: counted with the date range removed.
        src, cond, args = doc_set(use_dates=False)
        facets["year"] = [(str(y), str(y), n, False) for y, n in db.execute(
            f"SELECT m.year, count(*) FROM {src} WHERE {cond} GROUP BY m.year ORDER BY m.year", args)]

        hits = []
        if rowids:
            found = {r: (i, t, x) for r, i, t, x in db.execute(
                f"SELECT rowid, id, title, text FROM docs WHERE rowid IN ({','.join(map(str, rowids))})")}
            finder = word_finder(terms)
            for r in rowids:
                doc_id, title, text = found[r]
                hits.append((doc_id, render(title, self.spans(title, terms, finder), 0, len(title)),
                             self.snippets(text, self.spans(text, terms, finder))))
        return Result(total, hits, facets)

    def relax(self, clauses: list[str]) -> None:
        """The product's relaxation: when too few documents hold every word, the match set becomes
        the documents holding at least min_held of them, ranked by how many they hold, then bm25."""
        db = self.db
        need = max(2, (len(clauses) + 1) // 2)
        db.execute("DELETE FROM h")
        db.execute("INSERT INTO h SELECT rowid, count(*) FROM ("
                   + " UNION ALL ".join(["SELECT rowid FROM fts WHERE fts MATCH ?"] * len(clauses))
                   + ") GROUP BY rowid HAVING count(*) >= ?", (*clauses, need))
        db.execute("DELETE FROM m")
        db.execute("INSERT INTO m SELECT fts.rowid, bm25(fts, ?, 1.0, 0.0) - 1e6 * h.held, d.day, d.year "
                   "FROM fts CROSS JOIN h ON h.rowid = fts.rowid CROSS JOIN meta d ON d.rowid = fts.rowid "
                   "WHERE fts MATCH ?", (TITLE_WEIGHT, " OR ".join(clauses)))

    # -- highlighting -------------------------------------------------------------------------
    def term_of(self, word: str) -> str | None:
        """First analysed term of one original word (cached: words repeat across documents)."""
        t = self._term_of.get(word, 0)
        if t == 0:
            a = analyze_terms(word)
            t = self._term_of[word] = a[0] if a else None
        return t

    def spans(self, text: str, terms: frozenset[str], finder: re.Pattern | None) -> list[tuple[int, int]]:
        """(start, end) of the query's words in the original text. A regex finds candidate words in
        C; only those go through the analyser. An elided article stays outside: l’<mark>OTAN</mark>."""
        spans = []
        if finder is not None:
            for m in finder.finditer(text):
                word = m.group()
                if self.term_of(word) in terms:
                    cut = max(word.rfind("'"), word.rfind("’")) + 1
                    spans.append((m.start() + cut, m.end()))
        return spans

    def snippets(self, text: str, spans: list[tuple[int, int]]) -> list[str]:
        """Up to MAX_SNIPPETS passages of about SNIPPET_CHARS around the densest runs of marks, best
        first, as the product gives; the opening of the text when nothing in it matches."""
        out = []
        while spans and len(out) < MAX_SNIPPETS:
            best, first, last, j = 0, 0, 0, 0
            for i, (pos, _) in enumerate(spans):  # two pointers: most marks within one window
                while spans[j][0] < pos - SNIPPET_CHARS + 40:
                    j += 1
                if i - j + 1 > best:
                    best, first, last = i - j + 1, j, i
            start = text.rfind(" ", 0, max(0, spans[first][0] - 30)) + 1   # some context before
            end = text.find(" ", max(start + SNIPPET_CHARS, spans[last][1]))
            end = len(text) if end < 0 else end
            out.append(render(text, [sp for sp in spans if start <= sp[0] and sp[1] <= end], start, end))
            spans = [sp for sp in spans if sp[1] <= start or sp[0] >= end]
        if not out:
            end = text.find(" ", SNIPPET_CHARS)
            out.append(render(text, [], 0, len(text) if end < 0 else end))
        return out


def render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end], HTML-escaped, with our <mark> around each span: the only markup."""
    out, pos = [], start
    for s, e in spans:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


# Accent-insensitive letters, so a folded stem finds its original words (`controle` → `contrôles`).
_VARIANTS = {"a": "[aàâäáã]", "e": "[eéèêë]", "i": "[iîïí]", "o": "[oôöó]", "u": "[uùûüú]", "c": "[cç]",
             "y": "[yÿ]", "n": "[nñ]"}


def word_finder(terms: frozenset[str]) -> re.Pattern | None:
    """A regex for the product's words (apostrophes in, hyphens out) whose folded form starts with
    one of the terms, possibly after an elided article; the analyser then confirms each one."""
    if not terms:
        return None
    alts = []
    for t in sorted(terms, key=len, reverse=True):
        p = "".join(_VARIANTS.get(c, re.escape(c)) for c in t)
        alts.append(p.replace("[oôöó][eéèêë]", "(?:[oôöó][eéèêë]|œ)").replace("[aàâäáã][eéèêë]", "(?:[aàâäáã][eéèêë]|æ)"))
    return re.compile(r"(?<![^\W_])(?:[^\W_]+['’])?(?:%s)[^\W_]*(?:['’][^\W_]+)*" % "|".join(alts), re.IGNORECASE)


_PHRASE = re.compile(r'"([^"]*)"')


def match_clauses(q: str) -> tuple[list[str], frozenset[str]]:
    """The FTS5 clauses of a box query, one per word or quoted phrase (a phrase is exact, a
    hyphenated word a phrase of its parts, as in the product), and the terms to highlight. Every
    term is quoted, so nothing a user types is FTS5 syntax."""
    clauses, terms = [], set()
    for phrase in _PHRASE.findall(q):
        words = exact_terms(phrase)
        if words:
            clauses.append('exact:"' + " ".join(words) + '"')
            terms.update(analyze_terms(phrase))
    for word in _PHRASE.sub(" ", q).split():
        word_terms = analyze_terms(word)
        if word_terms:
            clauses.append('{title body}:"' + " ".join(word_terms) + '"')
            terms.update(word_terms)
    return clauses, frozenset(terms)
