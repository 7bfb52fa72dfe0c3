"""Load extractor output: incident reports and aggregate claims per article, then link reports to incidents.

The report key is a hash of the article and the event's signature (date, place, type, actors), so loading the same
extraction twice updates nothing, and re-extracting an article replaces exactly its own rows.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from incidents import contract, link
from incidents.load.hashing import stable_key
from incidents.load.quarantine import quarantine

REPORT_COLUMNS = contract.EVENT_FIELDS + ("evidence_start", "evidence_end", "evidence_text", "extractor_version")


@dataclass
class LoadResult:
    reports_written: int = 0     # inserted or changed
    reports_unchanged: int = 0
    reports_removed: int = 0     # an article's re-extraction no longer yields them
    aggregates_written: int = 0
    rejected: int = 0            # rows that broke the contract: quarantined
    incidents_touched: set[int] = field(default_factory=set)


def report_key(article_id: int, row: Mapping) -> str:
    return stable_key(article_id, row.get("event_date"), row.get("country"), row.get("admin1"), row.get("location"),
                      row.get("event_type"), row.get("sub_event_type"), row.get("actor1"), row.get("actor2"))


def _evidence(row: Mapping) -> tuple:
    ev = row.get("evidence") or {}
    if not isinstance(ev, Mapping):
        return (None, None, None)
    return (ev.get("start"), ev.get("end"), ev.get("text"))


def _report_values(row: Mapping, version: str) -> tuple:
    values = [row.get(name) for name in contract.EVENT_FIELDS]
    values[contract.EVENT_FIELDS.index("civilian_targeting")] = bool(row.get("civilian_targeting"))
    values[contract.EVENT_FIELDS.index("fatalities")] = int(row.get("fatalities") or 0)
    return (*values, *_evidence(row), version)


def load_article_rows(cur, article_id: int, rows: Sequence[Mapping], *, version: str,
                      published: dt.date | None = None, run_id: str | None = None) -> LoadResult:
    """Replace one article's extraction with `rows` inside the caller's transaction."""
    result = LoadResult()
    keep_reports, keep_claims = [], []
    touched_reports = []
    for row in rows:
        errs = contract.problems(row, published=published)
        if errs:
            result.rejected += 1
            quarantine(cur, stage="load", subject=f"article:{article_id}", reason="contract violation",
                       detail="; ".join(errs), payload=json.dumps(row, default=str, ensure_ascii=False),
                       article_id=article_id, run_id=run_id)
            continue
        if row["kind"] == "aggregate":
            keep_claims.append(_upsert_claim(cur, article_id, row, version, result))
            continue
        key = report_key(article_id, row)
        if key in keep_reports:  # the extractor said the same thing twice
            continue
        keep_reports.append(key)
        assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in REPORT_COLUMNS)
        distinct = " OR ".join(f"incident_reports.{c} IS DISTINCT FROM EXCLUDED.{c}" for c in REPORT_COLUMNS
                               if c != "extractor_version")
        cur.execute(
            f"""INSERT INTO incident_reports (report_key, article_id, {", ".join(REPORT_COLUMNS)})
                VALUES (%s, %s, {", ".join(["%s"] * len(REPORT_COLUMNS))})
                ON CONFLICT (report_key) DO UPDATE SET {assignments}, updated_at = now()
                WHERE {distinct}
                RETURNING report_id""",
            (key, article_id, *_report_values(row, version)),
        )
        got = cur.fetchone()
        if got:
            result.reports_written += 1
            touched_reports.append(got[0])
        else:
            result.reports_unchanged += 1
    cur.execute(
        """DELETE FROM incident_reports WHERE article_id = %s AND NOT (report_key = ANY(%s))
           RETURNING incident_id""",
        (article_id, keep_reports),
    )
    orphaned = {r[0] for r in cur.fetchall() if r[0] is not None}
    result.reports_removed = cur.rowcount
    cur.execute("DELETE FROM aggregate_claims WHERE article_id = %s AND NOT (claim_key = ANY(%s))",
                (article_id, keep_claims))
    result.incidents_touched |= link.assign(cur, touched_reports)
    result.incidents_touched |= link.reconcile(cur, orphaned)
    return result


def _upsert_claim(cur, article_id: int, row: Mapping, version: str, result: LoadResult) -> str:
    countries = [c for c in (row.get("countries") or [row.get("country")]) if c]
    key = stable_key(article_id, "aggregate", row.get("fatalities_text"), row.get("period_start"), *countries)
    start, end, text = _evidence(row)
    cur.execute(
        """INSERT INTO aggregate_claims (claim_key, article_id, claim_text, fatalities, fatalities_low,
                   fatalities_high, fatalities_text, countries, period_start, period_end, event_type, actor1,
                   actor2, evidence_start, evidence_end, evidence_text, confidence, extractor_version)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (claim_key) DO NOTHING""",
        (key, article_id, row.get("text") or text, int(row.get("fatalities") or 0), row.get("fatalities_low"),
         row.get("fatalities_high"), row.get("fatalities_text"), countries, row.get("period_start"),
         row.get("period_end"), row.get("event_type"), row.get("actor1"), row.get("actor2"), start, end, text,
         row.get("confidence"), version),
    )
    result.aggregates_written += cur.rowcount
    return key
