"""Search: request → our own query types → matches, facets, ranked and highlighted hits (no HTTP)."""

from searchsvc.search.request import FACETS, RequestError, SearchRequest, Sort
from searchsvc.search.service import Hit, IndexDamaged, IndexMissing, SearchResult, SearchService

__all__ = ["FACETS", "Hit", "IndexDamaged", "IndexMissing", "RequestError", "SearchRequest", "SearchResult", "SearchService", "Sort"]
