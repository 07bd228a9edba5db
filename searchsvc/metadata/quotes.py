"""Quotations of an announcement: every passage between « », “ ” or straight quotes, speech or not,
and for speech who said it.

Marks are paired on a stack, so nested quotes are passages of their own; a quotation goes on across
a line break only when the next line closes it before opening another (a hard-wrapped old page; a
French multi-paragraph quotation reopens « on each paragraph), and a mark never closed ends its
passage with the paragraph (or the text, cut off mid-sentence).

A passage is speech when its clause attributes it (`», a déclaré M. X`, `Il a ajouté que « …`,
`Selon le secrétaire général, « …`), when it continues a speech passage of the same sentence (the
second half of a quotation interrupted by an incise), or when it stands as sentences of its own after
someone has spoken. It is not speech when nested in another quotation, when the words before it name
a thing (`l'exercice « … »`, `baptisé « … »`, `sa force « fer de lance »`), or when it is a proper name.
The speaker is the referent (metadata/speakers.py) that is the subject of the attributing verb.
"""
from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Callable

from searchsvc.metadata.places import fold
from searchsvc.metadata.speakers import Referent, referents

_OPENERS = {"«": "»", "“": "”", "„": "”", '"': '"'}
_CLOSERS = {"»", "”"}
_MARK_OR_BREAK = re.compile(r'[«»“”„"\n]')
# Speech and judgement verbs, folded stems (`a déclaré`, `a-t-il ajouté`, `qualifie de`, `saluant`).
_STEMS = (r"declar|indiqu|soulign|ajout|precis|expliqu|affirm|rappel|estim|annonc|insist|observ|remarqu"
          r"|conclu|poursuiv|qualifi|salu|felicit|remerci|encourag|exhort|constat|reaffirm|exprim|ecri"
          r"|repond|avert|assur|consider|decri|reiter|plaid|promi|deplor|condamn|reconnu|reconnai|souhait"
          r"|martel|resum|temoign|note|notant|notai|dit|disai|disant|dire|hommage|acte|termes|appel|demand"
          r"|convenu|convien|invit"
          r"|mis en garde|mettant en garde|fait valoir|faisant valoir|selon|d'apres|d’apres")
_VERB = re.compile(r"\b(?:" + _STEMS + r")\w*")
# An inverted incise right after the closing mark: `», a déclaré X`, `», a-t-il dit`, `», selon X`.
_INCISE = re.compile(r"^[\s,.!?…]*(?:(?:a|ont|avait|avaient|aurait)(?:[-‑]t[-‑](?:il|elle|ils|elles))?\s+)?"
                     r"(?:\w+\s+){0,2}?(?:" + _STEMS + r")\w*(?:[-‑]t[-‑](?:il|elle|ils|elles))?")
# Words right before a quotation that name a thing rather than report words.
_NAMING = re.compile(
    r"(?:\b(?:(?:re)?baptise|intitule|appele|denomme|surnomme|nomme|dite|theme|titre|slogan|devise"
    r"|le mot|le terme|l'expression|l’expression|notion|concept|label|nom|sigle|formule|exercice|operation|programme"
    r"|initiative|projet|action|mission|force|format|forum|campagne|rapport|document|ouvrage|livre"
    r"|article|publication|revue|supplement|magazine|conference|seminaire|atelier|colloque|ronde|sommet"
    r"|jeunesse|agenda|statut|partenaire|prix|strategie|doctrine|ligne|manifestation|plateforme|reseau"
    r"|centre|cours|stage|module|dispositif|paquet|feuille de route|plan)s?(?:\s+(?:de|des|du|en|d'|d’)"
    r"(?:\s+\d{4})?)?\W*$)")
_THING_FIRST = re.compile(r"^(?:format|programme|plan|mission|initiative|operation|exercice|force|centre"
                          r"|unites?|groupe|projet|strategie|concept)\b")
# An incise inside one pair of marks: `« …, a déclaré X. … »`, `« …, a-t-il déclaré, … »`.
_INNER_INCISE = re.compile(r",\s+(?:(?:a|ont|avait)(?:[-‑]t[-‑](?:il|elle|ils|elles))?\s+(?:\w+\s+)?(?:"
                           + _STEMS + r")\w*|(?:" + _STEMS + r")\w*[-‑]t[-‑](?:il|elle|ils|elles))")
# The incise ends at its sentence's end, else right after its verb, else at its next comma.
_INCISE_END = re.compile(r"[^«»\n.]{0,100}?\.\s+(?=[A-ZÀ-ÖØ-Þ])|\s*,\s*|[^«»\n]{0,100}?,\s+")
# Before a term: a noun (`la formation « défense »`); not a word that introduces words said.
_FUNCTION = set("""leur leurs notre votre cette comme etait etre sont avec pour dans sans sous vers
chez entre selon dont plus moins tres aussi qualifie qualifiee qualifies qualifiees considere decrit
devenu devenue reste restent demeure semble juge jugee estime rester devenir toujours encore
particulierement vraiment elle elles ils nous vous celle celles ceux""".split())
_VERB_FIRST = re.compile(r"^(?:est|sont|a|ont|etait|sera|seront|va|vont|doit|doivent|peut|peuvent|reste"
                         r"|restent|demeure|n['’]|ne)$|(?:ra|ront|ait|aient)$")
_TERM_WORDS = 3  # a quotation this short right after a noun is a term (`plan d'action « réactivité »`)
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…](?:\s*[»”\"])?\s+(?=[«“\"A-ZÀ-ÖØ-Þ])")
_ABBREVIATION = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Dr|St|av|J\.-C|etc)|\b[A-Z])\.$")
_TITLES = re.compile(r"\b(?:M|MM|Mme|Mmes|Dr)\.")
_MAX_WINDOW = 300  # characters of clause looked at around a quotation: a sentence's attribution
_SENTENCE_WORDS = 5  # a passage of this many words that starts like a sentence stands as speech


@dataclass(frozen=True)
class Passage:
    start: int          # offsets of the words between the marks in the text searched
    end: int            # (the closing mark, if any, is at `end`)
    depth: int          # 0: outermost; 1: inside another quotation
    text: str
    kind: str = "other"          # speech or other
    speaker: str | None = None
    attribution: str | None = None
    paragraph: int = 0


def quoted_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of every quoted passage, in order of its opening mark."""
    spans: list[tuple[int, int, int]] = []
    stack: list[tuple[str, int]] = []
    for hit in _MARK_OR_BREAK.finditer(text):  # every other character leaves the stack as it is
        i, ch = hit.start(), hit.group()
        if ch == "\n":
            if stack and not _continues(text, i + 1, stack[-1][0]):
                while stack:
                    spans.append((stack[-1][1], i, len(stack) - 1))
                    stack.pop()
            continue
        if ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            closing = not prev.isspace() and prev not in "(«“'’" or (nxt.isspace() or nxt in ".,;:!?)")
            if any(m == '"' for m, _ in stack) and closing:
                ch = "»"  # closes the innermost straight quote
            elif prev.isspace() or prev in "(«“'’-–—/" or i == 0:
                stack.append(('"', i + 1))
                continue
            else:
                continue
        if ch in "«“„":
            stack.append((ch, i + 1))
        elif ch in _CLOSERS or ch == "»":
            for k in range(len(stack) - 1, -1, -1):
                mark = stack[k][0]
                if _OPENERS[mark] == ch or (mark == '"' and ch == "»") or (ch == "»" and mark in "“„"):
                    while len(stack) > k:
                        spans.append((stack[-1][1], i, len(stack) - 1))
                        stack.pop()
                    break
    while stack:
        spans.append((stack[-1][1], len(text), len(stack) - 1))
        stack.pop()
    return sorted(spans, key=lambda s: (s[0], s[2]))


def _continues(text: str, start: int, mark: str) -> bool:
    """The next line closes an open quotation before it opens one: a wrapped line, not a paragraph."""
    line_end = text.find("\n", start)
    line = text[start:line_end if line_end >= 0 else len(text)]
    first = re.search(r'[«»“”"]', line)
    if first and first.group() == '"':
        return mark == '"' and first.start() > 0 and not line[first.start() - 1].isspace()
    return bool(first) and first.group() in "»”"


def find_quotes(text: str, names: list[str], spans: list[tuple[int, int]],
                date: datetime.date | None, folded: str | None = None) -> list[Passage]:
    """Every quoted passage of `text` (title, blank line, body; see extract_metadata) in text order.
    names, spans: what find_persons found in the same text; folded: fold(text), when the caller has it."""
    folded = folded if folded is not None else fold(text)
    raw = [piece for s, e, d in quoted_spans(text) if any(c.isalpha() for c in text[s:e])
           for piece in (_split_incise(text, folded, s, e) if d == 0 else [(s, e, d)])]
    if not raw:  # nothing quoted: no speaker to look for
        return []
    outer = [(s, e) for s, e, d in raw if d == 0]
    refs = [r for r in referents(text, names, spans, date, folded) if not _inside(r.start, outer)]
    ends = _sentence_starts(text, outer)
    passages: list[Passage] = []
    for start, end, depth in raw:
        passage = Passage(start, end, depth, " ".join(text[start:end].split()),
                          paragraph=_paragraph(text, start))
        passages.append(passage if depth else _classify(passage, text, folded, refs, ends, outer, passages))
    if _title_repeats_body(text):  # its quotations are the first line's: found there
        passages = [p for p in passages if p.paragraph]
    return _title_echoes(passages, text)


def _title_repeats_body(text: str) -> bool:
    """The title is the body's first line, or its first sentence shortened (ingest.split_title)."""
    title, _, body = text.partition("\n")
    first = next((line for line in body.split("\n") if line.strip()), "")
    return bool(title.strip()) and first.startswith(title.rstrip("…").rstrip())


def _split_incise(text: str, folded: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """A quotation interrupted by an incise inside its marks is two passages."""
    incise = _INNER_INCISE.search(folded, start, end)
    if incise is None:
        return [(start, end, 0)]
    close = _INCISE_END.match(text, incise.end(), end)
    if close is None or close.end() >= end:
        return [(start, end, 0)]
    return [(start, incise.start(), 0), (close.end(), end, 0)]


def _inside(pos: int, outer: list[tuple[int, int]]) -> bool:
    return any(s - 1 <= pos < e + 1 for s, e in outer)


def _paragraph(text: str, pos: int) -> int:
    """0 for the title (the text's first line), n for the body's n-th line."""
    line = text.count("\n", 0, pos)
    return 0 if line == 0 else line - 1


def _sentence_starts(text: str, outer: list[tuple[int, int]]) -> list[int]:
    """Where sentences start, sorted: after each line break and each sentence end outside a quotation."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    opened = [s for s, _ in outer]  # outer: disjoint, in text order
    for m in _SENTENCE_END.finditer(text):
        k = bisect_right(opened, m.end()) - 1  # the one quotation that may hold it
        if not _ABBREVIATION.search(text[max(0, m.start() - 6):m.start() + 1]) \
                and not (k >= 0 and m.end() < outer[k][1]):
            starts.append(m.end())
    return sorted(set(starts))


def _classify(p: Passage, text: str, folded: str, refs: list[Referent], starts: list[int],
              outer: list[tuple[int, int]], before: list[Passage]) -> Passage:
    sentence = starts[bisect_right(starts, p.start - 1) - 1] if p.start else 0
    previous = [q for q in before if q.depth == 0 and q.end < p.start]
    left = max([sentence, p.start - 1 - _MAX_WINDOW] + [q.end + 1 for q in previous if q.end >= sentence])
    window = folded[left:p.start - 1]
    next_start = bisect_right(starts, p.end)
    after_end = min(starts[next_start:next_start + 1] + [s - 1 for s, _ in outer if s > p.end]
                    + [p.end + 1 + _MAX_WINDOW, len(text)])
    after = folded[p.end + 1:after_end]
    words = p.text.split()
    if _NAMING.search(window[-60:]) or _is_name(words) or (
            len(words) <= 8 and _THING_FIRST.match(fold(p.text))) or _term(text, p, words):
        return p
    spoken = [q for q in before if q.kind == "speech"]
    found = _attribution(p, text, folded, refs, window, left, after, spoken)
    if found is None and previous and previous[-1].kind == "speech" and previous[-1].end >= sentence:
        found = (previous[-1].speaker, None)  # the second half of an interrupted quotation
    if found is None and _stands_alone(p, text, words) and spoken:
        found = (spoken[-1].speaker, None)
    if found is None and _stands_alone(p, text, words) and p.paragraph and not spoken:
        found = (_subject_before(p.start, refs, folded, spoken, speaking=True), None)
    if found is None:
        return p
    speaker, attribution = found
    return replace(p, kind="speech", speaker=speaker, attribution=attribution)


def _term(text: str, p: Passage, words: list[str]) -> bool:
    """`la formation « défense »`: a few words right after a noun, not starting with a verb."""
    before = re.search(r"([^\W\d_][\w-]*)[\s«“\"]*$", text[max(0, p.start - 40):p.start])
    if before is None or len(words) > _TERM_WORDS or not words:
        return False
    word = before.group(1)
    return (word.islower() and len(word) >= 4 and fold(word) not in _FUNCTION
            and not _VERB_FIRST.search(fold(words[0])))


def _is_name(words: list[str]) -> bool:
    """`Steadfast Javelin 1`, `OTAN 2030`: every word capitalised or a number."""
    return len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _stands_alone(p: Passage, text: str, words: list[str]) -> bool:
    """Sentences of their own: opens with a capital after a sentence end, ends like a sentence."""
    line_start = text.rfind("\n", 0, p.start) + 1
    before = text[line_start:p.start - 1].rstrip()
    return len(words) >= _SENTENCE_WORDS and p.text[:1].isupper() and (
        not before or before.endswith((".", ":", "!", "?", "»", "”", '"')))


def _attribution(p, text, folded, refs, window, left, after, spoken):
    """(speaker, attribution words) from the incise after the passage or the clause before it."""
    incise = _INCISE.match(after)
    if incise:
        ref = next((r for r in refs if p.end < r.start <= p.end + 1 + len(after)
                    and r.start >= p.end + 1 + incise.start()), None)
        if ref is not None and ref.start - (p.end + 1) <= incise.end() + 90:
            named = next((r for r in refs if r.kind == "person" and r.name == ref.name
                          and ref.end <= r.start <= ref.end + 80
                          and "." not in _TITLES.sub("", text[ref.end:r.start])), ref)
            words = text[p.end + 1:max(named.end, p.end + 1 + incise.end())].lstrip(" ,»”\"").strip()
            return _resolve(ref, refs, folded, spoken), words
    verbs = list(_VERB.finditer(window))
    inwin = [r for r in refs if left <= r.start and r.end <= p.start - 1]
    ref = None
    if verbs:
        verb = max(verbs, key=lambda m: m.start())
        at = left + verb.start()
        before_verb = [r for r in inwin if r.end <= at]
        after_verb = [r for r in inwin if r.start >= at]
        ref = before_verb[-1] if before_verb else (after_verb[0] if after_verb else None)
    elif window.rstrip().endswith(":") and inwin:
        ref = inwin[0]
    if ref is None:
        follows = re.match(r"^[\s,]*", after)
        subject = next((r for r in refs if r.start == p.end + 1 + follows.end()), None)
        if subject is not None and _VERB.search(after[:subject.end - p.end + 40]):
            return _resolve(subject, refs, folded, spoken), text[subject.start:subject.end + 30].split(",")[0]
        return None
    words = text[ref.start:p.start - 1].strip(" :,«\"“")
    return _resolve(ref, refs, folded, spoken), words


def _resolve(ref: Referent, refs: list[Referent], folded: str, spoken: list[Passage]) -> str | None:
    if ref.kind != "pronoun":
        return ref.name
    return _subject_before(ref.start, refs, folded, spoken, plural=ref.plural)


_AUXILIARY = r"(?:a|ont|avait|avaient|aurait|s['’]est|se|est|etait|sont|sera|va|doit|n['’]a)\b"
_BETWEEN = r"^\s*(?:,[^,.;:«»]{1,90},)?,?\s*"  # `X, chef d'état-major, a dit`, `X, a dit`, `X a dit`
_SUBJECT_VERB = re.compile(_BETWEEN + r"(?:" + _AUXILIARY + r"\s*(?:\w+\s+){0,2}?)?(?:" + _STEMS + ")")
_SUBJECT_ANY = re.compile(_BETWEEN + r"(?:" + _AUXILIARY + r"|(?:" + _STEMS + "))")


def _subject_before(pos: int, refs: list[Referent], folded: str, spoken: list[Passage],
                    plural: bool = False, speaking: bool = False) -> str | None:
    """Whom a pronoun at `pos` stands for: the last subject named since the last speaker (the
    subject of a speech verb when `speaking`), else that speaker, else the text's first person."""
    last_speech = spoken[-1] if spoken else None
    subject = _SUBJECT_VERB if speaking else _SUBJECT_ANY
    starts = [r.start for r in refs]
    for r in reversed([r for r in refs if r.end <= pos and r.kind != "pronoun" and r.name]):
        if last_speech is not None and r.end < last_speech.start:
            break
        verb = subject.match(folded[r.end:r.end + 120])
        # the verb is this referent's, not that of someone named between them
        if r.plural == plural and verb and not any(r.end < s < r.end + verb.end() for s in starts):
            return r.name
    if last_speech is not None and last_speech.speaker:
        return last_speech.speaker
    if speaking:
        return None
    first = next((r for r in refs if r.kind in ("person", "role") and r.name), None)
    return first.name if first else None


def _title_echoes(passages: list[Passage], text: str) -> list[Passage]:
    """A title quoting words the body quotes as speech: the same speaker's words."""
    body = [q for q in passages if q.paragraph and q.kind == "speech"]
    out = []
    for p in passages:
        if p.paragraph == 0 and p.kind == "other" and p.depth == 0 and not _is_name(p.text.split()):
            key = fold(p.text)
            echo = next((q for q in body if key in fold(q.text)), None)
            if echo is not None:
                p = replace(p, kind="speech", speaker=echo.speaker)
        out.append(p)
    return out


def rename_speakers(passages, canonical: Callable[[str], str]):
    """The passages with each speaker mapped (e.g. to its corpus-wide canonical name)."""
    return tuple(replace(p, speaker=canonical(p.speaker)) if p.speaker else p for p in passages)
