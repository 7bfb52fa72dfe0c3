"""Follow-ups on invented wire stories from many theatres (our own sentences, EN and FR): vigilantes as a militia or a
mob, the sides of "fighting between X and federal troops", a state that says it struck, the fighting side rather
than the reporting one, groups named only in background, and roads blocked by gunmen."""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors
from incidents.extract.event_types import classify, detect_cues
from incidents.extract.roles import assign_roles


def _events(text, published="2025-05-10T10:00:00Z"):
    return [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]


def _kinds(text, country="Nigeria"):
    return [(m.name, m.kind) for m in find_actors(text, country)]


# 1. vigilantes who fight armed men, or carry arms, are a militia; vigilantes who lynch or beat a suspect are a mob
@pytest.mark.parametrize("text,name,kind", [
    ("Vigilantes fought off bandits who tried to raid Dutsin-Ma on Monday.", "Vigilante Militia (Nigeria)", "named"),
    ("Armed vigilantes patrolled the farms after the attack.", "Vigilante Militia (Nigeria)", "named"),
    ("Un comité de vigilance a repoussé des hommes armés à l'entrée du village.", "Vigilante Militia (Nigeria)", "named"),
    ("Des membres d'un groupe d'autodéfense ont affronté des terroristes près de la rivière.",
     "Vigilante Militia (Nigeria)", "named"),
    ("A vigilante group lynched a man accused of stealing a goat.", "Rioters (Nigeria)", "rioters"),
    ("Vigilantes beat a suspected pickpocket to death at the bus station.", "Rioters (Nigeria)", "rioters"),
])
def test_vigilantes_militia_or_mob(text, name, kind):
    assert (name, kind) in _kinds(text)


@pytest.mark.parametrize("text", [
    "KANO, Nigeria, March 3 (Wire) - On Sunday, vigilantes clashed with suspected kidnappers near Gwarzo, killing "
    "four of them, residents said.",
    "KANO, Nigeria, March 3 (Wire) - Vigilantes exchanged fire with bandits near Tsanyawa on Sunday, killing two "
    "of the gunmen, police said.",
])
def test_vigilantes_fighting_gunmen_is_a_battle(text):
    ev = _events(text, "2025-03-03T10:00:00Z")
    assert ev and (ev[0]["event_type"], ev[0]["sub_event_type"]) == ("Battles", "Armed clash")
    assert ev[0]["actor1"] == "Vigilante Militia (Nigeria)"


def test_vigilante_lynching_stays_mob_violence():
    ev = _events("ABA, Nigeria, March 3 (Wire) - On Sunday a vigilante group lynched a man accused of stealing a "
                 "motorcycle in Aba, police said.", "2025-03-03T10:00:00Z")
    assert ev and (ev[0]["event_type"], ev[0]["sub_event_type"]) == ("Riots", "Mob violence")
    assert ev[0]["actor1"] == "Rioters (Nigeria)"


# 2. "fighting between X and federal troops": an adjective before the second side does not hide it
@pytest.mark.parametrize("text,a1,a2", [
    ("Fighting between Fano militiamen and federal troops killed 12 people in Gondar.", "Fano Militia",
     "Military Forces of Ethiopia"),
    ("Clashes between Fano fighters and the federal army left several dead.", "Fano Militia",
     "Military Forces of Ethiopia"),
    ("Des combats entre des miliciens Fano et les soldats fédéraux ont fait dix morts.", "Fano Militia",
     "Military Forces of Ethiopia"),
])
def test_between_with_modified_second_side(text, a1, a2):
    r1, r2, how = assign_roles(text, find_actors(text, "Ethiopia"))
    assert (r1.name, r2.name, how) == (a1, a2, "between")


def test_fano_fighting_is_an_armed_clash():
    ev = _events("ADDIS ABABA, March 3 (Wire) - Fighting between Fano militiamen and federal troops in the town of "
                 "Bahir Dar killed at least nine people on Sunday, residents said.", "2025-03-03T10:00:00Z")
    assert ev and (ev[0]["event_type"], ev[0]["sub_event_type"]) == ("Battles", "Armed clash")
    assert (ev[0]["actor1"], ev[0]["actor2"]) == ("Fano Militia", "Military Forces of Ethiopia")


# 3. a possessive names the state whose force it is; a state that says it struck is the attacker
@pytest.mark.parametrize("text,name", [
    ("Israel's military said its jets had struck the port.", "Military Forces of Israel"),
    ("Nigeria’s army said it had repelled the attack.", "Military Forces of Nigeria"),
])
def test_possessive_state_force(text, name):
    assert name in [m.name for m in find_actors(text)]


@pytest.mark.parametrize("text,attacker", [
    ("SANAA, March 3 (Wire) - Air strikes hit a fuel depot in the port city of Hodeidah on Sunday, killing two "
     "workers.\n\nIsrael's military said its jets had struck the depot in response to drone attacks.",
     "Military Forces of Israel"),
    ("SANAA, 3 mars (Wire) - Des frappes aériennes ont touché dimanche le port de Hodeidah, tuant deux ouvriers."
     "\n\nL'armée israélienne a affirmé avoir frappé des cibles militaires dans le port.",
     "Military Forces of Israel"),
])
def test_state_claiming_a_strike_is_actor1(text, attacker):
    ev = _events(text, "2025-03-03T10:00:00Z")
    assert ev and ev[0]["sub_event_type"] == "Air/drone strike"
    assert ev[0]["actor1"] == attacker


def test_state_denying_a_strike_is_not_actor1():
    ev = _events("SANAA, March 3 (Wire) - Air strikes hit a fuel depot in Hodeidah on Sunday, killing two workers."
                 "\n\nIsrael's military said it had not struck the depot.", "2025-03-03T10:00:00Z")
    assert ev and ev[0]["actor1"] != "Military Forces of Israel"


# 4. the side that fought, not the police reporting the toll, nor the attackers themselves
def test_security_forces_are_the_other_side_of_a_complex_attack():
    ev = _events("MOGADISHU, March 3 (Wire) - A car bomb exploded outside a hotel in Mogadishu on Sunday, killing "
                 "at least nine people, police said.\n\nGunmen then stormed the hotel and exchanged fire with "
                 "security forces for hours. All three attackers were killed.", "2025-03-03T10:00:00Z")
    assert ev and ev[0]["event_type"] == "Battles"
    assert ev[0]["actor2"] == "Military Forces of Somalia"


# 5. a group named only in background does not fill an incident's role
def test_background_group_does_not_fill_a_role():
    ev = _events("MEXICO CITY, March 3 (Wire) - Gunmen shot dead six people at a bar in Irapuato on Saturday, "
                 "officials said.\n\nThe state has for years been the scene of a turf war between the Sinaloa "
                 "Cartel and the Santa Rosa de Lima gang.\n\nThree suspects were arrested on Sunday, prosecutors "
                 "said.", "2025-03-03T10:00:00Z")
    roles = {r[k] for r in ev for k in ("actor1", "actor2")}
    assert "Santa Rosa de Lima Gang" not in roles and "Sinaloa Cartel" not in roles


# 6. a road blocked by gunmen is no protest; one blocked by residents still is
@pytest.mark.parametrize("text", [
    "KADUNA, Nigeria, March 3 (Wire) - Gunmen blocked the highway near Kachia on Sunday and seized passengers "
    "from two buses, killing one driver, police said.",
    "NIAMEY, 3 mars (Wire) - Des hommes armés ont bloqué la route près de Téra dimanche et ont tué un chauffeur, "
    "selon des sources locales.",
])
def test_gunmen_blocking_a_road_is_not_a_protest(text):
    ev = _events(text, "2025-03-03T10:00:00Z")
    assert ev and ev[0]["event_type"] == "Violence against civilians"


def test_armed_group_blocking_a_convoy_is_a_strategic_development():
    text = "Rebels blocked the road leading to the border crossing."
    ms = find_actors(text, "Syria")
    a1, a2, _ = assign_roles(text, ms)
    assert classify(detect_cues(text), a1, a2) == ("Strategic developments", "Other")


def test_residents_blocking_a_road_after_a_killing_still_protest():
    text = "Residents blocked the road after gunmen killed a farmer near the village."
    cues = detect_cues(text)
    ms = find_actors(text, "Nigeria")
    resident = next(m for m in ms if m.kind == "civilians")
    assert classify(cues, resident, None, crowd_agent=True)[0] == "Protests"


# 7. fire returned ("the police shot back", "les policiers ont répliqué") makes two armed sides: a battle
@pytest.mark.parametrize("text", [
    "Police officers were patrolling the market when gang members approached and started shooting. The officers "
    "shot back.",
    "Des policiers patrouillaient au marché quand des hommes armés ont ouvert le feu sur eux. Les policiers ont "
    "répliqué.",
])
def test_fire_returned_is_an_armed_clash(text):
    ms = find_actors(text, "Honduras")
    a1, a2, _ = assign_roles(text, ms)
    assert classify(detect_cues(text), a1, a2) == ("Battles", "Armed clash")
