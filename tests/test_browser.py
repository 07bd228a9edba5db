"""The journalists' page in a real browser: Debian's Chromium driven by Playwright, against the app
served over HTTP on 127.0.0.1 (werkzeug's server in a thread) over a real index.

The main flows run over the `newsroom` corpus of test_pages.py (32 announcements, built here), so
they need neither ../shared nor the network; one more test looks at the 378 real announcements of
../shared when they are present. The server adds a strict Content-Security-Policy (scripts and styles
only from the site itself, no inline code): a violation shows as a console error and fails the test.
Screenshots of the main states go to test-artifacts/ (git-ignored).

Skips with the reason when /usr/bin/chromium (`apt-get install chromium`) or the `playwright` Python
package (requirements-dev.txt) is absent; CI installs both (.ci/run). Never `playwright install`:
the browser is Debian's.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT
from searchsvc.web import create_app
from test_pages import build_newsroom

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # a plain clone without the test tools
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PHONE = {"width": 360, "height": 740}

pytestmark = [
    pytest.mark.skipif(sync_playwright is None,
                       reason="needs the playwright Python package (pip install -r requirements-dev.txt)"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)"),
]


class StrictCSP:
    """WSGI middleware: the policy the production proxy will send, so the page is tested under it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, headers + [("Content-Security-Policy", CSP)], exc_info)
        return self.app(environ, start)


def serve(index_dir: Path):
    """The app on a free port of 127.0.0.1, in a thread; returns (base URL, stop)."""
    from werkzeug.serving import make_server

    app = create_app({"INDEX_DIR": str(index_dir)})
    server = make_server("127.0.0.1", 0, StrictCSP(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(timeout=10)

    return f"http://127.0.0.1:{server.server_port}", stop


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base, stop = serve(build_newsroom(tmp_path_factory.mktemp("newsroom")))
    yield base
    stop()


@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as p:
        yield p


def launch(playwright, profile: Path, **options):
    """Debian's Chromium with a fresh profile directory (never a downloaded browser build)."""
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, locale="fr-FR",
        viewport={"width": 1280, "height": 900}, **options)


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture()
def page(browser):
    """A new tab; fails the test on a JavaScript error, a CSP violation or an alert()."""
    tab = browser.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    tab.close()
    assert not problems, problems


def shot(tab, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path


def heading(tab):
    return tab.locator("h1.count")


def facet(tab, name: str, label: str):
    return tab.locator(f"#facette-{name}").locator("xpath=..").locator("a.facet-value", has_text=label)


# ---------------------------------------------------------------------------------------------


def test_search_from_the_box_shows_highlighted_results(site, page):
    page.goto(site + "/")
    expect(heading(page)).to_have_text("32\u00a0annonces")
    page.fill("#q", "cyberdéfense")
    page.press("#q", "Enter")
    expect(heading(page)).to_have_text("8\u00a0annonces pour «\u00a0cyberdéfense\u00a0»")
    assert re.search(r"/recherche\?q=cyberd%C3%A9fense$", page.url)
    expect(page.locator("#q")).to_have_value("cyberdéfense")
    expect(page.locator("li.hit")).to_have_count(8)
    expect(page.locator("li.hit h2 mark").first).to_have_text("cyberdéfense")
    expect(page.locator("li.hit .snippet mark").first).to_be_visible()
    expect(page.locator("li.hit time").first).to_have_text(re.compile(r"^\d+(er)?\u00a0\w+ 20\d\d$"))
    page.click("details.syntax summary")
    expect(page.locator("details.syntax dl")).to_be_visible()
    shot(page, "01-recherche")


def test_slash_puts_the_cursor_in_the_search_box(site, page):
    page.goto(site + "/annonce/annonce-003")
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("rutte")
    expect(page.locator("#q")).to_have_value("rutte")


def test_two_facet_values_then_a_country_change_counts_and_results(site, page):
    page.goto(site + "/recherche?q=otan")
    expect(facet(page, "person", "Mark Rutte").locator(".count")).to_have_text("4")
    facet(page, "person", "Mark Rutte").click()
    expect(heading(page)).to_have_text("4\u00a0annonces pour «\u00a0otan\u00a0»")
    assert set(page.locator("li.hit .chip.person").all_inner_texts()) == {"Mark Rutte"}
    facet(page, "person", "Radmila Shekerinska").click()
    expect(heading(page)).to_have_text("6\u00a0annonces pour «\u00a0otan\u00a0»")
    expect(page.locator("a.facet-value.selected")).to_have_count(2)
    expect(facet(page, "person", "Jens Stoltenberg").locator(".count")).to_have_text("18")  # still on offer
    expect(facet(page, "country", "Norvège").locator(".count")).to_have_text("1")
    facet(page, "country", "Norvège").click()
    expect(heading(page)).to_have_text("1\u00a0annonce pour «\u00a0otan\u00a0»")
    expect(page.locator("li.hit h2")).to_have_text(
        "Rutte et le premier ministre norvégien parlent de la sécurité énergétique")
    expect(page.locator(".active-filters a.removable")).to_have_count(3)
    shot(page, "02-facettes")
    page.locator(".active-filters a.removable", has_text="Mark Rutte").click()
    expect(heading(page)).to_have_text("Aucune annonce pour «\u00a0otan\u00a0»")
    expect(page.locator(".empty-result")).to_contain_text("Aucune annonce ne correspond")
    expect(page.locator("ul.widen a")).to_have_count(2)
    shot(page, "03-aucun-resultat")
    page.locator("ul.widen a", has_text="Norvège").click()
    expect(heading(page)).to_have_text("2\u00a0annonces pour «\u00a0otan\u00a0»")


def test_a_year_bar_then_a_month_bar_filter_the_dates(site, page):
    page.goto(site + "/recherche?q=otan")
    bars = page.locator("ol.bars a")
    expect(bars).to_have_count(7)
    year = page.locator('ol.bars a[aria-label^="2023 : 6 annonces"]')
    expect(year).to_be_visible()
    smaller = page.locator('ol.bars a[aria-label^="2020 :"] .bar')  # 2 announcements against 6
    assert year.locator(".bar").bounding_box()["height"] > 2 * smaller.bounding_box()["height"]
    year.click()
    expect(heading(page)).to_have_text("6\u00a0annonces pour «\u00a0otan\u00a0»")
    assert "du=2023-01-01&au=2023-12-31" in page.url
    expect(page.locator("#facette-dates")).to_have_text("Mois de 2023")
    expect(page.locator("ol.bars li")).to_have_count(12)
    expect(page.locator(".active-filters")).to_contain_text("année 2023")
    expect(page.locator("#du")).to_have_value("2023-01-01")
    shot(page, "04-annee-2023")
    page.locator('ol.bars a[aria-label^="avril 2023"]').click()
    expect(heading(page)).to_have_text("1\u00a0annonce pour «\u00a0otan\u00a0»")
    assert "du=2023-04-01&au=2023-04-30" in page.url
    expect(page.locator(".active-filters")).to_contain_text("avril 2023")
    expect(page.locator("ol.bars li.selected")).to_have_count(1)  # back to years, 2023 marked
    page.locator(".all-years a, .active-filters a.removable").first.click()
    expect(heading(page)).to_have_text("32\u00a0annonces pour «\u00a0otan\u00a0»")


def test_date_inputs_filter_a_range(site, page):
    page.goto(site + "/recherche?q=otan")
    page.fill("#du", "2024-01-01")
    page.fill("#au", "2025-06-30")
    page.click("form.dates button")
    expect(heading(page)).to_have_text("9\u00a0annonces pour «\u00a0otan\u00a0»")
    expect(page.locator(".active-filters")).to_contain_text("du 1er\u00a0janvier 2024 au 30\u00a0juin 2025")


def test_pagination_moves_through_the_results(site, page):
    page.goto(site + "/recherche?q=otan&tri=ancien")
    first_page = page.locator("li.hit h2").all_inner_texts()
    page.locator("nav.pagination a", has_text="Suivante").click()
    assert page.url.endswith("page=2")
    expect(page.locator("ol.hits")).to_have_attribute("start", "11")
    second_page = page.locator("li.hit h2").all_inner_texts()
    assert len(second_page) == 10 and not set(first_page) & set(second_page)
    expect(page.locator('nav.pagination [aria-current="page"]')).to_have_text("Page 2")
    shot(page, "05-page-2")
    page.locator("nav.pagination a", has_text="Page 4").click()
    expect(page.locator("li.hit")).to_have_count(2)
    page.locator("nav.sort a", has_text="Plus récent").click()
    assert "page=" not in page.url
    expect(page.locator("li.hit time").first).to_have_text("13\u00a0novembre 2025")


def test_open_an_announcement_and_copy_its_citation(site, page, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/recherche?q=" + quote("sécurité énergétique"))
    page.locator("li.hit h2 a").first.click()
    expect(page.locator("h1#titre-annonce mark")).to_have_count(2)
    assert "?q=" in page.url
    expect(page.locator(".announcement .text mark").first).to_have_text(re.compile("sécurité", re.I))
    citation = page.locator("#citation").inner_text()
    assert re.fullmatch(r"«\u00a0.+\u00a0», OTAN, \d+(er)?\u00a0\w+ 20\d\d, https://www\.nato\.int/\S+", citation)
    expect(page.locator("section.similar li")).not_to_have_count(0)
    button = page.get_by_role("button", name="Citer")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".copy-status")).to_have_text("Citation copiée dans le presse-papiers.")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    shot(page, "06-annonce")
    page.locator("section.similar a").first.click()
    expect(page.locator("h1#titre-annonce")).to_be_visible()


def test_facet_filter_box_suggests_values_from_the_api(site, page):
    page.goto(site + "/recherche?q=otan")
    box = page.locator("#ajout-country")
    box.focus()  # the most frequent values, before any letter
    expect(page.locator("#liste-country option")).to_have_count(11)
    assert page.locator("#liste-country option").first.get_attribute("value") == "Ukraine"
    box.fill("Let")
    expect(page.locator("#liste-country option")).to_have_count(1)
    assert page.locator("#liste-country option").first.get_attribute("value") == "Lettonie"
    box.fill("Lituanie")
    box.press("Enter")
    expect(heading(page)).to_have_text("3\u00a0annonces pour «\u00a0otan\u00a0»")
    expect(page.locator(".active-filters")).to_contain_text("Lituanie")


@pytest.mark.parametrize("payload", [
    '<img src=x onerror="window.__xss=1">',
    '"><script>window.__xss=2</script>',
    "</title><svg onload=window.__xss=3>",
])
def test_an_xss_payload_in_the_query_stays_text(site, page, payload):
    for path in ("/recherche?q=", "/annonce/annonce-000?q="):
        page.goto(site + path + quote(payload))
        assert page.evaluate("window.__xss") is None
        assert page.locator("img[src=x], svg[onload], script:not([src])").count() == 0
        expect(page.locator("#q")).to_have_value(payload)
    page.goto(site + "/recherche?q=" + quote(payload))
    expect(heading(page)).to_contain_text(payload)


def test_the_page_fits_a_phone_without_horizontal_scroll(site, page):
    page.set_viewport_size(PHONE)
    for name, path in [("07-telephone-recherche",
                        "/recherche?q=otan&personne=Jens+Stoltenberg&pays=PL&du=2019-01-01&au=2024-12-31"),
                       ("08-telephone-annonce", "/annonce/annonce-006?q=s%C3%A9curit%C3%A9+%C3%A9nerg%C3%A9tique"),
                       ("09-telephone-mois", "/recherche?q=otan&du=2023-01-01&au=2023-12-31")]:
        page.goto(site + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
        assert max(widths[:2]) <= PHONE["width"], (path, widths)
        shot(page, name)
    page.goto(site + "/recherche?q=otan")
    page.locator("a.to-filters").click()
    expect(page.locator("aside#filtres")).to_be_in_viewport()


def test_keyboard_focus_is_visible(site, page):
    page.goto(site + "/recherche?q=otan")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.locator('ol.bars a').first.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    shot(page, "10-focus-histogramme", full_page=False)


def test_without_javascript_every_filter_is_a_link_and_the_citation_is_text(site, playwright, tmp_path):
    context = launch(playwright, tmp_path / "profile", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site + "/recherche?q=otan")
        facet(tab, "topic", "Cyberdéfense").click()
        expect(heading(tab)).to_have_text("8\u00a0annonces pour «\u00a0otan\u00a0»")
        tab.locator('ol.bars a[aria-label^="2025"]').click()
        expect(heading(tab)).to_have_text("1\u00a0annonce pour «\u00a0otan\u00a0»")
        tab.locator("li.hit h2 a").first.click()
        expect(tab.locator("#citation")).to_be_visible()
        expect(tab.get_by_role("button", name="Citer")).to_be_hidden()
        shot(tab, "11-sans-javascript")
    finally:
        context.close()


def test_the_real_corpus_page_looks_right(page, dev_index):
    """The 378 real announcements of ../shared (skips without them): many years, long facet lists."""
    base, stop = serve(dev_index)
    try:
        page.goto(base + "/recherche?q=sommet")
        expect(heading(page)).to_contain_text("annonces pour «\u00a0sommet\u00a0»")
        assert page.locator("ol.bars li").count() >= 5
        expect(page.locator("li.hit")).to_have_count(10)
        shot(page, "12-corpus-reel")
        page.locator("ol.bars a").last.click()
        expect(page.locator("#facette-dates")).to_contain_text("Mois de")
        shot(page, "13-corpus-reel-mois", full_page=False)
        page.set_viewport_size(PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        stop()
