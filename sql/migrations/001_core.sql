-- Core schema: outlets and their feeds, fetched articles, what each article says (incident_reports),
-- the events themselves (incidents) linked to every article that supports them, aggregate claims,
-- quarantined input and a record of every pipeline run.

CREATE TABLE sources (
    source_id       serial PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    homepage_url    text,
    language        text,
    country_focus   text[] NOT NULL DEFAULT '{}',
    enabled         boolean NOT NULL DEFAULT true,
    options         jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feeds (
    feed_id             serial PRIMARY KEY,
    source_id           integer REFERENCES sources (source_id) ON DELETE SET NULL,
    url                 text NOT NULL UNIQUE,
    kind                text NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'sitemap')),
    language            text,
    enabled             boolean NOT NULL DEFAULT true,
    etag                text,
    last_modified       text,
    last_fetched_at     timestamptz,
    last_status         integer,
    last_error          text,
    error_count         integer NOT NULL DEFAULT 0 CHECK (error_count >= 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    article_id          bigserial PRIMARY KEY,
    url                 text NOT NULL UNIQUE,          -- canonical URL
    feed_id             integer REFERENCES feeds (feed_id) ON DELETE SET NULL,
    source_name         text,
    title               text,
    text                text NOT NULL CHECK (length(text) > 0),
    published_at        timestamptz,
    language            text,
    fetched_at          timestamptz NOT NULL,
    content_hash        text NOT NULL UNIQUE,          -- same story under two URLs is one article
    extractor_version   text,                          -- version that last extracted it; NULL = pending
    extracted_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_at_idx ON articles (published_at);
CREATE INDEX articles_fetched_at_idx ON articles (fetched_at);
CREATE INDEX articles_pending_idx ON articles (article_id) WHERE extractor_version IS NULL;

-- Every URL under which an article was seen (feed link, redirect target, canonical link), so the crawler can
-- skip a known story before requesting it again.
CREATE TABLE article_urls (
    url         text PRIMARY KEY,
    article_id  bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX article_urls_article_idx ON article_urls (article_id);

-- Contract fields shared by what one article says (incident_reports) and the reconciled event (incidents).
CREATE TABLE incidents (
    incident_id         bigserial PRIMARY KEY,
    event_date          date NOT NULL,
    date_precision      smallint CHECK (date_precision IN (1, 2, 3)),
    country             text NOT NULL,
    iso3                char(3),
    admin1              text,
    admin2              text,
    location            text,
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    geo_precision       smallint CHECK (geo_precision IN (1, 2, 3)),
    actor1              text,
    assoc_actor_1       text,
    actor2              text,
    assoc_actor_2       text,
    event_type          text NOT NULL,
    sub_event_type      text NOT NULL,
    fatalities          integer NOT NULL DEFAULT 0 CHECK (fatalities >= 0),
    fatalities_low      integer CHECK (fatalities_low >= 0),
    fatalities_high     integer CHECK (fatalities_high >= 0),
    fatalities_text     text,
    civilian_targeting  boolean NOT NULL DEFAULT false,
    claimed_by          text,
    reported_by         text,
    confidence          real CHECK (confidence BETWEEN 0 AND 1),
    extractor_version   text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_event_date_idx ON incidents (event_date);
CREATE INDEX incidents_country_date_idx ON incidents (country, event_date);
CREATE INDEX incidents_admin1_idx ON incidents (country, admin1);
CREATE INDEX incidents_event_type_idx ON incidents (event_type, sub_event_type);
CREATE INDEX incidents_actor1_idx ON incidents (actor1);
CREATE INDEX incidents_actor2_idx ON incidents (actor2);
CREATE INDEX incidents_extractor_version_idx ON incidents (extractor_version);

-- One row per (article, event it describes): the extractor's output, kept verbatim so incidents can be
-- re-reconciled when reports are added, revised or re-extracted.
CREATE TABLE incident_reports (
    report_id           bigserial PRIMARY KEY,
    report_key          text NOT NULL UNIQUE,          -- deterministic: article + event signature
    article_id          bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    incident_id         bigint REFERENCES incidents (incident_id) ON DELETE SET NULL,
    event_date          date NOT NULL,
    date_precision      smallint,
    country             text NOT NULL,
    iso3                char(3),
    admin1              text,
    admin2              text,
    location            text,
    latitude            double precision,
    longitude           double precision,
    geo_precision       smallint,
    actor1              text,
    assoc_actor_1       text,
    actor2              text,
    assoc_actor_2       text,
    event_type          text NOT NULL,
    sub_event_type      text NOT NULL,
    fatalities          integer NOT NULL DEFAULT 0 CHECK (fatalities >= 0),
    fatalities_low      integer,
    fatalities_high     integer,
    fatalities_text     text,
    civilian_targeting  boolean NOT NULL DEFAULT false,
    claimed_by          text,
    reported_by         text,
    confidence          real,
    evidence_start      integer,
    evidence_end        integer,
    evidence_text       text,
    extractor_version   text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_reports_article_idx ON incident_reports (article_id);
CREATE INDEX incident_reports_incident_idx ON incident_reports (incident_id);

-- Which articles support which incident, with the sentence each rests on.
CREATE TABLE incident_articles (
    incident_id     bigint NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    article_id      bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    report_id       bigint NOT NULL REFERENCES incident_reports (report_id) ON DELETE CASCADE,
    evidence_start  integer,
    evidence_end    integer,
    evidence_text   text,
    linked_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, report_id)
);
CREATE INDEX incident_articles_article_idx ON incident_articles (article_id);

CREATE TABLE aggregate_claims (
    claim_id            bigserial PRIMARY KEY,
    claim_key           text NOT NULL UNIQUE,
    article_id          bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    claim_text          text,
    fatalities          integer NOT NULL DEFAULT 0 CHECK (fatalities >= 0),
    fatalities_low      integer,
    fatalities_high     integer,
    fatalities_text     text,
    countries           text[] NOT NULL DEFAULT '{}',
    period_start        date,
    period_end          date,
    event_type          text,
    actor1              text,
    actor2              text,
    evidence_start      integer,
    evidence_end        integer,
    evidence_text       text,
    confidence          real,
    extractor_version   text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aggregate_claims_article_idx ON aggregate_claims (article_id);

-- Whatever could not be processed, with the reason. One row per (stage, subject, reason); repeats bump the count
-- so an hourly run that meets the same broken page does not pile up rows.
CREATE TABLE quarantine (
    quarantine_id   bigserial PRIMARY KEY,
    stage           text NOT NULL CHECK (stage IN ('crawl', 'parse', 'extract', 'load')),
    subject         text NOT NULL,                     -- URL, article id or input line
    reason          text NOT NULL,
    detail          text,
    payload         text,                              -- a bounded excerpt of the offending input
    article_id      bigint REFERENCES articles (article_id) ON DELETE SET NULL,
    run_id          text,
    seen_count      integer NOT NULL DEFAULT 1,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    UNIQUE (stage, subject, reason)
);

CREATE TABLE pipeline_runs (
    run_id              text PRIMARY KEY,              -- Airflow's run_id, or one made up by the CLI
    dag_id              text,
    data_interval_start timestamptz,
    data_interval_end   timestamptz,
    started_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    status              text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'success', 'partial', 'failed')),
    feeds_requested     integer NOT NULL DEFAULT 0,
    feeds_not_modified  integer NOT NULL DEFAULT 0,
    feeds_failed        integer NOT NULL DEFAULT 0,
    articles_fetched    integer NOT NULL DEFAULT 0,
    articles_skipped    integer NOT NULL DEFAULT 0,
    articles_stored     integer NOT NULL DEFAULT 0,
    articles_extracted  integer NOT NULL DEFAULT 0,
    incidents_loaded    integer NOT NULL DEFAULT 0,
    rows_rejected       integer NOT NULL DEFAULT 0,
    details             jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX pipeline_runs_started_idx ON pipeline_runs (started_at);
