"""Log-in for the database roles made by migration 022 (`analyst`, `ingest`): passwords come from the
environment (ANALYST_PASSWORD, INGEST_PASSWORD), never from a file in the repository.

The migration creates the roles NOLOGIN; `set_passwords_from_env` gives each role whose variable is set its
password and LOGIN. A role whose variable is unset is left as it is.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

from incidents.db import transaction

ROLE_ENV = {"analyst": "ANALYST_PASSWORD", "ingest": "INGEST_PASSWORD"}


def set_passwords_from_env(conn, env: Mapping[str, str] | None = None) -> list[str]:
    """Set the password (and LOGIN) of each role whose variable is set; returns the roles changed."""
    env = os.environ if env is None else env
    changed = []
    with transaction(conn) as cur:
        for role, variable in ROLE_ENV.items():
            password = env.get(variable)
            if not password:
                continue
            # the client quotes the literal; ALTER ROLE cannot take a server-side parameter
            cur.execute(f'ALTER ROLE "{role}" WITH LOGIN PASSWORD %s', (password,))
            changed.append(role)
    return changed
