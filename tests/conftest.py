"""Shared fixtures: a real PostgreSQL for every test that needs one.

The suite starts its own embedded Postgres (pgserver) in a temporary directory, so it needs nothing installed;
TEST_DATABASE_URL points it at another server instead (a maintenance database such as .../postgres, where the
fixture may CREATE DATABASE). Each test gets a fresh database cloned from a migrated template, which takes
milliseconds and keeps tests independent.
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))  # `scrapers` and `dags` are importable from tests


def _replace_db(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory) -> str:
    """URL of a maintenance database on a server the tests may create databases on."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url
        return
    import shutil
    import tempfile

    from incidents.db import embedded

    # not under pytest's tmp tree: that is private to root (0700), and as root pgserver runs the server as its own
    # unprivileged user, which must be able to reach the data directory
    path = Path(tempfile.mkdtemp(prefix="incidents-test-pg-"))
    path.chmod(0o755)
    server = embedded.start(path)
    yield server.get_uri()
    embedded.stop(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def template_db(pg_admin_url) -> str:
    """A database with every migration applied, used as the template for per-test databases."""
    from incidents.db.migrate import migrate

    name = f"incidents_tpl_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    conn = psycopg2.connect(_replace_db(pg_admin_url, name))
    migrate(conn)
    conn.close()
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def db_url(pg_admin_url, template_db, monkeypatch) -> str:
    """A fresh, migrated database for this test; DATABASE_URL points at it for code under test."""
    name = f"incidents_t_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    url = _replace_db(pg_admin_url, name)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def db(db_url):
    """An open connection to the test's database."""
    conn = psycopg2.connect(db_url)
    yield conn
    conn.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
