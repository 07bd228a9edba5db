"""What a newsroom does with the page, in Debian's Chromium at desktop (1366 px) and phone (390 px)
width: download the Excel export and open it, read the API reference, follow a search in a feed
reader, meet each honest notice, tell chips apart. Same server, CSP and checks as test_browser.py
(a JavaScript error or CSP violation fails the test); skips the same way without Chromium."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from test_browser import (browser, heading, page, playwright, pytestmark, serve, shot,  # noqa: F401
                          site)

try:
    from playwright.sync_api import expect
except ImportError:  # skipped by pytestmark
    expect = None

WIDTHS = {"bureau": {"width": 1366, "height": 900}, "telephone": {"width": 390, "height": 844}}
HEADERS = ["Date", "Titre", "Lien", "Personnes", "Pays", "Régions", "Thèmes", "Extrait", "Identifiant"]


@pytest.fixture(params=list(WIDTHS))
def tab(request, page):
    """A tab at desktop, then at phone width."""
    page.set_viewport_size(WIDTHS[request.param])
    page.width_name = request.param
    return page


def fits(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def test_the_excel_export_downloads_and_opens_with_typed_columns(site, tab, tmp_path):
    tab.goto(site + "/recherche?q=cyberd%C3%A9fense&du=2020&au=2024")
    expect(heading(tab)).to_contain_text("annonces pour «\u00a0cyberdéfense\u00a0»")
    excel = tab.get_by_role("link", name="Excel (.xlsx)")
    expect(excel).to_be_visible()
    with tab.expect_download() as download:
        excel.click()
    assert download.value.suggested_filename == "otan-cyberdéfense-2020-2024.xlsx"
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    sheet = book["Annonces"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and sheet.freeze_panes == "A2"
    total = int(re.match(r"\d+", heading(tab).inner_text()).group())
    assert len(rows) - 1 == total >= 2
    assert all(isinstance(row[0], datetime.datetime) and 2020 <= row[0].year <= 2024 for row in rows[1:])
    assert all(sheet.cell(row=n, column=3).hyperlink.target.startswith("https://www.nato.int/")
               for n in range(2, len(rows) + 1))
    about = {row[0]: row[1] for row in book["Recherche"].iter_rows(values_only=True) if len(row) > 1}
    assert about["Recherche"] == "cyberdéfense" and about["Annonces trouvées"] == total
    assert fits(tab)


def test_the_api_reference_renders_every_endpoint_from_this_host_only(site, tab):
    requested = []
    tab.on("request", lambda r: requested.append(r.url))
    tab.goto(site + "/")
    tab.get_by_role("link", name="l’API JSON").click()
    assert urlsplit(tab.url).path == "/api/docs"
    expect(tab.get_by_role("heading", name="L’API JSON", level=1)).to_be_visible()
    operations = tab.locator("section.operation h2")
    paths = tab.evaluate("fetch('/api/openapi.json').then(r => r.json()).then(d => Object.keys(d.paths))")
    expect(operations).to_have_count(len(paths))
    for path in paths:
        expect(tab.locator("section.operation h2 code", has_text=re.compile("^" + re.escape(path) + "$"))
               ).to_have_count(1)
    tab.locator('a[href="#schema-SearchResponse"]').first.click()
    expect(tab.locator("#schema-SearchResponse")).to_be_in_viewport()
    assert requested and all(url.startswith(site + "/") for url in requested), requested
    shot(tab, f"20-api-docs-{tab.width_name}", full_page=False)


def test_the_feed_page_gives_the_url_to_copy(site, tab, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    tab.goto(site + "/recherche?q=otan&pays=NO&tri=ancien")
    feed = tab.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href") == "/api/search.atom?q=otan&country=NO"
    tab.get_by_role("link", name="Flux Atom").click()
    expect(tab.get_by_role("heading", name="Suivre cette recherche")).to_be_visible()
    address = tab.locator("#adresse-flux")
    expect(address).to_have_text(re.compile(r"^https?://[^/]+/api/search\.atom\?q=otan&country=NO$"))
    expect(tab.locator(".follow")).to_contain_text("pays Norvège")
    tab.get_by_role("button", name="Copier l’adresse").click()
    expect(tab.locator(".copy-status")).to_have_text("Adresse du flux copiée dans le presse-papiers.")
    assert tab.evaluate("navigator.clipboard.readText()") == address.inner_text()
    assert fits(tab)
    shot(tab, f"21-suivre-{tab.width_name}")


def test_a_syntax_error_is_said_with_the_words_searched(site, tab):
    tab.goto(site + "/")
    tab.fill("#q", '"sommet de')
    tab.press("#q", "Enter")
    notice = tab.locator("p.notice.warning")
    expect(notice).to_have_text("Dans votre recherche, un guillemet n’est pas fermé\u00a0: les mots «\u00a0sommet de\u00a0» "
                                "ont été cherchés, sans guillemets ni opérateurs.")
    expect(heading(tab)).to_contain_text("annonce")


def test_an_empty_result_says_once_why_the_sidebar_is_empty(site, tab):
    tab.goto(site + "/recherche?q=" + quote("otan zzyzx"))
    expect(heading(tab)).to_have_text("Aucune annonce pour «\u00a0otan zzyzx\u00a0»")
    expect(tab.locator("aside .empty")).to_have_count(0)  # not « Aucune valeur… » four times
    expect(tab.locator("aside .notice.empty-facets")).to_have_count(1)
    expect(tab.locator("aside .notice.empty-facets")).to_contain_text("cette recherche ne trouve aucune annonce")
    assert fits(tab)
    shot(tab, f"22-vide-{tab.width_name}")


def test_a_result_chip_is_named_and_narrows_the_search(site, tab):
    tab.goto(site + "/recherche?q=otan&pays=PL&pays=NO")
    before = int(re.match(r"\d+", heading(tab).inner_text()).group())
    chip = tab.get_by_role("link", name="Norvège (pays)").first
    expect(chip).to_have_text("Norvège")
    chip.click()
    expect(tab.locator(".active-filters a.removable")).to_have_count(1)
    after = int(re.match(r"\d+", heading(tab).inner_text()).group())
    assert after < before


def test_the_real_corpus_notices_and_twin_chips(page, dev_index):
    """The 378 real announcements (skips without ../shared): long facets, Ukraine as country and topic."""
    base, stop = serve(dev_index)
    try:
        page.set_viewport_size(WIDTHS["bureau"])
        page.goto(base + "/recherche")
        notes = page.locator("p.more-note")
        expect(notes.first).to_have_text("Seules les 20 valeurs les plus fréquentes sont listées.")
        rarest = page.evaluate("fetch('/api/facets/person?limit=100').then(r => r.json())"
                               ".then(d => d.values[d.values.length - 1].value)")
        page.goto(base + "/recherche?personne=" + quote(rarest))  # a person beyond the 20 most frequent
        people = page.locator("#facette-person").locator("xpath=..")
        expect(people.locator("a.facet-value")).to_have_count(21)
        expect(people.locator("p.more-note")).to_have_text(
            "Seules les 20 valeurs les plus fréquentes sont listées, avec votre sélection.")
        page.goto(base + "/recherche?q=ukraine")
        country = page.get_by_role("link", name="Ukraine (pays)").first
        topic = page.get_by_role("link", name="Ukraine (thème)").first
        expect(country).to_be_visible()
        expect(topic).to_be_visible()
        assert "pays" in country.evaluate("e => getComputedStyle(e, '::after').content")
    finally:
        stop()


def test_one_command_writes_the_screenshots_at_both_widths(tmp_path):
    """`python -m searchsvc.screenshots` (what `make screenshots` runs), into a scratch directory."""
    done = subprocess.run([sys.executable, "-m", "searchsvc.screenshots", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    names = {path.name for path in tmp_path.glob("*.png")}
    pages = ("recherche", "annonce", "api", "citations", "personne")  # the last two: the app has them now
    assert {f"{page}-{width}.png" for page in pages for width in (1366, 390)} <= names
    for path in tmp_path.glob("*.png"):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == int(path.stem.rsplit("-", 1)[1])  # IHDR width
    assert sorted(done.stdout.split()) == sorted(str(tmp_path / name) for name in names)
