"""Attach incident reports to incidents and keep each incident's fields reconciled from its reports.

This is where cross-source deduplication plugs in: `assign` decides which incident a new or changed report
belongs to; `reconcile` recomputes an incident from all of its reports.
"""
from __future__ import annotations

from collections.abc import Iterable

from incidents import contract

FIELDS = contract.EVENT_FIELDS + ("extractor_version",)


def assign(cur, report_ids: Iterable[int]) -> set[int]:
    """Give every report without an incident its own incident; returns the incidents touched."""
    touched: set[int] = set()
    for report_id in report_ids:
        cur.execute("SELECT incident_id FROM incident_reports WHERE report_id = %s", (report_id,))
        row = cur.fetchone()
        if row is None:
            continue
        incident_id = row[0]
        if incident_id is None:
            cols = ", ".join(FIELDS)
            cur.execute(f"INSERT INTO incidents ({cols}) SELECT {cols} FROM incident_reports WHERE report_id = %s "
                        "RETURNING incident_id", (report_id,))
            incident_id = cur.fetchone()[0]
            cur.execute("UPDATE incident_reports SET incident_id = %s WHERE report_id = %s", (incident_id, report_id))
        cur.execute(
            """INSERT INTO incident_articles (incident_id, article_id, report_id, evidence_start, evidence_end,
                                              evidence_text)
               SELECT incident_id, article_id, report_id, evidence_start, evidence_end, evidence_text
                 FROM incident_reports WHERE report_id = %s
               ON CONFLICT (incident_id, report_id) DO UPDATE
                  SET evidence_start = EXCLUDED.evidence_start, evidence_end = EXCLUDED.evidence_end,
                      evidence_text = EXCLUDED.evidence_text""",
            (report_id,),
        )
        touched.add(incident_id)
    touched |= reconcile(cur, touched)
    return touched


def reconcile(cur, incident_ids: Iterable[int]) -> set[int]:
    """Recompute incidents from their reports; an incident left with no report is deleted."""
    touched = set()
    for incident_id in set(incident_ids):
        cur.execute("SELECT report_id FROM incident_reports WHERE incident_id = %s ORDER BY report_id LIMIT 1",
                    (incident_id,))
        row = cur.fetchone()
        if row is None:
            cur.execute("DELETE FROM incidents WHERE incident_id = %s", (incident_id,))
            continue
        sets = ", ".join(f"{c} = r.{c}" for c in FIELDS)
        distinct = " OR ".join(f"i.{c} IS DISTINCT FROM r.{c}" for c in FIELDS)
        cur.execute(
            f"""UPDATE incidents i SET {sets}, updated_at = now()
                  FROM incident_reports r
                 WHERE i.incident_id = %s AND r.report_id = %s AND ({distinct})""",
            (incident_id, row[0]),
        )
        touched.add(incident_id)
    return touched
