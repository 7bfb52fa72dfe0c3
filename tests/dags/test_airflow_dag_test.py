"""The runner's `airflow dags test` wrapper: one in-process execution API for all tasks, Airflow's exit codes."""
from __future__ import annotations

import inspect
import subprocess
import textwrap

import pytest

from incidents import airflow_dag_test, airflow_runner


def test_every_task_gets_the_same_in_process_api(airflow_meta, monkeypatch):
    # airflow_meta: Airflow reads its configuration on first import, which must see the session's settings
    from airflow.sdk.execution_time import supervisor

    built = []
    monkeypatch.setattr(supervisor, "in_process_api_server", lambda: built.append(object()) or built[-1])
    assert airflow_dag_test.share_in_process_api()
    assert airflow_dag_test.share_in_process_api()  # a second call does not wrap the wrapper
    first, second = supervisor.in_process_api_server(), supervisor.in_process_api_server()
    assert first is second and len(built) == 1


def test_airflow_still_builds_the_api_through_the_shared_hook(airflow_meta):
    # the saving relies on the in-process supervisor looking the builder up by its module-level name
    from airflow.sdk.execution_time.supervisor import InProcessTestSupervisor

    assert "in_process_api_server()" in inspect.getsource(InProcessTestSupervisor._api_client)


TOY_DAGS = '''
import datetime as dt

from airflow.sdk import dag, task


@dag(schedule=None, start_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
def toy_ok():
    @task
    def first():
        return 2

    @task
    def second(n):
        assert n == 2

    second(first())


@dag(schedule=None, start_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
def toy_failing():
    @task
    def first():
        return 1

    @task(retries=0)
    def second(n):
        raise ValueError("toy failure")

    second(first())


toy_ok()
toy_failing()
'''


@pytest.mark.slow
def test_dag_test_command_reports_the_run_outcome_in_its_exit_code(tmp_path):
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "toy.py").write_text(textwrap.dedent(TOY_DAGS), encoding="utf-8")
    home = (tmp_path / "home").resolve()
    # its own SQLite metadata: the session's shared metadata database must not see these DAGs
    env = airflow_runner.airflow_env(home, {"AIRFLOW__CORE__DAGS_FOLDER": str(dags),
                                            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}"})
    airflow_runner.ensure_metadata_db(env)

    def run(dag_id):
        return subprocess.run([*airflow_runner.dag_test_command(), "dags", "test", dag_id, "2026-01-02"], env=env,
                              capture_output=True, text=True, timeout=600, check=False)

    ok = run("toy_ok")
    assert ok.returncode == 0, ok.stderr[-3000:]
    failed = run("toy_failing")
    assert failed.returncode == 1
    assert "DagRun failed" in failed.stderr and "toy failure" in failed.stderr + failed.stdout
