"""Deterministic synthetic French NATO announcements, at any size.

Words come from wordfreq's French list, drawn with their real frequencies (a Zipf curve), so posting
lists have realistic lengths. Into that text we splice what makes announcements hard to analyse:
names (full, then `M. Surname`), countries with elision (`d’Arménie`, `l'Ukraine`), dates, NATO
acronyms, typographic and straight apostrophes, hyphenated words, quotes.

The stream is one seeded generator, so the first 10k documents of a 200k corpus are the 10k corpus.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
from typing import Iterator

import wordfreq


VOCAB_SIZE = 20000
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2026, 12, 31)
MIN_WORDS, MAX_WORDS = 150, 600

# Clitics that elide before a vowel or a mute h; wordfreq splits `l'OTAN` into `l` + `otan`, so the
# bare letters are dropped from the vocabulary and elision is re-created by rule.
ELIDING = {"le": "l", "la": "l", "de": "d", "que": "qu", "ne": "n", "se": "s", "je": "j",
           "me": "m", "te": "t", "ce": "c", "jusque": "jusqu", "lorsque": "lorsqu", "puisque": "puisqu"}
VOWELS = set("aeiouyhàâäéèêëîïôöûüœæAEIOUYHÀÂÉÈÊÎÔÛŒ")

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

FIRST_NAMES_M = ["Jens", "Anders", "Mark", "Javier", "Alexander", "Mircea", "Rob", "Stian",
                 "Jean-Marie", "François", "Hervé", "Jérôme", "Mykhaïlo", "Volodymyr", "Dmytro",
                 "Radosław", "Tomáš", "Ľubomír", "Zoran", "Levent", "Mevlüt", "Giorgi", "Nikol",
                 "Ilham", "Kaja", "Pál", "Andrzej", "Gunnar", "Jüri", "Antoine", "Benoît", "Luc",
                 "Pierre-Yves", "Rui", "João", "Luís", "Björn", "Søren", "Ólafur", "Aleksandar",
                 "Edi", "Hashim", "Abdullah", "Youssef", "Lloyd", "Antony", "Justin", "Olaf"]
FIRST_NAMES_F = ["Radmila", "Delphine", "Rose", "Ursula", "Kristalina", "Federica", "Annalena",
                 "Marie-Claire", "Hélène", "Élise", "Agnès", "Zuzana", "Ingrida", "Kersti",
                 "Jacinda", "Mette", "Sanna", "Maia", "Salomé", "Irène", "Françoise", "Nathalie",
                 "Giorgia", "Margarita", "Ljubica", "Bärbel", "Anneli", "Kaja", "Chrystia",
                 "Olena", "Iryna", "Dagmar", "Ségolène", "Magdalena", "Åsa", "Þórdís"]
LAST_NAMES = ["Stoltenberg", "Rasmussen", "Rutte", "Colomina", "Vershbow", "Geoană", "Bauer",
              "Shekerinska", "Pronk", "Gottemoeller", "Bartels", "Gümrükçü", "Fedorov", "Kuleba",
              "Zelensky", "Sikorski", "Kaljulaid", "Šefčovič", "Đukanović", "Çavuşoğlu", "Erdoğan",
              "Karzaï", "Ghani", "Amrani", "Le Drian", "Parly", "Lecornu", "Barrot", "Lambrecht",
              "Baerbock", "Pistorius", "Borrell", "Mogherini", "Von der Leyen", "Guterres",
              "Kallas", "Landsbergis", "Rinkēvičs", "Nausėda", "Duda", "Blaszczak", "Niinistö",
              "Stubb", "Kristersson", "Støre", "Frederiksen", "Jakobsdóttir", "Costa", "Sánchez",
              "Meloni", "Mitsotakis", "Micheál", "Trudeau", "Austin", "Blinken", "Fischer",
              "Dupont-Aignan", "Lefèvre", "Müller", "Ødegaard", "Ilves", "Rama", "Thaçi", "Kurti",
              "Vučić", "Plenković", "Pašinjan", "Aliyev", "Garibashvili", "Haavisto", "Mörner",
              "Brzezinski", "Nowak", "Kovács", "Horváth", "Popescu", "Ionescu", "Petrov", "Dimitrov"]

ROLES_M = ["le secrétaire général de l’OTAN", "le président du Comité militaire", "le ministre de la Défense",
           "le ministre des Affaires étrangères", "le premier ministre", "le président", "l’ambassadeur",
           "le commandant suprême des forces alliées en Europe", "le secrétaire général délégué"]
ROLES_F = ["la ministre de la Défense", "la ministre des Affaires étrangères", "la première ministre",
           "la présidente", "l’ambassadrice", "la secrétaire générale déléguée", "la porte-parole de l’OTAN"]

# Domain phrases, spliced now and then so the corpus reads like NATO news.
DOMAIN = ["l’OTAN", "l’Alliance", "les Alliés", "le Conseil de l’Atlantique Nord", "le siège de l’OTAN",
          "la KFOR", "la FIAS", "l’Union européenne", "l’ONU", "le sommet de Vilnius", "le sommet de Washington",
          "les ministres de la Défense", "la porte-parole", "l’état-major", "le Partenariat pour la paix",
          "la sécurité euro-atlantique", "l’OSCE", "l’Organisation", "le Comité militaire",
          "le secrétaire général", "les pays membres", "la dissuasion", "l’exercice « Steadfast Defender »"]
VERBS = ["a déclaré", "a souligné", "a rencontré", "s’est félicité de", "a rappelé", "a annoncé",
         "a salué", "a évoqué", "a insisté sur", "s’est entretenu avec", "a réaffirmé"]


# --- Taxonomy, copied from shared/taxonomy/*.tsv so the bench reads nothing outside itself ---------
# ISO code -> (French name, grammatical kind: f / m / pl / bare), most mentioned first.
COUNTRIES = {
    "US": ("États-Unis", "pl"), "UA": ("Ukraine", "f"), "RU": ("Russie", "f"), "FR": ("France", "f"),
    "DE": ("Allemagne", "f"), "GB": ("Royaume-Uni", "m"), "AF": ("Afghanistan", "m"), "PL": ("Pologne", "f"),
    "TR": ("Türkiye", "f"), "XK": ("Kosovo", "m"), "IT": ("Italie", "f"), "CA": ("Canada", "m"),
    "BE": ("Belgique", "f"), "NL": ("Pays-Bas", "pl"), "RO": ("Roumanie", "f"), "GE": ("Géorgie", "f"),
    "ES": ("Espagne", "f"), "NO": ("Norvège", "f"), "EE": ("Estonie", "f"), "LV": ("Lettonie", "f"),
    "LT": ("Lituanie", "f"), "IQ": ("Iraq", "m"), "FI": ("Finlande", "f"), "SE": ("Suède", "f"),
    "DK": ("Danemark", "m"), "MD": ("République de Moldova", "f"), "RS": ("Serbie", "f"),
    "BA": ("Bosnie-Herzégovine", "f"), "MK": ("Macédoine du Nord", "f"), "ME": ("Monténégro", "m"),
    "AL": ("Albanie", "f"), "HR": ("Croatie", "f"), "GR": ("Grèce", "f"), "PT": ("Portugal", "m"),
    "CZ": ("Tchéquie", "f"), "SK": ("Slovaquie", "f"), "HU": ("Hongrie", "f"), "SI": ("Slovénie", "f"),
    "BG": ("Bulgarie", "f"), "IS": ("Islande", "f"), "LU": ("Luxembourg", "m"), "AM": ("Arménie", "f"),
    "AZ": ("Azerbaïdjan", "m"), "BY": ("Bélarus", "m"), "CN": ("Chine", "f"), "JP": ("Japon", "m"),
    "KR": ("Corée du Sud", "f"), "AU": ("Australie", "f"), "NZ": ("Nouvelle-Zélande", "f"),
    "IL": ("Israël", "bare"), "JO": ("Jordanie", "f"), "SY": ("Syrie", "f"), "IR": ("Iran", "m"),
    "LY": ("Libye", "f"), "TN": ("Tunisie", "f"), "MA": ("Maroc", "m"), "DZ": ("Algérie", "f"),
    "EG": ("Égypte", "f"), "MR": ("Mauritanie", "f"), "PK": ("Pakistan", "m"), "KZ": ("Kazakhstan", "m"),
    "UZ": ("Ouzbékistan", "m"), "ML": ("Mali", "m"), "SO": ("Somalie", "f"), "QA": ("Qatar", "m"),
    "KW": ("Koweït", "m"), "AE": ("Émirats arabes unis", "pl"), "CH": ("Suisse", "f"),
    "AT": ("Autriche", "f"), "IE": ("Irlande", "f"), "MT": ("Malte", "bare"), "CY": ("Chypre", "bare"),
    "GL": ("Groenland", "m"), "CO": ("Colombie", "f"), "MN": ("Mongolie", "f"), "IN": ("Inde", "f"),
}
# Country -> region slug (regions.tsv); every code above belongs to one region.
_REGION_COUNTRIES = {
    "amerique-du-nord": "US CA", "europe-occidentale": "BE FR LU NL DE GB IE CH AT LI MC",
    "europe-du-sud": "IT ES PT MT GR CY TR SM VA AD", "europe-du-nord": "DK NO SE FI IS EE LV LT",
    "europe-centrale-orientale": "PL CZ SK HU SI RO BG", "europe-orientale": "UA MD BY RU",
    "balkans-occidentaux": "AL BA HR XK ME MK RS", "caucase-du-sud": "AM AZ GE",
    "asie-centrale": "KZ KG TJ TM UZ", "moyen-orient": "IQ SY JO IL PS LB IR SA AE QA KW BH OM YE",
    "afrique-du-nord": "MA DZ TN LY EG MR",
    "afrique-subsaharienne": "ML NE TD BF SD SS SO ET ER DJ NG SN CM CF CD KE RW ZA",
    "asie-du-sud": "AF PK IN BD LK NP", "asie-pacifique": "CN JP KR KP AU NZ MN TW SG ID MY PH VN TH",
    "amerique-latine": "MX CO BR AR CL PE VE CU", "arctique": "GL",
}
REGIONS = {
    "amerique-du-nord": "Amérique du Nord", "europe-occidentale": "Europe de l'Ouest",
    "europe-du-sud": "Europe du Sud", "europe-du-nord": "Europe du Nord et Baltique",
    "europe-centrale-orientale": "Europe centrale et orientale",
    "europe-orientale": "Ukraine, Moldavie, Bélarus et Russie", "balkans-occidentaux": "Balkans occidentaux",
    "caucase-du-sud": "Caucase du Sud", "mer-noire": "Région de la mer Noire", "asie-centrale": "Asie centrale",
    "moyen-orient": "Moyen-Orient et Golfe", "afrique-du-nord": "Afrique du Nord",
    "afrique-subsaharienne": "Afrique subsaharienne et Sahel", "asie-du-sud": "Afghanistan et Asie du Sud",
    "asie-pacifique": "Asie-Pacifique", "amerique-latine": "Amérique latine", "arctique": "Arctique et Grand Nord",
    "mediterranee": "Méditerranée",
}
COUNTRY_REGIONS = {c: slug for slug, codes in _REGION_COUNTRIES.items() for c in codes.split()}
# Regions that the text names outright (slug -> how a text names it).
NAMED_REGIONS = {"mer-noire": "la mer Noire", "mediterranee": "la Méditerranée",
                 "balkans-occidentaux": "les Balkans occidentaux", "moyen-orient": "le Moyen-Orient",
                 "europe-du-nord": "les pays baltes", "afrique-subsaharienne": "le Sahel"}
# Topic slug -> label (topics.tsv), most frequent first.
TOPICS = {
    "ukraine": "Ukraine", "sommets": "Sommets et réunions ministérielles", "partenariats": "Partenariats",
    "operations": "Opérations et missions", "dissuasion-defense": "Dissuasion et défense",
    "russie": "Russie", "exercices": "Exercices", "renforcement-capacites": "Renforcement des capacités",
    "elargissement": "Élargissement", "depenses-defense": "Dépenses et industrie de défense",
    "terrorisme": "Lutte contre le terrorisme", "ue": "Coopération OTAN-UE",
    "voisinage-meridional": "Voisinage méridional", "securite-maritime": "Sécurité maritime",
    "cyberdefense": "Cyberdéfense", "defense-aerienne": "Défense aérienne et antimissile",
    "onu": "Nations unies et organisations internationales", "menaces-hybrides": "Menaces hybrides",
    "innovation": "Science et innovation", "nucleaire": "Dissuasion nucléaire",
    "maitrise-armements": "Maîtrise des armements", "femmes-paix-securite": "Femmes, paix et sécurité",
    "chine": "Chine", "mobilite-militaire": "Mobilité militaire", "securite-energetique": "Sécurité énergétique",
    "climat": "Climat et sécurité", "espace": "Espace",
}

class Vocabulary:
    """wordfreq's French top words with cumulative weights, for fast Zipf-like sampling."""

    def __init__(self, size: int = VOCAB_SIZE):
        words, cum, total = [], [], 0.0
        for w in wordfreq.top_n_list("fr", size):
            # Digits, symbols and bare clitics (`l`, `d`, `qu`) are not running words here.
            if not w.replace("-", "").replace("'", "").isalpha() or (len(w) < 2 and w not in "àay"):
                continue
            if w in ("qu", "jusqu", "lorsqu", "puisqu"):
                continue
            total += wordfreq.word_frequency(w, "fr")
            words.append(w)
            cum.append(total)
        self.words, self.cum, self.total = words, cum, total

    def sample(self, rnd: random.Random, k: int) -> list[str]:
        return rnd.choices(self.words, cum_weights=self.cum, k=k)


def _zipf_picker(items: list, exponent: float = 1.0):
    """Weighted picker where item i has weight 1/(i+1)^exponent: a few very frequent facet values."""
    cum = list(itertools.accumulate(1.0 / (i + 1) ** exponent for i in range(len(items))))
    return lambda rnd: items[bisect.bisect(cum, rnd.random() * cum[-1])]


def make_persons(rnd: random.Random, n: int = 400) -> list[tuple[str, str, str]]:
    """A pool of n distinct plausible (full name, surname, 'M'|'F') persons."""
    pool, seen = [], set()
    while len(pool) < n:
        sex = rnd.choice("MF")
        first = rnd.choice(FIRST_NAMES_M if sex == "M" else FIRST_NAMES_F)
        last = rnd.choice(LAST_NAMES)
        if (first, last) not in seen:
            seen.add((first, last))
            pool.append((f"{first} {last}", last, sex))
    return pool


def _elide(article: str, word: str, apos: str) -> str:
    return f"{ELIDING[article]}{apos}{word}" if word[0] in VOWELS else f"{article} {word}"


def country_phrase(rnd: random.Random, code: str, apos: str) -> str:
    """`l’Ukraine`, `en Arménie`, `d’Arménie`, `du Canada`, `aux États-Unis`, `à Chypre`…"""
    name, kind = COUNTRIES[code]
    vowel = name[0] in VOWELS
    form = rnd.randrange(3)  # 0: the country, 1: in the country, 2: of the country
    if kind == "pl":
        return ("les ", "aux ", "des ")[form] + name
    if kind == "bare":  # names without article: Chypre, Israël, Malte
        return (name, f"à {name}", f"d{apos}{name}" if vowel else f"de {name}")[form]
    if form == 0:
        return f"l{apos}{name}" if vowel else ("la " if kind == "f" else "le ") + name
    if form == 1:
        return f"en {name}" if kind == "f" or vowel else f"au {name}"
    return f"d{apos}{name}" if vowel else ("de la " if kind == "f" else "du ") + name


def date_phrase(rnd: random.Random, d: dt.date) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    style = rnd.randrange(3)
    if style == 0:
        return f"ce {WEEKDAYS[d.weekday()]} ({day} {MONTHS[d.month - 1]} {d.year})"
    if style == 1:
        return f"le {WEEKDAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}"
    return f"le {day} {MONTHS[d.month - 1]} {d.year}"


class Generator:
    def __init__(self, seed: int = 42):
        self.rnd = random.Random(seed)
        self.vocab = Vocabulary()
        self.persons = make_persons(random.Random(seed + 1))
        self.pick_person = _zipf_picker(self.persons, 0.9)
        codes = list(COUNTRIES)  # listed most-mentioned first
        self.pick_country = _zipf_picker(codes, 0.8)
        self.pick_topic = _zipf_picker(list(TOPICS), 0.7)
        self.days = (LAST_DATE - FIRST_DATE).days

    # -- one document -------------------------------------------------------------------------
    def document(self, n: int) -> dict:
        rnd = self.rnd
        date = FIRST_DATE + dt.timedelta(days=rnd.randrange(self.days + 1))
        persons = _distinct(rnd, self.pick_person, rnd.choice([0, 0, 1, 1, 2, 2, 3, 4]))
        countries = _distinct(rnd, self.pick_country, rnd.choice([0, 1, 1, 2, 2, 3, 4, 5]))
        topics = _distinct(rnd, self.pick_topic, rnd.choice([1, 1, 2, 2, 3]))
        named_regions = [r for r in NAMED_REGIONS if rnd.random() < 0.04]
        apos = "’" if rnd.random() < 0.75 else "'"

        # Entities to splice, each mentioned once or more; persons keep their full name first.
        splices = []
        for full, last, sex in persons:
            role = rnd.choice(ROLES_M if sex == "M" else ROLES_F)
            splices.append(f"{role}, {full},")
            splices += [("M. " if sex == "M" else "Mme ") + last] * rnd.randrange(3)
        for c in countries:
            splices += [country_phrase(rnd, c, apos) for _ in range(1 + rnd.randrange(2))]
        for t in topics:
            splices.append(TOPICS[t].lower() if rnd.random() < 0.5 else TOPICS[t])
        for r in named_regions:
            splices.append(NAMED_REGIONS[r])
        splices += [date_phrase(rnd, date)] + rnd.sample(DOMAIN, 3)
        rnd.shuffle(splices)

        text = self.body(rnd.randint(MIN_WORDS, MAX_WORDS - 40), splices, apos, date)
        regions = sorted({COUNTRY_REGIONS[c] for c in countries if c in COUNTRY_REGIONS} | set(named_regions))
        return {
            "id": f"syn-{n:07d}",
            "title": self.title(persons, countries, topics, apos),
            "text": text,
            "url": f"https://www.nato.int/cps/fr/natohq/news_{100000 + n}.htm" if rnd.random() < 0.8 else None,
            "date": date,
            "persons": tuple(p[0] for p in persons),
            "countries": tuple(countries),
            "regions": tuple(regions),
            "topics": tuple(topics),
            "source": "synthetic",
            "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }

    def title(self, persons, countries, topics, apos) -> str:
        rnd = self.rnd
        words = self.vocab.sample(rnd, rnd.randint(4, 9))
        tail = _join(words, apos)
        lead = rnd.choice([
            "Le secrétaire général de l’OTAN", "Les ministres de la Défense des pays de l’OTAN",
            "L’OTAN", "Les Alliés", persons[0][0] if persons else "Le Comité militaire",
            TOPICS[topics[0]],
        ]).replace("’", apos)
        where = f" {country_phrase(rnd, countries[0], apos)}" if countries and rnd.random() < 0.6 else ""
        return f"{lead} {tail}{where}"

    def body(self, n_words: int, splices: list[str], apos: str, date: dt.date) -> str:
        """Sentences of running words with the splices dropped in, grouped into paragraphs."""
        rnd = self.rnd
        sentences, count = [], 0
        if rnd.random() < 0.7:  # most announcements open by dating what they report
            lead = date_phrase(rnd, date)
            sentences.append(f"{lead[0].upper()}{lead[1:]}, {_join(self.vocab.sample(rnd, 12), apos)}.")
        # Stop early enough that the splices still waiting fit in the word budget.
        while count + sum(len(s.split()) + 6 for s in splices) < n_words:
            words = self.vocab.sample(rnd, rnd.randint(8, 28))
            if splices and rnd.random() < 0.6:
                words.insert(rnd.randrange(len(words) + 1), splices.pop())
            if rnd.random() < 0.1:
                words.insert(rnd.randrange(len(words) + 1), rnd.choice(DOMAIN))
            sentences.append(self.sentence(words, apos))
            count += sentences[-1].count(" ") + 1
        for s in splices:  # anything not yet used goes in a closing sentence
            sentences.append(self.sentence(self.vocab.sample(rnd, 6) + [s], apos))
        paras, i = [], 0
        while i < len(sentences):
            j = i + rnd.randint(2, 5)
            paras.append(" ".join(sentences[i:j]))
            i = j
        return "\n".join(paras)

    def sentence(self, words: list[str], apos: str) -> str:
        rnd = self.rnd
        s = _join(words, apos)
        s = s[0].upper() + s[1:]
        if rnd.random() < 0.3:  # a clause break
            cut = s.find(" ", len(s) // 2)
            if cut > 0:
                s = s[:cut] + "," + s[cut:]
        if rnd.random() < 0.06:  # a quotation, as in most announcements
            s = f"« {s} », {rnd.choice(VERBS)} M. {rnd.choice(LAST_NAMES)}"
        return s + ("." if rnd.random() < 0.95 else rnd.choice("?!;"))


def _join(words: list[str], apos: str) -> str:
    """Join running words, eliding clitics before vowels (`de` + `armée` → `d’armée`)."""
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in ELIDING and nxt and nxt[0] in VOWELS and nxt != "à" and " " not in nxt and "’" not in nxt:
            out.append(_elide(w, nxt, apos))
            i += 2
            continue
        out.append(w.replace("'", apos) if "'" in w else w)
        i += 1
    return " ".join(out).replace("’", apos)


def _distinct(rnd: random.Random, pick, k: int) -> list:
    seen: list = []
    for _ in range(k * 4):
        if len(seen) == k:
            break
        v = pick(rnd)
        if v not in seen:
            seen.append(v)
    return seen


def generate_dicts(n: int, seed: int = 42) -> Iterator[dict]:
    gen = Generator(seed)
    for i in range(n):
        yield gen.document(i)


def announcement_class():
    """The product's Announcement, or a stand-in with the same attributes while `searchsvc.model`
    cannot be imported. Plain dicts become announcements in this one place."""
    try:
        from searchsvc.model import Announcement
    except ImportError:
        from types import SimpleNamespace as Announcement
    return Announcement


def generate(n: int, seed: int = 42) -> Iterator:
    """Yield n announcements, deterministically for a given seed."""
    make = announcement_class()
    for d in generate_dicts(n, seed):
        yield make(**d)
