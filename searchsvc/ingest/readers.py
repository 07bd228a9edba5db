"""Readers for the corpus formats: one `RawDocument` per announcement, one `Problem` per bad input.

A bad file or line never stops the reading: it is reported and the rest goes on. Text that is not
UTF-8 is read as Windows-1252 (a superset of Latin-1, what such files almost always are) and
reported, so nothing is lost.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

FORMATS = (".txt", ".jsonl")
MAX_TEXT_CHARS = 1_000_000  # one announcement; a larger one is cut at a paragraph and reported
MAX_LINE_BYTES = 8 * MAX_TEXT_CHARS  # one JSON Lines record, read line by line so memory stays flat
NEWS_ID = re.compile(r"news_(\d+)")
SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class RawDocument:
    source: str  # "dir/file.txt" or "dir/file.jsonl:12"
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: datetime.date | None = None


@dataclass(frozen=True)
class Problem:
    source: str
    reason: str
    skipped: bool = True  # False: read anyway (recovered), reported as a warning


def corpus_files(corpus: Path) -> list[Path]:
    """The corpus files in a stable order (hidden files and other formats are not corpus files).
    A single file is a corpus of one file."""
    if corpus.is_file():
        return [corpus]
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in FORMATS
                  and not any(part.startswith(".") for part in p.relative_to(corpus).parts))


def read_file(path: Path, name: str) -> Iterator[RawDocument | Problem]:
    if path.suffix == ".jsonl":
        yield from read_jsonl(path, name)
    else:
        yield from read_txt(path, name)


def read_txt(path: Path, name: str) -> Iterator[RawDocument | Problem]:
    """One announcement per file; its id is the file's stem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Problem(name, f"unreadable: {error.strerror}")
        return
    if looks_binary(data):
        yield Problem(name, "binary file, not text")
        return
    text, encoding_problem = decode(data, name)
    if encoding_problem:
        yield encoding_problem
    if not text.strip():
        yield Problem(name, "empty file")
        return
    text, cut = cap(text, name)
    if cut:
        yield cut
    yield RawDocument(source=name, id=safe_id(path.stem) or content_id(text), text=text)


def read_jsonl(path: Path, name: str) -> Iterator[RawDocument | Problem]:
    """One announcement per line: `text` required; `id`, `url`, `title`, `date`, `lang` optional."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Problem(name, f"unreadable: {error.strerror}")
        return
    with handle:
        empty = True
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_LINE_BYTES + 1), b""), 1):
            where = f"{name}:{number}"
            if len(raw) > MAX_LINE_BYTES:
                yield Problem(where, f"line longer than {MAX_LINE_BYTES:,} bytes")
                while raw and not raw.endswith(b"\n"):  # skip the rest of that line
                    raw = handle.readline(MAX_LINE_BYTES)
                continue
            if not raw.strip():
                continue
            empty = False
            yield from parse_record(raw, where)
        if empty:
            yield Problem(name, "empty file")


def parse_record(raw: bytes, where: str) -> Iterator[RawDocument | Problem]:
    if b"\x00" in raw:
        yield Problem(where, "binary data (NUL byte) in the line")
        return
    line, encoding_problem = decode(raw, where)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield Problem(where, f"broken JSON ({error.msg} at column {error.colno})")
        return
    if not isinstance(record, dict):
        yield Problem(where, "not a JSON object")
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield Problem(where, "no `text`")
        return
    if encoding_problem:
        yield encoding_problem
    text, cut = cap(text, where)
    if cut:
        yield cut
    url = record.get("url") if isinstance(record.get("url"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    date, date_problem = parse_iso_date(record.get("date"), where)
    if date_problem:
        yield date_problem
    yield RawDocument(source=where, id=record_id(record, url, text), text=text, url=url,
                      title=title.strip() or None if title else None, date=date)


def record_id(record: dict, url: str | None, text: str) -> str:
    """`id`, else the NATO news id of the URL (news_152168 → news-152168), else a content hash."""
    given = record.get("id")
    if isinstance(given, (str, int)) and safe_id(str(given)):
        return safe_id(str(given))
    match = NEWS_ID.search(url or "")
    if match:
        return f"news-{match.group(1)}"
    return content_id(text)


def parse_iso_date(value, where: str) -> tuple[datetime.date | None, Problem | None]:
    if value in (None, ""):
        return None, None
    try:
        return datetime.date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, Problem(where, f"`date` {str(value)[:40]!r} is not an ISO date: ignored", skipped=False)


def source_file(source: str) -> str:
    """The file part of a source ("dir/news.jsonl:12" → "dir/news.jsonl")."""
    name, _, line = source.rpartition(":")
    return name if name and line.isdigit() else source


def safe_id(value: str) -> str:
    """An id usable in a URL path: letters, digits, dot, dash and underscore."""
    return SAFE_ID.sub("-", value.strip()).strip("-.")[:120]


def content_id(text: str) -> str:
    return "doc-" + content_hash(text)[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) // 20


def decode(data: bytes, where: str) -> tuple[str, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        problem = Problem(where, f"not UTF-8 (byte {data[error.start]:#04x} at offset {error.start}): "
                                 "read as Windows-1252", skipped=False)
        return data.decode("cp1252", errors="replace"), problem


def cap(text: str, where: str) -> tuple[str, Problem | None]:
    if len(text) <= MAX_TEXT_CHARS:
        return text, None
    cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
    cut = cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS
    return text[:cut], Problem(where, f"text of {len(text):,} characters cut to the first {cut:,}",
                               skipped=False)
