"""Where the project keeps its state, read from the environment once per call.

Every setting has an environment variable so that Airflow (connections/variables exported as env), docker-compose
and tests configure the same code the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The checkout the package runs from: holds sql/, scrapers/, dags/ and config/.

    INCIDENTS_HOME wins so an installed (non-editable) package can still be pointed at a checkout.
    """
    env = os.environ.get("INCIDENTS_HOME")
    if env:
        return Path(env).resolve()
    # src/incidents/config.py -> repo root is two levels above the package
    return PACKAGE_DIR.parent.parent


def data_dir() -> Path:
    """Local state (embedded Postgres, gazetteer index, Airflow home for the demo)."""
    return Path(os.environ.get("INCIDENTS_DATA_DIR") or project_root() / ".data").resolve()


def sql_dir() -> Path:
    return project_root() / "sql"


def sources_file() -> Path:
    return Path(os.environ.get("INCIDENTS_SOURCES") or project_root() / "config" / "sources.yaml")
