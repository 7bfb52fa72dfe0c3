"""Soak: 50 simulated hours of a changing news site, crawled and normalised every hour.

Each hour the site gains stories, some are revised or deleted, the feed breaks for a while and recovers, and one
story answers 503 for an hour. After the last hour the database must equal exactly the one a single clean run
produces from everything the site served (each story as it was when first fetched: the crawler never refetches
a stored URL), and nothing may grow from run to run: open connections, temporary files, memory.

INCIDENTS_SOAK_HOURS shortens it for a quick local check (default 50).
"""
from __future__ import annotations

import json
import os
import random
import tempfile
import uuid
from pathlib import Path

import psycopg2
import pytest

from incidents.db import connect
from incidents.normalize import normalize_pending
from tests.reliability.site import NewsSite, Story, sources_yaml
from tests.reliability.support import integrity_problems, rows
from tests.reliability.test_crawl_faults import FAST, make_story

HOURS = int(os.environ.get("INCIDENTS_SOAK_HOURS", "50"))
BROKEN_FEED_HOURS = {10, 11, 12, 30}
FLAKY_HOUR = 20


class ServedLog(NewsSite):
    """The fixture site, remembering which revision of each story it first served with a 200."""

    def __init__(self):
        super().__init__()
        self.served: dict[int, int] = {}
        self.failing: set[int] = set()

    def page(self, path):
        for story in self.stories.values():
            if story.path == path:
                if story.key in self.failing:
                    from tests.reliability.site import Page
                    return Page(503, b"try later", "text/plain")
                self.served.setdefault(story.key, story.revision)
        return super().page(path)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _crawl_temp_dirs(token: str) -> int:
    """Crawl job directories of this soak still on disk (other crawls on the machine are not counted)."""
    left = 0
    for path in Path(tempfile.gettempdir()).glob("incidents-crawl-*"):
        try:
            left += f'"run_id": "soak-{token}-' in (path / "job.json").read_text()
        except OSError:
            continue
    return left


def _snapshot(conn, base_url: str) -> dict:
    """The database's analyst-visible content, with the site's host stripped so two sites compare."""
    def strip(url):
        return url.replace(base_url, "")
    articles = sorted((strip(u), t, x, p.isoformat() if p else None, lang) for u, t, x, p, lang in rows(
        conn, "SELECT url, title, text, published_at, language FROM articles"))
    reports = sorted((strip(r[0]),) + tuple(str(v) for v in r[1:]) for r in rows(
        conn, """SELECT a.url, r.event_date, r.country, r.admin1, r.location, r.event_type, r.sub_event_type,
                        r.fatalities, r.actor1, r.actor2, r.civilian_targeting
                   FROM incident_reports r JOIN articles a USING (article_id)"""))
    incidents = sorted(tuple(str(v) for v in r) for r in rows(
        conn, """SELECT event_date, country, admin1, location, event_type, sub_event_type, fatalities, actor1,
                        actor2 FROM incidents"""))
    links = sorted((strip(r[0]), str(r[1])) for r in rows(
        conn, """SELECT a.url, i.event_date FROM incident_articles l JOIN articles a USING (article_id)
                   JOIN incidents i USING (incident_id)"""))
    return {"articles": articles, "reports": reports, "incidents": incidents, "links": links}


@pytest.fixture
def reference_db_url(pg_admin_url, template_db):
    from tests.conftest import _replace_db

    name = f"incidents_ref_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    yield _replace_db(pg_admin_url, name)
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _crawl(site, db_url, tmp_path, run_id):
    from incidents.crawling import run_crawl

    sources = tmp_path / f"sources-{site.server.server_address[1]}.yaml"
    sources.write_text(sources_yaml(site))
    return run_crawl(sources_file=sources, run_id=run_id, allow_hosts=["127.0.0.1"], database_url=db_url,
                     settings=FAST)


@pytest.mark.slow
def test_soak_50_hours_of_a_changing_site(db_url, reference_db_url, tmp_path, monkeypatch, record_property):
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    rnd = random.Random(2025)
    site = ServedLog()
    conn = connect(db_url)
    dbname = conn.info.dbname
    figures = {"hours": HOURS, "crawls_ok": 0, "feed_failures_seen": 0, "articles_stored": 0,
               "stories_added": 0, "stories_revised": 0, "stories_deleted": 0, "connections_after_run": [],
               "crawl_temp_dirs_after_run": [], "test_rss_mb": [], "crawler_peak_rss_mb": []}
    next_key = 0
    token = uuid.uuid4().hex[:8]   # this soak's run ids, told apart from any other crawl on the machine
    try:
        for hour in range(HOURS):
            # --- the site changes -------------------------------------------------------------------------
            for _ in range(1 + (hour % 3 == 0)):
                site.add(make_story(next_key))
                next_key += 1
                figures["stories_added"] += 1
            live = sorted(site.stories)
            if hour % 5 == 4 and live:
                story = site.stories[rnd.choice(live)]
                site.add(make_story(story.key, revision=story.revision + 1))
                figures["stories_revised"] += 1
            if hour % 7 == 6 and len(live) > 3:
                del site.stories[live[0]]
                figures["stories_deleted"] += 1
            site.feed_broken = hour in BROKEN_FEED_HOURS
            site.failing = {next_key - 1} if hour == FLAKY_HOUR else set()

            # --- the hourly pipeline -----------------------------------------------------------------------
            summary = _crawl(site, db_url, tmp_path, run_id=f"soak-{token}-h{hour:02d}")
            assert summary["ok"], (hour, summary.get("error"))
            figures["crawls_ok"] += 1
            figures["feed_failures_seen"] += int(bool(summary.get("feeds_with_problems")))
            figures["articles_stored"] += summary["stored"]
            # the crawler process alone: its page-reading worker starts only in hours with new pages
            figures["crawler_peak_rss_mb"].append(summary.get("crawler_peak_rss_mb") or 0)
            normalize_pending(conn, run_id=f"soak-{token}-h{hour:02d}")

            # --- nothing accumulates -----------------------------------------------------------------------
            others = rows(conn, "SELECT application_name, state, left(query, 60) FROM pg_stat_activity "
                                "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))
            figures["connections_after_run"].append(len(others))
            if others:
                figures.setdefault("other_connections", others)
            figures["crawl_temp_dirs_after_run"].append(_crawl_temp_dirs(token))
            figures["test_rss_mb"].append(round(_rss_mb(), 1))
            assert integrity_problems(conn) == [], hour
        final = _snapshot(conn, site.url)
    finally:
        site.close()

    # --- the expected database: one clean run over everything the site served, as first served -------------
    reference = NewsSite()
    try:
        for key, revision in site.served.items():
            reference.add(make_story(key, revision=revision))
        summary = _crawl(reference, reference_db_url, tmp_path, run_id="soak-reference")
        assert summary["ok"], summary.get("error")
        ref_conn = connect(reference_db_url)
        normalize_pending(ref_conn)
        expected = _snapshot(ref_conn, reference.url)
        ref_conn.close()
    finally:
        reference.close()

    served_paths = sorted(Story(k, "", "", 2, None).path for k in site.served)
    stored_paths = sorted(a[0] for a in final["articles"])
    figures.update(articles=len(final["articles"]), incidents=len(final["incidents"]),
                   reports=len(final["reports"]),
                   duplicates=len(stored_paths) - len(set(stored_paths)),
                   rows_lost=len(set(served_paths) - set(stored_paths)),
                   unexpected_rows=len(set(stored_paths) - set(served_paths)))
    rss, peaks = figures["test_rss_mb"], figures["crawler_peak_rss_mb"]
    figures.update(test_rss_mb_hour5_to_last=[rss[min(5, HOURS - 1)], rss[-1]],
                   crawler_peak_rss_mb_range=[min(peaks), max(peaks)],
                   max_connections_after_run=max(figures["connections_after_run"]))
    record_property("soak", json.dumps(figures))
    short = {k: v for k, v in figures.items() if not isinstance(v, list) or len(v) <= 2}
    print("soak figures:", json.dumps(short))

    assert figures["duplicates"] == 0 and figures["rows_lost"] == 0 and figures["unexpected_rows"] == 0
    assert final == expected
    assert len(final["incidents"]) >= len(final["articles"]) * 0.9   # the stories really turned into incidents
    # every hour ran, and the broken feed hours were noticed and caught up afterwards
    assert figures["crawls_ok"] == HOURS
    if HOURS > max(BROKEN_FEED_HOURS):
        assert figures["feed_failures_seen"] >= len(BROKEN_FEED_HOURS)
    # no growth: connections back to none, no crawl temp dirs left, memory flat after warm-up
    assert set(figures["connections_after_run"]) == {0}, (figures["connections_after_run"],
                                                           figures.get("other_connections"))
    assert set(figures["crawl_temp_dirs_after_run"]) == {0}
    warm = figures["test_rss_mb"][min(5, HOURS - 1)]
    assert figures["test_rss_mb"][-1] - warm < 40, figures["test_rss_mb"]
    peaks = figures["crawler_peak_rss_mb"][1:]   # each crawl is a fresh process: its peak must not creep up
    if len(peaks) >= 4:
        half = len(peaks) // 2
        assert max(peaks[half:]) < max(peaks[:half]) * 1.25, peaks
