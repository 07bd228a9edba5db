"""Search over the live index: request → SearchResult, plain objects with no HTTP in them.

A `SearchService` follows the index root's `current` generation: when a new build is switched in,
or the live generation gets an incremental commit, the next request opens the new state, and the
structures computed per generation (facet arrays, dates) are built again once.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Callable

import numpy as np
from searchsvc.facet_registry import NAMES
from searchsvc.model import Announcement
from searchsvc.store import Generation, IndexDamaged, IndexMissing, current_generation
from searchsvc.search.compile import Compiler, highlight_of
from searchsvc.search.facets import DateColumn, Facet, FacetField, FacetValue, count_all, label
from searchsvc.search.matching import Evaluator
from searchsvc.search.query import ParsedQuery, parse
from searchsvc.search.ranking import FREQUENT_SHARE, min_held, missing_words, rerank
from searchsvc.search.request import SearchRequest, Sort
from searchsvc.search.selection import select
from searchsvc.search.snippets import Highlighter
from searchsvc.search.suggest import Spelling, confident, suggest

FRESHNESS_SECONDS = 1.0  # how often a view checks for an incremental commit
WATCH_SECONDS = 0.5  # how often a served worker looks for a new state of the index (SearchService.watch)
TIME_BUDGET_SECONDS = 2.0  # past this after matching, facets are skipped (and flagged) to answer now
SIMILAR_COUNT = 5
SIMILAR_TERMS = 12  # key terms of an announcement that "more like this" searches for
RELAX_BELOW = 3  # fewer announcements than this hold all the words: show those holding most of them too


@dataclass(frozen=True)
class Tier:
    """Matches that rank together: all of a tier's announcements come before the next tier's."""
    docs: np.ndarray  # mask over documents
    scores: np.ndarray  # BM25F score of each document
    relaxed: bool = False
    missing: tuple[str, ...] = ()  # a relaxed tier: the query's words some of its announcements lack


@dataclass(frozen=True)
class Hit:
    announcement: Announcement
    score: float | None
    title_html: str
    snippets: list[str]


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, Facet]
    relaxed: bool = False
    dropped: tuple[str, ...] = ()  # relaxed: the words some hits lack, as typed
    suggestion: str | None = None
    corrected_to: str | None = None  # nothing matched `request.q`: these are the results of this query
    took_ms: float = 0.0
    highlighter: Highlighter = field(default_factory=Highlighter, repr=False)
    facets_cut: bool = False  # the time budget ran out before the facets were counted
    # ranks first..last of the same matches as hits, with no new search (exports read on through it)
    hits_between: Callable[[int, int], list[Hit]] = field(default=lambda first, last: [], repr=False)
    undated: int = 0  # matches (other filters applied, not the dates) that have no date: « sans date »
    undated_left_out: int = 0  # of those, how many a date filter leaves out (all of them, or 0)


class IndexView:
    """One opened state of the index, with what is computed once per state."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.store = Generation(generation)
        self.info = self.store.info
        self.doc_count = self.store.doc_count_all
        self.live = self.store.live()
        self.documents = int(np.count_nonzero(self.live))
        variants = self.info.get("person_variants") or {}  # written by the indexer (metadata.canonical)
        self.facets = {name: FacetField(name, self.store, self.live, variants) for name in NAMES}
        self.dates = DateColumn(self.store)
        self.evaluator = Evaluator(self.store)
        self.checked = time.monotonic()
        self.stale = False

    def fresh(self) -> bool:
        """False once an incremental commit made this view outdated (checked at most every second)."""
        if not self.stale and time.monotonic() - self.checked >= FRESHNESS_SECONDS:
            self.checked = time.monotonic()
            self.stale = not self.store.up_to_date()
        return not self.stale

    def close(self) -> None:
        self.store.close()

    def evaluate(self, query) -> tuple[np.ndarray, np.ndarray]:
        """Mask of the live documents matching `query`, and their scores."""
        mask, scores = self.evaluator.evaluate(query)
        return mask & self.live, scores

    def announcement(self, docnum: int) -> Announcement:
        return Announcement.from_dict(self.store.record(docnum))

    def docnum(self, id: str) -> int | None:
        return self.store.docnum(id)

    @cached_property
    def spelling(self) -> Spelling:
        """The lexicon for did-you-mean, built on the first suggestion this view makes."""
        return Spelling(self.store)

    def facet_terms(self, facet: str, written: str) -> list[str]:
        return self.facets[facet].resolve(written)

    def warm(self) -> None:
        """Reads now what the first search would read (store.Generation.warm)."""
        self.store.warm()


class SearchService:
    view_class = IndexView  # what one opened state of the index is (search.quotes opens another)

    def __init__(self, index_root: Path):
        self.index_root = Path(index_root)
        self._view: IndexView | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Closes the open view (a later request opens the live index again)."""
        with self._lock:
            if self._view is not None:
                self._view.close()
                self._view = None

    def watch(self, every: float = WATCH_SECONDS) -> None:
        """Opens each new state of the index as soon as it appears, in a daemon thread: a build or
        an update is then warm before the next request comes (which would otherwise open it).
        A missing or damaged index is left to the requests, which report it."""
        def run() -> None:
            while True:
                try:
                    self.view().warm()
                except (IndexMissing, OSError):
                    pass
                time.sleep(every)

        threading.Thread(target=run, name=f"watch {self.index_root}", daemon=True).start()

    def view(self) -> IndexView:
        """The view of the live index, reopened when a new generation or commit appeared."""
        generation = current_generation(self.index_root)
        if generation is None:
            raise IndexMissing(f"no index in {self.index_root}: build it with `python -m searchsvc index`")
        view = self._view
        if view is not None and view.generation == generation and view.fresh():
            return view
        with self._lock:
            view = self._view
            if view is None or view.generation != generation or not view.fresh():
                self._view = self.view_class(generation)  # the old view is left to finish its searches
            return self._view

    def search(self, request: SearchRequest) -> SearchResult:
        """parse → select → match and rank → facets → the page's hits with snippets."""
        started = time.perf_counter()
        view = self.view()
        compiler = Compiler(view.store, view.facet_terms, strict=request.strict)
        parsed = parse(request.q, strict=request.strict)
        selection = select(view.facets, view.dates, view.live, request)

        # a query with nothing to search for (emoji, punctuation) finds nothing, not everything
        tiers = self.match(view, compiler, parsed, selection.filtered) if parsed or not request.q.strip() else []
        if request.effective_sort is Sort.RELEVANCE:
            tiers = rerank(view, parsed, tiers)
        relaxed = len(tiers) > 1 or bool(tiers) and tiers[0].relaxed
        dropped = next((t.missing for t in tiers if t.relaxed and (t.docs & selection.filtered).any()), ())
        matches = np.logical_or.reduce([t.docs for t in tiers]) if tiers else np.zeros(view.doc_count, bool)
        in_range = matches & selection.filtered
        total = int(np.count_nonzero(in_range))
        undated = int(np.count_nonzero(self.undated(view, selection) & matches))

        facets_cut = request.facets and time.perf_counter() - started > TIME_BUDGET_SECONDS
        facets = count_all(view.facets, view.dates, matches, selection, request) if request.facets and not facets_cut else {}

        highlighter = highlight_of(parsed)
        hits_between = partial(self.hits_between, view, tiers, in_range, request, highlighter,
                               ranked=bool(parsed.text_clauses))
        first = (request.page - 1) * request.per_page
        hits = hits_between(first, first + request.per_page)
        strict_total = 0 if relaxed else total
        suggestion = (self.suggestion(view, request, parsed, selection.filtered, strict_total)
                      if strict_total < RELAX_BELOW else None)
        if not total and suggestion and request.autocorrect and confident(view.spelling, request.q, suggestion):
            corrected = self.search(dataclasses.replace(request, q=suggestion, autocorrect=False))
            if corrected.total:  # the page shows these, and offers the query as typed
                return dataclasses.replace(corrected, request=request, suggestion=suggestion, corrected_to=suggestion)
        return SearchResult(request=request, total=total, hits=hits, facets=facets, relaxed=relaxed,
                            dropped=dropped if relaxed else (), suggestion=suggestion,
                            took_ms=round((time.perf_counter() - started) * 1000, 2),
                            highlighter=highlighter, facets_cut=facets_cut, hits_between=hits_between,
                            undated=undated, undated_left_out=undated if selection.in_dates is not None else 0)

    @staticmethod
    def undated(view: IndexView, selection) -> np.ndarray:
        """The live documents without a date that pass every filter but the dates (« sans date »)."""
        undated = view.live & (view.dates.dates == 0)
        for mask in selection.masks.values():
            undated &= mask
        return undated

    @staticmethod
    def suggestion(view: IndexView, request: SearchRequest, parsed: ParsedQuery, filtered: np.ndarray,
                   found: int) -> str | None:
        """A corrected query, offered only when it finds more announcements with all its words."""
        corrected = suggest(view.spelling, request.q, parsed)
        if corrected is None:
            return None
        query = Compiler(view.store, view.facet_terms, strict=False).required(parse(corrected, strict=False))
        return corrected if np.count_nonzero(view.evaluate(query)[0] & filtered) > found else None

    def match(self, view: IndexView, compiler: Compiler, parsed: ParsedQuery, filtered: np.ndarray) -> list[Tier]:
        """The matches in ranking tiers: announcements holding all the words first; when fewer than
        RELAX_BELOW of those pass the filters, then those holding all but one word, and so on."""
        strict, scores = view.evaluate(compiler.required(parsed))
        tiers = [Tier(strict, scores)]
        text = parsed.text_clauses
        if len(text) < 2 or np.count_nonzero(strict & filtered) >= RELAX_BELOW:
            return tiers
        others = [c for c in parsed.required if c not in text]
        held = np.zeros(view.doc_count, dtype=np.int32)
        holders, rare = [], np.zeros(view.doc_count, bool)  # rare: holds a word that is not too common
        for clause in text:
            alone = ParsedQuery(required=[clause, *others], excluded=parsed.excluded)
            holders.append(view.evaluate(compiler.required(alone))[0])
            held += holders[-1]
            if np.count_nonzero(holders[-1] & view.live) <= FREQUENT_SHARE * view.documents:
                rare |= holders[-1]
        _, any_scores = view.evaluate(compiler.required(parsed, relaxed=True))
        for count in range(len(text) - 1, min_held(len(text)) - 1, -1):
            docs = (held == count) & rare
            tiers.append(Tier(docs, any_scores, relaxed=True, missing=missing_words(text, holders, docs & filtered)))
        return [t for t in tiers if t.docs.any()]

    def hits_between(self, view: IndexView, tiers: list[Tier], in_range: np.ndarray, request: SearchRequest,
                     highlighter: Highlighter, first: int, last: int, ranked: bool = True) -> list[Hit]:
        """The hits ranked first..last in the request's order; `in_range` is every match that passes
        the filters. Without words to rank by (filters alone, `personne:…`), the newest come first."""
        if request.effective_sort is Sort.RELEVANCE and request.q.strip() and ranked:
            ranked = self.by_relevance(tiers, in_range, first, last)
        else:
            docs = np.flatnonzero(in_range)
            dates = view.dates.dates[docs]
            newest_first = request.effective_sort is not Sort.DATE_ASC
            order = np.lexsort((docs, -dates if newest_first else np.where(dates > 0, dates, 1 << 40)))
            ranked = [(int(d), None) for d in docs[order[first:last]]]
        hits = []
        for docnum, score in ranked:
            announcement = view.announcement(docnum)
            hits.append(Hit(announcement, round(score, 3) if score is not None else None,
                            highlighter.mark(announcement.title), highlighter.snippets(announcement.text)))
        return hits

    @staticmethod
    def by_relevance(tiers: list[Tier], filtered: np.ndarray, first: int, last: int) -> list[tuple[int, float]]:
        """(docnum, score) of ranks first..last: tier by tier, by score within a tier (ties in
        document order, so pages never overlap)."""
        ranked, position = [], 0
        for tier in tiers:
            docs = np.flatnonzero(tier.docs & filtered)
            size = len(docs)
            if position + size > first:
                wanted = min(size, last - position)
                scores = tier.scores[docs]
                if wanted < size:  # only the best need sorting: keep those at or above the cut
                    cut = -np.partition(-scores, wanted - 1)[wanted - 1]
                    keep = scores >= cut
                    docs, scores = docs[keep], scores[keep]
                order = np.lexsort((docs, -scores))[max(0, first - position):wanted]
                ranked += [(int(docs[i]), float(scores[i])) for i in order]
            position += size
            if position >= last:
                break
        return ranked

    def similar(self, id: str, count: int = SIMILAR_COUNT) -> list[tuple[Announcement, float]] | None:
        """The announcements closest to `id` by its key terms (None when `id` is unknown)."""
        view = self.view()
        docnum = view.docnum(id)
        if docnum is None:
            return None
        a = view.announcement(docnum)
        similar = view.store.more_like(docnum, "body", a.title + "\n" + a.text, top=count, terms=SIMILAR_TERMS)
        return [(view.announcement(other), round(score, 3)) for other, score in similar]

    def facet_values(self, facet: str, prefix: str = "", limit: int = 20) -> list[FacetValue]:
        """Values of a facet whose label starts with `prefix` (accent-insensitive), most used first."""
        view = self.view()
        field_ = view.facets[facet]
        counts = field_.counts(view.live)
        found = field_.matching(prefix) if prefix.strip() else field_.values
        ranked = sorted(found, key=lambda v: (-counts[field_.position[v]], label(facet, v)))
        return [FacetValue(v, label(facet, v), int(counts[field_.position[v]]), False)
                for v in ranked[:limit] if counts[field_.position[v]]]

    def document(self, id: str) -> Announcement | None:
        view = self.view()
        docnum = view.docnum(id)
        return view.announcement(docnum) if docnum is not None else None

    def highlighter(self, q: str) -> Highlighter:
        """What the words of `q` (read leniently, as the web box does) mark in a text."""
        return highlight_of(parse(q, strict=False))

    def person_variants(self, name: str) -> list[str]:
        """The other names the corpus gives the person `name` (the indexer's `person_variants`)."""
        return list(self.view().info.get("person_variants", {}).get(name, ()))

    def resolve(self, facet: str, written: str) -> list[str]:
        """The facet values a person's spelling stands for ("stoltenberg" → "Jens Stoltenberg")."""
        return self.view().facet_terms(facet, written)

    def build_info(self) -> dict:
        """The live generation's BUILD.json: documents, built_at, seconds, corpus."""
        return dict(self.view().info)

    def health(self) -> dict:
        view = self.view()
        return {"documents": view.documents, "generation": view.generation.name,
                "commit": view.store.commit, "built_at": view.info.get("built_at")}
