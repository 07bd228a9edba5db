"""Topics: the main subjects only (1–4 slugs of topics.tsv), best first, from weighted French cues."""
from datetime import date
from pathlib import Path

import pytest

from searchsvc import taxonomy
from searchsvc.metadata import extract_metadata
from searchsvc.metadata.topics import find_topics, is_partner, scores

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def topics(title: str, text: str, when=None) -> list[str]:
    return list(extract_metadata(title, text, when).topics)


def test_piracy_mission_is_an_operation_at_sea():
    title = "Les ministres de la Défense décident de prolonger la mission OTAN de lutte contre la piraterie"
    text = ("Réunis ce mardi, les ministres ont décidé de prolonger l'opération Ocean Shield. Les navires "
            "de l'opération patrouillent au large de la Corne de l’Afrique avec les autres forces navales.")
    assert set(topics(title, text)[:2]) == {"operations", "securite-maritime"}


def test_cyber_exercise():
    title = "Des experts mis à l'épreuve dans le plus important exercice de cyberdéfense de l'OTAN"
    text = ("Quelque 600 spécialistes de la cyberdéfense prennent part à l'exercice Cyber Coalition, "
            "qui met à l'épreuve l'aptitude des Alliés à défendre leurs réseaux face aux cybermenaces.")
    found = topics(title, text)
    assert found[0] == "cyberdefense" and "exercices" in found


def test_innovation_accelerator():
    text = ("L’accélérateur OTAN d’innovation de défense pour l’Atlantique Nord (DIANA) a ouvert ses portes "
            "et soutiendra des startups qui développent des technologies émergentes.")
    assert topics("L’accélérateur d’innovation de l’OTAN est opérationnel", text) == ["innovation"]


def test_a_passing_mention_is_not_a_main_subject():
    text = ("Les ministres ont approuvé le nouveau plan de dissuasion et de défense de l’Alliance, "
            "renforcé la posture de défense collective et examiné la présence avancée sur le flanc est. "
            "Ils ont aussi brièvement évoqué le climat.")
    found = topics("Les ministres renforcent la dissuasion et la défense de l'OTAN", text)
    assert found[0] == "dissuasion-defense"
    assert "climat" not in found


def test_the_title_weighs_more_than_the_body():
    text = "Le Conseil a évoqué le terrorisme et la lutte contre Daech, ainsi que la Russie."
    assert topics("Déclaration sur la Russie", text)[0] == "russie"
    assert topics("Déclaration sur le terrorisme", text)[0] == "terrorisme"


def test_one_to_four_topics_best_first():
    text = ("Au sommet, les chefs d'État et de gouvernement ont parlé de l'Ukraine, de la Russie, de la "
            "Chine, du terrorisme, de la cyberdéfense, de l'espace, du climat, de la sécurité énergétique "
            "et de la mobilité militaire.")
    found = topics("Communiqué du sommet", text)
    assert 1 <= len(found) <= 4
    assert found[0] == "sommets"
    ranked = scores("Communiqué du sommet", text)
    assert [ranked[t] for t in found] == sorted((ranked[t] for t in found), reverse=True)


def test_no_cue_no_topic():
    assert find_topics("", "Bonjour.") == []


def test_partners_depend_on_the_date():
    assert is_partner("FI", date(2014, 2, 3)) and not is_partner("FI", date(2024, 1, 1))
    assert is_partner("JP", date(2017, 1, 5)) and is_partner("JP", None)
    assert not is_partner("FR", date(1995, 1, 1)) and not is_partner("FI", None)
    text = "Le secrétaire général a reçu le ministre des Affaires étrangères pour des entretiens."
    assert "partenariats" in find_topics("", text, ["JP"], date(2017, 1, 5))
    assert "partenariats" not in find_topics("", text, ["FR"], date(2017, 1, 5))


def test_topic_cues_only_name_known_topics():
    from searchsvc.metadata import topics as module
    named = {slug for entries in module._EXACT.values() for slug, _ in entries}
    named |= {slug for entries in module._PREFIX.values() for slug, _ in entries}
    assert named <= set(taxonomy.TOPICS)
    assert set(taxonomy.TOPICS) <= named     # every topic can be found


def test_a_cue_names_its_topic_once():
    # a cue listed on two lines of one topic would weigh their sum (« ONU » 4 + 2 named the UN as
    # the subject of any text mentioning it in passing)
    from searchsvc.metadata import topics as module
    for table in (module._EXACT, module._PREFIX):
        for cue, entries in table.items():
            slugs = [slug for slug, _ in entries]
            assert len(slugs) == len(set(slugs)), cue


SEED_MAIN_TOPIC = {
    "000_e8779f524c90764a.txt": "voisinage-meridional",
    "001_9357988c91d7e8a6.txt": "sommets",
    "002_f00ededd1b5c6a62.txt": "ukraine",
    "003_020f54d4096a0fed.txt": "partenariats",
    "004_9d7011adf31f2f35.txt": "mobilite-militaire",
}


@pytest.mark.parametrize("name, expected", sorted(SEED_MAIN_TOPIC.items()))
def test_seed_main_topic_is_found(name, expected):
    seed = SHARED / "seeds" / name
    if not seed.is_file():
        pytest.skip(f"{seed} is absent: the shared seeds live beside the repository (../shared)")
    found = topics("", seed.read_text(encoding="utf-8"))
    assert expected in found[:2]


# --- Precision (issue 12, item 5): visits are not summits, passing mentions are not subjects ------

def test_a_bilateral_visit_is_not_a_summit():
    title = "Le secrétaire général en visite officielle en Géorgie"
    text = ("Le secrétaire général de l'OTAN s'est rendu en Géorgie ce lundi. Il a rencontré le président et "
            "s'est entretenu avec le premier ministre. Les entretiens ont porté sur les réformes de la défense "
            "et sur la coopération pratique entre l'OTAN et la Géorgie, pays partenaire.")
    assert topics(title, text) == ["partenariats"]


def test_relief_mentioned_in_passing_is_not_military_mobility():
    title = "Les Alliés renforcent leur cyberdéfense"
    text = ("Les Alliés ont approuvé une nouvelle politique de cyberdéfense pour protéger leurs réseaux. "
            + "Les experts nationaux travailleront ensemble au siège de l'Organisation pendant plusieurs mois. " * 8
            + "En marge, le centre de coordination a acheminé des fournitures de secours après des inondations.")
    assert topics(title, text) == ["cyberdefense"]


def test_a_security_council_mandate_is_not_cooperation_with_the_un():
    title = "Déclaration du Conseil de l'Atlantique Nord sur le Kosovo"
    text = ("L'OTAN poursuit l'opération Allied Force au Kosovo. Conformément aux résolutions 1199 et 1203 du "
            "Conseil de sécurité, les forces serbes doivent se retirer du Kosovo. Le Conseil de sécurité a "
            "adopté une nouvelle résolution. La KFOR se déploiera ensuite.")
    found = topics(title, text)
    assert found[0] == "operations" and "onu" not in found


def test_a_visit_preparing_a_summit_is_not_a_summit():
    title = "Le secrétaire général en visite en Norvège"
    text = ("Le secrétaire général de l'OTAN s'est rendu à Oslo ce lundi, où il a rencontré le premier "
            "ministre. Ils ont évoqué la sécurité dans le Grand Nord et la présence navale de l'Alliance en "
            "mer de Norvège. Le secrétaire général a remercié la Norvège pour sa contribution aux opérations "
            "de l'OTAN. Ils ont aussi parlé des préparatifs du sommet de Vilnius, où les dirigeants des pays "
            "de l'OTAN se réuniront en juillet.")
    assert "sommets" not in topics(title, text)
    # the title names the summit: the visit is about it
    assert "sommets" in topics("Le secrétaire général et le premier ministre norvégien préparent le sommet "
                               "de Vilnius", text)


def test_a_summit_in_the_background_is_not_the_event():
    title = "Douze Alliés s'associent pour acquérir des missiles de défense aérienne"
    text = ("En marge du sommet de Madrid, les ministres de la Défense de douze pays de l'OTAN ont signé une "
            "lettre d'intention pour l'achat en commun de missiles sol-air destinés à renforcer leur défense "
            "aérienne. Depuis le sommet de Bruxelles, les Alliés cherchent à combler leurs lacunes.")
    found = topics(title, text)
    assert found[0] == "defense-aerienne" and "sommets" not in found


def test_a_list_of_contributing_partners_is_not_a_partnership():
    title = "Renforts pour la KFOR dans le nord du Kosovo"
    text = ("Des soldats autrichiens, suisses, finlandais, irlandais et suédois ont rejoint les militaires des "
            "pays de l'OTAN pour assurer la liberté de mouvement de la population le long de la ligne "
            "administrative.")
    assert topics(title, text, date(2011, 8, 1)) == ["operations"]


# --- Precision, second round (issue 12): the subjects of a meeting, theatres, institutions' names -----

def test_a_ministerial_communique_keeps_its_subjects():
    title = "Communiqué final de la réunion du Conseil de l'Atlantique Nord en session des ministres de la Défense"
    text = ("Le Conseil de l'Atlantique Nord s'est réuni en session des ministres de la Défense à Bruxelles. "
            "Les ministres de la Défense ont condamné les attentats terroristes et réaffirmé la détermination "
            "de l'Alliance à lutter contre le terrorisme sous toutes ses formes. Les ministres ont examiné le "
            "renforcement de la dissuasion et de la défense collective. La réunion des ministres s'est achevée "
            "par l'adoption du communiqué final par les ministres de la Défense des pays de l'OTAN.")
    found = find_topics(title, text)
    assert found[0] == "sommets" and {"terrorisme", "dissuasion-defense"} <= set(found)
