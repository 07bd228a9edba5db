"""The twenty French matching failures of ../shared/analysis-cases.md, each through the real index,
highlighter and facets. The test name gives the case number."""

import collections

import pytest

from searchsvc.analysis import exact_terms
from searchsvc.search import RequestError, SearchRequest
from searchsvc.search.request import MAX_RESULT_WINDOW


def found(service, q, **kwargs):
    return [hit.announcement.id for hit in service.search(SearchRequest(q=q, **kwargs)).hits]


def marked(service, q):
    result = service.search(SearchRequest(q=q))
    return " ".join(s for hit in result.hits for s in [hit.title_html, *hit.snippets])


@pytest.fixture()
def words(tiny_index):
    return tiny_index(
        ("avocat-typo", "Audience\nSelon l’avocat de la défense, la séance est levée."),
        ("avocat-droit", "Procès\nSelon l'avocat de la partie civile, rien n’est joué."),
        ("opoponax", "Lecture\nL'Opoponax est un roman paru en 1964."),
        ("harmonie", "Musique\nLe concert célèbre l'harmonie des peuples alliés."),
        ("celles", "Village\nLe village de Cellès accueille les délégués."),
        ("evenement", "Agenda\nUn évènement majeur se tiendra à Vilnius."),
        ("addon", "Logiciel\nUn Addôn de sécurité a été publié."),
        ("coelacanthe", "Science\nLe Cœlacanthe, la manœuvre, le cœur et la sœur de l’œuvre."),
        ("chat", "Animaux\nUn chat noir traverse la place."),
        ("chatiment", "Justice\nLe châtiment des coupables est exemplaire."),
        ("echappees", "Cyclisme\nLes échappées du peloton ont été reprises."),
        ("articles", "Presse\nLes articles du traité sont clairs."),
        ("chargeant", "Logistique\nEn chargeant les camions, ils ne perdent pas de temps."),
        ("francais", "Politique\nLe gouvernement français soutient la mission."),
        ("otan-debut", "Déclaration\nL’OTAN est prête à défendre chaque pouce du territoire allié."),
    )


@pytest.mark.parametrize("q", ["avocat", "Avocat", "AVOCAT"])
def test_01_word_after_typographic_or_straight_apostrophe_is_marked_whole(words, q):
    html = marked(words, q)
    assert "l’<mark>avocat</mark>" in html and "l'<mark>avocat</mark>" in html
    assert "<mark>l’" not in html and "<mark>l'" not in html


def test_02_elision_before_apostrophe_removal_any_case(words):
    assert found(words, "Opoponax") == ["opoponax"]
    assert found(words, "opoponax") == ["opoponax"]


def test_03_elision_survives(words):
    assert found(words, "harmonie") == ["harmonie"]


def test_04_queries_with_apostrophes_are_normalised_like_documents(words):
    plain = found(words, "OTAN")
    assert plain == ["otan-debut"]
    for q in ("l’OTAN", "l'OTAN", "L’OTAN", "L'otan"):
        assert found(words, q) == plain, q


@pytest.mark.parametrize("q", ["Cellès", "Cellés", "celles", "CELLES"])
def test_05_accents_folded_both_sides(words, q):
    assert "celles" in found(words, q)


@pytest.mark.parametrize("q", ["évènement", "événement", "évènements", "evenement"])
def test_06_both_spellings_and_plural(words, q):
    assert found(words, q) == ["evenement"]


def test_07_folding_is_its_own_step(words):
    assert found(words, "addon") == ["addon"]


@pytest.mark.parametrize("q", ["coelacanthe", "Cœlacanthe", "manoeuvre", "coeur", "soeur", "oeuvre"])
def test_09_ligatures(words, q):
    assert found(words, q) == ["coelacanthe"]


def test_10_no_stem_collision_after_folding(words):
    assert found(words, "chat") == ["chat"]
    assert found(words, "châtiment") == ["chatiment"]
    assert found(words, "chatiment") == ["chatiment"]


@pytest.mark.parametrize("q", ["échappées", "echappees", "échappée", "ÉCHAPPÉES"])
def test_11_index_and_query_take_the_same_path(words, q):
    assert found(words, q) == ["echappees"]


def test_12_snippets_mark_the_word_not_the_stem(words):
    html = marked(words, "article")
    assert "<mark>articles</mark>" in html and "<mark>articl</mark>" not in html


def test_13_highlighter_uses_the_same_analysis_and_never_marks_stop_words(words):
    html = marked(words, "ne chargeant")
    assert "<mark>chargeant</mark>" in html
    assert "<mark>ne</mark>" not in html and "<mark>" + "pas" not in html


def test_14_did_you_mean_comes_from_the_unstemmed_field(tiny_index):
    service = tiny_index(*[(f"n{i}", f"Négociations\nLes négociations de paix reprennent, tour {i}.") for i in range(3)])
    result = service.search(SearchRequest(q="negociasions"))
    assert result.total == 0
    assert result.suggestion == "negociations"  # a real word of the texts, folded, not the stem "negoci"
    assert result.suggestion in exact_terms("Les négociations")


def test_08_15_16_person_facet_folds_accents_and_counts_exactly_and_disjunctively(tiny_index):
    people = ["Bertrand Néron", "Jens Stoltenberg", "Radmila Shekerinska"]
    docs, expected = [], collections.Counter()
    for i in range(24):
        named = [p for j, p in enumerate(people) if (i >> j) & 1]
        for p in named:
            expected[p] += 1
        sentence = " ".join(f"Le ministre français de la Défense, {p}, a pris la parole." for p in named)
        docs.append((f"d{i:02d}", f"Réunion numéro {i}\nRéunion du Conseil. {sentence}"))
    service = tiny_index(*docs)

    everything = service.search(SearchRequest(q="réunion"))
    counts = {v.value: v.count for v in everything.facets["person"].values}
    assert counts == dict(expected)  # 15: exact counts

    for written in ("Bertrand Neron", "bertrand néron", "BERTRAND NERON"):  # 8: accents folded
        result = service.search(SearchRequest(q="réunion", person=(written,), per_page=50))
        assert result.total == expected["Bertrand Néron"]
        in_query = found(service, f'réunion personne:"{written}"', per_page=50)
        assert set(in_query) == {h.announcement.id for h in result.hits}

    one = service.search(SearchRequest(q="réunion", person=("Jens Stoltenberg",)))
    listed = {v.value: (v.count, v.selected) for v in one.facets["person"].values}
    assert listed["Jens Stoltenberg"] == (expected["Jens Stoltenberg"], True)
    assert listed["Bertrand Néron"][0] == expected["Bertrand Néron"]  # 16: other choices keep their counts
    both = service.search(SearchRequest(q="réunion", person=("Jens Stoltenberg", "Bertrand Néron")))
    either = sum(1 for i in range(24) if i & 0b011)
    assert both.total == either  # OR within a facet


def test_17_total_and_pages_agree_and_the_cap_is_stated(tiny_index):
    service = tiny_index(*[(f"p{i:02d}", f"Patrouille {i}\nPatrouille aérienne numéro {i}.") for i in range(23)])
    pages = [found(service, "patrouille", page=p, per_page=10) for p in (1, 2, 3)]
    assert sum(map(len, pages)) == service.search(SearchRequest(q="patrouille")).total == 23
    with pytest.raises(RequestError, match=f"{MAX_RESULT_WINDOW:,}"):
        SearchRequest(q="patrouille", page=MAX_RESULT_WINDOW // 10 + 1, per_page=10)


def test_18_only_our_marks_are_markup(tiny_index):
    service = tiny_index(("xss", "<img src=x onerror=alert(1)> Alerte\n<script>alert('otan')</script> "
                                 "l’OTAN <b>alerte</b> & “citation”."))
    hit = service.search(SearchRequest(q="alerte otan")).hits[0]
    html = hit.title_html + " ".join(hit.snippets)
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped.replace("&gt;", "")
    assert "&lt;script&gt;" in html and "&amp;" in html


@pytest.mark.parametrize("q", ["française", "francaise", "français", "francais"])
def test_19_what_journalists_expect(words, q):
    assert found(words, q) == ["francais"]


def test_20_elision_at_sentence_start(words):
    assert found(words, "otan") == ["otan-debut"]
    assert "L’<mark>OTAN</mark>" in marked(words, "otan")
