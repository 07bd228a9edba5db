"""The French analysis chain, the single place where text becomes index terms.

Used at index time (schema), at query time (search.query) and for highlighting (search.snippets),
so a word is always normalised the same way wherever it appears. The stages follow Lucene's
FrenchAnalyzer order, with accent folding added before stemming:

    tokenize → lowercase → elision → fold → stop words → stem

Folding comes before stemming on both sides: stemming accented words and folding afterwards misses
about a fifth of accented words when a journalist types the query without accents.

The chain runs once per distinct word (word_forms, memoised in FORMS) and once per text
(text_forms), without a Whoosh Token per word; store.schema.WordAnalyzer hands the same words to Whoosh.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

import snowballstemmer
from unidecode import unidecode

# Soft hyphen, zero-width space and joiners, word joiner, a BOM inside text: invisible, but they
# would split a word in two for the tokenizer.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def normalise_text(text: str) -> str:
    """Text as the chain expects it, at ingest and in queries alike: NFC (a decomposed « é »
    typed by some keyboards is « é »), without invisible characters."""
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


# A word is a run of letters/digits; an apostrophe inside it is kept so that the elision stage sees
# "l’OTAN" whole. Hyphens (including the non-breaking U+2011) separate words: "porte-parole" gives
# "porte" and "parole", and a hyphenated query becomes a phrase of its parts.
# A number followed by "%" or "pour cent" is one word, "2%": the 2 % guideline is not "le 2 novembre".
PERCENT = re.compile(r"\d+(?:[.,]\d+)?[ \u00a0\u202f]?(?:%|pour[ \u00a0\u202f]?cent\b)")  # no group: WORD.findall
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
WORD = re.compile(PERCENT.pattern + r"|[^\W_]+(?:['’ʼ][^\W_]+)*")

ELIDED_ARTICLES = ("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu")
ELISION = re.compile(r"^(?:%s)['’ʼ](?=[^\W_])" % "|".join(sorted(ELIDED_ARTICLES, key=len, reverse=True)))

# Snowball's French stop list plus the articles and determiners it leaves out ("les", "cette"…),
# stored folded because the stop stage runs after folding.
_STOP_WORDS = """
au aux avec ce ces dans de des du elle en et eux il je la le les leur leurs lui ma mais me même mes
moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous c d j l à m n s t y cet cette celle celui ceux dont ils elles
été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras sera serons
serez seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes
furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes
ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions
auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient
eusse eusses eût eussions eussiez eussent
"""
STOP_WORDS = frozenset(unidecode(w) for w in _STOP_WORDS.split())

# Snowball leaves some derived words with a stem of four letters or fewer that is also another,
# unrelated word ("châtiment" → "chat", "fortement" → "fort"). Such short stems are ambiguous, so
# when the stemmer cut four letters or more down to such a stem we keep the word itself (singular).
SHORT_STEM = 4
LONG_CUT = 4

_stemmer = None

# NATO pages date items "29 nov. 2006": an abbreviated month is the month, so that "novembre 2006"
# finds it. Not "sept", which is also the number seven.
MONTH_ABBREVIATIONS = {"janv": "janvier", "fevr": "fevrier", "avr": "avril", "juil": "juillet",
                       "oct": "octobre", "nov": "novembre", "dec": "decembre"}


def fold(text: str) -> str:
    """Lowercase ASCII form of a word or phrase: accents and ligatures folded (œ→oe, ß→ss)."""
    if not text.isascii():
        text = unidecode(text)
    return text.lower()


def elide(word: str) -> tuple[str, int]:
    """Drops an elided article or pronoun ("l’otan" → "otan"); returns the word and the cut length."""
    match = ELISION.match(word)
    return (word[match.end():], match.end()) if match else (word, 0)


def fold_word(word: str) -> str:
    """Folds one word and drops what folding leaves that is not a letter or digit (apostrophes)."""
    folded = fold(word)
    if not folded.isalnum():
        folded = "".join(c for c in folded if c.isalnum())
    return folded


def stem(folded: str) -> str:
    """Snowball French stem of a folded word (PyStemmer's C stemmer when installed)."""
    global _stemmer
    if _stemmer is None:
        _stemmer = snowballstemmer.stemmer("french")
    term = _stemmer.stemWord(folded)
    if len(term) <= SHORT_STEM and len(folded) - len(term) >= LONG_CUT:
        term = folded[:-1] if folded.endswith(("s", "x")) else folded
    return term


STOPPED = ""  # the term of a stop word


def word_forms(raw: str) -> tuple[str | None, str | None, int]:
    """One token through the chain: (term, folded word, characters elided in front).

    The term is the stem, STOPPED for a stop word; both are None when nothing searchable is left.
    """
    if PERCENT.fullmatch(raw):  # "2 %", "2,5 pour cent" → "2%", "2,5%"
        word = NUMBER.match(raw).group().replace(".", ",") + "%"
        return word, word, 0
    word, cut = elide(raw.lower())
    word = fold_word(word)
    if not word:
        return None, None, cut
    word = MONTH_ABBREVIATIONS.get(word, word)
    return (STOPPED if word in STOP_WORDS else stem(word)), word, cut


# raw token → word_forms(raw): a plain dict beats Whoosh's stem cache and runs the chain once per
# distinct word, for indexing, queries and highlighting alike. Bounded against adversarial input.
FORMS: dict[str, tuple[str | None, str | None, int]] = {}
FORMS_LIMIT = 500_000


def forms(raw: str) -> tuple[str | None, str | None, int]:
    """word_forms(raw), memoised."""
    entry = FORMS.get(raw)
    if entry is None:
        if len(FORMS) >= FORMS_LIMIT:
            FORMS.clear()
        entry = FORMS[raw] = word_forms(raw)
    return entry


def text_forms(text: str) -> Iterator[tuple[int, str, str]]:
    """(position, term, folded word) of each searchable word of a text, in order. Positions count
    every token, so a phrase never joins words that a dropped token stood between. Indexing
    (word_positions), queries (analyze_terms, exact_terms) and Whoosh (store.schema.WordAnalyzer) read texts
    through it; highlighting walks the same tokens with their character offsets (search.snippets)."""
    known = FORMS.get
    for pos, raw in enumerate(WORD.findall(text)):
        term, word, _ = known(raw) or forms(raw)
        if word is not None:
            yield pos, term, word


def analyze_terms(text: str) -> list[str]:
    """The stemmed index terms of a text, in order (stop words removed)."""
    return [term for _, term, _ in text_forms(text) if term != STOPPED]


def exact_terms(text: str) -> list[str]:
    """The folded, unstemmed words of a text, in order (stop words kept)."""
    return [word for _, _, word in text_forms(text)]


def word_positions(text: str) -> dict[str, list[int]]:
    """The folded words of a text with their positions: what the index stores (schema.WordsField).

    Stemming is the last stage and a function of the folded word alone, so the index keeps the
    folded words and a query term matches every indexed word with its stem (search.matching):
    one positional field then serves stemmed words, exact phrases, prefixes and spelling.
    """
    positions: dict[str, list[int]] = {}
    known, found_at = FORMS.get, positions.get
    for pos, raw in enumerate(WORD.findall(text)):  # text_forms' loop, inlined: indexing runs it per word
        word = (known(raw) or forms(raw))[1]
        if word is not None:
            found = found_at(word)
            if found is None:
                positions[word] = [pos]
            else:
                found.append(pos)
    return positions


def term_of_word(word: str) -> str | None:
    """The term of an indexed (folded) word: its stem, or STOPPED for a stop word."""
    return forms(word)[0]
