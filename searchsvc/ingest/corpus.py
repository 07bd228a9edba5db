"""Corpus → announcements: read every file, strip the chrome, find the title, extract the metadata.

Two passes over the files: the first counts the lines documents share (chrome by repetition), the
second builds the announcements. Only the counts stay in memory, so corpus size is not bounded by it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from searchsvc.ingest.accents import AccentLexicon, repair
from searchsvc.ingest.chrome import RepeatedLines, strip_chrome
from searchsvc.ingest.readers import Problem, RawDocument, content_hash, corpus_listing, read_file
from searchsvc.ingest.titles import split_title
from searchsvc.model import Announcement, Quote
from searchsvc.metadata import extract_metadata
from searchsvc.metadata.dates import choose_page_date

__all__ = ["CorpusReport", "Page", "read_corpus", "page_of", "announcement_from_raw", "announcement_from_text",
           "repeated_lines", "corpus_shared", "Shared", "split_title"]


@dataclass
class CorpusReport:
    files: int = 0
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]


def read_corpus(corpus: Path, report: CorpusReport | None = None, convert=None) -> Iterator[Announcement]:
    """Yields every readable announcement of the corpus; problems go to `report` as they occur.
    `convert(items, shared)` turns the files' raw documents into announcements, in order,
    problems passed through (default: one at a time here; ingest.parallel: in worker processes)."""
    convert = convert or convert_in_order
    report = report if report is not None else CorpusReport()
    files, refused = corpus_listing(corpus)
    report.files = len(files)
    report.problems.extend(refused)
    shared = corpus_shared(item for path in files for item in read_file(path, source_name(path, corpus))
                           if isinstance(item, RawDocument))

    items = (item for path in files for item in read_file(path, source_name(path, corpus)))
    ids: dict[str, str] = {}  # id → content hash, to tell a duplicate from an id clash
    for item in convert(items, shared):
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        announcement = unique(item, ids, report)
        if announcement is not None:
            report.documents += 1
            yield announcement


def source_name(path: Path, corpus: Path) -> str:
    return str(path.relative_to(corpus)) if path != corpus else path.name


def repeated_lines(documents: Iterable[RawDocument]) -> frozenset[str]:
    """The lines shared by so many documents that they are page furniture (ingest.chrome)."""
    return corpus_shared(documents).lines


@dataclass(frozen=True)
class Shared:
    """What the whole corpus tells about each of its pages."""
    lines: frozenset[str] = frozenset()  # page furniture, by repetition (ingest.chrome)
    accents: Mapping[str, str] = field(default_factory=dict)  # repairs of words that lost accents


def corpus_shared(documents: Iterable[RawDocument]) -> Shared:
    """One pass over the corpus: its repeated lines and its lexicon of accented words."""
    repeated, lexicon = RepeatedLines(), AccentLexicon()
    for document in documents:
        repeated.add(document.text)
        lexicon.add(document.text)
    return Shared(repeated.frozen(), lexicon.repairs())


def unique(announcement: Announcement, ids: dict[str, str], report: CorpusReport) -> Announcement | None:
    """Drops an exact duplicate; gives a clashing id (same id, other text) a numbered suffix."""
    seen = ids.get(announcement.id)
    if seen == announcement.content_hash:
        report.problems.append(Problem(announcement.source, f"duplicate of announcement {announcement.id}"))
        return None
    if seen is not None:
        number = 2
        while f"{announcement.id}-{number}" in ids:
            number += 1
        new_id = f"{announcement.id}-{number}"
        report.problems.append(Problem(announcement.source, f"id {announcement.id} already used by other "
                                                            f"text: indexed as {new_id}", skipped=False))
        announcement = replace(announcement, id=new_id)
    ids[announcement.id] = announcement.content_hash
    return announcement


@dataclass(frozen=True)
class Page:
    """What a raw document holds once its chrome is gone."""
    title: str
    text: str
    page_date: datetime.date | None  # the page's own date line (never an update stamp)
    update_date: datetime.date | None = None  # an update stamp: the date of last resort
    url: str | None = None


def page_of(raw: RawDocument, shared: Shared | frozenset[str] = frozenset()) -> Page | Problem:
    shared = shared if isinstance(shared, Shared) else Shared(frozenset(shared))
    stripped = strip_chrome(raw.text, shared.lines)
    if not stripped.lines:
        return Problem(raw.source, "no text left once the site chrome is removed")
    lines = repair("\n".join(stripped.lines), shared.accents).split("\n")  # same lines, words restored
    title, body = split_title(lines, raw.title, stripped.starts, stripped.after_date)
    page_date = choose_page_date(stripped.date_lines, stamps=False)
    update_date = None if page_date else choose_page_date(stripped.date_lines)
    return Page(title, "\n".join(body), page_date, update_date, raw.url)


def convert_in_order(items: Iterable[RawDocument | Problem], shared: Shared) -> Iterator[Announcement | Problem]:
    for item in items:
        yield item if isinstance(item, Problem) else announcement_from_raw(item, shared)


def announcement_from_raw(raw: RawDocument, shared: Shared | frozenset[str] = frozenset()) -> Announcement | Problem:
    page = page_of(raw, shared)
    return page if isinstance(page, Problem) else announcement_of(raw, page)


def announcement_of(raw: RawDocument, page: Page) -> Announcement:
    """The announcement of a page: its metadata extracted."""
    title, text = page.title, page.text
    metadata = extract_metadata(title, text, page.page_date, page.url, page.update_date)
    return Announcement(
        id=raw.id, title=title, text=text, url=raw.url, date=raw.date or metadata.date,
        persons=metadata.persons, countries=metadata.countries, regions=metadata.regions,
        topics=metadata.topics, source=raw.source, content_hash=content_hash(raw.text),
        quotes=tuple(Quote(q.text, q.speaker, q.attribution, q.paragraph) for q in metadata.quotes))


def announcement_from_text(text: str, id: str = "doc", source: str = "<text>", **fields) -> Announcement:
    """One announcement from raw page text (no corpus-wide repetition statistics)."""
    result = announcement_from_raw(RawDocument(source=source, id=id, text=text, **fields))
    if isinstance(result, Problem):
        raise ValueError(result.reason)
    return result
