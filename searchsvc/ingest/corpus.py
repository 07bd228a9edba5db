"""Corpus → announcements: read every file, strip the chrome, find the title, extract the metadata.

Two passes over the files: the first counts the lines documents share (chrome by repetition), the
second builds the announcements. Only the counts stay in memory, so corpus size is not bounded by it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from searchsvc.ingest.chrome import RepeatedLines, strip_chrome
from searchsvc.ingest.readers import Problem, RawDocument, content_hash, corpus_listing, read_file
from searchsvc.model import Announcement
from searchsvc.metadata import extract_metadata
from searchsvc.metadata.dates import choose_page_date

TITLE_MAX = 200  # a first line longer than this is a paragraph, not a title
SHORT_TITLE = 140
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZÀ-ÖØ-Þ])")


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
    `convert(items, shared_lines)` turns the files' raw documents into announcements, in order,
    problems passed through (default: one at a time here; ingest.parallel: in worker processes)."""
    convert = convert or convert_in_order
    report = report if report is not None else CorpusReport()
    files, refused = corpus_listing(corpus)
    report.files = len(files)
    report.problems.extend(refused)
    shared_lines = repeated_lines(item for path in files for item in read_file(path, source_name(path, corpus))
                                  if isinstance(item, RawDocument))

    items = (item for path in files for item in read_file(path, source_name(path, corpus)))
    ids: dict[str, str] = {}  # id → content hash, to tell a duplicate from an id clash
    for item in convert(items, shared_lines):
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
    repeated = RepeatedLines()
    for document in documents:
        repeated.add(document.text)
    return repeated.frozen()


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
    page_date: datetime.date | None


def page_of(raw: RawDocument, shared_lines: frozenset[str] = frozenset()) -> Page | Problem:
    stripped = strip_chrome(raw.text, shared_lines)
    if not stripped.lines:
        return Problem(raw.source, "no text left once the site chrome is removed")
    title, body = split_title(stripped.lines, raw.title)
    return Page(title, "\n".join(body), choose_page_date(stripped.date_lines))


def convert_in_order(items: Iterable[RawDocument | Problem], shared_lines: frozenset[str]) -> Iterator[Announcement | Problem]:
    for item in items:
        yield item if isinstance(item, Problem) else announcement_from_raw(item, shared_lines)


def announcement_from_raw(raw: RawDocument, shared_lines: frozenset[str] = frozenset()) -> Announcement | Problem:
    page = page_of(raw, shared_lines)
    return page if isinstance(page, Problem) else announcement_of(raw, page)


def announcement_of(raw: RawDocument, page: Page) -> Announcement:
    """The announcement of a page: its metadata extracted."""
    title, text = page.title, page.text
    metadata = extract_metadata(title, text, page.page_date)
    return Announcement(
        id=raw.id, title=title, text=text, url=raw.url, date=raw.date or metadata.date,
        persons=metadata.persons, countries=metadata.countries, regions=metadata.regions,
        topics=metadata.topics, source=raw.source, content_hash=content_hash(raw.text))


def announcement_from_text(text: str, id: str = "doc", source: str = "<text>", **fields) -> Announcement:
    """One announcement from raw page text (no corpus-wide repetition statistics)."""
    result = announcement_from_raw(RawDocument(source=source, id=id, text=text, **fields))
    if isinstance(result, Problem):
        raise ValueError(result.reason)
    return result


def split_title(lines: list[str], given: str | None) -> tuple[str, list[str]]:
    """The title line where the page has one (short, not ending like a sentence), else the first
    sentence shortened at a word boundary; and the body that follows."""
    if given:
        return given, lines
    first = lines[0]
    if len(lines) > 1 and len(first) <= TITLE_MAX and not first.endswith((".", ":", ";", ",")):
        return first, lines[1:]
    return shorten(SENTENCE_END.split(first, maxsplit=1)[0]), lines


def shorten(sentence: str) -> str:
    sentence = sentence.rstrip(" .")
    if len(sentence) <= SHORT_TITLE:
        return sentence
    cut = sentence.rfind(" ", 0, SHORT_TITLE)
    return sentence[:cut if cut > 0 else SHORT_TITLE].rstrip(" ,;:") + "…"
