"""The DAG folder parses cleanly, fast, and without touching a database or the network."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.dags.conftest import BASE_ENV, DAGS, ROOT

# Parse the folder in a fresh interpreter in which every way out is closed: Python sockets, psycopg2 (libpq
# opens its own sockets) and urllib all raise. A DAG file that queries anything at import time fails to parse.
PARSE_SCRIPT = textwrap.dedent("""
    import json, socket, sys, time
    def _refuse(*a, **k):
        raise RuntimeError("I/O at DAG parse time")
    socket.socket.connect = _refuse
    socket.create_connection = _refuse
    import psycopg2, urllib.request
    psycopg2.connect = _refuse
    urllib.request.urlopen = _refuse
    from pathlib import Path
    from airflow.models.dagbag import BundleDagBag
    folder = Path(sys.argv[1])
    t0 = time.perf_counter()
    bag = BundleDagBag(dag_folder=folder, bundle_path=folder)
    seconds = time.perf_counter() - t0
    print(json.dumps({"errors": bag.import_errors, "dags": sorted(bag.dags), "seconds": seconds,
                      "files": {s.file: s.duration.total_seconds() for s in bag.dagbag_stats}}))
""")


@pytest.fixture(scope="module")
def parsed() -> dict:
    env = dict(os.environ, **BASE_ENV)
    # a metadata database and an incidents database that do not exist: parsing must need neither
    env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = "postgresql+psycopg2://nobody@127.0.0.2:1/none"
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.2:1/none"
    proc = subprocess.run([sys.executable, "-c", PARSE_SCRIPT, str(DAGS)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_dag_imports_without_errors_or_io(parsed):
    assert parsed["errors"] == {}
    assert parsed["dags"] == ["news_ingest", "refresh_gazetteer", "reprocess_incidents"]
    # the helper module is not parsed as a DAG file (.airflowignore)
    assert not any("_incidents_settings" in f for f in parsed["files"])


def test_parsing_is_fast(parsed):
    print(f"\nDagBag parse: {parsed['seconds'] * 1000:.0f} ms total; per file: "
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in parsed["files"].items()))
    assert parsed["seconds"] < 2.0
    assert all(v < 1.0 for v in parsed["files"].values())


def test_news_ingest_shape(airflow_meta):
    from tests.dags.conftest import parse_dag

    dag = parse_dag("news_ingest")
    assert dag.catchup is False and dag.max_active_runs == 1
    assert dag.doc_md and "news_ingest" in dag.doc_md
    assert dag.timetable.summary == "0 * * * *"
    tasks = dag.task_dict
    assert set(tasks) == {"plan", "crawl", "normalize", "check_quality", "refresh_views", "finish"}
    assert tasks["crawl"].pool == "incidents_crawl"
    assert tasks["plan"].pool != "incidents_crawl" and tasks["normalize"].pool != "incidents_crawl"
    for name in ("normalize", "check_quality", "refresh_views", "finish"):
        assert tasks[name].trigger_rule == "all_done", name
    for task in tasks.values():
        assert task.execution_timeout is not None, task.task_id
        doc = getattr(task, "doc_md", None) or (task.partial_kwargs or {}).get("doc_md") \
            if hasattr(task, "partial_kwargs") else task.doc_md
        assert doc or task.task_id == "crawl", task.task_id  # a mapped task keeps its docs on the callable
    assert tasks["crawl"].retry_exponential_backoff
    assert tasks["plan"].downstream_task_ids == {"crawl"}
    assert tasks["crawl"].downstream_task_ids == {"normalize"}


def test_schedule_and_retries_come_from_the_environment(airflow_meta, monkeypatch):
    from tests.dags.conftest import parse_dag

    monkeypatch.setenv("INCIDENTS_INGEST_SCHEDULE", "*/15 * * * *")
    monkeypatch.setenv("INCIDENTS_TASK_RETRIES", "4")
    monkeypatch.setenv("INCIDENTS_CATCHUP", "true")
    dag = parse_dag("news_ingest")
    assert dag.timetable.summary == "*/15 * * * *"
    assert dag.catchup is True
    assert dag.task_dict["crawl"].retries == 4
