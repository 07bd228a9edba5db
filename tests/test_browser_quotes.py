"""The « Citations » view in the real browser (Debian's Chromium driven by Playwright, under the
strict CSP of test_browser.py): from the announcements to their quotations with the same search,
« Citer » copying a ready citation, the permalink landing on the passage."""
import re
from urllib.parse import quote

from playwright.sync_api import expect

from test_browser import browser, page, playwright, pytestmark, shot, site  # noqa: F401 (fixtures, skips)


def test_from_announcements_to_quotations_then_cite_one_and_open_its_passage(site, page, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/recherche?q=" + quote("défense collective") + "&personne=rutte")
    page.get_by_role("link", name="Citations").click()
    expect(page).to_have_url(re.compile(r"/citations\?q=d%C3%A9fense\+collective&personne=Mark\+Rutte"))
    expect(page.locator("h1.count")).to_have_text(re.compile(r"^\d+\u00a0citations? pour"))
    quotes = page.locator("li.quote")
    expect(quotes.first.locator("blockquote mark").first).to_have_text(re.compile("défense", re.I))
    expect(quotes.locator(".speaker")).to_have_text([re.compile("^Mark Rutte$")] * quotes.count())
    citation = quotes.first.locator("p.citation").text_content()
    assert re.fullmatch(r"«\u00a0.+\u00a0», a déclaré Mark Rutte, le \d+(er)?\u00a0\w+ 20\d\d — https://\S+", citation)
    quotes.first.get_by_role("button", name="Citer").click()
    expect(quotes.first.locator(".copy-status")).to_have_text("Citation copiée dans le presse-papiers.")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    shot(page, "20-citations")
    quotes.first.locator("figcaption a[href*='#citation-']").click()
    expect(page).to_have_url(re.compile(r"/annonce/[^#]+#citation-1$"))
    expect(page.locator(".quotation:target")).to_have_text(re.compile("^Nous devons continuer"))


def test_the_search_box_of_the_quotations_searches_quotations(site, page):
    page.goto(site + "/citations")
    page.locator("#q").fill("investir")
    page.locator("#q").press("Enter")
    expect(page).to_have_url(re.compile(r"/citations\?q=investir"))
    expect(page.locator("li.quote blockquote mark").first).to_have_text("investir")
    expect(page.locator('nav.views a[aria-current="page"]')).to_have_text("Citations")


def test_from_a_quotation_to_its_speaker_page_then_a_year_of_their_announcements(site, page):
    page.goto(site + "/citations?personne=geoana")
    page.locator("li.quote .speaker a").first.click()
    expect(page.locator("h1#nom")).to_have_text("Mircea Geoană")
    expect(page.locator(".person-quotes blockquote").first).to_be_visible()
    shot(page, "21-personne")
    page.locator("ol.bars a").first.click()
    expect(page).to_have_url(re.compile(r"/recherche\?personne=Mircea\+Geoan%C4%83&du=\d{4}-01-01&au=\d{4}-12-31"))
    expect(page.locator("li.hit").first).to_be_visible()
