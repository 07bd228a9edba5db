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
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from searchsvc.metadata.places import VOCAB as PLACES
from searchsvc.metadata.places import fold

# Words, numbers, single punctuation marks. A word keeps inner hyphens and apostrophes (`Al-Abadi`,
# `Jae-in`, `l'ambassadeur`); elided articles are split off below.
_TOKEN = re.compile(r"(?i:\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldjmnstc])['’](?=[^\W\d_]))"
                    r"|[^\W\d_](?:[\w'’‑-]*[^\W\d_])?|\d+|\S")

# Lower-case particles inside names: `Jaap de Hoop Scheffer`, `Tamin bin Hamad`, `Thomas de Maizière`.
_PARTICLES = {"de", "du", "van", "von", "der", "den", "da", "di", "del", "della", "dos", "das",
              "bin", "ben", "ibn", "al", "el", "ter", "y", "zu", "af", "la", "le"}
# Capitalised words that are titles, not names: stripped from the front of a name (`Lord Robertson`).
_CAP_TITLES = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "lord", "sir", "dame", "lady", "cheikh",
               "sheikh", "emir", "prince", "princesse", "roi", "reine", "altesse", "president",
               "presidente", "ambassadeur", "ambassadrice", "general", "generale", "gnral", "amiral",
               "colonel", "commandant", "capitaine", "lieutenant", "professeur", "docteur", "mgr",
               "monseigneur", "chancelier", "chanceliere", "premier", "premiere", "ministre",
               "secretaire", "secrtaire", "vice-amiral", "contre-amiral", "lieutenant-colonel",
               "lieutenant-general", "marechal", "pape", "senateur", "senatrice", "juge", "maire",
               "excellence", "vice-premier", "vice-premiere", "vice-president", "vice-presidente",
               "vice-ministre", "sous-secretaire", "royal", "royale", "grand-duc",
               "grand-duchesse", "majeste"}
# Titles that may stand right before a lower-case particle or a capitalised function word that
# begins a name: `M. de Hoop Scheffer`, `M. Des Browne`.
_TITLE_TOKENS = {"m", "mm", "mme", "mlle", "dr", "lord", "sir"}
# Capitalised function words: a sentence's first word is not a name (`Le`, `Lors`, `Ce`).
_FUNCTION = set("""le la les un une des du de d l ce cet cette ces il elle ils elles nous vous je on
au aux en dans pour par sur avec lors apres avant depuis selon mais et ou si comme quand a y ainsi
enfin cela ceci son sa ses leur leurs notre nos votre vos mon ma mes tous toutes tout chaque
plusieurs certains aujourd'hui hier demain entre sous vers chez contre sans durant pendant parmi
outre des pres face afin lorsque puisque alors cependant toutefois neanmoins par-dessus celui-ci
celle-ci ceux-ci celles-ci celui celle ceux lui eux chacun chacune aucun aucune the of and
to in for on at by with from an as is dear ici la-bas voici voila""".split())
# Words that make a capitalised sequence an organisation, an operation, a ship or a place.
_NOT_A_NAME = set("""otan nato alliance conseil comite union nations unies organisation commission
parlement assemblee sommet traite republique royaume federation etat etats gouvernement ministere
mission force forces operation operations programme conference agence centre college ecole division
secretariat bureau cabinet institut universite fondation academie banque cour tribunal direction
service departement armee marine garde corps brigade regiment bataillon flotte base port aeroport
palais maison musee place rue ile iles mer ocean golfe detroit canal mont lac cap nord sud est ouest
europe afrique asie amerique balkans caucase sahel mediterranee arctique baltique partenariat
dialogue initiative plan concept declaration charte communique strategie affaires defense securite
paix science cooperation capacite capacites commandement quartier journee semaine prix medaille
coalition global international internationale national nationale europeen europeenne atlantique
euro-atlantique nord-atlantique occidental occidentale oriental orientale central centrale allie
allies allied joint support shield endeavour endeavor guardian protector command agency council
institute summit meeting program center navy army air hawk corporation group foundation university
school studies policy sentry coasts noon jaguar javelin mongoose trident steadfast dynamic cyber
defender saber baltops juncture unified resolute active sea eagle assist harvest horizon spear storm
strike response rapid reaction freedom enduring sword medias media presse video photo photos
multimedia nouvelles opinions historique liens evenements dossiers textes note projet
communiques hebdo janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
decembre lundi mardi mercredi jeudi vendredi samedi dimanche internet web site forum groupe
accords accord diana kfor isaf sfor fias ueo osce onu ue gcc ccg dcaf transformation
representant representante directeur directrice commandante chef conseiller conseillere porte-parole
delegue deleguee adjoint adjointe tel fax telecopieur courriel email haut haute commissariat
haut-commissariat""".split())

_TITLE_BEFORE = re.compile(
    r"(?:\b(?:m|mm|mme|mmes|mlle|dr|pr)\.?|\bs\.e\.|\blord|\bsir|\bdame|\blady|\bcheikh|\bsheikh"
    r"|\bemir|\bprince(?:sse)?|\broi|\breine|\bpape|\baltesse|\bmgr|\bmonseigneur"
    r"|\b(?:lieutenant-|vice-|contre-)?(?:general|generale|gnral|amiral|colonel|marechal)"
    r"(?: de (?:brigade|division|corps d'armee)| d'armee| de brigade)?(?: aerienne)?"
    r"(?: (?:americain|britannique|francais|allemand|italien|espagnol|canadien|neerlandais|norvegien"
    r"|polonais|turc|grec|danois|belge|roumain|letton|estonien|lituanien|georgien|ukrainien)e?)?"
    r"|\bcommandant|\bcapitaine(?: de (?:vaisseau|fregate|corvette))?|\blieutenant|\bmajor|\bsergent"
    r"|\bprofesseure?|\bdocteur|\bambassadeur|\bambassadrice|\bpresidente?|\bchanceli(?:er|ere)"
    r"|\bpremiere? ministre|\bministre|\bmoderat(?:eur|rice)|\bsenat(?:eur|rice)|\bjuge|\bmaire"
    r"|\bsecretaire general(?:e)?)\s*$"
)
# Roles that introduce a name later in the clause (`le ministre ukrainien de la Défense, X`).
_ROLE = (r"(?:(?:vice|sous|co)-)?(?:ministre|secretaire|secrtaire|president|presidente|porte-parole|directeur|directrice"
         r"|chef|commandant|ambassadeur|ambassadrice|representante?|conseill(?:er|ere)"
         r"|chanceli(?:er|ere)|roi|reine|prince|emir|gouverneur|envoyee?|coordonnat(?:eur|rice)"
         r"|coordinat(?:eur|rice)|deleguee?|adjointe?|moderat(?:eur|rice)|professeure?|physicien"
         r"|general|amiral|colonel|homologue|successeur|predecesseur|commissaire|dirigeante?"
         r"|fondat(?:eur|rice)|responsable|haut representant|vice-ministre|sous-secretaire"
         r"|chercheu(?:r|se)|experte?|journaliste|juge|procureur|titulaire|officier|capitaine)")
_ROLE_THEN_COMMA = re.compile(r"(?:\b(?:le|la|son|sa|leur|notre|un|une|du|de la|au|a la)\s+|\bl')"
                              r"(?:[\w'-]+\s+){0,2}?" + _ROLE + r"\b[^,;:.!?()«»\"]{0,90},\s*$")
_ROLE_DIRECT = re.compile(r"\b" + _ROLE + r"\b(?:\s+(?!(?:a|ont|est|sont|s'est|se|qui|que|avait|etait"
                          r"|sera|avec|lors|dans|sur|en|au|aux|et|par|a-t-il|a-t-elle)\b)[\w'-]+){0,7}\s+$")
_ROLE_AFTER = re.compile(r"^\s*,\s*(?:(?:le|la|l'|un|une|ancien|ancienne|actuel|actuelle|nouveau"
                         r"|nouvelle)\s+)?(?:[\w'-]+\s+)?" + _ROLE + r"\b")
# Someone who speaks or acts: `Jens Stoltenberg a déclaré`, `», a souligné Mark Rutte`.
_SPEECH_BEFORE = re.compile(r"\b(?:a|ont|avait|aurait)\s+(?:declare|indique|souligne|ajoute|precise"
                            r"|explique|affirme|rappele|rappelle|estime|annonce|dit|insiste)\s*$"
                            r"|\b(?:selon|declare|souligne|affirme)\s*$")
_ACTS_AFTER = re.compile(r"[ \t]+(?:a|avait|aura|s['’]est|s['’]était|est|était|sera|se|ont|déclare"
                         r"|souligne|affirme|estime|rencontre|reçoit|accueille|salue)\s")  # not `à`
# A ship, an operation, a programme: `USS Donald Cook`, `frégate norvégienne HNoMS Fridtjof Nansen`.
_THING_BEFORE = re.compile(
    r"(?:\b(?:fregate|destroyer|porte-avions|navire|batiment|sous-marin|corvette|croiseur|patrouilleur"
    r"|ravitailleur|operation|exercice|mission|initiative|programme|projet|systeme|drones?|avions?"
    r"|conference|fondation|institut|universite|centre|prix|medaille|base|camp|aeroport|palais"
    r"|hotel|salle|rue|place|avenue|format|plan|forum|bourse|chaire)\b(?:\s+[\w'-]+)?\s+$)")
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


def _tokens(text: str, folded: str) -> list[_Token]:
    out: list[_Token] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        newline = text.find("\n", last_end, start) >= 0 and not _wrapped(text, start)
        last_end = end
        out.append(_Token(m.group(), start, end, newline, folded[start:end]))
    return out


def _wrapped(text: str, pos: int) -> bool:
    """True when the line break before `pos` only wraps a long line (old hard-wrapped pages), so a
    name may continue across it (`le général Sir\\nMichael Jackson`)."""
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, pos)) + 1
    previous = text[line_start:text.rfind("\n", 0, pos)].rstrip()
    return len(previous) >= 45 and not previous.endswith((".", ":", ";", "!", "?", "|", "»"))


@dataclass
class _Mention:
    words: list[str]   # name words as written, titles stripped
    start: int
    end: int
    evidenced: bool    # False: no title or role; counts only as the surname of someone found

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def core(self) -> list[str]:  # folded words that carry the name: no particles, no initials
        return [part for w in self.words if fold(w) not in _PARTICLES and not w.endswith(".")
                for part in fold(w).split("-")]  # `Minuto‑RIzzo` = `Minuto Rizzo`


def _after_title(tokens: list[_Token], i: int, titles=_TITLE_TOKENS) -> bool:
    """Token i follows a personal title (`M.`, `Mme`, `Lord`; with `titles=_CAP_TITLES` also
    `général`, `président`…)."""
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.text == "." and i > 1:
        prev = tokens[i - 2]
    return prev is not None and prev.folded in titles


def _candidates(tokens: list[_Token]):
    """Maximal capitalised sequences (with particles and initials), as (first, end) token indexes."""
    i, n = 0, len(tokens)
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
                    and j + 1 < n
                    and tokens[j + 1].text == "."):
                break
            if u.is_initial and j + 1 < n and tokens[j + 1].text == ".":
                j += 2  # `Z. Levent Gümrükçü`, `Edmund P. Giambastiani`
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


def _mentions(text: str) -> list[_Mention]:
    """Every capitalised name sequence that is not a place, a body or a ship, titles stripped, with
    whether the text gives evidence that it names a person."""
    text = _EXCELLENCY.sub(lambda m: " " * len(m.group()), text)  # blank it, offsets unchanged
    folded_text = fold(text)
    tokens = _tokens(text, folded_text)
    found: list[_Mention] = []
    for i, j in _candidates(tokens):
        strong = False
        # strip titles: `Lord`, `Président`, `Son Altesse le Cheikh`
        while i < j and (tokens[i].folded in _CAP_TITLES or tokens[i].text == "."
                         or (tokens[i].folded in _PARTICLES and i + 1 < j
                             and tokens[i + 1].folded in _CAP_TITLES)):
            strong = True
            i += 1
        # a place is not part of a name: `M. Holbrooke Belgrade` (accents lost: `à Belgrade`),
        # `la présidente de la Lituanie Dalia Grybauskaitė`
        while j - i > 1 and (tokens[j - 1].folded in PLACES.countries
                             or tokens[j - 1].folded in _PARTICLES):
            j -= 1
        while j - i > 2 and PLACES.countries.get(tokens[i].folded, ("", ""))[1] in ("country", "variant"):
            i += 1  # (a city may be a first name: `Florence Parly`)
        if not any(tokens[k].is_cap_word for k in range(i, j)):
            continue
        words = _words(tokens, i, j)
        mention = _Mention(words, tokens[i].start, tokens[j - 1].end, True)
        core = mention.core
        if not core or any(w in _NOT_A_NAME for w in core) or words[-1].endswith("."):
            continue
        before = folded_text[max(0, mention.start - 160):mention.start]
        after = folded_text[mention.end:mention.end + 60]
        strong = (strong or bool(_TITLE_BEFORE.search(_same_line(before)))
                  or _after_mm(text[:mention.start]))
        if len(core) == 1 and PLACES.countries.get(core[0], ("", "city"))[1] != "city":
            continue  # `le ministre Kazakh`: an adjective in capitals, not a surname
        if not strong:
            if _THING_BEFORE.search(before) or (i > 0 and _SHIP_PREFIX.match(tokens[i - 1].text)):
                continue
            if any(w in PLACES.countries or w in PLACES.regions for w in core + [fold(mention.text)]):
                continue
            clause = _clause(before)
            appositive = bool(_ROLE_THEN_COMMA.search(clause))
            role_after = bool(_ROLE_AFTER.match(after))
            direct_role = bool(_ROLE_DIRECT.search(clause))
            agent = (bool(_SPEECH_BEFORE.search(clause))
                     or bool(_ACTS_AFTER.match(text, mention.end)))
            mention.evidenced = appositive or (len(core) >= 2 and (role_after or direct_role or agent))
        found.append(mention)
    return found


def _after_mm(before: str) -> bool:
    """`MM. Hauzai et Tahiri`, `MM. Stoltenberg et Macron`: every name after `MM.` is titled."""
    return bool(_MM_LIST.search(before[-80:]))


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’‑-]*"
_MM_LIST = re.compile(rf"\bMM\.\s+(?:{_NAME_WORD}(?:\s+{_NAME_WORD})*\s*,\s*)*"
                      rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD})*\s+et\s+)?$")


def _same_line(before: str) -> str:
    """Text before a name on its line (a wrapped line continues the previous one)."""
    newline = before.rfind("\n")
    return before if newline < 0 or _wrapped(before, newline + 1) else before[newline + 1:]


_BRACKETS = re.compile(r"\([^()\n]*\)")


def _clause(before: str) -> str:
    """The current clause up to the name: text after the last sentence or bracket boundary."""
    before = _BRACKETS.sub(" ", before)  # `la présidente du COPS (…) de l'UE (UE), X`: skip asides
    cut = max(before.rfind(c) for c in ";:!?()«»\"")
    newline = before.rfind("\n")
    if newline > cut and not _wrapped(before, newline + 1):
        cut = newline
    for m in re.finditer(r"[.](?=\s+[a-z])", before):  # `. Le` is a sentence end; `M. X` is not
        if not re.search(r"\b(?:m|mm|mme|dr|s\.e|[a-z])$", before[:m.start()]):
            cut = max(cut, m.start())
    return before[cut + 1:]


def _matches(short: _Mention, full: _Mention) -> bool:
    """`Stoltenberg`, `de Hoop Scheffer`, `J. Appathurai` end `Jens Stoltenberg`, …"""
    s, f = short.core, full.core
    if len(s) >= len(f) or f[-len(s):] != s:
        return False
    initials = [w[0].lower() for w in short.words if w.endswith(".") and len(w) == 2]
    return not initials or fold(full.words[0])[0] == initials[0]


def _truncates(short: _Mention, full: _Mention) -> bool:
    s, f = short.core, full.core
    return len(s) <= len(f) and s[:-1] == f[:len(s) - 1] and f[len(s) - 1].startswith(s[-1])


def find_persons(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """(names, spans): canonical names in order of first mention, and where names occur in `text`."""
    mentions = _mentions(text)
    # Coreference: an unevidenced mention counts when it is a known person's surname (`Stoltenberg a`).
    full_names = [m for m in mentions if m.evidenced and len(m.core) >= 2]
    names: list[str] = []
    seen: set[str] = set()
    spans = []
    for m in mentions:
        if m.end >= len(text.rstrip()) - 1 and any(_truncates(m, f) for f in full_names if f is not m):
            continue  # `M. Nikos Pana` where the excerpt stops: Nikos Panagiotopoulos, named before
        longer = {fold(f.text): f for f in full_names if _matches(m, f)}
        if len(longer) > 1:
            continue  # `M. Ivanov` with Igor and Sergei Ivanov in the text: whose surname?
        if longer:
            canonical = next(iter(longer.values())).text
        elif m.evidenced:
            canonical = m.text
        else:
            continue
        spans.append((m.start, m.end))
        key = fold(canonical)
        if key not in seen:
            seen.add(key)
            names.append(canonical)
    return names, spans
