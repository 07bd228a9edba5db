"""Quotations on the pages: the announcement's text with its quotations anchored, and the ready
citation of one quotation. Pure functions (url_for aside), like views.py."""
from __future__ import annotations

from searchsvc.model import Announcement
from searchsvc.search.snippets import Highlighter
from searchsvc.web.french import date_fr, quoted


def anchor(number: int) -> str:
    """The permalink fragment of an announcement's n-th quotation (the API's `permalink`)."""
    return f"citation-{number}"


def quoted_paragraphs(a: Announcement, lines: list[str], marker: Highlighter) -> list[str]:
    """`lines` (the body's non-empty lines the page shows, a suffix of them) marked by `marker`,
    each quotation wrapped in a span whose id is its anchor; the title's quotations are anchored at
    the top of the text."""
    numbered = [(i + 1, line) for i, line in enumerate(a.text.split("\n")) if line.strip()][-len(lines):] if lines else []
    by_paragraph: dict[int, list[tuple[int, str]]] = {}
    for number, q in enumerate(a.quotes, 1):
        by_paragraph.setdefault(q.paragraph, []).append((number, q.text))
    shown = {n for n, _ in numbered}
    unplaced = [n for p, found in by_paragraph.items() if p not in shown for n, _ in found]
    paragraphs = [_with_quotes(line, by_paragraph.get(n, []), marker) for n, line in numbered]
    if paragraphs and unplaced:
        paragraphs[0] = "".join(f'<span id="{anchor(n)}"></span>' for n in unplaced) + paragraphs[0]
    return paragraphs


def _with_quotes(line: str, quotes: list[tuple[int, str]], marker: Highlighter) -> str:
    if not quotes:
        return marker.mark(line)
    pieces, position = [], 0
    flat = " ".join(line.split())  # a quotation's text has its white space collapsed
    source = line if flat == line else flat
    for number, text in quotes:
        at = source.find(text, position)
        if at < 0:  # not found as written: the anchor still leads to the paragraph
            pieces.append(f'<span id="{anchor(number)}"></span>')
            continue
        pieces.append(_mark(marker, source[position:at]))
        pieces.append(f'<span class="quotation" id="{anchor(number)}">{marker.mark(text)}'
                      f'<a class="permalink" href="#{anchor(number)}" title="Lien vers cette citation">¶</a></span>')
        position = at + len(text)
    pieces.append(_mark(marker, source[position:]))
    return "".join(pieces)


def _mark(marker: Highlighter, text: str) -> str:
    """marker.mark keeping the white space around the piece (mark strips a whole text's)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return text[:start] + marker.mark(core) + text[start + len(core):]


def quote_citation(text: str, speaker: str | None, date, title: str, url: str) -> str:
    """« … », a déclaré Jens Stoltenberg, le 18 février 2026 — https://… : ready to paste."""
    words = quoted(text.strip())
    if speaker:
        verb = "ont déclaré" if speaker.lower().startswith(("les ", "des ")) else "a déclaré"
        words += f", {verb} {speaker}"
    else:
        words += f" ({quoted(title)})"
    if date:
        words += f", le {date_fr(date)}"
    return f"{words} — {url}"
