"""Places named the way wire copy names them, outside the Sahel: admin-unit words in English, French, Spanish and
Portuguese, ACLED's admin1 names, apostrophes, qualifier chains and where people came from.
Sentences written for these tests; "Zorokoro" is an invented village name."""
import pytest

from incidents.extract import extract_article
from incidents.extract.places import choose_place, locate as places_locate
from incidents.geo import locate
from incidents.geo.text import display


def _row(text, lang="en"):
    rows = [r for r in extract_article({"id": "w", "title": "", "text": text, "language": lang,
                                        "published_at": "2025-03-12T09:00:00Z", "source": "Wire"})
            if r["kind"] == "event"]
    assert rows
    return rows[0]


# (text, lang, country, admin1, location or None to skip, geo_precision or None to skip)
WIRE = [
    ("Gunmen killed 12 villagers in Gusau, the Zamfara state capital, on Monday, police said.", "en",
     "Nigeria", "Zamfara", "Gusau", 1),
    ("Bandits attacked a village in Tsafe local government area of Zamfara State, killing seven people.", "en",
     "Nigeria", "Zamfara", "Tsafe", None),
    ("Boko Haram fighters killed five farmers in Borno's Gwoza LGA on Sunday.", "en", "Nigeria", "Borno", "Gwoza", 2),
    ("Unknown gunmen killed two herders in Bokkos LGA, Plateau State.", "en", "Nigeria", "Plateau", "Bokkos", 2),
    ("Al-Shabaab militants attacked a military base in the Lower Shabelle region on Tuesday.", "en",
     "Somalia", "Lower Shabelle", None, 3),
    ("A roadside bomb killed three soldiers in Afgoye district, officials said.", "en",
     "Somalia", "Lower Shabelle", None, None),
    ("Des rebelles du M23 ont tué six civils dans le territoire de Rutshuru, province du Nord-Kivu.", "fr",
     "Democratic Republic of Congo", "Nord-Kivu", "Rutshuru", 2),
    ("CODECO militiamen killed 20 displaced people in Djugu territory in Ituri on Friday.", "en",
     "Democratic Republic of Congo", "Ituri", "Djugu", 2),
    ("Des hommes armés ont tué cinq civils à Beni, dans la province du Nord-Kivu.", "fr",
     "Democratic Republic of Congo", "Nord-Kivu", "Beni", 1),
    ("RSF shelling killed 15 civilians in El Fasher, North Darfur, on Wednesday.", "en",
     "Sudan", "North Darfur", "El Fasher", 1),
    ("Fano militiamen clashed with federal troops in the Amhara region, residents said.", "en",
     "Ethiopia", "Amhara", None, 3),
    ("Federal troops and rebels clashed in the Tigray region on Sunday.", "en", "Ethiopia", "Tigray", None, 3),
    ("Separatist fighters killed two gendarmes in Cameroon's North-West region on Monday.", "en",
     "Cameroon", "Nord-Ouest", None, 3),
    ("Separatists attacked a checkpoint in Bamenda, killing a soldier.", "en", "Cameroon", "Nord-Ouest", "Bamenda", 1),
    ("Des séparatistes ont attaqué un poste de gendarmerie dans le département de la Mezam, région du Nord-Ouest.",
     "fr", "Cameroon", "Nord-Ouest", None, None),
    ("Insurgents attacked Mocímboa da Praia in Cabo Delgado province on Saturday.", "en",
     "Mozambique", "Cabo Delgado", "Mocimboa da Praia", 1),
    ("Junta airstrikes killed 11 people in Myanmar's Sagaing region, residents said.", "en",
     "Myanmar", "Sagaing", None, 3),
    ("Gang members killed eight people in Port-au-Prince's Cité Soleil neighbourhood.", "en",
     "Haiti", "Ouest", None, None),
    ("Gunmen killed four police officers in Culiacán, Sinaloa, on Thursday.", "en",
     "Mexico", "Sinaloa", "Culiacan", 1),
    ("FARC dissidents attacked a police station in the Cauca department of Colombia.", "en",
     "Colombia", "Cauca", None, 3),
    ("Turkish drones struck a village near Qamishli in Syria's Hasakah province.", "en",
     "Syria", "Al-Hasakeh", None, 2),
    ("Houthi forces shelled residential areas in Taiz, Yemen, killing two children.", "en", "Yemen", "Taizz", None, 1),
    ("Gunmen killed three people in Kajuru local government area of Kaduna State on Monday.", "en",
     "Nigeria", "Kaduna", "Kajuru", None),
    ("Police fired tear gas at protesters in Abuja, the Federal Capital Territory, on Monday.", "en",
     "Nigeria", "Federal Capital Territory", "Abuja", 1),
    ("Two soldiers were killed in Khost province, Afghanistan.", "en", "Afghanistan", "Khost", None, 3),
    ("Des manifestants ont été dispersés lundi à NDjamena par la police.", "fr", "Chad", "N'Djamena", None, 1),
]


@pytest.mark.parametrize("text, lang, country, admin1, location, precision", WIRE)
def test_wire_places(text, lang, country, admin1, location, precision):
    row = _row(text, lang)
    assert (row["country"], row["admin1"]) == (country, admin1)
    if location is not None:
        assert row["location"] == location
    if precision is not None:
        assert row["geo_precision"] == precision


def _by_surface(text):
    return {m.surface: m for m in locate(text)}


# Spanish and Portuguese unit words before the name pick its level: "estado de Sinaloa" is the state, not the
# town Sinaloa de Leyva
@pytest.mark.parametrize("text, name, level, admin1", [
    ("Hombres armados asesinaron a cuatro policías en Culiacán, estado de Sinaloa.", "Sinaloa", "admin1", "Sinaloa"),
    ("Disidentes atacaron una estación de policía en el departamento del Cauca.", "Cauca", "admin1", "Cauca"),
    ("Homens armados mataram dois agricultores no município de Itaituba, no estado do Pará.", "Pará", "admin1",
     "Para"),
    ("Insurgentes atacaram uma aldeia no distrito de Macomia, na província de Cabo Delgado.", "Cabo Delgado",
     "admin1", "Cabo Delgado"),
    ("Des rebelles ont attaqué Kiwanja, dans le territoire de Rutshuru.", "Rutshuru", "admin2", "Nord-Kivu"),
])
def test_unit_word_before_the_name(text, name, level, admin1):
    m = _by_surface(text)[name]
    assert (m.level, m.admin1) == (level, admin1)


def test_french_joiner_inside_a_name():
    m = _by_surface("Des gangs ont attaqué un commissariat à Port-au-Prince samedi.")["Port-au-Prince"]
    assert (m.country, m.admin1) == ("Haiti", "Ouest")


def test_capitalised_news_word_opening_a_sentence_is_no_place():
    found = _by_surface("Gang violence spread in Port-au-Prince. Violence in N'Djamena worried residents.")
    assert "Gang" not in found and "Violence" not in found


def test_apostrophe_lost_from_a_one_letter_prefix_is_still_a_name():
    m = _by_surface("Police dispersed protesters in NDjamena on Monday.")["NDjamena"]
    assert (m.country, m.admin1, m.location) == ("Chad", "N'Djamena", "N'Djamena")


def test_acronym_is_no_unknown_village():
    assert set(_by_surface("The SMM saw NGOs in Kyiv.")) == {"Kyiv"}


@pytest.mark.parametrize("name, shown", [
    ("N'Djamena", "N'Djamena"), ("N’Gaous", "N'Gaous"), ("Hawke's Bay", "Hawke's Bay"),
    ("Valle d'Aosta", "Valle d'Aosta"), ("Ta‘izz", "Taizz"), ("Zol’noye", "Zolnoye"), ("Kotayk'", "Kotayk"),
    ("Ha'il", "Hail"), ("Ma‘arrat an Nu‘mān", "Maarrat an Numan"),
])
def test_display_keeps_elision_and_possessive_apostrophes_only(name, shown):
    assert display(name) == shown


@pytest.mark.parametrize("text, name, admin1", [
    ("Fighting was reported in Amhara on Monday.", "Amhara", "Amhara"),
    ("Des combats ont éclaté au Tigray lundi.", "Tigray", "Tigray"),
    ("Protesters gathered in Oujda, in the Oriental region of Morocco.", "Oujda", "Oriental"),
    ("Protesters gathered in Abidjan on Friday.", "Abidjan", "Abidjan"),
    ("Herders clashed near Tamanrasset, Algeria.", "Tamanrasset", "Tamanghasset"),
])
def test_acled_admin1_names(text, name, admin1):
    assert _by_surface(text)[name].admin1 == admin1


# "X neighbourhood of Y", "X village near Y town": X lies where Y is; a homonym elsewhere is not it
@pytest.mark.parametrize("text, name, admin1", [
    ("Gunmen attacked a shop in Baglar neighborhood of Bagcilar, Istanbul.", "Baglar", "Istanbul"),
    ("Un obus est tombé dans le quartier Baglar de Bagcilar, à Istanbul.", "Istanbul", "Istanbul"),
    ("A mob attacked a family in Hamirpur village near Rapar town (Kachchh, Gujarat) on Sunday.", "Hamirpur",
     "Gujarat"),
])
def test_qualifier_chain_places_a_homonym_in_the_named_region(text, name, admin1):
    assert _by_surface(text)[name].admin1 == admin1


def test_village_near_a_town_takes_the_town_coordinates():
    text = "A mob attacked a family in Hamirpur village near Rapar town (Kachchh, Gujarat) on Sunday."
    found = _by_surface(text)
    m, town = found["Hamirpur"], found["Rapar"]
    assert (m.latitude, m.longitude, m.geo_precision) == (town.latitude, town.longitude, 2)


# where the people came from is not where the event happened
@pytest.mark.parametrize("text, lang, admin1, location", [
    ("Residents of Vikasnagar staged a protest in Lucknow city on Monday.", "en", "Uttar Pradesh", "Lucknow"),
    ("Militiamen from the Mapel area attacked a cattle camp in Tonj South county, Warrap state, killing two.", "en",
     "Warrap", None),
    ("Des habitants de Kati ont manifesté à Bamako lundi contre les coupures d'électricité.", "fr", "Bamako",
     "Bamako"),
])
def test_origin_gives_way_to_the_event_place(text, lang, admin1, location):
    row = _row(text, lang)
    assert row["admin1"] == admin1
    if location:
        assert row["location"] == location


@pytest.mark.parametrize("text", [
    "Gunmen abducted five farmers from Zorokoro village near Douentza on Monday.",
    "Gunmen killed two people 20 km from Douentza on Monday.",
])
def test_taken_from_or_distance_from_is_no_origin(text):
    places = places_locate(text)
    assert not any(getattr(p, "origin", False) for p in places)
    assert choose_place(places, (0, len(text))).admin1 == "Mopti"
