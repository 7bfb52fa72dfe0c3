"""The pipeline's bookkeeping without Airflow: how a run's status is decided, the normalise bound, settings."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from incidents import airflow_runner, pipeline, runs

END = dt.datetime(2026, 3, 2, 6, tzinfo=dt.UTC)


def record(db, run_id: str, *, batches: list[tuple[str, dict]], planned: int | None = None,
           normalized: bool = True, quality_open: int = 0) -> None:
    runs.start_run(db, run_id, dag_id="news_ingest", interval_start=END - dt.timedelta(hours=1), interval_end=END)
    details = {}
    if planned != -1:
        details["plan"] = {"batches": len(batches) if planned is None else planned, "feeds": 2 * len(batches)}
    if normalized:
        details["normalize"] = {"articles": 3}
    if quality_open is not None:
        details["quality"] = {"open_failures": quality_open}
    runs.update_run(db, run_id, details=details)
    with db.cursor() as cur:
        for n, (status, summary) in enumerate(batches):
            cur.execute("INSERT INTO run_batches (run_id, batch_no, feed_urls, status, summary, finished_at) "
                        "VALUES (%s, %s, %s, %s, %s, %s)",
                        (run_id, n, ["http://127.0.0.1/a", "http://127.0.0.1/b"], status, json.dumps(summary),
                         END + dt.timedelta(minutes=n + 1)))
    db.commit()


OK = {"fetched": 4, "stored": 3, "updated": 1, "skipped_known": 2, "duplicates": 1, "not_modified": 1,
      "feeds_failed": 0}


@pytest.mark.parametrize("batches, planned, normalized, quality_open, status", [
    ([("success", OK), ("success", OK)], None, True, 0, "success"),
    ([("success", OK), ("failed", {**OK, "feeds_failed": 1})], None, True, 0, "partial"),
    ([("success", OK)], 2, True, 0, "partial"),                     # a planned batch never reported
    ([("success", OK), ("success", OK)], None, True, 3, "partial"),  # open data-quality failures
    ([("failed", {}), ("failed", {})], None, True, 0, "failed"),     # nothing crawled
    ([("success", OK)], None, False, 0, "failed"),                   # normalise never ran
    ([], -1, True, 0, "failed"),                                     # planning failed (e.g. a bad registry)
    ([("success", OK)], None, True, None, "partial"),                # the quality step crashed
])
def test_run_status(db, db_url, batches, planned, normalized, quality_open, status):
    record(db, "r", batches=batches, planned=planned, normalized=normalized, quality_open=quality_open)
    result = pipeline.finish_run(run_id="r", database_url=db_url)
    row = runs.get_run(db, "r")
    assert result["status"] == row["status"] == status
    assert row["finished_at"] is not None


def test_run_counters_are_sums_of_the_batches(db, db_url):
    record(db, "r", batches=[("success", OK), ("failed", {})])
    pipeline.finish_run(run_id="r", database_url=db_url)
    row = runs.get_run(db, "r")
    assert (row["feeds_requested"], row["feeds_failed"], row["feeds_not_modified"]) == (4, 2, 1)
    assert (row["articles_fetched"], row["articles_stored"], row["articles_skipped"]) == (4, 4, 3)
    assert row["details"]["outcome"]["failed_batches"] == [1]
    # finishing again (a retried task) sets the same totals, it does not add them up twice
    pipeline.finish_run(run_id="r", database_url=db_url)
    assert runs.get_run(db, "r")["articles_fetched"] == 4


def test_normalize_bound_is_the_later_of_interval_end_and_crawl_end(db):
    record(db, "late", batches=[("success", OK), ("success", OK)])
    assert pipeline.normalize_bound(db, "late", END) == END + dt.timedelta(minutes=2)
    record(db, "early", batches=[("success", OK)])
    assert pipeline.normalize_bound(db, "early", END + dt.timedelta(hours=3)) == END + dt.timedelta(hours=3)
    assert pipeline.normalize_bound(db, "none", None) is None


def test_database_url_resolution(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("AIRFLOW_CONN_INCIDENTS_DB", json.dumps(
        {"conn_type": "postgres", "login": "inc", "password": "p@ss", "host": "db", "port": 5432,
         "schema": "incidents"}))
    assert pipeline.resolve_database_url() == "postgresql://inc:p%40ss@db:5432/incidents"
    monkeypatch.setenv("DATABASE_URL", "postgresql://x@127.0.0.1/y")
    assert pipeline.resolve_database_url() == "postgresql://x@127.0.0.1/y"
    assert pipeline.resolve_database_url("postgres://from-airflow") == "postgres://from-airflow"


def test_gazetteer_locations_and_local_dumps(tmp_path):
    assert pipeline.gazetteer_locations(None, "ml, bf") == [
        "https://download.geonames.org/export/dump/ML.zip", "https://download.geonames.org/export/dump/BF.zip"]
    assert pipeline.gazetteer_locations("/data/ML.txt,/data/NE.txt", "ML") == ["/data/ML.txt", "/data/NE.txt"]
    dump = tmp_path / "ML.txt"
    dump.write_text("x")
    assert pipeline.fetch_dump(str(dump), tmp_path / "dl") == str(dump)
    assert pipeline.fetch_dump(f"file://{dump}", tmp_path / "dl") == str(dump)
    with pytest.raises(FileNotFoundError):
        pipeline.fetch_dump(str(tmp_path / "missing.txt"), tmp_path / "dl")
    with pytest.raises(ValueError):
        pipeline.fetch_dump("ftp://127.0.0.1/ML.zip", tmp_path / "dl")


def test_airflow_runner_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW_HOME", "/somewhere/else")
    monkeypatch.delenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", raising=False)
    env = airflow_runner.airflow_env(tmp_path / "home", {"DATABASE_URL": "postgresql://x@127.0.0.1/y"})
    assert env["AIRFLOW_HOME"] == str((tmp_path / "home").resolve())  # an explicit home wins
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == f"sqlite:///{(tmp_path / 'home').resolve()}/airflow.db"
    assert Path(env["AIRFLOW__CORE__DAGS_FOLDER"]).joinpath("news_ingest.py").exists()
    assert env["DATABASE_URL"] == "postgresql://x@127.0.0.1/y"
    assert env["PYTHONPATH"].split(":")[0].endswith("/src")
    # a deployment's own settings are kept
    monkeypatch.setenv("AIRFLOW__CORE__EXECUTOR", "CeleryExecutor")
    assert airflow_runner.airflow_env(tmp_path)["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert airflow_runner.last_complete_hour(dt.datetime(2026, 3, 2, 6, 41, tzinfo=dt.UTC)) == END


def test_refresh_views_refreshes_the_materialised_views_and_notes_it(db, db_url):
    runs.start_run(db, "r", dag_id="news_ingest")
    with db.cursor() as cur:
        cur.execute("SELECT matviewname FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1")
        matviews = [r[0] for r in cur.fetchall()]
    db.commit()
    result = pipeline.refresh_views(run_id="r", database_url=db_url)
    assert matviews and sorted(result["result"]) == matviews
    assert runs.get_run(db, "r")["details"]["views"] == result
