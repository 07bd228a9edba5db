"""The facets, described once: every module that lists them iterates over FACETS.

One class per kind of facet (Datasette's model): what it is called in the index, the API, the
pages and the query language, its French title, how a value reads, which Announcement attribute
holds its values, and how a value typed by a person resolves to the values the index holds
(`resolve`, one method a kind may override: aliases, canonical names). The date facet is a kind of
its own: it counts years or months, and filters by range, not by value.
"""

from __future__ import annotations

from typing import Mapping

from searchsvc import taxonomy
from searchsvc.aliases import aliases
from searchsvc.analysis import fold

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


class FacetKind:
    name = ""  # index field, API parameter and answer key: person, country, region, topic
    french = ""  # the pages' parameter and the query's field prefix: personne, pays, region, theme
    title = ""  # French heading of the facet's list (plural)
    kind = ""  # French name of one value's kind (« Personne »), for filter chips
    attribute = ""  # the Announcement attribute holding the values, also the records' JSON key
    value_key: str | None = None  # key of a value beside its label in the API's records (None: bare values)
    chip_class: str | None = None  # a result's values shown as chips of this CSS class (None: not shown)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a query prefix or a parameter may give the facet."""
        return tuple(dict.fromkeys((self.french, self.name)))

    def label(self, value: str) -> str:
        return value

    def resolve(self, written: str, values: Mapping[str, int], by_folded: dict[str, list[str]]) -> list[str]:
        """The values a person's spelling stands for, among the facet's `values` (value → position,
        in index order): exact, else accent- and case-insensitive ("neron" → "Néron"), else labels
        ("France" → FR). `by_folded`: folded value or label → values (built once per index)."""
        if written in values:
            return [written]
        return by_folded.get(" ".join(fold(written).split()), [])


class PersonFacet(FacetKind):
    name, french, title, kind, attribute, chip_class = "person", "personne", "Personnes", "Personne", "persons", "person"

    def resolve(self, written, values, by_folded):
        """… else a name containing the words ("stoltenberg" → "Jens Stoltenberg")."""
        found = super().resolve(written, values, by_folded)
        if found:
            return found
        words = set(fold(written).split())
        return [v for v in values if words <= set(fold(v).split())]


class CountryFacet(FacetKind):
    name, french, title, kind, attribute, value_key = "country", "pays", "Pays", "Pays", "countries", "code"
    chip_class = "place"

    def label(self, value: str) -> str:
        return taxonomy.country_label(value)

    def resolve(self, written, values, by_folded):
        """… else any name of the alias table: French or English, old or new, a group of countries
        ("Turquie", "Turkey", "USA", "ARYM", "pays baltes")."""
        return super().resolve(written, values, by_folded) or [
            code for code in aliases().country_codes(written) if code in values]


class RegionFacet(FacetKind):
    name, french, title, kind, attribute, value_key = "region", "region", "Régions", "Région", "regions", "slug"

    def label(self, value: str) -> str:
        return taxonomy.region_label(value)


class TopicFacet(FacetKind):
    name, french, title, kind, attribute, value_key = "topic", "theme", "Thèmes", "Thème", "topics", "slug"
    chip_class = "topic"

    def label(self, value: str) -> str:
        return taxonomy.topic_label(value)


class DateFacet:
    """Years (YYYY), or the months of one year (YYYY-MM) when the dates select exactly that year."""
    name = "year"
    french = ("du", "au")  # the pages' parameters of the range it filters by
    attribute = "date"

    def label(self, value: str) -> str:
        if "-" in value:
            year, month = value.split("-")
            return f"{MONTHS[int(month) - 1]} {year}"
        return value


FACETS: tuple[FacetKind, ...] = (PersonFacet(), CountryFacet(), RegionFacet(), TopicFacet())
BY_NAME: dict[str, FacetKind] = {kind.name: kind for kind in FACETS}
NAMES: tuple[str, ...] = tuple(BY_NAME)  # person, country, region, topic
DATES = DateFacet()


def label(facet: str, value: str) -> str:
    """How a value of a facet (or "year"/"month" of the date facet) reads on a page."""
    kind = BY_NAME.get(facet)
    if kind is not None:
        return kind.label(value)
    return DATES.label(value) if facet == "month" else value
