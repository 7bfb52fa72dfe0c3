"""Airflow for the DAG tests: a temporary AIRFLOW_HOME whose metadata database lives on the test Postgres.

Airflow reads its configuration when first imported, so the environment is set here (at collection, before any
test imports airflow) and the metadata database is created and migrated once per session by `airflow_meta`.
Tests import airflow only inside test functions.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
VENV_BIN = Path(sys.executable).parent
AIRFLOW = str(VENV_BIN / "airflow") if (VENV_BIN / "airflow").exists() else "airflow"

_HOME = Path(tempfile.mkdtemp(prefix="incidents-airflow-test-"))
BASE_ENV = {
    "AIRFLOW_HOME": str(_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
    "AIRFLOW__API_AUTH__JWT_SECRET": "incidents-test-secret",
    "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(_HOME / "logs"),
    "INCIDENTS_HOME": str(ROOT),
    # failures in tests must show at once, not after an exponential backoff
    "INCIDENTS_TASK_RETRIES": "0",
}
for _k, _v in BASE_ENV.items():
    os.environ[_k] = _v
sys.path.insert(0, str(DAGS))  # where Airflow puts it too: the DAG files import their settings helper


def _replace_db(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def sqlalchemy_url(libpq_url: str) -> str:
    return "postgresql+psycopg2://" + libpq_url.split("://", 1)[1]


@pytest.fixture(scope="session")
def airflow_meta(pg_admin_url) -> dict:
    """A migrated Airflow metadata database on the test Postgres; returns the environment pointing at it."""
    name = f"airflow_meta_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    url = _replace_db(pg_admin_url, name)
    env = dict(BASE_ENV, AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=sqlalchemy_url(url))
    os.environ.update(env)
    t0 = time.perf_counter()
    proc = subprocess.run([AIRFLOW, "db", "migrate"], env=dict(os.environ), capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    print(f"\nairflow db migrate: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if "airflow.settings" in sys.modules:  # imported earlier in this session: point it at the new database
        from airflow import settings
        from airflow.configuration import conf

        conf.set("database", "sql_alchemy_conn", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
        settings.configure_orm()
    yield {**env, "metadata_url": url, "metadata_db": name}
    if "airflow.settings" in sys.modules:  # close Airflow's pooled connections before the database goes
        from airflow import settings

        settings.dispose_orm()
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def parse_dag(dag_id: str):
    """Parse the DAG folder the way Airflow does (bundle path on sys.path) and return one DAG."""
    from airflow.models.dagbag import BundleDagBag

    bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS)
    assert not bag.import_errors, bag.import_errors
    return bag.dags[dag_id]


def run_dag(dag_id: str, logical_date: dt.datetime, conf: dict | None = None):
    """One whole DAG run in this process (dag.test); returns the DagRun."""
    dag = parse_dag(dag_id)
    return dag.test(logical_date=logical_date, run_conf=conf)


def task_states(dag_run) -> dict[str, str]:
    from airflow.utils.session import create_session

    with create_session() as session:
        tis = dag_run.get_task_instances(session=session)
        return {f"{ti.task_id}[{ti.map_index}]" if ti.map_index >= 0 else ti.task_id: str(ti.state) for ti in tis}


@pytest.fixture
def sample_site():
    from incidents.sample_site import serve_in_thread

    server, base_url = serve_in_thread(port=0)
    yield base_url
    server.shutdown()


@pytest.fixture
def ingest_env(db_url, sample_site, tmp_path, monkeypatch):
    """The runtime settings of news_ingest for a test: the sample site's registry, 127.0.0.1 allowed, one feed per
    crawl batch (so the mapping really fans out)."""
    from incidents.sample_site import sources_yaml

    registry = tmp_path / "sources.yaml"
    registry.write_text(sources_yaml(sample_site), encoding="utf-8")
    monkeypatch.setenv("INCIDENTS_SOURCES", str(registry))
    monkeypatch.setenv("INCIDENTS_ALLOW_HOSTS", "127.0.0.1,127.0.0.2")
    monkeypatch.setenv("INCIDENTS_FEEDS_PER_BATCH", "1")
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    return {"registry": registry, "base_url": sample_site, "db_url": db_url}
