"""Attach incident reports to incidents (cross-source deduplication) and keep each incident reconciled.

`assign` decides, for each new report, whether it describes an incident already known (same event reported by
another outlet, see `incidents.dedup.match`) or a new one, records the decision and its evidence in
incident_matches, and links the article. `reconcile` recomputes an incident from all of its reports
(`incidents.dedup.reconcile`) and writes every change of a field to incident_revisions.

Concurrency: two loaders must not both create an incident for the same event because neither can see the
other's uncommitted one. Before looking for candidates, a loader takes transaction-scoped advisory locks on
(country, week) buckets covering each report's date window; two reports that could match have overlapping
windows, so they share a bucket and the second loader waits until the first commits (READ COMMITTED: its next
statement then sees the new incident). Incident rows are locked FOR UPDATE before they are recomputed.
"""
from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Mapping
from decimal import Decimal

from incidents import contract
from incidents.dedup import RULE_VERSION, compare, reconciled
from incidents.dedup.geo import distance_km
from incidents.dedup.match import DATE_TOLERANCE_DAYS, MAX_DATE_TOLERANCE_DAYS, NEAR_KM, date_tolerance
from incidents.dedup.names import same_place_name
from incidents.dedup.reconcile import RECONCILED_FIELDS, TRACKED_FIELDS

_REPORT_FIELDS = contract.EVENT_FIELDS + ("extractor_version",)
_REPORT_SELECT = (
    "SELECT r.report_id, r.article_id, r.incident_id, "
    + ", ".join(f"r.{c}" for c in _REPORT_FIELDS)
    + ", coalesce(a.published_at, a.fetched_at) AS published_at, a.source_name, a.url"
    " FROM incident_reports r JOIN articles a ON a.article_id = r.article_id"
)
_INCIDENT_FIELDS = ("incident_id", "revision") + RECONCILED_FIELDS
LOCK_NAMESPACE = "incidents.dedup"
BUCKET_DAYS = 7
REJECTED_KEPT = 3  # closest turned-down candidates kept as evidence


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def lock_keys(country: str, event_date: dt.date, date_precision) -> list[tuple[int, int]]:
    """Advisory-lock keys (country hash, week bucket) covering the days a report could match."""
    tolerance = date_tolerance(date_precision)
    first = (event_date - dt.timedelta(days=tolerance)).toordinal() // BUCKET_DAYS
    last = (event_date + dt.timedelta(days=tolerance)).toordinal() // BUCKET_DAYS
    digest = zlib.crc32(f"{LOCK_NAMESPACE}:{(country or '').strip().lower()}".encode())
    country_key = digest - (1 << 32) if digest >= (1 << 31) else digest  # Postgres int4 is signed
    return [(country_key, bucket) for bucket in range(first, last + 1)]


def _lock_windows(cur, reports: Iterable[Mapping]) -> None:
    keys = sorted({k for r in reports for k in lock_keys(r["country"], r["event_date"], r.get("date_precision"))})
    for key1, key2 in keys:  # one global order, so two loaders cannot wait on each other within one call
        cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", (key1, key2))


def _candidates(cur, report: Mapping) -> list[dict]:
    cur.execute(
        f"""SELECT {", ".join(f"i.{c}" for c in _INCIDENT_FIELDS)}
              FROM incidents i
             WHERE lower(i.country) = lower(%(country)s)
               AND i.event_date BETWEEN %(day)s::date - %(window)s AND %(day)s::date + %(window)s
               AND abs(i.event_date - %(day)s::date) <= greatest(%(tolerance)s, CASE i.date_precision
                       WHEN 2 THEN %(week)s WHEN 3 THEN %(month)s ELSE %(exact)s END)
               AND NOT EXISTS (SELECT 1 FROM incident_reports o          -- one article never merges with itself
                                WHERE o.incident_id = i.incident_id AND o.article_id = %(article)s)
             ORDER BY i.incident_id""",
        {"country": report["country"], "day": report["event_date"], "window": MAX_DATE_TOLERANCE_DAYS,
         "tolerance": date_tolerance(report.get("date_precision")), "exact": DATE_TOLERANCE_DAYS[1],
         "week": DATE_TOLERANCE_DAYS[2], "month": DATE_TOLERANCE_DAYS[3], "article": report["article_id"]},
    )
    return _rows(cur)


def _decide(cur, report: Mapping, excluded: set[int]):
    """Best compatible incident for `report` (or None), with the evidence."""
    best, rejected = None, []
    candidates = [c for c in _candidates(cur, report) if c["incident_id"] not in excluded]
    for candidate in candidates:
        result = compare(report, candidate)
        if result.compatible:
            if best is None or result.score > best[1].score:  # ties keep the oldest incident
                best = (candidate["incident_id"], result)
        else:
            rejected.append({"incident_id": candidate["incident_id"], "score": result.score,
                             "reasons": result.reasons})
    rejected.sort(key=lambda r: -r["score"])
    return best, len(candidates), rejected[:REJECTED_KEPT]


def _create(cur, report_id: int) -> int:
    cols = ", ".join(_REPORT_FIELDS)
    cur.execute(f"INSERT INTO incidents ({cols}) SELECT {cols} FROM incident_reports WHERE report_id = %s "
                "RETURNING incident_id", (report_id,))
    return cur.fetchone()[0]


def _link_article(cur, report_id: int) -> None:
    cur.execute(
        """INSERT INTO incident_articles (incident_id, article_id, report_id, evidence_start, evidence_end,
                                          evidence_text)
           SELECT incident_id, article_id, report_id, evidence_start, evidence_end, evidence_text
             FROM incident_reports WHERE report_id = %s AND incident_id IS NOT NULL
           ON CONFLICT (incident_id, report_id) DO UPDATE
              SET evidence_start = EXCLUDED.evidence_start, evidence_end = EXCLUDED.evidence_end,
                  evidence_text = EXCLUDED.evidence_text""",
        (report_id,),
    )


def _record_match(cur, report_id, incident_id, decision, score, reasons, candidates_count, rejected) -> None:
    cur.execute(
        """INSERT INTO incident_matches (report_id, incident_id, decision, score, reasons, candidates_count,
                                         rejected, rule_version)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (report_id) DO UPDATE
              SET incident_id = EXCLUDED.incident_id, decision = EXCLUDED.decision, score = EXCLUDED.score,
                  reasons = EXCLUDED.reasons, candidates_count = EXCLUDED.candidates_count,
                  rejected = EXCLUDED.rejected, rule_version = EXCLUDED.rule_version, decided_at = now()""",
        (report_id, incident_id, decision, score, reasons, candidates_count, json.dumps(rejected), RULE_VERSION),
    )


def _describe(report: Mapping) -> str:
    outlet = report.get("source_name") or report.get("url") or f"article {report['article_id']}"
    published = report["published_at"].astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"report {report['report_id']} from {outlet} (article {report['article_id']}, published {published})"


def assign(cur, report_ids: Iterable[int]) -> set[int]:
    """Put every given report in an incident (an existing one when it describes the same event, else a new
    one); returns the incidents touched. Reports already in an incident keep it and are re-reconciled."""
    ids = sorted(set(report_ids))
    if not ids:
        return set()
    cur.execute(_REPORT_SELECT + " WHERE r.report_id = ANY(%s) ORDER BY r.report_id", (ids,))
    reports = _rows(cur)
    _lock_windows(cur, reports)
    touched: set[int] = set()
    for report in reports:
        cur.execute("SELECT incident_id FROM incident_reports WHERE report_id = %s", (report["report_id"],))
        current = cur.fetchone()
        if current is None:  # removed meanwhile
            continue
        if current[0] is not None:  # same report key, new values: its incident stays, the fields follow
            _link_article(cur, report["report_id"])
            if _reconcile_one(cur, current[0], f"{_describe(report)} was revised", report):
                touched.add(current[0])
            continue
        incident_id, decision = _place_report(cur, report)
        _link_article(cur, report["report_id"])
        verb = "joined" if decision == "joined" else "started it"
        _reconcile_one(cur, incident_id, f"{_describe(report)} {verb}", report)
        touched.add(incident_id)
    return touched


def _place_report(cur, report: Mapping) -> tuple[int, str]:
    """Join the best compatible incident (locked, re-checked) or create one; record the decision."""
    excluded: set[int] = set()
    while True:
        best, candidates_count, rejected = _decide(cur, report, excluded)
        if best is None:
            incident_id = _create(cur, report["report_id"])
            decision, score, reasons = "new", 0.0, ["no compatible incident"]
        else:
            incident_id, result = best
            cur.execute("SELECT 1 FROM incidents WHERE incident_id = %s FOR UPDATE", (incident_id,))
            if cur.fetchone() is None:  # deleted by another loader after we read it: decide again
                excluded.add(incident_id)
                continue
            decision, score, reasons = "joined", result.score, result.reasons
        cur.execute("UPDATE incident_reports SET incident_id = %s WHERE report_id = %s",
                    (incident_id, report["report_id"]))
        _record_match(cur, report["report_id"], incident_id, decision, score, reasons, candidates_count, rejected)
        return incident_id, decision


def reconcile(cur, incident_ids: Iterable[int], *, reason: str | None = None) -> set[int]:
    """Recompute incidents from their reports; an incident left with no report is deleted (its history stays).
    Returns the incidents that still exist."""
    kept = set()
    for incident_id in sorted(set(incident_ids)):
        _reconcile_one(cur, incident_id, reason or "its reports changed (an article was re-extracted)", None)
        cur.execute("SELECT 1 FROM incidents WHERE incident_id = %s", (incident_id,))
        if cur.fetchone():
            kept.add(incident_id)
    return kept


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return str(value)


def _same(a, b) -> bool:
    if isinstance(a, (float, Decimal)) and isinstance(b, (float, Decimal)):
        return abs(float(a) - float(b)) < 1e-6
    if isinstance(a, str) and isinstance(b, str):
        return a.rstrip() == b.rstrip()  # iso3 is char(3)
    return a == b


def _reconcile_one(cur, incident_id: int, reason: str, cause: Mapping | None) -> bool:
    """Recompute one incident; write its changes to incident_revisions. True when anything changed."""
    cur.execute(f"SELECT {', '.join(_INCIDENT_FIELDS)} FROM incidents WHERE incident_id = %s FOR UPDATE",
                (incident_id,))
    found = _rows(cur)
    if not found:
        return False
    current = found[0]
    cur.execute(_REPORT_SELECT + " WHERE r.incident_id = %s ORDER BY r.report_id", (incident_id,))
    reports = _rows(cur)
    cause_ids = (cause["report_id"], cause["article_id"]) if cause else (None, None)
    if not reports:
        cur.execute("DELETE FROM incidents WHERE incident_id = %s", (incident_id,))
        _history(cur, incident_id, current["revision"] + 1, "incident", "active", "deleted",
                  f"no report supports it any more: {reason}", cause_ids)
        return True
    result = reconciled(reports)
    _gazetteer_spelling(cur, result, reports)
    changed = [f for f in RECONCILED_FIELDS if not _same(current[f], result.values[f])]
    if not changed:
        return False
    revision = current["revision"] + 1
    sets = ", ".join(f"{f} = %({f})s" for f in changed)
    cur.execute(f"UPDATE incidents SET {sets}, revision = %(revision)s, updated_at = now() "
                "WHERE incident_id = %(incident_id)s",
                {**{f: result.values[f] for f in changed}, "revision": revision, "incident_id": incident_id})
    if current["revision"] == 0:
        _history(cur, incident_id, revision, "incident", None, "created", reason, cause_ids)
        return True
    for name in changed:
        if name in TRACKED_FIELDS:
            why = result.why.get(name)
            _history(cur, incident_id, revision, name, _text(current[name]), _text(result.values[name]),
                     f"{reason}; rule: {why}" if why else reason, cause_ids)
    return True


def _gazetteer_spelling(cur, result, reports) -> None:
    """Write the chosen place the way the gazetteer spells it, when the gazetteer knows it under any of the
    spellings the reports use (and near the reported coordinates); fill missing coordinates from it."""
    v = result.values
    if not v.get("location") or not v.get("iso3"):
        return
    spellings = sorted({r["location"] for r in reports if r.get("location")
                        and same_place_name(r["location"], v["location"])})
    cur.execute(
        """SELECT g.geonameid, coalesce(nullif(g.asciiname, ''), g.name), g.latitude, g.longitude,
                  g.admin1_name, g.admin2_name
             FROM gazetteer_places g JOIN country_codes c ON c.iso2 = g.country_code
            WHERE c.iso3 = %(iso3)s
              AND (lower(g.name) = ANY(%(keys)s) OR g.alternatenames && %(spellings)s::text[])
            ORDER BY CASE WHEN %(lat)s::float8 IS NULL THEN 0
                          ELSE (g.latitude - %(lat)s) ^ 2 + (g.longitude - %(lon)s) ^ 2 END,
                     g.population DESC, g.geonameid
            LIMIT 1""",
        {"iso3": v["iso3"].strip(), "keys": [s.lower() for s in spellings], "spellings": spellings,
         "lat": v.get("latitude"), "lon": v.get("longitude")},
    )
    hit = cur.fetchone()
    if hit is None:
        return
    geonameid, name, lat, lon, admin1, admin2 = hit
    if v.get("latitude") is not None and distance_km(v["latitude"], v["longitude"], lat, lon) > NEAR_KM:
        return  # a namesake elsewhere in the country
    if name != v["location"]:
        v["location"] = name
        result.why["location"] += f"; spelled as the gazetteer does (geonameid {geonameid})"
    if v.get("latitude") is None:
        v["latitude"], v["longitude"] = lat, lon
        result.why["latitude"] = result.why["longitude"] = f"from the gazetteer (geonameid {geonameid})"
    for field_name, value in (("admin1", admin1), ("admin2", admin2)):
        if v.get(field_name) is None and value:
            v[field_name] = value
            result.why[field_name] = f"from the gazetteer (geonameid {geonameid})"


def _history(cur, incident_id, revision, name, old, new, reason, cause_ids) -> None:
    cur.execute(
        """INSERT INTO incident_revisions (incident_id, revision, field, old_value, new_value, reason, report_id,
                                           article_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
        (incident_id, revision, name, old, new, reason, *cause_ids),
    )
