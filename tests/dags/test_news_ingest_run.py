"""Whole news_ingest runs through Airflow (dag.test) against the sample site and the test Postgres."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.dags.conftest import run_dag, task_states

HOUR = dt.timedelta(hours=1)
# a manual run at logical date T covers the hour before T (CronDataIntervalTimetable)
T0 = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)

SNAPSHOT_TABLES = {
    "articles": "article_id", "article_urls": "url", "incident_reports": "report_id",
    "incidents": "incident_id", "incident_articles": "incident_id, report_id", "aggregate_claims": "claim_id",
}


def snapshot(conn) -> dict[str, list[tuple]]:
    """Every row of the data tables, minus bookkeeping timestamps (*_at), in key order."""
    out = {}
    with conn.cursor() as cur:
        for table, order in SNAPSHOT_TABLES.items():
            cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                        "AND column_name NOT LIKE '%%\\_at' ORDER BY ordinal_position", (table,))
            cols = ", ".join(r[0] for r in cur.fetchall())
            cur.execute(f"SELECT {cols} FROM {table} ORDER BY {order}")
            out[table] = cur.fetchall()
    conn.commit()
    return out


def runs_for(conn, start: dt.datetime) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM pipeline_runs WHERE data_interval_start = %s ORDER BY started_at", (start,))
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    conn.commit()
    return rows


@pytest.mark.slow
def test_ingest_loads_rerun_is_identical_and_backfill_adds_nothing(airflow_meta, ingest_env, db, monkeypatch):
    # one batch for both feeds: this test is about the data, the fan-out is exercised by the failure test
    monkeypatch.setenv("INCIDENTS_FEEDS_PER_BATCH", "2")
    t0 = time.perf_counter()
    dr = run_dag("news_ingest", T0)
    first_s = time.perf_counter() - t0
    states = task_states(dr)
    assert str(dr.state) == "success", states
    assert states["crawl[0]"] == "success" and "crawl[1]" not in states

    first = snapshot(db)
    assert len(first["articles"]) >= 5 and len(first["incidents"]) >= 3
    assert all(row for row in first["incident_articles"])
    [run] = runs_for(db, T0 - HOUR)
    assert run["status"] == "success" and run["data_interval_end"] == T0
    assert run["feeds_requested"] == 2 and run["feeds_failed"] == 0
    assert run["articles_stored"] == len(first["articles"])
    assert run["articles_extracted"] == len(first["articles"])
    assert run["details"]["outcome"] == {"failed_batches": [], "missing_batches": [], "quality_open": 0,
                                         "quality_checked": True}

    # the same interval again: same rows, a second run record for it
    dr = run_dag("news_ingest", T0)
    assert str(dr.state) == "success", task_states(dr)
    assert snapshot(db) == first
    again = runs_for(db, T0 - HOUR)
    assert len(again) == 2 and again[1]["status"] == "success"
    assert again[1]["articles_stored"] == 0 and again[1]["articles_extracted"] == 0

    # backfilling the two intervals after it (three in all): each recorded with its own interval, and no new or
    # changed rows
    for k in (1, 2):
        dr = run_dag("news_ingest", T0 + k * HOUR)
        assert str(dr.state) == "success", task_states(dr)
        [run] = runs_for(db, T0 + (k - 1) * HOUR)
        assert run["data_interval_end"] == T0 + k * HOUR and run["status"] == "success"
    assert snapshot(db) == first
    print(f"\nnews_ingest dag.test: first run {first_s:.1f}s, four runs {time.perf_counter() - t0:.1f}s")


@pytest.mark.slow
def test_a_failing_feed_fails_only_its_batch_and_the_run_records_it(airflow_meta, ingest_env, db, monkeypatch):
    # a third feed on an address where nothing listens (127.0.0.2: loopback, connection refused); two feeds per
    # batch: the sample site's feeds in batch 0, the broken one alone in batch 1
    broken = "http://127.0.0.2:9/feeds/rss.xml"
    text = ingest_env["registry"].read_text()
    ingest_env["registry"].write_text(text.rstrip() + f"\n      - url: {broken}\n        language: en\n")
    monkeypatch.setenv("INCIDENTS_FEEDS_PER_BATCH", "2")

    dr = run_dag("news_ingest", T0)
    states = task_states(dr)
    assert states["crawl[1]"] == "failed"
    assert states["crawl[0]"] == "success"
    for step in ("normalize", "check_quality", "refresh_views"):
        assert states[step] == "success", states
    assert states["finish"] == "failed" and str(dr.state) == "failed"  # a partial run is not green

    [run] = runs_for(db, T0 - HOUR)
    assert run["status"] == "partial"
    assert run["feeds_requested"] == 3 and run["feeds_failed"] == 1
    assert run["details"]["outcome"]["failed_batches"] == [1]
    with db.cursor() as cur:
        cur.execute("SELECT status, error FROM run_batches WHERE run_id = %s AND batch_no = 1", (run["run_id"],))
        status, error = cur.fetchone()
        cur.execute("SELECT count(*) FROM articles")
        articles = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM incidents")
        incidents = cur.fetchone()[0]
    assert status == "failed" and broken in error
    assert articles >= 5 and incidents >= 3  # the healthy feeds loaded


@pytest.mark.parametrize("n_feeds, per_batch, max_batches, expected", [
    (0, 25, 256, []), (3, 1, 256, [1, 1, 1]), (60, 25, 256, [25, 25, 10]), (5000, 25, 100, [50] * 100),
    (5001, 25, 100, [51] * 98 + [3]),
])
def test_split_batches_stays_under_the_map_limit(n_feeds, per_batch, max_batches, expected):
    from incidents.pipeline import split_batches

    urls = [f"http://127.0.0.1/{i}" for i in range(n_feeds)]
    batches = split_batches(urls, feeds_per_batch=per_batch, max_batches=max_batches)
    assert [len(b) for b in batches] == expected
    assert [u for b in batches for u in b] == urls
