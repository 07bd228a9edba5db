"""Snippets over a real index: whole French sentences (never cut at « M. »), never English captions
or link lists, never the same passage twice; markup in the source decoded at ingest (issue 12)."""
import re

from searchsvc.ingest.corpus import announcement_from_text
from searchsvc.search import SearchRequest
from searchsvc.sentences import sentences


def plain(snippet: str) -> str:
    return re.sub(r"</?mark>", "", snippet)


def snippets_for(tiny_index, text: str, q: str) -> list[str]:
    service = tiny_index({"id": "a", "text": text})
    [hit] = service.search(SearchRequest(q=q)).hits
    return [plain(s) for s in hit.snippets]


def test_french_sentences_are_not_split_at_abbreviations():
    text = ("Le secrétaire général s'est entretenu avec le président de la République française, "
            "M. Emmanuel Macron. Mme Shekerinska et MM. Dupont et Durand étaient présents. "
            "Le Dr J. Smith, de l'hôpital St. Luke, a pris la parole. Le Conseil a conclu.")
    assert sentences(text) == [
        "Le secrétaire général s'est entretenu avec le président de la République française, M. Emmanuel Macron.",
        "Mme Shekerinska et MM. Dupont et Durand étaient présents.",
        "Le Dr J. Smith, de l'hôpital St. Luke, a pris la parole.",
        "Le Conseil a conclu."]


def test_a_snippet_never_ends_on_an_honorific(tiny_index):
    text = ("Titre de la page\nLors de sa visite à Paris, le secrétaire général s'est entretenu avec le "
            "président de la République française, M. Emmanuel Macron, de la défense aérienne. "
            "Le Conseil s'est réuni ensuite.")
    [snippet] = snippets_for(tiny_index, text, "Macron")
    assert "M. Emmanuel Macron" in snippet
    long = ("Titre\nLe ministre " + "de la défense et des affaires étrangères " * 5
            + "a rencontré le président du pays hôte, M. Jean Dupont, puis la presse au sujet de la cyberdéfense.")
    for snippet in snippets_for(tiny_index, long, "cyberdefense ministre"):
        assert not re.search(r"\b(?:M|Mme|MM)\.…?$", snippet), snippet


def test_english_captions_and_link_lists_are_never_snippets(tiny_index):
    text = ("Le sommet de Vilnius\n"
            "NATO Secretary General Jens Stoltenberg meets with the Prime Minister of Norway at the summit\n"
            "Le secrétaire général Jens Stoltenberg a ouvert le sommet de Vilnius ce mardi.\n"
            "Discours du secrétaire général Stoltenberg\nCommuniqué du sommet de Vilnius\nPhotos du sommet")
    for snippet in snippets_for(tiny_index, text, "Stoltenberg sommet"):
        assert "meets with" not in snippet and "Photos du sommet" not in snippet, snippet
    # when only a caption matches, the opening of the text is shown instead
    only_caption = "Le sommet de Vilnius\nLes Alliés se sont réunis.\nNATO Secretary General meets the press in Vilnius"
    [snippet] = snippets_for(tiny_index, only_caption, "press")
    assert snippet.startswith("Les Alliés se sont réunis")


def test_a_repeated_paragraph_gives_one_snippet(tiny_index):
    paragraph = "Le Premier ministre arménien, M. Vartan Oskanian, est venu au siège de l’OTAN le 16 juin."
    text = f"L’Arménie présente son plan\n{paragraph}\n{paragraph}\nLes Alliés ont salué ce plan."
    found = snippets_for(tiny_index, text, "Oskanian")
    assert len(found) == len(set(found)) == 1


def test_html_left_in_the_source_is_decoded_at_ingest():
    a = announcement_from_text("Déclaration du Sommet de Prague\n\ndiffusée par les chefs d'Etat &lt;br /&gt;participant "
                               "à la réunion <br />tenue à Prague le 21 novembre 2002 &amp; au-delà.\n"
                               "Nous, chefs d&#39;État et de gouvernement, réaffirmons notre engagement.")
    whole = a.title + "\n" + a.text
    assert "<br" not in whole and "&lt;" not in whole and "&amp;" not in whole and "&#39;" not in whole
    assert "chefs d'Etat participant à la réunion tenue à Prague" in " ".join(whole.split())
    assert "chefs d'État et de gouvernement" in whole


def test_dev_corpus_snippets_are_clean(dev_search):
    # was: 132 of 1995 snippets ending on « M. », 58 English captions, 7 hits repeating a snippet
    from searchsvc.sentences import is_english

    checked = 0
    for q in ["secrétaire général", "président", "ministre de la Défense", "Kosovo", "Afghanistan",
              "Stoltenberg", "Robertson", "sommet", "Rasmussen", "Rutte"]:
        for hit in dev_search(q, per_page=20).hits:
            found = [plain(s) for s in hit.snippets]
            assert len(found) == len(set(found)), (q, hit.announcement.id)
            for snippet in found:
                checked += 1
                assert not re.search(r"\b(?:M|Mme|MM)\.…?$", snippet), snippet
                assert not is_english(snippet), snippet
    assert checked > 100
