"""Named units of state forces (data/units.yaml): ACLED appends the unit a report names to its force, and the
unit decides the branch. Sentences written for these tests, in English and French; each names its country."""
import pytest

from incidents.extract import extract_article
from incidents.extract.actors import ActorMention
from incidents.extract.units import unit_of, with_unit


def _actors(text):
    rows = [r for r in extract_article({"id": "t", "text": text, "published_at": "2024-06-05T09:00:00Z"})
            if r["kind"] == "event"]
    assert len(rows) == 1, rows
    return rows[0]["actor1"], rows[0]["actor2"]


@pytest.mark.parametrize("text,expected", [
    ("Gunmen attacked a gendarmerie post in Kayes, Mali, on Monday, wounding two gendarmes.",
     ("Unidentified Armed Group (Mali)", "Police Forces of Mali Gendarmerie")),
    ("Lundi, des hommes armés ont attaqué la brigade de gendarmerie de Nioro, au Mali.",
     ("Unidentified Armed Group (Mali)", "Police Forces of Mali Gendarmerie")),
    # the same unit is part of the armed forces in Turkey and Cameroon
    ("On Monday, PKK militants opened fire on gendarmes in Hakkari, Turkey.",
     ("PKK: Kurdistan Workers Party", "Military Forces of Turkey Gendarmerie")),
    ("Lundi, des hommes armés ont tué deux gendarmes à Bamenda, au Cameroun.",
     ("Unidentified Armed Group (Cameroon)", "Military Forces of Cameroon Gendarmerie")),
    # Brazil's Military Police are a military force even where the sentence calls them police
    ("On Monday, military police officers exchanged fire with drug traffickers in Belo Horizonte, Brazil.",
     ("Military Forces of Brazil Military Police", "Unidentified Gang (Brazil)")),
    ("On Monday, civil police officers arrested two men in Recife, Brazil.",
     ("Police Forces of Brazil Civil Police", "Civilians (Brazil)")),
    # the unit's leading word may come before the force noun the mention holds ("state police officers")
    ("On Monday, armed men shot at state police officers in Culiacan, Mexico.",
     ("Unidentified Armed Group (Mexico)", "Police Forces of Mexico State Police")),
    ("Prisoners were beaten by prison guards in Lima, Peru, on Monday.",
     ("Police Forces of Peru Prison Guards", "Civilians (Peru)")),
])
def test_units_in_articles(text, expected):
    assert _actors(text) == expected


def test_a_country_specific_unit_does_not_travel():
    # "State Police" is a unit of Mexico's police in ACLED's list, not of Nigeria's
    assert unit_of("state police officers", 6, "Nigeria") is None
    assert unit_of("state police officers", 6, "Mexico").name == "State Police"


def test_words_wholly_before_the_mention_are_not_its_unit():
    text = "Gendarmes arrived after soldiers were ambushed"
    start = text.index("soldiers")
    m = ActorMention(start, start + len("soldiers"), "Military Forces of Mali", 1, "military", None, "soldiers")
    assert with_unit(m, text) == m


def test_named_factions_and_generic_actors_keep_their_names():
    text = "Houthi gendarmes"
    m = ActorMention(0, len(text), "Military Forces of Yemen (2016-) Supreme Political Council", 1, "named", "Yemen",
                     text)
    assert with_unit(m, text) == m
    civ = ActorMention(0, 9, "Civilians (Mali)", 7, "civilians", None, "gendarmes")
    assert with_unit(civ, "gendarmes") == civ


def test_a_force_that_already_has_a_unit_gets_no_second_one():
    text = "PMF prison guards"
    m = ActorMention(0, len(text), "Military Forces of Iraq Popular Mobilization Forces", 1, "named", "Iraq", text)
    assert with_unit(m, text) == m


@pytest.mark.parametrize("published,expected", [
    # the PMF became part of Iraq's armed forces by the law of 26 November 2016
    ("2020-05-05T09:00:00Z", "Military Forces of Iraq Popular Mobilization Forces"),
    ("2015-05-05T09:00:00Z", "PMF: Popular Mobilization Forces"),
])
def test_pmf_by_period(published, expected):
    text = "On Monday, PMF fighters clashed with Islamic State militants near Tuz Khurmatu, Iraq."
    rows = [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]
    assert [r["actor1"] for r in rows] == [expected]
    assert rows[0]["inter1"] == (1 if expected.startswith("Military") else 3)


def test_a_bare_force_noun_takes_the_one_unit_the_article_names():
    text = ("On Monday, in Niteroi, Brazil, the Military Police carried out an operation in a favela. "
            "A shoot-out between police officers and drug traffickers broke out.")
    a1, _a2 = _actors(text)
    assert a1 == "Military Forces of Brazil Military Police"


def test_a_unit_named_jointly_with_another_force_is_not_lent_to_it():
    text = "police and a CRPF team defused two bombs"
    m = ActorMention(-1, -1, "Police Forces of India", 1, "police", None, "")
    assert with_unit(m, text, (0, len(text))) == m
    alone = "a CRPF team arrived; later the police defused two bombs"
    assert with_unit(m, alone, (0, len(alone))).name == "Police Forces of India Central Reserve Police Force"
