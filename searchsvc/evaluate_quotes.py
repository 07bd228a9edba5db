"""Measure quotation finding against hand annotations (`python -m searchsvc.evaluate quotes …`).

Speech passages found are matched one to one with the gold speech passages of the same announcement
by their words (folded word multisets, Dice ≥ MATCH_DICE); precision and recall count the matches,
and speaker accuracy is the share of matched passages whose speaker is the gold one (names compared
case- and accent-insensitively, initials ignored; a surname-only name matches a full name ending
with it; a body matches when one's words hold the other's).
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from searchsvc.metadata import extract_metadata
from searchsvc.metadata.places import fold

MATCH_DICE = 0.7  # words shared: tolerates a cut or an extra clause, not another passage


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def dice(a: list[str], b: list[str]) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) if a or b else 1.0


def same_speaker(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is found
    g = [w for w in words(gold) if len(w) > 1]
    f = [w for w in words(found) if len(w) > 1]
    if g == f or (g and f and (f[-len(g):] == g or g[-len(f):] == f)):
        return True
    articles = {"le", "la", "les", "l", "des", "de", "du", "d"}
    g, f = [w for w in g if w not in articles], [w for w in f if w not in articles]
    return len(g) > 1 and len(f) > 1 and (" ".join(g) in " ".join(f) or " ".join(f) in " ".join(g))


@dataclass
class QuoteReport:
    gold: int = 0
    found: int = 0
    matched: int = 0
    right_speaker: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # id, kind, detail

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speaker / self.matched if self.matched else 1.0


def evaluate_quotes(gold_path: Path, found_pages: dict) -> QuoteReport:
    """found_pages: the corpus's pages by id, as evaluate.pages reads them."""
    report = QuoteReport()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        labels = json.loads(line)
        page = found_pages.get(labels["id"])
        if page is None:
            report.errors.append((labels["id"], "absent", "not in the corpus"))
            continue
        started = time.perf_counter()
        found = list(extract_metadata(page.title, page.text, page.page_date).quotes)
        report.seconds += time.perf_counter() - started
        gold = [q for q in labels["quotes"] if q["kind"] == "speech"]
        report.gold += len(gold)
        report.found += len(found)
        free = list(range(len(found)))
        for g in gold:
            scores = [(dice(words(g["text"]), words(found[i].text)), i) for i in free]
            best, i = max(scores, default=(0.0, -1))
            if best < MATCH_DICE:
                report.errors.append((labels["id"], "missed", f"{g['text'][:90]!r} ({g['speaker']})"))
                continue
            free.remove(i)
            report.matched += 1
            if same_speaker(g["speaker"], found[i].speaker):
                report.right_speaker += 1
            else:
                report.errors.append((labels["id"], "speaker", f"{g['text'][:60]!r}: gold {g['speaker']}, "
                                      f"found {found[i].speaker} ({found[i].attribution})"))
        for i in free:
            report.errors.append((labels["id"], "spurious", f"{found[i].text[:90]!r} ({found[i].speaker})"))
    return report


def print_quotes(report: QuoteReport, out=None) -> None:
    out = out or sys.stdout
    print(f"Speech passages: precision {report.precision:.3f}  recall {report.recall:.3f}   "
          f"gold/found/matched {report.gold}/{report.found}/{report.matched}", file=out)
    print(f"Speaker accuracy {report.speaker_accuracy:.3f}  ({report.right_speaker}/{report.matched} matched "
          f"passages)   {report.seconds * 1000:.0f} ms of extraction", file=out)
    print("\nErrors:", file=out)
    for doc_id, kind, detail in report.errors:
        print(f"  {doc_id:<16}{kind:<9}{detail}", file=out)
