"""`incidents`: the one command a person runs by hand.

Heavy modules are imported inside each sub-command so that `incidents extract` starts fast and `incidents db url`
does not load Scrapy or Airflow.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _connect_migrated():
    from incidents.db import connect
    from incidents.db.migrate import migrate

    conn = connect()
    migrate(conn)
    return conn


# --- db -----------------------------------------------------------------------------------------------------------
def cmd_db_url(args) -> int:
    from incidents.db import database_url

    print(database_url())
    return 0


def cmd_db_migrate(args) -> int:
    from incidents.db import connect, database_url
    from incidents.db.connection import redact
    from incidents.db.migrate import migrate

    url = database_url()
    with connect(url) as conn:
        applied = migrate(conn)
    conn.close()
    _say(f"database {redact(url)}: applied {len(applied)} migration(s)"
         + (f": {', '.join(applied)}" if applied else " (already up to date)") + "; views re-created")
    return 0


def cmd_db_psql(args) -> int:
    """psql against the project database, using the psql that ships with pgserver when none is installed."""
    import os
    import shutil
    from pathlib import Path

    from incidents.db import database_url

    url = database_url()
    psql = shutil.which("psql")
    if psql is None:
        import pgserver

        psql = str(Path(pgserver.__file__).parent / "pginstall" / "bin" / "psql")
    os.execv(psql, [psql, url, *args.psql_args])


def cmd_db_roles(args) -> int:
    from incidents.roles import ROLE_ENV, set_passwords_from_env

    conn = _connect_migrated()
    changed = set_passwords_from_env(conn)
    conn.close()
    if changed:
        _say(f"LOGIN and password set for: {', '.join(changed)}")
    else:
        _say("no role changed: set " + " and/or ".join(ROLE_ENV.values()) + " in the environment first")
    return 0


def cmd_db_stop(args) -> int:
    from incidents.db import embedded

    _say("embedded Postgres stopped" if embedded.stop() else "embedded Postgres was not running")
    return 0


# --- extraction ---------------------------------------------------------------------------------------------------
def cmd_extract(args) -> int:
    from incidents.extract import extract_stream

    stats = extract_stream(sys.stdin, sys.stdout, sys.stderr)
    if not args.quiet:
        _say(f"extract: {stats.get('articles', 0)} articles, {stats.get('incidents', 0)} incidents, "
             f"{stats.get('errors', 0)} errors")
    return 0


def cmd_normalize(args) -> int:
    from incidents.normalize import normalize_pending

    conn = _connect_migrated()
    t0 = time.perf_counter()

    def progress(total):
        _say(f"  normalised {total.articles} articles, {total.reports_written} reports written ...")

    result = normalize_pending(conn, batch_size=args.batch_size, run_id=args.run_id, progress=progress)
    _say(f"normalise: {result.articles} articles in {time.perf_counter() - t0:.1f}s; "
         f"{result.reports_written} incident reports written, {result.reports_unchanged} unchanged, "
         f"{result.aggregates_written} aggregate claims, {result.rejected} rows rejected, "
         f"{result.failed} articles quarantined")
    if result.failed or result.rejected:
        _say("see why: psql \"$(incidents db url)\" -c 'SELECT stage, subject, reason, detail FROM quarantine "
             "ORDER BY last_seen_at DESC LIMIT 20'")
    return 0


# --- crawl and registry -------------------------------------------------------------------------------------------
def cmd_crawl(args) -> int:
    from incidents.crawling import run_crawl

    conn = _connect_migrated()
    conn.close()
    from incidents.crawling import format_summary

    _say("crawling (Scrapy runs in its own process; its log path is in the summary) ...")
    summary = run_crawl(sources_file=args.sources, run_id=args.run_id, allow_hosts=args.allow_host)
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
    _say(format_summary(summary))
    if not summary.get("ok", True):
        _say("the crawl process failed: read the Scrapy log named above, fix the cause and re-run "
             "(re-running is safe: stored articles are skipped)")
    return 0 if summary.get("ok", True) else 1


def cmd_sources_sync(args) -> int:
    from incidents.registry import load_registry, sync_registry

    registry = load_registry(args.file)
    conn = _connect_migrated()
    summary = sync_registry(conn, registry)
    _say(f"sources sync: {summary}")
    return 0


def cmd_gazetteer_load(args) -> int:
    from incidents.geo import load_dump

    conn = _connect_migrated()
    for path in args.files:
        _say(f"loading {path} ...")
        summary = load_dump(path, conn=conn)
        _say(f"  {summary}")
    return 0


# --- demo and sample site -----------------------------------------------------------------------------------------
def cmd_sample_site(args) -> int:
    from incidents.sample_site import serve

    server, url = serve(port=args.port)
    _say(f"sample news site at {url} (feeds: {url}feeds/rss.xml, {url}feeds/atom.xml); Ctrl-C to stop")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def cmd_demo(args) -> int:
    from incidents.demo import run_demo

    return run_demo()


# --- analyst report -----------------------------------------------------------------------------------------------
def cmd_report(args) -> int:
    import datetime as dt

    from incidents.db import connect
    from incidents.report import write_report

    date_from, date_to = dt.date.fromisoformat(args.date_from), dt.date.fromisoformat(args.date_to)
    conn = connect()  # reads only, so the read-only analyst role can run it; migrate only a fresh database
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('incidents_acled') IS NULL")
        fresh = cur.fetchone()[0]
    conn.rollback()
    if fresh:
        conn.close()
        conn = _connect_migrated()
    try:
        path = write_report(conn, date_from, date_to, args.out, country=args.country)
    finally:
        conn.close()
    _say(f"report: {path} ({date_from} to {date_to}, {args.country or 'all countries'}); open it in a browser")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="incidents", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    sub = parser.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="database: url, migrate, stop").add_subparsers(dest="db_command", required=True)
    db.add_parser("url", help="print the connection URL (psql \"$(incidents db url)\")").set_defaults(func=cmd_db_url)
    db.add_parser("migrate", help="apply pending migrations and re-create views").set_defaults(func=cmd_db_migrate)
    db.add_parser("stop", help="stop the embedded Postgres").set_defaults(func=cmd_db_stop)
    db.add_parser("roles", help="give the analyst/ingest roles LOGIN with passwords from ANALYST_PASSWORD / "
                  "INGEST_PASSWORD").set_defaults(func=cmd_db_roles)
    p = db.add_parser("psql", help="open psql on the project database (extra arguments go to psql)")
    p.add_argument("psql_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_db_psql)

    p = sub.add_parser("extract", help="articles as JSON lines on stdin -> incidents as JSON lines on stdout")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("normalize", aliases=["normalise"], help="extract and load incidents from pending articles")
    p.add_argument("--batch-size", type=int, default=200)
    p.add_argument("--run-id")
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("crawl", help="crawl the configured feeds (or those in --sources) into the database")
    p.add_argument("--sources", help="a registry file (config/sources.yaml format); default: the configured one")
    p.add_argument("--run-id")
    p.add_argument("--json", action="store_true", help="also print the full summary as JSON on stdout")
    p.add_argument("--allow-host", action="append", default=None,
                   help="allow fetching from this otherwise-refused host/address (e.g. 127.0.0.1); repeatable")
    p.set_defaults(func=cmd_crawl)

    src = sub.add_parser("sources", help="the feed registry").add_subparsers(dest="sources_command", required=True)
    p = src.add_parser("sync", help="sync a registry file into the sources and feeds tables")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_sources_sync)

    gaz = sub.add_parser("gazetteer", help="the gazetteer").add_subparsers(dest="gazetteer_command", required=True)
    p = gaz.add_parser("load", help="load GeoNames country dumps (e.g. ML.txt or ML.zip) to cover villages")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_gazetteer_load)

    p = sub.add_parser("sample-site", help="serve the bundled sample news site on 127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.set_defaults(func=cmd_sample_site)

    p = sub.add_parser("report", help="write the weekly brief (map, trends, actors, events) as one HTML file")
    p.add_argument("--from", dest="date_from", required=True, help="first event date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="last event date, YYYY-MM-DD (inclusive)")
    p.add_argument("--country", help="only this country (as incidents name it, e.g. Mali)")
    p.add_argument("--out", required=True, help="the HTML file to write")
    p.set_defaults(func=cmd_report)

    sub.add_parser("demo", help="embedded Postgres + sample site + one news_ingest run through Airflow"
                   ).set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["db", "psql"]:  # psql's own options (-c, -f ...) pass through untouched
        return cmd_db_psql(argparse.Namespace(psql_args=argv[2:]))
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as exc:  # a person reads this: say what failed and what to try
        _say(f"error: {type(exc).__name__}: {exc}")
        _say("re-run with -v for details; `incidents db url` shows which database is used "
             "(set DATABASE_URL to use another)")
        if args.verbose:
            raise
        return 1


if __name__ == "__main__":
    sys.exit(main())
