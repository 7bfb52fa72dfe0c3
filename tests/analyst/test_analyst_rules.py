"""The matching and reconciliation rules on their own (no database): each gate, and properties of the
fatalities rule over arbitrary reports."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from incidents.dedup import compare, reconciled
from incidents.dedup.reconcile import reporting_days

BASE = {"event_date": dt.date(2025, 6, 1), "date_precision": 1, "country": "Mali", "admin1": "Mopti",
        "admin2": "Douentza", "location": "Boulkessi", "latitude": 14.7953, "longitude": -1.3181,
        "geo_precision": 1, "actor1": "JNIM: Group for Support of Islam and Muslims",
        "actor2": "Military Forces of Mali (2021-)", "event_type": "Battles", "sub_event_type": "Armed clash"}


def _with(**kw):
    return {**BASE, **kw}


def test_same_event_with_different_spellings_and_period_tags_matches():
    result = compare(_with(location="Boulikessi", latitude=None, longitude=None,
                           actor1="JNIM", actor2="Military Forces of Mali"), BASE)
    assert result.compatible and result.score >= 0.8, result


def test_date_tolerance_follows_precision():
    five_days = _with(event_date=dt.date(2025, 6, 6))
    assert not compare(five_days, BASE).compatible
    assert compare(_with(event_date=dt.date(2025, 6, 6), date_precision=2), BASE).compatible


def test_places_apart():
    assert not compare(_with(location="Mondoro", latitude=14.63, longitude=-1.95), BASE).compatible  # ~70 km
    assert not compare(_with(admin1="Gao"), BASE).compatible
    # a report only "near" a town 12 km off is the same place; a differently named town 12 km off is not
    near = _with(location="Dioura", latitude=14.80, longitude=-1.21, geo_precision=2)
    assert compare(near, BASE).compatible
    assert not compare(_with(location="Dioura", latitude=14.80, longitude=-1.21), BASE).compatible


def test_actors_and_types_keep_events_apart():
    # two outlets blaming different groups for one attack on the same camp: still one event (shared target)
    assert compare(_with(actor1="Islamic State (Greater Sahara)"), BASE).compatible
    assert not compare(_with(actor1="Islamic State (Greater Sahara)", actor2="Dan Na Ambassagou"), BASE).compatible
    assert compare(_with(actor1="Unidentified Armed Group (Mali)"), BASE).compatible
    protest = _with(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)",
                    actor2=None)
    assert not compare(protest, BASE).compatible
    # sharing only "Civilians" does not link two attacks by different named groups
    a = _with(event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Mali)")
    b = _with(event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Mali)",
              actor1="Islamic State (Greater Sahara)")
    assert not compare(a, b).compatible


T0 = dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC)
reports = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 96 * 60)),  # (fatalities, minutes after T0)
    min_size=1, max_size=8)


def _reports(spec):
    return [{**BASE, "report_id": i, "article_id": i, "fatalities": f, "published_at": T0 + dt.timedelta(minutes=m),
             "extractor_version": "t", "source_name": f"Outlet {i}"} for i, (f, m) in enumerate(spec)]


@given(reports)
def test_fatalities_rule_properties(spec):
    rs = _reports(spec)
    toll = reconciled(rs).values["fatalities"]
    figures = [f for f, _ in spec]
    assert toll in [*figures, 0]
    days = reporting_days(rs)
    # never below the first reporting day's lowest given figure, never above the highest figure given
    first_given = [r["fatalities"] for r in days[0] if r["fatalities"]]
    assert toll >= (min(first_given) if first_given else 0)
    assert toll <= max(figures)
    # one reporting day: the lowest figure given
    if len(days) == 1 and any(figures):
        assert toll == min(f for f in figures if f)


@given(reports)
def test_reconciliation_does_not_depend_on_report_order(spec):
    rs = _reports(spec)
    assert reconciled(rs).values == reconciled(list(reversed(rs))).values
