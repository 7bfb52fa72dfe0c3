"""The pipeline_runs record: one row per run, written by whichever step finishes, keyed by the run id.

Counters are set, not incremented, from each step's totals, so re-running a step for the same run id (an Airflow
retry, a cleared task) leaves the same record instead of double counts.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid

from incidents.db import transaction

COUNTERS = ("feeds_requested", "feeds_not_modified", "feeds_failed", "articles_fetched", "articles_skipped",
            "articles_stored", "articles_extracted", "incidents_loaded", "rows_rejected")


def new_run_id(prefix: str = "manual") -> str:
    return f"{prefix}__{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}__{uuid.uuid4().hex[:8]}"


def start_run(conn, run_id: str, *, dag_id: str | None = None, interval_start=None, interval_end=None) -> None:
    with transaction(conn) as cur:
        cur.execute(
            """INSERT INTO pipeline_runs (run_id, dag_id, data_interval_start, data_interval_end)
               VALUES (%s, %s, %s, %s)
               ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished_at = NULL""",
            (run_id, dag_id, interval_start, interval_end),
        )


def update_run(conn, run_id: str, *, status: str | None = None, details: dict | None = None, **counters) -> None:
    unknown = set(counters) - set(COUNTERS)
    if unknown:
        raise ValueError(f"unknown run counters: {sorted(unknown)}")
    sets = [f"{name} = %s" for name in counters]
    values = list(counters.values())
    if details:
        sets.append("details = pipeline_runs.details || %s::jsonb")
        values.append(_jsonb_text(details))
    if status:
        sets.append("status = %s")
        values.append(status)
        if status != "running":
            sets.append("finished_at = now()")
    if not sets:
        return
    with transaction(conn) as cur:
        cur.execute("INSERT INTO pipeline_runs (run_id) VALUES (%s) ON CONFLICT (run_id) DO NOTHING", (run_id,))
        cur.execute(f"UPDATE pipeline_runs SET {', '.join(sets)} WHERE run_id = %s", (*values, run_id))


def _scrub(value):
    if isinstance(value, str):
        # lone surrogates (a badly decoded page) are refused by jsonb too
        return value.replace("\x00", "\ufffd").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _jsonb_text(details: dict) -> str:
    """JSON for a jsonb column: jsonb refuses \\u0000, and an error message quoted from a scraped page can hold a
    NUL byte, which would otherwise fail the very update that records the failure."""
    return json.dumps(_scrub(json.loads(json.dumps(details, default=str))))


def get_run(conn, run_id: str) -> dict | None:
    with transaction(conn) as cur:
        cur.execute("SELECT * FROM pipeline_runs WHERE run_id = %s", (run_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))
