-- Cross-source deduplication: why each report joined its incident (incident_matches), how each incident's
-- reconciled fields changed over time (incident_revisions), and the reconciled source list on incidents.

ALTER TABLE incidents
    ADD COLUMN sources          text,                       -- outlets, earliest first, '; '-separated (ACLED's `source`)
    ADD COLUMN article_count    integer NOT NULL DEFAULT 0 CHECK (article_count >= 0),
    ADD COLUMN first_reported_at timestamptz,               -- publication time of the earliest supporting article
    ADD COLUMN last_reported_at  timestamptz,
    ADD COLUMN revision         integer NOT NULL DEFAULT 0 CHECK (revision >= 0);  -- bumped on every change

-- One row per report: the decision that put it in its incident. Re-deciding a report replaces its row.
CREATE TABLE incident_matches (
    report_id           bigint PRIMARY KEY REFERENCES incident_reports (report_id) ON DELETE CASCADE,
    incident_id         bigint NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    decision            text NOT NULL CHECK (decision IN ('new', 'joined')),
    score               real NOT NULL CHECK (score >= 0),   -- 0 for 'new'; the match score for 'joined'
    reasons             text[] NOT NULL DEFAULT '{}',       -- readable: 'same day', 'coordinates 3.1 km apart', ...
    candidates_count    integer NOT NULL DEFAULT 0,         -- incidents that were compared with the report
    rejected            jsonb NOT NULL DEFAULT '[]'::jsonb, -- the closest candidates turned down, and why
    rule_version        text NOT NULL,
    decided_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_matches_incident_idx ON incident_matches (incident_id);

-- Every change of a reconciled field: old and new value as text, when and why. Creation is one row with
-- field = 'incident'. Stays when the incident is deleted (its reports all gone) so the history can be audited.
CREATE TABLE incident_revisions (
    revision_id     bigserial PRIMARY KEY,
    incident_id     bigint NOT NULL,
    revision        integer NOT NULL,
    field           text NOT NULL,
    old_value       text,
    new_value       text,
    reason          text NOT NULL,
    report_id       bigint,                 -- the report whose arrival, change or removal caused it (no FK: kept)
    article_id      bigint,
    revised_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_revisions_incident_idx ON incident_revisions (incident_id, revision);
CREATE INDEX incident_revisions_field_idx ON incident_revisions (field, revised_at);

-- Candidate search: same country, nearby days.
CREATE INDEX incidents_country_lower_date_idx ON incidents (lower(country), event_date);
