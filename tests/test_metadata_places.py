"""Countries (ISO alpha-2) and regions: names and variants, cities, adjectives; not names of treaties."""
from pathlib import Path

import pytest

from searchsvc import taxonomy
from searchsvc.metadata import extract_metadata
from searchsvc.metadata.places import find_countries, find_regions_named

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def countries(text: str) -> list[str]:
    return sorted(find_countries(text))


@pytest.mark.parametrize("text, code", [
    ("Tremblements de terre en Türkiye", "TR"),
    ("Nous sommes solidaires de la Turquie.", "TR"),
    ("les entretiens avec la Macédoine du Nord", "MK"),
    ("dans l'ex-République yougoslave de Macédoine¹", "MK"),     # footnote mark glued to the name
    ("en Iraq", "IQ"),
    ("en Irak", "IQ"),
    ("le Bélarus", "BY"),
    ("la Biélorussie", "BY"),
    ("la République de Moldova", "MD"),
    ("au Kosovo", "XK"),
    ("la Fédération de Russie", "RU"),
    ("la République de Corée", "KR"),
    ("les Etats-Unis", "US"),            # capital letter without its accent, as old pages write it
    ("TBILISSI (GÉORGIE) –", "GE"),      # all capitals
])
def test_country_names_and_variants(text, code):
    assert countries(text) == [code]


def test_cities_stand_for_their_country():
    assert countries("s’est jointe au Groupe européen des Cinq (E5) à Cracovie") == ["PL"]
    assert countries("au palais d’Egmont (Bruxelles)") == ["BE"]
    assert countries("une visite de deux jours à Kyïv puis à Moscou") == ["RU", "UA"]


def test_a_venue_of_nato_alone_is_not_its_country():
    assert countries("les ministres de la Défense des pays de l’OTAN se sont réunis à Bruxelles") == []
    assert countries("au SHAPE, à Mons, puis au Commandement allié Transformation, à Norfolk") == []
    assert countries("réunis à Bruxelles, les ministres ont salué la présidence belge") == ["BE"]
    assert countries("à Bruxelles, puis en Belgique orientale") == ["BE"]
    assert countries("à Bruxelles, puis à Anvers") == ["BE"]
    assert find_countries("à Norfolk, puis aux États-Unis et à Bruxelles") == ["US"]


def test_nationality_adjectives_standing_for_a_country():
    assert countries("le premier ministre néerlandais, Mark Rutte") == ["NL"]
    assert countries("la frégate britannique HMS Cornwall et la frégate turque TCG Gediz") == ["GB", "TR"]
    assert countries("des forces spéciales turques et des fusiliers marins espagnols") == ["ES", "TR"]


def test_peoples_languages_and_compounds_are_not_countries():
    assert countries("Les Serbes vivant dans la province craignent les représailles.") == []
    assert countries("un rapport de 24 pages (en anglais)") == []
    assert countries("les Alliés nord-américains et européens") == []
    assert countries("la Fondation luso-américaine pour le développement") == []
    assert countries("les réfugiés d'origine albanaise") == []
    assert countries("les dirigeants serbes de Bosnie") == ["BA"]   # Bosnian Serbs: Bosnia only


def test_places_inside_names_of_treaties_initiatives_and_bodies_do_not_count():
    text = ("conformément à l'article 5 du Traité de Washington, dans le cadre de l'Initiative de "
            "coopération d’Istanbul, avant le sommet de Madrid et après la mise en œuvre des accords "
            "de Minsk, décidée au sommet de Strasbourg-Kehl.")
    assert countries(text) == []


def test_places_where_things_happen_do_count():
    text = ("Les dirigeants se réuniront à Madrid. Le traité a été signé à Washington, et la "
            "réunion s'est tenue à Istanbul.")
    assert countries(text) == ["ES", "TR", "US"]


def test_common_words_are_not_countries():
    assert countries("La réunion a porté sur une grenade à main et sur Maurice Dupont.") == []


def test_person_names_are_not_places():
    meta = extract_metadata("", "La ministre des Armées, Mme Florence Parly, était à Paris.", None)
    assert meta.countries == ("FR",)      # Paris, not the first name Florence (Italy)


@pytest.mark.parametrize("text, slug", [
    ("les derniers faits survenus au Moyen-Orient", "moyen-orient"),
    ("dans la région du Sahel", "afrique-subsaharienne"),
    ("la sécurité en mer Noire", "mer-noire"),
    ("dans les Balkans occidentaux", "balkans-occidentaux"),
    ("sur le flanc est de l'Alliance", "europe-centrale-orientale"),
    ("au large de la Corne de l'Afrique", "afrique-subsaharienne"),
    ("la stabilité dans la région méditerranéenne", "mediterranee"),
    ("entre l'Europe et l'Amérique du Nord", "amerique-du-nord"),
])
def test_regions_named_in_the_text(text, slug):
    assert find_regions_named(text) == [slug]


def test_region_lookalikes_are_not_regions():
    assert find_regions_named("la piraterie dans le Golfe d'Aden") == []
    assert find_regions_named("la coopération avec l'Europe du Sud-Est") == []
    assert find_regions_named("une mission de l'Union africaine en Afrique du Sud") == []


def test_regions_come_from_countries_and_from_the_text():
    meta = extract_metadata("", "Le ministre turc s'est rendu en Pologne pour parler de la mer Noire.", None)
    assert meta.countries == ("PL", "TR")
    assert meta.regions_named == ("mer-noire",)
    assert meta.regions == ("europe-centrale-orientale", "europe-du-sud", "mer-noire")


def test_every_country_of_the_taxonomy_is_recognised_by_its_french_label():
    for region in taxonomy.REGIONS.values():
        for code in region.countries:
            assert find_countries(f"en {taxonomy.country_label(code)}") == [code], code


def test_labels():
    assert taxonomy.country_label("BE") == "Belgique"
    assert taxonomy.country_label("XK") == "Kosovo"
    assert taxonomy.country_label("TR") == "Türkiye"
    assert taxonomy.country_label("RU") == "Russie"
    assert taxonomy.country_label("ZZ") == "ZZ"
    assert taxonomy.region_label("mer-noire") == "Région de la mer Noire"
    assert taxonomy.topic_label("ue") == "Coopération OTAN-UE"
    assert list(taxonomy.TOPICS)[0] == "ukraine"      # file order


SEED_COUNTRIES = {
    "000_e8779f524c90764a.txt": ["TR"],             # the sommet de Washington is a name, not the US
    # ministers « réunis à Bruxelles »: NATO's seat is a venue, not Belgium (issue 12)
    "001_9357988c91d7e8a6.txt": ["CN", "GB", "RU"],
    "002_f00ededd1b5c6a62.txt": ["DE", "FR", "GB", "IT", "PL", "UA"],
    "003_020f54d4096a0fed.txt": ["AM", "AZ", "US", "XK"],
    "004_9d7011adf31f2f35.txt": ["BE", "UA"],
}


@pytest.mark.parametrize("name, expected", sorted(SEED_COUNTRIES.items()))
def test_seed_countries(name, expected):
    seed = SHARED / "seeds" / name
    if not seed.is_file():
        pytest.skip(f"{seed} is absent: the shared seeds live beside the repository (../shared)")
    assert list(extract_metadata("", seed.read_text(encoding="utf-8"), None).countries) == expected
