"""Site chrome: the lines scraped pages carry around the announcement itself.

Recognised two ways, never by a list of known lines:
- by rule: account, password and newsletter prompts addressed to the reader, page-date and update
  stamps, language switches, navigation and contact lines, lines of bare punctuation or images;
- by repetition: a short line that many documents of the corpus share is page furniture (a section
  header, a site banner), not news.
"""

from __future__ import annotations

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
        self.counts.update({line for line in map(normalise_line, text.splitlines()) if line})

    def threshold(self, line: str) -> int:
        share = REPEATED_MIN_SHARE if is_short(line) else REPEATED_LONG_MIN_SHARE
        return max(REPEATED_MIN_DOCS, int(self.documents * share) + 1)

    def frozen(self) -> frozenset[str]:
        return frozenset(line for line, count in self.counts.items() if count >= self.threshold(line))


@dataclass(frozen=True)
class Stripped:
    lines: list[str]  # the real text, one paragraph a line
    date_lines: list[str]  # the page-date and update stamps that were removed


def strip_chrome(text: str, repeated: Iterable[str] | frozenset[str] = frozenset()) -> Stripped:
    """The real text and the date stamps of a scraped page.

    Besides the lines recognised one by one, the page header is removed as a block: before the first
    paragraph of real text, the short lines that stand before an account prompt ("COMPTE
    MULTIMÉDIA", "Créer un compte", "Registre") belong to the same sign-in widget.
    """
    lines, date_lines = [], []
    header_end = 0  # in `lines`: everything before it is the page header
    in_header = True
    for raw in text.splitlines():
        line = normalise_line(raw)
        if not line:
            continue
        if parse_page_date_line(line) is not None:
            date_lines.append(line)
        elif in_header and is_account_prompt(line):
            header_end = len(lines)
        elif not (line in repeated or is_chrome_by_rule(line)):
            lines.append(line)
            in_header = in_header and is_short(line)
    return Stripped(lines[header_end:], date_lines)
