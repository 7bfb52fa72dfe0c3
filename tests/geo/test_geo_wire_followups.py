"""Wire places, follow-ups: datelines with their country, towns on a road named elsewhere, villages qualified by a
region after a country's possessive. Sentences written for these tests (English and French); "Zorokoro",
"Darakourou", "Kalembou" and "Tessoumba" are invented village names."""
import pytest

from incidents.extract import extract_article
from incidents.extract.dateline import dateline_country, dateline_place, dateline_spans
from incidents.geo import locate


def _row(text, lang="en"):
    rows = [r for r in extract_article({"id": "f", "title": "", "text": text, "language": lang,
                                        "published_at": "2025-03-12T09:00:00Z", "source": "Wire"})
            if r["kind"] == "event"]
    assert rows
    return rows[0]


def _cut(text, span):
    return text[span[0]:span[1]] if span else None


# 1. a dateline may give its city's country in brackets or after a comma: the country is a hint, the city no place
@pytest.mark.parametrize("text, city, country", [
    ("BENI (RD Congo), 26 mai (Wire) - Des rebelles", "BENI", "RD Congo"),
    ("MAROUA (Cameroun), 18 juillet (Wire) - Des hommes armés", "MAROUA", "Cameroun"),
    ("BUNIA ( RD Congo ), 3 juin (Wire) - Des miliciens", "BUNIA", "RD Congo"),
    ("GOMA, DR Congo, May 2 (Reuters) - Rebels", "GOMA", "DR Congo"),
    ("KANO, Nigeria, April 13 (Wire) - Gunmen", "KANO", "Nigeria"),
    ("NIAMEY, 19 mars (Wire) - L'armée", "NIAMEY", None),
])
def test_dateline_city_and_country(text, city, country):
    (span,) = dateline_spans(text)
    assert span[0] == 0 and text[span[1] - 1] in "-–—"
    assert _cut(text, dateline_place(text)) == city
    assert _cut(text, dateline_country(text)) == country


@pytest.mark.parametrize("text", ["Gunmen (Nigeria), 3 people were killed.", "In GOMA (DR Congo), 3 people died."])
def test_bracketed_sentences_are_not_datelines(text):
    assert dateline_spans(text) == []


@pytest.mark.parametrize("text, lang, country", [
    ("MAROUA (Cameroun), 11 mars (Wire) - Des hommes armés ont tué quatre bergers lundi, selon un responsable local.",
     "fr", "Cameroon"),
    ("BENI (DR Congo), March 11 (Wire) - Gunmen killed four farmers on Monday, a local official said.", "en",
     "Democratic Republic of Congo"),
])
def test_bracketed_dateline_gives_the_country_not_the_place(text, lang, country):
    row = _row(text, lang)
    assert (row["country"], row["location"]) == (country, None)
    assert row["event_date"] == "2025-03-10" and row["fatalities"] == 4


@pytest.mark.parametrize("text, lang", [
    (("BUNIA (RD Congo), 11 mars (Wire) - Des miliciens ont tué six civils lundi à Kalembou, dans le territoire de "
     "Djugu, selon des sources locales."), "fr"),
    (("BUNIA (DR Congo), March 11 (Wire) - Militiamen killed six civilians in Kalembou, in the territory of Djugu, "
     "on Monday, local sources said."), "en"),
])
def test_bracketed_dateline_city_gives_way_to_the_village(text, lang):
    row = _row(text, lang)
    assert (row["admin1"], row["admin2"], row["location"], row["geo_precision"]) == \
        ("Ituri", "Djugu", "Kalembou", 2)


# 2. a road's ends only name the road: a town on it named later ("the highway near X", "X in Kaduna state") wins
@pytest.mark.parametrize("text, lang", [
    (("Gunmen seized 12 passengers from a bus on the Abuja-Kaduna highway on Tuesday. They blocked the highway near "
     "Zorokoro and opened fire, police said."), "en"),
    (("Kidnappers seized 12 passengers from a bus on the Abuja-Kaduna highway on Tuesday. The attack happened near "
     "Tessoumba in Kaduna state, police said."), "en"),
    (("Des hommes armés ont enlevé douze passagers d'un car sur l'axe Abuja-Kaduna mardi. Ils ont bloqué la route "
     "près de Zorokoro avant d'ouvrir le feu, selon la police."), "fr"),
])
def test_town_named_later_on_the_road_wins_over_its_ends(text, lang):
    row = _row(text, lang)
    assert row["country"] == "Nigeria" and row["location"] in ("Zorokoro", "Tessoumba")
    assert row["location"] != "Abuja"


# a town in a region that none of the road's ends lies in is no town on the road
def test_town_elsewhere_leaves_the_road_ends():
    text = ("Gunmen seized 12 passengers from a bus on the Abuja-Kaduna highway on Tuesday. Relatives gathered in "
            "Tessoumba in Zamfara state to wait for news.")
    ends = [m.surface for m in locate(text) if m.level == "place"]
    assert "Abuja" in ends


# 3. a village the gazetteer lacks, qualified by a region after a country's possessive and a compass word
@pytest.mark.parametrize("text, lang", [
    ("Gunmen abducted 30 villagers in a night raid on Darakourou in Nigeria's northwestern Zamfara state on Saturday.",
     "en"),
    (("Des hommes armés ont enlevé 30 villageois samedi lors d'un raid nocturne contre Darakourou, dans l'État de "
     "Zamfara, au Nigeria."), "fr"),
])
def test_unknown_village_in_a_possessive_region(text, lang):
    row = _row(text, lang)
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == \
        ("Nigeria", "Zamfara", "Darakourou", 3)


# after a comma the qualifier needs a unit word, a possessive or a compass word: "a company, in a town" is no village
def test_company_before_a_comma_and_town_is_no_village():
    text = "Residents burned tyres outside the offices of the power company Sonabel, in Koudougou, on Monday."
    assert "Sonabel" not in [m.surface for m in locate(text)]


# 4. a town named like its region, written as the qualifier of a district of that region, stands for the region
@pytest.mark.parametrize("text, district, region", [
    ("Coalition aircraft struck rebel positions in Baqim district (Sadah) on Monday, residents said.", "Baqim", "Sadah"),
    ("Des avions de la coalition ont frappé lundi des positions rebelles dans le district de Baqim (Sadah).", "Baqim",
     "Sadah"),
    ("A landmine killed two farmers in Samlout district, Battambang, on Sunday.", "Samlout", "Battambang"),
    ("Rebels shelled farms in Hays district in western Yemen (Al Hudaydah) on Friday.", "Hays", "Al Hudaydah"),
])
def test_region_named_town_as_qualifier_is_the_region(text, district, region):
    found = {m.surface: m for m in locate(text)}
    assert found[district].level == "admin2"
    assert found[region].level == "admin1"


def test_district_with_its_region_is_the_event_place():
    row = _row("A landmine killed two farmers in Samlout district, Battambang, on Sunday.")
    assert row["admin1"] == "Battambang" and row["location"] != "Battambang"


# a list of towns is no qualifier: the town before lies in another region
def test_towns_in_a_list_stay_towns():
    found = {m.surface: m for m in locate("Protesters marched in Sanaa, Aden and Taizz on Friday.")}
    assert found["Aden"].level == "place"


# 5. a town outside the region that the text places the event's district in is a homonym or a landmark
@pytest.mark.parametrize("town", ["Allende", "Guadalupe"])
def test_town_outside_the_districts_region_gives_way(town):
    row = _row(f"Police found the bodies of two men shot dead in the municipality of Apaseo el Grande, Guanajuato, "
               f"on a dirt road leading to {town}.")
    assert (row["admin1"], row["location"]) == ("Guanajuato", "Apaseo el Grande")


def test_town_inside_the_districts_region_still_wins():
    row = _row("Police found the bodies of two men shot dead in the municipality of Apaseo el Grande, Guanajuato, "
               "on a dirt road leading to Celaya.")
    assert (row["admin1"], row["location"]) == ("Guanajuato", "Celaya")


# 6. where the wounded were treated is not where the event was
@pytest.mark.parametrize("text, lang", [
    (("Militiamen killed six displaced people at a camp in Djugu territory on Monday, and the wounded were evacuated "
     "to the hospital in Bunia."), "en"),
    (("Des miliciens ont tué six déplacés lundi dans un camp du territoire de Djugu, et les blessés ont été évacués "
     "vers l'hôpital de Bunia."), "fr"),
])
def test_hospital_town_is_not_the_event_place(text, lang):
    row = _row(text, lang)
    assert (row["admin1"], row["location"]) == ("Ituri", "Djugu")


def test_attack_on_a_hospital_is_where_the_hospital_is():
    row = _row("Gunmen attacked the hospital in Bunia on Monday, killing two patients, in Djugu territory.")
    assert row["location"] == "Bunia"
