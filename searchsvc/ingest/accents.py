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

from searchsvc.sentences import is_english

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
MIN_ACCENTED = 3  # an accented word seen this often in the corpus is a word of its vocabulary
# A damaged form that healthy lines use too is a word in its own right (`ou` beside `où`), unless
# the healthy lines use it far less than the accented word (a stray damaged line they hold).
MAX_PLAIN = 1
MAX_PLAIN_SHARE = 0.05
MIN_DAMAGED = 2  # a page with one repairable word has a typo, not the damage
MIN_KEY = 2  # `é` → `` or `à` → `` leave nothing to recognise
# French prose has one word in eight or so with an accented letter; a page with far fewer lost
# them, and its French words do not count as plain words of the corpus.
HEALTHY_SHARE = 0.03


_ACCENTED_LETTER = re.compile(r"[À-ÖØ-öø-ÿŒœ]")


def healthy(text: str) -> bool:
    """A page that keeps its accented letters (French has one every eight words or so)."""
    return len(_ACCENTED_LETTER.findall(text)) >= HEALTHY_SHARE * (text.count(" ") + 1)


def strip_accented(word: str) -> str:
    """The word as the damaged pages store it: every non-ASCII letter gone."""
    return "".join(c for c in word if c.isascii())


class AccentLexicon:
    """Counts, over a whole corpus, the words with accented letters and the plain words."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, text: str) -> None:
        if healthy(text):
            self.counts.update(_WORD.findall(text.lower()))
            return
        for line in text.lower().split("\n"):  # a damaged page: its accented words, its English lines
            words = _WORD.findall(line)
            self.counts.update(words if is_english(line) else (w for w in words if not w.isascii()))

    def repairs(self) -> dict[str, str]:
        """damaged form → accented word, for the forms exactly one frequent accented word explains."""
        candidates: dict[str, list[str]] = {}
        for word, count in self.counts.items():
            if count >= MIN_ACCENTED and not word.isascii():
                key = strip_accented(word)
                if len(key) >= MIN_KEY and _ASCII_LETTER.search(key):
                    candidates.setdefault(key, []).append(word)
        return {key: words[0] for key, words in candidates.items()
                if len(words) == 1 and (self.counts.get(key, 0) <= MAX_PLAIN
                                        or self.counts.get(key, 0) <= MAX_PLAIN_SHARE * self.counts[words[0]])}


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def repair(text: str, repairs: dict[str, str]) -> str:
    """The text with its damaged words restored (English lines, captions, left alone), if the page
    shows the damage (MIN_DAMAGED distinct repairable words); else the text unchanged."""
    if not repairs or len(set(_WORD.findall(text.lower())) & repairs.keys()) < MIN_DAMAGED:
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if is_english(line):
            continue
        lines[n] = _WORD.sub(lambda m: _cased(repairs[m.group().lower()], m.group())
                             if m.group().isascii() and m.group().lower() in repairs else m.group(), line)
    return "\n".join(lines)
