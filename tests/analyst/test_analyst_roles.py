"""The `analyst` role reads every table and view and can change nothing; its statements time out. The `ingest`
role writes rows and refreshes the materialised views but runs no DDL. Logs in for real, with passwords set
from the environment the way operators do."""
from __future__ import annotations

import secrets

import psycopg2
import psycopg2.errors
import pytest

from incidents.roles import set_passwords_from_env
from tests.analyst.analyst_support import add_article, all_rows, at, event, load

MUST_FAIL = {
    "insert": "INSERT INTO sources (name) VALUES ('analyst was here')",
    "update": "UPDATE incidents SET fatalities = fatalities + 1",
    "delete": "DELETE FROM articles",
    "create table": "CREATE TABLE public.analyst_scratch (x int)",
    "create view": "CREATE VIEW public.analyst_view AS SELECT 1 AS x",
    "create schema": "CREATE SCHEMA analyst_own",
    "drop table": "DROP TABLE incidents",
    "alter table": "ALTER TABLE incidents ADD COLUMN x int",
    "truncate": "TRUNCATE incident_revisions",
    "refresh": "SELECT refresh_analyst_views()",
}


@pytest.fixture
def login(db, db_url):
    """Connect as a role with a fresh password from the environment-style mapping."""
    passwords = {"ANALYST_PASSWORD": secrets.token_urlsafe(16), "INGEST_PASSWORD": secrets.token_urlsafe(16)}
    assert sorted(set_passwords_from_env(db, passwords)) == ["analyst", "ingest"]
    opened = []

    def connect(role):
        conn = psycopg2.connect(db_url, user=role, password=passwords[f"{role.upper()}_PASSWORD"])
        opened.append(conn)
        return conn

    yield connect
    for conn in opened:
        conn.close()


@pytest.fixture
def some_data(db):
    a = add_article(db, "attack", "Sahel Wire", at(2), "Gunmen attacked Boulkessi.")
    load(db, a, [event(a, "Gunmen attacked Boulkessi.", location="Boulkessi", fatalities=3)])


def _relations(db) -> list[str]:
    return [r["name"] for r in all_rows(db, """
        SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') ORDER BY 1""")]


def test_analyst_reads_every_table_and_view(db, login, some_data):
    names = _relations(db)
    assert {"incidents_acled", "incident_sources", "incident_counts_daily", "incident_counts_weekly",
            "actor_incident_counts_weekly", "article_search", "incident_revisions", "incident_matches"} <= set(names)
    conn = login("analyst")
    with conn.cursor() as cur:
        for name in names:
            cur.execute(f'SELECT * FROM "{name}" LIMIT 1')
        cur.execute("SELECT count(*) FROM incidents_acled")
        assert cur.fetchone()[0] == 1
        cur.execute("SELECT count(*) FROM search_articles('gunmen')")
        assert cur.fetchone()[0] == 1


@pytest.mark.parametrize("what", sorted(MUST_FAIL))
def test_analyst_cannot_write_or_change_the_schema(db, login, some_data, what):
    conn = login("analyst")
    with conn.cursor() as cur:
        # read-only is only the session default (an analyst may turn it off): privileges are the real fence
        cur.execute("SET default_transaction_read_only = off")
        conn.commit()
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute(MUST_FAIL[what])
    conn.rollback()


def test_analyst_sessions_are_read_only_by_default(login):
    conn = login("analyst")
    with conn.cursor() as cur, pytest.raises(psycopg2.errors.ReadOnlySqlTransaction):
        cur.execute("INSERT INTO sources (name) VALUES ('x')")


def test_analyst_statements_time_out(db, login):
    conn = login("analyst")
    with conn.cursor() as cur:
        cur.execute("SHOW statement_timeout")
        assert cur.fetchone()[0] == "5min"          # the role's own setting, applied at log-in
    # prove the role-level limit ends a long query without waiting minutes: a per-database override of the
    # same role setting (so the server-wide 5 min stays) and a 10-minute sleep
    dbname = db.get_dsn_parameters()["dbname"]
    db.autocommit = True
    db.cursor().execute(f'ALTER ROLE analyst IN DATABASE "{dbname}" SET statement_timeout = \'300ms\'')
    short = login("analyst")
    with short.cursor() as cur, pytest.raises(psycopg2.errors.QueryCanceled, match="statement timeout"):
        cur.execute("SELECT pg_sleep(600)")


def test_ingest_writes_rows_and_refreshes_views_but_runs_no_ddl(db, login):
    conn = login("ingest")
    with conn.cursor() as cur:
        cur.execute("INSERT INTO sources (name) VALUES ('Ingested outlet') RETURNING source_id")
        cur.execute("SELECT refresh_analyst_views()")
        assert {r[0] for r in cur.fetchall()} >= {"incident_counts_daily", "actor_incident_counts_daily"}
        conn.commit()
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute("CREATE TABLE public.ingest_scratch (x int)")
    conn.rollback()
