"""Quarantine: keep what could not be processed, with the reason, instead of dropping or crashing."""
from __future__ import annotations

from psycopg2.extras import execute_values

PAYLOAD_LIMIT = 4000  # enough to see what went wrong; a 5 MB page does not belong in this table


def _bounded(value: str | bytes | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value.replace("\x00", "\ufffd")[:PAYLOAD_LIMIT]


def quarantine(cur, *, stage: str, subject: str, reason: str, detail: str | None = None,
               payload: str | bytes | None = None, article_id: int | None = None, run_id: str | None = None) -> None:
    """Record (or re-record) a problem; the same subject failing the same way again only bumps its count."""
    cur.execute(
        """INSERT INTO quarantine (stage, subject, reason, detail, payload, article_id, run_id)
           VALUES (%s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (stage, subject, reason) DO UPDATE
              SET seen_count = quarantine.seen_count + 1, last_seen_at = now(),
                  detail = EXCLUDED.detail, run_id = EXCLUDED.run_id, resolved_at = NULL""",
        (stage, _bounded(subject)[:2000], _bounded(reason)[:200], _bounded(detail), _bounded(payload), article_id, run_id),
    )


def quarantine_many(cur, entries) -> None:
    """`quarantine` for many problems in one statement. Each entry is a dict of quarantine's keyword arguments;
    entries with the same (stage, subject, reason) count as that many sightings."""
    merged: dict[tuple, list] = {}   # key -> [sightings, first entry, last entry]
    for e in entries:
        key = (e["stage"], _bounded(e["subject"])[:2000], _bounded(e["reason"])[:200])
        if key in merged:
            merged[key][0] += 1
            merged[key][2] = e
        else:
            merged[key] = [1, e, e]
    if not merged:
        return
    execute_values(
        cur,
        """INSERT INTO quarantine (stage, subject, reason, detail, payload, article_id, run_id, seen_count)
           VALUES %s
           ON CONFLICT (stage, subject, reason) DO UPDATE
              SET seen_count = quarantine.seen_count + EXCLUDED.seen_count, last_seen_at = now(),
                  detail = EXCLUDED.detail, run_id = EXCLUDED.run_id, resolved_at = NULL""",
        # as one-at-a-time calls would leave it: the first sighting's payload, the last one's detail and run
        [(*key, _bounded(last.get("detail")), _bounded(first.get("payload")), first.get("article_id"),
          last.get("run_id"), n) for key, (n, first, last) in merged.items()],
        page_size=len(merged),
    )
