-- Weekly fatalities by actor in Mali: one row per (week, actor), weeks from Monday, deadliest actor first.
-- An incident counts for each of its two actors. Reads the materialised daily counts: refreshed after every
-- pipeline run (or by hand: SELECT refresh_analyst_views();).
WITH mali_weeks AS (
    SELECT week_start_date, actor, incidents_count, fatalities_sum
      FROM actor_incident_counts_weekly
     WHERE country = 'Mali'
)
SELECT week_start_date,
       actor,
       sum(incidents_count)::integer AS incidents_count,
       sum(fatalities_sum)::integer  AS fatalities_sum
  FROM mali_weeks
 GROUP BY week_start_date, actor
 ORDER BY week_start_date, fatalities_sum DESC, actor;
