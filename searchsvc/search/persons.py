"""A person's profile: what the archive holds about one person, from searches it already answers.

Everything comes from the `person` facet and two searches filtered on the person (announcements,
quotations), so a profile costs what a results page costs: the announcements naming them, their
count per year, the countries, topics and people most often named with them, their latest
quotations. A person is addressed by a slug of their canonical name (`jens-stoltenberg`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from searchsvc.analysis import fold
from searchsvc.search.facets import FacetValue
from searchsvc.search.request import SearchRequest, Sort
from searchsvc.search.service import Hit, SearchService

LATEST = 10  # announcements listed on a profile, newest first
LATEST_QUOTES = 5
ALONGSIDE = 8  # countries, topics and people listed as most associated
MAX_PREFIX = 100


def slug(name: str) -> str:
    """`Jens Stoltenberg` → `jens-stoltenberg`, `Mircea Geoană` → `mircea-geoana`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


@dataclass(frozen=True)
class Profile:
    name: str
    slug: str
    variants: list[str]         # other names the corpus gives them (`Lord Robertson`, `M. Robertson`)
    announcements: int
    years: list[FacetValue]     # per year, oldest first
    countries: list[FacetValue]
    topics: list[FacetValue]
    alongside: list[FacetValue]  # people most often named in the same announcements
    quotes: list[Hit]           # latest quotations (hits of the quotations' service)
    latest: list[Hit]           # latest announcements


def person_of(service: SearchService, wanted: str) -> str | None:
    """The person facet's value whose slug is `wanted` (the most named one when two share it)."""
    found = [v for v in service.facet_values("person", "", limit=1_000_000) if slug(v.value) == wanted]
    return found[0].value if found else None


def persons(service: SearchService, prefix: str, limit: int) -> list[FacetValue]:
    """People whose name (or any word of it) starts with `prefix`, most named first."""
    return service.facet_values("person", prefix[:MAX_PREFIX], limit)


def profile(service: SearchService, quotes: SearchService, wanted: str) -> Profile | None:
    name = person_of(service, wanted)
    if name is None:
        return None
    # the other names the corpus gives them (`Lord Robertson`, `Karzaï`): the indexer made them this
    # one value (metadata.canonical), so the page shows them and searches the canonical name only
    variants = service.person_variants(name)
    # the person as a query, not a filter: every facet is then counted over their announcements
    found = service.search(SearchRequest(q=f'personne:"{name}"', sort=Sort.DATE, per_page=LATEST, strict=False))
    said = quotes.search(SearchRequest(person=(name,), sort=Sort.DATE, per_page=LATEST_QUOTES, facets=False))
    return Profile(
        name=name, slug=wanted, variants=variants, announcements=found.total,
        years=sorted(found.facets["year"].values, key=lambda v: v.value),
        countries=found.facets["country"].values[:ALONGSIDE], topics=found.facets["topic"].values[:ALONGSIDE],
        alongside=[v for v in found.facets["person"].values if v.value != name][:ALONGSIDE],
        quotes=said.hits, latest=found.hits)
