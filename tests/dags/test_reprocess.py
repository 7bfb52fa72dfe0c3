"""Reprocessing stored articles: through the reprocess_incidents DAG after an extractor version bump, and the
library's guarantees (stable incident ids, one transaction per range) directly."""
from __future__ import annotations

import datetime as dt
import uuid

import psycopg2
import pytest

from tests.conftest import _replace_db
from tests.dags.conftest import run_dag, task_states


@pytest.fixture(scope="module")
def seeded_template(pg_admin_url, template_db, tmp_path_factory):
    """A database holding the sample site crawled and normalised through the pipeline functions (no Airflow
    needed for the seed), made once per module and cloned for each test."""
    from incidents import pipeline
    from incidents.sample_site import serve_in_thread, sources_yaml

    name = f"incidents_seeded_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    url = _replace_db(pg_admin_url, name)
    registry = tmp_path_factory.mktemp("seed") / "sources.yaml"
    server, base_url = serve_in_thread(port=0)
    try:
        registry.write_text(sources_yaml(base_url), encoding="utf-8")
        batches = pipeline.plan_run(run_id="seed", dag_id="seed", interval_start=None, interval_end=None,
                                    sources_file=str(registry), database_url=url, feeds_per_batch=10)
        for batch in batches:
            pipeline.crawl_batch(batch, run_id="seed", allow_hosts=["127.0.0.1"], database_url=url)
        pipeline.normalize_run(run_id="seed", interval_end=None, database_url=url)
    finally:
        server.shutdown()
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def loaded(pg_admin_url, seeded_template, monkeypatch):
    """A fresh copy of the seeded database for this test (DATABASE_URL points at it); returns its state."""
    name = f"incidents_t_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{seeded_template}"')
    url = _replace_db(pg_admin_url, name)
    monkeypatch.setenv("DATABASE_URL", url)
    conn = psycopg2.connect(url)
    state = state_of(conn)
    assert state["articles"] >= 5 and len(state["incidents"]) >= 3
    yield {"state": state, "conn": conn}
    conn.close()
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def state_of(conn) -> dict:
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM articles")
        articles = cur.fetchone()[0]
        cur.execute("SELECT incident_id, event_date, country, location, event_type, sub_event_type, actor1, "
                    "fatalities FROM incidents ORDER BY incident_id")
        incidents = cur.fetchall()
        cur.execute("SELECT report_id, report_key, incident_id, extractor_version FROM incident_reports "
                    "ORDER BY report_id")
        reports = cur.fetchall()
        cur.execute("SELECT count(*), count(DISTINCT (incident_id, article_id)) FROM incident_articles")
        links, distinct_links = cur.fetchone()
        cur.execute("SELECT DISTINCT extractor_version FROM articles")
        versions = {r[0] for r in cur.fetchall()}
    conn.commit()
    return {"articles": articles, "incidents": incidents, "reports": reports, "links": links,
            "distinct_links": distinct_links, "versions": versions}


@pytest.mark.slow
def test_reprocess_dag_rederives_everything_after_a_version_bump(airflow_meta, loaded, monkeypatch):
    db, loaded = loaded["conn"], loaded["state"]
    import incidents.extract

    monkeypatch.setattr(incidents.extract, "EXTRACTOR_VERSION", "bumped-for-test")
    dr = run_dag("reprocess_incidents", dt.datetime(2026, 3, 3, tzinfo=dt.UTC), conf={"chunk_days": 14})
    states = task_states(dr)
    assert str(dr.state) == "success", states
    assert sum(1 for k in states if k.startswith("reprocess_range[")) >= 2  # the articles span several ranges

    after = state_of(db)
    assert after["versions"] == {"bumped-for-test"}  # every article re-extracted by the new version
    # same extraction rules, new version: the same incidents, under the same ids, nothing duplicated
    assert after["incidents"] == loaded["incidents"]
    assert [r[:3] for r in after["reports"]] == [r[:3] for r in loaded["reports"]]
    assert after["links"] == loaded["links"] == after["distinct_links"]
    with db.cursor() as cur:
        cur.execute("SELECT status, articles_extracted FROM pipeline_runs WHERE dag_id = 'reprocess_incidents'")
        assert cur.fetchall() == [("success", loaded["articles"])]
    db.commit()

    # nothing is outdated any more: a second run plans no range and changes nothing
    dr = run_dag("reprocess_incidents", dt.datetime(2026, 3, 4, tzinfo=dt.UTC), conf={"chunk_days": 14})
    assert str(dr.state) == "success", task_states(dr)
    assert state_of(db) == after


def _relocating_extractor(suffix: str):
    """The current extractor, but every event's location spelled differently: every report key changes."""
    from incidents.reprocess import current_extractor

    extract, _ = current_extractor()

    def extract_article(article):
        rows = extract(article)
        for row in rows:
            if row.get("kind") == "event" and row.get("location"):
                row["location"] = row["location"] + suffix
        return rows

    return extract_article


def test_changed_report_keys_keep_their_incidents(loaded):
    db, loaded = loaded["conn"], loaded["state"]
    from incidents.reprocess import reprocess_range

    result = reprocess_range(db, extractor=(_relocating_extractor(" (respelled)"), "v-respelled"))
    after = state_of(db)
    assert result["articles"] == loaded["articles"] and result["reports_rekeyed"] > 0
    # the same incident ids, report ids and links; the new spelling reached the incidents
    assert [i[0] for i in after["incidents"]] == [i[0] for i in loaded["incidents"]]
    assert [(r[0], r[2]) for r in after["reports"]] == [(r[0], r[2]) for r in loaded["reports"]]
    assert {r[1] for r in after["reports"]}.isdisjoint({r[1] for r in loaded["reports"]})
    assert any(i[3] and i[3].endswith(" (respelled)") for i in after["incidents"])
    assert after["links"] == loaded["links"] == after["distinct_links"]


class _Crash(BaseException):
    """Not an Exception: nothing in the per-article error handling may swallow it."""


def test_a_range_is_replaced_in_one_transaction(loaded):
    db, loaded = loaded["conn"], loaded["state"]
    from incidents.reprocess import reprocess_range

    extract = _relocating_extractor(" (half)")
    seen = []

    def crashing(article):
        seen.append(article["id"])
        if len(seen) == 3:
            raise _Crash("the worker died mid-range")
        return extract(article)

    with pytest.raises(_Crash):
        reprocess_range(db, extractor=(crashing, "v-half"))
    assert len(seen) == 3
    assert state_of(db) == loaded  # nothing of the first two articles' new rows is visible


def test_ranges_by_date_cover_only_days_with_articles(loaded):
    db, loaded = loaded["conn"], loaded["state"]
    from incidents.reprocess import plan_ranges, reprocess_range

    with db.cursor() as cur:
        cur.execute("SELECT min(published_at)::date, max(published_at)::date FROM articles")
        first, last = cur.fetchone()
    db.commit()
    ranges = plan_ranges(db, start=first, end=last, chunk_days=1)
    days = {dt.date.fromisoformat(r["start"]) for r in ranges}
    assert first in days and last in days and len(ranges) <= (last - first).days + 1
    assert all((dt.date.fromisoformat(r["end"]) - dt.date.fromisoformat(r["start"])).days == 1 for r in ranges)

    # only the first day's articles are re-derived
    result = reprocess_range(db, start=ranges[0]["start"], end=ranges[0]["end"],
                             extractor=(_relocating_extractor(""), "v-day-one"))
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM articles WHERE extractor_version = 'v-day-one'")
        assert cur.fetchone()[0] == result["articles"] > 0
        cur.execute("SELECT count(*) FROM articles WHERE extractor_version <> 'v-day-one'")
        assert cur.fetchone()[0] == loaded["articles"] - result["articles"]
    db.commit()
