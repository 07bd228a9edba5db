"""Search results as the JSON contract of DESIGN §7 (change it only by adding)."""

from __future__ import annotations

from searchsvc.facet_registry import DATES, FACETS, NAMES, FacetKind
from searchsvc.model import Announcement
from searchsvc.search import SearchResult
from searchsvc.search.facets import Facet

FACET_NAMES = (*NAMES, DATES.name)  # every answer lists them all, empty when the time budget cut them


def search_payload(result: SearchResult) -> dict:
    r = result.request
    query = {"q": r.q, "filters": {k: list(v) for k, v in r.filters.items() if v},
             "sort": r.effective_sort.value, "page": r.page, "per_page": r.per_page}
    if r.date_from:
        query["from"] = r.date_from.isoformat()
    if r.date_to:
        query["to"] = r.date_to.isoformat()
    return {
        "query": query,
        "total": result.total,
        "took_ms": result.took_ms,
        "hits": [dict(announcement_summary(hit.announcement), score=hit.score, title_html=hit.title_html,
                      snippets=hit.snippets) for hit in result.hits],
        "facets": {name: facet_payload(result.facets.get(name)) for name in FACET_NAMES},
        "facets_more": {name: bool(name in result.facets and result.facets[name].more) for name in FACET_NAMES},
        "facets_cut": result.facets_cut,
        "suggestion": result.suggestion,
        "relaxed": result.relaxed,
        "dropped": list(result.dropped),
        "corrected_to": result.corrected_to,
        "undated": result.undated,
        "undated_left_out": result.undated_left_out,
    }


def facet_payload(facet: Facet | None) -> list[dict]:
    if facet is None:
        return []
    return [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in facet.values]


def announcement_summary(a: Announcement) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        **{kind.attribute: facet_values(kind, getattr(a, kind.attribute)) for kind in FACETS},
    }


def facet_values(kind: FacetKind, values: tuple[str, ...]) -> list:
    """Bare values (persons), or each value under the kind's key beside its French label."""
    if kind.value_key is None:
        return list(values)
    return [{kind.value_key: v, "label": kind.label(v)} for v in values]


def announcement_payload(a: Announcement) -> dict:
    return dict(announcement_summary(a), text=a.text, source=a.source, content_hash=a.content_hash,
                quotes=[{"text": q.text, "speaker": q.speaker, "attribution": q.attribution, "paragraph": q.paragraph}
                        for q in a.quotes])
