"""Metadata of an announcement: date, people, countries, regions, topics.

`extract_metadata` is the one entry point; each concern lives in its own module (dates, persons,
places, topics). English photo captions are set aside first: the metadata describe the French text.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from searchsvc.metadata.dates import YearHints, choose_page_date, parse_page_date_line, text_date
from searchsvc.metadata.persons import find_persons
from searchsvc.metadata.places import find_countries, find_regions_named, fold, regions_of
from searchsvc.metadata.quotes import Passage, find_quotes
from searchsvc.metadata.topics import find_topics
from searchsvc.metadata.years import id_span, period, url_date
from searchsvc.sentences import is_english

__all__ = ["Metadata", "Passage", "extract_metadata", "parse_page_date_line", "choose_page_date", "is_english"]


@dataclass(frozen=True)
class Metadata:
    date: datetime.date | None
    persons: tuple[str, ...]         # canonical full names, order of first mention
    countries: tuple[str, ...]       # ISO 3166-1 alpha-2 (XK = Kosovo), sorted
    regions: tuple[str, ...]         # region slugs: from the countries + regions_named, sorted
    regions_named: tuple[str, ...]   # region slugs the text names outright, sorted
    topics: tuple[str, ...]          # topic slugs, main subjects, best first (1–4)
    quotes: tuple[Passage, ...] = ()  # speech passages, text order (paragraph 0: the title)


def _french(text: str) -> str:
    """The text without English lines and photo credits (kept as blank lines: offsets stay sane)."""
    return "\n".join("" if is_english(line) or line.lstrip().startswith("Photo") else line
                     for line in text.split("\n"))


def extract_metadata(title: str, text: str, page_date: datetime.date | None, url: str | None = None,
                     update_date: datetime.date | None = None) -> Metadata:
    """title: the announcement's title line (may be ''); text: the body with site chrome and
    page-date lines already removed (paragraphs separated by '\\n'; may include English photo captions
    and may be cut mid-sentence); page_date: the page's own date line; url: the page's address (its
    date or year when the page has none); update_date: an update stamp, the date of last resort."""
    title = "" if is_english(title) else title
    body = _french(text)
    whole = title + "\n\n" + body
    folded = fold(whole)  # once for every finder
    persons, person_spans = find_persons(whole, folded)
    countries = find_countries(whole, skip=person_spans, folded=folded)
    named = find_regions_named(whole, folded)
    from_url, url_year, url_month = url_date(url)
    page_date = page_date or from_url
    ids = id_span(url)  # a page of the new site made between two known pages: the likeliest year and month
    if ids and not url_year:
        url_year, url_month = ids[1].year, ids[1].month
    span = (ids[0], ids[2]) if ids else period(url_year, url_month)
    hints = YearHints(url_year, url_month, span=span)
    date = text_date(title, body, page_date, hints) or page_date or update_date
    return Metadata(
        date=date,
        persons=tuple(persons),
        countries=tuple(sorted(countries)),
        regions=tuple(sorted(set(regions_of(countries)) | set(named))),
        regions_named=tuple(sorted(named)),
        topics=tuple(find_topics(title, body, countries, date)),
        quotes=tuple(p for p in find_quotes(whole, persons, person_spans, date, folded) if p.kind == "speech"),
    )
