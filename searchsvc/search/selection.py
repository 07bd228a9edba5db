"""The filters of a request, resolved against one index generation: which documents they keep.

Each written filter value stands for the facet values it resolves to (none: unknown, it matches
nothing). Facet counting needs each facet's own selection apart (search.facets.count_all), so the
masks are kept per facet as well as combined.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchsvc.search.request import SearchRequest


@dataclass(frozen=True)
class Selection:
    resolved: dict[str, dict[str, list[str]]]  # facet → written value → the facet values it stands for
    chosen: dict[str, tuple[str, ...]]  # facet → the facet values selected, in order, once each
    masks: dict[str, np.ndarray]  # facet → documents with any chosen value (facets the request filters)
    in_dates: np.ndarray | None  # documents within the request's dates (None: no date filter)
    filtered: np.ndarray  # live documents passing every filter


def select(fields: dict, dates, live: np.ndarray, request: SearchRequest) -> Selection:
    """`fields`: facet name → search.facets.FacetField; `dates`: search.facets.DateColumn."""
    resolved = {name: {w: fields[name].resolve(w) for w in values} for name, values in request.filters.items()}
    chosen = {name: tuple(dict.fromkeys(v for found in r.values() for v in found)) for name, r in resolved.items()}
    masks = {name: fields[name].docs_with(values) for name, values in chosen.items() if request.filters[name]}
    in_dates = dates.within(request.date_from, request.date_to)
    filtered = live.copy()
    for mask in masks.values():
        filtered &= mask
    if in_dates is not None:
        filtered &= in_dates
    return Selection(resolved, chosen, masks, in_dates, filtered)
