"""French typography of what the service writes: typographic apostrophes in labels, no-break
spaces before « ; : ! ? » and inside guillemets in generated text."""

import pytest

from searchsvc import taxonomy
from searchsvc.web import create_app

COUNTRIES = ("CI", "BE", "FR", "UA", "RU", "KP", "TL", "XK", "US")


def test_no_label_has_a_straight_apostrophe():
    labels = [taxonomy.region_label(s) for s in taxonomy.REGIONS] + [taxonomy.topic_label(s) for s in taxonomy.TOPICS]
    labels += [taxonomy.country_label(c) for c in COUNTRIES]
    assert not [label for label in labels if "'" in label]
    assert taxonomy.region_label("europe-occidentale") == "Europe de l’Ouest"
    assert taxonomy.country_label("CI") == "Côte d’Ivoire"


@pytest.fixture()
def client(seed_index):
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True}).test_client()


def test_a_label_with_an_apostrophe_still_selects_its_value_as_typed(client):
    for written in ("Europe de l'Ouest", "Europe de l’Ouest", "europe-occidentale"):
        html = client.get("/recherche", query_string={"region": written}).get_data(as_text=True)
        assert "Europe de l’Ouest" in html and "Europe de l&#39;Ouest" not in html
    assert client.get("/api/search?region=Europe de l'Ouest").get_json()["query"]["filters"] == {
        "region": ["Europe de l'Ouest"]}


def test_generated_notices_and_feed_titles_keep_punctuation_with_its_word(client):
    html = client.get("/recherche?tri=nimporte&du=2024-02-30").get_data(as_text=True)
    assert "Ce tri n’existe pas\u00a0: les résultats" in html
    assert "(format attendu\u00a0: AAAA-MM-JJ)\u00a0; elle est ignorée" in html
    feed = client.get("/api/search.atom?q=otan").get_data(as_text=True)
    assert "<title>Annonces de l’OTAN\u00a0: «\u00a0otan\u00a0»</title>" in feed
    error = client.get("/annonce/inconnue").get_data(as_text=True)
    assert " :" not in error.split("<main")[1] and " ;" not in error.split("<main")[1]
