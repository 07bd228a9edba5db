"""Metadata of an announcement: date, people, countries, regions, topics.

`extract_metadata` is the one entry point; each concern lives in its own module (dates, persons,
places, topics). English photo captions are set aside first: the metadata describe the French text.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from searchsvc.metadata.dates import choose_page_date, parse_page_date_line, text_date
from searchsvc.metadata.persons import find_persons
from searchsvc.metadata.places import find_countries, find_regions_named, regions_of
from searchsvc.metadata.quotes import Passage, find_quotes
from searchsvc.metadata.topics import find_topics

__all__ = ["Metadata", "Passage", "extract_metadata", "parse_page_date_line", "choose_page_date"]


@dataclass(frozen=True)
class Metadata:
    date: datetime.date | None
    persons: tuple[str, ...]         # canonical full names, order of first mention
    countries: tuple[str, ...]       # ISO 3166-1 alpha-2 (XK = Kosovo), sorted
    regions: tuple[str, ...]         # region slugs: from the countries + regions_named, sorted
    regions_named: tuple[str, ...]   # region slugs the text names outright, sorted
    topics: tuple[str, ...]          # topic slugs, main subjects, best first (1–4)
    quotes: tuple[Passage, ...] = ()  # speech passages, text order (paragraph 0: the title)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH = set("""the of and with to in at for on by from is are was his her their its this that
meets meeting met secretary general minister president prime chief during visit visits photo photos
defence defense foreign affairs nato's left right center centre deputy ambassador permanent
representative supreme allied commander speech press conference briefing transcript video high
resolution between november december october september january february march april june july
august""".split())
_FRENCH = set("""le la les de des du et à en un une est pour au aux sur avec par qui que dans a son
sa ses l d qu ce cette il elle ont sont été lors entre ministre secrétaire général""".split())


def is_english(line: str) -> bool:
    """English photo captions and link titles (`NATO Secretary General … meets with …`)."""
    words = [w.lower() for w in _WORD.findall(line)]
    english = sum(w in _ENGLISH for w in words)
    french = sum(w in _FRENCH for w in words)
    return english >= 2 and english > french


def _french(text: str) -> str:
    """The text without English lines and photo credits (kept as blank lines: offsets stay sane)."""
    return "\n".join("" if is_english(line) or line.lstrip().startswith("Photo") else line
                     for line in text.split("\n"))


def extract_metadata(title: str, text: str, page_date: datetime.date | None) -> Metadata:
    """title: the announcement's title line (may be ''); text: the body with site chrome and
    page-date lines already removed (paragraphs separated by '\\n'; may include English photo captions
    and may be cut mid-sentence)."""
    title = "" if is_english(title) else title
    body = _french(text)
    whole = title + "\n\n" + body
    persons, person_spans = find_persons(whole)
    countries = find_countries(whole, skip=person_spans)
    named = find_regions_named(whole)
    date = text_date(title, body, page_date) or page_date
    return Metadata(
        date=date,
        persons=tuple(persons),
        countries=tuple(sorted(countries)),
        regions=tuple(sorted(set(regions_of(countries)) | set(named))),
        regions_named=tuple(sorted(named)),
        topics=tuple(find_topics(title, body, countries, date)),
        quotes=tuple(p for p in find_quotes(whole, persons, person_spans, date) if p.kind == "speech"),
    )
