-- Actors named for the first time this month (by event date), with the country, the day they first appear
-- and how many incidents name them so far.
WITH actor_incidents AS (
    SELECT i.incident_id, i.event_date, i.country, actor.name AS actor
      FROM incidents i
     CROSS JOIN LATERAL (VALUES (i.actor1), (i.actor2)) AS actor(name)
     WHERE actor.name IS NOT NULL
),
actor_first_seen AS (
    SELECT actor, min(event_date) AS first_event_date, count(DISTINCT incident_id)::integer AS incidents_count,
           string_agg(DISTINCT country, ', ') AS countries
      FROM actor_incidents
     GROUP BY actor
)
SELECT actor, countries, first_event_date, incidents_count
  FROM actor_first_seen
 WHERE first_event_date >= date_trunc('month', current_date)::date
 ORDER BY first_event_date, actor;
