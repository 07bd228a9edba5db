"""Dates: page-date (chrome) lines, the page's own date, and the date the text states."""
from datetime import date
from pathlib import Path

import pytest

from searchsvc.metadata import extract_metadata
from searchsvc.metadata.dates import choose_page_date, parse_page_date_line, text_date

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize("line, expected", [
    ("  • 24 May. 2017 -", date(2017, 5, 24)),
    ("  • 20 Nov. 2014 - 21 Nov. 2014", date(2014, 11, 20)),       # a span gives its first day
    ("  • 07 Jul. 2006", date(2006, 7, 7)),
    ("  • Issued on 11 Mar. 2011", date(2011, 3, 11)),
    ("  • Mis à jour le: 28 Jan. 2014 12:23", date(2014, 1, 28)),
    ("Mise à jour: 16-Aug-2006 Juin 2003", date(2006, 8, 16)),
    ("Updated: 09-Jun-2008 Semaine du 24-30 mai 2000", date(2008, 6, 9)),
    ("Mise--jour: 18 juin 1999 OTAN Communiqus de presse", date(1999, 6, 18)),  # accents lost
    ("18 fév. 2008", date(2008, 2, 18)),
    ("3 juin 2003", date(2003, 6, 3)),
    ("24 mai 2000", date(2000, 5, 24)),
    ("2 oct . 2001", date(2001, 10, 2)),
    ("20 fv. 1998", date(1998, 2, 20)),
    ("7-8 fév. 2008", date(2008, 2, 7)),
    ("vendredi 7 juillet 2006", date(2006, 7, 7)),
    ("29/10/2003 - OTAN", date(2003, 10, 29)),
    ("Communiqué 29 janvier 2003 |", date(2003, 1, 29)),
])
def test_page_date_lines_are_recognised(line, expected):
    assert parse_page_date_line(line) == expected


@pytest.mark.parametrize("line", [
    "Le 7 décembre 2007, les ministres des affaires étrangères des pays de",  # a sentence
    "6 juin 2002.",                          # the end of a wrapped sentence: `… le\n6 juin 2002.`
    "28 nov. 2006 | L’OTAN accroît son effort en Afghanistan",   # a headline after the date
    "Visite du Conseil de l’Atlantique Nord au Kosovo le 26 juin 2003",
    "Tél: +32 (0)2 707 5041 - Télécopieur: +32",
    "CC 2015",
    "2002",
    "",
])
def test_lines_holding_more_than_a_date_are_kept(line):
    assert parse_page_date_line(line) is None


def test_page_date_is_the_publication_line_not_the_update_stamp():
    lines = ["  • 17 Apr. 2008 -", "  • Mis à jour le: 12 Feb. 2009 16:57"]
    assert choose_page_date(lines) == date(2008, 4, 17)
    assert choose_page_date(list(reversed(lines))) == date(2008, 4, 17)


def test_issued_on_when_there_is_no_publication_line():
    assert choose_page_date(["  • Issued on 05 Dec. 1995", "  • Mis à jour le: 05 Nov. 2008 02:15"]) \
        == date(1995, 12, 5)


def test_weekly_page_date_is_the_week_not_the_late_update():
    assert choose_page_date(["Updated: 09-Jun-2008 Semaine du 24-30 mai 2000"]) == date(2000, 5, 24)
    assert choose_page_date(["Mise à jour: 06-Jun-2002 | Semaine du 27 mai - 6 juin 2002 |"]) \
        == date(2002, 5, 27)


def test_update_stamp_alone_is_a_last_resort():
    assert choose_page_date(["Mise à jour : 02-Sep-2005 | OTAN Hebdo |"]) == date(2005, 9, 2)
    assert choose_page_date([]) is None


@pytest.mark.parametrize("sentence, page_date, expected", [
    ("Ce mercredi (20 novembre 2019), les ministres se sont réunis à Bruxelles.", None,
     date(2019, 11, 20)),
    ("Le vendredi 16 et le samedi 17 février 2018, le secrétaire général était à Munich.", None,
     date(2018, 2, 16)),
    ("Ce jeudi 18 décembre 2025, la secrétaire générale déléguée s'est rendue en Arménie.", None,
     date(2025, 12, 18)),
    ("Les ministres se réuniront les 26 et 27 septembre à Naples.", date(2001, 9, 21),
     date(2001, 9, 26)),
    ("Du 28 au 30 janvier 2018, M. Alvargonzález a effectué une visite en Israël.", None,
     date(2018, 1, 28)),
    ("Visite aux Etats-Unis du 28 avril au 4 mai 1999.", None, date(1999, 4, 28)),
    ("À partir du jeudi 1er mai 2014, des avions de chasse assureront la police du ciel.", None,
     date(2014, 5, 1)),
    # a yearless date near the turn of the year belongs to the page date's nearest year
    ("Le 28 décembre, le Conseil a approuvé le plan.", date(2021, 1, 3), date(2020, 12, 28)),
])
def test_the_date_the_text_states(sentence, page_date, expected):
    assert text_date("", sentence, page_date) == expected


def test_a_weekday_that_disagrees_does_not_change_the_date():
    # 17 November 2025 was a Monday; the page says Wednesday. The number is what we keep.
    assert text_date("", "Ce mercredi (17 novembre 2025), au palais d’Egmont", None) == date(2025, 11, 17)


@pytest.mark.parametrize("sentence", [
    "Depuis le 24 mars 1999, plus de 430 000 personnes se sont réfugiées dans les pays voisins.",
    "L'Alliance rappelle les exigences énoncées dans sa déclaration du 30 janvier 1999.",
    "en consequence des attaques perpétrées le 11 septembre 2001 contre les Etats-Unis",
    "Le mandat de l'IFOR expire le 20 décembre 1996. Sa mission aura été un succès.",
    "La nouvelle mission prolongera l'opération Essential Harvest, qui prendra fin le 26 septembre 2001.",
    "L’exercice Northern Coasts s’achèvera le 19 septembre 2019.",
])
def test_references_to_other_events_are_not_the_date(sentence):
    assert text_date("", sentence, None) is None


def test_history_far_from_the_page_date_leaves_the_page_date():
    text = "Il y a tout juste 60 ans, le 29 mars 1958 à Paris, les représentants des 15 pays…"
    meta = extract_metadata("Programme SPS – Toujours à la page à 60 ans", text, date(2018, 3, 29))
    assert meta.date == date(2018, 3, 29)


def test_yearless_date_without_page_date_is_unknown():
    assert extract_metadata("", "Réunis ce mardi (3 juin), les ministres ont décidé…", None).date is None


def test_later_dates_in_the_text_do_not_override_the_page_date():
    lead = "La KFOR poursuit ses travaux de réparation de l'infrastructure essentielle. " * 8
    text = lead + "Le premier groupe doit commencer sa formation le 16 août."
    assert extract_metadata("Kosovo", text, date(1999, 7, 14)).date == date(1999, 7, 14)


SEED_DATES = {
    "000_e8779f524c90764a.txt": date(2026, 2, 18),   # Ce mercredi 18 février 2026
    "001_9357988c91d7e8a6.txt": date(2019, 11, 20),  # Ce mercredi (20 novembre 2019)
    "002_f00ededd1b5c6a62.txt": date(2026, 2, 20),
    "003_020f54d4096a0fed.txt": date(2025, 12, 18),
    "004_9d7011adf31f2f35.txt": date(2025, 11, 17),  # weekday wrong in the page, date kept
}


@pytest.mark.parametrize("name, expected", sorted(SEED_DATES.items()))
def test_seed_dates(name, expected):
    seed = SHARED / "seeds" / name
    if not seed.is_file():
        pytest.skip(f"{seed} is absent: the shared seeds live beside the repository (../shared)")
    # the seed still carries its site chrome: the stated date must be found anyway
    assert extract_metadata("", seed.read_text(encoding="utf-8"), None).date == expected


# --- Dates from the URL and from context (issue 12, item 3) ---------------------------------------

from searchsvc.ingest.corpus import announcement_from_text  # noqa: E402
from searchsvc.metadata.years import url_date  # noqa: E402


@pytest.mark.parametrize("url, expected", [
    ("https://www.nato.int/docu/update/1999/0324/f990324.htm", (date(1999, 3, 24), 1999, 3)),
    ("https://www.nato.int/docu/update/2008/06-june/f0626a.html", (date(2008, 6, 26), 2008, 6)),
    ("https://www.nato.int/docu/update/1999/0331f.htm", (date(1999, 3, 31), 1999, 3)),
    ("https://www.nato.int/docu/update/2001/0611/f0613a.htm", (date(2001, 6, 13), 2001, 6)),
    ("https://nato.int/docu/pr/2002/p020925f.htm", (date(2002, 9, 25), 2002, 9)),
    ("https://www.nato.int/docu/update/1998/9810f.htm", (None, 1998, 10)),   # a month's issue
    ("https://www.nato.int/docu/pr/2003/p03-006f.htm", (None, 2003, None)),  # a year only
    ("https://www.nato.int/fr/news-and-events/articles/news/2023/09/07/nato-meets", (date(2023, 9, 7), 2023, 9)),
    ("https://www.nato.int/cps/fr/natohq/news_110867.htm?selectedLocale=fr", (None, None, None)),
    ("https://www.nato.int/docu/pr/2150/p50-006f.htm", (None, None, None)),  # not a plausible year
    (None, (None, None, None)),
])
def test_what_the_url_says_of_the_date(url, expected):
    assert url_date(url) == expected


def test_the_url_dates_a_page_whose_text_has_no_date():
    page = "Les ministres se sont réunis au siège de l'OTAN.\nIls ont examiné la situation au Kosovo."
    a = announcement_from_text(page, url="https://www.nato.int/docu/update/1999/0331f.htm")
    assert a.date == date(1999, 3, 31)


def test_the_url_year_completes_a_short_date():
    page = "Réunion des ministres\nLes ministres se sont réunis le 15 mai à Reykjavik."
    a = announcement_from_text(page, url="https://www.nato.int/docu/pr/2002/p02-062f.htm")
    assert a.date == date(2002, 5, 15)


def test_an_update_stamp_comes_after_the_url_and_the_text():
    page = ("Mise à jour : 22-Mar-2007 | OTAN Hebdo |\nConférence du Qatar\n"
            "Une conférence de haut niveau a réuni le 1 er décembre à Doha des responsables de l'OTAN.")
    url = "https://www.nato.int/docu/update/2005/12-december/f1201a.htm"
    assert announcement_from_text(page, url=url).date == date(2005, 12, 1)
    # with nothing else, the stamp is still better than no date
    assert announcement_from_text("Mise à jour : 22-Mar-2007 | OTAN Hebdo |\nConférence du Qatar\n"
                                  "Une conférence de haut niveau a réuni des responsables.").date \
        == date(2007, 3, 22)


def test_the_weekday_and_the_secretary_general_place_a_short_date():
    # 23 January fell on a Friday in 2015 within Jens Stoltenberg's term (2014-2024), and only then
    text = ("Au cours d'une visite effectuée à Pristina ce vendredi (23 janvier), le secrétaire général "
            "de l'OTAN, Jens Stoltenberg, a déclaré que la KFOR était un exemple de réussite.")
    assert extract_metadata("", text, None).date == date(2015, 1, 23)


def test_the_weekday_and_the_years_the_text_mentions_place_a_short_date():
    text = ("Réunis ce mardi (3 juin), les ministres de la Défense ont décidé de prolonger l'opération "
            "Ocean Shield jusqu'à la fin de 2016. Depuis août 2009, des navires patrouillent.")
    assert extract_metadata("", text, None).date == date(2014, 6, 3)


def test_a_short_date_several_years_fit_stays_unknown():
    # Monday 2 October: 2017 and 2023 both fall within Jens Stoltenberg's term
    text = "Ce lundi (2 octobre), le secrétaire général de l’OTAN, Jens Stoltenberg, était à Helsinki."
    assert extract_metadata("", text, None).date is None


def test_the_leads_short_date_is_not_replaced_by_a_later_date():
    text = ("L'adhésion du Monténégro à l'OTAN le 5 juin marque la fin d'un processus.\n"
            + "Les parlements ont ratifié le protocole. " * 15
            + "\nLe processus d'accession avait été lancé le 19 mai 2016.")
    assert extract_metadata("", text, None).date is None


def test_an_anniversary_places_the_leads_short_date():
    text = ("Le Collège de défense de l'OTAN a célébré le 60e anniversaire de sa fondation, le 20 mai, à Rome.\n"
            + "Les officiers y suivent des cours. " * 20 + "\nLe Collège a été fondé en 1951.")
    assert extract_metadata("", text, None).date == date(2011, 5, 20)


def test_history_in_the_body_is_not_the_date():
    lead = "Les Alliés ont adopté en 2019 un nouveau plan pour leur défense commune. " * 8
    text = lead + "\nL'Alliance a été fondée le 4 avril 1949 à Washington."
    assert extract_metadata("", text, None).date is None


def test_dates_outside_the_plausible_range_are_ignored():
    assert extract_metadata("", "Le 3 mars 2150, les ministres se réuniront.", None).date is None
    assert extract_metadata("", "Le 3 mars 1912, une conférence eut lieu.", None).date is None


def test_a_dated_mention_soon_after_places_the_leads_short_date():
    text = ("Les ministres se sont réunis le 3 juin à Bruxelles pour préparer le sommet.\n"
            + "Ils ont examiné les plans de défense. " * 15
            + "\nLe sommet se tiendra le 14 juin 2021 à Bruxelles.")
    assert extract_metadata("", text, None).date == date(2021, 6, 3)


# --- The page's content id places it in time (new site, since 2009) -------------------------------

from searchsvc.metadata.years import id_span  # noqa: E402


def test_a_content_id_lies_between_the_dates_of_its_neighbours():
    earliest, likeliest, latest = id_span("https://www.nato.int/cps/fr/natohq/news_119146.htm?selectedLocale=fr")
    assert earliest < likeliest < latest and likeliest.year == 2015
    assert (latest - earliest).days < 300  # close enough to tell the year of any day
    assert id_span("http://www.nato.int/cps/fr/SID-63382C53-BF31E852/natolive/news_98956.htm") is not None
    assert id_span("https://www.nato.int/cps/en/natohq/official_texts_115551.htm")[1].year == 2014


@pytest.mark.parametrize("url", [
    "https://www.nato.int/cps/en/natohq/news_18528.htm",    # archives got their ids all at once
    "https://www.nato.int/cps/en/natohq/news_999999.htm",   # newer than any page we know
    "https://www.nato.int/docu/pr/2003/p03-006f.htm",
    None,
])
def test_ids_outside_the_ordered_range_say_nothing(url):
    assert id_span(url) is None


NEWS = "https://www.nato.int/cps/fr/natohq/news_{}.htm?selectedLocale=fr"


def test_the_content_id_completes_a_short_date():
    # Monday 4 May: 2009, 2015 and 2020 all fit the weekday; the page's id is of spring 2015
    text = ("L'OTAN a lancé, ce lundi 4 mai, son plus important exercice de guerre anti-sous-marine "
            "de cette année en mer du Nord.")
    assert extract_metadata("Lancement de l’exercice", text, None, NEWS.format(119146)).date == date(2015, 5, 4)


def test_the_content_id_places_a_date_near_the_turn_of_the_year():
    # an id of mid-December 2015: « ce samedi (19 décembre) » is that December, not the next
    text = "Le premier des cinq drones de l’OTAN a effectué son premier vol, ce samedi (19 décembre)."
    assert extract_metadata("", text, None, NEWS.format(126161)).date == date(2015, 12, 19)


def test_a_date_far_from_the_pages_time_is_a_reference_not_the_date():
    # a statement of autumn 2016 that recalls a resolution of March 2016: no date rather than a wrong one
    text = ("Les informations relatives à la conduite aujourd'hui, par la Corée du Nord, d'un essai nucléaire "
            "sont très inquiétantes. Cette provocation viole la résolution 2270, adoptée à l'unanimité le "
            "2 mars 2016.")
    assert extract_metadata("Déclaration du secrétaire général", text, None, NEWS.format(135008)).date is None


def test_without_a_day_the_content_id_gives_no_date():
    # the id tells the season, not the day: a guess is worse than no date
    text = "Je condamne les actes de terrorisme horribles qui ont été commis à Istanbul."
    assert extract_metadata("Déclaration", text, None, NEWS.format(139193)).date is None


def test_the_meeting_a_sentence_opens_on_is_named_by_its_day():
    text = ("À la réunion de la Commission OTAN-Géorgie du mardi 20 novembre, les Alliés ont examiné les "
            "priorités du nouveau gouvernement géorgien.")
    assert extract_metadata("", text, None, NEWS.format(91429)).date == date(2012, 11, 20)
    text = "Au sommet de Bruxelles du 14 juin, l’OTAN et le Luxembourg ont signé une déclaration conjointe."
    assert text_date("", text, date(2021, 7, 2)) == date(2021, 6, 14)


def test_a_document_of_a_day_is_still_a_reference():
    text = "Les Alliés ont rappelé les exigences énoncées dans leur déclaration du 30 janvier."
    assert text_date("", text, date(1999, 2, 10)) is None


def test_a_date_outside_the_year_the_url_names_is_history():
    # a speech of 1999 recalling the signing of the Treaty: not the speech's date
    text = ("Le 4 avril 1949, douze pays signaient à Washington le Traité de l'Atlantique Nord. "
            "Cinquante ans plus tard, l'Alliance accueille trois nouveaux membres.")
    assert extract_metadata("Allocution du Secrétaire général", text, None,
                            "https://www.nato.int/docu/speech/1999/s990312a.htm").date == date(1999, 3, 12)
    assert extract_metadata("Allocution du Secrétaire général", text, None,
                            "https://www.nato.int/docu/pr/1999/p99-040f.htm").date is None
