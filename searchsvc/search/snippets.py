"""Highlighted snippets from the original text.

Words are found with the same analysis as the index (analysis.forms), so `sécurité` is marked
for the query `securite`, `l’<mark>OTAN</mark>` for `otan`, and the whole word is marked, never its
stem. Stop words are never marked on their own. Everything but our <mark> tags is HTML-escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from searchsvc.analysis import FORMS, WORD, forms

SNIPPET_CHARS = 250
MAX_SNIPPETS = 3
SENTENCE = re.compile(r"[^.!?…\n]*(?:[.!?…]+[»\"”)]*|\n|$)")


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
            return [render(text, [], *window(text, 0, len(text), size))] if text.strip() else []
        ranked = []
        for sentence in SENTENCE.finditer(text):
            start, end = sentence.span()
            inside = [s for s in spans if start <= s[0] and s[1] <= end]
            if inside:
                distinct = len({text[a:b].lower() for a, b in inside})
                ranked.append((-distinct, -len(inside), start, end, inside))
        ranked.sort(key=lambda r: r[:3])
        snippets = []
        for _, _, start, end, inside in ranked[:count]:
            lo, hi = window(text, start, end, size, inside[0][0])
            snippets.append(render(text, [s for s in inside if lo <= s[0] and s[1] <= hi], lo, hi))
        return snippets


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
