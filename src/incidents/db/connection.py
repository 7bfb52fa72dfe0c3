"""One way to reach the database: DATABASE_URL if set, the embedded cluster otherwise."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import psycopg2
import psycopg2.extensions

# Fail fast rather than hang a scheduled task forever on a lock or a dead server.
DEFAULT_CONNECT_TIMEOUT_S = 10


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from incidents.db import embedded

    return embedded.url()


def connect(url: str | None = None, *, application_name: str = "incidents", **kwargs) -> psycopg2.extensions.connection:
    """A new connection; the caller owns it. Autocommit is off: callers group writes into transactions."""
    kwargs.setdefault("connect_timeout", DEFAULT_CONNECT_TIMEOUT_S)
    conn = psycopg2.connect(url or database_url(), application_name=application_name, **kwargs)
    return conn


@contextlib.contextmanager
def transaction(conn) -> Iterator[psycopg2.extensions.cursor]:
    """A cursor inside one transaction: committed on success, rolled back on any exception."""
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def redact(url: str) -> str:
    """The URL with any password replaced, for logs and messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))
    return url
