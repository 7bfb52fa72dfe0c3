"""Country evidence from deployed forces (their theatre, not their contributors' home) and from national outlets
(a last resort). Sentences written for these tests."""
import pytest

from incidents.extract.actors import find_actors
from incidents.extract.article import _actor_country_hint, extract_article
from incidents.extract.countries import country_for, outlet_country
from incidents.extract.deployments import _table, theatres


def countries(text, source=None):
    rows = extract_article({"id": "t", "text": text, "published_at": "2021-06-05T08:00:00Z", "source": source})
    return [r["country"] for r in rows if r["kind"] == "event"]


def hint(text):
    return _actor_country_hint(find_actors(text), text)


def test_every_theatre_is_a_country_in_acled_spelling():
    for name, theatre in _table()[1].items():
        assert theatre, name
        for c in theatre:
            assert country_for(c) is not None and country_for(c).name == c, (name, c)


def test_deployments_are_proper_names_matched_as_written():
    assert [t for _s, _e, t in theatres("UNIFIL and MONUSCO patrols")] == [("Lebanon",), ("Democratic Republic of Congo",)]
    assert theatres("a serval was seen near the camp") == []  # the animal, not Operation Serval
    assert theatres("the AMISOMX unit") == []


@pytest.mark.parametrize("text,country", [
    ("German soldiers of MINUSMA were wounded by an IED.", "Mali"),
    ("Des soldats allemands de la MINUSMA ont été blessés par un engin explosif.", "Mali"),
    ("French Barkhane forces struck a militant camp.", "Mali"),
    ("Les forces françaises de Barkhane ont frappé un campement.", "Mali"),
    ("Kenyan AMISOM troops repelled an attack.", "Somalia"),
    ("Indian UNIFIL peacekeepers were stopped by residents.", "Lebanon"),
    ("Rwandan MINUSCA peacekeepers came under fire.", "Central African Republic"),
])
def test_a_deployed_force_points_to_its_theatre_not_its_contributors_home(text, country):
    assert hint(text) == country


def test_a_multi_country_mission_defers_to_a_force_of_one_of_its_countries():
    assert hint("MNJTF troops killed 12 Boko Haram fighters.") == "Nigeria"
    assert hint("Cameroonian soldiers of the MNJTF killed 12 Boko Haram fighters.") == "Cameroon"
    assert hint("Nigerien soldiers and Barkhane forces carried out a joint operation.") == "Niger"


def test_national_forces_without_a_deployment_still_hint_their_country():
    assert hint("Malian soldiers clashed with militants.") == "Mali"
    assert hint("French police fired tear gas at protesters.") == "France"
    assert hint("Pakistani troops shelled villages along the Line of Control.") == "Pakistan"


def test_barkhane_story_with_a_name_only_france_has_stays_in_the_sahel():
    assert countries("On 4 June 2021, French Barkhane forces killed 4 militants in Tinzaouatene area.") \
        == ["Mali"]


def test_outlet_names_match_whole_and_ignore_accents_case_and_punctuation():
    assert outlet_country("Sözcü") == outlet_country("SOZCU") == "Turkey"
    assert outlet_country("Lefaso.net") == "Burkina Faso"
    assert outlet_country("Studio Tamani") == "Mali"
    assert outlet_country("El Pitazo") == "Venezuela"
    assert outlet_country("Rappler") == "Philippines"
    assert outlet_country("Punch line") is None
    for international in ("AFP", "Reuters", "RFI", "VOA", "Xinhua", "Twitter", "Facebook", "Menastream", "Liveuamap"):
        assert outlet_country(international) is None


@pytest.mark.parametrize("source,country", [
    ("Lefaso.net", "Burkina Faso"), ("Reuters; Burkina24", "Burkina Faso"), ("Premium Times", "Nigeria"),
    ("Tamtaminfo", "Niger"), ("Kibaru", "Mali"), ("El Nashra", "Lebanon"), ("Bianet", "Turkey"),
    ("GMA News", "Philippines"),
])
def test_a_national_outlet_gives_the_country_when_the_text_names_none(source, country):
    assert countries("On 4 June 2021, unknown gunmen shot dead a trader.", source) == [country]
    assert countries("Le 4 juin 2021, des hommes armés non identifiés ont abattu un commerçant.", source) == [country]


def test_an_international_outlet_gives_no_country():
    assert countries("On 4 June 2021, unknown gunmen shot dead a trader.", "AFP; Twitter") == []


def test_the_outlet_settles_a_homonym_only_when_the_text_names_no_country():
    assert countries("On 4 June 2021, protesters blocked a road in Tripoli with burning tyres.", "L'Orient-Le Jour") \
        == ["Lebanon"]
    assert countries("Le 4 juin 2021, des manifestants ont bloqué une route à Tripoli.", "L'Orient-Le Jour") \
        == ["Lebanon"]
    assert countries("On 4 June 2021, protesters blocked a road in Tripoli with burning tyres.", "AFP") == ["Libya"]
    # a Lebanese outlet reporting on Syria: the text's own country wins
    assert countries("On 4 June 2021, regime forces shelled Kafr Nabl in Idlib, Syria, killing 2 civilians.",
                     "An-Nahar") == ["Syria"]


def test_group_areas_name_actors_of_the_dictionary_and_real_countries():
    from incidents.extract.deployments import _areas
    from incidents.extract.lexicon import load
    known = {a["name"] for a in load("actors")["actors"]} | set(load("actors").get("islamic_state_branches", {}).values())
    for name, area in _areas().items():
        assert name in known, name
        assert all(country_for(c) is not None and country_for(c).name == c for c in area), name


@pytest.mark.parametrize("text,country", [
    ("Presumed ISGS militants attacked a Tuareg camp.", "Mali"),
    ("Des éléments présumés de l'EIGS ont attaqué un campement touareg.", "Mali"),
    ("French forces clashed with ISGS militants.", "Mali"),
    ("Nigerien soldiers clashed with ISGS militants.", "Niger"),
    ("ISWAP fighters overran a military base.", "Nigeria"),
    ("Chadian soldiers repelled an attack by ISWAP fighters.", "Chad"),
])
def test_a_regional_armed_group_points_to_its_area(text, country):
    assert hint(text) == country


def test_an_international_broadcaster_named_after_a_country_says_nothing():
    from incidents.extract.article import _source_country
    assert _source_country({"source": "France 24"}) is None
    assert _source_country({"source": "France24; Maliweb"}) == "Mali"
    assert _source_country({"source": "Mali Web"}) == "Mali"  # a country in a national outlet's name still counts
    # a known national outlet outranks a country named in another part of the field
    assert _source_country({"source": "Pinal (Burkina Faso); Studio Tamani"}) == "Mali"


def test_outlets_data_is_consistent():
    from collections import defaultdict

    from incidents.extract.countries import _outlet_key
    from incidents.extract.lexicon import load
    homes = defaultdict(set)
    for country, names in load("outlets").items():
        if country != "none":
            assert country_for(country) is not None and country_for(country).name == country, country
        for n in names:
            homes[_outlet_key(str(n))].add(country)
    # an outlet listed under two countries would silently take the last one
    assert not {k: v for k, v in homes.items() if len(v) > 1}
    assert outlet_country("Seneweb") == "Senegal" and outlet_country("GhanaWeb") == "Ghana"
