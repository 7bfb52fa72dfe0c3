-- Gazetteer: GeoNames places loaded from country dumps (refresh_gazetteer / incidents.geo.load_dump), and a
-- record of each load. The extractor itself reads the local index files that the same load writes; these
-- tables let analysts query and join places, and show what was loaded when.

CREATE TABLE gazetteer_places (
    geonameid       bigint PRIMARY KEY,
    name            text NOT NULL,
    asciiname       text,
    alternatenames  text[] NOT NULL DEFAULT '{}',
    latitude        double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    feature_class   char(1),
    feature_code    text,
    country_code    char(2) NOT NULL,
    admin1_code     text,
    admin2_code     text,
    admin3_code     text,
    admin1_name     text,           -- as ACLED writes it ("Mopti", "Tombouctou")
    admin2_name     text,           -- admin2 inferred from the nearest seat when GeoNames leaves it empty
    population      bigint NOT NULL DEFAULT 0,
    modified_on     date,
    loaded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gazetteer_places_country_idx ON gazetteer_places (country_code, admin1_code, admin2_code);
CREATE INDEX gazetteer_places_asciiname_idx ON gazetteer_places (lower(asciiname));

CREATE TABLE gazetteer_loads (
    load_id         bigserial PRIMARY KEY,
    country_code    char(2) NOT NULL,
    source          text NOT NULL,
    places_loaded   integer NOT NULL CHECK (places_loaded >= 0),
    bad_lines       integer NOT NULL DEFAULT 0 CHECK (bad_lines >= 0),
    loaded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gazetteer_loads_country_idx ON gazetteer_loads (country_code, loaded_at DESC);
