"""Search results as the JSON contract of DESIGN §7 (change it only by adding)."""

from __future__ import annotations

from searchsvc import taxonomy
from searchsvc.ingest import Announcement
from searchsvc.search import FACETS, SearchResult
from searchsvc.search.facets import Facet

FACET_NAMES = (*FACETS, "year")  # every answer lists them all, empty when the time budget cut them


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
        "persons": list(a.persons),
        "countries": [{"code": c, "label": taxonomy.country_label(c)} for c in a.countries],
        "regions": [{"slug": s, "label": taxonomy.region_label(s)} for s in a.regions],
        "topics": [{"slug": s, "label": taxonomy.topic_label(s)} for s in a.topics],
    }


def announcement_payload(a: Announcement) -> dict:
    return dict(announcement_summary(a), text=a.text, source=a.source, content_hash=a.content_hash)
