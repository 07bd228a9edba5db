"""French sentences: where one ends, knowing the abbreviations that end in a full stop.

Shared by ingest (titles drawn from a first sentence), metadata and search (snippets are whole
sentences, never English photo captions or link titles, told apart by `is_english`):
« le président de la République française, M. Emmanuel Macron » is one sentence, not two cut at
« M. ». A full stop ends a sentence unless it closes an honorific or title (M., MM., Mme, Dr, St…),
an initial (« J. Stoltenberg », « George W. Bush »), a common abbreviation (« art. 5 », « env. »)
or a number (« 1. », « 2. » in a list are kept whole with their item).
"""
from __future__ import annotations

import re
from typing import Iterator

from searchsvc.wordtrie import trie_pattern

# Words that end in a full stop without ending the sentence. Honorifics and titles are the ones that
# matter most: in the genre they stand before every name. Compared case-sensitively where the case
# tells (`M.` is « Monsieur », `m.` a metre), else folded.
ABBREVIATIONS = frozenset("""M MM Mme Mmes Mlle Mlles Me Mgr Dr Drs Pr Sr St Ste Sts Gén Gal Col Cdt Lt
Cpt Sgt Adm Amb Hon Rév Mr Mrs Ms Prof Jr art Art av env etc cf éd p pp vol no nº n° réf fig ex
c.-à-d janv févr avr juil sept oct nov déc Inc Ltd Corp""".split())
# Sentence punctuation, then what may close it (quotes, brackets), then the space before the next one.
_END = re.compile(r"[.!?…]+[»\"”’)\]]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:[.-][^\W\d_]+)*)\.$|(\d+)\.$")


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation text[start:end] ends the sentence."""
    mark = text[start:end]
    if mark == "\n":  # a line break ends a sentence, unless the line wraps on in lower case
        return not text[end:end + 1].islower()
    if mark != ".":  # `?`, `!`, `…`, `.»`, `...`: always an end
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 30), end)
    if before is None:
        return True
    word, number = before.groups()
    if number is not None:  # `le 1.` is rare; `1. Le Conseil…` opens a list item: keep it whole
        return start - len(number) > 0 and text[start - len(number) - 1] not in "\n"
    if word in ABBREVIATIONS or word.lower() in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: `J. Stoltenberg`, `George W. Bush`
        return False
    return not _is_acronym_dot(word)


def _is_acronym_dot(word: str) -> bool:
    """`U.S.`, `c.-à-d.`: letters separated by full stops."""
    return "." in word and all(len(part) <= 2 for part in re.split(r"[.-]", word))


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order; a line break ends one unless the next
    line goes on in lower case (old pages are hard-wrapped). The spans
    cover the text; each ends after its punctuation (and closing quote) and starts at the next
    non-space character."""
    start = 0
    for match in _END.finditer(text):
        if not _ends_sentence(text, match.start(), match.end()):
            continue
        end = match.end()
        if text[start:end].strip():
            yield _skip_space(text, start, end), end
        start = end
    if text[start:].strip():
        yield _skip_space(text, start, len(text)), len(text)


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def first_sentence(text: str) -> str:
    for a, b in sentence_spans(text):
        return text[a:b].strip()
    return ""


# --- English lines: photo captions and link titles left on French pages ---------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH = set("""the of and with to in at for on by from is are was his her their its this that
meets meeting met secretary general minister president prime chief during visit visits photo photos
defence defense foreign affairs nato's left right center centre deputy ambassador permanent
representative supreme allied commander speech press conference briefing transcript video high
resolution between november december october september january february march april june july
august""".split())
_FRENCH = set("""le la les de des du et à en un une est pour au aux sur avec par qui que dans a son
sa ses l d qu ce cette il elle ont sont été lors entre ministre secrétaire général""".split())


# Any of those English words standing whole. Every word an English line counts is one of these
# matches, so a line with fewer than two is French: one regex pass, cheaper than listing its words.
_ENGLISH_WORDS = re.compile(r"(?<![^\W\d_])(?:" + trie_pattern(_ENGLISH) + r")(?![^\W\d_])")


def is_english(line: str) -> bool:
    """English photo captions and link titles (`NATO Secretary General … meets with …`)."""
    lowered = line.lower()
    if len(_ENGLISH_WORDS.findall(lowered)) < 2:
        return False
    words = _WORD.findall(lowered)
    english = sum(map(_ENGLISH.__contains__, words))  # map and sum run in C: every line is asked
    return english >= 2 and english > sum(map(_FRENCH.__contains__, words))


