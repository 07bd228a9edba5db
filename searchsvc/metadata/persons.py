"""People named in a French NATO announcement.

NATO texts introduce people through titles and roles: `M. Colomina`, `le général Sir Stuart Peach`,
`le ministre ukrainien de la Défense, Mykhaïlo Fedorov`, `Oana Lungescu, porte-parole de l'OTAN`.
So a capitalised name sequence counts as a person only with such evidence:

- strong: a title right before it (`M.`, `Mme`, `Lord`, `général`, `l'ambassadeur`, `le président`);
- role: a role earlier in the clause (`la secrétaire générale déléguée de l'OTAN, X`, `la chancelière X`)
  or right after it (`X, directeur de …`); a single word needs the appositive form (`…, X,`);
- agent: a full name that speaks or acts (`», a souligné Mark Rutte`, `Mark Rutte a déclaré`);
- coreference: it is the surname of someone already found (`M. Stoltenberg` after `Jens Stoltenberg`).

Sequences that hold a place, a body or an operation word (`Conseil`, `Ocean Shield`), or follow a
ship's prefix or an object noun (`USS`, `frégate`, `opération`), are not names.

Mentions are then merged: a shorter mention that ends a full name (`Stoltenberg`, `de Hoop Scheffer`,
`J. Appathurai`) is that person; a surname shared by two full names (Igor and Sergei Ivanov) is dropped.
A name the end of the excerpt cuts is marked with CUT for the corpus pass (canonical.py), which makes
every name one value per person across the corpus.

Speed: one regex pass over the text finds the stretches where names can be; only those (with a few
characters before them, for titles) are tokenised, and a lone capitalised word with no title or
comma before it is looked at only if it is the surname of a full name found (NATO texts start most
sentences with a capital).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from searchsvc.metadata.names import FUNCTION as _FUNCTION
from searchsvc.metadata.names import NOT_A_NAME as _NOT_A_NAME
from searchsvc.metadata.names import PARTICLES as _PARTICLES
from searchsvc.metadata.names import TITLES as _CAP_TITLES
from searchsvc.metadata.names import core as name_core
from searchsvc.metadata.names import initials
from searchsvc.metadata.person_cues import MM_LIST, THING_BEFORE, evidence, titled, wrapped
from searchsvc.metadata.places import VOCAB as PLACES
from searchsvc.metadata.places import fold

CUT = "…"  # ends a name the excerpt cut off (`Edgars Ri…`): the corpus pass completes or drops it

# Words, numbers, single punctuation marks. A word keeps inner hyphens and apostrophes (`Al-Abadi`,
# `Jae-in`, `l'ambassadeur`); elided articles are split off below.
_TOKEN = re.compile(r"(?i:\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldjmnstc])['’](?=[^\W\d_]))"
                    r"|[^\W\d_](?:[\w'’‑-]*[^\W\d_])?|\d+|\S")
_UPPER = "".join(ch for lo, hi in ((0x41, 0x5B), (0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))
                 for ch in map(chr, range(lo, hi)) if ch.isupper())
_GAP = r"(?:(?<=\.)|[ \t\u00a0\u202f]+\n?|\n)[ \t\u00a0\u202f]*"  # `H.R.`; over one line break
# Where names can be: a capitalised word, then more of them, initials or particles. One regex pass
# finds these stretches; the words of each (and two before it, for titles) are then looked at.
_LOWER = "".join(ch for lo, hi in ((0x61, 0x7B), (0xDF, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))
                 for ch in map(chr, range(lo, hi)) if ch.islower())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
# `M.`, `Stoltenberg`, not `OTAN`; not inside a word. The capital comes first and the word before it
# is ruled out after it (`(?<![\w‑-].)`): a pattern that opens with a character class lets the regex
# engine skip to the capitals, twice as fast as trying the look-behind at every character.
_CAP = rf"[{_UPPER}](?<![\w‑-].)(?:\.|[\w'’‑-]*?[{_LOWER}][\w'’‑-]*\.?)"
_NEXT = rf"[{_UPPER}][\w'’‑-]*\.?|{_PARTICLE}(?=(?:{_GAP}{_PARTICLE})*{_GAP}[{_UPPER}])"
_STRETCH = re.compile(rf"{_CAP}(?:{_GAP}(?:{_NEXT}))*")
_CONTEXT = 24  # characters before a stretch tokenised with it: the word or two a title takes (`Lord`, `M.`)
# Titles that may stand right before a lower-case particle or a capitalised function word that
# begins a name: `M. de Hoop Scheffer`, `M. Des Browne`.
_TITLE_TOKENS = {"m", "mm", "mme", "mlle", "dr", "lord", "sir"}
# `Tadi ć` where a page lost the join: a lone non-French accented letter goes back to its word.
_STRAY = re.compile(r" (?<=[^\W\d_] )(?![\x00-\x7fàâäçéèêëîïôöùûüÿœæ])[^\W\d_](?=[\s.,;:])")  # cheap test first
_STRAY_LETTER = re.compile(rf"(\b[{_UPPER}][^\W\d_]*) (?![\x00-\x7fàâäçéèêëîïôöùûüÿœæ])([^\W\d_])(?=[\s.,;:])")

_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3})$")
_SHIP_PREFIX = re.compile(r"^(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,5}$")  # USS, HMS, HNoMS: 2+ capitals


class _Token:
    """A word, number or punctuation mark, with what the name finder asks of it precomputed."""
    __slots__ = ("text", "start", "end", "newline_before", "folded", "is_cap_word", "is_initial")

    def __init__(self, text: str, start: int, end: int, newline_before: bool, folded: str):
        self.text, self.start, self.end = text, start, end
        self.newline_before = newline_before
        self.folded = folded
        # `Stoltenberg`, `Al-Abadi`: a capital, then at least one lower-case letter
        self.is_cap_word = text[0].isupper() and text[0].isalpha() and not text.isupper()
        # `P.` in `Edmund P. Giambastiani` (the dot is the next token)
        self.is_initial = len(text) == 1 and text.isupper()


def _tokens(text: str, folded: str, start: int, end: int) -> list[_Token]:
    """The tokens of text[start:end]."""
    out: list[_Token] = []
    last_end = start
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        newline = text.find("\n", last_end, a) >= 0 and not wrapped(text, a)
        last_end = b
        out.append(_Token(m.group(), a, b, newline, folded[a:b]))
    return out


@dataclass
class _Mention:
    words: list[str]   # name words as written, titles stripped
    start: int
    end: int
    evidenced: bool    # False: no title or role; counts only as the surname of someone found
    core: tuple[str, ...] = field(init=False)  # folded words that carry the name (names.core)

    def __post_init__(self):
        self.core = name_core(self.words)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _after_title(tokens: list[_Token], i: int, titles=_TITLE_TOKENS) -> bool:
    """Token i follows a personal title (`M.`, `Mme`, `Lord`; with `titles=_CAP_TITLES` also
    `général`, `président`…)."""
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.text == "." and i > 1:
        prev = tokens[i - 2]
    return prev is not None and prev.folded in titles


def _candidates(tokens: list[_Token], first: int):
    """Maximal capitalised sequences (with particles and initials) starting at or after token
    `first`, as (first, end) token indexes."""
    i, n = first, len(tokens)
    while i < n:
        t = tokens[i]
        titled = _after_title(tokens, i)
        next_is_name = i + 1 < n and tokens[i + 1].is_cap_word
        starts = ((t.is_cap_word or t.is_initial) and t.folded not in _FUNCTION) or (
            titled and next_is_name and (t.folded in _PARTICLES or t.folded in _FUNCTION))
        if not starts:
            i += 1
            continue
        j = i
        while j < n:
            u = tokens[j]
            if j > i and u.newline_before:
                break
            # `à Berlin M. Rudolf Scharping`: a title starts a new name, unless this one is titled
            # itself (`le général Philip M. Breedlove`, where M. is an initial)
            if (j > i and not _after_title(tokens, i, _CAP_TITLES) and u.folded in ("m", "mm", "mme")
                    and j + 1 < n and tokens[j + 1].text == "."):
                break
            if u.is_initial and j + 1 < n and tokens[j + 1].text == ".":
                j += 2  # `Z. Levent Gümrükçü`, `Edmund P. Giambastiani`
            elif j > i and u.folded in _FUNCTION and u.folded not in _PARTICLES:
                break  # `M. Javier Solana\nIl a …`, `du Kosovo\nAu nom de …` on a wrapped page
            elif j == i or u.is_cap_word or (j > i and _ROMAN.match(u.text)):
                j += 1  # `Abdallah II`: a regnal number belongs to the name
            elif u.folded in _PARTICLES and j > i and _particles_then_name(tokens, j):
                j += 1
            else:
                break
        yield i, max(j, i + 1)
        i = max(j, i + 1)


def _particles_then_name(tokens: list[_Token], j: int) -> bool:
    """A run of particles then a capitalised word on the same line: `von der Leyen`, `bin Hamad`."""
    k = j
    while k < len(tokens) and tokens[k].folded in _PARTICLES and k - j < 3:
        k += 1
    return k < len(tokens) and tokens[k].is_cap_word and not tokens[k].newline_before


def _words(tokens: list[_Token], i: int, j: int) -> list[str]:
    """Name words: initials keep their dot (`P.`)."""
    words = []
    for k in range(i, j):
        if tokens[k].text == "." and words:
            words[-1] += "."
        else:
            words.append(tokens[k].text)
    return words


_EXCELLENCY = re.compile(r"\bS\.\s?E\.")  # `S.E. M. Taieb Baccouche`: Son Excellence
_NEVER_ALONE = _FUNCTION | _NOT_A_NAME | _CAP_TITLES  # a word that is never a name by itself
_LEADING = _FUNCTION - {"de", "du", "des", "d", "l", "la", "le", "y", "a", "et"}  # `Les`, `Pour`, not `Le Drian`


def _mentions(text: str, folded_text: str | None = None) -> list[_Mention]:
    """Every capitalised name sequence that is not a place, a body or a ship, titles stripped, with
    whether the text gives evidence that it names a person (`folded_text`: fold(text), if known)."""
    if "S." in text:
        blanked = _EXCELLENCY.sub(lambda m: " " * len(m.group()), text)  # offsets unchanged
        folded_text = None if blanked != text else folded_text
        text = blanked
    folded_text = folded_text if folded_text is not None else fold(text)
    found: list[_Mention] = []
    maybe: list[tuple[int, int]] = []  # lone words with no title or comma: surnames, perhaps
    for stretch in _STRETCH.finditer(text):
        a, b = stretch.span()
        space = folded_text.find(" ", a, b)
        if 0 < space and folded_text[a:space] in _LEADING and folded_text[a - 4:a] != "mm. ":
            a = space + 1  # `Les Alliés`, `Le Comité`: a name starts there only after a title
        word = folded_text[a:b].rstrip(".")
        if " " not in word and "\n" not in word:
            if word in _NEVER_ALONE or PLACES.countries.get(word, ("", "city"))[1] != "city":
                continue  # `Le`, `Conseil`, `Ukraine`: the commonest stretches
            before = folded_text[max(0, a - 160):a]
            if not (before.rstrip().endswith(",") or titled(before) or "mm." in before[-80:]):
                maybe.append((a, b))  # looked at only if it ends a full name found
                continue
        found += _stretch_mentions(text, folded_text, a, b)
    surnames = {w for m in found if m.evidenced and len(m.core) >= 2 for w in m.core}
    for a, b in maybe:
        if any(w in surnames for w in folded_text[a:b].rstrip(".").split("-")):
            found += _stretch_mentions(text, folded_text, a, b)
    return sorted(found, key=lambda m: m.start)


def _stretch_mentions(text: str, folded_text: str, a: int, b: int) -> list[_Mention]:
    """The mentions of the stretch text[a:b] (tokenised with the words before it, for titles)."""
    tokens = _tokens(text, folded_text, max(0, a - _CONTEXT), b)
    first = next((k for k, t in enumerate(tokens) if t.start >= a), len(tokens))
    mentions = (_mention(text, folded_text, tokens, i, j) for i, j in _candidates(tokens, first))
    return [m for m in mentions if m is not None]


def _mention(text: str, folded_text: str, tokens: list[_Token], i: int, j: int) -> _Mention | None:
    """The candidate tokens[i:j] as a mention (titles and places stripped), or None."""
    strong = False
    # strip titles: `Lord`, `Président`, `Son Altesse le Cheikh`
    while i < j and (tokens[i].folded in _CAP_TITLES or tokens[i].text == "."
                     or (tokens[i].folded in _PARTICLES and i + 1 < j
                         and tokens[i + 1].folded in _CAP_TITLES)):
        strong = True
        i += 1
    # `le Président du Kosovo`: a name begins with a lower-case particle only right after M., Lord…
    while i < j and tokens[i].folded in _PARTICLES and tokens[i].text.islower() and not _after_title(tokens, i):
        i += 1
    # a place is not part of a name: `M. Holbrooke Belgrade` (accents lost: `à Belgrade`),
    # `la présidente de la Lituanie Dalia Grybauskaitė`
    while j - i > 1 and (tokens[j - 1].folded in PLACES.countries or tokens[j - 1].folded in _PARTICLES):
        j -= 1
    while j - i > 2 and PLACES.countries.get(tokens[i].folded, ("", ""))[1] in ("country", "variant"):
        i += 1  # (a city may be a first name: `Florence Parly`)
    if not any(tokens[k].is_cap_word for k in range(i, j)):
        return None
    words = _words(tokens, i, j)
    mention = _Mention(words, tokens[i].start, tokens[j - 1].end, True)
    core = mention.core
    if not core or any(w in _NOT_A_NAME for w in core) or words[-1].endswith("."):
        return None
    if len(core) == 1 and PLACES.countries.get(core[0], ("", "city"))[1] != "city":
        return None  # `le ministre Kazakh`: an adjective in capitals, not a surname
    if len(core) > 1 and "-".join(core) in PLACES.countries:
        return None  # `Nouvelle Zélande` written without its hyphen
    before = folded_text[max(0, mention.start - 160):mention.start]
    strong = strong or titled(before) or ("mm." in before[-80:] and bool(MM_LIST.search(text, max(0, mention.start - 80), mention.start)))
    if strong:
        return mention
    if THING_BEFORE.search(before[-40:]) or (i > 0 and _SHIP_PREFIX.match(tokens[i - 1].text)):
        return None
    if any(w in PLACES.countries or w in PLACES.regions for w in core + (fold(mention.text),)):
        return None
    mention.evidenced = evidence(text, folded_text, mention.start, mention.end, len(core), before)
    return mention


def _matches(short: _Mention, full: _Mention) -> bool:
    """`Stoltenberg`, `de Hoop Scheffer`, `J. Appathurai` end `Jens Stoltenberg`, …"""
    s, f = short.core, full.core
    if len(s) >= len(f) or f[-len(s):] != s:
        return False
    given = initials(short.words)
    return not given or fold(full.words[0])[0] == given[0]


def _truncates(short: _Mention, full: _Mention) -> bool:
    s, f = short.core, full.core
    return len(s) <= len(f) and s[:-1] == f[:len(s) - 1] and f[len(s) - 1].startswith(s[-1])


def find_persons(text: str, folded: str | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """(names, spans): canonical names in order of first mention, and where names occur in `text`
    (`folded`: fold(text), when the caller has it). A name the end of an excerpt cuts
    (`… et M. Edgars Ri`) ends with CUT unless the text gave it in full before."""
    repaired = _STRAY_LETTER.sub(lambda m: m.group(1) + m.group(2) + " ", text) if _STRAY.search(text) else text
    mentions = _mentions(repaired, folded if repaired == text else None)
    text = repaired
    # Coreference: an unevidenced mention counts when it is a known person's surname (`Stoltenberg a`).
    full_names = [m for m in mentions if m.evidenced and len(m.core) >= 2]
    end = len(text.rstrip(" \t\n-"))
    mid_word = end > 0 and text[end - 1].isalpha()  # the excerpt may stop inside a word (`Grand-`)
    names: list[str] = []
    seen: set[str] = set()
    spans = []
    for m in mentions:
        if m.end >= end - 1 and any(_truncates(m, f) for f in full_names if f is not m):
            continue  # `M. Nikos Pana` where the excerpt stops: Nikos Panagiotopoulos, named before
        longer = {fold(f.text): f for f in full_names if _matches(m, f)}
        if len(longer) > 1:
            continue  # `M. Ivanov` with Igor and Sergei Ivanov in the text: whose surname?
        if longer:
            canonical = next(iter(longer.values())).text
        elif m.evidenced:
            canonical = m.text + CUT if mid_word and m.end == end else m.text
        else:
            continue
        spans.append((m.start, m.end))
        key = fold(canonical)
        if key not in seen:
            seen.add(key)
            names.append(canonical)
    return names, spans
