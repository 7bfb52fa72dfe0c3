"""Date rules of issue 4 (ranges running at publication, parts of the day, "recently"), from our own sentences."""
import datetime as dt

import pytest

from incidents.extract.dates import find_dates, parse_published

MORNING = parse_published("2024-07-08T08:00:00Z")  # a Monday, early
EVENING = parse_published("2024-07-08T20:00:00Z")
DATE_ONLY = parse_published("2024-07-08")


def _first(text, pub):
    d = find_dates(text, pub)[0]
    return d.date.isoformat(), d.precision


@pytest.mark.parametrize("text,day", [
    # a range still running at publication belongs to this year; only the days up to publication are known
    ("Fighting between the two militias in the Menaka region 5-10 July.", "2024-07-06"),
    ("Des affrontements du 5 au 10 juillet dans la région.", "2024-07-06"),
    ("Clashes from 1 to 5 July left dozens dead.", "2024-07-03"),
    ("Des combats entre le 1er et le 5 juillet.", "2024-07-03"),
])
def test_ranges_take_one_year_and_stop_at_publication(text, day):
    date, precision = _first(text, MORNING)
    assert (date, precision) == (day, 2)
    assert dt.date.fromisoformat(date) <= MORNING.date()


@pytest.mark.parametrize("text", [
    "A patrol was ambushed this afternoon near Gao.",
    "Une patrouille est tombée dans une embuscade cet après-midi.",
    "Gunmen attacked the post tonight.",
    "Des hommes armés ont attaqué le poste ce soir.",
    "Shots were heard this evening in the market.",
])
def test_part_of_day_not_yet_begun_at_publication_is_the_previous_day(text):
    assert _first(text, MORNING)[0] == "2024-07-07"
    assert _first(text, EVENING)[0] == "2024-07-08"  # published later that day: the same day
    assert _first(text, DATE_ONLY)[0] == "2024-07-08"  # no time of day known: the publication day


@pytest.mark.parametrize("text", ["Ce matin, des hommes armés ont tué un berger.", "Gunmen killed a herder this morning."])
def test_this_morning_stays_on_the_publication_day(text):
    assert _first(text, MORNING)[0] == "2024-07-08"


@pytest.mark.parametrize("text", ["A truck recently struck a mine on the road.",
                                  "Un camion a récemment sauté sur une mine."])
def test_recently_is_the_report_date_with_month_precision(text):
    assert _first(text, MORNING) == ("2024-07-07", 3)


@pytest.mark.parametrize("text", [
    "Police dispersed the march on Monday, witnesses said.",
    "La police a dispersé lundi la marche des étudiants.",
    "The governor said on Monday that the road had reopened.",
])
def test_the_publication_weekday_is_the_publication_day(text):
    # 2024-07-08 is a Monday: wire copy names the day it is filed by its weekday
    assert _first(text, MORNING)[0] == "2024-07-08"


@pytest.mark.parametrize("text", [
    "Gunmen attacked the market last Monday.",
    "Des hommes armés ont attaqué le marché lundi dernier.",
])
def test_last_weekday_named_on_that_weekday_is_a_week_back(text):
    assert _first(text, MORNING)[0] == "2024-07-01"


@pytest.mark.parametrize("text", ["Gunmen attacked the market on Sunday.", "Des hommes armés ont attaqué dimanche."])
def test_an_earlier_weekday_is_the_last_one_before_publication(text):
    assert _first(text, MORNING)[0] == "2024-07-07"
