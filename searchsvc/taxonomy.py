"""The product's own vocabulary for facets: regions and topics (searchsvc/data/*.tsv, copies of the
shared taxonomy so that a fresh clone runs alone) and French labels for countries, regions, topics."""
from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

import pycountry

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Region:
    slug: str
    label: str
    countries: tuple[str, ...]   # ISO alpha-2 codes
    named_as: tuple[str, ...]    # how a text names the region outright


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    scope: str


def _rows(name: str):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[1:] if line.strip()]  # first line: header


def _listed(cell: str, sep: str) -> tuple[str, ...]:
    cell = cell.strip()
    return () if cell.startswith("(none") else tuple(x.strip() for x in cell.split(sep) if x.strip())


REGIONS: dict[str, Region] = {
    slug: Region(slug, label, _listed(countries, " "), _listed(named, ","))
    for slug, label, countries, named in _rows("regions.tsv")
}
TOPICS: dict[str, Topic] = {slug: Topic(slug, label, scope) for slug, label, scope in _rows("topics.tsv")}
REGION_OF_COUNTRY: dict[str, str] = {code: r.slug for r in REGIONS.values() for code in r.countries}

# pycountry's French names, except where NATO's French pages (and our readers) use another form.
# TR: NATO has written « Türkiye » since 2022; pycountry says « Turquie ».
_LABELS = {"TR": "Türkiye", "XK": "Kosovo", "MD": "République de Moldova", "GL": "Groenland",
           "CZ": "République tchèque"}
_FR = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def country_label(code: str) -> str:
    """French name of a country: 'BE' → 'Belgique', 'XK' → 'Kosovo', 'TR' → 'Türkiye'; unknown → code."""
    if code in _LABELS:
        return _LABELS[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = _FR.gettext(getattr(country, "common_name", None) or country.name)
    name = name.split(",")[0] if "," in name else name  # `Russie, Fédération de` → `Russie`
    return name.replace("'", "’")  # Côte d’Ivoire: the typographic apostrophe, as every label of ours


def region_label(slug: str) -> str:
    region = REGIONS.get(slug)
    return region.label if region else slug


def topic_label(slug: str) -> str:
    topic = TOPICS.get(slug)
    return topic.label if topic else slug
