"""Places in wire-style news: datelines, neighbours, roads and villages the gazetteer lacks.
Sentences written for these tests (English and French); "Zorokoro" and "Darakourou" are invented village names."""
import pytest

from incidents.extract import extract_article
from incidents.extract.dateline import dateline_place
from incidents.geo import locate


def _row(text, lang="en"):
    rows = [r for r in extract_article({"id": "w", "title": "", "text": text, "language": lang,
                                        "published_at": "2025-03-12T09:00:00Z", "source": "Wire"})
            if r["kind"] == "event"]
    assert rows
    return rows[0]


def _where(row):
    return row["country"], row["admin1"], row["admin2"], row["location"]


# 1. a dateline names where the dispatch was filed: a weak hint of the country, never the event's place
@pytest.mark.parametrize("text, city", [
    ("BAMAKO, March 10 (Wire) - Gunmen", "BAMAKO"),
    ("N'DJAMENA, 2 mars (Wire) - Des hommes armés", "N'DJAMENA"),
    ("KANO, Nigeria, April 13 (Wire) - Gunmen", "KANO"),
])
def test_dateline_city_span(text, city):
    s, e = dateline_place(text)
    assert text[s:e] == city


def test_no_dateline_no_city():
    assert dateline_place("Gunmen killed five people in Bamako, March 10 - officials said.") is None


def test_apostrophe_prefix_is_part_of_a_name_not_an_acronym():
    found = {m.surface: m.country for m in locate("Des soldats ont été tués à N'Djamena et près de N'Guigmi.")}
    assert found == {"N'Djamena": "Chad", "N'Guigmi": "Niger"}


@pytest.mark.parametrize("text, lang", [
    ("N'DJAMENA, 2 mars (Wire) - Des hommes armés ont tué quatre pêcheurs lundi, selon un responsable local.", "fr"),
    ("N'DJAMENA, March 2 (Wire) - Gunmen killed four fishermen on Monday, a local official said.", "en"),
])
def test_dateline_alone_gives_the_country_not_the_place(text, lang):
    row = _row(text, lang)
    assert row["country"] == "Chad" and row["location"] is None


@pytest.mark.parametrize("text, lang", [
    (("BAMAKO, March 10 (Wire) - Soldiers and Russian mercenaries killed at least 12 villagers on Saturday in "
     "Zorokoro, witnesses said."), "en"),
    (("BAMAKO, 10 mars (Wire) - Des soldats et des mercenaires russes ont tué au moins douze villageois samedi à "
     "Zorokoro, selon des témoins."), "fr"),
    (("BAMAKO, March 10 (Wire) - Soldiers and Russian mercenaries killed at least 12 villagers on Saturday, "
     "witnesses said."), "en"),
])
def test_dateline_outranks_one_nationality_word(text, lang):
    assert _row(text, lang)["country"] == "Mali"


@pytest.mark.parametrize("text, lang", [
    (("OUAGADOUGOU, May 7 (Wire) - Gunmen ambushed a convoy of traders near Djibo on Tuesday, killing 12 people. "
     "The government blamed JNIM."), "en"),
    (("OUAGADOUGOU, 7 mai (Wire) - Des hommes armés ont tendu une embuscade à un convoi près de Djibo mardi, tuant "
     "douze personnes. Le gouvernement accuse le JNIM."), "fr"),
])
def test_dateline_outranks_an_armed_groups_home_country(text, lang):
    assert _where(_row(text, lang))[:2] == ("Burkina Faso", "Sahel")


# a regional hub's dateline with no place of its own country in the text leaves the group's country standing
@pytest.mark.parametrize("text, lang", [
    ("DAKAR, May 7 (Wire) - JNIM fighters killed nine soldiers in an attack on an army post in Kérétou on Tuesday.",
     "en"),
    ("DAKAR, 7 mai (Wire) - Des combattants du JNIM ont tué neuf soldats mardi lors d'une attaque contre un poste "
     "de l'armée à Kérétou.", "fr"),
])
def test_hub_dateline_does_not_outrank_an_armed_groups_home_country(text, lang):
    assert _row(text, lang)["country"] == "Mali"


# a country called the neighbour of the story's is a landmark, not where the event is
@pytest.mark.parametrize("text, lang", [
    (("OUAGADOUGOU, 2 mars (Wire) - Des hommes armés ont tué six civils dimanche à Djibasso, dans la province de la "
     "Kossi. Des habitants ont fui vers le Mali voisin, selon des sources locales."), "fr"),
    (("OUAGADOUGOU, March 2 (Wire) - Gunmen killed six civilians on Sunday in Djibasso in Kossi province. Many "
     "residents fled across the border into Mali, officials said."), "en"),
])
def test_neighbouring_country_is_not_the_event_country(text, lang):
    assert _where(_row(text, lang))[:3] == ("Burkina Faso", "Boucle du Mouhoun", "Kossi")


# no dateline: "neighbouring Mali" says the story's country borders Mali, so a town of that name there wins
@pytest.mark.parametrize("text", [
    "Gunmen killed six civilians on Sunday in Barani. Many residents fled to neighbouring Mali, officials said.",
    "Des hommes armés ont tué six civils dimanche à Barani. Des habitants ont fui vers le Mali voisin.",
])
def test_neighbour_of_the_named_neighbour(text):
    (town,) = [m for m in locate(text) if m.surface == "Barani"]
    assert town.country == "Burkina Faso"


# 2. a first-level region's bonus does not beat a place in a neighbour of the country the text points to
@pytest.mark.parametrize("text", [
    "Israeli forces killed three people in Gaza on Tuesday.",
    "Des frappes israéliennes ont tué cinq personnes à Gaza mardi.",
])
def test_gaza_with_israeli_cues_is_palestine(text):
    (gaza,) = [m for m in locate(text) if m.surface == "Gaza"]
    assert gaza.country == "Palestine"


def test_gaza_with_mozambican_cues_stays_mozambique():
    (gaza,) = [m for m in locate("Mozambican troops clashed with insurgents in Gaza province.") if m.surface == "Gaza"]
    assert gaza.country == "Mozambique"


# 3. a town named on a road says where the event is; the road's ends only name the road
@pytest.mark.parametrize("text, lang", [
    ("Gunmen ambushed a bus on the Gao-Ansongo highway in Bourem on Monday, killing three passengers.", "en"),
    ("Des hommes armés ont attaqué un bus sur l'axe Gao-Ansongo à Bourem lundi, tuant trois passagers.", "fr"),
])
def test_town_on_the_road_wins_over_its_ends(text, lang):
    assert _where(_row(text, lang))[3] == "Bourem"


def test_road_ends_stay_without_a_town_on_the_road():
    assert _where(_row("Gunmen ambushed a bus on the Gao-Ansongo highway on Monday, killing three passengers."))[3] \
        == "Gao"


# 5. a village the gazetteer lacks near a road between two towns: the village, in the nearer town's region
@pytest.mark.parametrize("text, lang", [
    (("Des hommes armés ont attaqué un convoi sur l'axe Gao-Kidal, près de Darakourou, tuant deux soldats maliens "
     "lundi."), "fr"),
    ("Gunmen attacked a convoy on the Gao-Kidal road near Darakourou on Monday, killing two Malian soldiers.", "en"),
])
def test_unknown_village_on_a_road(text, lang):
    row = _row(text, lang)
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == \
        ("Mali", "Kidal", "Darakourou", 2)


# 4. a village the gazetteer lacks, with no known place in its sentence: the story's nearest known place
@pytest.mark.parametrize("text, lang", [
    (("Gunmen attacked the village of Zorokoro on Monday, killing four herders. The army later sent troops from "
     "Bankass."), "en"),
    (("Des hommes armés ont attaqué lundi le village de Zorokoro, tuant quatre bergers. L'armée a ensuite envoyé des "
     "renforts depuis Bankass."), "fr"),
])
def test_unknown_village_takes_units_from_the_storys_nearest_place(text, lang):
    row = _row(text, lang)
    assert _where(row) == ("Mali", "Mopti", "Bankass", "Zorokoro") and row["geo_precision"] == 2
    assert row["latitude"] is not None
