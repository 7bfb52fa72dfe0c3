"""Monitoring reports that name no side (data/frontlines.yaml): fire is coded to the side across the line from the
place it hit, and the holder is the other party of an exchange. Sentences written for these tests."""
import datetime as dt

import pytest

from incidents.extract import extract_article
from incidents.extract.frontlines import holding

UKR, NAF = "Military Forces of Ukraine", "NAF: United Armed Forces of Novorossiya"


def _one(text, published="2019-07-02T08:00:00Z"):
    rows = [r for r in extract_article({"id": "t", "text": text, "published_at": published}) if r["kind"] == "event"]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text,expected", [
    # shells that fell near a government-held town came from the other side, and the reverse
    ("On 1 July 2019, the SMM observed 12 explosions near Avdiivka.", (NAF, None, "Donetsk")),
    ("On 1 July 2019, the OSCE SMM recorded 40 explosions near Horlivka.", (UKR, None, "Donetsk")),
    ("On 1 July 2019, the OSCE SMM observed 5 explosions near Zolote-5.", (UKR, None, "Luhansk")),
    # an exchange "in both directions" near a place: its holder is the other party
    ("On 1 July 2019, the OSCE SMM observed 30 explosions in both directions of the contact line near Popasna.",
     (NAF, UKR, "Luhansk")),
])
def test_unattributed_fire_on_the_line(text, expected):
    r = _one(text)
    assert (r["actor1"], r["actor2"], r["admin1"]) == expected


def test_a_named_side_is_kept():
    r = _one("On 1 July 2019, NAF forces fired mortars at government positions near Avdiivka, Ukraine.")
    assert r["actor1"] == NAF


def test_outside_the_period_the_line_says_nothing():
    assert holding("Avdiivka", "Ukraine", dt.date(2023, 5, 1)) is None
    assert holding("Avdiivka", "Ukraine", dt.date(2014, 8, 1)) is None
    assert holding("Avdiivka", "Ukraine", dt.date(2019, 5, 1)).holder[0] == UKR


def test_spelling_variants_and_other_countries():
    assert holding("Verkhnoshyrokivske", "Ukraine", dt.date(2020, 1, 1)).holder[0] == NAF
    assert holding("Verkhnyoshyrokivske", "Ukraine", dt.date(2020, 1, 1)).holder[0] == NAF
    assert holding("Avdiivka", "Russia", dt.date(2020, 1, 1)) is None


def test_a_homonym_elsewhere_takes_the_front_region():
    # Lozove is also a village in Crimea; near the line it is the one by Yasynuvata
    r = _one("On 1 July 2019, the OSCE SMM observed 6 explosions near Lozove.")
    assert (r["admin1"], r["actor1"]) == ("Donetsk", UKR)
