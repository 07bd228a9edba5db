"""Readers for the corpus formats: one `RawDocument` per announcement, one `Problem` per bad input.

A bad file or line never stops the reading: it is reported and the rest goes on. Text that is not
UTF-8 is read as Windows-1252 (a superset of Latin-1, what such files almost always are) and
reported, so nothing is lost.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from searchsvc.analysis import normalise_text

FORMATS = (".txt", ".jsonl")
MAX_TEXT_CHARS = 1_000_000  # one announcement; a larger one is cut at a paragraph and reported
MAX_LINE_BYTES = 8 * MAX_TEXT_CHARS  # one JSON Lines record, read line by line so memory stays flat
NEWS_ID = re.compile(r"news_(\d+)")
SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")
# Characters no announcement means: NUL and other control characters (tab, newline and form feed
# aside), C1 controls, and lone surrogates (JSON can spell "\ud800"; such a string cannot even be
# encoded for an HTTP answer).
UNWANTED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
WEB_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
FIRST_YEAR = 1949  # NATO's founding: no announcement is older
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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
    return corpus_listing(corpus)[0]


def corpus_listing(corpus: Path) -> tuple[list[Path], list[Problem]]:
    """The corpus files, and a problem for each link that leads outside the corpus folder: nothing
    outside it is ever read (a `passwd.txt -> /etc/passwd` link would otherwise be served)."""
    if corpus.is_file():
        return [corpus], []
    root = corpus.resolve()
    files, problems = [], []
    for path in sorted(corpus.rglob("*")):
        if path.suffix not in FORMATS or any(part.startswith(".") for part in path.relative_to(corpus).parts):
            continue
        if not path.resolve().is_relative_to(root):
            problems.append(Problem(str(path.relative_to(corpus)), "a link to a file outside the corpus folder: not read"))
        elif path.is_file():
            files.append(path)
    return files, problems


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
    if not data.startswith(UTF16_BOMS) and looks_binary(data):
        yield Problem(name, "binary file, not text")
        return
    text, encoding_problem = decode(data, name)
    if encoding_problem:
        yield encoding_problem
    text, cleaned = clean(text, name)
    if cleaned:
        yield cleaned
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
        if handle.peek(2)[:2] in UTF16_BOMS:  # UTF-16 (Windows tools write it): read as text, line by line
            handle = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
    except OSError as error:
        yield Problem(name, f"unreadable: {error.strerror}")
        return
    with handle:
        empty = True
        lines = (line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
                 for line in iter(lambda: handle.readline(MAX_LINE_BYTES + 1), handle.read(0)))
        for number, raw in enumerate(lines, 1):
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
    text, cleaned = clean(text, where)
    if cleaned:
        yield cleaned
    text, cut = cap(text, where)
    if cut:
        yield cut
    url, url_problem = web_url(record.get("url"), where)
    if url_problem:
        yield url_problem
    title = clean(record["title"], where)[0].strip() if isinstance(record.get("title"), str) else None
    date, date_problem = parse_iso_date(record.get("date"), where)
    if date_problem:
        yield date_problem
    yield RawDocument(source=where, id=record_id(record, url, text), text=text, url=url,
                      title=title or None, date=date)


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
        date = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None, Problem(where, f"`date` {str(value)[:40]!r} is not an ISO date: ignored", skipped=False)
    last_year = datetime.date.today().year + 1
    if not FIRST_YEAR <= date.year <= last_year:
        return None, Problem(where, f"`date` {date.isoformat()} is outside {FIRST_YEAR}–{last_year}: ignored",
                             skipped=False)
    return date, None


def web_url(value, where: str) -> tuple[str | None, Problem | None]:
    """The record's `url` if it is a web address; a `javascript:` or `data:` URL never becomes a link."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    url = clean(value, where)[0].strip()
    if WEB_URL.match(url):
        return url, None
    return None, Problem(where, f"`url` {url[:40]!r} is not an http(s) address: ignored", skipped=False)


def clean(text: str, where: str) -> tuple[str, Problem | None]:
    """`text` in NFC without invisible characters and without characters no text means (reported)."""
    text = normalise_text(text)
    removed = len(UNWANTED.findall(text))
    if not removed:
        return text, None
    return UNWANTED.sub("", text), Problem(where, f"{removed} control or invalid character(s) removed", skipped=False)


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
