"""Unnamed perpetrators, members of a named force, and by-phrases inside an object's own clause. Sentences written
for these tests."""
import pytest

from incidents.extract.actors import find_actors, with_country
from incidents.extract.roles import assign_roles


def _mentions(text, country):
    return [with_country(m, country) for m in find_actors(text, country)]


def _roles(text, country):
    a1, a2, _ = assign_roles(text, _mentions(text, country))
    return (a1.name if a1 else None), (a2.name if a2 else None)


# --- unnamed perpetrators are an armed group whatever the noun (ACLED: "Unidentified Armed Group (X)") ----------

@pytest.mark.parametrize("text,country", [
    ("Two party activists were beaten by unknown people in Zomba on Sunday.", "Malawi"),
    ("Unknown people set fire to a shop and assaulted its owner in Lilongwe.", "Malawi"),
    ("Des inconnus ont agressé deux commerçants au marché de Kayes.", "Mali"),
    ("Un enseignant a été enlevé par des individus non identifiés près de Ménaka.", "Mali"),
])
def test_unknown_people_are_an_unidentified_armed_group(text, country):
    assert _roles(text, country)[0] == f"Unidentified Armed Group ({country})"


def test_known_people_stay_civilians():
    names = [m.name for m in _mentions("Local people fled the village after the attack.", "Mali")]
    assert "Unidentified Armed Group (Mali)" not in names


# --- "soldiers of the army of X": the bare noun belongs to the force named after it -----------------------------

@pytest.mark.parametrize("text,country,expected", [
    ("Soldiers of the army of South Sudan looted cattle in two villages near the border.",
     "Democratic Republic of Congo", "Military Forces of South Sudan"),
    ("Des soldats de l'armée tchadienne ont pillé un marché près de la frontière.",
     "Cameroon", "Military Forces of Chad"),
])
def test_members_of_a_named_army_are_that_army(text, country, expected):
    names = [m.name for m in _mentions(text, country)]
    assert names[0] == expected
    assert f"Military Forces of {country}" not in names


def test_soldiers_alone_stay_the_story_country_army():
    assert _roles("Soldiers killed two bandits near Bangui.", "Central African Republic")[0] == \
        "Military Forces of the Central African Republic"


# --- a by-phrase after an irregular participle describes the object, not the agent ------------------------------

@pytest.mark.parametrize("text,country,expected", [
    ("The army seized weapons allegedly hidden by Al Shabaab near Jilib.", "Somalia",
     ("Military Forces of Somalia", "Al Shabaab")),
    ("Police recovered a truck stolen by the gang a week earlier.", "Mexico",
     ("Police Forces of Mexico", "Unidentified Armed Group (Mexico)")),
    ("L'armée a découvert des armes cachées par les jihadistes près de Mopti.", "Mali",
     ("Military Forces of Mali", "Islamist Militia (Mali)")),
])
def test_by_phrase_inside_the_object_clause(text, country, expected):
    assert _roles(text, country) == expected


def test_bare_passive_with_its_agent_further_on_still_counts():
    assert _roles("Army post ambushed near Djenne, presumably by JNIM.", "Mali")[0] == \
        "JNIM: Group for Support of Islam and Muslims"
