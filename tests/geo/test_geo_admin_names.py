"""ACLED-style names of administrative units, from a GeoNames name and its alternate names."""
from incidents.geo.admin_names import acled_admin_name


def test_english_positional_name_replaces_an_arabic_or_somali_one():
    assert acled_admin_name("Shamāl Sīnā'", ["North Sinai", "North Sinai Governorate"]) == "North Sinai"
    assert acled_admin_name("Jubbada Hoose", ["Gobolka Jubbada Hoose", "Lower Juba"]) == "Lower Juba"
    assert acled_admin_name("Al Janūb", ["South Governorate"]) == "South"


def test_local_positional_names_in_european_languages_stay():
    # ACLED keeps "Nord-Kivu" and "Nord-Ouest", not their English translations
    assert acled_admin_name("Nord Kivu", ["North Kivu", "Nord-Kivu"]) == "Nord Kivu"
    assert acled_admin_name("Kasaï-Oriental", ["East Kasai"]) == "Kasai-Oriental"
    # an English primary name is kept as it is
    assert acled_admin_name("North-West", ["Nord-Ouest", "North-West Region"]) == "North-West"


def test_type_word_then_shorter_alias():
    assert acled_admin_name("Región Metropolitana de Santiago", ["Metropolitana", "Santiago Metropolitan"]) \
        == "Metropolitana"
    assert acled_admin_name("Douentza Cercle") == "Douentza"


def test_ottoman_district_type_words_are_dropped():
    # Lebanon's and Iraq's districts carry the Ottoman "kaza" in GeoNames; news names them bare
    assert acled_admin_name("Caza du Chouf") == "Chouf"
    assert acled_admin_name("Caza de Baabda") == "Baabda"
    assert acled_admin_name("Qada Samarra") == "Samarra"


def test_a_district_named_bare_in_text_gives_its_region():
    from incidents.extract import extract_article
    rows = extract_article({"id": "t", "published_at": "2020-05-02T08:00:00Z",
                            "text": "On 1 May 2020, protesters gathered in Chouf, Lebanon, against rising prices."})
    assert [(r["country"], r["admin1"]) for r in rows if r["kind"] == "event"] == [("Lebanon", "Mount Lebanon")]
