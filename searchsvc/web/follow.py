"""The « Suivre cette recherche » page: how to follow a search in a feed reader, its Atom URL to copy.

A browser shows an Atom feed as raw XML, so the page's « Suivre » link leads here rather than to
the feed; feed readers find the feed itself through the search page's <link rel="alternate">.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import current_app, url_for

from searchsvc.facet_registry import BY_NAME
from searchsvc.search import SearchResult
from searchsvc.web.feed import FEED_ENTRIES
from searchsvc.web.french import date_label, quoted
from searchsvc.web.state import FACET_PARAMS, State, english_parameters, first, values

READERS = ("Feedly", "Inoreader", "NetNewsWire", "Thunderbird", "Vivaldi")  # well-known, free to start


@dataclass(frozen=True)
class FollowView:
    feed_url: str  # absolute, on the public address: what a reader subscribes to
    search_url: str  # the same search on the results page
    described: str  # the search in French
    total: int
    newest: datetime.date | None
    entries: int
    readers: str = ", ".join(READERS)


def feed_url(state: State, absolute: bool = False) -> str:
    """The search's Atom feed (newest first whatever the page's order)."""
    params = [(name, value) for name, value in english_parameters(state) if name != "sort"]
    path = url_for("api.search_atom") + ("?" + urlencode(params) if params else "")
    return current_app.config["PUBLIC_URL"] + path if absolute else path


def follow_url(state: State) -> str:
    kept = [(name, value) for name, value in state if name not in ("page", "par_page", "tri")]
    return url_for("pages.follow") + ("?" + urlencode(kept) if kept else "")


def describe(state: State) -> str:
    """« les annonces contenant « sommet », thème Cyberdéfense, année 2023 »."""
    parts = [f"contenant {quoted(first(state, 'q').strip())}"] if first(state, "q").strip() else []
    for facet, param in FACET_PARAMS.items():
        for value in values(state, param):
            parts.append(f"{BY_NAME[facet].kind.lower()} {BY_NAME[facet].label(value)}")
    if first(state, "du") or first(state, "au"):
        parts.append(date_label(first(state, "du"), first(state, "au")))
    return "les annonces " + ", ".join(parts) if parts else "toutes les annonces"


def follow_view(state: State, result: SearchResult, search_url: str) -> FollowView:
    """The page for the search `state` describes; `result`: its newest announcement first."""
    newest = next((hit.announcement.date for hit in result.hits if hit.announcement.date), None)
    return FollowView(feed_url(state, absolute=True), search_url, describe(state), result.total, newest,
                      FEED_ENTRIES)
