-- Events within 50 km of a town (here Mopti, Mali; change the name and coordinates, or take them from
-- gazetteer_places), nearest first, in ACLED's columns.
WITH town AS (
    SELECT 'Mopti'::text AS town_name, 14.4843::float8 AS town_latitude, -4.1827::float8 AS town_longitude
),
located_events AS (
    SELECT e.event_id_cnty, e.event_date, e.event_type, e.location, e.fatalities,
           distance_km(t.town_latitude, t.town_longitude, e.latitude::float8, e.longitude::float8) AS distance_km
      FROM incidents_acled e CROSS JOIN town t
     WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL
)
SELECT event_id_cnty, event_date, event_type, location, fatalities, round(distance_km::numeric, 1) AS distance_km
  FROM located_events
 WHERE distance_km <= 50
 ORDER BY distance_km, event_date;
