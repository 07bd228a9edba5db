"""What tells that a capitalised sequence of a French text names a person: a title right before it,
a role in its clause or after it, a speech or an act (persons.py asks; the patterns run on the folded
text before and after the name).
"""
from __future__ import annotations

import re

# Last words of the titles TITLE_BEFORE knows: only a name right after one is worth its regex.
TITLE_LAST = set("""m mm mme mmes mlle dr pr e s.e lord sir dame lady cheikh sheikh emir prince princesse
roi reine pape altesse mgr monseigneur general generale gnral amiral colonel marechal brigade division
armee aerienne commandant capitaine vaisseau fregate corvette lieutenant major sergent professeur
professeure docteur ambassadeur ambassadrice president presidente chancelier chanceliere ministre
moderateur moderatrice senateur senatrice juge maire""".split())
_NATIONALITIES = """americain britannique francais allemand italien espagnol canadien neerlandais
norvegien polonais turc grec danois belge roumain letton estonien lituanien georgien ukrainien""".split()
TITLE_LAST |= {n + ending for n in _NATIONALITIES for ending in ("", "e")}  # `le général américain X`
TITLE_BEFORE = re.compile(
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
THING_BEFORE = re.compile(
    r"(?:\b(?:fregate|destroyer|porte-avions|navire|batiment|sous-marin|corvette|croiseur|patrouilleur"
    r"|ravitailleur|operation|exercice|mission|initiative|programme|projet|systeme|drones?|avions?"
    r"|conference|fondation|institut|universite|centre|prix|medaille|base|camp|aeroport|palais"
    r"|hotel|salle|rue|place|avenue|format|plan|forum|bourse|chaire)\b(?:\s+[\w'-]+)?\s+$)")
def wrapped(text: str, pos: int) -> bool:
    """True when the line break before `pos` only wraps a long line (old hard-wrapped pages), so a
    name may continue across it (`le général Sir\\nMichael Jackson`)."""
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, pos)) + 1
    previous = text[line_start:text.rfind("\n", 0, pos)].rstrip()
    return len(previous) >= 45 and not previous.endswith((".", ":", ";", "!", "?", "|", "»"))


def titled(before: str) -> bool:
    """A title ends right before the name (`M.`, `le général`, `la première ministre`)."""
    line = same_line(before)
    tail = line.rstrip(" \t\n.")
    last = tail[max(tail.rfind(" "), tail.rfind("'"), tail.rfind("\n")) + 1:]
    return last in TITLE_LAST and bool(TITLE_BEFORE.search(line))


def evidence(text: str, folded_text: str, start: int, end: int, words: int, before: str) -> bool:
    """A role, a speech or an act names text[start:end], a name of `words` core words, a person
    (`…, X,`; `X, directeur de`; `a déclaré X`, `X a dit`): cheapest tests first."""
    if before.rstrip().endswith(",") and _ROLE_THEN_COMMA.search(clause(before)):
        return True  # `le ministre ukrainien de la Défense, X`
    if words < 2:
        return False
    after = folded_text[end:end + 60]
    if _ROLE_AFTER.match(after) or _ACTS_AFTER.match(text, end):
        return True
    in_clause = clause(before)
    return bool(_ROLE_DIRECT.search(in_clause) or _SPEECH_BEFORE.search(in_clause))


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’‑-]*"
MM_LIST = re.compile(rf"\bMM\.\s+(?:{_NAME_WORD}(?:\s+{_NAME_WORD})*\s*,\s*)*"
                      rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD})*\s+et\s+)?$")


def same_line(before: str) -> str:
    """Text before a name on its line (a wrapped line continues the previous one)."""
    newline = before.rfind("\n")
    return before if newline < 0 or wrapped(before, newline + 1) else before[newline + 1:]


_BRACKETS = re.compile(r"\([^()\n]*\)")
_SENTENCE_END = re.compile(r"[.](?=\s+[a-z])")
_ABBREVIATION = re.compile(r"\b(?:m|mm|mme|dr|s\.e|[a-z])$")


def clause(before: str) -> str:
    """The current clause up to the name: text after the last sentence or bracket boundary."""
    before = _BRACKETS.sub(" ", before)  # `la présidente du COPS (…) de l'UE (UE), X`: skip asides
    cut = max(before.rfind(c) for c in ";:!?()«»\"")
    newline = before.rfind("\n")
    if newline > cut and not wrapped(before, newline + 1):
        cut = newline
    for m in _SENTENCE_END.finditer(before, cut + 1):  # `. Le` is a sentence end; `M. X` is not
        if not _ABBREVIATION.search(before, max(0, m.start() - 4), m.start()):
            cut = max(cut, m.start())
    return before[cut + 1:]
