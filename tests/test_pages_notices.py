"""What the results page says, honestly: a query read as plain words, an empty result, a facet
cut to its most frequent values; and what a result's chips are and do. Real app, real indexes."""

import re
from html import unescape

import pytest

from searchsvc.search.facets import FACET_LIMIT
from searchsvc.web import create_app
from test_pages import build_newsroom, links, params

COUNTRIES = ("Belgique", "Bulgarie", "Canada", "Croatie", "Danemark", "Espagne", "Estonie", "Finlande", "France",
             "Grèce", "Hongrie", "Islande", "Italie", "Lettonie", "Lituanie", "Luxembourg", "Norvège", "Pologne",
             "Portugal", "Roumanie", "Slovaquie", "Slovénie", "Suède", "Albanie")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    app = create_app({"INDEX_DIR": str(build_newsroom(tmp_path_factory.mktemp("newsroom"))), "TESTING": True})
    return app.test_client()


def text_of(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))  # no-break spaces kept


def notices(html: str) -> list[str]:
    return [text_of(n).strip() for n in re.findall(r'<p class="notice warning" role="alert">(.*?)</p>', html, re.S)]


def test_a_syntax_error_says_what_was_read(newsroom):
    html = newsroom.get('/recherche?q="sommet de').get_data(as_text=True)
    assert notices(html) == ["Dans votre recherche, un guillemet n’est pas fermé\u00a0: les mots «\u00a0sommet de\u00a0» "
                             "ont été cherchés, sans guillemets ni opérateurs."]
    assert not notices(newsroom.get('/recherche?q="sommet de Vilnius"').get_data(as_text=True))
    assert "«\u00a0OR\u00a0» demande un mot de chaque côté" in notices(newsroom.get("/recherche?q=otan+OR").get_data(
        as_text=True))[0]


def test_an_empty_result_says_so_once_in_the_sidebar(newsroom):
    html = newsroom.get("/recherche?q=zzyzx+otan").get_data(as_text=True)
    aside = html.split('<aside id="filtres"')[1]
    assert "Aucune valeur pour ces résultats." not in aside
    assert aside.count('class="notice empty-facets"') == 1
    assert "cette recherche ne trouve aucune annonce" in text_of(aside)
    assert 'class="facet"' not in aside  # no empty facet lists
    found = newsroom.get("/recherche?q=otan").get_data(as_text=True)
    assert "empty-facets" not in found and found.count('class="facet"') >= 4


def test_an_empty_result_offers_the_suggestion_in_the_sidebar(newsroom):
    html = newsroom.get("/recherche?q=cyberdefanse&tel_quel=1").get_data(as_text=True)  # not auto-corrected
    aside = html.split('<aside id="filtres"')[1]
    suggestion = re.search(r'Essayez plutôt <a href="([^"]+)">«\u00a0(\w+)\u00a0»</a>', unescape(aside))
    assert suggestion and suggestion.group(2).startswith("cyberd")
    assert params(suggestion.group(1))[0] == ("q", suggestion.group(2))
    assert newsroom.get(suggestion.group(1)).status_code == 200


def test_the_facet_note_counts_the_values_it_lists(tiny_index):
    documents = [{"id": f"d{i}", "date": "2024-01-01", "title": f"Réunion {i}",
                  "text": f"Réunion numéro {i}. Le ministre de la défense ({country}) a rencontré les alliés de l’OTAN."}
                 for n, country in enumerate(COUNTRIES) for i in range(n * 10, n * 10 + 1 + (len(COUNTRIES) - n) // 4)]
    client = create_app({"INDEX_DIR": str(tiny_index(*documents).index_root), "TESTING": True}).test_client()
    html = client.get("/recherche").get_data(as_text=True)
    assert f"Seules les {FACET_LIMIT} valeurs les plus fréquentes sont listées." in html
    rare = client.get("/recherche?pays=Albanie").get_data(as_text=True)  # the selection, beyond the top
    listed = rare.split('id="facette-country"')[1].split("</section>")[0].count('<a class="facet-value')
    assert listed == FACET_LIMIT + 1
    assert f"Seules les {FACET_LIMIT} valeurs les plus fréquentes sont listées, avec votre sélection." in rare


def test_a_chip_of_a_result_narrows_to_its_value_alone(newsroom):
    html = newsroom.get("/recherche?q=otan&pays=PL&pays=NO").get_data(as_text=True)  # Pologne OR Norvège
    chips = links(html, "place")
    assert {"Pologne", "Norvège"} <= set(chips)
    assert params(chips["Norvège"]) == [("q", "otan"), ("pays", "NO")]  # Norvège alone, not added again
    assert params(chips["Pologne"]) == [("q", "otan"), ("pays", "PL")]
    others = [label for label in chips if label not in ("Pologne", "Norvège")]
    assert others and all(params(chips[label])[1][0] == "pays" and len(params(chips[label])) == 2 for label in others)
    second = newsroom.get("/recherche?q=otan&page=2").get_data(as_text=True)
    assert all(("page", "2") not in params(url) for url in links(second, "chip").values())


def test_chips_are_named_with_their_facet_and_shown_so_when_two_read_the_same(tiny_index):
    service = tiny_index({"id": "u1", "date": "2024-02-24", "title": "Soutien de l’OTAN à l’Ukraine",
                          "text": "Les alliés de l’OTAN réaffirment leur soutien à l’Ukraine face à la guerre "
                                  "d’agression de la Russie. L’Ukraine recevra de nouvelles capacités de défense "
                                  "aérienne. Le Conseil OTAN-Ukraine s’est réuni à Bruxelles, en Belgique."})
    html = create_app({"INDEX_DIR": str(service.index_root), "TESTING": True}).test_client().get(
        "/recherche?q=ukraine").get_data(as_text=True)
    ukraine = re.findall(r'<a class="chip (\w+)( named)?"[^>]*aria-label="([^"]+)"[^>]*>Ukraine</a>', html)
    assert {(css, label) for css, _, label in ukraine} == {("place", "Ukraine (pays)"), ("topic", "Ukraine (thème)")}
    assert all(named for _, named, _ in ukraine)  # shown: « Ukraine · pays », « Ukraine · thème »
    belgium = re.search(r'<a class="chip place( named)?"[^>]*aria-label="Belgique \(pays\)"', html)
    assert belgium and not belgium.group(1)  # no other chip reads « Belgique »
