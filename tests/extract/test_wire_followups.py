"""Follow-ups on invented wire copy (our own sentences, EN and FR): a day between the verb and its count, rival
claims and denials as versions of one toll, an attack on a force's post, the day of deaths told after a later
day, and a later sentence naming the unnamed attackers."""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import find_actors
from incidents.extract.fatalities import count_fatalities
from incidents.extract.roles import assign_roles


def _events(text, published):
    return [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]


# 1. a day or time between the verb and the figure does not hide the count
@pytest.mark.parametrize("text,value", [
    ("Des hommes armés ont tué mardi quatre commerçants sur la route de Djenné.", 4),
    ("Les assaillants ont tué, dimanche soir, sept gendarmes près de la frontière.", 7),
    ("Des jihadistes ont tué hier six bergers et deux enfants au nord de Tillabéri.", 8),
    ("Gunmen killed on Tuesday at least 12 villagers in the Zamfara hills.", 12),
    ("Militants killed overnight nine soldiers at a checkpoint.", 9),
    ("Fourteen farmers were on Sunday killed by bandits in Katsina state.", 14),
    ("Three policemen and two vigilantes were on Friday killed in the attack.", 5),
    ("Deux gendarmes ont été, mardi, tués par balle à Fada.", 2),
    ("L'explosion a fait jeudi soir trois morts parmi les passagers.", 3),
    ("Des inconnus ont tué dans la nuit de samedi à dimanche un chef de village.", 1),
    # the day of the month after a weekday is no count
    ("Gunmen killed on Monday 12 May two traders near Kaya.", 2),
])
def test_day_between_verb_and_count(text, value):
    assert count_fatalities(text).value == value


# 2. conflicting reports of the same dead: the lowest credible figure, as ACLED codes them; each side's dead are
# different people, so the sides' lowest counts add up
@pytest.mark.parametrize("text,value", [
    # each side claims the other's dead: two different sets of dead
    ("The army said it had killed 25 rebels in the battle, while the rebels said they killed 40 soldiers.", 65),
    ("L'armée a affirmé avoir neutralisé dix-huit terroristes, tandis que le groupe a dit avoir tué trente "
     "soldats.", 48),
    # a body count of the claimed victims is lower than the claim: it replaces the claim for that side only
    ("The army said it killed 30 insurgents, while the insurgents said they had killed 50 soldiers. A nurse "
     "said she saw six dead soldiers at the hospital.", 36),
    # a party's denial with its own figure for the same dead
    ("Au moins quinze gendarmes ont été tués lundi. Le ministère a démenti ce bilan, faisant état de cinq "
     "gendarmes tués.", 5),
    ("Insurgents said they had killed 35 soldiers. A hospital source said nine soldiers died.", 9),
    # one source's figures for both sides still add up
    ("Eleven soldiers and 23 attackers were killed in the fighting, the army said.", 34),
    ("Onze militaires et vingt-trois assaillants ont été tués, selon l'état-major.", 34),
    # a claim of the enemy's dead and a report of one's own dead are not rival versions
    ("The army said it had killed 40 militants. Six soldiers died in the clashes, a security source said.", 46),
])
def test_rival_versions_of_the_toll(text, value):
    assert count_fatalities(text).value == value


def test_several_tens():
    assert count_fatalities("Plusieurs dizaines de combattants ont été tués.").value == 10
    assert count_fatalities("Several dozen fighters were killed.").value == 12


# 3. a denial or confirmation of the toll is no incident of its own
@pytest.mark.parametrize("text,published,expected", [
    ("GAO, 9 avril (Wire) - Au moins dix-sept soldats maliens ont été tués lundi dans l'attaque de leur camp près "
     "d'Ansongo, selon des sources locales.\n\n"
     "L'état-major a démenti ce bilan mercredi, faisant état de six militaires tués.\n\n"
     "Le secteur est régulièrement ciblé par des groupes armés.",
     "2025-04-09T12:00:00Z", [("2025-04-07", 6)]),
    ("NIAMEY, March 20 (Wire) - Gunmen killed at least 11 soldiers in an ambush near Tera on Monday, local "
     "sources said.\n\n"
     "The defence ministry disputed the toll on Wednesday, saying four soldiers had been killed.\n\n"
     "The area borders Burkina Faso.",
     "2025-03-20T12:00:00Z", [("2025-03-17", 4)]),
    ("BAMAKO, March 20 (Wire) - Gunmen killed 9 herders near Nara on Tuesday, officials said.\n\n"
     "The army confirmed the toll on Wednesday.",
     "2025-03-20T12:00:00Z", [("2025-03-18", 9)]),
])
def test_toll_comment_joins_the_incident(text, published, expected):
    assert [(r["event_date"], r["fatalities"]) for r in _events(text, published)] == expected


# 4. an attack on a force's post, camp, base or convoy makes the force the target
@pytest.mark.parametrize("text", [
    "The death toll from an attack on an army base near Kidal on Friday has risen to 14, officials said.",
    "L'attaque d'un camp de la gendarmerie près de Dori a fait six morts parmi les gendarmes samedi.",
    "In an attack on a police convoy near Mora, gunmen killed five officers.",
])
def test_attack_on_a_force_post_targets_the_force(text):
    a1, a2, _ = assign_roles(text, find_actors(text, None))
    assert a2 is not None and a2.kind in ("military", "police")
    assert a1 is None or a1.kind not in ("military", "police")


@pytest.mark.parametrize("text,published,country", [
    ("NIAMEY, May 6 (Wire) - The death toll from an attack on a military post in western Niger on Sunday has "
     "risen to 16, security sources said on Tuesday.",
     "2025-05-06T12:00:00Z", "Niger"),
    ("OUAGADOUGOU, 6 mai (Wire) - L'attaque d'une position de l'armée à Djibo a fait huit morts parmi les "
     "soldats dimanche, selon une source sécuritaire.",
     "2025-05-06T12:00:00Z", "Burkina Faso"),
])
def test_attack_on_a_military_post_is_a_battle(text, published, country):
    row = _events(text, published)[0]
    assert (row["actor1"], row["actor2"], row["event_type"]) == (
        f"Unidentified Armed Group ({country})", f"Military Forces of {country}", "Battles")


# 5. deaths told with an earlier day than the sentence's first
@pytest.mark.parametrize("text,published,day,value", [
    ("BANGUI, March 13 (Wire) - Fighting between the army and rebels near Kaga-Bandoro continued on Wednesday, "
     "after clashes on Tuesday in which seven soldiers and 15 rebels were killed, a military source said.",
     "2025-03-13T10:00:00Z", "2025-03-11", 22),
    ("BAMAKO, 13 mars (Wire) - Les combats se poursuivaient mercredi près de Léré, au lendemain d'affrontements "
     "mardi au cours desquels cinq soldats et neuf assaillants ont été tués, selon une source sécuritaire.",
     "2025-03-13T10:00:00Z", "2025-03-11", 14),
])
def test_deaths_keep_their_own_day(text, published, day, value):
    assert [(r["event_date"], r["fatalities"]) for r in _events(text, published)] == [(day, value)]


# 6. a later sentence naming the unnamed side
@pytest.mark.parametrize("text,published,side,name", [
    ("MAIDUGURI, Nigeria, June 4 (Wire) - Nigerian troops killed 18 militants who attacked a base near Dikwa on "
     "Monday, the army said.\n\n"
     "Two soldiers were wounded, it said in a statement. It said the militants belonged to ISWAP.",
     "2025-06-04T12:00:00Z", "actor2", "Islamic State (West Africa)"),
    ("BAMAKO, 4 juin (Wire) - Des hommes armés ont tué lundi cinq commerçants près de Niono, selon des élus "
     "locaux.\n\n"
     "Selon un élu, les assaillants appartenaient à la katiba Macina.",
     # Katiba Macina is coded under JNIM, as ACLED does since 2017
     "2025-06-04T12:00:00Z", "actor1", "JNIM: Group for Support of Islam and Muslims"),
])
def test_later_identification_names_the_unnamed_side(text, published, side, name):
    assert _events(text, published)[0][side] == name
