"""The embedded PostgreSQL used when DATABASE_URL is unset.

pgserver ships the Postgres binaries in a wheel, so a fresh machine needs neither Docker nor a system Postgres.
The cluster lives under the project's data directory and keeps running after the process that started it exits,
so the next command (or the next `make demo`) reuses it in about a second instead of re-initialising.
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path

from incidents import config

log = logging.getLogger(__name__)

DATABASE_NAME = "incidents"


def cluster_dir() -> Path:
    return config.data_dir() / "postgres"


def start(path: Path | None = None):
    """Start (or attach to) the embedded cluster and return the pgserver handle."""
    with warnings.catch_warnings():
        # platformdirs warns about XDG_RUNTIME_DIR on servers without a login session; harmless here
        warnings.simplefilter("ignore")
        import pgserver

    path = path or cluster_dir()
    path.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: leave the server running for the next command; `incidents db stop` stops it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pgserver.get_server(str(path), cleanup_mode=None)


def url(path: Path | None = None, database: str = DATABASE_NAME) -> str:
    """Connection URL of a database in the embedded cluster, creating the database on first use."""
    server = start(path)
    base = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
    if database != "postgres":
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            server.psql(f'CREATE DATABASE "{database}";')
    return base.replace("/postgres?", f"/{database}?", 1)


def stop(path: Path | None = None) -> bool:
    """Stop the embedded cluster if it runs; returns whether one was running and is now stopped."""
    import os
    import subprocess

    import pgserver
    from pgserver.postgres_server import PostgresServer

    path = path or cluster_dir()
    if not (path / "postmaster.pid").exists():
        return False
    pg_ctl = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_ctl"
    # pg_ctl refuses to run as root; pgserver then runs the server as its own 'pgserver' user, so stop it as that
    user = "pgserver" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    done = subprocess.run([str(pg_ctl), "-D", str(path), "-m", "fast", "-w", "stop"], check=False,
                          capture_output=True, user=user)
    if done.returncode != 0:
        log.warning("could not stop the embedded Postgres in %s: %s", path, done.stderr.decode(errors="replace"))
        return False
    # forget pgserver's cached handle, or a later start() in this process would return it without starting
    handle = PostgresServer._instances.pop(path.expanduser().resolve(), None)
    if handle is not None:
        import atexit

        atexit.unregister(handle._cleanup)
        handle.global_process_id_list.get_and_remove(os.getpid())
    return True
