"""The API reference page (/api/docs) and the « Suivre cette recherche » page, through the real app."""

import re
from html import unescape

import pytest

from searchsvc.web import create_app
from searchsvc.web.openapi import DOCUMENT


@pytest.fixture()
def client(seed_index):
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True,
                       "PUBLIC_URL": "https://annonces.example.org"}).test_client()


def test_the_api_reference_lays_out_every_operation_and_schema_of_the_document(client):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for path, item in DOCUMENT["paths"].items():
        operation = item["get"]
        assert f'id="{operation["operationId"]}"' in html and f"<code>{path}</code>" in html, path
    for name in DOCUMENT["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    assert re.search(r'<a href="#schema-SearchResponse">SearchResponse</a>', html)  # $refs are links
    assert "<code>per_page</code>" in html and "1–100" in html  # limits read from the document
    assert "<code>query.q</code>" in html and "<code>similar[].score</code>" in html  # nested objects too
    assert not re.search(r"<script(?! src=\"/static/)|<style|style=|https?://(?!127\.0\.0\.1|localhost)[^\"<]*\.(js|css)",
                         html)  # our script and stylesheet only


def test_the_footer_links_the_api_reference(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<a href="/api/docs">l’API JSON</a>', html)


def test_the_follow_page_gives_the_feed_url_of_the_same_search(client):
    html = client.get("/suivre?q=otan&theme=ukraine&du=2020&tri=ancien&page=2").get_data(as_text=True)
    url = unescape(re.search(r'<code id="adresse-flux">([^<]+)</code>', html).group(1))
    assert url == "https://annonces.example.org/api/search.atom?q=otan&topic=ukraine&from=2020-01-01"
    feed = client.get(url.removeprefix("https://annonces.example.org"))
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "les annonces contenant «\u00a0otan\u00a0», thème Ukraine, depuis le 1er\u00a0janvier 2020" in text
    assert re.search(r"elle trouve 1\u00a0annonce, la plus récente du \d+", text)
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="https://annonces', html)
    assert '<a href="/recherche?q=otan&amp;theme=ukraine&amp;du=2020-01-01&amp;tri=ancien">← Retour aux résultats</a>' in html


def test_the_follow_page_of_every_announcement(client):
    html = client.get("/suivre").get_data(as_text=True)
    assert "répondent à cette recherche\u00a0: toutes les annonces." in unescape(html)
    assert '<code id="adresse-flux">https://annonces.example.org/api/search.atom</code>' in html
