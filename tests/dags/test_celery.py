"""news_ingest on a real CeleryExecutor deployment on this machine: an execution API server, a scheduler, a DAG
processor and two Celery workers (different hostnames) over the local Redis, with the metadata database on the
test Postgres. One triggered run must succeed with its tasks spread over both workers.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest

from tests.dags.conftest import AIRFLOW, ROOT, sqlalchemy_url

REDIS = ("127.0.0.1", 6379)
RUN_DEADLINE_S = 240

HOSTNAME_MODULE = '''
"""Per-process hostnames, so two Celery workers on one machine are told apart in task instances."""
import os
import socket


def hostname():
    return os.environ.get("INCIDENTS_TEST_HOSTNAME") or socket.getfqdn()
'''


def _reachable(addr) -> bool:
    try:
        with socket.create_connection(addr, timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """Airflow daemons started by this test, each in its own process group, stopped in reverse order."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen([AIRFLOW, *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                cwd=ROOT, start_new_session=True)
        self.started.append((name, proc))
        return proc

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def tails(self) -> str:
        return "\n".join(f"--- {name} ---\n{self.log(name)[-2500:]}" for name, _ in self.started)

    def stop(self) -> None:
        for _, proc in reversed(self.started):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _, proc in reversed(self.started):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait(predicate, timeout: float, what: str, procs: Processes, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        dead = [name for name, p in procs.started if p.poll() is not None]
        if dead:
            pytest.fail(f"{dead} exited while waiting for {what}\n{procs.tails()}")
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n{procs.tails()}")


def _query(url: str, sql: str, params=()):
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_news_ingest_on_celery_with_two_workers(airflow_meta, ingest_env, tmp_path):
    if not _reachable(REDIS):
        pytest.skip("no Redis on 127.0.0.1:6379")
    t0 = time.perf_counter()
    meta_url = airflow_meta["metadata_url"]
    (tmp_path / "incidents_test_hostname.py").write_text(HOSTNAME_MODULE)
    api_port = _free_port()
    queue = f"incidents_test_{uuid.uuid4().hex[:8]}"
    env = dict(os.environ)
    env.update({
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CELERY__BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0",
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + sqlalchemy_url(meta_url),
        "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
        "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,  # this test's own queue on the shared Redis
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": "incidents_test_hostname.hostname",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "src"), str(ROOT)]),
    })
    procs = Processes(tmp_path)
    started = _query(meta_url, "SELECT now()")[0][0]
    try:
        procs.start("api-server", ["api-server", "--apps", "execution", "--host", "127.0.0.1",
                                   "--port", str(api_port), "--workers", "1"], env)
        procs.start("dag-processor", ["dag-processor"], env)
        procs.start("scheduler", ["scheduler"], env)
        for name in ("worker-a", "worker-b"):
            procs.start(name, ["celery", "worker", "-q", queue, "--concurrency", "1", "--skip-serve-logs",
                               "--celery-hostname", f"{name}@%h", "--without-gossip", "--without-mingle"],
                        dict(env, INCIDENTS_TEST_HOSTNAME=name))
        # the crawl pool must exist or the scheduler never queues a crawl (the compose init service makes it)
        pool = subprocess.run([AIRFLOW, "pools", "set", "incidents_crawl", "4", "crawl batches"], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert pool.returncode == 0, pool.stderr[-2000:]

        _wait(lambda: _reachable(("127.0.0.1", api_port)), 120, "the execution API server", procs)
        _wait(lambda: all("ready" in procs.log(n) for n in ("worker-a", "worker-b")), 120,
              "both Celery workers", procs)
        _wait(lambda: _query(meta_url, "SELECT 1 FROM dag WHERE dag_id = 'news_ingest' AND last_parsed_time > %s",
                             (started,)), 120, "the DAG processor to parse news_ingest", procs)
        _query_exec(meta_url, "UPDATE dag SET is_paused = false WHERE dag_id = 'news_ingest'")
        ready_s = time.perf_counter() - t0

        run_id = f"celery_test_{uuid.uuid4().hex[:6]}"
        trigger = subprocess.run([AIRFLOW, "dags", "trigger", "news_ingest", "--run-id", run_id,
                                  "--logical-date", "2026-03-05T06:00:00+00:00"], env=env,
                                 capture_output=True, text=True, timeout=120, check=False)
        assert trigger.returncode == 0, trigger.stderr[-2000:]
        state = _wait(lambda: [r[0] for r in _query(meta_url, "SELECT state FROM dag_run WHERE run_id = %s",
                                                      (run_id,)) if r[0] in ("success", "failed")],
                      RUN_DEADLINE_S, "the DAG run to finish", procs, interval=2)[0]
        tis = _query(meta_url, "SELECT task_id, map_index, state, hostname FROM task_instance WHERE run_id = %s "
                               "ORDER BY task_id, map_index", (run_id,))
        assert state == "success", f"{tis}\n{procs.tails()}"
    finally:
        procs.stop()

    assert all(ti[2] == "success" for ti in tis), tis
    assert sum(1 for ti in tis if ti[0] == "crawl") == 2
    assert {ti[3] for ti in tis} == {"worker-a", "worker-b"}, tis  # both workers ran tasks, nothing else did
    rows = _query(ingest_env["db_url"], "SELECT status, feeds_requested FROM pipeline_runs WHERE run_id = %s",
                  (run_id,))
    assert rows == [("success", 2)]
    assert _query(ingest_env["db_url"], "SELECT count(*) FROM incidents")[0][0] >= 3
    print(f"\nCelery: deployment ready in {ready_s:.0f}s, whole test {time.perf_counter() - t0:.0f}s; "
          f"tasks per worker: { {h: sum(1 for ti in tis if ti[3] == h) for h in ('worker-a', 'worker-b')} }",
          file=sys.stderr)


def _query_exec(url: str, sql: str) -> None:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
        conn.commit()
    finally:
        conn.close()
