"""ACLED coding conventions the extractor imitates (0.5.0 rules), end to end on sentences written for them.

Each sentence names its country so that the tests do not depend on the gazetteer's coverage of small places.
"""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors, with_country
from incidents.extract.fatalities import count_fatalities
from incidents.extract.roles import assign_roles


def _events(text, published="2024-06-05T09:00:00Z"):
    rows = extract_article({"id": "t", "text": text, "published_at": published})
    return [r for r in rows if r["kind"] == "event"]


def _one(text):
    rows = _events(text)
    assert len(rows) == 1, rows
    r = rows[0]
    return r["actor1"], r["actor2"], r["event_type"], r["sub_event_type"]


@pytest.mark.parametrize("text,expected", [
    # arrests are made by state forces, even when the sentence names only the people arrested
    ("Three men were arrested in Nairobi, Kenya, on Monday.",
     ("Police Forces of Kenya", "Civilians (Kenya)", "Strategic developments", "Arrests")),
    ("Deux suspects ont été interpellés lundi à Dakar, au Sénégal.",
     ("Police Forces of Senegal", "Civilians (Senegal)", "Strategic developments", "Arrests")),
    # people "arrested" by a non-state group are abducted
    ("Al Shabaab militants arrested three men in Jilib, Somalia, on Monday.",
     ("Al Shabaab", "Civilians (Somalia)", "Violence against civilians", "Abduction/forced disappearance")),
    # unarmed people who fight the police or beat others are a mob
    ("Market vendors fought with police officers in Addis Ababa, Ethiopia, on Monday.",
     ("Rioters (Ethiopia)", "Police Forces of Ethiopia", "Riots", "Mob violence")),
    ("Workers attacked two supervisors with sticks at a factory in Dhaka, Bangladesh, on Monday.",
     ("Rioters (Bangladesh)", "Civilians (Bangladesh)", "Riots", "Mob violence")),
    ("Lundi, des habitants ont attaqué deux agents de santé à Conakry, en Guinée.",
     ("Rioters (Guinea)", "Civilians (Guinea)", "Riots", "Mob violence")),
    # a violent crowd without a demonstration is mob violence; with one, a violent demonstration
    ("A crowd pelted stones at police in Rourkela, India, on Monday.",
     ("Rioters (India)", "Police Forces of India", "Riots", "Mob violence")),
    ("On Monday, prisoners demonstrated and set fire to mattresses in a prison in Freetown, Sierra Leone.",
     ("Rioters (Sierra Leone)", None, "Riots", "Violent demonstration")),
    # seizures of drugs and contraband: property seized from smugglers
    ("Federal police seized two tons of cocaine in Santos, Brazil, on Monday.",
     ("Police Forces of Brazil Federal Police", "Unidentified Gang (Brazil)", "Strategic developments",
      "Looting/property destruction")),
    ("Lundi, la douane a saisi deux tonnes de cannabis à Dakar, au Sénégal.",
     ("Police Forces of Senegal", "Unidentified Gang (Senegal)", "Strategic developments",
      "Looting/property destruction")),
    # the attacker is actor1 even when the sentence is about the side that repelled it
    ("Afghan soldiers repelled a Taliban attack on a checkpoint in Kandahar, Afghanistan, on Monday.",
     ("Taliban", "Military Forces of Afghanistan", "Battles", "Armed clash")),
    # a defused bomb beside a firefight is not remote violence
    ("Soldiers killed two militants and defused an IED near Gao, Mali, on Monday.",
     ("Military Forces of Mali", "Unidentified Armed Group (Mali)", "Battles", "Armed clash")),
    ("Soldiers defused an IED on the road near Gao, Mali, on Monday.",
     ("Military Forces of Mali", "Unidentified Armed Group (Mali)", "Strategic developments",
      "Disrupted weapons use")),
])
def test_conventions(text, expected):
    assert _one(text) == expected


def test_unarmed_rule_does_not_apply_to_firearms_or_armed_groups():
    _, _, event_type, _ = _one("Residents exchanged fire with police in Kingston, Jamaica, on Monday.")
    assert event_type == "Battles"
    assert _one("Gunmen attacked villagers in Zamfara, Nigeria, on Monday.")[2:] == \
        ("Violence against civilians", "Attack")


def test_french_defensive_verb():
    a1, a2, *_ = _one("Lundi, les soldats maliens ont repoussé une attaque du JNIM près de Gao, au Mali.")
    assert (a1, a2) == ("JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali")


def test_a_late_passive_clause_does_not_override_the_leading_agent():
    text = "French forces killed six ISGS militants and recovered weapons seized by the militants."
    a1, a2, _ = assign_roles(text, find_actors(text, "Mali"))
    assert (a1.name, a2.name) == ("Military Forces of France", "Islamic State (Greater Sahara)")


def test_agent_named_before_the_incident_sentences():
    rows = _events("Soldiers of the Algerian army were deployed at the Tindouf camps in Algeria on Monday. "
                   "According to the report, three refugees were shot dead.")
    assert [(r["actor1"], r["actor2"], r["fatalities"]) for r in rows] == \
        [("Military Forces of Algeria", "Civilians (Algeria)", 3)]


def test_country_from_nationality_words_and_none_without_any():
    rows = _events("Dozens of Venezuelan migrants protested outside a shelter on Monday, demanding food.")
    assert [(r["country"], r["actor1"]) for r in rows] == [("Venezuela", "Protesters (Venezuela)")]
    assert _events("Gunmen killed two men on Monday.") == []  # no country anywhere: nothing is emitted


def test_ordinary_word_force_alias_follows_the_incident_country():
    gendarmerie = find_actors("the Gendarmerie post")[0]  # resolved without a story country
    assert with_country(gendarmerie, "Senegal").name == "Police Forces of Senegal"
    fama = find_actors("FAMa soldiers")[0]
    assert with_country(fama, "Burkina Faso").name == "Military Forces of Mali"  # a proper name stays


@pytest.mark.parametrize("text,value", [
    ("9 traders, most of whom were from the Bozo community, were killed by militants.", 9),
    ("10 Dozo hunters (Bambara) were killed and 13 wounded.", 10),
    ("Twenty jihadists were neutralised.", 20),
    ("Vingt terroristes ont été neutralisés.", 20),
    ("A former communal councillor from the village named Oumar was murdered in Koro.", 1),
    ("A man from Harasta died under torture.", 1),
    ("The clashes resulted in the death of the local.", 1),
    ("The fighting left one death.", 1),
    ("Militants shot and killed MOC commander Saloum in Timbuktu.", 1),
    ("Four soldiers, officials said, were wounded.", 0),
])
def test_fatality_phrases(text, value):
    assert count_fatalities(text).value == value


def test_off_duty_security_personnel_are_civilians():
    assert _one("On Tuesday, Al Shabaab militants shot and killed an off-duty police officer in Mogadishu, Somalia.") == \
        ("Al Shabaab", "Civilians (Somalia)", "Violence against civilians", "Attack")
    assert _one("On Tuesday, Al Shabaab militants attacked a police post in Mogadishu, Somalia, killing two officers.") \
        == ("Al Shabaab", "Police Forces of Somalia", "Battles", "Armed clash")
    assert _one("Mardi, des hommes armés ont tué un policier à son domicile à Niamey, au Niger.")[2:] == \
        ("Violence against civilians", "Attack")


def test_claim_in_a_following_sentence_names_the_perpetrator():
    a1, a2, *_ = _one("On Monday, six Malian soldiers were killed by an IED near Dioura, Mali. "
                      "JNIM claimed responsibility.")
    assert (a1, a2) == ("JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali")
    a1, *_ = _one("Lundi, six soldats maliens ont été tués par un engin explosif près de Dioura, au Mali. "
                  "L'attaque a été revendiquée par le JNIM.")
    assert a1 == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize("text,country,name", [
    ("Islamic militants attacked the village", "Mozambique", "Islamist Militia (Mozambique)"),
    ("IS snipers shot a police officer", "Iraq", "Islamic State (Iraq)"),
])
def test_islamist_generic_and_is_aliases(text, country, name):
    assert find_actors(text, country)[0].name == name


@pytest.mark.parametrize("text,expected", [
    ("On Tuesday, rioters damaged the facade of a bank in Tripoli, Lebanon.",
     ("Rioters (Lebanon)", "Civilians (Lebanon)", "Riots", "Violent demonstration")),
    ("On Tuesday, about 30 demonstrators broke into a hospital in Ecatepec, Mexico, and attacked workers.",
     ("Rioters (Mexico)", "Civilians (Mexico)", "Riots", "Violent demonstration")),
    ("Mardi, des manifestants ont attaqué des agents de santé à Conakry, en Guinée.",
     ("Rioters (Guinea)", "Civilians (Guinea)", "Riots", "Violent demonstration")),
    ("On Tuesday, rioters clashed with police in Tripoli, Lebanon.",
     ("Rioters (Lebanon)", "Police Forces of Lebanon", "Riots", "Violent demonstration")),
])
def test_violent_crowds_and_their_targets(text, expected):
    assert _one(text) == expected


def test_an_ordinary_force_word_implies_no_country():
    # "gendarmerie" is listed for Turkey and Mali; alone it must not place an article in either
    assert _events("Residents ransacked the gendarmerie and burned two vehicles on Monday.") == []
    rows = _events("Residents ransacked the gendarmerie in Kayes, Mali, on Monday.")
    assert [(r["country"], r["actor2"]) for r in rows] == [("Mali", "Police Forces of Mali Gendarmerie")]


@pytest.mark.parametrize("text,expected", [
    # casualties among an armed party make it a clash, not an attack on civilians
    ("On Monday, armed men shot dead a mayor in Zacapa, Guatemala. Two police officers were also killed.",
     ("Unidentified Armed Group (Guatemala)", "Police Forces of Guatemala", "Battles", "Armed clash")),
    ("On Monday, Taliban fighters attacked a checkpoint in Farah, Afghanistan, and 12 Taliban militants were killed.",
     ("Taliban", "Unidentified Armed Group (Afghanistan)", "Battles", "Armed clash")),
    # ... unless the attack targeted a civilian place
    ("Lundi, des hommes armés ont attaqué un village près de Gao, au Mali ; deux assaillants ont été tués.",
     ("Unidentified Armed Group (Mali)", "Civilians (Mali)", "Violence against civilians", "Attack")),
    # "gunmen killed three villagers" stays an attack on civilians
    ("On Monday, gunmen killed three villagers near Gao, Mali.",
     ("Unidentified Armed Group (Mali)", "Civilians (Mali)", "Violence against civilians", "Attack")),
    # a headline-style target ("army convoy ambushed") survives the toll sentence after it
    ("Malian army convoy ambushed near Menaka, Mali, on Monday. Provisional toll: 4 Malian soldiers killed.",
     ("Unidentified Armed Group (Mali)", "Military Forces of Mali", "Battles", "Armed clash")),
])
def test_armed_casualties_and_headline_targets(text, expected):
    assert _one(text) == expected
