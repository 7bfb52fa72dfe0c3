"""Actor conventions of period, country and circumstance, and who-acted-on-whom patterns. Sentences written for
these tests."""
import datetime as dt

import pytest

from incidents.extract.actors import ActorMention, by_convention, find_actors, for_period, with_country
from incidents.extract.roles import assign_roles
from incidents.extract.sources import claimed_by

JNIM = "JNIM: Group for Support of Islam and Muslims"
AQIM = "AQIM: Al Qaeda in the Islamic Maghreb"


def _m(name, inter=2, kind="named", country=None, start=-1):
    return ActorMention(start, start, name, inter, kind, country)


def _mentions(text, country):
    return [with_country(m, country) for m in find_actors(text, country)]


def _roles(text, country):
    a1, a2, _ = assign_roles(text, _mentions(text, country))
    return (a1.name if a1 else None), (a2.name if a2 else None)


# --- groups renamed by a merger ---------------------------------------------------------------------------

@pytest.mark.parametrize("day,country,expected", [
    (dt.date(2018, 5, 4), "Mali", JNIM),           # AQIM's Sahara emirate is part of JNIM since March 2017
    (dt.date(2017, 3, 2), "Burkina Faso", JNIM),
    (dt.date(2016, 11, 20), "Mali", AQIM),         # before the merger it is still AQIM
    (dt.date(2019, 1, 10), "Algeria", AQIM),       # AQIM's northern branch did not merge
])
def test_aqim_becomes_jnim_after_the_merger_in_the_sahel(day, country, expected):
    assert for_period(_m(AQIM), country, day).name == expected


def test_al_mourabitoun_becomes_jnim_after_the_merger():
    assert for_period(_m("Al Mourabitoune Battalion"), "Niger", dt.date(2019, 6, 1)).name == JNIM
    assert for_period(_m("Al Mourabitoune Battalion"), "Mali", dt.date(2016, 6, 1)).name == "Al Mourabitoune Battalion"


def test_period_rename_applies_to_both_sides_and_needs_a_date():
    a1, a2 = by_convention(_m(AQIM), _m("Military Forces of Mali", 1, "military", "Mali"), "Mali",
                           dt.date(2020, 2, 2), None, "AQIM fighters attacked an army post near Gao.")
    assert (a1.name, a2.name) == (JNIM, "Military Forces of Mali")
    assert for_period(_m(AQIM), "Mali", None).name == AQIM


def test_dogon_amassagou_spelling_is_dan_na_ambassagou():
    assert "Dan Na Ambassagou" in [m.name for m in _mentions("Dogon Amassagou fighters raided a hamlet", "Mali")]


# --- Yemen: the STC's forces ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["pro-STC forces stormed a camp in Zinjibar",
                                  "Security Belt forces set up a checkpoint in Aden"])
def test_stc_forces_are_coded_as_security_belt_forces(text):
    assert "Military Forces of Yemen (2012-) Security Belt Forces" in [m.name for m in _mentions(text, "Yemen")]


def test_the_stc_itself_keeps_its_name():
    assert "STC: Southern Transitional Council" in [m.name for m in _mentions("The STC announced self-rule", "Yemen")]


# --- Brazil: gangs and/or police militias ---------------------------------------------------------------------

_GANG = _m("Unidentified Gang (Brazil)", 3, "armed")
_ARMED = _m("Unidentified Armed Group (Brazil)", 3, "armed")
_CIV = _m("Civilians (Brazil)", 7, "civilians")
_MP = _m("Military Forces of Brazil", 1, "military", "Brazil")
_DAY = dt.date(2021, 3, 3)


@pytest.mark.parametrize("text", [
    "A shopkeeper was shot dead in a drive-by shooting by two men on a motorcycle in Recife.",
    "Two men riding a motorcycle opened fire on a bar, wounding a waiter.",
    "The body of a young man was found in a vacant lot with his hands tied.",
])
def test_brazil_drive_by_and_dumped_bodies_are_gangs_or_militias(text):
    a1, a2 = by_convention(_GANG, _CIV, "Brazil", _DAY, "Pernambuco", text)
    assert a1.name == "Unidentified Gang and/or Police Militia" and a2.name == "Civilians (Brazil)"


def test_brazil_plain_killing_keeps_the_unidentified_group():
    text = "A farmer was shot dead inside his house by three armed men in Sobral."
    assert by_convention(_ARMED, _CIV, "Brazil", _DAY, "Ceara", text)[0].name == "Unidentified Armed Group (Brazil)"


def test_a_body_police_found_is_not_attributed():
    text = "The body of a man was found by police officers near a highway."
    assert by_convention(_GANG, _CIV, "Brazil", _DAY, "Bahia", text)[0].name == "Unidentified Gang (Brazil)"


def test_drive_by_outside_brazil_is_unchanged():
    text = "A man was killed in a drive-by shooting in Kingston."
    assert by_convention(_m("Unidentified Gang (Jamaica)", 3, "armed"), _CIV, "Jamaica", _DAY, None, text)[0].name == \
        "Unidentified Gang (Jamaica)"


def test_police_opponents_in_rio_de_janeiro_state_are_gangs_or_militias():
    text = "Military Police officers exchanged fire with suspects during an operation in Niteroi."
    assert by_convention(_MP, _GANG, "Brazil", _DAY, "Rio de Janeiro", text)[1].name == \
        "Unidentified Gang and/or Police Militia"
    assert by_convention(_MP, _GANG, "Brazil", _DAY, "Minas Gerais", text)[1].name == "Unidentified Gang (Brazil)"


# --- two states firing across a border: the home force first ----------------------------------------------------

def test_cross_border_exchange_lists_the_force_of_the_event_country_first():
    ind = _m("Military Forces of India", 1, "military", "India")
    pak = _m("Military Forces of Pakistan", 1, "military", "Pakistan")
    text = "Indian and Pakistani troops exchanged fire along the Line of Control."
    a1, a2 = by_convention(ind, pak, "Pakistan", _DAY, None, text)
    assert (a1.name, a2.name) == ("Military Forces of Pakistan", "Military Forces of India")
    a1, a2 = by_convention(ind, pak, "India", _DAY, None, text)
    assert a1.name == "Military Forces of India"


def test_a_one_sided_cross_border_strike_keeps_its_order():
    arm = _m("Military Forces of Armenia", 1, "military", "Armenia")
    aze = _m("Military Forces of Azerbaijan", 1, "military", "Azerbaijan")
    a1, _ = by_convention(arm, aze, "Azerbaijan", _DAY, None, "Armenian artillery shelled Azerbaijani positions.")
    assert a1.name == "Military Forces of Armenia"


# --- claims that are denied ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rockets hit the MINUSMA camp in Kidal. No group has claimed responsibility.",
    "Rockets hit the MINUSMA camp in Kidal; nobody claimed the attack.",
    "Des obus ont frappé le camp de la MINUSMA. L'attaque n'a pas été revendiquée.",
])
def test_no_claim_is_not_a_claim(text):
    assert claimed_by(text, _mentions(text, "Mali")) is None


def test_a_claim_still_counts():
    text = "Rockets hit the MINUSMA camp in Kidal. JNIM claimed responsibility for the attack."
    assert claimed_by(text, _mentions(text, "Mali")) == JNIM


# --- a force's unit before a bare participle is the target -------------------------------------------------------

@pytest.mark.parametrize("text,patient", [
    ("FAMa patrol ambushed near Tenenkou, three soldiers wounded by the assailants.", "Military Forces of Mali"),
    ("MINUSMA convoy attacked between Aguelhok and Tessalit, a peacekeeper wounded by gunmen.",
     "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"),
    ("Un poste des FAMa attaqué à Boni, deux soldats blessés par des hommes armés.", "Military Forces of Mali"),
])
def test_unit_of_a_force_before_a_participle_is_the_target(text, patient):
    a1, a2 = _roles(text, "Mali")
    assert a2 == patient and a1 != patient


# --- gangs and cartels named in the text ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("Gunmen of the Barrio Azul gang shot a bus driver in Tegucigalpa.", "Barrio Azul Gang"),
    ("Members of Los Tigres set fire to two shops.", "Los Tigres Gang"),
    ("Los Halcones members threatened traders at the market.", "Los Halcones Gang"),
    ("The Costa Norte Cartel hung a banner on a bridge.", "Costa Norte Cartel"),
    ("Des membres du gang Grand Ravine ont enlevé deux pasteurs.", None),
])
def test_gangs_and_cartels_keep_their_own_name(text, name):
    names = [m.name for m in _mentions(text, "Honduras")]
    if name is None:
        assert not any(n.endswith((" Gang", " Cartel")) for n in names)
    else:
        assert name in names


@pytest.mark.parametrize("text", ["Rival gang members shot a teenager.", "Shots were fired on Los Angeles streets.",
                                  "A Mexican cartel laundered the money."])
def test_ordinary_words_and_places_are_not_gang_names(text):
    assert not any(n.endswith((" Gang", " Cartel")) for n in (m.name for m in _mentions(text, "Mexico")))
