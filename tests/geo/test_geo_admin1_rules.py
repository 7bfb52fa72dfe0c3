"""Admin1 names as ACLED writes them, and the rules that pick the right first-level unit for a named place."""
import pytest

from incidents.geo import store
from incidents.geo.admin_names import ACLED_ADMIN1, acled_admin1
from incidents.geo.locate import locate
from incidents.geo.text import key


def _places(text, **kw):
    return [p for p in locate(text, **kw) if p.level == "place"]


def _unit_names(cc):
    g = store.get()
    return {e[store.NAME] for e in g.entries if e[store.KIND] == "A1" and e[store.CC] == cc}


def test_acled_table_is_keyed_by_geonames_code():
    assert acled_admin1("LB", "08") == "Bekaa"
    assert acled_admin1("IQ", "18") == "Sala al-Din"
    assert acled_admin1("LB", "04") is None  # Beirut: the derived name is ACLED's already
    assert acled_admin1("XX", "01") is None


@pytest.mark.parametrize("cc", ["LB", "IQ", "GR", "MX", "UA", "SY"])
def test_packaged_gazetteer_carries_the_acled_names(cc):
    names = _unit_names(cc)
    assert set(ACLED_ADMIN1[cc].values()) <= names


def test_geonames_name_of_a_renamed_unit_still_finds_it():
    g = store.get()
    for text_name, acled in (("Al Biqa", "Bekaa"), ("Ash Shimal", "North"), ("Dhi Qar", "Thi-Qar"),
                             ("Attiki", "Attica")):
        assert acled in {g.entries[i][store.NAME] for i in g.candidates(key(text_name))}


def test_places_take_acled_admin1_names_english():
    [p] = _places("Protesters blocked the main road in Zahle on Monday, Lebanon.")
    assert (p.country, p.admin1) == ("Lebanon", "Bekaa")
    [q] = _places("A roadside bomb killed two soldiers near Ramadi, Iraq, on Sunday.")
    assert (q.country, q.admin1) == ("Iraq", "Anbar")
    [r] = _places("Taxi drivers marched through Mexico City on Friday.")
    assert r.admin1 == "Distrito Federal"


def test_places_take_acled_admin1_names_french():
    [p] = _places("Des manifestants ont bloqué une route à Tripoli, au Liban, lundi.")
    assert (p.country, p.admin1) == ("Lebanon", "North")
    [q] = _places("Des infirmières ont manifesté à Kyiv, en Ukraine, jeudi.")
    assert (q.country, q.admin1) == ("Ukraine", "Kiev City")


def test_text_spelling_of_a_region_does_not_replace_acled_name():
    # the text writes the region its own way; the row still carries ACLED's name
    ms = [m for m in locate("Armenian forces fired on positions in Terter district, Azerbaijan.") if m.admin1]
    assert ms and {m.admin1 for m in ms} == {"Tartar"}
    fr = [m for m in locate("Des obus sont tombés sur Saraqib, dans la province d'Idlib, mardi.") if m.admin1]
    assert fr and {m.admin1 for m in fr} == {"Idleb"}


def test_region_qualifier_beats_a_town_of_that_name_elsewhere():
    # "Nuevo Leon" is also a town of Coahuila, where Saltillo lies: after a comma it names the state
    ms = locate("Gunmen killed a man in Garcia municipality, Nuevo Leon, on the highway to Saltillo.")
    nl = [m for m in ms if m.surface == "Nuevo Leon"]
    assert nl and nl[0].admin1 == "Nuevo Leon" and nl[0].level == "admin1"
    fr = locate("Des hommes armés ont tué un homme dans la municipalité de Garcia, Nuevo Leon, près de Saltillo.")
    assert {m.admin1 for m in fr if m.surface == "Nuevo Leon"} == {"Nuevo Leon"}


def test_month_before_a_comma_and_a_unit_word_is_no_place():
    ms = locate("Around 8 May 2020, state police dispersed a protest in Ludhiana district (Punjab).")
    assert not [m for m in ms if m.surface == "May"]
    assert {m.admin1 for m in ms if m.admin1} == {"Punjab"}


def test_spanish_neighbourhood_word_is_no_place():
    ms = locate("A man was found dead in Colonia 20 de Noviembre, Acapulco, Guerrero.")
    assert not [m for m in ms if m.surface == "Colonia"]
    assert {m.admin1 for m in ms if m.admin1} == {"Guerrero"}


def test_city_named_like_its_region_is_the_city():
    [p] = _places("Une voiture piégée a explosé dans la ville d'Ar-Raqqa, en Syrie.")
    assert (p.location, p.admin1, p.geo_precision) == ("Ar Raqqah", "Ar-Raqqa", 1)


def test_cabinet_of_ministers_is_no_village():
    ms = locate("About 300 entrepreneurs protested outside the Cabinet of Ministers in Kyiv, Ukraine.")
    assert not [m for m in ms if m.surface == "Ministers"]


def test_town_qualified_by_its_own_region_stays_a_town():
    # "La Guajira" is a Colombian department and a municipality of Zulia: "..., Zulia state" says which
    ms = locate("Residents protested in Machiques de Perija, La Guajira, Zulia state, over fuel shortages.")
    assert {m.admin1 for m in ms if m.surface in ("La Guajira", "Zulia")} == {"Zulia"}
