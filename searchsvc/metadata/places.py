"""Countries (ISO 3166-1 alpha-2) and named regions in a French text.

Vocabulary: pycountry's French country names (gettext catalog `iso3166-1`) plus our own variants,
cities and nationality adjectives in `data/places.tsv`; region names from `searchsvc/data/regions.tsv`
(via `searchsvc.taxonomy`) plus our variants. All names are matched accent- and case-insensitively
in one pass over a folded copy of the text (same length as the original, so offsets line up), longest
name first; the original text then decides capitalisation: a country name must be capitalised, an
adjective must not (`les Serbes`, people, is not `serbe`, the state).
"""
from __future__ import annotations

import gettext
import re
import unicodedata
from pathlib import Path

import pycountry

from searchsvc import taxonomy
from searchsvc.wordtrie import trie_pattern

DATA = Path(__file__).with_name("data") / "places.tsv"


def _build_fold_table() -> dict[int, str]:
    """Map every Latin letter to one lower-case ASCII character (é→e, Ş→s, ı→i), and typographic
    apostrophes/hyphens to ASCII ones. One character in, one out: offsets survive folding."""
    table = {}
    special = {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "s",
               "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
               "‐": "-", "‑": "-", "‒": "-", "–": "-", "\u00a0": " ", "\u202f": " ",
               "¹": " ", "²": " ", "³": " "}  # `Macédoine¹`: a footnote mark ends the word
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for ch, rep in special.items():
        table[ord(ch)] = rep
    return table


_FOLD = _build_fold_table()
# The same table for Latin-1 as bytes: bytes.translate folds a whole text in C, where str.translate
# looks each character up in a dict (3× slower; folding was a tenth of extraction's time).
_LATIN1 = bytes(ord(m) if len(m := chr(i).translate(_FOLD)) == 1 and ord(m) < 256 else i for i in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]+")
BYTES_FROM = 100  # characters from which the byte path's fixed cost pays (a name: the dict is faster)


def _fold_run(match: re.Match) -> str:
    return match.group().translate(_FOLD)


def _fold_latin1(lowered: str) -> str:
    return lowered.encode("latin-1").translate(_LATIN1).decode("latin-1")


def fold(text: str) -> str:
    """Lower-case, accent-free copy of `text`, character for character (same length)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # `İ` lower-cases to two characters
        return text.translate(_FOLD).lower()
    if len(lowered) < BYTES_FROM:
        return lowered.translate(_FOLD)
    lowered = lowered.replace("’", "'").replace("œ", "o")  # French text is Latin-1 but for these
    try:
        return _fold_latin1(lowered)
    except UnicodeEncodeError:  # `Băsescu`, `Łódź`: those few letters through the table, the rest as bytes
        pass
    try:  # (the table folds to ASCII, which the byte table leaves as it is)
        return _fold_latin1(_BEYOND_LATIN1.sub(_fold_run, lowered))
    except UnicodeEncodeError:  # Greek, Cyrillic: letters the table keeps as they are
        return _NON_ASCII.sub(_fold_run, lowered)


def _plurals(word: str) -> list[str]:
    return [word] if word.endswith(("s", "x")) else [word, word + "s"]


def _pycountry_names() -> list[tuple[str, str]]:
    """(code, French name) pairs: common and official names, `Russie, Fédération de` → `Russie`."""
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    pairs = []
    for c in pycountry.countries:
        names = []
        common = getattr(c, "common_name", None)
        if common:
            names.append(fr.gettext(common))
        for attr in ("name", "official_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            name = fr.gettext(value)
            if "," not in name:
                names.append(name)
            elif not common and re.match(r",\s*(République|Fédération|État)", name[name.index(","):]):
                names.append(name[: name.index(",")])  # `Russie, Fédération de` → `Russie`
        pairs += [(c.alpha_2, n) for n in names]
    return pairs


# French words that pycountry gives as country names but that are mostly something else here:
# a first name (Maurice, Dominique), a weapon (grenade), a meeting (Réunion).
_AMBIGUOUS = {"maurice", "dominique", "grenade", "jersey", "salvador", "georgia", "man", "reunion"}


class _Vocabulary:
    """Folded name → what it names, and one compiled alternation per concern.

    Each entry remembers whether its canonical spelling is capitalised: `Turquie`, `Golfe` must be
    capitalised in the text to count; `pays de Galles`, `mer Noire` need not; adjectives must not be.
    """

    def __init__(self) -> None:
        # name → (code, kind, needs capital); kind: country (pycountry), variant, city, venue,
        # adjective, any
        self.countries: dict[str, tuple[str, str, bool]] = {}
        self.regions: dict[str, tuple[str, bool]] = {}         # name → (slug or "-", needs capital)
        for code, name in _pycountry_names():
            if fold(name) not in _AMBIGUOUS:
                self.countries.setdefault(fold(name), (code, "country", True))
        for line in DATA.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            code, kind, names = line.split("\t")
            for name in (n.strip() for n in names.split("|")):
                if kind == "region":
                    self.regions[fold(name)] = (code, name[0].isupper())
                elif kind == "adjective":
                    for form in _plurals(name):
                        # `suisse` is both the adjective and, capitalised, the country: either counts
                        known = self.countries.get(fold(form))
                        kind_ = "any" if known and known[0] == code else "adjective"
                        self.countries[fold(form)] = (code, kind_, False)
                else:
                    self.countries[fold(name)] = (code, kind, name[0].isupper())
        for slug, region in taxonomy.REGIONS.items():
            for name in region.named_as:
                self.regions.setdefault(fold(name), (slug, name[0].isupper()))
        self.country_re = _alternation(self.countries)
        self.region_re = _alternation(self.regions, r"(?![\w-])")  # not `Europe du Sud` in `Sud-Est`


def _alternation(names, end: str = r"(?!\w)") -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + trie_pattern(names) + ")" + end)


VOCAB = _Vocabulary()

# A place inside the name of a treaty, initiative, summit or body is not a place the text reports on:
# `Traité de Washington`, `Initiative de coopération d'Istanbul`, `sommet de Madrid`, `accords de Minsk`.
_NAME_OF = re.compile(
    r"(?:\b(?:traite|initiative|declaration|conference|sommet|accords?|acte|processus|protocole|charte"
    r"|format|document|groupe|pacte|memorandum|fondation|institut|universite|convention|strategie"
    r"|engagement|seminaire|centre)(?:\s+[\w'-]+){0,3}?"
    r"|\bcommandement(?:\s+[\w'-]+){0,4}?)"
    r"\s+(?:de la |de l'|du |des |de |d')(?:[\w']+-)?$"  # `sommet de Strasbourg-Kehl`: Kehl too
)
_NAME_OF_ENDS = ("de ", "du ", "des ", "d'", "la ", "l'", "-")  # what _NAME_OF's end needs, tested first
# `d'origine albanaise`, `les dirigeants serbes de Bosnie`: an ethnic group, not a state.
_ETHNIC_BEFORE = re.compile(r"\bd'origine\s+$")
# `en français`, `version anglaise`: a language, not a country.
_LANGUAGE = re.compile(r"\b(?:en|version|langue|traduction)\s+$")


def _capitalised(original: str) -> bool:
    first = next((c for c in original if c.isalpha()), "")
    return first.isupper()


def find_countries(text: str, skip=(), folded: str | None = None) -> list[str]:
    """ISO codes of the countries `text` refers to (names, cities, adjectives), in order of first
    mention. `skip`: (start, end) spans to ignore, e.g. person names such as `Florence Parly`;
    `folded`: fold(text), when the caller has it."""
    folded = folded if folded is not None else fold(text)
    found: list[str] = []
    venue_only: set[str] = set()  # codes named so far only by a venue (`à Bruxelles`)
    for m in VOCAB.country_re.finditer(folded):
        code, kind, needs_capital = VOCAB.countries[m.group()]
        if code == "-" or (code in found and (code not in venue_only or kind == "venue")):
            continue
        if any(a <= m.start() < b for a, b in skip):
            continue
        original = text[m.start():m.end()]
        before = folded[max(0, m.start() - 60):m.start()]
        if kind == "adjective":
            if (_capitalised(original) and not original.isupper()) or _LANGUAGE.search(before):
                continue
            if _ETHNIC_BEFORE.search(before) or _of_another_country(folded, m.end(), code):
                continue
            if before.endswith("-"):  # `luso-américaine`, `nord-américains`: a compound
                continue
        elif (needs_capital and not _capitalised(original)) or (before.endswith(_NAME_OF_ENDS)
                                                                 and _NAME_OF.search(before)):
            continue
        if kind == "venue":
            venue_only.add(code)
        else:
            venue_only.discard(code)
        if code not in found:
            found.append(code)
    return [code for code in found if code not in venue_only]


def _of_another_country(folded: str, end: int, code: str) -> bool:
    """`serbes de Bosnie`, `la communauté serbe du Kosovo`: the adjective names people of another land."""
    after = re.match(r"\s+(?:de |du |d')", folded[end:end + 6])
    if not after:
        return False
    m = VOCAB.country_re.match(folded, end + after.end())
    return bool(m) and VOCAB.countries[m.group()][0] not in (code, "-")


def find_regions_named(text: str, folded: str | None = None) -> list[str]:
    """Slugs of regions.tsv regions that the text names outright (Sahel, mer Noire, Balkans…)."""
    found: list[str] = []
    for m in VOCAB.region_re.finditer(folded if folded is not None else fold(text)):
        slug, needs_capital = VOCAB.regions[m.group()]
        if slug == "-" or slug in found:
            continue
        if needs_capital and not _capitalised(text[m.start():m.end()]):
            continue  # `golfe`, `arctique`: a common noun or an adjective, not the region
        found.append(slug)
    return found


def regions_of(countries) -> list[str]:
    """Region slugs of these country codes, per regions.tsv."""
    slugs = []
    for code in countries:
        slug = taxonomy.REGION_OF_COUNTRY.get(code)
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs
