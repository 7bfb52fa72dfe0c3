"""`incidents demo` / `make demo`: the whole pipeline once, on a fresh machine, with nothing installed.

Starts (or reuses) the embedded Postgres, migrates it, serves the bundled sample news site on 127.0.0.1, runs the
`news_ingest` DAG once through Airflow against it, and prints what was fetched, stored and loaded and how to query
it. Running it again adds nothing: the crawl skips known articles and the loads are upserts.
"""
from __future__ import annotations

import os
import sys
import threading
import time

from incidents import config

DEMO_PORT = 8765  # fixed so article URLs stay the same from one demo run to the next


def _say(msg: str) -> None:
    print(msg, flush=True)


def _serve_sample_site():
    from incidents.sample_site import serve

    try:
        server, base_url = serve(port=DEMO_PORT)
    except OSError:
        server, base_url = serve(port=0)  # the usual port is taken; URLs will differ from earlier demo runs
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base_url


def _counts(conn) -> dict:
    with conn.cursor() as cur:
        out = {}
        for table in ("articles", "incidents", "incident_articles", "aggregate_claims", "quarantine"):
            cur.execute(f"SELECT count(*) FROM {table}")
            out[table] = cur.fetchone()[0]
    conn.commit()
    return out


def run_demo() -> int:
    from incidents.airflow_runner import run_news_ingest_once
    from incidents.db import connect, database_url
    from incidents.db.connection import redact
    from incidents.db.migrate import migrate
    from incidents.sample_site import sources_yaml

    t0 = time.perf_counter()
    _say("1/4 database: starting the embedded Postgres (DATABASE_URL unset)" if not os.environ.get("DATABASE_URL")
         else "1/4 database: using DATABASE_URL")
    url = database_url()
    conn = connect(url)
    applied = migrate(conn)
    _say(f"    {redact(url)}; {len(applied)} new migration(s)")
    before = _counts(conn)

    server, base_url = _serve_sample_site()
    demo_dir = config.data_dir() / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    sources = demo_dir / "sources.yaml"
    sources.write_text(sources_yaml(base_url), encoding="utf-8")
    _say(f"2/4 sample news site at {base_url} (feeds listed in {sources})")

    _say("3/4 running the news_ingest DAG once through Airflow (first run also sets up Airflow's own database) ...")
    env = {"DATABASE_URL": url, "INCIDENTS_SOURCES": str(sources), "INCIDENTS_ALLOW_HOSTS": "127.0.0.1"}
    try:
        log_file = config.data_dir() / "demo" / "airflow-run.log"
        _say(f"    (Airflow's full log: {log_file})")
        code = run_news_ingest_once(env, progress=lambda line: _say(f"    {line}"), log_file=log_file)
    finally:
        server.shutdown()
    if code != 0:
        _say(f"error: the news_ingest run failed (exit {code}). Read {log_file} (search for 'Traceback'); the "
             "per-task logs are under .data/airflow/logs. Fix the cause and run `make demo` again (it is safe to "
             "re-run).")
        return code

    after = _counts(conn)
    with conn.cursor() as cur:
        cur.execute("""SELECT run_id, status, feeds_requested, feeds_not_modified, articles_fetched,
                              articles_skipped, articles_stored, incidents_loaded, rows_rejected
                         FROM pipeline_runs ORDER BY started_at DESC LIMIT 1""")
        run = cur.fetchone()
        cur.execute("""SELECT event_date, country, coalesce(location, admin1, ''), event_type, fatalities,
                              coalesce(actor1, '')
                         FROM incidents ORDER BY event_date DESC, incident_id LIMIT 8""")
        sample = cur.fetchall()
    conn.commit()
    conn.close()

    _say("4/4 done in %.0fs" % (time.perf_counter() - t0))
    if run:
        _say(f"    run {run[0]}: {run[1]}; feeds requested {run[2]} (not modified {run[3]}), articles fetched "
             f"{run[4]}, skipped as known {run[5]}, stored {run[6]}; incidents loaded {run[7]}, rows rejected {run[8]}")
    _say("    in the database now: " + ", ".join(f"{k} {after[k]} (+{after[k] - before[k]})" for k in after))
    for row in sample:
        _say(f"      {row[0]}  {row[1]:<14} {row[2][:22]:<22} {row[3][:28]:<28} {row[4]:>4}  {row[5][:40]}")
    _say("\nQuery it:")
    _say('    psql "$(.venv/bin/incidents db url)" -c "SELECT event_date, country, location, event_type, fatalities '
         'FROM incidents ORDER BY event_date DESC"')
    _say('    .venv/bin/incidents db psql -c "SELECT * FROM incidents LIMIT 5"   # no psql installed? this uses '
         "the one bundled with the embedded Postgres")
    return 0


if __name__ == "__main__":
    sys.exit(run_demo())
