"""Mission areas for homonyms, the text's spelling of a town, villages named after a verb, and first-level names
ACLED uses that GeoNames lacks (Saladin, Belgrade). Example sentences are invented."""
import pytest

from incidents.extract.deployments import mission_areas
from incidents.extract.places import locate
from incidents.geo.admin_names import acled_admin1_of_admin2, admin1_aliases


def _place(text, name):
    return next(p for p in locate(text) if p.level == "place" and p.surface == name)


# --- a monitoring mission's area settles a homonym ----------------------------------------------------------------

def test_mission_areas_come_from_the_deployments_data():
    assert mission_areas("The OSCE SMM recorded shelling.") == {("Ukraine", "Donetsk"), ("Ukraine", "Luhansk")}
    assert ("Lebanon", "South") in mission_areas("UNIFIL patrols were blocked.")
    assert mission_areas("MINUSMA convoys were attacked.") == frozenset()  # a theatre without a listed area
    assert mission_areas("OSCE election observers arrived.") == frozenset()


@pytest.mark.parametrize("text", [
    "The OSCE SMM recorded 12 explosions near Serhiivka.",
    "Selon la Mission spéciale d'observation de l'OSCE, des explosions ont été entendues près de Serhiivka.",
    "Des explosions ont été entendues près de Serhiivka, selon la MSO de l'OSCE.",
])
def test_a_homonym_lies_in_the_area_of_the_mission_the_text_names(text):
    assert _place(text, "Serhiivka").admin1 == "Donetsk"


def test_without_the_mission_the_homonym_is_not_forced_into_its_area():
    assert _place("Shelling was reported near Serhiivka, Ukraine.", "Serhiivka").admin1 != "Donetsk"


# --- the location keeps the text's spelling of a village, the gazetteer's name of a city --------------------------

@pytest.mark.parametrize("text", [
    "Police detained protesters in Chervonoarmiisk, Zhytomyr oblast, Ukraine.",
    "La police a interpellé des manifestants à Chervonoarmiisk, dans l'oblast de Jytomyr, en Ukraine."])
def test_a_village_called_by_its_older_name_keeps_the_texts_name(text):
    p = _place(text, "Chervonoarmiisk")  # the gazetteer's name is Pulyny
    assert (p.location, p.admin1) == ("Chervonoarmiisk", "Zhytomyr")


@pytest.mark.parametrize("text", ["Shelling was reported near Kashtanove, Ukraine.",
                                  "Des tirs ont été signalés près de Kashtanove, en Ukraine."])
def test_a_village_only_respelt_keeps_the_gazetteer_spelling(text):
    assert _place(text, "Kashtanove").location == "Kashtanovoye"


@pytest.mark.parametrize("text", ["Armed men attacked a post near Tombouctou in Mali.",
                                  "Des combattants ont attaqué un poste près de Tombouctou, au Mali."])
def test_a_city_called_by_an_exonym_keeps_the_gazetteer_name(text):
    assert _place(text, "Tombouctou").location == "Timbuktu"


# --- "stormed X village": a village named after a verb ------------------------------------------------------------

def test_a_village_named_right_after_a_verb_is_the_place():
    p = _place("Gunmen stormed Maigora village in Zamfara state, Nigeria.", "Maigora")
    assert (p.location, p.admin1, p.country) == ("Maigora", "Zamfara", "Nigeria")


@pytest.mark.parametrize("text", ["Gunmen attacked a Druze village in Sweida, Syria.",
                                  "Gunmen burned their Alawite village near Homs.",
                                  "Militants raided a Fulani village near Mopti."])
def test_a_kind_of_village_is_no_village_name(text):
    assert not any(p.surface in ("Druze", "Alawite", "Fulani") for p in locate(text))


def test_french_village_de_still_names_the_village():
    p = _place("Des hommes armés ont attaqué le village de Maigora, dans l'État de Zamfara.", "Maigora")
    assert p.admin1 == "Zamfara"


# --- first-level names ACLED uses ---------------------------------------------------------------------------------

def test_saladin_is_an_alias_of_sala_al_din():
    assert "Saladin" in admin1_aliases("IQ", "18")


@pytest.mark.parametrize("text", ["Militants attacked an army post in Saladin province, Iraq.",
                                  "Des combattants ont attaqué un poste de l'armée dans la province de Saladin, en Irak."])
def test_saladin_province_is_sala_al_din(text):
    assert any(p.admin1 == "Sala al-Din" for p in locate(text))


def test_belgrade_city_is_its_own_first_level_region():
    assert acled_admin1_of_admin2("RS", "SE", "0") == "Belgrade"
    assert acled_admin1_of_admin2("RS", "SE", "20") is None


@pytest.mark.parametrize("text,name,region", [
    ("Citizens protested in Belgrade, Serbia.", "Belgrade", "Belgrade"),
    ("Des manifestants se sont rassemblés à Belgrade, en Serbie.", "Belgrade", "Belgrade"),
    ("Protesters gathered in Novi Sad, Serbia.", "Novi Sad", "Vojvodina"),
    ("Des manifestants ont défilé à Nis, en Serbie.", "Nis", "Central Serbia"),
])
def test_serbian_regions_as_acled_codes_them(text, name, region):
    assert _place(text, name).admin1 == region


# --- "in southern X": a respelled name after a part-of-place adjective is still introduced as a place -------------

@pytest.mark.parametrize("text", ["Clashes broke out in southern Qalqiliyah, Palestine.",
                                  "Des affrontements ont éclaté dans le sud de Qalqiliyah, en Palestine."])
def test_a_respelt_name_after_a_direction_adjective_is_found(text):
    assert any(p.location == "Qalqilyah" and p.admin1 == "West Bank" for p in locate(text))
