"""0.8 rules on sentences written for them: attacks a subject underwent, Brazil's firefights, qualified towns."""
import pytest

from incidents.extract import extract_article
from incidents.geo import locate


def _events(text, published="2024-06-05T09:00:00Z"):
    return [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]


@pytest.mark.parametrize("text,expected", [
    # the subject underwent the attack; its kind may stand between ("complex attack", "heavy mortar fire")
    ("A MINUSMA convoy subjected to complex attack near Tessalit, Mali, on Monday.",
     ("Unidentified Armed Group (Mali)", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali")),
    ("Malian soldiers came under heavy mortar fire in Gao, Mali, on Monday.",
     ("Unidentified Armed Group (Mali)", "Military Forces of Mali")),
    ("Une patrouille de l'armée nigérienne a été la cible d'une attaque lundi près de Tillabéri, au Niger.",
     ("Unidentified Armed Group (Niger)", "Military Forces of Niger")),
])
def test_an_attack_the_subject_underwent(text, expected):
    rows = _events(text)
    assert [(r["actor1"], r["actor2"]) for r in rows] == [expected]


def test_a_passive_needs_its_auxiliary_right_before_the_verb():
    # "were there" is no passive: the soldiers who were there attacked
    rows = _events("On Monday, soldiers who were there attacked a militant camp near Gao, Mali.")
    assert [r["actor1"] for r in rows] == ["Military Forces of Mali"]


@pytest.mark.parametrize("text,expected", [
    # in Brazil, ACLED lists the police first in a firefight with them
    ("On Monday, in Salvador, Bahia, Brazil, armed men exchanged fire with military police forces during a patrol.",
     ("Military Forces of Brazil Military Police", "Unidentified Armed Group (Brazil)")),
    # elsewhere the sentence's own order stands
    ("On Monday, in Culiacan, Sinaloa, Mexico, armed men exchanged fire with state police officers.",
     ("Unidentified Armed Group (Mexico)", "Police Forces of Mexico State Police")),
])
def test_firefights_with_police(text, expected):
    rows = _events(text)
    assert [(r["actor1"], r["actor2"]) for r in rows] == [expected]


def test_a_town_qualified_by_its_region_names_the_country():
    # "Alma" is a Canadian town, but this text is about a neighbourhood of Sao Goncalo, Rio de Janeiro
    text = ("On Monday, in Sao Goncalo, Rio de Janeiro, a shoot-out was reported in the Alma complex in the "
            "Amendoeira neighborhood.")
    assert {p.country for p in locate(text)} == {"Brazil"}


@pytest.mark.parametrize("text,expected", [
    # Yemen's coders list the side that thwarted an attack first
    ("On Monday, pro-Hadi forces thwarted a Houthi attack on the Qaniyah front in Marib, Yemen.",
     ("Military Forces of Yemen (2012-)", "Military Forces of Yemen (2016-) Supreme Political Council")),
    # ... but a side that only responded to fire did not stop an attack: the one that fired first stays actor1
    (("On Monday, Houthi forces fired mortar shells at National Resistance forces in Hays, Yemen. "
      "The National Resistance forces responded to the fire."),
     ("Military Forces of Yemen (2016-) Supreme Political Council", "National Resistance Forces")),
    # elsewhere ACLED codes the initiator first
    ("Afghan soldiers repelled a Taliban attack on a checkpoint in Kandahar, Afghanistan, on Monday.",
     ("Taliban", "Military Forces of Afghanistan")),
])
def test_who_repelled_an_attack(text, expected):
    rows = _events(text)
    assert [(r["actor1"], r["actor2"]) for r in rows][:1] == [expected]


def test_a_bomb_that_went_off_in_its_makers_hands_stays_theirs():
    # no one was hit by the group's own device: its makers are actor1 and there is no actor2
    rows = _events("On Monday, Katiba Macina militants planting a mine were killed by the premature explosion "
                   "near Djenne, Mali.")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("JNIM: Group for Support of Islam and Muslims", None)]


def test_jnim_katibas_are_jnim():
    rows = _events("Lundi, des combattants de la Katiba al-Mansour ont tendu une embuscade à un convoi de "
                   "l'armée malienne près de Gossi, au Mali.")
    assert [r["actor1"] for r in rows] == ["JNIM: Group for Support of Islam and Muslims"]


def test_combatants_taken_in_an_attack_on_their_post_make_a_battle():
    rows = _events("On Monday, gunmen attacked a GATIA checkpoint near Kidal, Mali, abducting two GATIA fighters.")
    assert [(r["actor2"], r["event_type"], r["sub_event_type"]) for r in rows] == [
        ("GATIA: Imghad Tuareg and Allies Self-Defense Group", "Battles", "Armed clash")]
    # civilians taken from a village stay an abduction
    rows = _events("On Monday, gunmen attacked a village near Kidal, Mali, abducting two traders.")
    assert [r["sub_event_type"] for r in rows] == ["Abduction/forced disappearance"]
