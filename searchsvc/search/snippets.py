"""Highlighted snippets from the original text.

Words are found with the same analysis as the index (analysis.forms), so `sécurité` is marked
for the query `securite`, `l’<mark>OTAN</mark>` for `otan`, and the whole word is marked, never its
stem. Stop words are never marked on their own. Everything but our <mark> tags is HTML-escaped.

A snippet is a French sentence (searchsvc.sentences: never cut at « M. »), never an English photo
caption or link title, never a list of links, and never twice the same passage in one hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator
from html import escape

from searchsvc.analysis import FORMS, WORD, forms
from searchsvc.sentences import ABBREVIATIONS, is_english, sentence_spans

SNIPPET_CHARS = 250
MAX_SNIPPETS = 3
# A line of a link list: short, no sentence punctuation, between other such lines (`Discours du
# Secrétaire général` / `Communiqué final` / `Photos`). Alone, such a line is a heading: kept.
LINK_LINE_CHARS = 120
_NOT_A_SENTENCE_END = re.compile(r"[^.!?…»\"”)]$")
_WRAPS_ON = re.compile(r"(?:[,;:\-–]|\b(?:de|du|des|la|le|les|l['’]|d['’]|et|ou|à|au|aux|en|par|pour|sur|avec|dans|que|qui))$",
                       re.I)


@dataclass
class Highlighter:
    """What to mark: stemmed terms, folded words, folded phrases, folded prefixes (cyber*)."""
    terms: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    prefixes: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.terms or self.words or self.phrases or self.prefixes)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans to mark in `text`, in order, not overlapping."""
        spans = []
        tokens = []  # (exact word, start, end) for phrase matching
        terms, words, phrases, prefixes = self.terms, self.words, self.phrases, tuple(self.prefixes)
        for match in WORD.finditer(text):
            raw = match.group()
            term, exact, cut = FORMS.get(raw) or forms(raw)
            if phrases:
                tokens.append((exact, match.start() + cut, match.end()))
            # a stop word's term is never among the terms
            if term in terms or exact in words or prefixes and exact.startswith(prefixes):
                spans.append((match.start() + cut, match.end()))
        first_at: dict[str, list[int]] = {}  # where each word stands: a phrase is tried there only
        for i, token in enumerate(tokens):
            first_at.setdefault(token[0], []).append(i)
        for phrase in self.phrases:
            n = len(phrase)
            for i in first_at.get(phrase[0], ()):
                if tuple(t[0] for t in tokens[i:i + n]) == phrase:
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        return merge(spans)

    def mark(self, text: str) -> str:
        """The whole text, escaped, with every match marked."""
        return render(text, self.spans(text), 0, len(text))

    def snippets(self, text: str, count: int = MAX_SNIPPETS, size: int = SNIPPET_CHARS) -> list[str]:
        """Up to `count` passages of about `size` characters around the matches, best first; the
        opening of the text when nothing in it matches (the title did)."""
        spans = self.spans(text) if self else []
        if not spans:
            return opening(text, size)
        ranked = []
        seen: set[str] = set()
        for start, end in sentence_spans(text):
            inside = [s for s in spans if start <= s[0] and s[1] <= end]
            if inside and not is_prose(text, start, end):
                continue
            passage = " ".join(text[start:end].split()).lower()
            if inside and passage not in seen:  # a paragraph the page repeats gives one snippet
                seen.add(passage)
                distinct = len({text[a:b].lower() for a, b in inside})
                ranked.append((-distinct, -len(inside), start, end, inside))
        if not ranked:  # only captions or links matched: the first sentence of the prose says more
            return opening(text, size)
        ranked.sort(key=lambda r: r[:3])
        snippets = []
        for _, _, start, end, inside in ranked[:count]:
            lo, hi = window(text, start, end, size, inside[0][0])
            snippet = render(text, [s for s in inside if lo <= s[0] and s[1] <= hi], lo, hi)
            if snippet not in snippets:
                snippets.append(snippet)
        return snippets


def opening(text: str, size: int = SNIPPET_CHARS) -> list[str]:
    """The text's first prose sentence (its opening when it has none), for a hit whose words the
    snippets cannot show."""
    spans = sentence_spans(text)
    first = next((span for span in spans if is_prose(text, *span)), (0, len(text)))
    start, end = first
    for a, b in spans:  # the sentences that follow it, as many as fit
        if text[end:a].strip() or b - start > size or not is_prose(text, a, b):
            break
        end = b
    return [render(text, [], *window(text, start, end, size))] if text.strip() else []


def _link_like(line: str) -> bool:
    """A line that may be a link title: short, capitalised, ending without punctuation and without a
    word that wraps on (`… de`, `… la`, `… ;`): the lines of a hard-wrapped paragraph are not."""
    line = line.strip()
    return (0 < len(line) <= LINK_LINE_CHARS and line[:1].isupper() and bool(_NOT_A_SENTENCE_END.search(line))
            and not _WRAPS_ON.search(line))


def prose_spans(text: str) -> Iterator[tuple[int, int]]:
    """The sentences a snippet may show: French prose, not English captions nor link lists."""
    return ((a, b) for a, b in sentence_spans(text) if is_prose(text, a, b))


def is_prose(text: str, start: int, end: int) -> bool:
    """Whether the sentence text[start:end] is French prose: neither English (a photo caption, a link
    title) nor on a line of a link list (a link-like line beside another)."""
    if is_english(text[start:end]):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end]
    if line.strip() != text[start:end].strip() and is_english(line):
        return False
    if not _link_like(line):
        return True
    before = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)]
    after_end = text.find("\n", line_end + 1)
    after = text[line_end + 1:len(text) if after_end == -1 else after_end] if line_end < len(text) else ""
    return not (line_start > 0 and _link_like(before) or _link_like(after))


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def window(text: str, start: int, end: int, size: int, focus: int | None = None) -> tuple[int, int]:
    """A passage of at most `size` characters: [start, end) when it fits, else a stretch of it
    around `focus` (a third of the room before it), cut at word boundaries."""
    while start < end and text[start].isspace():
        start += 1
    if end - start <= size:
        return start, end
    focus = start if focus is None else focus
    lo = max(start, focus - size // 3)
    if lo > start:
        space = text.find(" ", lo, focus)
        lo = space + 1 if space != -1 else lo
    hi = min(end, lo + size)
    if hi < end:
        space = text.rfind(" ", focus, hi)
        hi = space if space != -1 else hi
        # never end on an honorific or an initial: « …avec le président, M.… »
        while hi > focus:
            space = text.rfind(" ", focus, hi)
            word = text[space + 1:hi].rstrip(",;")
            if space == -1 or not word.endswith(".") or not (word[:-1] in ABBREVIATIONS or len(word) == 2 and word[0].isupper()):
                break
            hi = space
    return lo, hi


def render(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    before = text[:lo].rstrip()[-1:]
    parts = ["…" if before and before not in ".!?…»" else ""]
    position = lo
    for start, end in spans:
        parts.append(escape(text[position:start], quote=False))
        parts.append("<mark>" + escape(text[start:end], quote=False) + "</mark>")
        position = end
    parts.append(escape(text[position:hi], quote=False))
    passage = "".join(parts).strip()
    return passage + ("…" if hi < len(text.rstrip()) and text[:hi].rstrip()[-1:] not in ".!?…»" else "")
