"""The steps of one ingest run, as plain functions the Airflow DAGs call (and tests call without Airflow).

plan_run -> crawl_batch (one per batch, in parallel) -> normalize_run -> check_quality -> refresh_views ->
finish_run. Every step takes the run id and the data interval from its caller and writes keyed rows, so
re-running a step, or the whole run for the same interval, leaves the same rows instead of duplicates.

Crawl batches record their outcome in run_batches themselves, failures included, so finish_run can tell a
complete run from a partial one without asking Airflow.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
from collections.abc import Callable, Mapping, Sequence

from incidents import runs
from incidents.db import connect, transaction

log = logging.getLogger(__name__)

# Airflow refuses to map over more than [core] max_map_length items (1024 by default); stay well under it so
# a registry of thousands of feeds becomes bigger batches rather than a failed plan.
DEFAULT_FEEDS_PER_BATCH = 25
DEFAULT_MAX_BATCHES = 256
STEP_KEYS = ("plan", "normalize", "quality", "views", "outcome")
# pipeline_runs counter <- the crawl summary keys (incidents.crawling.summarise) that add up to it
SUMMARY_COUNTERS = {
    "feeds_not_modified": ("not_modified",),
    "feeds_failed": ("feeds_failed",),
    "articles_fetched": ("fetched",),
    "articles_skipped": ("skipped_known", "duplicates"),
    "articles_stored": ("stored", "updated"),
}


class CrawlBatchFailed(RuntimeError):
    """A crawl batch had feeds that failed; its row in run_batches says which."""


# --- configuration ------------------------------------------------------------------------------------------------
def resolve_database_url(airflow_conn_uri: str | None = None) -> str:
    """The incidents database: an Airflow connection's URI if the DAG found one, else DATABASE_URL, else the
    AIRFLOW_CONN_INCIDENTS_DB environment variable (URI or JSON form), else the embedded database."""
    if airflow_conn_uri:
        return airflow_conn_uri
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    raw = os.environ.get("AIRFLOW_CONN_INCIDENTS_DB")
    if raw:
        return _conn_env_to_url(raw)
    from incidents.db import database_url

    return database_url()


def _conn_env_to_url(raw: str) -> str:
    raw = raw.strip()
    if not raw.startswith("{"):
        return raw
    spec = json.loads(raw)
    from urllib.parse import quote

    auth = quote(spec.get("login") or "", safe="")
    if spec.get("password"):
        auth += ":" + quote(spec["password"], safe="")
    host = spec.get("host") or ""
    port = f":{spec['port']}" if spec.get("port") else ""
    return f"postgresql://{auth + '@' if auth else ''}{host}{port}/{spec.get('schema') or ''}"


def split_list(value: str | Sequence[str] | None) -> list[str] | None:
    """'a, b' or ['a', 'b'] -> ['a', 'b']; None or empty -> None."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    items = [i.strip() for i in items if i and i.strip()]
    return items or None


def _as_dt(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def ensure_schema(conn) -> list[str]:
    """Apply pending migrations only when some exist: re-creating views every hour would take locks for nothing."""
    from incidents.db import migrate

    pending = {m.version for m in migrate.discover()} - set(migrate.applied(conn))
    return migrate.migrate(conn) if pending else []


# --- plan ---------------------------------------------------------------------------------------------------------
def split_batches(urls: Sequence[str], *, feeds_per_batch: int = DEFAULT_FEEDS_PER_BATCH,
                  max_batches: int = DEFAULT_MAX_BATCHES) -> list[list[str]]:
    """Consecutive batches of at most feeds_per_batch URLs, unless that would exceed max_batches, in which case
    the batches grow so that there are exactly max_batches of them."""
    if feeds_per_batch < 1 or max_batches < 1:
        raise ValueError("feeds_per_batch and max_batches must be positive")
    urls = list(urls)
    if not urls:
        return []
    size = max(feeds_per_batch, math.ceil(len(urls) / max_batches))
    return [urls[i:i + size] for i in range(0, len(urls), size)]


def enabled_feed_urls(conn) -> list[str]:
    with transaction(conn) as cur:
        cur.execute("""SELECT f.url FROM feeds f LEFT JOIN sources s USING (source_id)
                        WHERE f.enabled AND COALESCE(s.enabled, true)
                        ORDER BY f.feed_id""")
        return [r[0] for r in cur.fetchall()]


def plan_run(*, run_id: str, dag_id: str, interval_start, interval_end, sources_file: str | None = None,
             database_url: str | None = None, feeds_per_batch: int = DEFAULT_FEEDS_PER_BATCH,
             max_batches: int = DEFAULT_MAX_BATCHES, sync: Callable | None = None) -> list[dict]:
    """Start the run record, sync the feed registry into the database, and split the enabled feeds into batches.

    Returns one dict per batch: {"batch_no": n, "feed_urls": [...]}, the input of the mapped crawl tasks.
    """
    from incidents import config

    conn = connect(database_url)
    try:
        ensure_schema(conn)
        runs.start_run(conn, run_id, dag_id=dag_id, interval_start=_as_dt(interval_start),
                       interval_end=_as_dt(interval_end))
        with transaction(conn) as cur:
            # a re-run of the same run id starts from a clean slate: no stale batch rows or step results
            cur.execute("DELETE FROM run_batches WHERE run_id = %s", (run_id,))
            cur.execute("UPDATE pipeline_runs SET details = details - %s::text[] WHERE run_id = %s",
                        (list(STEP_KEYS), run_id))
        path = sources_file or str(config.sources_file())
        synced = (sync or _sync_registry)(conn, path)
        urls = enabled_feed_urls(conn)
        batches = split_batches(urls, feeds_per_batch=feeds_per_batch, max_batches=max_batches)
        runs.update_run(conn, run_id, feeds_requested=len(urls), details={"plan": {
            "sources_file": path, "feeds": len(urls), "batches": len(batches), "sync": synced}})
    finally:
        conn.close()
    log.info("run %s: %d feeds in %d batches", run_id, len(urls), len(batches))
    return [{"batch_no": i, "feed_urls": b} for i, b in enumerate(batches)]


def _sync_registry(conn, path: str):
    from incidents.registry import load_registry, sync_registry

    summary = sync_registry(conn, load_registry(path))
    return summary if isinstance(summary, (dict, list, str, int, type(None))) else str(summary)


# --- crawl --------------------------------------------------------------------------------------------------------
def _summary_failed(summary: Mapping) -> bool:
    if summary.get("ok") is False:
        return True
    try:
        return int(summary.get("feeds_failed") or 0) > 0
    except (TypeError, ValueError):
        return False


def crawl_batch(batch: Mapping, *, run_id: str, allow_hosts: Sequence[str] | None = None,
                database_url: str | None = None, timeout_s: float | None = None,
                crawl: Callable | None = None) -> dict:
    """Crawl one batch of feeds (Scrapy runs in its own process inside run_crawl) and record the outcome.

    Raises CrawlBatchFailed after recording when any feed of the batch failed, so only this batch's task fails.
    """
    batch_no, urls = int(batch["batch_no"]), list(batch["feed_urls"])
    url = database_url
    conn = connect(url)
    try:
        with transaction(conn) as cur:
            cur.execute(
                """INSERT INTO run_batches (run_id, batch_no, feed_urls) VALUES (%s, %s, %s)
                   ON CONFLICT (run_id, batch_no) DO UPDATE SET feed_urls = EXCLUDED.feed_urls,
                       status = 'running', summary = '{}', error = NULL, started_at = now(), finished_at = NULL""",
                (run_id, batch_no, urls))
        if crawl is None:
            from incidents.crawling import run_crawl as crawl
        kwargs = {"timeout": timeout_s} if timeout_s else {}
        slots = download_slots(conn, urls)
        if slots:
            kwargs["settings"] = {"DOWNLOAD_SLOTS": slots}
        try:
            summary = crawl(feed_urls=urls, run_id=run_id, allow_hosts=list(allow_hosts) if allow_hosts else None,
                            database_url=url, **kwargs)
        except BaseException as exc:  # includes Airflow's timeout: record it, then let it propagate
            _finish_batch(conn, run_id, batch_no, "failed", {}, f"{type(exc).__name__}: {exc}")
            raise
        summary = json.loads(json.dumps(summary or {}, default=str))
        failed = _summary_failed(summary)
        _finish_batch(conn, run_id, batch_no, "failed" if failed else "success", summary,
                      _failure_text(summary) if failed else None)
    finally:
        conn.close()
    if failed:
        raise CrawlBatchFailed(f"batch {batch_no}: {summary.get('feeds_failed', '?')} of {len(urls)} feeds failed;"
                               f" see run_batches ({run_id}, {batch_no})")
    # the per-feed detail is in run_batches and feed_fetches; keep the task's XCom small
    return {k: v for k, v in summary.items() if k != "per_feed"}


def download_slots(conn, urls: Sequence[str]) -> dict:
    """Per-host crawl delays from the sources' registry options (Scrapy DOWNLOAD_SLOTS), for the batch's feeds:
    run_crawl(feed_urls=...) knows only URLs, so the registry's per-outlet politeness is passed along here."""
    from incidents.urls import host_of

    with transaction(conn) as cur:
        cur.execute("""SELECT f.url, (s.options ->> 'crawl_delay')::float8
                         FROM feeds f JOIN sources s USING (source_id)
                        WHERE f.url = ANY(%s) AND s.options ? 'crawl_delay'""", (list(urls),))
        rows = cur.fetchall()
    slots: dict[str, dict] = {}
    for url, delay in rows:
        host = host_of(url)
        if host and delay is not None:
            slots[host] = {"delay": max(delay, slots.get(host, {}).get("delay", 0.0))}
    return slots


def _failure_text(summary: Mapping) -> str:
    """Which feeds failed and why, for run_batches.error (the full record is in the crawler's feed_fetches)."""
    parts = [f"{f.get('feed_url')}: {f.get('error') or 'HTTP ' + str(f.get('http_status'))}"
             for f in summary.get("per_feed") or []
             if f.get("error") or (f.get("http_status") or 0) >= 400]
    if summary.get("error"):
        parts.insert(0, str(summary["error"]))
    return "; ".join(parts)[:4000] or "crawl reported failure"


def _finish_batch(conn, run_id, batch_no, status, summary, error) -> None:
    with transaction(conn) as cur:
        cur.execute("""UPDATE run_batches SET status = %s, summary = %s::jsonb, error = %s, finished_at = now()
                        WHERE run_id = %s AND batch_no = %s""",
                    (status, json.dumps(summary), error, run_id, batch_no))


# --- normalise ----------------------------------------------------------------------------------------------------
def normalize_bound(conn, run_id: str, interval_end) -> dt.datetime | None:
    """Articles fetched before this are the run's to extract: the end of its data interval, or, when the run's
    crawl finished later (every live run crawls after its interval closes, and a backfill long after), the
    moment its last batch finished. Both come from the run's own record, so a re-run uses the same bound."""
    end = _as_dt(interval_end)
    with transaction(conn) as cur:
        cur.execute("SELECT max(finished_at) FROM run_batches WHERE run_id = %s", (run_id,))
        crawled = cur.fetchone()[0]
    candidates = [t for t in (end, crawled) if t is not None]
    return max(candidates) if candidates else None


def normalize_run(*, run_id: str, interval_end, database_url: str | None = None,
                  batch_size: int = 200, extractor=None) -> dict:
    """Extract and load the pending articles of this run, one transaction per batch of articles."""
    from incidents.normalize import normalize_pending

    conn = connect(database_url)
    try:
        bound = normalize_bound(conn, run_id, interval_end)
        result = normalize_pending(conn, batch_size=batch_size, run_id=run_id, fetched_before=bound,
                                   extractor=extractor)
        totals = result.as_dict()
        runs.update_run(conn, run_id, articles_extracted=result.articles, incidents_loaded=result.incidents_touched,
                        rows_rejected=result.rejected + result.failed,
                        details={"normalize": {**totals, "fetched_before": bound}})
    finally:
        conn.close()
    return json.loads(json.dumps(totals, default=str))


# --- quality and views --------------------------------------------------------------------------------------------
def check_quality(*, run_id: str | None, database_url: str | None = None) -> dict:
    """Run the data-quality checks, record what they find, and raise DataQualityError when anything is open."""
    from incidents import quality

    conn = connect(database_url)
    try:
        report = quality.run_checks(conn, run_id=run_id)
        if run_id:
            runs.update_run(conn, run_id, details={"quality": report.as_dict()})
    finally:
        conn.close()
    report.raise_if_failed()
    return report.as_dict()


def refresh_views(*, run_id: str | None = None, database_url: str | None = None) -> dict:
    """Bring the analysts' views up to date: the dedup/views module's refresh when it offers one, otherwise
    REFRESH every materialised view (plain views are always current)."""
    conn = connect(database_url)
    try:
        result = _refresh(conn)
        if run_id:
            runs.update_run(conn, run_id, details={"views": result})
        return result
    finally:
        conn.close()


def _refresh(conn) -> dict:
    refresh = _views_refresh()
    if refresh is not None:
        result = refresh(conn)
        conn.commit()
        return {"refreshed_by": f"{refresh.__module__}.{refresh.__name__}",
                "result": json.loads(json.dumps(result, default=str))}
    refreshed = []
    with transaction(conn) as cur:
        cur.execute("""SELECT m.schemaname, m.matviewname,
                              EXISTS (SELECT 1 FROM pg_indexes i WHERE i.schemaname = m.schemaname
                                        AND i.tablename = m.matviewname AND i.indexdef LIKE 'CREATE UNIQUE%%')
                         FROM pg_matviews m WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema')
                        ORDER BY m.matviewname""")
        views = cur.fetchall()
    for schema, name, has_unique in views:
        # CONCURRENTLY keeps the view readable while it refreshes; it needs a unique index and a populated view
        with transaction(conn) as cur:
            cur.execute("SELECT ispopulated FROM pg_matviews WHERE schemaname = %s AND matviewname = %s",
                        (schema, name))
            populated = cur.fetchone()[0]
            how = "CONCURRENTLY " if has_unique and populated else ""
            cur.execute(f'REFRESH MATERIALIZED VIEW {how}"{schema}"."{name}"')
        refreshed.append(f"{schema}.{name}")
    return {"refreshed": refreshed}


def _views_refresh() -> Callable | None:
    """The analyst-views code's refresh function (incidents.views.refresh_materialized), looked up by name so
    this module works with or without it."""
    import importlib

    for module_name, attr in (("incidents.views", "refresh_materialized"), ("incidents.views", "refresh"),
                              ("incidents.views", "refresh_views")):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        func = getattr(module, attr, None)
        if callable(func):
            return func
    return None


# --- finish -------------------------------------------------------------------------------------------------------
def finish_run(*, run_id: str, database_url: str | None = None) -> dict:
    """Total the batches, decide the run's status and write it to pipeline_runs.

    success: every planned batch crawled, normalise ran and no data-quality failure is open;
    partial: normalise ran but a batch failed (or never ran), or quality checks failed or did not run;
    failed: planning or normalise did not run, or every batch failed.
    """
    conn = connect(database_url)
    try:
        record = runs.get_run(conn, run_id) or {}
        details = record.get("details") or {}
        planned = int((details.get("plan") or {}).get("batches") or 0)
        with transaction(conn) as cur:
            cur.execute("SELECT batch_no, status, summary, feed_urls FROM run_batches WHERE run_id = %s "
                        "ORDER BY batch_no", (run_id,))
            batches = cur.fetchall()
        counters = {name: 0 for name in SUMMARY_COUNTERS}
        failed_batches = []
        for batch_no, status, summary, urls in batches:
            for name, keys in SUMMARY_COUNTERS.items():
                for key in keys:
                    try:
                        counters[name] += int((summary or {}).get(key) or 0)
                    except (TypeError, ValueError):
                        pass
            if status != "success":
                failed_batches.append(batch_no)
                if not (summary or {}).get("feeds_failed"):
                    counters["feeds_failed"] += len(urls)  # it died before reporting per feed
        missing = sorted(set(range(planned)) - {b[0] for b in batches})
        quality_open = int((details.get("quality") or {}).get("open_failures") or 0)
        if "plan" not in details or "normalize" not in details \
                or (planned and len(failed_batches) + len(missing) == planned):
            status = "failed"
        elif failed_batches or missing or quality_open or "quality" not in details:
            status = "partial"
        else:
            status = "success"
        outcome = {"failed_batches": failed_batches, "missing_batches": missing, "quality_open": quality_open,
                   "quality_checked": "quality" in details}
        extra = {"outcome": outcome}
        counters["feeds_requested"] = int((details.get("plan") or {}).get("feeds") or 0)
        runs.update_run(conn, run_id, status=status, details=extra, **counters)
    finally:
        conn.close()
    log.info("run %s finished: %s %s", run_id, status, outcome)
    return {"status": status, **outcome, **counters}


# --- gazetteer ----------------------------------------------------------------------------------------------------
GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/{country}.zip"
DOWNLOAD_TIMEOUT_S = 300


def gazetteer_locations(locations: str | Sequence[str] | None, countries: str | Sequence[str] | None) -> list[str]:
    """Where the dumps come from: explicit locations (URLs or local paths), else GeoNames' per-country dumps
    for the listed ISO2 country codes."""
    explicit = split_list(locations)
    if explicit:
        return explicit
    return [GEONAMES_DUMP_URL.format(country=c.upper()) for c in split_list(countries) or []]


def fetch_dump(location: str, dest_dir) -> str:
    """A local path for a dump: local paths as they are; http(s) URLs downloaded to dest_dir (to a temporary
    name first, so a half-finished download is never loaded)."""
    import shutil
    import tempfile
    import urllib.request
    from pathlib import Path
    from urllib.parse import urlsplit

    parts = urlsplit(location)
    if parts.scheme in ("", "file"):
        path = Path(parts.path if parts.scheme == "file" else location)
        if not path.exists():
            raise FileNotFoundError(f"gazetteer dump not found: {path}")
        return str(path)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"unsupported gazetteer location: {location}")
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / (Path(parts.path).name or "dump.zip")
    fd, tmp = tempfile.mkstemp(prefix=".download.", dir=dest)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(location, timeout=DOWNLOAD_TIMEOUT_S) as resp:
            shutil.copyfileobj(resp, out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return str(target)


def refresh_gazetteer_dump(location: str, *, database_url: str | None = None) -> dict:
    """Fetch one dump and load it with incidents.geo.load_dump: each country's places are replaced in one
    transaction and its index file is swapped in by rename, so lookups never see half a country."""
    from incidents import config
    from incidents.geo import load_dump

    path = fetch_dump(location, config.data_dir() / "downloads" / "geonames")
    conn = connect(database_url)
    try:
        ensure_schema(conn)
        summary = load_dump(path, conn=conn)
    finally:
        conn.close()
    return json.loads(json.dumps({"location": location, **summary}, default=str))
