-- Incident reconciliation looks places up by any of their names (alternate spellings included) to write the
-- gazetteer's own spelling; this makes that lookup an index search.
CREATE INDEX gazetteer_places_alternatenames_idx ON gazetteer_places USING gin (alternatenames);
CREATE INDEX gazetteer_places_lower_name_idx ON gazetteer_places (lower(name));
