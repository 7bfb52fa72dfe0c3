"""Load extractor output: incident reports and aggregate claims per article, then link reports to incidents.

The report key is a hash of the article and the event's signature (date, place, type, actors), so loading the same
extraction twice updates nothing, and re-extracting an article replaces exactly its own rows.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from incidents import contract, link
from incidents.load.hashing import stable_key
from incidents.load.quarantine import quarantine_many

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
    return load_articles(cur, [(article_id, rows, published)], version=version, run_id=run_id)[0]


def load_articles(cur, batch: Sequence[tuple[int, Sequence[Mapping], dt.date | None]], *, version: str,
                  run_id: str | None = None) -> list[LoadResult]:
    """Replace the extraction of every (article_id, rows, published) in `batch` inside the caller's transaction,
    with a fixed number of statements whatever the batch size; one LoadResult per entry, in order.

    The outcome is what loading the articles one after another would give: their reports are staged together,
    then linked article by article in memory (`link.link_batch`)."""
    ids = [article_id for article_id, _, _ in batch]
    if len(set(ids)) != len(ids):
        raise ValueError("an article appears twice in one batch")
    results = [LoadResult() for _ in batch]
    bad, reports, claims = [], [], []
    keep_reports: list[str] = []
    keep_claims: list[str] = []
    for n, (article_id, rows, published) in enumerate(batch):
        seen = set()
        for row in rows:
            errs = contract.problems(row, published=published)
            if errs:
                results[n].rejected += 1
                bad.append({"stage": "load", "subject": f"article:{article_id}", "reason": "contract violation",
                            "detail": "; ".join(errs), "article_id": article_id, "run_id": run_id,
                            "payload": json.dumps(row, default=str, ensure_ascii=False)})
                continue
            if row["kind"] == "aggregate":
                claim = _claim_values(article_id, row, version)
                keep_claims.append(claim[0])
                claims.append(claim)
                continue
            key = report_key(article_id, row)
            if key in seen:  # the extractor said the same thing twice
                continue
            seen.add(key)
            keep_reports.append(key)
            reports.append((key, article_id, *_report_values(row, version)))
    quarantine_many(cur, bad)
    at = {article_id: n for n, article_id in enumerate(ids)}
    assigned: list[list[int]] = [[] for _ in batch]
    orphaned: list[set[int]] = [set() for _ in batch]
    for kind, article_id, ref in _stage(cur, ids, reports, keep_reports, claims, keep_claims):
        result = results[at[article_id]]
        if kind == "written":
            assigned[at[article_id]].append(ref)
            result.reports_written += 1
        elif kind == "removed":
            result.reports_removed += 1
            if ref is not None:
                orphaned[at[article_id]].add(ref)
        else:
            result.aggregates_written += 1
    per_article = Counter(r[1] for r in reports)
    for n, article_id in enumerate(ids):
        results[n].reports_unchanged = per_article[article_id] - results[n].reports_written
    touched = link.link_batch(cur, [link.Step(assign=assigned[n], reconcile=sorted(orphaned[n]))
                                    for n in range(len(batch))])
    for result, incidents in zip(results, touched, strict=True):
        result.incidents_touched |= incidents
    return results


_REPORT_UPSERT = (
    f"INSERT INTO incident_reports (report_key, article_id, {', '.join(REPORT_COLUMNS)}) VALUES {{values}}"
    " ON CONFLICT (report_key) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in REPORT_COLUMNS) + ", updated_at = now() WHERE "
    + " OR ".join(f"incident_reports.{c} IS DISTINCT FROM EXCLUDED.{c}" for c in REPORT_COLUMNS
                  if c != "extractor_version")
    + " RETURNING report_id, article_id"
)
_CLAIM_INSERT = (
    "INSERT INTO aggregate_claims (claim_key, article_id, claim_text, fatalities, fatalities_low, fatalities_high,"
    " fatalities_text, countries, period_start, period_end, event_type, actor1, actor2, evidence_start,"
    " evidence_end, evidence_text, confidence, extractor_version)"
    " VALUES {values} ON CONFLICT (claim_key) DO NOTHING RETURNING article_id"
)


def _values(cur, rows: Sequence[tuple]) -> str:
    template = "(" + ", ".join(["%s"] * len(rows[0])) + ")"
    return b",".join(cur.mogrify(template, row) for row in rows).decode()


def _stage(cur, ids, reports, keep_reports, claims, keep_claims) -> list[tuple]:
    """Write the batch's reports and claims and remove the ones its articles no longer yield, as one statement
    (one round trip): ('written', article, report_id), ('removed', article, its incident) and ('claim', article,
    None) rows come back. The upsert and the removal touch disjoint rows (kept keys vs the others)."""
    parts = [
        cur.mogrify("""gone AS (DELETE FROM incident_reports WHERE article_id = ANY(%s) AND NOT (report_key = ANY(%s))
                                RETURNING article_id, incident_id),
                       gone_claims AS (DELETE FROM aggregate_claims
                                        WHERE article_id = ANY(%s) AND NOT (claim_key = ANY(%s)))""",
                    (ids, keep_reports, ids, keep_claims)).decode(),
    ]
    selects = ["SELECT 'removed', article_id, incident_id FROM gone"]
    if reports:
        parts.append(f"written AS ({_REPORT_UPSERT.format(values=_values(cur, reports))})")
        selects.append("SELECT 'written', article_id, report_id FROM written")
    if claims:
        parts.append(f"claimed AS ({_CLAIM_INSERT.format(values=_values(cur, claims))})")
        selects.append("SELECT 'claim', article_id, NULL::bigint FROM claimed")
    cur.execute("WITH " + ", ".join(parts) + " " + " UNION ALL ".join(selects))
    return cur.fetchall()


def _claim_values(article_id: int, row: Mapping, version: str) -> tuple:
    countries = [c for c in (row.get("countries") or [row.get("country")]) if c]
    key = stable_key(article_id, "aggregate", row.get("fatalities_text"), row.get("period_start"), *countries)
    start, end, text = _evidence(row)
    return (key, article_id, row.get("text") or text, int(row.get("fatalities") or 0), row.get("fatalities_low"),
            row.get("fatalities_high"), row.get("fatalities_text"), countries, row.get("period_start"),
            row.get("period_end"), row.get("event_type"), row.get("actor1"), row.get("actor2"), start, end, text,
            row.get("confidence"), version)
