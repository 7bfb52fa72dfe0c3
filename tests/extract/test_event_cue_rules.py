"""Event-type cues and priority rules of issue 4, from our own English and French sentences.

Actors are given as plain stand-ins so that these tests exercise the cues and ACLED's priority order only."""
from types import SimpleNamespace

import pytest

from incidents.extract.dates import find_dates, parse_published
from incidents.extract.event_types import classify, detect_cues
from incidents.extract.segment import label, segment
from incidents.extract.sentences import split_sentences

STATE = SimpleNamespace(kind="military", inter=1)
REBELS = SimpleNamespace(kind="named", inter=2)
GUNMEN = SimpleNamespace(kind="armed", inter=3)
CROWD = SimpleNamespace(kind="protesters", inter=6)
LOCALS = SimpleNamespace(kind="civilians", inter=7)


def _type(text, a1=None, a2=None, **kw):
    return classify(detect_cues(text), a1, a2, **kw)


@pytest.mark.parametrize("text,a1,a2,expected", [
    # remote fire inside ground fighting is a battle; one-sided heavy fire from a distance is shelling
    ("Both sides exchanged artillery fire on the northern front.", STATE, REBELS, ("Battles", "Armed clash")),
    ("Monitors recorded 40 explosions in both directions of the contact line.", None, None, ("Battles", "Armed clash")),
    ("Rebels fired mortars at the base and the army responded with heavy fire.", REBELS, STATE,
     ("Battles", "Armed clash")),
    ("The rebels fired heavy machine guns at army positions.", REBELS, STATE,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Monitors counted 12 bursts of fire involving heavy machine guns near the village.", None, None,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Les rebelles ont tiré à la mitrailleuse lourde sur les positions de l'armée.", REBELS, STATE,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("The army fired anti-aircraft guns at rebel positions.", STATE, REBELS,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    # air strikes: the bombing of a state force, an air force that targets; supporting ground fighting: a battle
    ("The military bombed militant bases in the forest.", STATE, REBELS, ("Explosions/Remote violence", "Air/drone strike")),
    ("The air force targeted three rebel vehicles.", STATE, REBELS, ("Explosions/Remote violence", "Air/drone strike")),
    ("L'armée de l'air a frappé un camp rebelle.", STATE, REBELS, ("Explosions/Remote violence", "Air/drone strike")),
    ("Commandos clashed with the militants, backed by airstrikes from helicopters.", STATE, REBELS,
     ("Battles", "Armed clash")),
    # a bomb that opens an ambush is part of the battle
    ("The convoy was hit by a complex ambush (IED followed by small arms fire).", REBELS, STATE,
     ("Battles", "Armed clash")),
    ("Un convoi a été visé par une embuscade complexe : explosion d'un engin explosif puis tirs.", REBELS, STATE,
     ("Battles", "Armed clash")),
    ("An IED detonation struck an army vehicle near the base.", None, STATE,
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    # ground taken by government forces is regained territory, whatever the verb
    ("Soldiers recovered territory after a clash with the rebels.", STATE, REBELS,
     ("Battles", "Government regains territory")),
    ("Government forces took control of two villages from the rebels.", STATE, REBELS,
     ("Battles", "Government regains territory")),
    ("L'armée a pris le contrôle de la localité après des combats.", STATE, REBELS,
     ("Battles", "Government regains territory")),
    ("Rebels took control of two villages from the army.", REBELS, STATE,
     ("Battles", "Non-state actor overtakes territory")),
    # serving soldiers, police or fighters shot at are an armed party: a battle, not violence against civilians
    ("Separatists shot and killed one ranger and wounded another on patrol.", REBELS, None, ("Battles", "Armed clash")),
    ("Des hommes armés ont tué deux soldats à un poste de contrôle.", GUNMEN, None, ("Battles", "Armed clash")),
    ("A labourer was shot dead by suspected rebel militants.", None, None, ("Violence against civilians", "Attack")),
    ("Gunmen shot dead a retired soldier at his farm.", GUNMEN, None, ("Violence against civilians", "Attack")),
    # attack outranks abduction; abduction alone stays abduction
    ("Gunmen abducted two herders and executed them.", GUNMEN, LOCALS, ("Violence against civilians", "Attack")),
    ("Des hommes armés ont enlevé un commerçant et l'ont abattu.", GUNMEN, LOCALS,
     ("Violence against civilians", "Attack")),
    ("Gunmen abducted three teachers from the school.", GUNMEN, LOCALS,
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Gunmen attempted to assassinate the mayor, who escaped.", GUNMEN, LOCALS, ("Violence against civilians", "Attack")),
    # property burned, cut down or taken
    ("Settlers uprooted 300 olive seedlings in the village.", GUNMEN, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Militants burned the mayor's office in the town.", REBELS, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Three trucks belonging to a construction company were burned by gunmen.", GUNMEN, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Militants seized all the working oxen of the village.", REBELS, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Soldiers found and destroyed a clandestine airstrip.", STATE, None,
     ("Strategic developments", "Looting/property destruction")),
    # movements of forces and changes to groups
    ("A convoy of military vehicles entered the province; two more military convoys followed.", STATE, None,
     ("Strategic developments", "Change to group/activity")),
    ("The governor imposed a three-day curfew on the city.", STATE, None,
     ("Strategic developments", "Change to group/activity")),
    ("Le gouvernement a décrété un couvre-feu dans la capitale.", STATE, None,
     ("Strategic developments", "Change to group/activity")),
    ("Twenty soldiers and policemen joined the insurgents.", None, None,
     ("Strategic developments", "Change to group/activity")),
    ("The group ended its affiliation with the coalition.", REBELS, None,
     ("Strategic developments", "Change to group/activity")),
    ("Police seized eight hundred military munitions in a house.", STATE, None,
     ("Strategic developments", "Disrupted weapons use")),
    # foiled weapons: a drone shot down, a bomb found and defused, bomb makers killed by their own device
    ("Government forces shot down a rebel reconnaissance drone over the front.", STATE, REBELS,
     ("Strategic developments", "Disrupted weapons use")),
    ("A timed IED found on the roadside was later safely defused by the bomb squad.", STATE, None,
     ("Strategic developments", "Disrupted weapons use")),
    ("Un engin explosif découvert sur la route a été désamorcé par les démineurs.", STATE, None,
     ("Strategic developments", "Disrupted weapons use")),
    ("Two militants were killed when the mine they were planting exploded prematurely.", REBELS, None,
     ("Strategic developments", "Disrupted weapons use")),
    # a suicide bombing followed by an armed assault, a grenade answered with gunfire: a battle
    ("A suicide bomber detonated a car at the base, followed by an armed assault by gunmen.", REBELS, STATE,
     ("Battles", "Armed clash")),
    ("Militants threw a grenade at the post and the guards reacted with gunfire.", REBELS, STATE,
     ("Battles", "Armed clash")),
    # fire set by a few unnamed people is property destruction, not a riot
    ("A vehicle was set on fire in the neighbourhood overnight.", None, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Two people threw Molotov cocktails at a store.", None, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Unknown arsonists torched a telecommunications mast.", None, None,
     ("Strategic developments", "Looting/property destruction")),
])
def test_remote_battle_and_development_rules(text, a1, a2, expected):
    assert _type(text, a1, a2) == expected


@pytest.mark.parametrize("text,a1,a2,expected", [
    ("About 200 residents gathered in front of the town hall to support the mayor.", CROWD, None,
     ("Protests", "Peaceful protest")),
    ("Des commerçants se sont rassemblés devant la mairie.", CROWD, None, ("Protests", "Peaceful protest")),
    ("Construction workers demanded the payments of their salaries.", CROWD, None, ("Protests", "Peaceful protest")),
    ("Nurses padlocked the hospital administration office.", CROWD, None, ("Protests", "Peaceful protest")),
    ("Journalists gathered in the city (Tizi Ouzou), to commemorate press freedom day.", CROWD, None,
     ("Protests", "Peaceful protest")),
    ("Twenty people held a protest in the square. Two of them were arrested by the police.", CROWD, STATE,
     ("Protests", "Protest with intervention")),
    ("Drivers blocked the highway and were peacefully removed by the police.", CROWD, STATE,
     ("Protests", "Protest with intervention")),
    ("Police dispersed about 180 migrant workers on the bridge.", STATE, CROWD, ("Protests", "Protest with intervention")),
    ("Les manifestants ont été évacués par la police.", CROWD, STATE, ("Protests", "Protest with intervention")),
    ("About 40 people protested in the square. They were arrested for breaking the quarantine.", CROWD, None,
     ("Protests", "Protest with intervention")),
    # a demonstration against someone's arrest is not an intervention
    ("Journalists protested against the arrest of their editor. He was arrested last week.", CROWD, None,
     ("Protests", "Peaceful protest")),
    # demonstrators who fight, destroy or barricade with stones: a violent demonstration
    ("Drivers demonstrated in the town and destroyed all the control posts.", CROWD, None,
     ("Riots", "Violent demonstration")),
    ("Party members demonstrated; there was a physical confrontation with counter-demonstrators.", CROWD, None,
     ("Riots", "Violent demonstration")),
    ("Des jeunes ont manifesté et ont caillassé les véhicules de la police.", CROWD, None,
     ("Riots", "Violent demonstration")),
    # background riots elsewhere do not make a peaceful protest violent; a riot in the event does
    ("Residents staged a pot-banging protest after riots in the country's prisons.", CROWD, None,
     ("Protests", "Peaceful protest")),
    ("A fight broke out between members of two parties in the assembly.", LOCALS, None, ("Riots", "Mob violence")),
    ("Residents of the neighbourhood hit a suspected thief.", LOCALS, None, ("Riots", "Mob violence")),
])
def test_protest_and_riot_cues(text, a1, a2, expected):
    assert _type(text, a1, a2, crowd_agent=True) == expected


def test_a_riot_in_the_event_is_a_riot():
    assert _type("Inmates tried to start a riot before guards intervened.", LOCALS, None, crowd_agent=True)[0] == "Riots"


@pytest.mark.parametrize("text,a1,crowd,expected", [
    ("A small collective carried out an arson attack on a shopping mall.", LOCALS, True,
     ("Strategic developments", "Looting/property destruction")),
    ("Several men on a motorcycle threw Molotov cocktails at two stores.", LOCALS, False,
     ("Strategic developments", "Looting/property destruction")),
    ("Angry residents set fire to the police station.", LOCALS, True, ("Riots", "Mob violence")),
    ("Two village groups clashed over a land dispute.", None, False, ("Riots", "Mob violence")),
    ("Supporters of the two parties fought one another during the campaign.", None, False, ("Riots", "Mob violence")),
])
def test_arson_and_group_fights(text, a1, crowd, expected):
    assert _type(text, a1, None, crowd_agent=crowd) == expected


def test_armed_groups_clashing_are_no_mob():
    assert _type("Two armed groups clashed near the border.", None, None)[0] != "Riots"


def test_crowd_violence_words_alone_are_no_riot():
    assert _type("Unknown assailants attacked policemen at a checkpoint.", GUNMEN, STATE)[0] != "Riots"


def test_riot_police_is_not_a_riot():
    assert "riot_violent" not in detect_cues("Riot police watched the march.")
    assert "riot_violent" in detect_cues("A riot broke out in the prison.")


def _segments(text, pub="2024-07-08T08:00:00Z"):
    published = parse_published(pub)
    sents = split_sentences(text)
    dates = find_dates(text, published)
    labels = [label(s, [d for d in dates if s.start <= d.start < s.end], 0) for s in sents]
    return [text[s.start:s.end] for s in segment(sents, dates, labels) if s.kind == "event"], labels


def test_a_toll_note_joins_its_incident():
    segs, _ = _segments("On 6 July, rebels attacked two army posts, killing 9 soldiers. "
                        "Fatalities are split across 2 events.")
    assert segs == ["On 6 July, rebels attacked two army posts, killing 9 soldiers. Fatalities are split across 2 events."]


def test_a_death_phrase_is_an_event_without_a_cue_word():
    segs, labels = _segments("On 3 July, the operation near the river left 3 militants dead.")
    assert labels == ["event"] and len(segs) == 1
