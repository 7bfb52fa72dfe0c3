"""Settings shared by the project's DAG files: cheap environment reads at parse time, Airflow connections and
variables only inside tasks (a Variable read at parse time would hit the metadata database on every parse).

Precedence for a runtime setting NAME: the INCIDENTS_NAME environment variable, then the Airflow variable
incidents_name, then the default. The incidents database: DATABASE_URL, then AIRFLOW_CONN_INCIDENTS_DB, then an
Airflow connection `incidents_db` (UI or secrets backend), then the embedded database.

Listed in .airflowignore: the DAG processor imports it through the DAG files, never as a DAG file.
"""
from __future__ import annotations

import datetime as dt
import os

DB_CONN_ID = "incidents_db"


def env(name: str, default: str) -> str:
    value = os.environ.get(f"INCIDENTS_{name.upper()}")
    return value if value not in (None, "") else default


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_bool(name: str, default: bool) -> bool:
    return env(name, "true" if default else "false").strip().lower() in ("1", "true", "yes", "on")


def env_minutes(name: str, default: float) -> dt.timedelta:
    return dt.timedelta(minutes=float(env(name, str(default))))


def default_args() -> dict:
    """Retries with exponential backoff (a flaky feed host or a database restart gets a few chances)."""
    return {
        "owner": "incidents",
        "retries": env_int("task_retries", 2),
        "retry_delay": dt.timedelta(seconds=float(env("retry_delay_seconds", "60"))),
        "retry_exponential_backoff": True,
        "max_retry_delay": env_minutes("max_retry_delay_minutes", 30),
        "execution_timeout": env_minutes("task_timeout_minutes", 30),
    }


def runtime(name: str, default: str | None = None) -> str | None:
    """A setting read when a task runs: INCIDENTS_<NAME>, else the Airflow variable incidents_<name>."""
    value = os.environ.get(f"INCIDENTS_{name.upper()}")
    if value not in (None, ""):
        return value
    from airflow.sdk import Variable

    try:
        value = Variable.get(f"incidents_{name.lower()}", default=None)
    except Exception:  # noqa: BLE001 - no variable store reachable (e.g. a bare unit test): the default applies
        value = None
    return value if value not in (None, "") else default


def database_url() -> str:
    from incidents import pipeline

    if os.environ.get("DATABASE_URL") or os.environ.get("AIRFLOW_CONN_INCIDENTS_DB"):
        return pipeline.resolve_database_url()
    uri = None
    try:
        from airflow.sdk import Connection

        uri = Connection.get(DB_CONN_ID).get_uri()
    except Exception:  # noqa: BLE001 - not defined: fall back to the embedded database
        uri = None
    return pipeline.resolve_database_url(uri)
