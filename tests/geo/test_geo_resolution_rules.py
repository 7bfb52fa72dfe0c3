"""Place/country resolution rules, on sentences written for these tests (English and French)."""
import pytest

from incidents.geo import locate
from incidents.geo.build import misfiled_units
from incidents.geo.lexicon import is_near


def places(text, hint=None):
    return [m for m in locate(text, hint) if m.level != "country"]


def countries(text, hint=None):
    return [m.country for m in locate(text, hint) if m.level == "country"]


def one(text, name, hint=None):
    found = [m for m in locate(text, hint) if m.surface == name]
    assert len(found) == 1, found
    return found[0]


# 1. a country named as the origin, partner or target of a movement is a landmark, not the event's country
@pytest.mark.parametrize("text", [
    "A peacekeeper from Liberia was killed near Kidal.",
    "Un casque bleu venu de Liberia a été tué près de Kidal.",
])
def test_origin_country_does_not_drop_the_town(text):
    town = one(text, "Kidal")
    assert (town.country, town.admin1) == ("Mali", "Kidal")


def test_migrants_from_a_country_do_not_move_the_protest():
    town = one("Residents of Kilkis protested against migrants from Afghanistan.", "Kilkis")
    assert town.country == "Greece"


# 2. a force's or company's nationality does not make the town it acts in a homonym
@pytest.mark.parametrize("text", [
    "A French construction company's trucks were burned in Niafunke.",
    "Les camions d'une entreprise française ont été incendiés à Niafunké.",
])
def test_company_nationality_keeps_the_town(text):
    town = places(text)[0]
    assert (town.country, town.admin1, town.location) == ("Mali", "Tombouctou", "Niafunke")


def test_foreign_force_hint_keeps_a_town_named_as_a_place():
    town = one("Turkish forces closed the roads of Afrin on Monday.", "Afrin", hint="Turkey")
    assert (town.country, town.admin1) == ("Syria", "Aleppo")


def test_home_force_still_drops_an_alias_abroad():
    # "Amba" is only an alternate name of a Kazakh town: with Malian soldiers it is an unknown Malian village
    town = one("Des soldats maliens ont été tués près d'Amba.", "Amba")
    assert town.country == "Mali"


def test_other_places_in_the_force_country_keep_the_village_there():
    text = "Afghan security forces shelled a house in Shewan area of Bala Buluk district, Farah."
    assert one(text, "Shewan", hint="Afghanistan").country == "Afghanistan"


# 3. rivers named like a country
@pytest.mark.parametrize("text", [
    "Fighters crossed the Niger river near Ansongo.",
    "Boats on the River Niger were attacked near Ansongo.",
    "Des pirogues ont chaviré sur le fleuve Niger près d'Ansongo.",
])
def test_a_river_named_like_a_country_is_no_country(text):
    assert countries(text) == []
    town = one(text, "Ansongo")
    assert (town.country, town.admin1) == ("Mali", "Gao")


# 4. a country's name used as the adjective of its forces or state
@pytest.mark.parametrize("text", [
    "A US drone strike killed two men in Jilib.",
    "Une frappe de drone US a tué deux hommes à Jilib.",
])
def test_country_name_of_a_force_is_not_a_place(text):
    assert countries(text) == []
    assert one(text, "Jilib").country == "Somalia"


def test_country_name_of_a_government_is_not_a_place():
    assert one("The US government condemned the attack in Jilib.", "Jilib").country == "Somalia"


def test_country_name_alone_is_still_a_country():
    assert countries("Protesters marched in the US capital.") == ["United States"]


# 5. French elision introduces a place like "près de"
@pytest.mark.parametrize("prefix", ["tués près d'", "à l'est d'", "au nord d'", "à 20 km d'", "non loin d'"])
def test_elided_french_near_phrases(prefix):
    assert is_near(prefix)


def test_elided_near_lowers_the_precision():
    town = one("Une attaque a eu lieu à l'est d'Ansongo.", "Ansongo")
    assert (town.location, town.geo_precision, town.near) == ("Ansongo", 2, True)


def test_unknown_hyphenated_village_after_elision():
    village = one("Des hommes armés ont attaqué le village d'In-Tillit, dans la région de Gao.", "In-Tillit")
    assert (village.location, village.country, village.admin1) == ("In-Tillit", "Mali", "Gao")


# 6. a region's own name beats a town abroad that only lists it as an alternate name
@pytest.mark.parametrize("hint", [None, "Armenia"])
def test_region_own_name_beats_an_alias_abroad(hint):
    text = "Troops of Armenia opened fire on Azerbaijani army posts at Kokhanebi, Tovuz."
    village = one(text, "Kokhanebi", hint=hint)
    assert (village.country, village.admin1) == ("Azerbaijan", "Tovuz")


def test_town_with_its_own_countrys_region_is_unchanged():
    town = one("Landless farmers occupied a ranch near Maraba, Para, on Friday.", "Maraba")
    assert town.country == "Brazil"


# 7. an empty unit named like a populated place just across the border is dropped at build time
def test_misfiled_empty_unit_is_dropped():
    units = [(1, "AA", "01", "", "Alpha Region", []), (2, "AA", "01", "77", "Bigtown", []),
             (2, "AA", "01", "78", "Farside", [])]
    points = {("AA", "01", ""): (31.5, 34.5, 1000)}
    # [gid, cc, a1, a2, name, lat, lon, pop, alternates]
    places = [[1, "BB", "09", "", "Bigtown", 31.6, 34.4, 400_000, []],
              [2, "CC", "03", "", "Farside", 10.0, 10.0, 400_000, []]]
    assert misfiled_units(units, points, places) == {("AA", "01", "77")}


def test_gaza_is_not_an_israeli_district():
    found = [m for m in locate("Israel said an airstrike hit a house in Gaza.") if m.surface == "Gaza"]
    assert all(m.country != "Israel" for m in found)


# 8. a city quarter lies in the town the article names
@pytest.mark.parametrize("text", [
    "La police a dispersé des étudiants à Bamako. Ils avaient bloqué une avenue du quartier de Badalabougou.",
    "Police dispersed students in Bamako on Monday. They had blocked a road in the Badalabougou neighbourhood.",
])
def test_quarter_takes_the_articles_town(text):
    quarter = one(text, "Badalabougou")
    assert (quarter.location, quarter.country, quarter.admin1) == ("Badalabougou", "Mali", "Bamako")


# 9. halves of a hyphenated name are no places alone; a road between two towns names both
def test_second_half_of_a_hyphenated_name_is_not_a_region():
    found = locate("Observers recorded sixteen explosions near Orikhove-Donetske.")
    assert all(m.admin1 != "Donetsk" for m in found)


@pytest.mark.parametrize("text", [
    "A convoy hit a mine on the Gao-Gossi axis.",
    "Une mine a explosé sur l'axe Gao-Ansongo.",
])
def test_a_road_between_two_towns_names_the_first(text):
    first = places(text)[0]
    assert (first.location, first.admin1, first.geo_precision) == ("Gao", "Gao", 1)


def test_directional_suffix_keeps_the_town():
    town = one("Armed men attacked herders near Ansongo-Est.", "Ansongo")
    assert town.admin1 == "Gao"


@pytest.mark.parametrize("text,street,town,admin1", [
    ("Mortar shells hit homes on Sanaa Street in Hodeidah, Yemen.", "Sanaa", "Hodeidah", "Al Hudaydah"),
    ("A car bomb exploded on Haifa Street in Baghdad.", "Haifa", "Baghdad", "Baghdad"),
    ("Des manifestants ont bloqué l'avenue de Bamako à Dakar.", "Bamako", "Dakar", "Dakar"),
])
def test_a_street_named_after_a_town_is_not_that_town(text, street, town, admin1):
    found = places(text)
    assert street not in [m.surface for m in found]
    assert (one(text, town).admin1) == admin1
