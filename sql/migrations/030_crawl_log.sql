-- Crawler bookkeeping: what each crawl did per feed (feed_fetches), the last parse problem of each feed, and
-- where an article's publication time came from (the feed entry, the page's metadata, or the fetch time).

ALTER TABLE feeds
    ADD COLUMN last_problem      text,           -- e.g. "not well-formed: ...", NULL when the last parse was clean
    ADD COLUMN last_problem_at   timestamptz,
    ADD COLUMN last_entry_count  integer;

ALTER TABLE articles
    ADD COLUMN published_at_source text CHECK (published_at_source IN ('feed', 'page', 'sitemap', 'fetched'));

CREATE TABLE feed_fetches (
    fetch_id        bigserial PRIMARY KEY,
    run_id          text NOT NULL,
    feed_id         integer REFERENCES feeds (feed_id) ON DELETE CASCADE,
    feed_url        text NOT NULL,
    kind            text NOT NULL DEFAULT 'feed',
    started_at      timestamptz,
    finished_at     timestamptz NOT NULL DEFAULT now(),
    http_status     integer,                        -- NULL: no response at all (refused, DNS, timeout)
    not_modified    boolean NOT NULL DEFAULT false, -- 304: nothing else happened for this feed
    error           text,
    problem         text,                           -- parse problems; entries may still have come through
    bytes           integer,
    entries         integer NOT NULL DEFAULT 0,     -- entries in the feed (after the per-feed cap)
    requested       integer NOT NULL DEFAULT 0,     -- article pages requested
    fetched         integer NOT NULL DEFAULT 0,     -- article pages received with status 200
    skipped_known   integer NOT NULL DEFAULT 0,     -- entries not requested: already stored or seen in this crawl
    stored          integer NOT NULL DEFAULT 0,     -- new articles
    updated         integer NOT NULL DEFAULT 0,     -- known URL, changed text
    duplicates      integer NOT NULL DEFAULT 0,     -- same text as an article stored under another URL
    quarantined     integer NOT NULL DEFAULT 0,
    errors          integer NOT NULL DEFAULT 0,     -- transient failures (timeouts, 5xx): retried next run
    UNIQUE (run_id, feed_url)
);
CREATE INDEX feed_fetches_feed_idx ON feed_fetches (feed_id, finished_at);
CREATE INDEX feed_fetches_finished_idx ON feed_fetches (finished_at);
