"""Re-run extraction over stored articles and replace their incidents, one transaction per range.

Which articles: those published (fetched, when the publication time is unknown) within a date range, or those
last extracted by another extractor version than the current one, or both. Each range is replaced in a single
transaction, so analysts see either the old incidents of the range or the new ones, never a mix; the articles
are locked FOR UPDATE first, so a concurrent normalise (SKIP LOCKED) leaves them alone meanwhile.

A report the new extractor reproduces exactly is left untouched, including the extractor_version it was
written with; the article's extractor_version records the re-extraction.

Incident ids survive re-extraction: a report whose key (article + event signature) is unchanged keeps its row and
its incident. When the new extractor describes the same event differently (another location or actor, hence a
new key), the old report is re-keyed to the new one before loading, matched by the sentence it rests on (the
evidence span in the same article), so the incident and whatever analysts attached to it stay.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence

from incidents.db import transaction
from incidents.load.incidents import report_key
from incidents.normalize import NormalizeResult

log = logging.getLogger(__name__)

DEFAULT_CHUNK_DAYS = 7


def current_extractor() -> tuple[Callable, str]:
    from incidents.extract import EXTRACTOR_VERSION, extract_article

    return extract_article, EXTRACTOR_VERSION


def _day(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# --- planning -----------------------------------------------------------------------------------------------------
def plan_ranges(conn, *, start=None, end=None, outdated_only: bool = False, version: str | None = None,
                chunk_days: int = DEFAULT_CHUNK_DAYS) -> list[dict]:
    """Split the work into ranges of at most chunk_days days that hold at least one selected article.

    start/end are dates (end inclusive); without them the range is that of the selected articles. Returns
    [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}] with end exclusive, oldest first.
    """
    if chunk_days < 1:
        raise ValueError("chunk_days must be positive")
    start, end = _day(start), _day(end)
    if start and end and end < start:
        raise ValueError(f"end {end} is before start {start}")
    version = version if version is not None else (current_extractor()[1] if outdated_only else None)
    with transaction(conn) as cur:
        cur.execute(
            f"""SELECT DISTINCT {_DAY_SQL} AS day FROM articles a
                 WHERE {_FILTER_SQL} ORDER BY day""",
            _params(start, end + dt.timedelta(days=1) if end else None, outdated_only, version))
        days = [r[0] for r in cur.fetchall()]
    ranges: list[dict] = []
    for day in days:
        if ranges and day < dt.date.fromisoformat(ranges[-1]["end"]):
            continue
        anchor = start + dt.timedelta(days=((day - start).days // chunk_days) * chunk_days) if start else day
        stop = anchor + dt.timedelta(days=chunk_days)
        if end:
            stop = min(stop, end + dt.timedelta(days=1))
        ranges.append({"start": anchor.isoformat(), "end": stop.isoformat()})
    return ranges


# the day an article belongs to, and the selection shared by planning and reprocessing
_DAY_SQL = "(COALESCE(a.published_at, a.fetched_at) AT TIME ZONE 'UTC')::date"
_FILTER_SQL = f"""(%(start)s::date IS NULL OR {_DAY_SQL} >= %(start)s::date)
                  AND (%(end)s::date IS NULL OR {_DAY_SQL} < %(end)s::date)
                  AND (NOT %(outdated)s OR a.extractor_version IS DISTINCT FROM %(version)s)"""


def _params(start, end, outdated_only, version) -> dict:
    return {"start": start, "end": end, "outdated": bool(outdated_only), "version": version}


# --- re-keying ----------------------------------------------------------------------------------------------------
def _overlap(a: tuple, b: tuple) -> int:
    if None in a or None in b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def rekey_reports(cur, article_id: int, rows: Sequence[Mapping]) -> int:
    """Give the article's old reports the keys of the new rows that describe the same event (the evidence
    spans overlap most), so loading updates them in place instead of replacing them. Returns how many."""
    cur.execute("SELECT report_id, report_key, evidence_start, evidence_end FROM incident_reports "
                "WHERE article_id = %s", (article_id,))
    old = {key: (rid, (start, end)) for rid, key, start, end in cur.fetchall()}
    if not old:
        return 0
    new = {}
    for row in rows:
        if row.get("kind") != "event":
            continue
        ev = row.get("evidence") or {}
        span = (ev.get("start"), ev.get("end")) if isinstance(ev, Mapping) else (None, None)
        new.setdefault(report_key(article_id, row), span)
    unmatched_new = {k: span for k, span in new.items() if k not in old}
    unmatched_old = {k: v for k, v in old.items() if k not in new}
    moved = 0
    for key, span in unmatched_new.items():
        best = max(unmatched_old.items(), key=lambda kv: _overlap(kv[1][1], span), default=None)
        if best is None or _overlap(best[1][1], span) == 0:
            continue
        old_key, (report_id, _) = best
        cur.execute("UPDATE incident_reports SET report_key = %s WHERE report_id = %s", (key, report_id))
        del unmatched_old[old_key]
        moved += 1
    return moved


# --- reprocessing -------------------------------------------------------------------------------------------------
def reprocess_range(conn, *, start=None, end=None, outdated_only: bool = False, run_id: str | None = None,
                    extractor: tuple[Callable, str] | None = None) -> dict:
    """Re-extract and reload every selected article in [start, end) in ONE transaction; returns the totals.

    Any exception rolls the whole range back: the old incidents stay as they were.
    """
    from incidents.normalize import normalize_one

    extract_article, version = extractor or current_extractor()
    start, end = _day(start), _day(end)
    total = NormalizeResult()
    rekeyed = 0
    with transaction(conn) as cur:
        cur.execute(
            f"""SELECT a.article_id, a.url, a.title, a.text, a.published_at, a.fetched_at, a.language,
                       a.source_name
                  FROM articles a WHERE {_FILTER_SQL}
                 ORDER BY a.article_id FOR UPDATE""",
            _params(start, end, outdated_only, version))
        rows = cur.fetchall()

        def extract_and_rekey(article: dict) -> list[dict]:
            nonlocal rekeyed
            result = extract_article(article)
            rekeyed += rekey_reports(cur, int(article["id"]), result)
            return result

        for row in rows:
            normalize_one(cur, row, extract_and_rekey, version, run_id, total)
    out = total.as_dict()
    out.update({"start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
                "version": version, "reports_rekeyed": rekeyed})
    log.info("reprocessed %s..%s: %s", start, end, out)
    return out


# --- the reprocess_incidents DAG's steps --------------------------------------------------------------------------
def plan_run(*, run_id: str, dag_id: str, start=None, end=None, only_outdated: bool = True,
             chunk_days: int = DEFAULT_CHUNK_DAYS, database_url: str | None = None) -> list[dict]:
    """Record the run and return its ranges (end date inclusive in the arguments, exclusive in the ranges)."""
    from incidents import runs
    from incidents.db import connect

    conn = connect(database_url)
    try:
        runs.start_run(conn, run_id, dag_id=dag_id)
        with transaction(conn) as cur:  # a re-run of the same run id starts from a clean record
            cur.execute("UPDATE pipeline_runs SET details = '{}' WHERE run_id = %s", (run_id,))
        ranges = plan_ranges(conn, start=start, end=end, outdated_only=only_outdated, chunk_days=chunk_days)
        runs.update_run(conn, run_id, details={"reprocess_plan": {
            "start": str(start) if start else None, "end": str(end) if end else None,
            "only_outdated": only_outdated, "version": current_extractor()[1], "ranges": len(ranges)}})
    finally:
        conn.close()
    return ranges


def run_range(rng: Mapping, *, run_id: str, only_outdated: bool = True, database_url: str | None = None) -> dict:
    """Reprocess one planned range atomically and note its totals on the run record."""
    from incidents import runs
    from incidents.db import connect

    conn = connect(database_url)
    try:
        result = reprocess_range(conn, start=rng["start"], end=rng["end"], outdated_only=only_outdated,
                                 run_id=run_id)
        runs.update_run(conn, run_id, details={f"range_{rng['start']}": result})
    finally:
        conn.close()
    return result


def finish_run(*, run_id: str, database_url: str | None = None) -> dict:
    """Sum the ranges' totals into the run record; failed unless every planned range reported."""
    from incidents import runs
    from incidents.db import connect

    conn = connect(database_url)
    try:
        details = (runs.get_run(conn, run_id) or {}).get("details") or {}
        planned = int((details.get("reprocess_plan") or {}).get("ranges") or 0)
        done = [v for k, v in details.items() if k.startswith("range_")]
        totals = {"articles": sum(d.get("articles", 0) for d in done),
                  "incidents_touched": sum(d.get("incidents_touched", 0) for d in done),
                  "rejected": sum(d.get("rejected", 0) + d.get("failed", 0) for d in done)}
        status = "success" if len(done) == planned else "failed"
        runs.update_run(conn, run_id, status=status, articles_extracted=totals["articles"],
                        incidents_loaded=totals["incidents_touched"], rows_rejected=totals["rejected"],
                        details={"reprocess_outcome": {"ranges_planned": planned, "ranges_done": len(done)}})
    finally:
        conn.close()
    return {"status": status, "ranges_planned": planned, "ranges_done": len(done), **totals}
