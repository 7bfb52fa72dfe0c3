"""Admin1 as ACLED writes it for the last countries whose first-level naming differed from GeoNames'."""
import pytest

from incidents.geo import store
from incidents.geo.admin_names import ACLED_ADMIN1, acled_admin1, acled_admin1_of_admin2
from incidents.geo.locate import locate


def _first_place(text, **kw):
    places = [p for p in locate(text, **kw) if p.level in ("place", "admin2")]
    assert places, text
    return places[0]


def _unit_names(cc):
    g = store.get()
    return {e[store.NAME] for e in g.entries if e[store.KIND] == "A1" and e[store.CC] == cc}


def test_russian_regions_keep_their_type():
    assert acled_admin1("RU", "54") == "Omsk Oblast"
    assert acled_admin1("RU", "04") == "Altai Krai"
    assert acled_admin1("RU", "17") == "Republic of Dagestan"
    assert acled_admin1("RU", "48") == "Moscow"  # the federal city, apart from Moscow Oblast


def test_packaged_gazetteer_carries_the_russian_names():
    assert set(ACLED_ADMIN1["RU"].values()) <= _unit_names("RU")


@pytest.mark.parametrize("text, admin1", [
    ("Pensioners rallied in Omsk against the pension reform.", "Omsk Oblast"),
    ("Des retraités ont manifesté à Iekaterinbourg contre la réforme des retraites.", "Sverdlovsk Oblast"),
    ("Police detained two men in Makhachkala, Dagestan.", "Republic of Dagestan"),
    ("Des habitants de Barnaoul ont protesté contre la fermeture d'un hôpital.", "Altai Krai"),
])
def test_russian_places_get_the_acled_region(text, admin1):
    assert _first_place(text).admin1 == admin1


def test_uganda_admin1_is_the_district():
    assert acled_admin1_of_admin2("UG", "N", "01", "Gulu") == "Gulu"
    assert acled_admin1_of_admin2("RS", "SE", "0") == "Belgrade"
    assert acled_admin1_of_admin2("KE", "01", "01", "Anything") is None


@pytest.mark.parametrize("text, admin1", [
    ("Soldiers beat a trader in Gulu town over the curfew.", "Gulu"),
    ("Des policiers ont dispersé des manifestants à Jinja, en Ouganda.", "Jinja"),
    ("Residents of Mbarara protested against land evictions.", "Mbarara"),
])
def test_ugandan_places_get_their_district(text, admin1):
    assert _first_place(text).admin1 == admin1


@pytest.mark.parametrize("text", [
    "On 4 June, gunmen shot a farmer dead in San Andres de Tuxtla, Veracruz.",
    "Le 4 juin, des hommes armés ont tué un agriculteur à San Andres de Tuxtla, Veracruz.",
])
def test_a_homonym_guess_does_not_confirm_its_own_region(text):
    # "San Andres" alone is a Puebla town; only the region the text names (Veracruz) may pull the choice
    first = [p for p in locate(text) if p.level == "place"][0]
    assert first.admin1 == "Veracruz"


def test_a_village_of_another_district_after_the_named_district_gives_way():
    from incidents.extract.places import choose_place
    text = ("Des policiers ont trouvé deux corps dans la municipalité d'Apaseo el Grande, Guanajuato, "
            "sur un chemin menant à Guadalupe.")
    best = choose_place(locate(text), (0, len(text)))
    assert (best.admin1, best.location) == ("Guanajuato", "Apaseo el Grande")
