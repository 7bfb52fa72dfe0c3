"""Do a report and an incident describe the same event? Four gates (date, place, type, actors), each giving a
partial score and a readable reason; one failed gate keeps them apart.

ACLED's unit of record is one actor pair, one day, one location: so two reports of the same day and town stay
apart when their event families differ (an attack and a protest) or when both name actors and none are shared.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from incidents.dedup.geo import distance_km
from incidents.dedup.names import fold, is_generic, is_unidentified, same_actor, same_place_name

# How far apart two dates may be, by ACLED time precision (1 day known, 2 week, 3 month).
DATE_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}
MAX_DATE_TOLERANCE_DAYS = max(DATE_TOLERANCE_DAYS.values())
# Coordinates this close are the same place; up to NEAR_KM they are nearby (a village and its army camp).
SAME_PLACE_KM = 5.0
NEAR_KM = 25.0
# "near X" (geo precision 2) places can sit further from the named town.
NEAR_IMPRECISE_KM = 50.0
# Event families: a type mismatch inside a family is a coding disagreement; across families, two events.
FAMILIES = {
    "Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
    "Protests": "demonstrations", "Riots": "demonstrations",
    "Strategic developments": "strategic",
}
# Reports of one event published this close together belong to the same news cycle.
NEWS_CYCLE = dt.timedelta(hours=24)
WEIGHTS = {"date": 0.3, "place": 0.3, "type": 0.2, "actors": 0.2}
MIN_SCORE = 0.55


@dataclass
class MatchResult:
    compatible: bool
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)   # why they match, or the gate that failed


def date_tolerance(precision) -> int:
    return DATE_TOLERANCE_DAYS.get(precision or 1, 1)


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _date(report: Mapping, incident: Mapping) -> tuple[float | None, str]:
    delta = abs((_as_date(report["event_date"]) - _as_date(incident["event_date"])).days)
    tolerance = max(date_tolerance(report.get("date_precision")), date_tolerance(incident.get("date_precision")))
    if delta > tolerance:
        return None, f"dates {delta} days apart (tolerance {tolerance})"
    if delta == 0:
        return 1.0, "same day"
    return 1.0 - 0.4 * delta / tolerance, f"dates {delta} day(s) apart, within precision ({tolerance})"


def _place(report: Mapping, incident: Mapping) -> tuple[float | None, str]:
    a1r, a1i = fold(report.get("admin1")), fold(incident.get("admin1"))
    if a1r and a1i and a1r != a1i:
        return None, f"different admin1 ({report.get('admin1')} / {incident.get('admin1')})"
    precision_r, precision_i = report.get("geo_precision") or 1, incident.get("geo_precision") or 1
    if 3 in (precision_r, precision_i):  # only the province is known for one of them
        return (0.3, "same admin1") if a1r and a1i else (0.1, "one place is only a province")
    has_coords = all(x.get(k) is not None for x in (report, incident) for k in ("latitude", "longitude"))
    named_alike = same_place_name(report.get("location"), incident.get("location"))
    if has_coords:
        km = distance_km(report["latitude"], report["longitude"], incident["latitude"], incident["longitude"])
        limit = NEAR_IMPRECISE_KM if 2 in (precision_r, precision_i) else NEAR_KM
        if km <= SAME_PLACE_KM:
            return 1.0, f"coordinates {km:.1f} km apart"
        # two differently named towns a few km apart are two places, unless one report is only "near" a town
        # (two "near" anchors with different names are two places too)
        if km <= limit and (named_alike or (precision_r, precision_i).count(2) == 1
                            or not (report.get("location") and incident.get("location"))):
            return 0.7, f"coordinates {km:.1f} km apart (within {limit:.0f} km)"
        if fold(report.get("location")) != fold(incident.get("location")):
            return None, f"coordinates {km:.0f} km apart, different places"
        # the very same name geocoded far apart: one outlet's gazetteer picked a namesake
        return 0.5, f"same place name ({report.get('location')}), coordinates {km:.0f} km apart"
    if named_alike:
        return 0.9, f"same place name ({report.get('location')} / {incident.get('location')})"
    a2r, a2i = fold(report.get("admin2")), fold(incident.get("admin2"))
    if report.get("location") and incident.get("location") and not has_coords:
        if a2r and a2r == a2i and 2 in (precision_r, precision_i):
            return 0.5, f"same admin2 ({report.get('admin2')}), one place approximate"
        return None, f"different places ({report.get('location')} / {incident.get('location')})"
    if a2r and a2r == a2i:
        return 0.5, f"same admin2 ({report.get('admin2')})"
    if has_coords:
        return None, "places differ"
    return (0.2, "same admin1, place not named in one report") if a1r and a1i else (None, "no place in common")


def _type(report: Mapping, incident: Mapping) -> tuple[float | None, str]:
    if report["event_type"] == incident["event_type"]:
        if report["sub_event_type"] == incident["sub_event_type"]:
            return 1.0, f"same sub-event type ({report['sub_event_type']})"
        return 0.8, f"same event type ({report['event_type']})"
    if FAMILIES.get(report["event_type"]) == FAMILIES.get(incident["event_type"]):
        return 0.4, f"related event types ({report['event_type']} / {incident['event_type']})"
    return None, f"different event types ({report['event_type']} / {incident['event_type']})"


def _named(actors: list[str]) -> list[str]:
    """Actors that identify a party: not an unidentified group, not a generic crowd or civilians."""
    return [a for a in actors if not is_generic(a)]


def _actors(report: Mapping, incident: Mapping) -> tuple[float | None, str]:
    mine = [a for a in (report.get("actor1"), report.get("actor2")) if a]
    theirs = [a for a in (incident.get("actor1"), incident.get("actor2")) if a]
    if not mine or not theirs:
        return 0.3, "actors not named on one side"
    assoc_mine = [a for a in (report.get("assoc_actor_1"), report.get("assoc_actor_2")) if a]
    assoc_theirs = [a for a in (incident.get("assoc_actor_1"), incident.get("assoc_actor_2")) if a]
    if assoc_mine and assoc_theirs and not any(same_actor(a, b) for a in assoc_mine for b in assoc_theirs):
        return None, f"different associated actors ({' / '.join(assoc_mine)} vs {' / '.join(assoc_theirs)})"
    named_mine, named_theirs = _named(mine), _named(theirs)
    if named_mine and named_theirs and not any(same_actor(a, b) for a in named_mine for b in named_theirs):
        return None, f"no named actor in common ({' / '.join(mine)} vs {' / '.join(theirs)})"
    shared = [a for a in mine if any(same_actor(a, b) for b in theirs)]
    if shared:
        share = len(shared) / max(len(mine), len(theirs))
        return 0.5 + 0.5 * share, "shared actor(s): " + ", ".join(shared)
    # an unnamed armed group in one report may be the group another report names
    if any(is_unidentified(a) for a in mine + theirs):
        return 0.2, "no shared actor, but one side is unidentified"
    return None, f"no actor in common ({' / '.join(mine)} vs {' / '.join(theirs)})"


def _same_news_cycle(report: Mapping, incident: Mapping) -> bool:
    published = report.get("published_at")
    first, last = incident.get("first_reported_at"), incident.get("last_reported_at")
    if published is None or first is None or last is None:
        return False
    return first - NEWS_CYCLE <= published <= last + NEWS_CYCLE


def _same_spot(report: Mapping, incident: Mapping) -> bool:
    if same_place_name(report.get("location"), incident.get("location")):
        return True
    coords = [x.get(k) for x in (report, incident) for k in ("latitude", "longitude")]
    return None not in coords and distance_km(*coords) <= SAME_PLACE_KM


def _actor_names(row: Mapping) -> list[str]:
    return [a for a in (row.get("actor1"), row.get("actor2")) if a]


def _shares_actor(report: Mapping, incident: Mapping, *, named_only: bool = False) -> bool:
    mine, theirs = _actor_names(report), _actor_names(incident)
    if named_only:
        mine, theirs = _named(mine), _named(theirs)
    return any(same_actor(a, b) for a in mine for b in theirs)


def _one_event_a_day_apart(report: Mapping, incident: Mapping) -> bool:
    """Exact dates a day apart are usually a recurring event (daily protests, fighting along a front), which
    ACLED codes once per day. Only the same spot, sub-event type and a named party, reported in the same news
    cycle, make them one event (a night attack one outlet dates to the evening, another to the morning)."""
    return (_shares_actor(report, incident, named_only=True)
            and report["sub_event_type"] == incident["sub_event_type"]
            and _same_spot(report, incident) and _same_news_cycle(report, incident))


def compare(report: Mapping, incident: Mapping) -> MatchResult:
    """Score `report` against `incident` (both dicts of contract fields; `published_at` on the report and
    `first_reported_at`/`last_reported_at` on the incident when known)."""
    reasons, total = [], 0.0
    for name, gate in (("date", _date), ("place", _place), ("type", _type), ("actors", _actors)):
        part, reason = gate(report, incident)
        if part is None:
            return MatchResult(False, 0.0, [reason])
        reasons.append(reason)
        total += WEIGHTS[name] * part
    total = round(total, 3)
    if report["event_type"] != incident["event_type"] and not _shares_actor(report, incident):
        return MatchResult(False, total, ["related event types without a shared actor"])
    same_day = _as_date(report["event_date"]) == _as_date(incident["event_date"])
    both_exact = (report.get("date_precision") or 1) == 1 and (incident.get("date_precision") or 1) == 1
    if not same_day and both_exact and not _one_event_a_day_apart(report, incident):
        return MatchResult(False, total, [("exact dates a day apart, without the same spot, sub-event type, "
                                          "named actor and news cycle")])
    if total < MIN_SCORE:
        return MatchResult(False, total, [f"score {total:.2f} below {MIN_SCORE}", *reasons])
    return MatchResult(True, total, reasons)
