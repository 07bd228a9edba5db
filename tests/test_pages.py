"""The journalists' pages (French HTML) through the Flask test client over real indexes.

Most checks run over `newsroom`: 32 announcements written like NATO's French news items (2019–2025,
four people, eleven countries, four topics), built here so they run on a plain clone. The browser
tests (test_browser.py) reuse the same corpus.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from html import unescape
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from conftest import write_jsonl
from searchsvc.indexer import build
from searchsvc.web import create_app, french
from searchsvc.web import state as url_state

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
PLACES = [  # "en …", city, nationality adjective
    ("Norvège", "Oslo", "norvégien"), ("Pologne", "Varsovie", "polonais"), ("Finlande", "Helsinki", "finlandais"),
    ("Estonie", "Tallinn", "estonien"), ("Roumanie", "Bucarest", "roumain"), ("Lettonie", "Riga", "letton"),
    ("Lituanie", "Vilnius", "lituanien"), ("Suède", "Stockholm", "suédois"), ("Italie", "Rome", "italien"),
    ("Slovaquie", "Bratislava", "slovaque"),
]
SUBJECTS = [  # in a title, in the text, two more sentences
    ("cyberdéfense", "la cyberdéfense",
     "Les Alliés renforcent leur cyberdéfense face aux cyberattaques qui visent les réseaux et les infrastructures "
     "critiques.",
     "Le cyberespace est un domaine d’opérations à part entière, et une cyberattaque grave pourrait entraîner "
     "l’invocation de l’article 5."),
    ("mobilité militaire", "la mobilité militaire",
     "La mobilité militaire permet d’acheminer rapidement des troupes et des équipements à travers l’Europe.",
     "Les ponts, les voies ferrées et les ports doivent pouvoir accueillir les convois militaires des Alliés."),
    ("sécurité énergétique", "la sécurité énergétique",
     "La sécurité énergétique de l’Alliance dépend de la protection des gazoducs et des câbles sous-marins.",
     "Les Alliés diversifient leurs approvisionnements en énergie pour réduire leur dépendance."),
    ("exercice Steadfast Defender", "l’exercice Steadfast Defender",
     "Plus de 90 000 militaires participent à l’exercice Steadfast Defender, le plus grand exercice de l’OTAN "
     "depuis des décennies.",
     "Cet exercice met à l’épreuve les plans de défense régionaux de l’Alliance."),
]
PER_YEAR = {2019: 3, 2020: 2, 2021: 4, 2022: 5, 2023: 6, 2024: 6, 2025: 6}


def newsroom_records() -> list[dict]:
    """32 announcements: the secretary general (Stoltenberg, then Rutte) or the deputy (Geoană, then
    Shekerinska) meets a prime minister about one of four subjects; every other one mentions Ukraine."""
    records, n = [], 0
    for year, count in PER_YEAR.items():
        for k in range(count):
            day = datetime.date(year, 1 + (k * 5 + year) % 12, 3 + (k * 7) % 25)
            country, city, adjective = PLACES[n % len(PLACES)]
            short, subject, detail, more = SUBJECTS[n % len(SUBJECTS)]
            chief = "Jens Stoltenberg" if year < 2025 else "Mark Rutte"
            if n % 3 == 2:
                speaker = "Mircea Geoană" if year < 2025 else "Radmila Shekerinska"
                role = "le secrétaire général délégué" if year < 2025 else "la secrétaire générale déléguée"
                title = f"{role.split(' ', 1)[1].capitalize()} à {city} : {short} au programme"
                role += " de l’OTAN"
            else:
                speaker, role = chief, "le secrétaire général de l’OTAN"
                title = f"{chief.split()[-1]} et le premier ministre {adjective} parlent de {subject}"
            ukraine = " et sur le soutien de l’OTAN à l’Ukraine" if n % 2 == 0 else ""
            mister = "Mme" if speaker == "Radmila Shekerinska" else "M."
            text = (f"{title}\n"
                    f"Ce {WEEKDAYS[day.weekday()]} ({day.day} {MONTHS[day.month - 1]} {year}), {role}, {speaker}, "
                    f"a rencontré le premier ministre {adjective} à {city}, en {country}. "
                    f"Les entretiens ont porté sur {subject}{ukraine}.\n"
                    f"{detail} {more} « Nous devons continuer à investir dans notre défense collective », a déclaré "
                    f"{mister} {speaker.split()[-1]}.")
            records.append({"id": f"annonce-{n:03d}", "date": day.isoformat(),  # the title is the first line
                            "url": f"https://www.nato.int/cps/fr/natohq/news_{220000 + n}.htm", "text": text})
            n += 1
    return records


def build_newsroom(directory):
    corpus = directory / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "newsroom.jsonl", newsroom_records())
    build(corpus, directory / "index")
    return directory / "index"


@pytest.fixture(scope="module")
def newsroom_app(tmp_path_factory):
    return create_app({"INDEX_DIR": str(build_newsroom(tmp_path_factory.mktemp("newsroom"))), "TESTING": True})


@pytest.fixture()
def page(newsroom_app):
    """GET a page of the newsroom app: its HTML, after checking it is a French HTML page."""
    client = newsroom_app.test_client()

    def get(url: str, status: int = 200) -> str:
        response = client.get(url)
        assert response.status_code == status, url
        assert response.mimetype == "text/html"
        return response.get_data(as_text=True)

    return get


def squash(text: str) -> str:
    """Runs of ordinary white space as one space (no-break spaces are kept: they are typography)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def links(html: str, css_class: str | None = None) -> dict[str, str]:
    """Visible text → href of the page's links (of one class when given)."""
    found = {}
    for attrs, inner in re.findall(r"<a\s([^>]*)>(.*?)</a>", html, flags=re.S):
        if css_class and not re.search(rf'class="[^"]*\b{css_class}\b', attrs):
            continue
        href = re.search(r'href="([^"]*)"', attrs)
        text = squash(unescape(re.sub(r"<[^>]+>", " ", inner)))
        if href:
            found[text] = unescape(href.group(1))
    return found


def params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def count_heading(html: str) -> str:
    return squash(unescape(re.sub(r"<[^>]+>", "", re.search(r'<h1 class="count">(.*?)</h1>', html, re.S).group(1))))


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<li class="hit">\s*<h2><a href="/annonce/([^"?]+)', html)


# ---------------------------------------------------------------------------------------------
# The state in the URL: pure functions


def test_page_state_speaks_french_and_drops_noise():
    args = MultiDict([("q", "otan"), ("person", "Mark Rutte"), ("personne", "Jens Stoltenberg"), ("pays", ""),
                      ("sort", "date"), ("tri", "ancien"), ("utm_source", "x"), ("from", "2024"), ("page", "2"),
                      ("personne", "Jens Stoltenberg")])
    assert url_state.page_state(args) == (("q", "otan"), ("personne", "Mark Rutte"), ("personne", "Jens Stoltenberg"),
                                      ("du", "2024"), ("tri", "recent"), ("page", "2"))


def test_toggling_a_value_adds_or_removes_it_and_returns_to_page_one():
    state = (("q", "otan"), ("pays", "PL"), ("page", "3"))
    added = url_state.toggled(state, "pays", "NO")
    assert added == (("q", "otan"), ("pays", "PL"), ("pays", "NO"))
    assert url_state.toggled(added, "pays", "PL") == (("q", "otan"), ("pays", "NO"))
    assert url_state.toggled((("pays", "PL"),), "pays", "PL") == ()


def test_a_year_bar_selects_its_year_and_toggles_it_off():
    state = (("q", "otan"), ("page", "4"))
    year = url_state.dated(state, *url_state.year_range("2023"))
    assert year == (("q", "otan"), ("du", "2023-01-01"), ("au", "2023-12-31"))
    assert url_state.dated(year, *url_state.year_range("2023")) == (("q", "otan"),)
    assert url_state.month_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert url_state.month_range("2023-12") == ("2023-12-01", "2023-12-31")


def test_exports_carry_the_selection_under_the_api_names():
    state = (("q", "cyber*"), ("personne", "Mark Rutte"), ("pays", "NO"), ("theme", "cyberdefense"),
             ("du", "2024-01-01"), ("au", "2024-12-31"), ("tri", "ancien"), ("page", "3"))
    assert url_state.english_parameters(state) == [
        ("q", "cyber*"), ("person", "Mark Rutte"), ("country", "NO"), ("topic", "cyberdefense"),
        ("from", "2024-01-01"), ("to", "2024-12-31"), ("sort", "date_asc")]


@pytest.mark.parametrize("current,last,expected", [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (6, 40, [1, None, 4, 5, 6, 7, 8, None, 40]),
    (1, 40, [1, 2, 3, None, 40]), (4, 7, [1, 2, 3, 4, 5, 6, 7]), (40, 40, [1, None, 38, 39, 40]),
])
def test_page_numbers_show_the_ends_and_the_neighbourhood(current, last, expected):
    assert url_state.page_numbers(current, last) == expected


@pytest.mark.parametrize("start,end,label", [
    ("2023-01-01", "2023-12-31", "année 2023"), ("2024-02-01", "2024-02-29", "février 2024"),
    ("2024-02-03", "2024-03-01", "du 3\u00a0février 2024 au 1er\u00a0mars 2024"),
    ("2024-02-03", "", "depuis le 3\u00a0février 2024"), ("", "2019-05-31", "jusqu’au 31\u00a0mai 2019"),
])
def test_date_ranges_read_as_french(start, end, label):
    assert french.date_label(start, end) == label


def test_no_break_spaces_where_french_typography_wants_them():
    assert french.insecable("Rutte à Rome : « Nous restons unis. » Pourquoi ?") == \
        "Rutte à Rome\u00a0: «\u00a0Nous restons unis.\u00a0» Pourquoi\u00a0?"
    assert french.insecable("l’<mark>OTAN</mark> ; suite") == "l’<mark>OTAN</mark>\u00a0; suite"
    assert french.insecable("http://x.org/a?b=c : 10:30") == "http://x.org/a?b=c\u00a0: 10:30"
    assert french.insecable("a déclaré M. Rutte, avec Mme Shekerinska") == "a déclaré M.\u00a0Rutte, avec Mme\u00a0Shekerinska"


def test_french_numbers_and_dates():
    assert french.nombre(12345) == "12\u202f345"
    assert french.date_fr(datetime.date(2026, 2, 18)) == "18\u00a0février 2026"
    assert french.date_fr(datetime.date(2026, 3, 1)) == "1er\u00a0mars 2026"
    assert french.milliseconds(4.25) in ("4,2\u00a0ms", "4,3\u00a0ms")


# ---------------------------------------------------------------------------------------------
# The search page


def test_home_lists_the_newest_announcements_in_an_accessible_french_page(page):
    html = page("/")
    assert '<html lang="fr">' in html
    for landmark in ("<header", "<main", "<aside", '<nav class="sort"', 'role="search"'):
        assert landmark in html
    assert '<label for="q">' in html and 'id="q" name="q"' in html
    assert count_heading(html) == "32\u00a0annonces"
    assert hit_ids(html)[:2] == ["annonce-031", "annonce-026"]  # newest first without a query
    assert re.search(r"<time datetime=\"2025-\d\d-\d\d\">\d+(er)?\u00a0\w+ 2025</time>", html)


def test_no_inline_script_style_or_handler_for_a_strict_csp(page):
    for html in (page("/recherche?q=otan&pays=NO&du=2023-01-01&au=2023-12-31"), page("/annonce/annonce-003?q=otan")):
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\son[a-z]+=", html)
        assert " style=" not in html and "<style" not in html
        assert re.search(r'<script src="/static/app.js" defer></script>', html)
        assert "http://" not in html.replace("http://localhost/", "") or "fonts" not in html


def test_results_show_the_query_highlights_dates_chips_and_snippets(page):
    html = page("/recherche?q=cyberdefense")
    assert 'value="cyberdefense"' in html
    assert count_heading(html) == "8\u00a0annonces pour «\u00a0cyberdefense\u00a0»"
    assert "parlent de la <mark>cyberdéfense</mark></a></h2>" in html
    assert re.search(r'<p class="snippet">[^<]*<mark>cyberdéfense</mark>', html)
    assert "Jens Stoltenberg</a>" in html and 'class="chip place' in html and 'class="chip topic' in html
    assert "Recherche effectuée en" in html and "\u00a0ms" in html


def test_a_person_chip_of_a_result_filters_on_that_person(page):
    html = page("/recherche?q=cyberdefense")
    chip = links(html, "person")["Mark Rutte"]
    assert ("personne", "Mark Rutte") in params(chip) and ("q", "cyberdefense") in params(chip)


def test_facet_values_toggle_and_combine_with_or_within_a_facet(page):
    html = page("/recherche?q=otan")
    people = links(html, "facet-value")
    assert set(people) >= {"Jens Stoltenberg 18", "Mircea Geoană 8", "Mark Rutte 4", "Radmila Shekerinska 2"}
    rutte = page(people["Mark Rutte 4"])
    assert count_heading(rutte) == "4\u00a0annonces pour «\u00a0otan\u00a0»"
    both_url = links(rutte, "facet-value")["Radmila Shekerinska 2"]
    assert [v for k, v in params(both_url) if k == "personne"] == ["Mark Rutte", "Radmila Shekerinska"]
    both = page(both_url)
    assert count_heading(both) == "6\u00a0annonces pour «\u00a0otan\u00a0»"
    selected = links(both, "selected")
    assert "Mark Rutte (filtre actif, cliquer pour le retirer) 4" in selected  # counts stay disjunctive
    chips = links(both, "removable")
    rutte, shekerinska = (f"Personne\u00a0: {name} × (retirer ce filtre)"
                          for name in ("Mark Rutte", "Radmila Shekerinska"))
    assert set(chips) == {rutte, shekerinska}
    assert params(chips[rutte]) == [("q", "otan"), ("personne", "Radmila Shekerinska")]
    assert links(both)["Retirer tous les filtres"] == "/recherche?q=otan"


def test_facets_combine_with_and_across_facets(page):
    html = page("/recherche?personne=Jens+Stoltenberg")
    poland = links(html, "facet-value")["Pologne 2"]
    narrowed = page(poland)
    assert count_heading(narrowed) == "2\u00a0annonces"
    countries = links(narrowed, "facet-value")
    assert "Norvège 2" in countries  # the other countries Stoltenberg visited stay on offer


def test_a_value_written_by_hand_is_resolved_and_removable(page):
    html = page("/recherche?personne=stoltenberg&pays=Pologne")
    assert count_heading(html) == "2\u00a0annonces"
    chips = links(html, "removable")
    assert set(chips) == {"Personne\u00a0: Jens Stoltenberg × (retirer ce filtre)",
                          "Pays\u00a0: Pologne × (retirer ce filtre)"}
    assert params(chips["Pays\u00a0: Pologne × (retirer ce filtre)"]) == [("personne", "Jens Stoltenberg")]


def test_long_facets_get_a_filter_box_that_works_without_javascript(page):
    html = page("/recherche?q=otan")
    box = re.search(r'<form class="facet-filter"(.*?)</form>', html, re.S).group(1)
    assert 'name="pays"' in box and 'data-source="/api/facets/country"' in box and 'list="liste-country"' in box
    assert '<input type="hidden" name="q" value="otan">' in box
    assert '<label for="ajout-country">' in box
    typed = page("/recherche?q=otan&pays=Lettonie")
    assert count_heading(typed) == "3\u00a0annonces pour «\u00a0otan\u00a0»"


def test_year_bars_filter_a_year_then_show_its_months(page):
    html = page("/recherche?q=otan")
    bars = re.findall(r'<a href="([^"]+)" title="[^"]*" aria-label="(\d{4}) : (\d+) annonces?', html)
    assert [(year, int(n)) for _, year, n in bars] == [("2019", 3), ("2020", 2), ("2021", 4), ("2022", 5),
                                                       ("2023", 6), ("2024", 6), ("2025", 6)]
    url_2023 = unescape(bars[4][0])
    assert params(url_2023) == [("q", "otan"), ("du", "2023-01-01"), ("au", "2023-12-31")]
    year = page(url_2023)
    assert count_heading(year) == "6\u00a0annonces pour «\u00a0otan\u00a0»"
    assert "Mois de 2023" in year and "Personne" not in links(year, "removable")
    months = re.findall(r'<li class="">\s*<a href="([^"]+)" title="[^"]*" aria-label="(\w+ 2023) : (\d+) annonces?',
                        year)
    assert '<li class="selected">' not in year
    assert sum(int(n) for *_, n in months) == 6 and len(re.findall(r'aria-label="\w+ 2023 : ', year)) == 12
    first_month = unescape(months[0][0])
    assert dict(params(first_month))["du"].startswith("2023-") and dict(params(first_month))["au"].startswith("2023-")
    month = page(first_month)
    assert count_heading(month) == french.plural(int(months[0][2]), "annonce") + " pour «\u00a0otan\u00a0»"
    assert "Dates\u00a0: " + months[0][1] in " ".join(links(month, "removable"))
    assert links(year)["← Toutes les années"] == "/recherche?q=otan"


def test_date_inputs_keep_the_rest_of_the_selection(page):
    html = page("/recherche?q=otan&pays=NO&du=2021")
    form = re.search(r'<form class="dates"(.*?)</form>', html, re.S).group(1)
    assert '<input type="hidden" name="q" value="otan">' in form
    assert '<input type="hidden" name="pays" value="NO">' in form
    assert 'name="du" type="date" value="2021-01-01"' in form and 'name="au" type="date" value=""' in form
    assert '<label for="du">Du</label>' in form


def test_pagination_and_sort_keep_the_selection(page):
    html = page("/recherche?q=otan&tri=ancien")
    assert hit_ids(html)[0] == "annonce-002"
    nav = re.search(r'<nav class="pagination"(.*?)</nav>', html, re.S).group(1)
    assert 'aria-current="page"' in nav and "Suivante" in nav and "Précédente" not in nav
    second = page(links(nav)["Suivante →"])
    assert '<ol class="hits" start="11">' in second and hit_ids(second)[0] == "annonce-011"
    last = page(links(second)["Page 4"])
    assert len(hit_ids(last)) == 2 and "Suivante" not in last
    sorts = links(html, "selected")
    assert "Plus ancien" in sorts
    assert ("tri", "recent") in params(links(html)["Plus récent"])
    assert ("page", "2") not in params(links(second)["Plus récent"])


def test_the_10000_cap_is_stated(newsroom_app, monkeypatch):
    service = newsroom_app.extensions["search"]
    real = service.search
    monkeypatch.setattr(service, "search", lambda req: dataclasses.replace(real(req), total=25_000))
    html = newsroom_app.test_client().get("/recherche?q=otan").get_data(as_text=True)
    assert count_heading(html) == "25\u202f000\u00a0annonces pour «\u00a0otan\u00a0»"
    assert "Seules les 10\u202f000 premières annonces sont consultables" in html
    assert "Page 1000" in links(html) and "Page 2500" not in links(html)


def test_exports_and_feed_links_use_the_api_names(page):
    html = page("/recherche?q=cyberdefense&personne=Jens+Stoltenberg&du=2020&tri=recent&page=1")
    found = links(html)
    for label, ext in (("CSV", "csv"), ("JSON Lines", "jsonl"), ("Flux Atom", "atom")):
        url = found[label]
        assert urlsplit(url).path == f"/api/search.{ext}"
        assert params(url) == [("q", "cyberdefense"), ("person", "Jens Stoltenberg"), ("from", "2020-01-01"),
                               ("sort", "date")]
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="/api/search\.atom\?q=cyber', html)


def test_the_export_links_answer_in_their_formats(newsroom_app, page):
    html = page("/recherche?q=cyberdefense&personne=stoltenberg&tri=ancien")
    client = newsroom_app.test_client()
    for url, mimetype in re.findall(r'<a href="(/api/search\.\w+\?[^"]*)" type="([^"]+)"', html):
        response = client.get(unescape(url))
        assert response.status_code == 200 and response.mimetype == mimetype, url
        assert "Stoltenberg" in response.get_data(as_text=True)


# ---------------------------------------------------------------------------------------------
# Few or no results, bad parameters


def test_no_result_says_so_and_offers_filters_to_remove_with_their_counts(page):
    html = page("/recherche?q=cyberdefense&pays=Su%C3%A8de&personne=Mark+Rutte")
    assert count_heading(html) == "Aucune annonce pour «\u00a0cyberdefense\u00a0»"
    assert "Aucune annonce ne correspond à «\u00a0cyberdefense\u00a0» avec ces filtres." in html
    widen = re.search(r'<ul class="widen">(.*?)</ul>', html, re.S).group(1)
    offered = {text: url for text, url in links(widen).items()}
    assert set(offered) == {"retirer le filtre pays «\u00a0Suède\u00a0»"}  # without Mark Rutte: still none
    assert "retirer le filtre pays «\u00a0Suède\u00a0»</a> (1\u00a0annonce)" in unescape(widen)
    assert params(offered["retirer le filtre pays «\u00a0Suède\u00a0»"]) == [("q", "cyberdefense"),
                                                                          ("personne", "Mark Rutte")]


def test_a_misspelt_word_gets_a_did_you_mean_link(page):
    html = page("/recherche?q=stoltenbreg&theme=cyberdefense")
    assert "Résultats pour" in html  # issue 13: nothing found, so the correction's results are shown
    assert params(links(html)["«\u00a0stoltenberg\u00a0»"]) == [("q", "stoltenberg"), ("theme", "cyberdefense")]


def test_a_relaxed_search_says_not_every_word_was_found(page):
    html = page("/recherche?q=cyberd%C3%A9fense+Oslo+licornes")
    assert "Aucune annonce, ou presque, ne contient tous les mots de votre recherche" in html
    assert hit_ids(html) and "<mark>Oslo</mark>" in html


@pytest.mark.parametrize("query,notice", [
    ("q=otan&du=hier", "La date de début n’a pas été comprise"),
    ("q=otan&du=2025-01-01&au=2019-01-01", "Les dates étaient inversées"),
    ("q=otan&tri=meilleur", "Ce tri n’existe pas"),
    ("q=otan&page=0", "Ce numéro de page n’existe pas"),
    ("q=otan&page=5000", "Seules les 10\u202f000 premières annonces sont consultables"),
    ("q=" + "otan+" * 130, "La recherche ne peut dépasser 500 caractères"),
    ("q=%22otan&par_page=1000", "Le nombre de résultats par page va de 1 à 100"),
])
def test_a_bad_parameter_is_corrected_with_a_french_notice_not_an_error(page, query, notice):
    html = page("/recherche?" + query)
    assert notice in unescape(html)
    assert re.search(r'<p class="notice warning" role="alert">', html)


def test_inverted_dates_are_swapped(page):
    html = page("/recherche?du=2025-01-01&au=2019-01-01")
    assert count_heading(html) == "26\u00a0annonces"


def test_a_page_beyond_the_results_says_so(page):
    html = page("/recherche?q=otan&page=9")
    assert "Cette page est au-delà des résultats (4\u00a0pages)." in unescape(html)
    assert links(html)["← Précédente"] == "/recherche?q=otan&page=4" and "Page 4" in links(html)


@pytest.mark.parametrize("q", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}"])
def test_a_query_is_shown_as_text_never_as_markup(page, q):
    html = page("/recherche?q=" + quote(q))
    assert "<script>alert" not in html and "<img src=x" not in html and "49" not in count_heading(html)
    assert unescape(re.search(r'id="q" name="q" type="search" value="([^"]*)"', html).group(1)) == q


# ---------------------------------------------------------------------------------------------
# The announcement page


def test_announcement_page_marks_the_query_and_offers_a_citation(page):
    html = page("/annonce/annonce-006?q=securite+energetique")
    title = "Stoltenberg et le premier ministre lituanien parlent de la <mark>sécurité</mark> <mark>énergétique</mark>"
    assert f'<h1 id="titre-annonce">{title}</h1>' in html
    assert "La <mark>sécurité</mark> <mark>énergétique</mark> de l’Alliance" in html
    assert html.count("parlent de la <mark>sécurité</mark>") == 1  # the title line is not repeated as text
    assert '<time datetime="2021-11-10">10\u00a0novembre 2021</time>' in html
    citation = unescape(re.search(r'<p id="citation" class="citation">(.*?)</p>', html, re.S).group(1))
    assert citation == ("«\u00a0Stoltenberg et le premier ministre lituanien parlent de la sécurité énergétique"
                        "\u00a0», OTAN, 10\u00a0novembre 2021, https://www.nato.int/cps/fr/natohq/news_220006.htm")
    assert '<button type="button" class="copy" data-copy="citation" hidden>Citer</button>' in html
    assert links(html)["Lire sur le site de l’OTAN"] == "https://www.nato.int/cps/fr/natohq/news_220006.htm"
    assert links(html)["← Résultats pour «\u00a0securite energetique\u00a0»"] == "/recherche?q=securite+energetique"
    assert params(links(html, "person")["Jens Stoltenberg"]) == [("personne", "Jens Stoltenberg")]
    assert "n’apparaissent pas" not in html


def test_announcement_page_without_a_source_url_cites_itself(page):
    html = page("/annonce/annonce-006?q=licornes")
    assert "Les mots de la recherche «\u00a0licornes\u00a0» n’apparaissent pas tels quels dans le texte." in html
    assert "<mark>" not in html


def test_the_link_back_returns_to_the_filtered_results_the_reader_came_from(newsroom_app):
    client = newsroom_app.test_client()
    came_from = "http://localhost/recherche?q=otan&theme=cyberdefense&du=2025-01-01&au=2025-12-31&page=1"
    html = client.get("/annonce/annonce-028?q=otan", headers={"Referer": came_from}).get_data(as_text=True)
    assert links(html)["← Retour aux résultats"] == came_from.removeprefix("http://localhost")
    elsewhere = client.get("/annonce/annonce-028?q=otan", headers={"Referer": "https://example.org/recherche?q=x"})
    assert links(elsewhere.get_data(as_text=True))["← Résultats pour «\u00a0otan\u00a0»"] == "/recherche?q=otan"
    assert links(client.get("/annonce/annonce-028").get_data(as_text=True))["← Toutes les annonces"] == "/recherche"


def test_announcement_page_lists_similar_announcements(page):
    html = page("/annonce/annonce-000")
    similar = re.search(r'<section class="similar"(.*?)</section>', html, re.S).group(1)
    assert len(re.findall(r'href="/annonce/annonce-\d+"', similar)) >= 3
    assert "/annonce/annonce-000\"" not in similar


def test_results_link_to_the_announcement_with_the_query(page):
    html = page("/recherche?q=Steadfast")
    assert re.search(r'<h2><a href="/annonce/annonce-\d{3}\?q=Steadfast">', html)


def test_unknown_announcement_is_a_french_404_page(page):
    html = page("/annonce/nulle-part", status=404)
    assert "Page introuvable" in html and '<html lang="fr">' in html


def test_the_seed_corpus_page_still_answers(client):
    html = client.get("/?q=s%C3%A9curit%C3%A9").get_data(as_text=True)
    assert "<mark>sécurité</mark>" in html and "Vouliez-vous dire" not in html


def test_the_real_corpus_lists_long_facets_with_a_filter_box_and_many_years(dev_index):
    """The 378 real announcements of ../shared (skips without them)."""
    client = create_app({"INDEX_DIR": str(dev_index), "TESTING": True}).test_client()
    html = client.get("/recherche?q=otan").get_data(as_text=True)
    assert "Seules les 20 valeurs les plus fréquentes sont listées." in html
    assert '<label for="ajout-person">Chercher d’autres personnes</label>' in html
    assert 'class="bars crowded"' in html and len(re.findall(r'aria-label="\d{4} : ', html)) >= 15
    assert re.search(r'<span class="tick" aria-hidden="true">2010</span>', html)
