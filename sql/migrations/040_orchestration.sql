-- Orchestration state: what each crawl batch of a run did, and what the data-quality checks found.

-- One row per crawl batch of a pipeline run, written by the batch's task (even when it fails), so the run's
-- record can say which feeds failed without asking Airflow. Re-running a batch overwrites its row.
CREATE TABLE run_batches (
    run_id       text NOT NULL,
    batch_no     integer NOT NULL CHECK (batch_no >= 0),
    feed_urls    text[] NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'success', 'failed')),
    summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
    error        text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    PRIMARY KEY (run_id, batch_no)
);

-- Rows that break a data-quality rule. One row per (check, subject); a failure seen again bumps last_seen_*,
-- one no longer found is marked resolved. An analyst may waive a known false positive so it stops alerting.
CREATE TABLE quality_failures (
    failure_id      bigserial PRIMARY KEY,
    check_name      text NOT NULL,
    subject         text NOT NULL,                 -- e.g. incident:42 or incident:42/article:7
    incident_id     bigint,
    article_id      bigint,
    detail          text,
    first_run_id    text,
    last_run_id     text,
    seen_count      integer NOT NULL DEFAULT 1,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    is_waived       boolean NOT NULL DEFAULT false,
    UNIQUE (check_name, subject)
);
CREATE INDEX quality_failures_open_idx ON quality_failures (check_name) WHERE resolved_at IS NULL;
