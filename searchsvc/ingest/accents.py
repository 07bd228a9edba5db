"""Words that lost their accented letters at the source (« Secrtaire gnral », « runion », « Dclaration »).

Some pages of 1997–2001 were stored through an encoding that dropped every accented letter. They are
repaired from the corpus's own lexicon, never from a word list: a word is restored when removing the
accented letters from exactly one frequent accented word of the corpus gives it, and the word itself
is not a word of the corpus in its own right (`a` stays `a`; `gnral` becomes `général`). Only pages
that show the damage (several such words) are touched, so a rare spelling elsewhere is left alone.
"""
from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
MIN_ACCENTED = 3  # an accented word seen this often in the corpus is a word of its vocabulary
MAX_PLAIN = 1  # a damaged form seen more often than this undamaged elsewhere is a word itself
MIN_DAMAGED = 3  # a page with fewer repairable words is not a damaged page
MIN_KEY = 2  # `é` → `` or `à` → `` leave nothing to recognise
# French prose has one word in eight or so with an accented letter; a page with far fewer lost
# them, and its words do not count as plain words of the corpus.
HEALTHY_SHARE = 0.03


_ACCENTED_LETTER = re.compile(r"[À-ÖØ-öø-ÿŒœ]")


def healthy(text: str) -> bool:
    """A page that keeps its accented letters (French has one every eight words or so)."""
    return len(_ACCENTED_LETTER.findall(text)) >= HEALTHY_SHARE * text.count(" ")


def strip_accented(word: str) -> str:
    """The word as the damaged pages store it: every non-ASCII letter gone."""
    return "".join(c for c in word if c.isascii())


class AccentLexicon:
    """Counts, over a whole corpus, the words with accented letters and the plain words."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, text: str) -> None:
        words = _WORD.findall(text.lower())
        self.counts.update(words if healthy(text) else (w for w in words if not w.isascii()))

    def repairs(self) -> dict[str, str]:
        """damaged form → accented word, for the forms exactly one frequent accented word explains."""
        candidates: dict[str, list[str]] = {}
        for word, count in self.counts.items():
            if count >= MIN_ACCENTED and not word.isascii():
                key = strip_accented(word)
                if len(key) >= MIN_KEY and _ASCII_LETTER.search(key):
                    candidates.setdefault(key, []).append(word)
        return {key: words[0] for key, words in candidates.items()
                if len(words) == 1 and self.counts.get(key, 0) <= MAX_PLAIN}


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def repair(text: str, repairs: dict[str, str]) -> str:
    """The text with its damaged words restored, if it is a damaged page; else the text unchanged."""
    if not repairs or healthy(text):
        return text
    damaged = [m for m in _WORD.finditer(text) if m.group().isascii() and m.group().lower() in repairs]
    if len({m.group().lower() for m in damaged}) < MIN_DAMAGED:
        return text
    parts, position = [], 0
    for m in damaged:
        parts.append(text[position:m.start()])
        parts.append(_cased(repairs[m.group().lower()], m.group()))
        position = m.end()
    parts.append(text[position:])
    return "".join(parts)
