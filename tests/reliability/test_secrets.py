"""Secrets and access: the database password comes only from the environment and appears nowhere the pipeline
writes (logs, CLI output, pipeline_runs, quarantine, crawl records); the analyst role reads and never writes."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.errors
import pytest

from incidents.db import connect
from incidents.db.connection import redact
from tests.reliability.site import NewsSite, Page
from tests.reliability.support import one, rows
from tests.reliability.test_crawl_faults import make_story

SECRET = "Zq7-RELIABILITY-s3cret-9041"
ROOT = Path(__file__).resolve().parents[2]


def _with_password(url: str, password: str = SECRET) -> str:
    """The test database's URL with a password added (the test servers trust local connections, so it is
    accepted and ignored: only where it ends up matters)."""
    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


@pytest.mark.parametrize("url", [
    f"postgresql://ingest:{SECRET}@db.internal:5432/incidents",
    f"postgresql://ingest:{SECRET}@db.internal/incidents?sslmode=require",
    f"postgres://ingest@db.internal/incidents?password={SECRET}&sslmode=require",
    f"host=db.internal user=ingest password={SECRET} dbname=incidents",
    f"host=db.internal password='{SECRET} x' dbname=incidents",
])
def test_redact_removes_the_password_in_every_connection_string_form(url):
    assert SECRET not in redact(url)
    assert "db.internal" in redact(url)


def _cli(args, env, timeout=300):
    return subprocess.run([sys.executable, "-m", "incidents.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def test_cli_error_output_never_shows_the_password(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"postgresql://ingest:{SECRET}@127.0.0.2:1/incidents",
               INCIDENTS_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT / "src"))
    for args in (["normalize"], ["db", "migrate"], ["-v", "normalize"]):
        done = _cli(args, env, timeout=60)
        assert done.returncode != 0
        assert "127.0.0.2" in done.stderr          # says which server failed ...
        assert SECRET not in done.stdout + done.stderr, args   # ... without the password


def _scan(where: str, text: str, found: list) -> None:
    if SECRET in text:
        line = next(ln for ln in text.splitlines() if SECRET in ln)
        found.append(f"{where}: {line[:200]}")


def test_a_pipeline_run_leaves_the_password_nowhere(db_url, tmp_path, monkeypatch):
    """news_ingest's steps, as its tasks call them (their return values are the tasks' XComs), plus the CLI."""
    import datetime as dt

    from incidents import pipeline

    secret_url = _with_password(db_url)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(data_dir))
    env = dict(os.environ, DATABASE_URL=secret_url, PYTHONPATH=str(ROOT / "src"))
    site = NewsSite()
    found: list[str] = []
    xcoms: dict = {}
    run_id = "scheduled__secret-run"
    end = dt.datetime.now(dt.UTC)
    try:
        for key in range(3):
            site.add(make_story(key))
        site.extra["/bad.html"] = Page(200, b"\x00\x01binary", "text/html")   # a quarantined page, too
        site.extra_in_feed.append("/bad.html")
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: Fixture\n    language: en\n    feeds:\n      - url: {site.feed_url}\n")
        xcoms["plan"] = batches = pipeline.plan_run(run_id=run_id, dag_id="news_ingest", interval_start=end,
                                                    interval_end=end, sources_file=str(sources),
                                                    database_url=secret_url)
        xcoms["crawl"] = [pipeline.crawl_batch(b, run_id=run_id, allow_hosts=["127.0.0.1"],
                                               database_url=secret_url) for b in batches]
        # normalise through the CLI, verbose, so every log line is printed; then the DAG's own step
        done = _cli(["-v", "normalize", "--run-id", run_id], env)
        assert done.returncode == 0, done.stderr[-2000:]
        _scan("normalize stdout", done.stdout, found)
        _scan("normalize stderr", done.stderr, found)
        xcoms["normalize"] = pipeline.normalize_run(run_id=run_id, interval_end=end, database_url=secret_url)
        for step, call in (("check_quality", pipeline.check_quality), ("refresh_views", pipeline.refresh_views),
                           ("finish", pipeline.finish_run)):
            try:
                xcoms[step] = call(run_id=run_id, database_url=secret_url)
            except Exception as exc:  # noqa: BLE001 -- a failing step's message is output too
                xcoms[step] = f"{type(exc).__name__}: {exc}"
        done = _cli(["-v", "db", "migrate"], env)
        _scan("migrate output", done.stdout + done.stderr, found)
    finally:
        site.close()
    assert sum(c.get("stored", 0) for c in xcoms["crawl"]) == 3, xcoms["crawl"]
    for step, value in xcoms.items():
        _scan(f"XCom of {step}", repr(value), found)

    for path in data_dir.rglob("*"):
        if path.is_file():
            _scan(str(path.relative_to(data_dir)), path.read_text(errors="replace"), found)
    conn = connect(db_url)
    tables = [r[0] for r in rows(conn, "SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")]
    for table in tables:   # every row of every table, as text: pipeline_runs, quarantine, feed_fetches, ...
        for (text,) in rows(conn, f'SELECT t::text FROM "{table}" t'):
            _scan(f"table {table}", text, found)
    assert "pipeline_runs" in tables and "quarantine" in tables
    assert one(conn, "SELECT count(*) FROM quarantine") >= 1
    assert found == []


def test_no_credentials_in_the_repository_config():
    """Connection strings with a password never live in config or code: only the environment (or Airflow's
    connections) carries them."""
    pattern = re.compile(r"postgres(?:ql)?://[^/\s:@'\"]+:[^@/\s'\"{}$]+@")
    hits = []
    for base in ("config", "dags", "scrapers", "src", "docker-compose.yml", "docker-compose.yaml", ".env"):
        path = ROOT / base
        files = [path] if path.is_file() else (path.rglob("*") if path.is_dir() else [])
        for f in files:
            if f.is_file() and f.suffix in ("", ".py", ".yaml", ".yml", ".cfg", ".toml", ".ini", ".env", ".json"):
                for n, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
                    if pattern.search(line) and "example" not in line and "***" not in line:
                        hits.append(f"{f.relative_to(ROOT)}:{n}: {line.strip()[:120]}")
    assert hits == []


@pytest.fixture
def as_analyst(db):
    db.autocommit = True
    with db.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = 'analyst'")
        if cur.fetchone() is None:
            pytest.fail("the analyst role is missing (migration 022_roles)")

    def run(sql):
        with db.cursor() as cur:
            cur.execute("SET ROLE analyst")
            try:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
            finally:
                cur.execute("RESET ROLE")
    return run


@pytest.mark.parametrize("sql", [
    "INSERT INTO articles (url, text, fetched_at, content_hash) VALUES ('u', 't', now(), 'h')",
    "UPDATE incidents SET fatalities = 0",
    "DELETE FROM quarantine",
    "TRUNCATE pipeline_runs",
    "CREATE TABLE analyst_scratch (x int)",
    "DROP TABLE articles",
    "ALTER TABLE incidents ADD COLUMN x int",
    "SELECT rolname, rolpassword FROM pg_authid",
    "SELECT usename, passwd FROM pg_shadow",
    "SELECT pg_read_file('postgresql.conf')",
    "COPY articles TO PROGRAM 'true'",
])
def test_analyst_role_cannot_write_or_read_credentials(as_analyst, sql):
    with pytest.raises(psycopg2.Error) as err:
        as_analyst(sql)
    assert isinstance(err.value, (psycopg2.errors.InsufficientPrivilege, psycopg2.errors.ReadOnlySqlTransaction)), \
        err.value


def test_analyst_role_reads_the_incident_tables(as_analyst):
    assert as_analyst("SELECT count(*) FROM incidents") == [(0,)]
    assert as_analyst("SELECT count(*) FROM articles") == [(0,)]
    # the role's own settings: read-only sessions with a statement limit when it logs in
    settings = as_analyst("SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
                          "WHERE r.rolname = 'analyst'")
    assert ("default_transaction_read_only=on",) in settings


def test_crawler_runs_no_remote_code_execution_endpoint(monkeypatch):
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "scrapers.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")
