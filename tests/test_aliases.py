"""The shared alias table (searchsvc/data/aliases.tsv): one test per kind of line, and its format."""
import pytest

from searchsvc import taxonomy
from searchsvc.aliases import TABLE, AliasTable, aliases, name_key


def test_names_compare_without_case_accents_hyphens_or_elided_articles():
    assert name_key("États-Unis") == name_key("etats unis") == "etat uni"
    assert name_key("forces de réaction rapide") == name_key("Force de réaction rapide")
    assert name_key("l'ex-République yougoslave") == name_key("Ex Republique Yougoslave")


@pytest.mark.parametrize("typed, code", [
    ("Turquie", "TR"), ("Türkiye", "TR"), ("turkey", "TR"), ("USA", "US"), ("États-Unis", "US"),
    ("Etats-Unis", "US"), ("etats unis", "US"), ("Amérique", "US"), ("United States", "US"),
    ("Grande-Bretagne", "GB"), ("Royaume-Uni", "GB"), ("UK", "GB"), ("Angleterre", "GB"),
    ("Macédoine du Nord", "MK"), ("ARYM", "MK"), ("ex-République yougoslave de Macédoine", "MK"),
    ("l'ex-République yougoslave de Macédoine", "MK"), ("North Macedonia", "MK"), ("Moldavie", "MD"),
    ("République de Moldova", "MD"), ("Biélorussie", "BY"), ("Bélarus", "BY"), ("Pays-Bas", "NL"),
    ("Hollande", "NL"), ("Russie", "RU"), ("Fédération de Russie", "RU"), ("Germany", "DE"),
    ("Tchéquie", "CZ"), ("République tchèque", "CZ"), ("Corée du Sud", "KR"), ("Kosovo", "XK"),
    ("Irak", "IQ"), ("Iraq", "IQ"), ("Birmanie", "MM"), ("Côte d'Ivoire", "CI"), ("Japon", "JP"),
    ("tr", "TR"), ("Géorgie", "GE"), ("Saint-Siège", "VA"),
])
def test_country_lines_give_every_name_its_code(typed, code):
    assert aliases().country_codes(typed) == (code,)


def test_every_country_label_the_product_shows_is_a_name_of_its_line():
    table = aliases()
    common_words = {"DM", "GD", "MU", "RE", "SB", "CX"}  # Dominique, Grenade, Maurice, Réunion…: left out
    for alias in table.entries:
        if alias.kind == "country" and alias.key not in common_words:
            assert table.country_codes(taxonomy.country_label(alias.key)) == (alias.key,), alias.key


def test_country_names_expand_to_the_old_and_new_names():
    names = aliases().expansions("Turquie")
    assert "Türkiye" in names and "Turkey" in names
    assert "Macédoine du Nord" in aliases().expansions("ARYM")


def test_common_words_are_not_country_names():
    for word in ("réunion", "grenade", "maurice", "dominique", "chad", "un", "ici"):
        assert aliases().country_codes(word) == () and aliases().expansions(word) == (), word


def test_group_lines_stand_for_their_members():
    table = aliases()
    assert set(table.country_codes("pays baltes")) == {"EE", "LV", "LT"}
    assert set(table.country_codes("États baltes")) == {"EE", "LV", "LT"}
    assert {"AL", "RS", "XK", "MK"} <= set(table.country_codes("Balkans occidentaux"))
    assert set(table.country_codes("pays nordiques")) == {"DK", "FI", "IS", "NO", "SE"}
    assert "Baltic states" in table.expansions("pays baltes")


def test_acronym_lines_join_both_languages_and_the_spelled_out_names():
    table = aliases()
    assert "ISAF" in table.expansions("FIAS") and "FIAS" in table.expansions("isaf")
    assert "Union européenne" in table.expansions("UE")
    assert "NATO" in table.expansions("OTAN") and "OTAN" in table.expansions("nato")
    assert "Partenariat pour la paix" in table.expansions("PfP")
    assert "Conseil de partenariat euro-atlantique" in table.expansions("CAEP")
    assert "ONU" in table.expansions("UN")
    assert table.expansions("un") == ()  # the article, not the United Nations
    assert "KFOR" in table.expansions("Force pour le Kosovo")


def test_term_lines_expand_what_journalists_type_to_the_french_wording_only():
    table = aliases()
    assert table.expansions("summit") == ("summit", "sommet")
    assert "défense" in table.expansions("defence")
    assert table.expansions("sommet") == ()  # French stays French: no English added
    assert "maîtrise des armements" in table.expansions("arms control")


def test_spans_take_the_longest_name_in_the_typed_words():
    spans = aliases().spans("élargissement des pays baltes".split())
    assert [(s, e) for s, e, _ in spans] == [(2, 4)]
    spans = aliases().spans("Initiative de coopération d'Istanbul".split())
    assert spans[0][:2] == (0, 4)


def test_the_table_file_is_well_formed():
    table = AliasTable(TABLE.read_text(encoding="utf-8").splitlines())
    assert {a.kind for a in table.entries} == {"country", "group", "acronym", "term"}
    assert sum(a.kind == "country" for a in table.entries) >= 240
    with pytest.raises(ValueError):
        AliasTable(["nation\tFR\tFrance"])


def test_a_longer_name_wins_over_a_country_inside_it():
    spans = aliases().spans("Amérique latine".split())
    assert spans[0][:2] == (0, 2) and "Latin America" in spans[0][2]
    assert "MX" in aliases().country_codes("Amérique latine") and "US" not in aliases().country_codes("Amérique latine")
