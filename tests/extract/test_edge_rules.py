"""Edge rules: negated cues, state guards and retired personnel, strike victims, French inverted passives and
elliptical counts, and named state units, on English and French sentences written for them.

Each article names its country so that the tests do not depend on the gazetteer's coverage of small places.
"""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors, with_country
from incidents.extract.event_types import detect_cues
from incidents.extract.fatalities import count_fatalities


def _events(text, published="2024-06-05T09:00:00Z"):
    rows = extract_article({"id": "t", "text": text, "published_at": published})
    return [r for r in rows if r["kind"] == "event"]


def _one(text):
    rows = _events(text)
    assert len(rows) == 1, rows
    return rows[0]


# --- 1. a denied cue makes no event ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Soldiers patrolled the market of Kayes, Mali, on Monday; there was no armed clash and no one was killed.",
    "Une patrouille de l'armée a traversé Kayes, au Mali, lundi. Aucun affrontement n'a eu lieu.",
    "Troops entered Kano, Nigeria, on Monday but no shots were fired.",
    "Lundi, des soldats sont entrés dans Kayes, au Mali. Il n'y a pas eu de combats et personne n'a été tué.",
])
def test_negated_cues_make_no_event(text):
    assert _events(text) == []


@pytest.mark.parametrize("text,absent", [
    ("there was no armed clash near the town", "battle"),
    ("no one was killed in the village", "violence"),
    ("no shots were fired at the checkpoint", "battle"),
    ("aucun affrontement n'a eu lieu", "battle"),
    ("il n'y a pas eu d'affrontement", "battle"),
    ("personne n'a été tué", "violence"),
])
def test_negated_cue_is_dropped(text, absent):
    assert absent not in detect_cues(text)


@pytest.mark.parametrize("text,present", [
    ("No one claimed the attack on the convoy.", "battle"),  # the attack happened; only its claim is denied
    ("No fewer than ten people were killed.", "violence"),
    ("Gunmen killed two soldiers not far from the camp.", "violence"),
])
def test_cue_outside_negation_kept(text, present):
    assert present in detect_cues(text)


@pytest.mark.parametrize("text", [
    "CMA fighters took control of Anefis, Mali, on Monday without any fighting.",
    "Lundi, les rebelles de la CMA ont pris le contrôle d'Anéfis, au Mali, sans combat.",
])
def test_takeover_without_fight_is_non_violent_transfer(text):
    r = _one(text)
    assert (r["event_type"], r["sub_event_type"]) == ("Strategic developments", "Non-violent transfer of territory")


# --- 2. security staff as victims -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,actor2", [
    ("Gunmen shot dead a forest ranger near Garoua, Cameroon, on Monday.", "Police Forces of Cameroon"),
    ("A prison guard was shot dead by gunmen in Garoua, Cameroon, on Monday.", "Police Forces of Cameroon Prison Guards"),
    ("Gunmen killed a customs officer in Kayes, Mali, on Monday.", "Police Forces of Mali"),
    ("Lundi, des hommes armés ont tué un garde forestier près de Kayes, au Mali.", "Police Forces of Mali"),
    ("Lundi, des hommes armés ont tué un gardien de prison à Kayes, au Mali.", "Police Forces of Mali Prison Guards"),
])
def test_on_duty_guards_are_state_police(text, actor2):
    r = _one(text)
    assert r["actor2"] == actor2
    assert r["sub_event_type"] == "Armed clash"


@pytest.mark.parametrize("text,country", [
    ("A former bodyguard was shot dead by gunmen in Garoua, Cameroon, on Monday.", "Cameroon"),
    ("Gunmen killed a retired soldier in Kayes, Mali, on Monday.", "Mali"),
    ("Lundi, des hommes armés ont tué un ancien militaire à Kayes, au Mali.", "Mali"),
    ("Lundi, un policier à la retraite a été tué par des hommes armés à Kayes, au Mali.", "Mali"),
])
def test_former_personnel_are_civilians(text, country):
    r = _one(text)
    assert r["actor2"] == f"Civilians ({country})"
    assert (r["event_type"], r["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_retired_noun_unit():
    ms = find_actors("a retired army officer and two soldiers", "Mali")
    kinds = {m.text: m.kind for m in ms}
    assert kinds["army"] == "civilians" and kinds["soldiers"] == "military"


# --- 3. strike victims are never the strike's agent -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "An air strike hit a checkpoint near Idlib, Syria, on Monday, killing three guards.",
    "Two bodyguards of a local official were killed in an airstrike near Jilib, Somalia, on Monday.",
    "Lundi, une frappe de drone a tué deux soldats près de Tripoli, en Libye.",
])
def test_strike_victims_not_actor1(text):
    r = _one(text)
    assert r["sub_event_type"] == "Air/drone strike"
    assert not (r["actor1"] or "").startswith("Military Forces of"), r
    assert (r["actor2"] or "").startswith("Military Forces of"), r


def test_strike_agent_kept():
    r = _one("Afghan military airstrikes killed eight Taliban fighters in Kandahar, Afghanistan, on Monday.")
    assert r["actor1"] == "Military Forces of Afghanistan" and r["actor2"] == "Taliban"


# --- 4. French inverted passive and elliptical counts -----------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Ont été tués lundi quatre soldats dans une embuscade.", 4),
    ("Ont péri dans l'attaque six civils.", 6),
    ("Killed in the blast were three policemen.", 3),
    ("Dix personnes ont été tuées dimanche et trois autres dans la nuit.", 13),
    ("Five soldiers were killed and two more in the afternoon.", 7),
    ("Gunmen killed five villagers and two others.", 7),
    # the others with their own day died in another incident
    ("Dix personnes ont été tuées dimanche et trois autres lundi.", 10),
    ("Five people were killed on Sunday and two others on Monday.", 5),
    # the others were wounded, not killed
    ("Dix personnes ont été tuées et trois autres blessées.", 10),
    ("Ten people were killed and three others were wounded.", 10),
    ("Deux soldats ont été tués lundi 12 mai.", 2),
])
def test_inverted_and_elliptical_counts(text, value):
    assert count_fatalities(text).value == value


def test_inverted_passive_end_to_end():
    r = _one("Ont été tués lundi quatre soldats dans une embuscade tendue par des jihadistes près de Kayes, au Mali.")
    assert r["fatalities"] == 4


# --- 5. named state units ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,country,name", [
    ("Hadhrami Elite Forces clashed with AQAP", "Yemen", "Military Forces of Yemen (2012-) Hadhrami Elite Forces"),
    ("Shabwani Elite forces attacked Houthi positions", "Yemen", "Military Forces of Yemen (2012-) Shabwani Elite Forces"),
    ("the Giants Brigades advanced", "Yemen", "Military Forces of Yemen (2012-) Giants Brigades"),
    ("les brigades des Géants ont avancé", "Yemen", "Military Forces of Yemen (2012-) Giants Brigades"),
    ("a convoy of the 5th Corps", "Syria", "Military Forces of Syria (2000-) 5th Assault Corps"),
    ("MOC troops patrolled", "Mali", "Military Forces of Mali Operational Coordination Mechanism"),
    ("une patrouille du Mécanisme opérationnel de coordination", "Mali",
     "Military Forces of Mali Operational Coordination Mechanism"),
    ("the Cameroonian army", "Cameroon", "Military Forces of Cameroon"),
    ("l'armée camerounaise", "Cameroon", "Military Forces of Cameroon"),
    ("BIR soldiers", "Cameroon", "Military Forces of Cameroon"),
    ("the Rapid Intervention Battalion", "Cameroon", "Military Forces of Cameroon"),
])
def test_named_state_units(text, country, name):
    ms = [with_country(m, country) for m in find_actors(text, country)]
    assert ms and ms[0].name == name and ms[0].inter == 1


def test_french_confronted_is_a_clash():
    r = _one("Lundi, l'armée camerounaise a affronté des séparatistes anglophones près de Bamenda, au Cameroun.")
    assert r["actor1"] == "Military Forces of Cameroon" and r["sub_event_type"] == "Armed clash"


# --- 6. groups that fight with guns are armed, not a mob --------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("A brawl broke out between two families in Tripoli, Lebanon, on Monday and the two sides exchanged fire.",
     ("Battles", "Armed clash")),
    ("Lundi, une bagarre a éclaté entre deux familles à Tripoli, au Liban, et les deux camps ont échangé des tirs.",
     ("Battles", "Armed clash")),
    ("Lundi, deux familles se sont affrontées à l'arme à feu à Tripoli, au Liban.", ("Battles", "Armed clash")),
    # without guns the same fight is a mob
    ("A brawl broke out between two families in Tripoli, Lebanon, on Monday; they fought with sticks and stones.",
     ("Riots", "Mob violence")),
    ("Lundi, deux familles se sont affrontées à coups de bâtons à Tripoli, au Liban.", ("Riots", "Mob violence")),
])
def test_gun_fight_between_groups_is_a_clash(text, expected):
    r = _one(text)
    assert (r["event_type"], r["sub_event_type"]) == expected
