"""One function per measurement. Each returns a plain dict (JSON-ready) and leaves the site and databases as the
next measurement expects them; `run.py` decides the order.

Crawl speed settings: the project's spider is polite by default (2 requests at a time per host, 1 s delay,
AutoThrottle). The synthetic site is one host standing for many outlets, so the direct crawl measurements
(ceiling and crawl) both run with CRAWL_SETTINGS: the same concurrency for both spiders, no delay. The Airflow
runs pass the same settings to the DAG's crawl through INCIDENTS_CRAWL_SETTINGS (the operator's knob for Scrapy
settings), so they crawl the whole site at the same speed; everything else is the DAG as deployed.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from bench import proc, scratch_db, server
from bench.site import SiteSpec, outlet_name

CRAWL_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
                  "CONCURRENT_REQUESTS_PER_DOMAIN": 16}
DATA_TABLES = ("articles", "article_urls", "incident_reports", "incidents", "incident_articles", "aggregate_claims")
ALLOW = ["127.0.0.1"]


def sources_yaml(rs: server.RunningSite) -> str:
    """The registry file (config/sources.yaml format) for the synthetic site: one outlet per feed."""
    lines = ["# synthetic benchmark site", "sources:"]
    for f, url in enumerate(rs.site.feed_urls()):
        lines += [f"  - name: {outlet_name(f)}", f"    homepage: {rs.base_url}/", "    language: en",
                  "    options:", "      crawl_delay: 0", "    feeds:", f"      - url: {url}"]
    return "\n".join(lines) + "\n"


def write_sources(rs: server.RunningSite, workdir: Path) -> Path:
    path = workdir / f"sources-{rs.spec.feeds}x{rs.spec.per_feed}.yaml"
    path.write_text(sources_yaml(rs), encoding="utf-8")
    return path


def _fail(what: str, measured: proc.Measured) -> RuntimeError:
    return RuntimeError(f"{what} exited {measured.returncode}: {measured.stderr_tail[-1500:]}")


# --- the site ----------------------------------------------------------------------------------------------------
def site_rate(rs: server.RunningSite, seconds: float | None = None) -> dict:
    urls = rs.site.article_urls()
    seconds = seconds or (3.0 if len(urls) >= 1000 else 1.0)
    result = server.measure_rate(urls, seconds=seconds)
    rs.reset_stats()
    return {**result, "pages": rs.pages, "megabytes": round(rs.bytes / 1e6, 1), "build_s": rs.build_s}


# --- crawling ----------------------------------------------------------------------------------------------------
def ceiling(rs: server.RunningSite, workdir: Path) -> dict:
    from bench.bare_spider import project_speed_settings

    feeds = workdir / "feeds.txt"
    feeds.write_text("\n".join(rs.site.feed_urls()))
    settings = {**project_speed_settings(), **CRAWL_SETTINGS}
    settings_path = workdir / "bare-settings.json"
    settings_path.write_text(json.dumps(settings))
    out = workdir / "bare.json"
    rs.reset_stats()
    measured = proc.run_module("bench.bare_spider", str(feeds), str(out), str(settings_path))
    if measured.returncode != 0:
        raise _fail("bare spider", measured)
    result = json.loads(out.read_text())
    result.update({"wall_s": measured.seconds, "pages_per_s_wall": round(result["pages"] / measured.seconds, 1),
                   "peak_rss_mb": measured.peak_rss_mb, "cpu_s": measured.cpu_seconds,
                   "server": rs.stats()})
    return result


def crawl(rs: server.RunningSite, db_url: str, workdir: Path, *, run_id: str) -> dict:
    """The project's crawl (run_crawl: the `feeds` spider fetching, extracting text and storing articles)."""
    from incidents.crawling import run_crawl

    sources = write_sources(rs, workdir)
    rs.reset_stats()
    before = _written(db_url)
    t0 = time.perf_counter()
    summary = run_crawl(sources_file=str(sources), run_id=run_id, allow_hosts=ALLOW, database_url=db_url,
                        settings=CRAWL_SETTINGS)
    wall = time.perf_counter() - t0
    stats = rs.stats()
    if not summary.get("ok"):
        raise RuntimeError(f"crawl failed: {summary.get('error')}")
    pages = stats.get("feed_200", 0) + stats.get("article_200", 0)
    feeds_seen = stats.get("feed_200", 0) + stats.get("feed_304", 0)
    written = _delta(before, _written(db_url))
    return {"wall_s": round(wall, 3), "pages": pages, "pages_per_s": round(pages / wall, 1) if wall else None,
            "peak_rss_mb": summary.get("peak_rss_mb"), "server": stats,
            "feeds_304_share": round(stats.get("feed_304", 0) / feeds_seen, 3) if feeds_seen else None,
            "summary": {k: summary.get(k) for k in ("feeds", "requests", "not_modified", "fetched",
                                                    "skipped_known", "stored", "updated", "duplicates",
                                                    "quarantined", "errors", "feeds_failed", "seconds")},
            "rows_written": written, "data_rows_written": sum(written.get(t, 0) for t in DATA_TABLES),
            "settings": CRAWL_SETTINGS}


def _written(db_url: str) -> dict[str, int]:
    time.sleep(1.2)  # backends flush their table statistics at most once a second
    return scratch_db.rows_written(db_url)


def _delta(before: dict, after: dict) -> dict:
    return {t: after.get(t, 0) - before.get(t, 0) for t in after if after.get(t, 0) - before.get(t, 0)}


# --- normalisation and loading -----------------------------------------------------------------------------------
def extract(db_url: str, workdir: Path, *, processes: int | None = None, sample: int = 0) -> dict:
    import os

    rows_path = workdir / "rows.pickle"
    out = workdir / "extract.json"
    measured = proc.run_module("bench.extract_step", db_url, str(rows_path), str(out),
                               str(processes or os.cpu_count() or 1), str(sample))
    if measured.returncode != 0:
        raise _fail("extract step", measured)
    result = json.loads(out.read_text())
    result.update({"wall_s": measured.seconds, "peak_rss_mb": measured.peak_rss_mb, "rows_file": str(rows_path)})
    return result


def normalise(db_url: str, workdir: Path, tag: str = "", *, first_n: int = 0, only_first: bool = False) -> dict:
    out = workdir / f"normalise{tag}.json"
    args = [str(first_n)] + (["only"] if only_first else []) if first_n else []
    measured = proc.run_module("bench.normalise_step", db_url, str(out), *args)
    if measured.returncode != 0:
        raise _fail("normalise step", measured)
    return {**json.loads(out.read_text()), "wall_s": measured.seconds, "peak_rss_mb": measured.peak_rss_mb}


def load(admin: str, crawl_db: str, rows_path: str, workdir: Path) -> dict:
    """Loader vs COPY, in a clone of the crawl's database (articles present, no incidents yet)."""
    clone = scratch_db.clone(admin, crawl_db)
    try:
        out = workdir / "load.json"
        measured = proc.run_module("bench.load_step", clone, rows_path, str(out))
        if measured.returncode != 0:
            raise _fail("load step", measured)
        return {**json.loads(out.read_text()), "peak_rss_mb": measured.peak_rss_mb}
    finally:
        scratch_db.drop(admin, clone)


# --- Airflow -----------------------------------------------------------------------------------------------------
def airflow_run(rs: server.RunningSite, db_url: str, workdir: Path, *, logical_date, airflow_home: Path) -> dict:
    """One news_ingest run through Airflow (`airflow dags test`); wall time and the time spent inside tasks."""
    from incidents import airflow_runner

    sources = write_sources(rs, workdir)
    overrides = {"DATABASE_URL": db_url, "INCIDENTS_SOURCES": str(sources), "INCIDENTS_ALLOW_HOSTS": "127.0.0.1",
                 "INCIDENTS_TASK_RETRIES": "0",
                 # the direct crawl's speed settings for the DAG's crawl too (see crawl_settings_knob)
                 "INCIDENTS_CRAWL_SETTINGS": json.dumps(CRAWL_SETTINGS)}
    env = airflow_runner.airflow_env(airflow_home, overrides)
    airflow_runner.ensure_metadata_db(env)  # one-off setup, not part of a run's time
    rs.reset_stats()
    before = _written(db_url)
    t0, started = time.perf_counter(), time.time()
    code = airflow_runner.run_dag_once("news_ingest", logical_date=logical_date, env_overrides=overrides,
                                       airflow_home=airflow_home, capture=True)
    wall, ended = time.perf_counter() - t0, time.time()
    stats = rs.stats()
    written = _delta(before, _written(db_url))
    tasks = _task_times(airflow_home / "airflow.db")
    spans = [(t["start"], t["end"]) for t in tasks if t["start"] and t["end"]]
    inside = _union_seconds(spans)
    feeds_seen = stats.get("feed_200", 0) + stats.get("feed_304", 0)
    return {"exit_code": code, "wall_s": round(wall, 2), "inside_tasks_s": round(inside, 2),
            "outside_tasks_share": round(1 - inside / wall, 3) if wall else None,
            "outside_tasks_s": _outside_split(spans, started, ended, inside),
            "tasks": [{k: t[k] for k in ("task_id", "map_index", "state", "duration")} for t in tasks],
            "server": stats, "feeds_304_share": round(stats.get("feed_304", 0) / feeds_seen, 3) if feeds_seen else None,
            "rows_written": written, "data_rows_written": sum(written.get(t, 0) for t in DATA_TABLES),
            "pipeline_run": _last_pipeline_run(db_url)}


def _task_times(sqlite_path: Path) -> list[dict]:
    """Task instances of the latest news_ingest run, from Airflow's metadata database."""
    import datetime as dt

    conn = sqlite3.connect(sqlite_path)
    try:
        run_id = conn.execute("SELECT run_id FROM dag_run WHERE dag_id = 'news_ingest' ORDER BY id DESC LIMIT 1"
                              ).fetchone()[0]
        rows = conn.execute("SELECT task_id, map_index, state, start_date, end_date, duration FROM task_instance "
                            "WHERE dag_id = 'news_ingest' AND run_id = ?", (run_id,)).fetchall()
    finally:
        conn.close()

    def ts(value):
        if not value:
            return None
        return dt.datetime.fromisoformat(str(value)).timestamp()

    return [{"task_id": r[0], "map_index": r[1], "state": r[2], "start": ts(r[3]), "end": ts(r[4]),
             "duration": round(r[5], 2) if r[5] is not None else None} for r in rows]


def _outside_split(spans: list[tuple[float, float]], started: float, ended: float, inside: float) -> dict | None:
    """Where the time outside tasks goes: before the first task (process start, imports, DAG parsing, creating
    the run), between tasks (Airflow's scheduling loop) and after the last one (ending the run, process exit)."""
    if not spans:
        return None
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    return {"before_first_task": round(first - started, 2), "after_last_task": round(ended - last, 2),
            "between_tasks": round((last - first) - inside, 2)}


def _union_seconds(intervals: list[tuple[float, float]]) -> float:
    total, cur_start, cur_end = 0.0, None, None
    for start, end in sorted(intervals):
        if cur_end is None or start > cur_end:
            if cur_end is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None:
        total += cur_end - cur_start
    return total


def _last_pipeline_run(db_url: str) -> dict | None:
    import psycopg2

    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("""SELECT run_id, status, feeds_requested, feeds_not_modified, feeds_failed, articles_fetched,
                                  articles_skipped, articles_stored, articles_extracted, incidents_loaded,
                                  rows_rejected
                             FROM pipeline_runs ORDER BY started_at DESC LIMIT 1""")
            row = cur.fetchone()
            return dict(zip([d[0] for d in cur.description], row)) if row else None
    finally:
        conn.close()


# --- cost growth -------------------------------------------------------------------------------------------------
def scale_point(spec: SiteSpec, admin: str, workdir: Path, factor: int, *, normalise_n: int) -> dict:
    """Crawl a site `factor` times the base size into a fresh database, then normalise its first `normalise_n`
    articles; time per article of each (the normalise figure is per article of a fixed-size sample, taken in a
    database that holds `factor` times as many articles)."""
    sub = workdir / f"scale-{factor}"
    sub.mkdir(parents=True, exist_ok=True)
    with server.start(spec.scaled(factor)) as rs, scratch_db.scratch(admin) as db:
        crawled = crawl(rs, db, sub, run_id=f"bench-scale-{factor}")
        normalised = normalise(db, sub, f"-x{factor}", first_n=normalise_n, only_first=True)
    return scale_row(factor, crawled, normalised)


def scale_row(factor: int, crawled: dict, normalised: dict) -> dict:
    articles = crawled["summary"]["stored"] or 1
    crawl_ms = 1000 * crawled["wall_s"] / articles
    norm_ms = (normalised.get("first") or {}).get("ms_per_article")
    return {"factor": factor, "pages": crawled["pages"], "articles": crawled["summary"]["stored"],
            "crawl_s": crawled["wall_s"], "normalised_articles": (normalised.get("first") or {}).get("articles"),
            "crawl_ms_per_article": round(crawl_ms, 3),
            "normalise_ms_per_article": norm_ms,
            "ms_per_article": round(crawl_ms + norm_ms, 3) if norm_ms else None,
            "crawl_peak_rss_mb": crawled["peak_rss_mb"], "normalise_peak_rss_mb": normalised["peak_rss_mb"]}


def crawl_settings_knob() -> bool:
    """Whether run_crawl takes Scrapy settings from the environment (INCIDENTS_CRAWL_SETTINGS), which the
    Airflow runs need to crawl the synthetic site at full speed."""
    import inspect

    from incidents import crawling

    return "INCIDENTS_CRAWL_SETTINGS" in inspect.getsource(crawling)
