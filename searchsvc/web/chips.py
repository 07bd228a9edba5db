"""Links the pages are made of, and the chips of a result (its persons, countries and topics).

A result's chip narrows the search to its value alone: a journalist clicking « Pologne » in a result
means « only Pologne », not « or Pologne » (the sidebar's facet values combine with OR). A chip is
named with its facet for screen readers, and visibly when two chips of a result read the same
(Ukraine the country and Ukraine the topic).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import g, url_for

from searchsvc.facet_registry import FACETS
from searchsvc.model import Announcement
from searchsvc.web.state import State, query_string, replaced, values


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None
    selected: bool = False
    kind: str = ""  # what a chip is: Personne, Pays…
    facet: str = ""  # a result's chip: its facet in French (« pays »), named to screen readers
    ambiguous: bool = False  # another chip of the result reads the same (Ukraine: pays and thème)


def search_url(state: State) -> str:
    """The list page of `state`: the announcements, or the quotations when a page of them is built
    (web/quote_pages.py sets g.list_endpoint)."""
    qs = query_string(state)
    return url_for(g.get("list_endpoint", "pages.search")) + ("?" + qs if qs else "")


def result_chips(a: Announcement, state: State) -> list[Link]:
    """The chips of a result, each linking to the search narrowed to its value alone."""
    shown = [(kind, value, kind.label(value)) for kind in FACETS if kind.chip_class
             for value in getattr(a, kind.attribute)]
    repeated = Counter(label for _, _, label in shown)
    return [Link(label, search_url(replaced(replaced(state, kind.french, [value]), "page", [])),
                 selected=value in values(state, kind.french), kind=kind.chip_class, facet=kind.kind.lower(),
                 ambiguous=repeated[label] > 1)
            for kind, value, label in shown]
