"""The analyst-facing views: refreshing the materialised ones.

The view definitions live in sql/views/ and are re-created by every migrate; the daily count tables
(incident_counts_daily, actor_incident_counts_daily) are materialised and must be refreshed after each load.
The DAG's refresh task calls `refresh_materialized(conn)`.
"""
from __future__ import annotations

from incidents.db import transaction


def refresh_materialized(conn) -> list[str]:
    """Refresh every materialised view (concurrently once populated, so analysts can read meanwhile);
    returns their names. Works for the table owner and for the `ingest` role (through a SECURITY DEFINER
    function, since only an owner may refresh before PostgreSQL 17)."""
    with transaction(conn) as cur:
        cur.execute("SELECT refresh_analyst_views()")
        return [row[0] for row in cur.fetchall()]
