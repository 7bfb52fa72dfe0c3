"""Choose an incident's fields from all the reports behind it, by rules an analyst can read (docs/analysts.md):

- date: the most precise report's date; among equally precise ones, the date most reports give, then the
  earliest-published report's;
- place: the most specific report: geocoded (coordinates from the gazetteer, whose spelling it carries) before
  not geocoded, then lower geo_precision, then the spelling most reports use, then the earliest;
- actors: the report naming the most actors (an unidentified group counts less than a named one), then the
  most common pair, then the earliest;
- type: the most common (event type, sub-event type); a tie goes to ACLED's coding priority;
- fatalities: reports are grouped into reporting days (24 hours from the first report of the group); within
  a day, the lowest figure given (0 = not given, ignored when another report gives one); across days, the
  highest: a later day revises the toll upward, and a later repeat of an older, lower figure does not lower it;
- sources: every outlet, earliest first.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from incidents import contract
from incidents.dedup.names import actor_key, fold, is_unidentified

REPORTING_DAY = dt.timedelta(hours=24)
# flattened taxonomy: lower index = higher coding priority
_PRIORITY = {(t, s): i for i, (t, s) in enumerate((t, s) for t, subs in contract.TAXONOMY.items() for s in subs)}

RECONCILED_FIELDS = contract.EVENT_FIELDS + (
    "extractor_version", "sources", "article_count", "first_reported_at", "last_reported_at")
# fields whose changes are worth a row in incident_revisions (the timestamps change with every report)
TRACKED_FIELDS = tuple(f for f in RECONCILED_FIELDS if f not in ("first_reported_at", "last_reported_at",
                                                                 "extractor_version", "confidence"))


@dataclass
class Reconciled:
    values: dict
    why: dict = field(default_factory=dict)   # field -> the rule (and report) that decided it


def _order(r: Mapping) -> tuple:
    return (r["published_at"], r["report_id"])


def _earliest_first(reports: Sequence[Mapping]) -> list[Mapping]:
    return sorted(reports, key=_order)


def _pick_date(reports):
    best = min((r.get("date_precision") or 1) for r in reports)
    precise = [r for r in reports if (r.get("date_precision") or 1) == best]
    counts = Counter(r["event_date"] for r in precise)
    chosen = max(precise, key=lambda r: (counts[r["event_date"]], [-x for x in _ts(r)]))
    return chosen, f"most precise date (precision {best}) given by {counts[chosen['event_date']]} report(s)"


def _ts(r) -> list[float]:
    return [r["published_at"].timestamp(), r["report_id"]]


def _pick_place(reports):
    counts = Counter(fold(r.get("location")) for r in reports if r.get("location"))

    def rank(r):
        geocoded = r.get("latitude") is not None and r.get("longitude") is not None
        return (not geocoded, r.get("geo_precision") or 4, -counts.get(fold(r.get("location")), 0), *_ts(r))

    chosen = min(reports, key=rank)
    geocoded = chosen.get("latitude") is not None
    why = (f"most specific place: report {chosen['report_id']} "
           f"({'geocoded' if geocoded else 'not geocoded'}, geo_precision {chosen.get('geo_precision')})")
    return chosen, why


def _pick_actors(reports):
    def named(r):
        return sum(2 - is_unidentified(a) for a in (r.get("actor1"), r.get("actor2")) if a)

    pairs = Counter((actor_key(r.get("actor1")), actor_key(r.get("actor2"))) for r in reports)
    chosen = max(reports, key=lambda r: (named(r), pairs[(actor_key(r.get("actor1")), actor_key(r.get("actor2")))],
                                         [-x for x in _ts(r)]))
    return chosen, f"most specific actors: report {chosen['report_id']}"


def _pick_type(reports):
    counts = Counter((r["event_type"], r["sub_event_type"]) for r in reports)
    chosen = min(counts, key=lambda k: (-counts[k], _PRIORITY.get(k, 99)))
    return chosen, f"given by {counts[chosen]} of {len(reports)} report(s); ties go to ACLED's coding priority"


def reporting_days(reports: Sequence[Mapping]) -> list[list[Mapping]]:
    """Reports grouped by publication: a group spans 24 hours from its first report."""
    days: list[list[Mapping]] = []
    for r in _earliest_first(reports):
        if days and r["published_at"] - days[-1][0]["published_at"] < REPORTING_DAY:
            days[-1].append(r)
        else:
            days.append([r])
    return days


def _pick_fatalities(reports):
    per_day = []
    for day in reporting_days(reports):
        given = [r for r in day if r.get("fatalities")]
        # the lowest credible figure of the day; with no figure given, the day says 0
        low = min(given, key=lambda r: (r["fatalities"], *_ts(r))) if given else day[0]
        per_day.append((day[0]["published_at"], low))
    _first_at, chosen = max(per_day, key=lambda d: (d[1].get("fatalities") or 0, -d[0].timestamp()))
    parts = [f"{at:%Y-%m-%d %H:%M}: {r.get('fatalities') or 0}" for at, r in per_day]
    if len(per_day) == 1:
        why = f"lowest figure among {len(reports)} report(s) of the same reporting day"
    else:
        why = "highest of each reporting day's lowest figure (" + "; ".join(parts) + ")"
    return chosen, why + f"; from report {chosen['report_id']}"


def _common(reports, name):
    values = [r.get(name) for r in _earliest_first(reports) if r.get(name) not in (None, "")]
    if not values:
        return None
    counts = Counter(values)
    return max(values, key=lambda v: counts[v])  # max keeps the first (earliest) among equals


def sources_of(reports: Sequence[Mapping]) -> list[str]:
    seen = []
    for r in _earliest_first(reports):
        name = r.get("source_name") or r.get("url_host") or f"article {r['article_id']}"
        if name not in seen:
            seen.append(name)
    return seen


def reconciled(reports: Sequence[Mapping]) -> Reconciled:
    """The incident's fields from its reports (each a dict of contract fields plus report_id, article_id,
    published_at (aware datetime), source_name)."""
    if not reports:
        raise ValueError("an incident needs at least one report")
    v, why = {}, {}
    date_r, why["event_date"] = _pick_date(reports)
    v["event_date"], v["date_precision"] = date_r["event_date"], date_r.get("date_precision")
    why["date_precision"] = why["event_date"]
    place_r, why["location"] = _pick_place(reports)
    for name in ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2"):
        v[name] = place_r.get(name)
        why[name] = why["location"]
    for name in ("admin1", "admin2"):  # fill an unnamed unit from reports that agree on the rest of the place
        if v[name] is None:
            agreeing = [r for r in reports if fold(r.get("admin1")) in ("", fold(v["admin1"]))]
            v[name] = _common(agreeing, name)
            why[name] = "most common among reports of the same admin1"
    actor_r, why["actor1"] = _pick_actors(reports)
    for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        v[name] = actor_r.get(name)
        why[name] = why["actor1"]
    (v["event_type"], v["sub_event_type"]), why["event_type"] = _pick_type(reports)
    why["sub_event_type"] = why["event_type"]
    fat_r, why["fatalities"] = _pick_fatalities(reports)
    v["fatalities"] = fat_r.get("fatalities") or 0
    v["fatalities_text"] = fat_r.get("fatalities_text")
    lows = [r["fatalities_low"] for r in reports if r.get("fatalities_low") is not None]
    highs = [r["fatalities_high"] for r in reports if r.get("fatalities_high") is not None]
    v["fatalities_low"] = min(lows) if lows else None
    v["fatalities_high"] = max(highs) if highs else None
    why["fatalities_text"] = why["fatalities"]
    why["fatalities_low"] = why["fatalities_high"] = "range over all reports"
    v["country"] = _common(reports, "country")
    v["iso3"] = _common(reports, "iso3")
    v["civilian_targeting"] = any(bool(r.get("civilian_targeting")) for r in reports)
    why["civilian_targeting"] = "true when any report says civilians were targeted"
    v["claimed_by"] = _common(reports, "claimed_by")
    cited = []
    for r in _earliest_first(reports):
        for part in (r.get("reported_by") or "").split(";"):
            if part.strip() and part.strip() not in cited:
                cited.append(part.strip())
    v["reported_by"] = "; ".join(cited) or None
    confidences = [r["confidence"] for r in reports if r.get("confidence") is not None]
    v["confidence"] = max(confidences) if confidences else None
    v["extractor_version"] = max(reports, key=_order)["extractor_version"]
    outlets = sources_of(reports)
    v["sources"] = "; ".join(outlets)
    why["sources"] = "every outlet, earliest first"
    v["article_count"] = len({r["article_id"] for r in reports})
    why["article_count"] = "distinct articles behind the incident"
    v["first_reported_at"] = min(r["published_at"] for r in reports)
    v["last_reported_at"] = max(r["published_at"] for r in reports)
    return Reconciled(v, why)
