"""Actor attribution on wire-style articles: escorts, speakers, background attributions, claims and denials.
Every sentence here was written for these tests."""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors, with_country
from incidents.extract.roles import assign_roles, associates
from incidents.extract.sources import claimed_by, suspected_by

JNIM = "JNIM: Group for Support of Islam and Muslims"


def _mentions(text, country):
    return [with_country(m, country) for m in find_actors(text, country)]


def _roles(text, country):
    a1, a2, _ = assign_roles(text, _mentions(text, country))
    return (a1.name if a1 else None), (a2.name if a2 else None)


def _suspect(text, country):
    s = suspected_by(text, _mentions(text, country))
    return s.name if s else None


def _claim(text, country):
    return claimed_by(text, _mentions(text, country))


def _events(text, published, lang="en"):
    rows = extract_article({"id": "t", "text": text, "published_at": published, "language": lang})
    return [r for r in rows if r["kind"] == "event"]


# --- a by-phrase of a non-violent verb names no perpetrator ------------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("Seven travellers died when a lorry escorted by the army hit a landmine north of Dori.", "Burkina Faso"),
    ("Five passengers were killed when a minibus travelling in a convoy guarded by soldiers struck a mine.", "Mali"),
    ("Quatre civils ont été tués samedi lorsqu'un camion escorté par l'armée a sauté sur une mine près de Dori.",
     "Burkina Faso"),
])
def test_escort_is_not_the_perpetrator(text, country):
    a1, _ = _roles(text, country)
    assert a1 is None or not a1.startswith("Military Forces")


@pytest.mark.parametrize("text,country,agent", [
    ("Three herders were shot dead by soldiers near the well on Monday.", "Mali", "Military Forces of Mali"),
    ("Une vingtaine de villageois ont été exécutés jeudi dans le hameau, par des soldats maliens.", "Mali",
     "Military Forces of Mali"),
])
def test_a_violent_verb_keeps_its_by_agent(text, country, agent):
    assert _roles(text, country)[0] == agent


def test_escorted_convoy_hit_by_ied_is_an_unidentified_group_article():
    text = ("OUAGADOUGOU, June 9 (Wire) - Seven people were killed on Sunday when a truck in a convoy escorted by the "
            "army struck an improvised explosive device near Dori, in Burkina Faso, a security source said.")
    ev = _events(text, "2025-06-09T12:00:00Z")
    assert ev and ev[0]["actor1"] == "Unidentified Armed Group (Burkina Faso)"


# --- the speaker of a passive toll is not its agent ----------------------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("Three soldiers were killed in the fighting near Gao, the army said in a statement on Tuesday.", "Mali"),
    ("Trois soldats ont été tués lors des combats près de Gao, a indiqué l'armée malienne.", "Mali"),
])
def test_the_army_that_reports_is_not_the_agent(text, country):
    a1, a2 = _roles(text, country)
    assert a1 is None and a2 == "Military Forces of Mali"


# --- coordinated victims and civilian auxiliaries -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two policemen and three members of the Volunteers for the Defence of the Homeland (VDP), a civilian auxiliary "
    "force, were killed in the clashes.",
    "Deux gendarmes et trois membres des VDP, des supplétifs civils de l'armée, ont été tués dans les combats.",
])
def test_armed_victims_listed_first_and_auxiliaries_are_not_civilians(text):
    ms = _mentions(text, "Burkina Faso")
    assert not any(m.kind == "civilians" for m in ms)
    assert _roles(text, "Burkina Faso")[1] == "Police Forces of Burkina Faso"


def test_a_compound_noun_is_not_a_list_of_victims():
    # "a bandit leader" is one person; the victim is the leader, not a gang
    _, a2 = _roles("A villager and a bandit leader were killed during a police raid in the town.", "Nigeria")
    assert a2 == "Civilians (Nigeria)"


# --- suspected perpetrators of this incident, not of the area's war -------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("Residents said the attackers came from the border and were believed to belong to JNIM.", "Burkina Faso", JNIM),
    ("L'attaque n'a pas été revendiquée. Des habitants l'attribuent au JNIM.", "Mali", JNIM),
    ("The mine was most likely laid by JNIM militants.", "Mali", JNIM),
])
def test_suspected_perpetrator(text, country, name):
    assert _suspect(text, country) == name


@pytest.mark.parametrize("text,country", [
    ("No group has claimed it. The province is the scene of regular attacks attributed to JNIM.", "Burkina Faso"),
    ("Aucune revendication n'a été publiée. La zone est le théâtre d'attaques fréquentes attribuées à l'EIGS.", "Niger"),
    ("Attacks blamed on Boko Haram have killed thousands in the northeast since 2009.", "Nigeria"),
    ("The government accused Ansarul Islam of the massacre. The group denied any involvement on Friday.", "Burkina Faso"),
    ("Le gouvernement a accusé le JNIM de l'attaque. Le groupe a démenti toute implication.", "Mali"),
])
def test_background_or_denied_attribution_is_no_suspect(text, country):
    assert _suspect(text, country) is None


# --- claims: this incident's, in any wording; not a past one -------------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("Islamic State Sahel Province claimed the ambush on Tuesday through its news agency.", "Niger",
     "Islamic State (Greater Sahara)"),
    ("Al Shabaab claimed Saturday's bombing in a statement.", "Somalia", "Al Shabaab"),
])
def test_claim_of_the_ambush_or_bombing(text, country, name):
    assert _claim(text, country) == name


@pytest.mark.parametrize("text,country", [
    ("JNIM, which had claimed the attack on a base in the north last month, is active in the area.", "Mali"),
    ("Le JNIM, qui avait revendiqué le mois dernier l'attaque d'un camp militaire, est actif dans la zone.", "Mali"),
])
def test_a_past_claim_in_a_relative_clause_is_not_this_claim(text, country):
    assert _claim(text, country) is None


# --- the side that started it ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("The army said it killed 30 terrorists who had attacked its base in Tessalit.", "Mali"),
    ("L'armée malienne a neutralisé une trentaine de terroristes qui avaient attaqué dimanche son camp de Tessalit.",
     "Mali"),
])
def test_attackers_of_the_army_post_are_actor1(text, country):
    assert _roles(text, country) == ("Unidentified Armed Group (Mali)", "Military Forces of Mali")


def test_french_ambush_with_background_attribution_article():
    text = ("OUAGADOUGOU, 6 juin (Wire) - Neuf gendarmes ont été tués mercredi dans une embuscade tendue par des hommes "
            "armés près de Diapaga, dans l'est du Burkina Faso, a-t-on appris de sources sécuritaires.\n\n"
            "Aucune revendication n'avait été publiée jeudi. Cette zone frontalière est le théâtre d'attaques "
            "régulières attribuées au JNIM.")
    ev = _events(text, "2025-06-06T12:00:00Z", "fr")
    assert ev and ev[0]["actor1"] == "Unidentified Armed Group (Burkina Faso)"


# --- associated actors ----------------------------------------------------------------------------------------------

def _assoc(text, country):
    ms = _mentions(text, country)
    a1, a2, _ = assign_roles(text, ms)
    return associates(text, a1, a2, ms, country), associates(text, a2, a1, ms, country)


@pytest.mark.parametrize("text,country,expected", [
    ("Malian soldiers accompanied by Russian mercenaries executed about 20 Fulani civilians near Djenne.", "Mali",
     ("Wagner Group", "Fulani Ethnic Group (Mali)")),
    ("Des soldats maliens et leurs partenaires russes ont tué une vingtaine de civils peuls près de Djenné.", "Mali",
     ("Wagner Group", "Fulani Ethnic Group (Mali)")),
    ("Two policemen and three members of the VDP were killed by gunmen near Kaya.", "Burkina Faso",
     (None, "VDP: Volunteers for the Defense of the Homeland")),
    # a helper phrase helps the sentence's subject, not the attackers it killed
    ("L'armée malienne a neutralisé des terroristes qui avaient attaqué son camp, avec l'appui de ses partenaires "
     "russes.", "Mali", (None, "Wagner Group")),
    # the sides of a clash are not each other's associates
    ("Clashes between JNIM and ISGS fighters and the army left 20 dead near Menaka.", "Mali", (None, None)),
])
def test_associated_actors(text, country, expected):
    assert _assoc(text, country) == expected


def test_associated_actors_in_an_article():
    text = ("BAMAKO, June 8 (Wire) - Malian troops backed by Russian paramilitaries killed at least 15 Fulani herders "
            "in the village of Dogo, in central Mali, on Saturday, residents said.")
    ev = _events(text, "2025-06-08T12:00:00Z")
    assert ev and (ev[0]["assoc_actor_1"], ev[0]["assoc_actor_2"]) == ("Wagner Group", "Fulani Ethnic Group (Mali)")
