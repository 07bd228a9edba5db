"""Site chrome: the lines scraped pages carry around the announcement itself.

Recognised two ways, never by a list of known lines:
- by rule: account, password and newsletter prompts addressed to the reader, page-date and update
  stamps, language switches, navigation and contact lines, lines of bare punctuation or images;
- by repetition: a short line that many documents of the corpus share is page furniture (a section
  header, a site banner), not news.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from searchsvc.metadata.dates import parse_page_date_line

# The reader is asked to do something with an account: sign in, reset a password, subscribe.
ACCOUNT = re.compile(
    r"mot de passe|newsletter|adresse e-?mail|code de vérification|nouveau code|connectez-vous|"
    r"se connecter|inscri(?:vez|t|re)|abonner|désabonner|identifiant|télécharger des versions|"
    r"password|sign in|log in|subscribe", re.IGNORECASE)
READER = re.compile(r"\b(?:vous|votre|vos|doit|doivent|your|you|must)\b", re.IGNORECASE)
# A line that opens by telling the reader what to do is the site talking, not the news.
IMPERATIVE = re.compile(r"^(?:accédez|cliquez|entrez|saisissez|découvrez|abonnez|inscrivez|suivez|"
                        r"téléchargez|connectez|consultez|click|sign up|subscribe|follow us)\b", re.IGNORECASE)
LANGUAGE_SWITCH = re.compile(r"^[-•|\s]*(?:french|english|français|anglais|fr|en)(?:\s*[|/]\s*(?:fr|en))?$",
                             re.IGNORECASE)
NAVIGATION = re.compile(r"^\[?\s*go to (?:homepage|index)|^header$|^lien externe$|^liens$|^top of page$",
                        re.IGNORECASE)
# Press-office footers: phone and fax lines, e-mail and web addresses, a postcode line.
CONTACT = re.compile(r"^(?:t[ée]l\.?|fax|t[ée]l[ée]copieur)\s*:|@[a-z0-9.-]+\.[a-z]{2,}\b|^\S*https?://\S+$|"
                     r"^\+?\s*[\d\s()]{7,}$|^b-\d{4}\s", re.IGNORECASE)
NO_WORDS = re.compile(r"^[\W_]*(?:!\[[^\]]*\]\([^)]*\)[\W_]*)*$")  # "• |", "|", "![]() |"
ACCOUNT_LINE_MAX = 300
BUTTON_WORDS = 6  # « Se connecter », « Mot de passe oublié ? », « S’abonner à la newsletter »: a label

SHORT_LINE_WORDS = 15
REPEATED_MIN_DOCS = 5
REPEATED_MIN_SHARE = 0.01  # of the documents, for a short line (a header, a section name)
REPEATED_LONG_MIN_SHARE = 0.05  # for a longer line: real text is quoted again now and then, a banner everywhere


# Markup left in the stored text, escaped or not: `<br />`, `&lt;br /&gt;` (a line wrapped inside a
# sentence: a space), paragraph tags (a break), other inline tags (nothing); and entities (`&amp;`,
# `&#39;`, `&nbsp;`), which only the semicolon form makes unambiguous.
_ESCAPED_TAG = re.compile(r"&lt;(/?[a-z][a-z0-9]*\b[^&<>]{0,200}?)&gt;", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_PARAGRAPH_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|tr|table)\b[^<>]{0,200}>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|a|font|sup|sub|small)\b[^<>]{0,200}>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


def decode_markup(text: str) -> str:
    """The text with leftover HTML decoded: tags as the breaks or spaces they stand for, entities as
    their characters."""
    if "&" not in text and "<" not in text:
        return text
    text = _ESCAPED_TAG.sub(r"<\1>", text)
    text = _BREAK_TAG.sub(" ", text)
    text = _PARAGRAPH_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text).replace("\xa0", " ")


def normalise_line(line: str) -> str:
    return " ".join(line.split())


def is_short(line: str) -> bool:
    return line.count(" ") < SHORT_LINE_WORDS


def is_account_prompt(line: str) -> bool:
    if len(line) > ACCOUNT_LINE_MAX:
        return False
    if IMPERATIVE.match(line) or ACCOUNT.search(line) and READER.search(line):
        return True
    return line.count(" ") < BUTTON_WORDS and bool(ACCOUNT.search(line))  # a button or link label


def is_chrome_by_rule(line: str) -> bool:
    if NO_WORDS.match(line) or LANGUAGE_SWITCH.match(line) or NAVIGATION.match(line):
        return True
    if is_short(line) and CONTACT.search(line):
        return True
    return is_account_prompt(line) or parse_page_date_line(line) is not None


class RepeatedLines:
    """Counts, over a whole corpus, how many documents carry each short line."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.documents = 0

    def add(self, text: str) -> None:
        self.documents += 1
        self.counts.update({line for line in map(normalise_line, decode_markup(text).splitlines()) if line})

    def threshold(self, line: str) -> int:
        share = REPEATED_MIN_SHARE if is_short(line) else REPEATED_LONG_MIN_SHARE
        return max(REPEATED_MIN_DOCS, int(self.documents * share) + 1)

    def frozen(self) -> frozenset[str]:
        return frozenset(line for line, count in self.counts.items() if count >= self.threshold(line))


@dataclass(frozen=True)
class Stripped:
    lines: list[str]  # the real text, one paragraph a line
    date_lines: list[str]  # the page-date and update stamps that were removed
    # Where the page breaks: indices of `lines` that open a block (after a blank line or a removed
    # line), and those that come right after a removed date line. Titles are found with them.
    starts: frozenset[int] = frozenset()
    after_date: frozenset[int] = frozenset()


def _glued(line: str, previous: str | None, following: str | None) -> bool:
    """A line wrapped inside a sentence (`Communiqué` / `de presse`, `Réunion` / `du Conseil`) is text
    even when many pages share it: the next line goes on in lower case, or it does itself."""
    return bool(following and following[:1].islower()) or bool(previous and line[:1].islower())


def strip_chrome(text: str, repeated: Iterable[str] | frozenset[str] = frozenset()) -> Stripped:
    """The real text and the date stamps of a scraped page.

    Besides the lines recognised one by one, the page header is removed as a block: before the first
    paragraph of real text, the short lines that stand before an account prompt ("COMPTE
    MULTIMÉDIA", "Créer un compte", "Registre") belong to the same sign-in widget.
    """
    raw_lines = [normalise_line(raw) for raw in decode_markup(text).splitlines()]
    lines, date_lines, starts, after_date = [], [], set(), set()
    header_end = 0  # in `lines`: everything before it is the page header
    in_header = True
    broken, dated = True, False  # since the last kept line: a break, a date line
    kept_previous = None  # the previous raw line, if it was kept
    for number, line in enumerate(raw_lines):
        if not line:
            broken, kept_previous = True, None
            continue
        following = next((later for later in raw_lines[number + 1:number + 3] if later), None)
        if parse_page_date_line(line) is not None:
            date_lines.append(line)
            broken = dated = True
            kept_previous = None
        elif in_header and is_account_prompt(line):
            header_end = len(lines)
            broken, kept_previous = True, None
        elif is_chrome_by_rule(line) or line in repeated and not _glued(line, kept_previous, following):
            broken, kept_previous = True, None
        else:
            if broken:
                starts.add(len(lines))
            if dated:
                after_date.add(len(lines))
            lines.append(line)
            broken = dated = False
            kept_previous = line
            in_header = in_header and is_short(line)
    shift = header_end
    return Stripped(lines[header_end:], date_lines, frozenset(i - shift for i in starts if i >= shift),
                    frozenset(i - shift for i in after_date if i >= shift))
