"""One way to reach the database: DATABASE_URL if set, the embedded cluster otherwise."""
from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

import psycopg2
import psycopg2.extensions

# Fail fast rather than hang a scheduled task forever on a lock or a dead server.
DEFAULT_CONNECT_TIMEOUT_S = 10
# Session limits set on every connection (milliseconds; each overridable by an environment variable of the same
# name in upper case with an INCIDENTS_ prefix, e.g. INCIDENTS_LOCK_TIMEOUT=2000). A table locked by someone else
# or a runaway statement then ends in a clear error the caller can retry, not a task that never finishes; an idle
# open transaction (a worker frozen mid-batch) is ended by the server so its row locks are released.
SESSION_LIMITS_MS = {
    "lock_timeout": 30_000,
    "statement_timeout": 600_000,
    "idle_in_transaction_session_timeout": 900_000,
}


def session_options(existing: str | None = None, **overrides: int | None) -> str:
    """libpq `options` carrying the session limits, keeping any options the URL already sets (they win)."""
    existing = (existing or "").strip()
    parts = [existing] if existing else []
    for name, default in SESSION_LIMITS_MS.items():
        if f"{name}=" in existing:
            continue
        value = overrides.get(name)
        if value is None:
            value = int(os.environ.get(f"INCIDENTS_{name.upper()}", default))
        parts.append(f"-c {name}={int(value)}")
    return " ".join(parts)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from incidents.db import embedded

    return embedded.url()


def connect(url: str | None = None, *, application_name: str = "incidents", lock_timeout_ms: int | None = None,
            statement_timeout_ms: int | None = None, **kwargs) -> psycopg2.extensions.connection:
    """A new connection; the caller owns it. Autocommit is off: callers group writes into transactions."""
    kwargs.setdefault("connect_timeout", DEFAULT_CONNECT_TIMEOUT_S)
    dsn = url or database_url()
    existing = kwargs.pop("options", None) or psycopg2.extensions.parse_dsn(dsn).get("options")
    kwargs["options"] = session_options(existing, lock_timeout=lock_timeout_ms,
                                        statement_timeout=statement_timeout_ms)
    conn = psycopg2.connect(dsn, application_name=application_name, **kwargs)
    return conn


@contextlib.contextmanager
def transaction(conn) -> Iterator[psycopg2.extensions.cursor]:
    """A cursor inside one transaction: committed on success, rolled back on any exception."""
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    except BaseException:
        # a dropped connection cannot roll back (the server already did): keep the original error, not
        # "connection already closed"
        if not conn.closed:
            conn.rollback()
        raise


_KV_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def redact(url: str) -> str:
    """The connection string with any password replaced, for logs and messages.

    Handles URLs (user:password@host, ?password=...) and libpq key=value strings (password=... or '...').
    """
    from urllib.parse import urlsplit, urlunsplit

    if not url:
        return url
    if "://" not in url:
        return _KV_PASSWORD.sub(r"\1***", url)
    url = _QUERY_PASSWORD.sub(r"\1***", url)
    parts = urlsplit(url)
    if parts.password:
        userinfo, _, hostinfo = parts.netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        return urlunsplit(parts._replace(netloc=f"{user}:***@{hostinfo}"))
    return url
