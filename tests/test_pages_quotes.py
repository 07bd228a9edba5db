"""The « Citations » view and the announcement page's quotation anchors, through the real app over
the newsroom index of test_pages.py (each of its 32 announcements quotes its protagonist)."""
import re

from test_pages import newsroom_app, page, squash  # noqa: F401 (fixtures)


def test_citations_view_lists_quotations_with_speaker_date_and_citation(page):
    html = page("/citations?personne=rutte")
    assert "<h1 class=\"count\">4\u00a0citations</h1>" in squash(html)
    assert html.count('<li class="quote">') == 4
    assert html.count('<span class="speaker"><a href="/personnes/mark-rutte">Mark Rutte</a></span>') == 4
    assert "/personnes/jens-stoltenberg\">Jens" not in html
    citation = re.search(r'<p class="citation" id="citer-1">(.*?)</p>', html).group(1)
    assert re.fullmatch(r"«\u00a0Nous devons continuer à investir dans notre défense collective\u00a0», a déclaré "
                        r"Mark Rutte, le \d+(er)?\u00a0\w+ 2025 — https://www\.nato\.int/\S+", citation)
    assert re.search(r'href="/annonce/annonce-0\d\d#citation-1"', html)


def test_the_two_views_share_the_state_and_link_to_each_other(page):
    html = page("/citations?q=d%C3%A9fense&pays=SE&tri=recent")
    assert 'href="/recherche?q=d%C3%A9fense&amp;pays=SE&amp;tri=recent">Annonces</a>' in html
    assert 'href="/citations?q=d%C3%A9fense&amp;pays=SE&amp;tri=recent" aria-current="page">Citations</a>' in html
    assert 'action="/citations"' in html  # the box and the side forms stay on the quotations
    assert "<mark>défense</mark>" in html
    assert '/api/quotes.csv?q=d%C3%A9fense&amp;sort=date' in html
    search = page("/recherche?q=d%C3%A9fense&pays=SE")
    assert 'aria-current="page">Annonces</a>' in search and 'action="/recherche"' in search


def test_speaker_facet_and_empty_or_bad_states_stay_french_pages(page, newsroom_app):
    html = page("/citations")
    total = newsroom_app.test_client().get("/api/quotes").get_json()["total"]
    assert "Qui parle" in html and f"{total}\u00a0citations" in html and total >= 20
    assert "Aucune citation ne correspond" in page("/citations?q=zzzyyyxxx")
    assert "Aucune citation" in page("/citations?du=2030&personne=personne%20inconnue")
    assert "notice" in page("/citations?du=pas-une-date&page=-1&tri=n%27importe")


def test_the_announcement_page_anchors_its_quotations(page, newsroom_app):
    permalink = newsroom_app.test_client().get("/api/quotes?q=investir").get_json()["hits"][0]["permalink"]
    assert permalink.endswith("#citation-1")
    html = page(permalink.split("#")[0] + "?q=collective")
    assert re.search(r'<span class="quotation" id="citation-1">Nous devons continuer à investir dans notre '
                     r'défense <mark>collective</mark><a class="permalink" href="#citation-1"', html)
    assert "«\u00a0<span" in html  # the text around the quotation keeps its typography
