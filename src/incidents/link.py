"""Attach incident reports to incidents (cross-source deduplication) and keep each incident reconciled.

`assign` decides, for each new report, whether it describes an incident already known (same event reported by
another outlet, see `incidents.dedup.match`) or a new one, records the decision and its evidence in
incident_matches, and links the article. `reconcile` recomputes an incident from all of its reports
(`incidents.dedup.reconcile`) and writes every change of a field to incident_revisions.

Concurrency: two loaders must not both create an incident for the same event because neither can see the
other's uncommitted one. Before looking for candidates, a loader takes transaction-scoped advisory locks on
(country, week) buckets covering each report's date window; two reports that could match have overlapping
windows, so they share a bucket and the second loader waits until the first commits (READ COMMITTED: its next
statement then sees the new incident). Incident rows are locked FOR UPDATE before they are written, and one
that another transaction changed since it was read makes the batch decide again.

Set-based: `link_batch` links a whole transaction's reports with a fixed number of statements. It reads the
batch's reports, every incident any of them could match (one join) with their reports, and the gazetteer places
they could be spelled as; decides and reconciles in memory in the order one-report-at-a-time linking would (so
a later report compares against the incident an earlier one created or changed); then writes new and changed
incidents, links, match decisions and revision records with one multi-row statement each.
"""
from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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
    + ", coalesce(a.published_at, a.fetched_at) AS published_at, a.source_name, a.url,"
    " lower(r.country) AS country_key"
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


def _lock_windows(cur, reports: Iterable[Mapping]) -> bytes:
    """The statement locking all the buckets the reports could match in, in one global order (sorted keys), so
    two loaders cannot each hold a key the other waits for."""
    keys = sorted({k for r in reports for k in lock_keys(r["country"], r["event_date"], r.get("date_precision"))})
    if not keys:
        return b""
    return cur.mogrify("""SELECT count(pg_advisory_xact_lock(k1, k2))
                            FROM (SELECT k1, k2 FROM unnest(%s::int[], %s::int[]) WITH ORDINALITY AS t(k1, k2, i)
                                   ORDER BY i) s;
                       """, ([k[0] for k in keys], [k[1] for k in keys]))


@dataclass
class Step:
    """One unit of the sequential semantics: assign these reports (in report_id order), then reconcile these
    incidents (an article's re-extraction removed some of their reports)."""
    assign: Sequence[int] = ()
    reconcile: Sequence[int] = ()
    reason: str | None = None   # why the `reconcile` incidents are recomputed


@dataclass(eq=False)
class _Incident:
    """An incident as the batch sees it: read from the database, or created by the batch (id None until flushed).
    `values` holds what the row holds (or will hold), so later reports of the batch compare against it exactly
    as they would against the row had each report been linked in its own statements."""
    id: int | None
    rank: tuple                       # candidate order: existing ones by id, then the batch's in creation order
    values: dict
    reports: dict[int, dict]          # report_id -> report (the incident's current members)
    read_revision: int | None = None  # revision when read, re-checked under the row lock before writing
    dirty: bool = False
    deleted: bool = False

    @property
    def revision(self) -> int:
        return self.values["revision"]

    def country_key(self) -> str:
        country = self.values["country"]
        return next((r["country_key"] for r in self.reports.values() if r["country"] == country),
                    self.values.get("country_key") or "")

    def candidate(self) -> dict:
        return {**self.values, "incident_id": self.id}


class _Stale(Exception):
    """An incident the batch decided on changed or vanished before it was locked: read again and redo."""


class _Batch:
    """Link one transaction's reports in memory, in the order one-report-at-a-time linking would, then write the
    outcome with a fixed number of multi-row statements."""

    def __init__(self, cur):
        self.cur = cur

    # --- reading -------------------------------------------------------------------------------------------------
    def read_reports(self, steps: Sequence[Step]) -> None:
        ids = sorted({i for s in steps for i in s.assign})
        self.reports: dict[int, dict] = {}
        if ids:
            self.cur.execute(_REPORT_SELECT + " WHERE r.report_id = ANY(%s) ORDER BY r.report_id", (ids,))
            self.reports = {r["report_id"]: r for r in _rows(self.cur)}

    def read_incidents(self, steps: Sequence[Step], before: bytes = b"") -> None:
        """`before` (the dedup locks) is sent in the same round trip, ahead of the reads."""
        cur = self.cur
        unplaced = [r for r in self.reports.values() if r["incident_id"] is None]
        extra = sorted({r["incident_id"] for r in self.reports.values() if r["incident_id"] is not None}
                       | {i for s in steps for i in s.reconcile})
        self.incidents: dict[int, _Incident] = {}
        self.by_country: dict[str, list[_Incident]] = {}
        if unplaced or extra:
            # every incident any unplaced report could be compared with (the per-report candidate condition,
            # evaluated for the whole batch in one join), and those the batch re-reconciles
            cur.execute(before + cur.mogrify(
                f"""SELECT {", ".join(f"i.{c}" for c in _INCIDENT_FIELDS)}, lower(i.country) AS country_key
                      FROM incidents i
                     WHERE i.incident_id = ANY(%(extra)s)
                        OR i.incident_id IN (
                           SELECT c.incident_id
                             FROM unnest(%(countries)s::text[], %(days)s::date[], %(tolerances)s::int[])
                                  AS q(country, day, tolerance)
                             JOIN incidents c ON lower(c.country) = lower(q.country)
                              AND c.event_date BETWEEN q.day - %(window)s AND q.day + %(window)s
                              AND abs(c.event_date - q.day) <= greatest(q.tolerance, CASE c.date_precision
                                      WHEN 2 THEN %(week)s WHEN 3 THEN %(month)s ELSE %(exact)s END))
                     ORDER BY i.incident_id""",
                {"extra": extra, "countries": [r["country"] for r in unplaced],
                 "days": [r["event_date"] for r in unplaced],
                 "tolerances": [date_tolerance(r.get("date_precision")) for r in unplaced],
                 "window": MAX_DATE_TOLERANCE_DAYS, "exact": DATE_TOLERANCE_DAYS[1], "week": DATE_TOLERANCE_DAYS[2],
                 "month": DATE_TOLERANCE_DAYS[3]},
            ))
            for row in _rows(cur):
                inc = _Incident(row["incident_id"], (0, row["incident_id"]), row, {}, row["revision"])
                self.incidents[inc.id] = inc
        elif before:
            cur.execute(before)
        if self.incidents:
            cur.execute(_REPORT_SELECT + " WHERE r.incident_id = ANY(%s) ORDER BY r.report_id",
                        (sorted(self.incidents),))
            for report in _rows(cur):
                report = self.reports.get(report["report_id"], report)
                self.incidents[report["incident_id"]].reports[report["report_id"]] = report
        for inc in self.incidents.values():
            self.by_country.setdefault(inc.values["country_key"], []).append(inc)
        self._read_gazetteer()

    def _read_gazetteer(self) -> None:
        """The gazetteer places any incident of the batch could be spelled as: every place named (by name or
        alternate name) like any report the batch has read, in one query. The alternate names are looked up one
        spelling at a time (`@>` of one element): an overlap (`&&`) with the whole list is the same set, but
        the planner will not use the GIN index for it and scans the gazetteer (seconds with a few countries)."""
        self.places: dict[str, list[tuple]] = {}
        reports = [*self.reports.values(), *(r for inc in self.incidents.values() for r in inc.reports.values())]
        spellings = sorted({r["location"] for r in reports if r.get("location")})
        if not spellings:
            return
        self.cur.execute(
            """SELECT c.iso3, g.geonameid, coalesce(nullif(g.asciiname, ''), g.name), g.latitude, g.longitude,
                      g.admin1_name, g.admin2_name, g.population, lower(g.name), g.alternatenames
                 FROM gazetteer_places g JOIN country_codes c ON c.iso2 = g.country_code
                WHERE c.iso3 = ANY(%(iso3)s)
                  AND g.geonameid IN (SELECT n.geonameid FROM gazetteer_places n WHERE lower(n.name) = ANY(%(keys)s)
                                      UNION ALL
                                      SELECT a.geonameid FROM unnest(%(spellings)s::text[]) AS s(spelling)
                                        JOIN gazetteer_places a ON a.alternatenames @> ARRAY[s.spelling])""",
            {"iso3": sorted({r["iso3"].strip() for r in reports if r.get("iso3")}),
             "keys": sorted({s.lower() for s in spellings}), "spellings": spellings},
        )
        for row in self.cur.fetchall():
            self.places.setdefault(row[0].strip(), []).append(row[1:])

    # --- deciding (in memory) ------------------------------------------------------------------------------------
    def simulate(self, steps: Sequence[Step]) -> list[set[_Incident]]:
        self.created: list[_Incident] = []
        self.history: list[tuple] = []
        self.matches: list[tuple] = []
        self.placed: dict[int, _Incident] = {}
        self.linked: list[int] = []
        touched_per_step = []
        for step in steps:
            touched: set[_Incident] = set()
            for report_id in sorted(set(step.assign)):
                report = self.reports.get(report_id)
                if report is None:  # removed meanwhile
                    continue
                current = self.placed.get(report_id) or (
                    self.incidents.get(report["incident_id"]) if report["incident_id"] else None)
                if current is not None and not current.deleted:
                    # same report key, new values: its incident stays, the fields follow
                    self.linked.append(report_id)
                    if self._reconcile(current, f"{_describe(report)} was revised", report):
                        touched.add(current)
                    continue
                inc, decision = self._place(report)
                self.linked.append(report_id)
                verb = "joined" if decision == "joined" else "started it"
                self._reconcile(inc, f"{_describe(report)} {verb}", report)
                touched.add(inc)
            reason = step.reason or "its reports changed (an article was re-extracted)"
            for incident_id in sorted(set(step.reconcile)):
                inc = self.incidents.get(incident_id)
                if inc is None or inc.deleted:
                    continue
                self._reconcile(inc, reason, None)
                if not inc.deleted:
                    touched.add(inc)
            touched_per_step.append(touched)
        return touched_per_step

    def _candidates(self, report: Mapping) -> list[_Incident]:
        tolerance = date_tolerance(report.get("date_precision"))
        found = []
        for inc in self.by_country.get(report["country_key"], ()):
            if inc.deleted:
                continue
            delta = abs((inc.values["event_date"] - report["event_date"]).days)
            if delta > max(tolerance, date_tolerance(inc.values.get("date_precision"))):
                continue
            if any(r["article_id"] == report["article_id"] for r in inc.reports.values()):
                continue  # one article never merges with itself
            found.append(inc)
        return sorted(found, key=lambda i: i.rank)

    def _place(self, report: dict) -> tuple[_Incident, str]:
        """Join the best compatible incident or start one; record the decision."""
        best, rejected = None, []
        candidates = self._candidates(report)
        for inc in candidates:
            result = compare(report, inc.candidate())
            if result.compatible:
                if best is None or result.score > best[1].score:  # ties keep the oldest incident
                    best = (inc, result)
            else:
                rejected.append({"incident": inc, "score": result.score, "reasons": result.reasons})
        rejected.sort(key=lambda r: -r["score"])
        if best is None:
            values = {f: report[f] for f in _REPORT_FIELDS}
            values.update({"revision": 0, "sources": None, "article_count": 0, "first_reported_at": None,
                           "last_reported_at": None, "country_key": report["country_key"]})
            inc = _Incident(None, (1, len(self.created)), values, {})
            self.created.append(inc)
            self.by_country.setdefault(report["country_key"], []).append(inc)
            decision, score, reasons = "new", 0.0, ["no compatible incident"]
        else:
            inc, result = best
            decision, score, reasons = "joined", result.score, result.reasons
        inc.reports[report["report_id"]] = report
        self.placed[report["report_id"]] = inc
        self.matches.append((report["report_id"], inc, decision, score, reasons, len(candidates),
                             rejected[:REJECTED_KEPT]))
        return inc, decision

    def _reconcile(self, inc: _Incident, reason: str, cause: Mapping | None) -> bool:
        """Recompute one incident from its reports; queue its changes for incident_revisions."""
        cause_ids = (cause["report_id"], cause["article_id"]) if cause else (None, None)
        current = inc.values
        if not inc.reports:
            inc.deleted = True
            self.history.append((inc, current["revision"] + 1, "incident", "active", "deleted",
                                 f"no report supports it any more: {reason}", *cause_ids))
            return True
        reports = [inc.reports[k] for k in sorted(inc.reports)]
        result = reconciled(reports)
        self._gazetteer_spelling(result, reports)
        changed = [f for f in RECONCILED_FIELDS if not _same(current[f], result.values[f])]
        if not changed:
            return False
        revision = current["revision"] + 1
        old = {f: current[f] for f in changed}
        current.update({f: result.values[f] for f in changed}, revision=revision)
        current["country_key"] = inc.country_key()
        inc.dirty = True
        if revision == 1:
            self.history.append((inc, revision, "incident", None, "created", reason, *cause_ids))
            return True
        for name in changed:
            if name in TRACKED_FIELDS:
                why = result.why.get(name)
                self.history.append((inc, revision, name, _text(old[name]), _text(result.values[name]),
                                     f"{reason}; rule: {why}" if why else reason, *cause_ids))
        return True

    def _gazetteer_spelling(self, result, reports) -> None:
        """Write the chosen place the way the gazetteer spells it, when the gazetteer knows it under any of the
        spellings the reports use (and near the reported coordinates); fill missing coordinates from it."""
        v = result.values
        if not v.get("location") or not v.get("iso3"):
            return
        spellings = {r["location"] for r in reports if r.get("location")
                     and same_place_name(r["location"], v["location"])}
        keys = {s.lower() for s in spellings}
        lat, lon = v.get("latitude"), v.get("longitude")
        hits = [p for p in self.places.get(v["iso3"].strip(), ())
                if p[7] in keys or not spellings.isdisjoint(p[8])]
        if not hits:
            return
        # the order the single-incident query used: nearest to the reported point, then most populous
        hit = min(hits, key=lambda p: (0.0 if lat is None else (p[2] - lat) ** 2 + (p[3] - lon) ** 2, -p[6], p[0]))
        geonameid, name, glat, glon, admin1, admin2 = hit[:6]
        if lat is not None and distance_km(lat, lon, glat, glon) > NEAR_KM:
            return  # a namesake elsewhere in the country
        if name != v["location"]:
            v["location"] = name
            result.why["location"] += f"; spelled as the gazetteer does (geonameid {geonameid})"
        if lat is None:
            v["latitude"], v["longitude"] = glat, glon
            result.why["latitude"] = result.why["longitude"] = f"from the gazetteer (geonameid {geonameid})"
        for field_name, value in (("admin1", admin1), ("admin2", admin2)):
            if v.get(field_name) is None and value:
                v[field_name] = value
                result.why[field_name] = f"from the gazetteer (geonameid {geonameid})"

    # --- writing -------------------------------------------------------------------------------------------------
    def lock(self) -> None:
        """Lock the existing incidents the batch changes, in id order; any that another transaction changed or
        deleted since they were read makes the batch decide again (raises _Stale). The same round trip draws
        the new incidents' ids, in creation order (after a _Stale they are simply left unused)."""
        changed = sorted(i.id for i in self.incidents.values() if i.dirty or i.deleted)
        new = [i for i in self.created if not i.deleted]
        if not changed and not new:
            return
        self.cur.execute(
            """SELECT (SELECT array_agg(id ORDER BY n)
                         FROM (SELECT n, nextval(pg_get_serial_sequence('incidents', 'incident_id')) AS id
                                 FROM generate_series(1, %s) AS n) ids),
                      (SELECT array_agg(ARRAY[incident_id, revision])
                         FROM (SELECT incident_id, revision FROM incidents WHERE incident_id = ANY(%s)
                                ORDER BY incident_id FOR UPDATE) locked)""",
            (len(new), changed))
        ids, locked = self.cur.fetchone()
        now = {incident_id: revision for incident_id, revision in locked or ()}
        if any(now.get(i) != self.incidents[i].read_revision for i in changed):
            raise _Stale
        for inc, incident_id in zip(new, ids or (), strict=True):
            inc.id = incident_id

    def flush(self) -> None:
        """Write the batch's outcome: new and changed incidents, links, decisions and revision records, one
        multi-row statement each, sent together in one round trip (new incidents' ids were drawn by `lock`)."""
        cur = self.cur
        new = [i for i in self.created if not i.deleted]
        cols = ", ".join(_INCIDENT_FIELDS)
        sets = ", ".join(f"{c} = v.{c}" for c in _INCIDENT_FIELDS if c != "incident_id")
        dirty = [i for i in self.incidents.values() if i.dirty and not i.deleted]
        gone = sorted(i.id for i in self.incidents.values() if i.deleted)
        placed = sorted(self.placed)
        statements = [
            (new, (f"INSERT INTO incidents ({cols}) SELECT {cols} "
                   "FROM jsonb_populate_recordset(NULL::incidents, %s::jsonb)"), lambda: (_json_rows(new),)),
            (dirty, (f"UPDATE incidents i SET {sets}, updated_at = now() "
                     "FROM jsonb_populate_recordset(NULL::incidents, %s::jsonb) v "
                     "WHERE i.incident_id = v.incident_id"), lambda: (_json_rows(dirty),)),
            (gone, "DELETE FROM incidents WHERE incident_id = ANY(%s)", lambda: (gone,)),
            (placed, """UPDATE incident_reports r SET incident_id = p.incident_id
                          FROM unnest(%s::bigint[], %s::bigint[]) AS p(report_id, incident_id)
                         WHERE r.report_id = p.report_id""", lambda: (placed, [self.placed[i].id for i in placed])),
            (self.linked, """INSERT INTO incident_articles (incident_id, article_id, report_id, evidence_start,
                                                            evidence_end, evidence_text)
                             SELECT incident_id, article_id, report_id, evidence_start, evidence_end, evidence_text
                               FROM incident_reports WHERE report_id = ANY(%s) AND incident_id IS NOT NULL
                             ON CONFLICT (incident_id, report_id) DO UPDATE
                                SET evidence_start = EXCLUDED.evidence_start, evidence_end = EXCLUDED.evidence_end,
                                    evidence_text = EXCLUDED.evidence_text""",
             lambda: (sorted(set(self.linked)),)),
            (self.matches, """INSERT INTO incident_matches (report_id, incident_id, decision, score, reasons,
                                                            candidates_count, rejected, rule_version)
                              SELECT report_id, incident_id, decision, score, reasons, candidates_count, rejected,
                                     rule_version
                                FROM jsonb_populate_recordset(NULL::incident_matches, %s::jsonb)
                              ON CONFLICT (report_id) DO UPDATE
                                 SET incident_id = EXCLUDED.incident_id, decision = EXCLUDED.decision,
                                     score = EXCLUDED.score, reasons = EXCLUDED.reasons,
                                     candidates_count = EXCLUDED.candidates_count, rejected = EXCLUDED.rejected,
                                     rule_version = EXCLUDED.rule_version, decided_at = now()""",
             lambda: (self._json_matches(),)),
            # in list order, so revision_id keeps the order the changes happened in
            (self.history, """INSERT INTO incident_revisions (incident_id, revision, field, old_value, new_value,
                                                              reason, report_id, article_id)
                              SELECT incident_id, revision, field, old_value, new_value, reason, report_id,
                                     article_id
                                FROM jsonb_populate_recordset(NULL::incident_revisions, %s::jsonb)
                                     WITH ORDINALITY AS h ORDER BY ordinality""",
             lambda: (self._json_history(),)),
        ]
        sql = b";\n".join(cur.mogrify(query, params()) for rows, query, params in statements if rows)
        if sql:
            cur.execute(sql)

    def _json_matches(self) -> str:
        return json.dumps([
            {"report_id": report_id, "incident_id": inc.id, "decision": decision, "score": score,
             "reasons": reasons, "candidates_count": count, "rule_version": RULE_VERSION,
             "rejected": [{"incident_id": r["incident"].id, "score": r["score"], "reasons": r["reasons"]}
                          for r in rejected]}
            for report_id, inc, decision, score, reasons, count, rejected in self.matches])

    def _json_history(self) -> str:
        names = ("revision", "field", "old_value", "new_value", "reason", "report_id", "article_id")
        return json.dumps([{"incident_id": inc.id, **dict(zip(names, rest, strict=True))}
                           for inc, *rest in self.history])


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__} in an incident row")


def _json_rows(incidents: Sequence[_Incident]) -> str:
    return json.dumps([{**{c: i.values[c] for c in _INCIDENT_FIELDS if c != "incident_id"}, "incident_id": i.id}
                       for i in incidents], default=_json_default)


MAX_ATTEMPTS = 10


def link_batch(cur, steps: Sequence[Step]) -> list[set[int]]:
    """Link a batch: each step's reports are assigned to incidents and its listed incidents recomputed, in step
    order, with the outcome one-step-at-a-time linking would give. Returns, per step, the incidents touched
    (assigned to, changed by a revised report, or recomputed and still existing)."""
    steps = list(steps)
    if not any(s.assign or s.reconcile for s in steps):
        return [set() for _ in steps]
    batch = _Batch(cur)
    batch.read_reports(steps)
    locks = _lock_windows(cur, batch.reports.values())
    for attempt in range(MAX_ATTEMPTS):
        if attempt:  # an incident changed under us: read everything again (the locks taken so far stay)
            batch.read_reports(steps)
        # under the dedup locks (the statements after them see what a loader that held them committed)
        batch.read_incidents(steps, locks if attempt == 0 else b"")
        touched = batch.simulate(steps)
        try:
            batch.lock()
        except _Stale:
            continue
        batch.flush()
        return [{i.id for i in t} for t in touched]
    raise RuntimeError(f"incidents kept changing under the loader ({MAX_ATTEMPTS} attempts)")


def assign(cur, report_ids: Iterable[int]) -> set[int]:
    """Put every given report in an incident (an existing one when it describes the same event, else a new
    one); returns the incidents touched. Reports already in an incident keep it and are re-reconciled."""
    return link_batch(cur, [Step(assign=sorted(set(report_ids)))])[0]


def reconcile(cur, incident_ids: Iterable[int], *, reason: str | None = None) -> set[int]:
    """Recompute incidents from their reports; an incident left with no report is deleted (its history stays).
    Returns the incidents that still exist."""
    return link_batch(cur, [Step(reconcile=sorted(set(incident_ids)), reason=reason)])[0]


def _describe(report: Mapping) -> str:
    outlet = report.get("source_name") or report.get("url") or f"article {report['article_id']}"
    published = report["published_at"].astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"report {report['report_id']} from {outlet} (article {report['article_id']}, published {published})"


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
