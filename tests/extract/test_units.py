"""Unit tests of the extraction rules, from example sentences written for them (English and French)."""
import datetime as dt

import pytest

from incidents.extract.actors import find_actors, state_force_names
from incidents.extract.dates import find_dates, parse_published
from incidents.extract.event_types import classify, detect_cues
from incidents.extract.fatalities import count_fatalities
from incidents.extract.numbers import parse_number
from incidents.extract.roles import assign_roles
from incidents.extract.sentences import split_sentences

PUB = parse_published("2024-06-05T09:00:00Z")  # a Wednesday


@pytest.mark.parametrize("text,value", [
    ("12", 12), ("1,200", 1200), ("twenty-three", 23), ("two hundred", 200), ("vingt-trois", 23),
    ("quatre-vingt", 80), ("a dozen", 12), ("dozens", 12), ("des dizaines", 10), ("hundreds", 100), ("scores", 20),
])
def test_numbers(text, value):
    assert parse_number(text)[2] == value


@pytest.mark.parametrize("text,day,precision", [
    ("The raid happened on Sunday.", "2024-06-02", 1),
    ("L'attaque a eu lieu dimanche.", "2024-06-02", 1),
    ("Fighting broke out on 1 June.", "2024-06-01", 1),
    ("Fighting broke out on June 1.", "2024-06-01", 1),
    ("Des combats le 1er juin à Gao.", "2024-06-01", 1),
    ("Gunmen attacked the village yesterday.", "2024-06-04", 1),
    ("Hier, des hommes armés ont attaqué.", "2024-06-04", 1),
    ("Shelling was heard overnight.", "2024-06-04", 1),
    ("Clashes were reported last week.", "2024-05-29", 2),
    ("Troops deployed in December.", "2023-12-15", 3),  # no year: the latest December before publication
])
def test_dates(text, day, precision):
    d = find_dates(text, PUB)[0]
    assert (d.date.isoformat(), d.precision) == (day, precision)


def test_dates_never_after_publication():
    for text in ("on 30 June", "le 28 décembre", "on Wednesday", "today"):
        assert all(d.date <= PUB.date() for d in find_dates(text, PUB))


@pytest.mark.parametrize("text,value,low,high", [
    ("killing more than 30 soldiers", 30, 30, None),
    ("at least five people were killed", 5, 5, None),
    ("between 10 and 15 civilians were killed", 10, 10, 15),
    ("dozens of villagers were killed", 12, 12, 99),
    ("sept soldats ont été tués et dix blessés", 7, 7, 7),
    ("le bilan s'élève à 12 morts", 12, 12, 12),
    ("three soldiers were wounded and two abducted", 0, None, None),
    ("police arrested 40 people", 0, None, None),
    ("gunmen shot and killed a farmer", 1, 1, 1),
    ("Initially 9 people were reported dead. The death toll later rose to 15.", 15, 15, 15),
    ("two soldiers and four militants were killed", 6, 6, 6),
])
def test_fatalities(text, value, low, high):
    f = count_fatalities(text)
    assert (f.value, f.low, f.high) == (value, low, high)


@pytest.mark.parametrize("text,country,name", [
    ("Malian soldiers repelled the attack", None, "Military Forces of Mali"),
    ("l'armée malienne a riposté", None, "Military Forces of Mali"),
    ("FAMa units patrolled", "Mali", "Military Forces of Mali"),
    ("troops were deployed", "Niger", "Military Forces of Niger"),
    ("police officers were attacked", "Kenya", "Police Forces of Kenya"),
    ("GSIM fighters", None, "JNIM: Group for Support of Islam and Muslims"),
    ("l'EIGS a revendiqué", None, "Islamic State (Greater Sahara)"),
    ("ISWAP insurgents", None, "Islamic State (West Africa)"),
    ("unidentified gunmen", "Burkina Faso", "Unidentified Armed Group (Burkina Faso)"),
    ("des hommes armés", "Mali", "Unidentified Armed Group (Mali)"),
    ("Dogon militiamen", "Mali", "Dogon Ethnic Militia (Mali)"),
    ("forces of the Philippines", None, "Military Forces of the Philippines"),
])
def test_actor_dictionary(text, country, name):
    assert find_actors(text, country)[0].name == name


def test_state_forces_generated_for_every_country():
    names = state_force_names()
    assert len(names) >= 2 * 240
    assert "Police Forces of the Democratic Republic of Congo" in names and "Military Forces of Ivory Coast" in names


@pytest.mark.parametrize("text,country,a1,a2", [
    ("Gunmen attacked Malian soldiers near Gao.", "Mali", "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("Malian soldiers were attacked by gunmen near Gao.", "Mali", "Unidentified Armed Group (Mali)",
     "Military Forces of Mali"),
    ("Three civilians were killed by JNIM militants.", "Mali", "JNIM: Group for Support of Islam and Muslims",
     "Civilians (Mali)"),
    ("Des civils ont été tués par des hommes armés.", "Mali", "Unidentified Armed Group (Mali)", "Civilians (Mali)"),
    ("Clashes between the army and ISWAP fighters", "Nigeria", "Military Forces of Nigeria",
     "Islamic State (West Africa)"),
    ("A roadside bomb struck a police vehicle.", "Niger", None, "Police Forces of Niger"),
])
def test_roles_follow_voice(text, country, a1, a2):
    agent, patient, _ = assign_roles(text, find_actors(text, country))
    assert (agent.name if agent else None, patient.name if patient else None) == (a1, a2)


def _type(text, country="Mali"):
    ms = find_actors(text, country)
    a1, a2, _ = assign_roles(text, ms)
    return classify(detect_cues(text), a1, a2, any(m.kind == "civilians" for m in ms))


@pytest.mark.parametrize("text,expected", [
    ("Militants seized control of the town of Menaka after the army withdrew.",
     ("Battles", "Non-state actor overtakes territory")),
    ("The army recaptured the town of Boni from militants.", ("Battles", "Government regains territory")),
    ("Militants raided the army post then withdrew.", ("Battles", "Armed clash")),
    ("Gunmen killed four villagers in Yoro.", ("Violence against civilians", "Attack")),
    ("Des hommes armés ont enlevé trois enseignants.", ("Violence against civilians", "Abduction/forced disappearance")),
    ("A drone strike hit a militant hideout.", ("Explosions/Remote violence", "Air/drone strike")),
    ("A soldier was killed when his vehicle hit a landmine.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Separatists fired mortars at army positions.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Rebels fired mortars and small arms at army positions.", ("Battles", "Armed clash")),
    ("A suicide bomber blew himself up at a checkpoint.", ("Explosions/Remote violence", "Suicide bomb")),
    ("Hundreds of traders protested against new taxes.", ("Protests", "Peaceful protest")),
    ("Police fired tear gas at protesters.", ("Protests", "Protest with intervention")),
    ("Protesters burned tyres and threw stones at police.", ("Riots", "Violent demonstration")),
    ("A mob lynched a suspected thief.", ("Riots", "Mob violence")),
    ("Soldiers defused an IED on the road.", ("Strategic developments", "Disrupted weapons use")),
    ("Police arrested five suspects.", ("Strategic developments", "Arrests")),
    ("Gunmen looted shops and burned houses.", ("Strategic developments", "Looting/property destruction")),
])
def test_event_types(text, expected):
    assert _type(text) == expected


def test_sentence_offsets_are_exact():
    text = "Gen. Smith said so. Gunmen attacked the U.S. base on Monday.\nLe bilan est lourd."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Gen. Smith said so.", "Gunmen attacked the U.S. base on Monday.",
                                       "Le bilan est lourd."]
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_published_parsing():
    assert parse_published("2024-06-05T09:00:00Z") == dt.datetime(2024, 6, 5, 9, tzinfo=dt.UTC)
    assert parse_published("not a date") is None


def test_folding_keeps_offsets_and_escapes():
    from incidents.extract.textutil import fold, fold_pattern
    assert len(fold("İstanbul Attack")) == len("İstanbul Attack")
    assert fold_pattern(r"(?P<n>\d+)\W+IED[^s\S]") == r"(?P<n>\d+)\W+ied[^s\S]"


def test_common_word_force_alias_follows_the_story_country():
    # "Gendarmerie" is Mali's police in a Malian story, Turkey's (military) gendarmerie in a Turkish one,
    # and a generic police force elsewhere
    assert find_actors("the Gendarmerie post", "Mali")[0].name == "Police Forces of Mali"
    assert find_actors("the Gendarmerie post", "Turkey")[0].name == "Military Forces of Turkey"
    assert find_actors("the Gendarmerie post", "Senegal")[0].name == "Police Forces of Senegal"
    assert find_actors("FAMa soldiers", "Burkina Faso")[0].name == "Military Forces of Mali"  # a proper name stays


def test_islamist_and_gang_conventions():
    from incidents.extract import extract_article
    rows = extract_article({"id": "g", "published_at": "2020-05-08T08:00:00Z", "text":
                            "On 6 May 2020, armed men carried out a drive-by shooting against a man in Tijuana, "
                            "Mexico. The victim died."})
    assert rows[0]["actor1"] == "Unidentified Gang (Mexico)" and rows[0]["fatalities"] == 1
    assert find_actors("suspected Islamist militants attacked", "Mozambique")[0].name == "Islamist Militia (Mozambique)"
