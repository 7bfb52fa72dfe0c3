"""Apply the numbered SQL migrations in sql/migrations, then re-create the views in sql/views.

Each migration runs in its own transaction together with its row in schema_migrations, so a failure leaves the
database at the previous version. A transaction-scoped advisory lock serialises concurrent migrators (two Airflow
workers starting at once).
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from incidents import config

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{3,})_[a-z0-9_]+\.sql$")
LOCK_KEY = 0x1C1DE475  # arbitrary, project-wide advisory lock id for schema changes


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def discover(directory: Path | None = None) -> list[Migration]:
    directory = directory or config.sql_dir() / "migrations"
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"migration file name must look like 001_name.sql: {path.name}")
        found.append(Migration(int(match.group(1)), path.stem, path))
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise MigrationError(f"two migrations share a number in {directory}")
    return sorted(found, key=lambda m: m.version)


def _ensure_table(cur) -> None:
    cur.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
               version integer PRIMARY KEY,
               name text NOT NULL,
               checksum text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now())"""
    )


def applied(conn) -> dict[int, str]:
    with conn.cursor() as cur:
        _ensure_table(cur)
        cur.execute("SELECT version, checksum FROM schema_migrations")
        rows = dict(cur.fetchall())
    conn.commit()
    return rows


def migrate(conn, migrations_dir: Path | None = None, views_dir: Path | None = None) -> list[str]:
    """Apply pending migrations and re-create views; returns the names applied (empty when up to date)."""
    done = []
    for migration in discover(migrations_dir):
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            _ensure_table(cur)
            cur.execute("SELECT checksum FROM schema_migrations WHERE version = %s", (migration.version,))
            row = cur.fetchone()
            if row:
                conn.commit()
                if row[0] != migration.checksum:
                    log.warning("migration %s changed after it was applied; write a new migration instead",
                                migration.name)
                continue
            log.info("applying %s", migration.name)
            try:
                cur.execute(migration.path.read_text(encoding="utf-8"))
                cur.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, migration.checksum),
                )
            except Exception as exc:
                conn.rollback()
                raise MigrationError(f"{migration.name} failed and was rolled back: {exc}") from exc
        conn.commit()
        done.append(migration.name)
    create_views(conn, views_dir)
    return done


def create_views(conn, views_dir: Path | None = None) -> list[str]:
    """Re-create every view in file-name order, in one transaction (dependent views are ordered by number)."""
    views_dir = views_dir or config.sql_dir() / "views"
    names = []
    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        for path in sorted(views_dir.glob("*.sql")):
            try:
                cur.execute(path.read_text(encoding="utf-8"))
            except Exception as exc:
                conn.rollback()
                raise MigrationError(f"view file {path.name} failed: {exc}") from exc
            names.append(path.stem)
    conn.commit()
    return names
