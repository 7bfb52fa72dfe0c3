"""Detection, event-type and fatality rules added for missed and mistyped incidents, from our own English and
French sentences (no dev-set notes)."""
from types import SimpleNamespace

import pytest

from incidents.extract.event_types import classify, detect_cues
from incidents.extract.fatalities import count_fatalities

STATE = SimpleNamespace(kind="military", inter=1)
REBELS = SimpleNamespace(kind="named", inter=2)


@pytest.mark.parametrize("text,value", [
    # victims joined by "and": each counts
    ("Gunmen killed a shopkeeper and his two daughters in the night.", 3),
    ("A retired judge and his driver were shot dead near the bridge.", 2),
    ("The raiders killed a herder and a trader before fleeing.", 2),
    ("Des hommes armés ont tué un berger et son fils.", 2),
    # lists of counted victims add up
    ("4 policemen, 3 militiamen and 2 soldiers were killed in the fighting.", 9),
    ("The fighting left as many as 12 rebels and 3 soldiers dead.", 15),
    ("the battle caused 20 rebel and 5 military fatalities", 25),
    # a family of N
    ("A shell hit the house, killing a family of five.", 5),
    # agents counted in a by-phrase did not die
    ("A trader was seized by three men and stabbed to death.", 1),
    # "IS" (Islamic State) is no passive auxiliary
    ("Troops destroyed three IS camps and killed 9 fighters.", 9),
    # the wounded who later died count as dead, with the others
    ("Gunmen shot dead two farmers and wounded three others; the three wounded later succumbed to their wounds.", 5),
    ("One man was wounded and the other died at the scene.", 1),
    ("The woman succumbed to her injuries in hospital.", 1),
    ("The fighting led to the killing of 4 militants.", 4),
    # a toll split between "the two events"
    ("Unknown fatalities coded as 10 and split between the two events.", 5),
    # a death that motivated the incident is not its toll
    ("Residents burned the police post after the killing of a young driver by an officer.", 0),
    ("Youths blocked the road following the death of a boy in custody.", 0),
    ("Angry villagers torched the house after the body of a missing girl was found nearby.", 0),
    ("Des jeunes ont incendié la mairie après la mort d'un commerçant.", 0),
    ("Soldiers shot dead 9 villagers in revenge for the killing of one of their comrades.", 9),
    ("Police arrested a man responsible for the killing of several traders.", 0),
    ("The group claimed responsibility for the killing of 4 soldiers.", 4),
    # lists stop at dates and at other outcomes
    ("Troops repelled the attack, killing two, and four soldiers and a civilian were wounded.", 2),
    ("During fighting on 3 May-4 May, 6 soldiers and 2 militiamen were killed.", 8),
    ("The group said: 5 killed, 3 vehicles destroyed and 1 burned.", 5),
    ("Two rebels killed; four guards wounded, and one soldier killed.", 3),
])
def test_fatality_counts(text, value):
    assert count_fatalities(text).value == value


def _label(text):
    from incidents.extract.dates import find_dates, parse_published
    from incidents.extract.segment import label
    from incidents.extract.sentences import split_sentences
    s = split_sentences(text)[0]
    return label(s, find_dates(text, parse_published("2021-03-10T08:00:00Z")), 1)


@pytest.mark.parametrize("text,expected", [
    # a neutral verb of saying that relays a toll introduces the event itself
    ("Police said gunmen killed 12 villagers in Yoro on Sunday.", "event"),
    ("The governor says that two farmers were killed by soldiers near the river.", "event"),
    ("La police a indiqué que trois civils ont été tués dimanche à Yoro.", "event"),
    # judging, forecasting and quoting stay reactions
    ("The minister condemned the attack that killed 12 villagers.", "reaction"),
    ("The governor said more people could be killed if the roads stay closed.", "reaction"),
    ("\"We killed 20 terrorists,\" the commander said on Monday.", "reaction"),
])
def test_reporting_sentences(text, expected):
    assert _label(text) == expected


@pytest.mark.parametrize("text,a1,a2,expected", [
    # a double bomb is still a bomb
    ("A patrol truck was struck by a twin-IED south of the town.", None, STATE,
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    # heavy weapons traded by two sides are a battle
    ("Army and rebel units exchanged artillery along the front line.", STATE, REBELS, ("Battles", "Armed clash")),
    ("Les deux camps ont procédé à des échanges d'obus près du pont.", STATE, REBELS, ("Battles", "Armed clash")),
    # air strikes that support troops on the ground belong to the battle
    ("Jets carried out airstrikes on the camp, followed by a ground assault by commandos.", STATE, REBELS,
     ("Battles", "Armed clash")),
    ("Air strikes hit rebel positions near the border.", STATE, REBELS,
     ("Explosions/Remote violence", "Air/drone strike")),
    # one-sided fire from a distance stays shelling, even with an armed assault elsewhere absent
    ("Rebels fired mortars and heavy machine guns at farms outside the town.", REBELS, None,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("An armed assault on the base was combined with mortar fire.", REBELS, STATE, ("Battles", "Armed clash")),
])
def test_event_types(text, a1, a2, expected):
    assert classify(detect_cues(text), a1, a2) == expected


def test_gathering_in_defence_of_is_a_protest():
    cues = detect_cues("Hundreds of students gathered at the main square in defence of press freedom.")
    assert "protest" in cues
    assert classify(cues) == ("Protests", "Peaceful protest")


GUNMEN = SimpleNamespace(kind="armed", inter=3)


@pytest.mark.parametrize("text,a1,a2,expected", [
    # people assaulted or fired on while being robbed were attacked: the attack outranks the looting
    ("Gunmen assaulted the tax collectors and stripped them of their belongings.", GUNMEN, None,
     ("Violence against civilians", "Attack")),
    ("Bandits opened fire on a minibus and robbed the passengers.", GUNMEN, None,
     ("Violence against civilians", "Attack")),
    # property seized in a fight between armed sides belongs to the battle
    ("Soldiers repelled the raiders and seized two of their motorcycles.", STATE, GUNMEN, ("Battles", "Armed clash")),
    # robbery with no one hurt stays looting, and a drone shot down stays a disrupted weapon
    ("Gunmen stole cattle from herders near the well.", GUNMEN, None,
     ("Strategic developments", "Looting/property destruction")),
    ("Troops shot down a rebel drone over the ridge.", STATE, REBELS,
     ("Strategic developments", "Disrupted weapons use")),
])
def test_looting_against_attack(text, a1, a2, expected):
    assert classify(detect_cues(text), a1, a2) == expected


@pytest.mark.parametrize("text", [
    "Two policemen were shot dead at a checkpoint by unknown gunmen.",
    "An army patrol was ambushed near the bridge.",
    "Deux soldats ont été tués près du pont.",
])
def test_armed_victims_in_the_passive(text):
    assert "victim_armed" in detect_cues(text)
    assert classify(detect_cues(text), GUNMEN, None) == ("Battles", "Armed clash")


def test_former_soldier_is_no_armed_victim():
    assert "victim_armed" not in detect_cues("A former soldier was shot dead at his shop.")
