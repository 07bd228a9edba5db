"""The French analysis chain, case by case: what a journalist types → what it must (not) find.

A query "finds" a text when every term the query analyses to is among the text's terms, which is
how the index matches words (the search tests check the same through a real index).
"""

import pytest

from searchsvc.analysis import analyze_terms, exact_terms, fold


def finds(query: str, text: str) -> bool:
    wanted = analyze_terms(query)
    return bool(wanted) and set(wanted) <= set(analyze_terms(text))


MATCHES = [
    # elision, both apostrophes, any case
    ("otan", "l’OTAN a décidé"),
    ("otan", "l'OTAN a décidé"),
    ("OTAN", "L’OTAN est prête"),
    ("alliance", "L’Alliance reste unie"),
    ("armenie", "le ministre d’Arménie"),
    ("Arménie", "la délégation d'Arménie"),
    ("accord", "jusqu’à l’accord"),
    ("opoponax", "L'Opoponax"),
    ("harmonie", "l'harmonie des forces"),
    ("engagement", "lorsqu’engagement il y a"),
    ("avocat", "puisqu’avocat il est"),
    # accents typed or not, folding on both sides
    ("securite", "la sécurité euro-atlantique"),
    ("Sécurité", "la securite euro-atlantique"),
    ("SECURITES", "la sécurité collective"),
    ("defense", "ministres de la Défense"),
    ("evenement", "un événement majeur"),
    ("événement", "un évènement majeur"),
    ("evenements", "un événement majeur"),
    ("celles", "Cellès"),
    ("addon", "un Addôn"),
    # ligatures and letters unidecode knows
    ("oeuvre", "la mise en œuvre"),
    ("manoeuvre", "une manœuvre conjointe"),
    ("coelacanthe", "le Cœlacanthe"),
    ("ex aequo", "ex æquo"),
    ("turkiye", "Istanbul (Türkiye)"),
    ("Türkiye", "la turkiye"),
    ("strasse", "Straße"),
    # hyphens, including the non-breaking U+2011
    ("porte-parole", "la porte-parole de l’OTAN"),
    ("parole", "la porte-parole de l’OTAN"),
    ("porte-parole", "la porte\u2011parole de l’OTAN"),
    ("vice-ministre", "le vice‑ministre turc"),
    ("Nord-Atlantique", "le Conseil de l’Atlantique Nord-Atlantique"),
    ("Jean-Marie", "Jean-Marie Guéhenno"),
    # plurals and verb forms
    ("ministre", "les ministres des Affaires étrangères"),
    ("réunion", "les réunions du Conseil"),
    ("declare", "a déclaré le secrétaire général"),
    ("déclaré", "il déclare que"),
    ("alliés", "un Allié à part entière"),
    ("francais", "la présidence française"),
    ("française", "le gouvernement français"),
    ("exercice", "des exercices de grande envergure"),
    # acronyms and numbers
    ("KFOR", "la KFOR reste au Kosovo"),
    ("kfor", "la KFOR reste au Kosovo"),
    ("UE", "la coopération OTAN-UE"),
    ("2 %", "consacrer 2 % du PIB"),
    ("2025", "en 2025, les Alliés"),
    # abbreviated months of NATO's date lines
    ("novembre 2006", "29 nov. 2006"),
    ("décembre", "8 déc. 2005"),
    ("fevrier", "3 févr. 2010"),
    ('"29 novembre 2006"', "Riga, 29 nov. 2006"),
]

NO_MATCHES = [
    ("chat", "le châtiment des coupables"),  # accents folded before stemming must not merge stems
    ("châtiment", "un chat noir"),
    ("fort", "une présence fortement renforcée"),
    ("ministre", "le ministère"),  # different words stay different
    ("otan", "le Conseil de l’Atlantique Nord"),
    ("2", "en 2025"),
    ("septembre", "sept Alliés"),  # "sept" is also seven: never read as a month
]

NO_TERMS = ["le", "les", "de la", "qu’il", "jusqu’à", "c’est", "L’", "à", "été", "!!!", "—"]


@pytest.mark.parametrize("query,text", MATCHES)
def test_query_finds_text(query, text):
    assert finds(query, text), (analyze_terms(query), analyze_terms(text))


@pytest.mark.parametrize("query,text", NO_MATCHES)
def test_query_does_not_find_text(query, text):
    assert not finds(query, text), (analyze_terms(query), analyze_terms(text))


@pytest.mark.parametrize("text", NO_TERMS)
def test_stop_words_leave_no_term(text):
    assert analyze_terms(text) == []


def test_enough_real_cases():
    assert len(MATCHES) + len(NO_MATCHES) + len(NO_TERMS) >= 40


def test_elision_is_case_insensitive_and_keeps_the_word():
    assert analyze_terms("L’OTAN l'OTAN l’otan L'Otan") == ["otan"] * 4


def test_exact_terms_fold_but_neither_stem_nor_drop_stop_words():
    assert exact_terms("Le sommet de Vilnius, l’OTAN") == ["le", "sommet", "de", "vilnius", "otan"]
    assert exact_terms("Réunions") == ["reunions"]


def test_fold_handles_ligatures_that_nfkd_leaves():
    assert fold("Œuvre ÆGIS Straße") == "oeuvre aegis strasse"


def test_hyphenated_words_give_their_parts_in_order():
    assert analyze_terms("porte-parole") == analyze_terms("porte parole")
    assert len(analyze_terms("porte\u2011parole")) == 2


def test_numbers_survive_even_single_digits():
    assert analyze_terms("le 2 novembre") == ["2", "novembr"]
    assert analyze_terms("2 %") == ["2%"]  # issue 13: a number followed by % is one term
    assert "360" in analyze_terms("l’approche à 360 degrés")
