-- incident_sources: every report behind every incident, with its outlet, URL, publication time, the sentence
-- it rests on, what that report alone said (date, place, toll) and why it was merged into the incident.
CREATE OR REPLACE VIEW incident_sources AS
WITH linked_reports AS (
    SELECT l.incident_id, l.report_id, l.article_id, l.evidence_text, l.evidence_start, l.evidence_end,
           l.linked_at
      FROM incident_articles l
),
article_outlets AS (
    SELECT a.article_id, coalesce(a.source_name, s.name) AS outlet_name, a.url, a.title, a.language,
           a.published_at, a.fetched_at
      FROM articles a
      LEFT JOIN feeds f ON f.feed_id = a.feed_id
      LEFT JOIN sources s ON s.source_id = f.source_id
)
SELECT
    lr.incident_id,
    lr.report_id,
    lr.article_id,
    ao.outlet_name,
    ao.url                          AS article_url,
    ao.title                        AS article_title,
    ao.language                     AS article_language,
    ao.published_at,
    ao.fetched_at,
    lr.evidence_text                AS evidence_sentence,
    lr.evidence_start               AS evidence_start_char,
    lr.evidence_end                 AS evidence_end_char,
    r.event_date                    AS report_event_date,
    r.location                      AS report_location,
    r.event_type                    AS report_event_type,
    r.sub_event_type                AS report_sub_event_type,
    r.actor1                        AS report_actor1,
    r.actor2                        AS report_actor2,
    r.fatalities                    AS report_fatalities,
    r.fatalities_text               AS report_fatalities_text,
    m.decision                      AS match_decision,
    m.score                         AS match_score,
    m.reasons                       AS match_reasons,
    lr.linked_at
FROM linked_reports lr
JOIN article_outlets ao ON ao.article_id = lr.article_id
JOIN incident_reports r ON r.report_id = lr.report_id
LEFT JOIN incident_matches m ON m.report_id = lr.report_id;
