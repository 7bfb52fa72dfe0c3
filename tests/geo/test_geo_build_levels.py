"""The gazetteer build reads a unit's level from its GeoNames code, not from the ISO hierarchy depth."""
from incidents.geo.build import _read_subdivisions
from incidents.geo.locate import locate

# name, iso, geonames code, geonames id, type, aliases, iso level (the columns the build reads)
_ROWS = [
    ("Northland Region", "XX-NR", "XX.90", "1", "Region", "", "1"),
    # an ISO region above two GeoNames first-level units: the units are ISO level 2
    ("Hill Country", "XX-HC", "", "2", "Region", "", "1"),
    ("Upper Vale", "XX-UV", "XX.91", "3", "Governorate", "Upper Vale Governorate", "2"),
    ("Lower Vale", "XX-LV", "XX.92", "4", "Governorate", "", "2"),
    # a district of Upper Vale listed one level deeper still
    ("Stone District", "", "XX.91.500", "5", "", "", "3"),
    # an ISO level-2 district filed under Northland's own code must not replace Northland
    ("Okrug of Northland", "XX-ON", "XX.90", "6", "District", "", "2"),
    # a district whose first-level unit is unknown is left out
    ("Orphan District", "", "XX.99.501", "7", "", "", "3"),
]


def _write(tmp_path, rows):
    p = tmp_path / "subdivisions.tsv"
    p.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return p


def test_iso_level_two_unit_with_a_first_level_code_is_admin1(tmp_path):
    units = {u[1:4]: (u[0], u[4]) for u in _read_subdivisions(_write(tmp_path, _ROWS)).values()}
    assert units[("XX", "91", "")] == (1, "Upper Vale")
    assert units[("XX", "92", "")] == (1, "Lower Vale")
    assert units[("XX", "91", "500")] == (2, "Stone District")


def test_first_level_code_keeps_the_iso_first_level_unit(tmp_path):
    # the okrug comes after Northland here; listed before it, it must not win either
    for rows in (_ROWS, [_ROWS[5], *_ROWS[:5]]):
        units = {u[1:4]: u[4] for u in _read_subdivisions(_write(tmp_path, rows)).values()}
        assert units[("XX", "90", "")] == "Northland Region"
        assert ("XX", "99", "501") not in units


def test_kurdistan_governorate_city_has_its_admin1():
    # Erbil is an ISO level-2 unit (under the Kurdistan Region) yet a GeoNames first-level governorate
    [p] = [p for p in locate("Teachers in Erbil city protested against salary delays on Sunday.")
           if p.level == "place"]
    assert (p.country, p.admin1) == ("Iraq", "Erbil")
    [q] = [q for q in locate("Des enseignants ont manifesté à Souleimaniye, au Kurdistan irakien.")
           if q.level == "place"]
    assert q.country == "Iraq" and q.admin1 == "Sulaymaniyah"  # ACLED's name for GeoNames' As Sulaymaniyah


def test_inflected_local_county_name_takes_its_plain_english_form():
    from incidents.geo.admin_names import acled_admin_name
    assert acled_admin_name("Kauno apskritis", ["Kaunas", "Kaunas County"]) == "Kaunas"
    assert acled_admin_name("Splitsko-dalmatinska", ["Split-Dalmatia County", "Županija splitsko-dalmatinska"]) \
        == "Split-Dalmatia"
    # "County" alone or a generic word leaves the name; an accented alias is not the plain English form
    assert acled_admin_name("Harjumaa", ["Harjumaa maakond", "Capital County"]) == "Harjumaa"
    assert acled_admin_name("Södermanlands län", ["Södermanland County"]) == "Sodermanlands lan"


def _places(text, **kw):
    return [p for p in locate(text, **kw) if p.level == "place"]


def test_region_qualifier_in_a_spelling_the_gazetteer_lacks_gives_admin1():
    # Libya's Al Jafarah written with its article run in and a vowel dropped, as Libyan sources do
    [p] = _places("Rival militias clashed in Bir Hasan (Aljfara), Libya, on Tuesday.")
    assert (p.country, p.admin1, p.location) == ("Libya", "Aljfara", "Bir Hasan")
    [q] = _places("Des obus sont tombés sur Bir Hasan (Aljfara), en Libye, mardi.")
    assert (q.country, q.admin1) == ("Libya", "Aljfara")


def test_respelled_region_needs_the_story_country_and_a_closed_qualifier():
    # no country points to Libya: a look-alike region name alone places nothing
    assert not [p for p in locate("Shells fell on Bir Hasan (Eljfara) on Tuesday.") if p.admin1]
    # "Segou Region" is the region's own name with its type word, not a respelling of another unit
    [p] = _places("An IED struck an army truck in Ndoukala, Segou Region, Mali.")
    assert (p.country, p.admin1) == ("Mali", "Segou")


def test_countryside_region_is_known_as_rural_city():
    from incidents.geo.admin_names import acled_admin_name
    from incidents.geo.build import rural_forms
    assert acled_admin_name("Rif Dimashq", ["Damascus Countryside"]) == "Rural Damascus"
    assert acled_admin_name("Rif Dimashq", ["Rif Dimashq Governorate"]) == "Rif Dimashq"  # no English city name
    assert acled_admin_name("Rifa", ["Riverside Countryside"]) == "Rifa"  # "Rif" must be a word of its own
    assert rural_forms(["Aleppo Countryside", "Halab"]) == ["Rural Aleppo"]
    [p] = _places("Security forces arrested six men in Qudsaya in Rural Damascus, Syria, on Monday.")
    assert (p.country, p.admin1) == ("Syria", "Rural Damascus")
    # a town of the region (GeoNames "Qadsayya") carries the region's English name too
    q = _places("Les forces de sécurité ont arrêté six hommes à Qudsaya, dans la campagne de Damas, en Syrie.")[0]
    assert (q.location, q.admin1) == ("Qadsayya", "Rural Damascus")


def test_iso_inverted_region_name_keeps_the_name_before_the_comma():
    from incidents.geo.admin_names import acled_admin_name
    assert acled_admin_name("Murcia, Región de", ["Región de Murcia"]) == "Murcia"
    assert acled_admin_name("Tatarstan, Respublika", []) == "Tatarstan"
    assert acled_admin_name("Ab, Something", []) == "Ab, Something"  # too short a head to be the name
