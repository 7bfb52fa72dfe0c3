"""What the brief shows, read from the analyst views: events in a date range (optionally one country), their
sources, weekly totals and the most active actors."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

TOP_ACTORS = 15


@dataclass
class ReportData:
    date_from: dt.date
    date_to: dt.date
    country: str | None
    events: list[dict] = field(default_factory=list)        # incidents_acled rows + `sources` (list of dicts)
    weekly: list[dict] = field(default_factory=list)        # week_start_date, event_type, incidents, fatalities
    actors: list[dict] = field(default_factory=list)        # actor, incidents, fatalities


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def load_report_data(conn, date_from: dt.date, date_to: dt.date, country: str | None = None) -> ReportData:
    """Read everything the report needs in one read-only transaction (a consistent snapshot); the connection
    must not be inside a transaction already."""
    data = ReportData(date_from, date_to, country)
    params = {"from": date_from, "to": date_to, "country": country}
    where = ("event_date BETWEEN %(from)s AND %(to)s "
             "AND (%(country)s::text IS NULL OR lower(country) = lower(%(country)s))")
    try:
        with conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cur.execute(f"SELECT * FROM incidents_acled WHERE {where} ORDER BY event_date, event_id_cnty", params)
            data.events = _rows(cur)
            ids = [e["incident_id"] for e in data.events]
            cur.execute("""SELECT incident_id, outlet_name, article_url, article_title, published_at,
                                  evidence_sentence
                             FROM incident_sources WHERE incident_id = ANY(%s)
                            ORDER BY incident_id, published_at NULLS LAST, report_id""", (ids,))
            by_incident = defaultdict(list)
            for row in _rows(cur):
                by_incident[row["incident_id"]].append(row)
            for event in data.events:
                event["sources"] = by_incident.get(event["incident_id"], [])
            cur.execute(f"""SELECT date_trunc('week', event_date)::date AS week_start_date, event_type,
                                   count(*)::integer AS incidents_count, sum(fatalities)::integer AS fatalities_sum
                              FROM incidents WHERE {where}
                             GROUP BY 1, 2 ORDER BY 1, 2""", params)
            data.weekly = _rows(cur)
            cur.execute(f"""WITH incident_actors AS (
                                SELECT DISTINCT i.incident_id, i.fatalities, a.actor
                                  FROM incidents i
                                 CROSS JOIN LATERAL (VALUES (i.actor1), (i.actor2)) AS a(actor)
                                 WHERE a.actor IS NOT NULL AND {where.replace('event_date', 'i.event_date')
                                                                      .replace('lower(country)', 'lower(i.country)')})
                            SELECT actor, count(*)::integer AS incidents_count,
                                   sum(fatalities)::integer AS fatalities_sum
                              FROM incident_actors GROUP BY actor
                             ORDER BY incidents_count DESC, fatalities_sum DESC, actor LIMIT %(top)s""",
                        {**params, "top": TOP_ACTORS})
            data.actors = _rows(cur)
    finally:
        conn.rollback()  # read only: nothing to keep
    return data
