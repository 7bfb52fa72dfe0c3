-- Incidents whose fatality count was revised after they were first recorded: every change, with the old and
-- new figure, when, which article caused it and why.
WITH fatality_revisions AS (
    SELECT incident_id, revision, old_value::integer AS fatalities_before, new_value::integer AS fatalities_after,
           revised_at, article_id, reason
      FROM incident_revisions
     WHERE field = 'fatalities'
)
SELECT e.event_id_cnty, e.event_date, e.location, r.fatalities_before, r.fatalities_after,
       e.fatalities AS fatalities_now, r.revised_at, a.source_name AS revised_by_outlet, a.url AS revised_by_url,
       r.reason
  FROM fatality_revisions r
  JOIN incidents_acled e ON e.incident_id = r.incident_id
  LEFT JOIN articles a ON a.article_id = r.article_id
 ORDER BY r.revised_at, r.incident_id, r.revision;
