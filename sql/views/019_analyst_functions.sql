-- Small functions for analysts' queries (re-created on every migrate).

-- Great-circle distance in km between two points given in degrees (haversine, mean Earth radius).
CREATE OR REPLACE FUNCTION distance_km(latitude1 float8, longitude1 float8, latitude2 float8, longitude2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
        power(sin(radians(latitude2 - latitude1) / 2), 2)
        + cos(radians(latitude1)) * cos(radians(latitude2)) * power(sin(radians(longitude2 - longitude1) / 2), 2))))
$$;
