"""The title of a page: its title line, wrapped lines joined, boilerplate skipped; else a headline
drawn from the first sentence.

Pages come in two shapes. New pages: a title line, then paragraphs. Old pages (1996–2008) are
hard-wrapped at about sixty characters and open with a press-release header: `Communiqué / de presse
/ (2001) 171 / 18 déc. 2001 / | / Communiqué / final / Réunion / du Conseil de l'Atlantique Nord /
- Le Conseil…`. The title is found from the page's structure (blocks, the date line, where the first
sentence starts), never from a list of known titles.

`python -m searchsvc.evaluate titles CORPUS` prints the titles that still look wrong (`suspicious`).
"""
from __future__ import annotations

import re

from searchsvc.sentences import first_sentence, sentence_spans

TITLE_MAX = 200  # a title longer than this is a paragraph
SHORT_TITLE = 140  # a headline drawn from a sentence is cut (at a word) to this
HEAD_LINES = 8  # a press-release header or a site heading stands within the first lines
HEADING_CHARS = 80  # … and each of its lines is short
# Header furniture that is never a title: press-release numbers `(99)11`, `(2006)150`, ministerial
# meeting codes `M-NAC-1(2000)52`, bracketed site labels `[ NATO COMMUNIQUES ]`, language switches
# `En. / Fr. / Ru. / Ukr.`, table cells `Communiqu |`, `Header`.
BOILERPLATE = re.compile(
    r"^(?:\(?\d{2,4}\)\s*\d+|[A-Z]+(?:-[A-Z0-9]+)+(?:\s*\(\d{2,4}\)\s*\d+)?|\[.*\]?|\[?[^\]]*\]"
    r"|(?:[A-Z][a-z]{1,3}\.?\s*/\s*)+[A-Z][a-z]{1,3}\.?|Header|[^|]{0,40}\|)$")
# A date stamp before the title on the same line: `19 déc. 2006 | L’OTAN ouvre un Bureau…`.
STAMP = re.compile(r"^\d{1,2}\s+\w+\.?\s+\d{4}\s*\|\s*")
# Words of a document type: a title made of nothing else (`Communiqué final`, `Déclaration`) says
# what the page is, not what it is about; the lines that follow complete it.
DOC_TYPE = re.compile(r"^(?:(?:communiqu\w*|d\w?claration|de|à|a|la|presse|final|finale|commune|"
                      r"conjointe|r\w?union|visite|événement|evénement|consultations)\s*)+$", re.I)
# A title that ends on a word that cannot end one (`… du`, `… de la`, `… ,`) goes on.
_WRAPS_ON = re.compile(r"(?:[,;:\-–]|\b(?:de|du|des|la|le|les|l['’]|d['’]|et|ou|à|au|aux|en|par|pour|sur|avec|dans))$", re.I)
# A date clause opening a sentence: `Ce mercredi 18 février 2026,`, `Le 9 juin,`, `Aujourd'hui,`.
LEADING_DATE = re.compile(
    r"^(?:(?:ce|cette|le|les|ces|du|dès)\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?:\s+et\s+\w+)?\s*)?\(?(?:\d{1,2}(?:er)?(?:\s*(?:et|au|-)\s*\d{1,2})?\s+\w+\.?(?:\s+\d{4})?)?\)?"
    r"(?:\s*au matin|\s*au soir)?\s*,\s+|^aujourd['’]hui(?:\s*\([^)]*\))?\s*,\s+", re.I)


WRAP_WIDTH = 90  # old pages wrap their lines at about 60 characters; a longer line is a paragraph
WRAPPED_MIN = 40  # a line shorter than this was not cut by wrapping: a title, a heading
# The site's press-release banner, wrapped or not: `Communiqué / de presse`, `Communiqu de Presse`.
PRESS_LABEL = re.compile(r"^communiqu\w*\s+de\s+presse\b[\s()\d]*(?:[A-Z][A-Z0-9()-]+[\s\d]*)?$", re.I)
# A heading glued to the text that follows: `Déclaration du Secrétaire généralL'OTAN prévoyait…`
# (a run of three lower-case letters then a capital: `McNeill`, `DeWitt` are not glued).
GLUED = re.compile(r"(?<=[a-zà-ÿ]{3})(?=[A-ZÀ-Ý](?:[a-zà-ÿ]|['’][A-ZÀ-Ýa-zà-ÿ]))")


def _sentence_end_within(text: str) -> bool:
    """Whether a sentence ends in `text` (before its end, or at its end with a full stop)."""
    for _, end in sentence_spans(text):
        return end < len(text.rstrip()) or text.rstrip()[-1:] in ".!?…"
    return False


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the wrapped rest of `previous` (old pages cut lines mid-sentence)."""
    if len(previous) > WRAP_WIDTH:
        return False
    if line[:1] in "(«\"":  # a quotation after a line cut near the wrap width goes on; after a
        return len(line) <= WRAP_WIDTH and len(previous) >= WRAPPED_MIN  # short title it opens the text
    return line[:1].islower() or line[:1].isdigit() or previous.endswith((",", "’", "'"))


def segment_end(lines: list[str], i: int, starts: frozenset[int]) -> int:
    """The end of the segment that starts at line i: its wrapped lines, up to a break or a line that
    opens something new (a capital: `Communiqué / final` | `Réunion / du Conseil…`)."""
    j = i + 1
    while j < len(lines) and j not in starts and _continues(lines[j - 1], lines[j]):
        j += 1
    return j


def title_end(lines: list[str], i: int, starts: frozenset[int]) -> int | None:
    """If a title starts at line i, the index of the first body line after it; else None (the
    segment is a sentence, a paragraph, or the only text there is)."""
    end = segment_end(lines, i, starts)
    title = " ".join(lines[i:end])
    if title[:1] in "-–•" or end >= len(lines) or len(title) > TITLE_MAX or _sentence_end_within(title) or title.endswith((":", ";", ",")):
        return None
    # a title that only names a document type goes on after a break in lower case: `Déclaration à la
    # presse` / `du Secrétaire général…`; a whole one does not (`Déclaration du Sommet de Riga` /
    # `publiée par les chefs d'État…` is its subtitle)
    while end + 1 < len(lines) and lines[end][:1].islower() and len(title) + len(lines[end]) < SHORT_TITLE \
            and (DOC_TYPE.match(title) or _WRAPS_ON.search(title)):
        more = segment_end(lines, end, starts)
        if more >= len(lines) or _sentence_end_within(" ".join(lines[end:more])):
            break
        title, end = title + " " + " ".join(lines[end:more]), more
    return end


def _unglue(lines: list[str]) -> list[str]:
    """The first line split where a heading was glued to the text (`…généralL'OTAN prévoyait…`)."""
    if not lines:
        return lines
    glue = GLUED.search(lines[0], 0, TITLE_MAX)
    if glue is None or _sentence_end_within(lines[0][:glue.start()]) or len(lines[0][:glue.start()].split()) < 3:
        return lines
    return [lines[0][:glue.start()], lines[0][glue.start():], *lines[1:]]


def split_title(lines: list[str], given: str | None, starts: frozenset[int] = frozenset(),
                after_date: frozenset[int] = frozenset()) -> tuple[str, list[str]]:
    """The title and the body that follows it. `starts` and `after_date` mark where the page breaks
    (ingest.chrome.Stripped); without them every line is its own block."""
    if given:
        return given, lines
    if not starts:
        starts = frozenset(range(len(lines)))
    start = _skip_labels(lines, 0, starts)
    # [heading][date][title][body]: a short heading (a site section, a press-release label) before
    # the page date; the title follows the date.
    heading_end = next((k for k in sorted(after_date) if start < k <= HEAD_LINES), None)
    if heading_end is not None and all(len(line) <= HEADING_CHARS for line in lines[start:heading_end]) \
            and not _reads_as_title(lines, start, starts):
        after = _skip_labels(lines, heading_end, starts)
        if after < len(lines) - 1 and title_end(lines, after, starts) is not None:
            start = after
    lines = lines[:start] + _unglue(lines[start:])
    end = title_end(lines, start, starts) if start < len(lines) - 1 else None
    if end is not None:
        title = " ".join(lines[start:end])
        # `Communiqué final` alone says what the page is, not what about: the next segments do
        if DOC_TYPE.match(title):
            while (more := title_end(lines, end, starts)) is not None \
                    and len(title) + len(" ".join(lines[end:more])) < TITLE_MAX:
                title, end = title + " " + " ".join(lines[end:more]), more
        return STAMP.sub("", title.lstrip("•· ")), _kept(lines, start, starts) + lines[end:]
    opening = " ".join(lines[start:segment_end(lines, start, starts)])  # its wrapped lines joined
    return headline(first_sentence(opening)), _kept(lines, start, starts) + lines[start:]


def _kept(lines: list[str], start: int, starts: frozenset[int]) -> list[str]:
    """The lines before the title that are text, not furniture: a dateline (`Siège de l'OTAN /
    Bruxelles`) stays in the body; labels, numbers and fragments do not."""
    kept, i = [], 0
    while i < start:
        end = min(segment_end(lines, i, starts), start)
        segment = " ".join(lines[i:end]).lstrip("•· ")
        if not (BOILERPLATE.match(segment) or PRESS_LABEL.match(segment) or DOC_TYPE.match(segment)
                or segment[:1].islower()):
            kept += lines[i:end]
        i = end
    return kept


def _skip_labels(lines: list[str], i: int, starts: frozenset[int]) -> int:
    """The first line from i that is not header furniture: press-release banners and numbers,
    language switches, and the tail of a title cut at the top of the page (`au siège / de l'OTAN`)."""
    while i < len(lines) - 1:
        end = segment_end(lines, i, starts)
        segment = " ".join(lines[i:end]).lstrip("•· ")
        if not (BOILERPLATE.match(segment) or PRESS_LABEL.match(segment) or segment[:1].islower()):
            break
        i = end
    return i


def _reads_as_title(lines: list[str], start: int, starts: frozenset[int]) -> bool:
    """The lines before the page date make a title themselves (`Lord Robertson à Skopje`), unless
    they are a label (`Communiqué de presse (2001) 171`, `Déclaration à la presse`) or a site
    section heading (`Au cœur de l’événement`, a few words)."""
    heading = " ".join(lines[start:segment_end(lines, start, starts)])
    label = DOC_TYPE.match(heading) or PRESS_LABEL.match(heading) or BOILERPLATE.match(lines[start])
    return not label and len(heading.split()) > 4


# `La secrétaire générale déléguée de l’OTAN, Radmila Shekerinska, s’est rendue…`: a role, then the
# name in apposition, then the verb. A headline names the person: `Radmila Shekerinska s’est rendue…`.
ROLE_NAME = re.compile(r"^[A-ZÀ-Ý][^,()]{5,120}, ((?:[A-ZÀ-Ý][\w'’.-]*\s?){2,4}), "
                       r"(?!(?:un|une|le|la|les|des|du|de|et|ou)\b)(?=[a-zà-ÿ])")
# Where a long sentence's main clause ends: the purpose, company or relative clause that follows
# is detail (`… à Bruxelles pour aborder …`, `… en Arménie, où elle a rencontré …`).
CLAUSE = re.compile(r",? (?:pour|afin d['’e]|avec|où|qui|dont|lors d['’eu]|dans le cadre d['’eu]) ")
HEADLINE_MIN = 40  # a main clause shorter than this is no headline: keep more of the sentence


def headline(sentence: str) -> str:
    """A title drawn from a sentence: the whole sentence when it fits; else its opening date clause dropped (`Ce mercredi 18 février 2026, le
    représentant…`), a role before a name left to the name, and, when it is too long, cut where the
    main clause ends, else at a word boundary to SHORT_TITLE characters."""
    sentence = sentence.strip().lstrip("-–• ")
    if len(sentence.rstrip(" .")) <= SHORT_TITLE:  # it fits: the whole sentence is the title
        return shorten(sentence)
    rest = LEADING_DATE.sub("", sentence, count=1)
    if rest != sentence and len(rest) > 20:
        sentence = rest[:1].upper() + rest[1:]
    if len(sentence) > SHORT_TITLE:
        sentence = ROLE_NAME.sub(lambda m: m.group(1).strip() + " ", sentence, count=1)
    if len(sentence) > SHORT_TITLE:
        clause = next((m for m in CLAUSE.finditer(sentence, HEADLINE_MIN) if m.start() <= SHORT_TITLE), None)
        if clause is not None:
            sentence = sentence[:clause.start()]
    return shorten(sentence)


def shorten(sentence: str) -> str:
    """The sentence cut at a word boundary to SHORT_TITLE characters, never right after an honorific
    or an initial (`…avec le président russe, M.`)."""
    sentence = sentence.rstrip(" .")
    if len(sentence) <= SHORT_TITLE:
        return sentence
    words = sentence[:SHORT_TITLE + 1].split(" ")[:-1] or [sentence[:SHORT_TITLE]]
    while len(words) > 1 and _HONORIFIC_END.search(words[-1].rstrip(",")):
        words.pop()
    return " ".join(words).rstrip(" ,;:") + "…"


# --- Measure: titles that still look wrong ---------------------------------------------------------

_HONORIFIC_END = re.compile(r"(?:^|\s|\b)(?:M|MM|Mme|Mmes|Dr|St|[A-Z])\.?$")
_DATE_STAMPS = re.compile(r"\d{4}\s*\d{1,2}\s+\w+\.?\s+\d{4}")


def suspicious(title: str) -> str | None:
    """Why a title looks wrong, or None."""
    bare = title.rstrip("…").strip()
    if len(bare) < 12 or len(bare.split()) < 2:
        return "too short"
    if bare[:1].islower():
        return "a fragment"
    if _HONORIFIC_END.search(bare):
        return "cut at an honorific"
    if "|" in bare or BOILERPLATE.match(bare) or _DATE_STAMPS.search(bare):
        return "boilerplate"
    if DOC_TYPE.match(bare):
        return "only a document type"
    return None
