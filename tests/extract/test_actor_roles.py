"""Who acted on whom, and what ACLED calls them: sentences written for these rules (English and French).

Each sentence names its country so that the tests do not depend on the gazetteer's coverage of small places.
"""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors, with_country
from incidents.extract.roles import assign_roles
from incidents.extract.sources import suspected_by


def _roles(text, country):
    a1, a2, _ = assign_roles(text, [with_country(m, country) for m in find_actors(text, country)])
    return (a1.name if a1 else None, a2.name if a2 else None)


def _events(text, published="2024-06-05T09:00:00Z"):
    return [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]


def _names(text, country=None):
    return [m.name for m in find_actors(text, country)]


# --- role assignment -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,expected", [
    # a victim participle without an auxiliary is a passive: the force named before it was hit
    ("Eleven VDP killed in an ambush near Djibo on Sunday.", "Burkina Faso",
     (None, "VDP: Volunteers for the Defense of the Homeland")),
    ("Onze VDP tués dans une embuscade près de Djibo dimanche.", "Burkina Faso",
     (None, "VDP: Volunteers for the Defense of the Homeland")),
    ("Four soldiers wounded near Gao when gunmen opened fire on their patrol.", "Mali",
     ("Unidentified Armed Group (Mali)", "Military Forces of Mali")),
    # ... while the same verb with an object stays active
    ("Gunmen killed five villagers near Gao.", "Mali", ("Unidentified Armed Group (Mali)", "Civilians (Mali)")),
    ("Militiamen shot dead four herders in Koro.", "Mali", ("Unidentified Armed Group (Mali)", "Civilians (Mali)")),
    ("Two soldiers and a civilian killed near Boni on Friday.", "Mali", (None, "Military Forces of Mali")),
    # a by-phrase that modifies the weapon or the object does not name the agent of the main verb
    ("An IED planted by the Taliban destroyed an army truck in Helmand.", "Afghanistan",
     ("Taliban", "Military Forces of Afghanistan")),
    ("Haftar forces shot down a drone operated by the GNA near Tripoli.", "Libya",
     ("Military Forces of Libya (2014-) Haftar Faction", "Military Forces of Libya (2016-) Government of National Accord")),
    # a bare passive whose agent comes later in the sentence
    ("An army post ambushed overnight near Mopti, presumably by JNIM militants.", "Mali",
     ("JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali")),
    # "X and Y <verb> Z": one side acting on a target, unless the verb is reciprocal
    ("Turkish troops and Syrian National Army factions shelled SDF positions near Tal Tamer.", "Syria",
     ("Military Forces of Turkey", "QSD: Syrian Democratic Forces")),
    ("The army and ISWAP fighters clashed near Monguno.", "Nigeria",
     ("Military Forces of Nigeria", "Islamic State (West Africa)")),
    ("L'armée et des combattants de l'EIGS se sont affrontés près de Ménaka.", "Mali",
     ("Military Forces of Mali", "Islamic State (Greater Sahara)")),
    # helpers ("along with", "backed by") are not the agent
    ("Mozambican troops, backed by helicopters of the Dyck Advisory Group, attacked insurgents near Macomia.",
     "Mozambique", ("Military Forces of Mozambique", "Unidentified Armed Group (Mozambique)")),
    ("Les soldats nigériens, appuyés par des drones français, ont attaqué des terroristes près de Tillabéri.", "Niger",
     ("Military Forces of Niger", "Unidentified Armed Group (Niger)")),
    # the umbrella an armed group fights under
    ("Opposition fighters under OPS looted farms near Ras al-Ain.", "Syria", ("Operation Peace Spring", None)),
    # a device that went off in its makers' hands
    ("Two Taliban fighters were killed when the mine they were planting exploded prematurely in Wardak.",
     "Afghanistan", ("Taliban", None)),
    ("Deux jihadistes de l'EIGS ont été tués lorsque leur engin a explosé prématurément près de Ménaka.", "Mali",
     ("Islamic State (Greater Sahara)", None)),
    # "IS" before a verb is the group, not the auxiliary "is"
    ("Unknown gunmen, presumably IS, opened fire on an SDF vehicle near Baghuz.", "Syria",
     ("Islamic State (Syria)", "QSD: Syrian Democratic Forces")),
])
def test_roles(text, country, expected):
    assert _roles(text, country) == expected


# --- actor names -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("IS militants attacked the checkpoint", "Iraq", "Islamic State (Iraq)"),
    ("the army repelled an IS attack", "Syria", "Islamic State (Syria)"),
    ("a Taliban-planted mine exploded", "Afghanistan", "Taliban"),
    ("unidentified warplanes struck a depot", "Libya", "Unidentified Military Forces"),
    ("des avions non identifiés ont bombardé un dépôt", "Libya", "Unidentified Military Forces"),
    ("robbers shot a security guard", "Peru", "Private Security Forces (Peru)"),
    ("un vigile a été blessé par des braqueurs", "Senegal", "Private Security Forces (Senegal)"),
    ("gunmen fired at a regime checkpoint", "Syria", "Military Forces of Syria"),
    ("the regime's air force intelligence", "Syria", "Military Forces of Syria"),
    ("Saudi forces fired artillery at villages", "Yemen", "Operation Restoring Hope"),
    ("Saudi forces intercepted a drone", "Saudi Arabia", "Military Forces of Saudi Arabia"),
    ("Puntland Dervish forces raided a base", "Somalia", "Military Forces of Somalia"),
    ("presumed Katiba Salaheddine militants", "Mali", "Islamic State (Greater Sahara)"),
    ("Ahrar al-Sham fighters", "Syria", "AAS: Ahrar al Sham"),
    ("the Levant Front and the Hamza Division", "Syria", "JaS: Levant Front"),
    ("Raia Mutomboki militiamen looted houses", "Democratic Republic of Congo", "Mayi Mayi Militia (Raia Mutomboki)"),
    ("NAS rebels attacked a barracks", "South Sudan", "NAS: National Salvation Front"),
    ("l'Alliance pour le salut du Sahel a revendiqué", "Mali", "Alliance for the Salvation of the Sahel"),
    ("HBDH militants claimed the arson", "Turkey", "HBDH: Peoples United Revolutionary Movement"),
    ("une frappe de l'OTAN", "Afghanistan", "NATO: North Atlantic Treaty Organization"),
    ("Malay Muslim insurgents detonated a bomb", "Thailand", "Malay Muslim Separatists (Thailand)"),
])
def test_actor_names(text, country, name):
    assert name in [with_country(m, country).name for m in find_actors(text, country)]


def test_words_that_only_look_like_actors():
    # an all-capitals headline's "IS" is a verb, "civil police" is no civilian, guards of the state are not private,
    # and the regime people protest against is no armed force
    assert "Islamic State" not in " ".join(_names("THIS IS NOT OVER, SAYS MINISTER"))
    assert not any(n.startswith("Civilians") for n in _names("civil and military police forces", "Brazil"))
    assert not any(n.startswith("Private") for n in _names("presidential security guards", "Mauritania"))
    assert not any(n.startswith("Military") for n in _names("crowds protested against the regime", "Iran"))
    # a group's own members and its vehicles belong to it
    ms = find_actors("an Islamic State sniper shot a soldier", "Egypt")
    assert [m.text for m in ms][:1] == ["Islamic State sniper"]
    assert len(find_actors("a QSD military vehicle", "Syria")) == 1


# --- suspected perpetrators ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("A truck hit a mine near Tessalit. The device was most likely planted by AQIM militants.", "Mali",
     "AQIM: Al Qaeda in the Islamic Maghreb"),
    ("Residents blamed the raid on Boko Haram.", "Nigeria", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
    ("The perpetrators are believed to be ISWAP fighters.", "Nigeria", "Islamic State (West Africa)"),
    ("L'embuscade a été attribuée au JNIM.", "Mali", "JNIM: Group for Support of Islam and Muslims"),
    ("Dyck Advisory Group are the suspected attackers.", "Mozambique", "Dyck Advisory Group"),
])
def test_suspected_group(text, country, name):
    m = suspected_by(text, [with_country(x, country) for x in find_actors(text, country)])
    assert m is not None and m.name == name


def test_no_suspect_without_suspicion():
    text = "JNIM fighters attacked the army post in Boni."
    assert suspected_by(text, find_actors(text, "Mali")) is None


# --- end to end ------------------------------------------------------------------------------------------

def test_passive_victims_get_an_unidentified_attacker_en_fr():
    for text in ("Eleven VDP killed in an ambush near Djibo, Burkina Faso, on Sunday.",
                 "Onze VDP tués dans une embuscade près de Djibo, au Burkina Faso, dimanche."):
        rows = _events(text)
        assert rows and rows[0]["actor1"] == "Unidentified Armed Group (Burkina Faso)", (text, rows)
        assert rows[0]["actor2"] == "VDP: Volunteers for the Defense of the Homeland"


def test_suspected_group_stands_for_the_unknown_bomber():
    rows = _events("On Sunday, a roadside bomb hit a civilian bus near Boni, Mali, killing four passengers. "
                   "The device was most likely planted by JNIM militants.")
    assert rows and rows[0]["actor1"] == "JNIM: Group for Support of Islam and Muslims", rows


# --- nationality of crowds and victims -------------------------------------------------------------------

@pytest.mark.parametrize("text,actor1", [
    ("On Monday, about 40 Eritrean refugees protested outside the UN office in Khartoum, Sudan.", "Protesters (Eritrea)"),
    ("Lundi, des migrants guinéens ont manifesté devant la préfecture de Tunis, en Tunisie.", "Protesters (Guinea)"),
    ("On Monday, traders protested against new taxes in Kano, Nigeria.", "Protesters (Nigeria)"),
])
def test_crowds_keep_their_nationality(text, actor1):
    rows = _events(text)
    assert rows and rows[0]["actor1"] == actor1, rows


def test_victims_keep_their_nationality_but_do_not_move_the_event():
    rows = _events("On Sunday, gunmen kidnapped two Italian priests near Tillaberi, Niger.")
    assert rows and (rows[0]["actor2"], rows[0]["country"]) == ("Civilians (Italy)", "Niger"), rows


def test_french_singular_force_nouns():
    assert _names("un soldat a été tué", "Mali") == ["Military Forces of Mali"]
    assert _names("un policier a été blessé", "Niger") == ["Police Forces of Niger"]


@pytest.mark.parametrize("text,country,name", [
    ("soldiers shot two armed Fulani youths near Djenne", "Mali", "Fulani Ethnic Militia (Mali)"),
    ("clashes between Dogons and Fulani near Bankass", "Mali", "Dogon Ethnic Militia (Mali)"),
    ("des affrontements entre Peuls et Dogons", "Mali", "Fulani Ethnic Militia (Mali)"),
    ("the Taliban killed an Arbaki commander", "Afghanistan", "Militia (Pro-Government)"),
    ("pro-government militiamen manned the checkpoint", "Somalia", "Militia (Pro-Government)"),
    ("workers clashed with the company's security personnel", "Indonesia", "Private Security Forces (Indonesia)"),
])
def test_community_and_auxiliary_forces(text, country, name):
    assert name in [with_country(m, country).name for m in find_actors(text, country)]


def test_a_clash_between_two_places_names_no_militia():
    assert not any("Militia" in n for n in _names("fighting between Gao and Menaka", "Mali"))
