"""Which country an incident is in: ACLED's Palestine convention for Israel's army, communities and units that
only one country has, region names that hold another country's name, and national outlets however they are
spelled. Sentences written for these tests."""
import pytest

from incidents.extract.actors import find_actors
from incidents.extract.article import _actor_country_hint, extract_article
from incidents.extract.countries import outlet_country
from incidents.geo import locate


def countries(text, source=None):
    rows = extract_article({"id": "t", "text": text, "published_at": "2021-06-05T08:00:00Z", "source": source})
    return [r["country"] for r in rows if r["kind"] == "event"]


def hint(text):
    return _actor_country_hint(find_actors(text), text)


def place_countries(text):
    return {p.country for p in locate(text)}


# --- Israel's army and settlers act in the West Bank and Gaza, which ACLED codes as Palestine -----------------

@pytest.mark.parametrize("text", [
    "Israeli soldiers shot and wounded a young man during a raid.",
    "Israeli settlers set fire to olive trees on Friday.",
    "IDF troops demolished two houses on Tuesday.",
    "Des soldats israéliens ont blessé un jeune homme lors d'un raid.",
    "Des colons israéliens ont incendié des oliviers vendredi.",
])
def test_israels_army_and_settlers_point_to_palestine(text):
    assert hint(text) == "Palestine"


def test_israeli_police_still_point_to_israel():
    assert hint("Israeli police arrested two men after a brawl.") == "Israel"


def test_an_israeli_raid_off_gaza_is_in_palestine():
    assert countries("On 3 June 2021, Israeli forces fired rubber bullets at fishermen off the coast of northern Gaza.") \
        == ["Palestine"]


def test_a_town_of_israel_proper_still_decides():
    assert countries("On 3 June 2021, Israeli soldiers arrested a man at a checkpoint in Haifa.") == ["Israel"]


# --- communities and units of one country ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Bambara militiamen stole cattle in Manba.",
    "Dozo hunters burned granaries in Manba.",
    "Des miliciens Dozo ont incendié des greniers à Manba.",
    "Des miliciens Bambara ont volé du bétail à Manba.",
])
def test_central_malian_communities_keep_a_village_the_gazetteer_lacks_in_mali(text):
    # Manba is only known as a town in Japan: a Bambara or Dozo story is no Japanese one
    assert place_countries(text) == {"Mali"}


@pytest.mark.parametrize("text", [
    "Two Dogon herders were found dead near Amba.",
    "Deux éleveurs Dogon ont été tués à Amba.",
])
def test_amba_alone_is_a_place_not_the_ambazonian_fighters(text):
    assert place_countries(text) == {"Mali"}


def test_ambazonian_fighters_still_point_to_cameroon():
    assert hint("Amba boys attacked a checkpoint.") in (None, "Cameroon")
    assert "Cameroon" in place_countries("Amba fighters burned a school in Manba.")


@pytest.mark.parametrize("text", [
    "Gunmen stole cattle near Manba (Cercle of Ouo).",
    "Des hommes armés ont volé du bétail à Manba, dans le cercle de Ouo.",
])
def test_a_cercle_is_malian(text):
    assert place_countries(text) == {"Mali"}


def test_the_two_sides_of_the_line_of_control():
    assert place_countries("Troops exchanged fire at Shahpur sector in Poonch district, J&K.") == {"India"}


@pytest.mark.parametrize("text", [
    "Militants blew up a pipeline in the Niger Delta.",
    "Gunmen kidnapped two oil workers in the Niger Delta on Monday.",
])
def test_the_niger_delta_is_in_nigeria(text):
    assert place_countries(text) == {"Nigeria"}


# --- national outlets, however the source field spells them --------------------------------------------------

@pytest.mark.parametrize("source,country", [
    ("Mali Jet", "Mali"),
    ("MaliJet", "Mali"),
    ("AMAP", "Mali"),
    ("Agence malienne de presse", "Mali"),
    ("Al-Manar TV", "Lebanon"),
    ("Al Sumaria TV", "Iraq"),
    ("Kibaru.com", "Mali"),
    ("ABC Color", "Paraguay"),
    ("La Prensa Gráfica", "El Salvador"),
    ("Philenews", "Cyprus"),
    ("Daily Excelsior", "India"),
])
def test_national_outlets(source, country):
    assert outlet_country(source) == country


@pytest.mark.parametrize("source", ["Punch line", "TV", "News", "France 24 TV", "Twitter"])
def test_a_medium_word_alone_or_an_international_broadcaster_names_no_country(source):
    assert outlet_country(source) is None


def test_a_national_outlet_settles_a_homonym_when_the_text_names_no_country():
    text = "On 3 June 2021, bus drivers protested in San Lorenzo to demand their unpaid wages."
    assert countries(text, source="ABC Color") == ["Paraguay"]
    assert countries(text, source="Última Hora") == ["Paraguay"]
