"""The benchmark's own databases: created fresh (migrated) for each measurement and dropped afterwards.

The server is $BENCH_DATABASE_URL (a maintenance database the benchmark may CREATE DATABASE on), else the
server of $DATABASE_URL, else the embedded cluster. Only databases named `incidents_bench_*` are ever created or
dropped, so the demo's `incidents` database is never touched.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg2

from incidents.db.connection import redact  # noqa: F401  (re-exported for run.py)

PREFIX = "incidents_bench_"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_url() -> str:
    """A maintenance-database URL on the server the benchmark will use."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if os.environ.get("DATABASE_URL"):
        return with_database(os.environ["DATABASE_URL"], "postgres")
    from incidents.db import embedded

    return embedded.start().get_uri()  # the cluster's `postgres` database; `incidents` is left alone


def server_version(url: str) -> str:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SHOW server_version")
            return cur.fetchone()[0]
    finally:
        conn.close()


def create(admin: str, *, migrate: bool = True) -> str:
    """A new empty database (migrated to the project's schema); returns its URL."""
    name = PREFIX + uuid.uuid4().hex[:10]
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    try:
        conn.cursor().execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    url = with_database(admin, name)
    if migrate:
        from incidents.db.migrate import migrate as apply

        db = psycopg2.connect(url)
        try:
            apply(db)
        finally:
            db.close()
    return url


def drop(admin: str, url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith(PREFIX):  # never drop anything the benchmark did not create
        raise ValueError(f"refusing to drop {name!r}")
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    try:
        conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()


@contextlib.contextmanager
def scratch(admin: str, *, keep: bool = False) -> Iterator[str]:
    url = create(admin)
    try:
        yield url
    finally:
        if not keep:
            drop(admin, url)


def rows_written(url: str) -> dict[str, int]:
    """Rows inserted + updated + deleted per table since the database was created (pg_stat_user_tables)."""
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_stat_clear_snapshot()")
            cur.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")
            return dict(cur.fetchall())
    finally:
        conn.close()


def count_rows(url: str, tables: tuple[str, ...]) -> dict[str, int]:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            out = {}
            for table in tables:
                cur.execute(f"SELECT count(*) FROM {table}")
                out[table] = cur.fetchone()[0]
            return out
    finally:
        conn.close()


def clone(admin: str, source_url: str) -> str:
    """A copy of a benchmark database (CREATE DATABASE ... TEMPLATE): same rows, in milliseconds to seconds."""
    source = urlsplit(source_url).path.lstrip("/")
    name = PREFIX + uuid.uuid4().hex[:10]
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    try:
        conn.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    finally:
        conn.close()
    return with_database(admin, name)
