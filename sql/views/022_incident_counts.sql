-- Counts and fatalities per day and per week: by country, admin1 and event type (incident_counts_*), and by
-- actor (actor_incident_counts_*). The daily tables are materialised (refreshed by
-- incidents.views.refresh_materialized, which the DAG calls after loading); the weekly views sum them.
-- An incident counts once for each distinct actor it names, so actor counts do not add up to incident counts.
SELECT ensure_materialized_view('incident_counts_daily', $def$
    WITH dated_incidents AS (
        SELECT event_date, country, admin1, event_type, fatalities, civilian_targeting
          FROM incidents
    )
    SELECT event_date,
           country,
           admin1,
           event_type,
           count(*)::integer                                   AS incidents_count,
           sum(fatalities)::integer                            AS fatalities_sum,
           count(*) FILTER (WHERE civilian_targeting)::integer AS civilian_targeting_count
      FROM dated_incidents
     GROUP BY event_date, country, admin1, event_type
$def$, 'event_date, country, admin1, event_type');

SELECT ensure_materialized_view('actor_incident_counts_daily', $def$
    WITH incident_actors AS (
        SELECT DISTINCT i.incident_id, i.event_date, i.country, i.event_type, i.fatalities, actor.name AS actor
          FROM incidents i
         CROSS JOIN LATERAL (VALUES (i.actor1), (i.actor2)) AS actor(name)
         WHERE actor.name IS NOT NULL
    )
    SELECT event_date,
           country,
           actor,
           event_type,
           count(*)::integer        AS incidents_count,
           sum(fatalities)::integer AS fatalities_sum
      FROM incident_actors
     GROUP BY event_date, country, actor, event_type
$def$, 'event_date, country, actor, event_type');

CREATE OR REPLACE VIEW incident_counts_weekly AS
WITH daily AS (
    SELECT date_trunc('week', event_date)::date AS week_start_date, country, admin1, event_type,
           incidents_count, fatalities_sum, civilian_targeting_count
      FROM incident_counts_daily
)
SELECT week_start_date, country, admin1, event_type,
       sum(incidents_count)::integer          AS incidents_count,
       sum(fatalities_sum)::integer           AS fatalities_sum,
       sum(civilian_targeting_count)::integer AS civilian_targeting_count
  FROM daily
 GROUP BY week_start_date, country, admin1, event_type;

CREATE OR REPLACE VIEW actor_incident_counts_weekly AS
WITH daily AS (
    SELECT date_trunc('week', event_date)::date AS week_start_date, country, actor, event_type,
           incidents_count, fatalities_sum
      FROM actor_incident_counts_daily
)
SELECT week_start_date, country, actor, event_type,
       sum(incidents_count)::integer AS incidents_count,
       sum(fatalities_sum)::integer  AS fatalities_sum
  FROM daily
 GROUP BY week_start_date, country, actor, event_type;
