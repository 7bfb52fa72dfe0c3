"""Database faults: a server restart mid-load, a connection killed mid-normalise, a locked or read-only database.

Each test injects the fault at a known point (another transaction holds a lock the loader must wait for, or the
fake extractor pauses inside a batch), checks that nothing was half-written, then retries and checks the exact
final contents.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import psycopg2
import psycopg2.errors
import pytest

from incidents.db import connect, embedded, transaction
from incidents.db.migrate import migrate
from incidents.load.articles import store_articles
from incidents.normalize import normalize_pending
from tests.reliability.support import (
    RecordingExtractor,
    article,
    counts,
    integrity_problems,
    one,
    rows,
    run_in_thread,
    wait_until,
)


def _waiting_on_lock(admin, app_name: str) -> bool:
    return bool(one(admin, """SELECT count(*) FROM pg_stat_activity
                               WHERE application_name = %s AND wait_event_type = 'Lock'""", (app_name,)))


@pytest.fixture
def own_server():
    """A dedicated embedded Postgres this test may stop and start (never the machine's or the suite's).

    Its directory is outside pytest's basetemp: every pytest session start makes /tmp/pytest-of-<user> private
    (chmod 700) again, which locks out the server's own 'pgserver' user when the tests run as root.
    """
    parent = Path(tempfile.mkdtemp(prefix="incidents-reliability-"))
    path = parent / "pg"
    server = embedded.start(path)
    yield path, server.get_uri()
    embedded.stop(path)
    shutil.rmtree(parent, ignore_errors=True)


def test_server_restart_mid_load_rolls_back_the_batch_and_retry_loads_it_once(own_server):
    path, url = own_server
    conn = connect(url)
    migrate(conn)
    batch = [article(i) for i in range(40)]
    # another writer has the 21st article's URL in an open transaction, so the loader stops right there,
    # with 20 articles written inside its uncommitted transaction
    blocker = connect(url, application_name="blocker")
    blocker.cursor().execute("INSERT INTO articles (url, text, fetched_at, content_hash) VALUES (%s, 'x', now(), 'h')",
                             (batch[20]["url"],))
    loader = connect(url, application_name="loader-under-test")
    thread, box = run_in_thread(store_articles, loader, batch)
    wait_until(lambda: _waiting_on_lock(conn, "loader-under-test"), what="the loader to block mid-batch")
    conn.close()

    assert embedded.stop(path), "the embedded server did not stop"
    thread.join(15)
    assert not thread.is_alive()
    assert isinstance(box.get("error"), psycopg2.OperationalError), box   # the original error, not "already closed"
    assert loader.closed

    embedded.start(path)
    conn = connect(url)
    assert counts(conn)["articles"] == 0 and counts(conn)["article_urls"] == 0   # nothing half-loaded

    retry = store_articles(conn, batch)
    assert (retry.stored, retry.duplicates) == (40, 0)
    again = store_articles(conn, batch)
    assert (again.stored, again.unchanged) == (0, 40)
    assert counts(conn)["articles"] == 40 and counts(conn)["article_urls"] == 40
    assert sorted(r[0] for r in rows(conn, "SELECT url FROM articles")) == sorted(a["url"] for a in batch)
    assert integrity_problems(conn) == []
    conn.close()


def test_connection_killed_mid_normalise_leaves_no_half_written_incident_and_retry_completes(db_url):
    admin = connect(db_url)
    store_articles(admin, [article(i) for i in range(12)])
    ids = [r[0] for r in rows(admin, "SELECT article_id FROM articles ORDER BY article_id")]

    worker = connect(db_url, application_name="normaliser")
    worker_pid = worker.get_backend_pid()
    extractor = RecordingExtractor(pause_on=8)   # inside the second batch of 5, three articles of it loaded
    thread, box = run_in_thread(normalize_pending, worker, batch_size=5, extractor=extractor.pair)
    assert extractor.paused.wait(15)
    assert one(admin, "SELECT pg_terminate_backend(%s)", (worker_pid,)) is True
    extractor.resume.set()
    thread.join(15)
    assert isinstance(box.get("error"), psycopg2.OperationalError), box

    # exactly the first batch is in: its five articles extracted, five reports and incidents, nothing of batch 2
    done = [r[0] for r in rows(admin, "SELECT article_id FROM articles WHERE extractor_version IS NOT NULL "
                                      "ORDER BY article_id")]
    assert done == ids[:5]
    assert sorted(r[0] for r in rows(admin, "SELECT article_id FROM incident_reports")) == ids[:5]
    assert counts(admin)["incidents"] == 5
    assert integrity_problems(admin) == []

    retry_extractor = RecordingExtractor()
    result = normalize_pending(connect(db_url), batch_size=5, extractor=retry_extractor.pair)
    assert result.articles == 7 and result.failed == 0
    assert sorted(int(a) for a in retry_extractor.per_article()) == ids[5:]
    c = counts(admin)
    assert (c["incident_reports"], c["incidents"], c["incident_articles"], c["quarantine"]) == (12, 12, 12, 0)
    assert one(admin, "SELECT count(*) FROM articles WHERE extractor_version IS DISTINCT FROM 'fake-1'") == 0
    assert integrity_problems(admin) == []


def test_every_connection_carries_lock_and_statement_timeouts(db_url):
    conn = connect(db_url)
    settings = dict(rows(conn, """SELECT name, setting FROM pg_settings WHERE name IN
                                  ('lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout')"""))
    # 0 means "wait forever": a scheduled task must never do that
    assert all(int(v) > 0 for v in settings.values()) and len(settings) == 3, settings


def test_locked_table_fails_clearly_within_lock_timeout_and_retry_works(db_url):
    holder = connect(db_url, application_name="holder")
    holder.cursor().execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")   # e.g. a long manual maintenance
    loader = connect(db_url, lock_timeout_ms=300)
    batch = [article(i) for i in range(5)]
    t0 = time.monotonic()
    with pytest.raises(psycopg2.errors.LockNotAvailable, match="lock timeout"):
        store_articles(loader, batch)
    assert time.monotonic() - t0 < 5
    holder.rollback()
    assert counts(loader)["articles"] == 0
    assert store_articles(loader, batch).stored == 5


def test_locked_incident_table_stops_normalise_without_losing_the_batch(db_url):
    admin = connect(db_url)
    store_articles(admin, [article(i) for i in range(6)])
    holder = connect(db_url)
    holder.cursor().execute("LOCK TABLE incident_reports IN EXCLUSIVE MODE")
    worker = connect(db_url, lock_timeout_ms=300)
    with pytest.raises(psycopg2.errors.LockNotAvailable):
        normalize_pending(worker, batch_size=3, extractor=RecordingExtractor().pair)
    holder.rollback()
    # the failed batch was rolled back whole: nothing marked extracted, no report, no quarantine row
    assert one(admin, "SELECT count(*) FROM articles WHERE extractor_version IS NOT NULL") == 0
    assert counts(admin)["incident_reports"] == 0 and counts(admin)["quarantine"] == 0
    assert normalize_pending(worker, batch_size=3, extractor=RecordingExtractor().pair).articles == 6
    assert counts(admin)["incidents"] == 6 and integrity_problems(admin) == []


def test_statement_timeout_ends_a_stuck_statement(db_url):
    holder = connect(db_url)
    store_articles(holder, [article(1)])
    holder.cursor().execute("SELECT 1 FROM articles FOR UPDATE")   # a row lock held by a frozen writer
    # a long lock_timeout but a short statement_timeout: the statement limit is what ends the wait
    loader = connect(db_url, lock_timeout_ms=60_000, statement_timeout_ms=300)
    with pytest.raises(psycopg2.errors.QueryCanceled, match="statement timeout"):
        store_articles(loader, [article(1, text="An updated body of story 1.")])
    holder.rollback()
    assert store_articles(loader, [article(1, text="An updated body of story 1.")]).updated == 1


def test_read_only_database_fails_clearly_and_nothing_is_lost(db_url):
    admin = connect(db_url)
    store_articles(admin, [article(i) for i in range(3)])
    dbname = admin.info.dbname
    admin.autocommit = True
    admin.cursor().execute(f'ALTER DATABASE "{dbname}" SET default_transaction_read_only = on')
    admin.autocommit = False

    ro = connect(db_url)
    with pytest.raises(psycopg2.errors.ReadOnlySqlTransaction, match="read-only transaction"):
        store_articles(ro, [article(i) for i in range(3, 6)])
    with pytest.raises(psycopg2.errors.ReadOnlySqlTransaction):
        normalize_pending(ro, extractor=RecordingExtractor().pair)
    assert counts(ro)["articles"] == 3 and counts(ro)["incidents"] == 0
    assert one(ro, "SELECT count(*) FROM articles WHERE extractor_version IS NOT NULL") == 0

    admin.autocommit = True
    admin.cursor().execute(f'ALTER DATABASE "{dbname}" RESET default_transaction_read_only')
    rw = connect(db_url)
    assert store_articles(rw, [article(i) for i in range(3, 6)]).stored == 3
    assert normalize_pending(rw, extractor=RecordingExtractor().pair).articles == 6
    assert counts(rw)["incidents"] == 6 and integrity_problems(rw) == []


def test_transaction_keeps_the_original_error_when_the_connection_dies(db_url):
    conn = connect(db_url)
    admin = connect(db_url)
    pid = conn.get_backend_pid()
    with pytest.raises(psycopg2.OperationalError, match="terminat"), transaction(conn) as cur:
        cur.execute("SELECT 1")
        one(admin, "SELECT pg_terminate_backend(%s)", (pid,))
        cur.execute("SELECT 1")
