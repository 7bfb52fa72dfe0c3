"""ACLED's actor conventions that depend on more than one word: two states sharing a force noun, crime's
hallmarks, property that is not a victim, and crowds fighting each other. Sentences written for these tests."""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors, with_country
from incidents.extract.roles import mutual_clash
from incidents.extract.sources import crime_hallmark


def _events(text, published="2023-06-05T09:00:00Z"):
    return [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]


def _names(text, country):
    return [with_country(m, country).name for m in find_actors(text, country)]


# --- one force noun, two states ------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,names", [
    ("the armed forces of Armenia and Azerbaijan traded fire overnight", "Armenia",
     ["Military Forces of Armenia", "Military Forces of Azerbaijan"]),
    ("Sudanese and Ethiopian troops clashed near the border", "Sudan",
     ["Military Forces of Sudan", "Military Forces of Ethiopia"]),
    ("des soldats tchadiens et nigériens ont riposté", "Chad", ["Military Forces of Chad", "Military Forces of Niger"]),
    ("les forces du Bénin et du Togo patrouillent", "Benin", ["Military Forces of Benin", "Military Forces of Togo"]),
])
def test_a_force_noun_shared_by_two_states(text, country, names):
    assert sorted(_names(text, country)) == sorted(names)


def test_a_people_before_and_is_not_a_second_army():
    names = _names("clashes broke out between Kurds and Turkish soldiers", "Turkey")
    assert "Military Forces of Turkey" in names and not any("Military Forces of Iraq" in n for n in names)
    assert not [n for n in names if n.startswith("Military Forces") and n != "Military Forces of Turkey"]


def test_two_states_exchanging_fire_are_both_sides():
    rows = _events("On 2 June 2023, forces of Kyrgyzstan and Tajikistan exchanged fire near Batken, Kyrgyzstan.")
    assert rows and (rows[0]["actor1"], rows[0]["actor2"]) == ("Military Forces of Kyrgyzstan",
                                                               "Military Forces of Tajikistan"), rows


# --- hallmarks of organised crime ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On 3 June 2023, the body of a man was found in Culiacan, Sinaloa, Mexico. His hands were tied and he had been shot.",
    "On 3 June 2023, two men were found dead in Celaya, Guanajuato, Mexico, handcuffed and with a threatening message.",
])
def test_execution_hallmarks_point_to_a_gang(text):
    rows = _events(text)
    assert rows and rows[0]["actor1"] == "Unidentified Gang (Mexico)", rows


@pytest.mark.parametrize("text,hit", [
    ("le corps ligoté d'un homme a été retrouvé", True),
    ("deux têtes humaines ont été découvertes avec un message menaçant", True),
    ("un homme a été retrouvé mort, les mains liées", True),
    ("le corps calciné d'un homme a été découvert au bord de la route", True),
    ("his body was found tied near the highway", True),
    ("a house was burned by the crowd", False),
    ("un homme a été tué par balle devant chez lui", False),
    ("a man was shot dead outside his home", False),
])
def test_crime_hallmarks_en_fr(text, hit):
    assert crime_hallmark(text, None) is hit


def test_hallmarks_do_not_turn_insurgents_into_a_gang():
    rows = _events("On 3 June 2023, insurgents beheaded three villagers near Macomia, Cabo Delgado, Mozambique.")
    assert rows and "Gang" not in (rows[0]["actor1"] or ""), rows
    insurgents = [m for m in find_actors("insurgents beheaded three villagers", "Mozambique") if m.kind == "armed"]
    assert insurgents and not crime_hallmark("insurgents beheaded three villagers", insurgents[0])


def test_plain_gunmen_without_hallmarks_stay_unidentified():
    rows = _events("On 3 June 2023, gunmen killed a shopkeeper in Culiacan, Sinaloa, Mexico.")
    assert rows and rows[0]["actor1"] == "Unidentified Armed Group (Mexico)", rows


# --- property is no victim -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("Government forces shelled civilian houses near Taizz with no casualties reported", "Yemen"),
    ("the army fired sniper shots at residential areas of the town", "Yemen"),
])
def test_property_and_weapons_are_not_actors(text, country):
    names = _names(text, country)
    assert not any(n.startswith(("Civilians", "Unidentified Armed Group")) for n in names), names


def test_civilians_are_still_people():
    assert "Civilians (Yemen)" in _names("the shelling killed two civilians in Taizz", "Yemen")
    assert "Civilians (Afghanistan)" in _names("a grenade injured 20 worshipers at a mosque", "Afghanistan")
    assert "Unidentified Armed Group (Yemen)" in _names("a sniper killed a boy in Taizz", "Yemen")


def test_shelling_houses_without_casualties_has_no_target():
    rows = _events("On 2 June 2023, the army shelled civilian houses and farms in Hays district, Al Hudaydah, "
                   "Yemen. No fatalities or injuries were reported.")
    assert rows and rows[0]["actor2"] is None, rows


# --- crowds fighting each other ------------------------------------------------------------------------

@pytest.mark.parametrize("text,hit", [
    ("two groups of villagers clashed over a water point", True),
    ("a brawl between 2 groups of traders armed with sticks", True),
    ("supporters of the two candidates pelted stones at each other", True),
    ("deux groupes de jeunes se sont affrontés au marché", True),
    ("les habitants se sont battus les uns contre les autres", True),
    ("youths pelted stones at the police", False),
    ("des manifestants ont affronté la police", False),
])
def test_mutual_clash_en_fr(text, hit):
    assert mutual_clash(text) is hit


def test_two_groups_clashing_are_rioters_on_both_sides():
    rows = _events("On 2 June 2023, two groups of traders clashed with each other over market stalls in Kano, "
                   "Nigeria. Four people were injured.")
    assert rows and (rows[0]["actor1"], rows[0]["actor2"]) == ("Rioters (Nigeria)", "Rioters (Nigeria)"), rows


# --- country-bound ordinary names ------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("government forces raided a militant hideout", "Somalia", "Military Forces of Somalia"),
    ("government troops retook the town", "Burkina Faso", "Military Forces of Burkina Faso"),
    ("opposition fighters attacked an army post", "Libya", "Unidentified Armed Group (Libya)"),
    ("government forces shelled the front", "Yemen", "Military Forces of Yemen (2012-)"),
    ("opposition fighters shelled the front", "Syria", "Opposition Rebels (Syria)"),
])
def test_ordinary_names_of_one_countrys_parties_stay_home(text, country, name):
    assert _names(text, country)[0] == name


def test_a_named_arson_group():
    rows = _events("On 3 June 2023, the Children of Fire initiative set fire to a car dealership in Kadikoy, "
                   "Istanbul, Turkey. The arson caused material damage.")
    assert rows and rows[0]["actor1"] == "Children of Fire", rows


# --- bombs: the lone side named was hit ------------------------------------------------------------------

@pytest.mark.parametrize("text,actor1,actor2", [
    ("On 2 June 2023, an army convoy hit a landmine near Mopti, Mali, wounding three soldiers.",
     "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("Le 2 juin 2023, un véhicule de l'armée malienne a sauté sur une mine près de Boni, au Mali, tuant deux soldats.",
     "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("On 2 June 2023, JNIM militants detonated an IED near Boni, Mali. No casualties were reported.",
     "JNIM: Group for Support of Islam and Muslims", None),
])
def test_the_only_side_of_a_bombing(text, actor1, actor2):
    rows = _events(text)
    assert rows and (rows[0]["actor1"], rows[0]["actor2"]) == (actor1, actor2), rows


def test_a_group_claiming_to_have_killed_is_the_claimant():
    from incidents.extract.sources import claimed_by
    text = "An IED hit a police truck. Al Shabaab claimed to have killed four officers."
    assert claimed_by(text, find_actors(text, "Somalia")) == "Al Shabaab"


# --- moves and deployments have no target ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On 2 June 2023, Turkish forces brought military reinforcements to their positions near Idlib, Syria.",
    "Le 2 juin 2023, l'armée a déployé des renforts à Ménaka, au Mali, face aux jihadistes.",
])
def test_reinforcements_have_no_actor2(text):
    rows = [r for r in _events(text) if r["sub_event_type"] == "Change to group/activity"]
    assert rows and rows[0]["actor2"] is None, _events(text)


# --- India's Maoists, counter-protests --------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("police defused two IEDs planted by Maoists near Gaya", "Naxal-Maoist Rebels (India)"),
    ("des naxalites ont incendié un camion près de Dantewada", "Naxal-Maoist Rebels (India)"),
    ("CPI (Maoist) cadres torched three trucks", "CPI (Maoist): Communist Party of India (Maoist)"),
])
def test_maoists_named_or_not(text, name):
    assert name in _names(text, "India")


@pytest.mark.parametrize("text,actor2", [
    (("On 3 June 2023, residents protested from their balconies in Nis, Serbia, against the government. "
      "A counterprotest of some 30 people supporting the government gathered nearby."), "Protesters (Serbia)"),
    (("Le 3 juin 2023, des habitants ont manifesté à Dakar, au Sénégal, contre le gouvernement; une "
      "contre-manifestation s'est tenue à proximité."), "Protesters (Senegal)"),
    ("On 3 June 2023, residents protested in Nis, Serbia, against the government.", None),
])
def test_counter_protesters_are_the_other_side(text, actor2):
    rows = _events(text)
    assert rows and rows[0]["actor2"] == actor2, rows


def test_a_police_station_area_is_no_police_actor():
    assert not any(n.startswith("Police") for n in _names(
        "a mob beat a trader in Rampur village under Kotwali police station area", "India"))
    assert "Police Forces of India" in _names("a mob attacked the Kotwali police station", "India")


@pytest.mark.parametrize("text,country", [
    ("On 2 June 2023, villagers stepped on a landmine near Samlout, Battambang, Cambodia. One was killed.", "Cambodia"),
    ("Le 2 juin 2023, un berger a marché sur une mine près de Gossi, au Mali, et a été tué.", "Mali"),
])
def test_civilians_hit_by_a_mine_are_its_victims(text, country):
    rows = _events(text)
    assert rows and (rows[0]["actor1"], rows[0]["actor2"]) == (f"Unidentified Armed Group ({country})",
                                                               f"Civilians ({country})"), rows
