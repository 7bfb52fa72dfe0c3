-- incidents_acled: the reconciled incidents under ACLED's export column names and spellings, so analysts'
-- existing ACLED queries run unchanged. One row per incident; `incident_id` (last) joins back to our tables.
-- Derived codes: inter1/inter2 from the actor names (acled_inter_code), interaction from the two, disorder type
-- from the event type; `source` lists every outlet behind the incident; `timestamp` is the last change (Unix s).
CREATE OR REPLACE VIEW incidents_acled AS
WITH incidents_with_country AS (
    SELECT i.*,
           coalesce(by_code.iso3, by_name.iso3) AS country_iso3,
           coalesce(by_code.iso_numeric, by_name.iso_numeric) AS country_iso_numeric,
           coalesce(by_code.region, by_name.region) AS country_region
      FROM incidents i
      LEFT JOIN country_codes by_code ON by_code.iso3 = i.iso3
      LEFT JOIN country_codes by_name ON i.iso3 IS NULL AND lower(by_name.name) = lower(i.country)
),
incidents_with_actor_codes AS (
    SELECT c.*,
           acled_inter_code(c.actor1, c.country) AS inter1_code,
           acled_inter_code(c.actor2, c.country) AS inter2_code
      FROM incidents_with_country c
),
first_evidence AS (  -- the earliest-published supporting sentence serves as ACLED's `notes`
    SELECT DISTINCT ON (l.incident_id) l.incident_id, l.evidence_text
      FROM incident_articles l JOIN articles a ON a.article_id = l.article_id
     WHERE l.evidence_text IS NOT NULL
     ORDER BY l.incident_id, coalesce(a.published_at, a.fetched_at), l.report_id
),
source_scales AS (  -- an outlet's scale, when the registry gives one in sources.options->>'source_scale'
    SELECT l.incident_id, string_agg(DISTINCT s.options ->> 'source_scale', '-') AS source_scale
      FROM incident_articles l
      JOIN articles a ON a.article_id = l.article_id
      JOIN feeds f ON f.feed_id = a.feed_id
      JOIN sources s ON s.source_id = f.source_id
     WHERE s.options ? 'source_scale'
     GROUP BY l.incident_id
)
SELECT
    coalesce(i.country_iso3, 'XXX') || i.incident_id::text              AS event_id_cnty,
    i.event_date                                                        AS event_date,
    extract(year FROM i.event_date)::integer                            AS year,
    coalesce(i.date_precision, 1)::smallint                             AS time_precision,
    acled_disorder_type(i.event_type, i.sub_event_type)                 AS disorder_type,
    i.event_type                                                        AS event_type,
    i.sub_event_type                                                    AS sub_event_type,
    i.actor1                                                            AS actor1,
    i.assoc_actor_1                                                     AS assoc_actor_1,
    i.inter1_code                                                       AS inter1,
    i.actor2                                                            AS actor2,
    i.assoc_actor_2                                                     AS assoc_actor_2,
    i.inter2_code                                                       AS inter2,
    acled_interaction(i.inter1_code, i.inter2_code)                     AS interaction,
    CASE WHEN i.civilian_targeting THEN 'Civilian targeting' ELSE '' END AS civilian_targeting,
    i.country_iso_numeric                                               AS iso,
    i.country_region                                                    AS region,
    i.country                                                           AS country,
    i.admin1                                                            AS admin1,
    i.admin2                                                            AS admin2,
    NULL::text                                                          AS admin3,
    i.location                                                          AS location,
    round(i.latitude::numeric, 4)                                       AS latitude,
    round(i.longitude::numeric, 4)                                      AS longitude,
    coalesce(i.geo_precision, CASE WHEN i.location IS NULL THEN 3 ELSE 1 END)::smallint AS geo_precision,
    i.sources                                                           AS source,
    ss.source_scale                                                     AS source_scale,
    fe.evidence_text                                                    AS notes,
    i.fatalities                                                        AS fatalities,
    nullif(concat_ws('; ',
        CASE WHEN i.fatalities_text IS NOT NULL THEN 'fatalities reported as: ' || i.fatalities_text END,
        CASE WHEN i.claimed_by IS NOT NULL THEN 'claimed by: ' || i.claimed_by END), '') AS tags,
    extract(epoch FROM i.updated_at)::bigint                            AS timestamp,
    i.incident_id                                                       AS incident_id
FROM incidents_with_actor_codes i
LEFT JOIN first_evidence fe ON fe.incident_id = i.incident_id
LEFT JOIN source_scales ss ON ss.incident_id = i.incident_id;
