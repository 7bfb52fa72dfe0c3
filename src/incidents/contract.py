"""The incident contract (shared/eval/README.md): ACLED's taxonomy and a validator for extractor output.

The loader checks every row against this before it touches the database, so a rule bug in the extractor turns
into a quarantine row with a reason instead of a constraint violation that aborts the batch.
"""
from __future__ import annotations

import datetime as dt

# ACLED's event types and sub-event types, each list in coding-priority order
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
KINDS = ("event", "aggregate")
REQUIRED = ("article_id", "kind", "event_date", "country", "event_type", "sub_event_type", "fatalities")

EVENT_FIELDS = (
    "event_date", "date_precision", "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "event_type", "sub_event_type",
    "fatalities", "fatalities_low", "fatalities_high", "fatalities_text", "civilian_targeting", "claimed_by",
    "reported_by", "confidence",
)


def _int_or_none(value) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def problems(row: dict, *, published: dt.date | None = None) -> list[str]:
    """Everything wrong with one extractor row; empty when it satisfies the contract."""
    errs = []
    kind = row.get("kind")
    if kind not in KINDS:
        return [f"kind must be one of {KINDS}, got {kind!r}"]
    required = REQUIRED if kind == "event" else ("article_id", "kind", "fatalities")
    errs += [f"missing {name}" for name in required if row.get(name) in (None, "")]
    if kind == "event":
        subs = TAXONOMY.get(row.get("event_type") or "")
        if subs is None:
            errs.append(f"unknown event_type {row.get('event_type')!r}")
        elif row.get("sub_event_type") not in subs:
            errs.append(f"sub_event_type {row.get('sub_event_type')!r} is not a sub-type of {row.get('event_type')!r}")
        try:
            day = dt.date.fromisoformat(str(row.get("event_date")))
            if published and day > published:
                errs.append(f"event_date {day} is after publication {published}")
        except ValueError:
            errs.append(f"event_date {row.get('event_date')!r} is not YYYY-MM-DD")
    for name in ("fatalities", "fatalities_low", "fatalities_high"):
        value = row.get(name)
        if not _int_or_none(value) or (value is not None and value < 0):
            errs.append(f"{name} must be a non-negative integer, got {value!r}")
    for name, allowed in (("date_precision", (1, 2, 3)), ("geo_precision", (1, 2, 3))):
        if row.get(name) is not None and row.get(name) not in allowed:
            errs.append(f"{name} must be one of {allowed}")
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is not None and not (isinstance(lat, (int, float)) and -90 <= lat <= 90):
        errs.append(f"latitude out of range: {lat!r}")
    if lon is not None and not (isinstance(lon, (int, float)) and -180 <= lon <= 180):
        errs.append(f"longitude out of range: {lon!r}")
    conf = row.get("confidence")
    if conf is not None and not (isinstance(conf, (int, float)) and 0 <= conf <= 1):
        errs.append(f"confidence must be within 0..1, got {conf!r}")
    iso3 = row.get("iso3")
    if iso3 is not None and (not isinstance(iso3, str) or len(iso3) != 3):
        errs.append(f"iso3 must be three letters, got {iso3!r}")
    return errs
