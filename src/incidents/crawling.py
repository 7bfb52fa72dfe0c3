"""Crawl runs: launch the Scrapy crawl in its own process, record what it did per feed, summarise it.

Scrapy runs in a subprocess (`python -m scrapy crawl feeds`) so that a Twisted reactor never lives inside an Airflow
worker or the CLI, and a crawl that crashes takes nothing else with it. The spider and its pipeline use the
bookkeeping here (FeedLog, record_fetches) so the database, not a log file, holds the record of every crawl.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from incidents.db import transaction

log = logging.getLogger(__name__)

COUNTS = ("requested", "fetched", "skipped_known", "stored", "updated", "duplicates", "quarantined", "errors")
CRAWL_TIMEOUT_S = 3600  # an hourly schedule: a crawl still running after an hour is stuck


@dataclass
class FeedLog:
    """What one crawl did with one feed (or news sitemap)."""

    feed_url: str
    kind: str = "feed"
    source_name: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    http_status: int | None = None
    not_modified: bool = False
    error: str | None = None
    problem: str | None = None
    bytes: int | None = None
    entries: int = 0
    requested: int = 0
    fetched: int = 0
    skipped_known: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    quarantined: int = 0
    errors: int = 0
    etag: str | None = None            # validators to store, only when the feed's entries were all handled
    last_modified: str | None = None

    def add_problem(self, text: str) -> None:
        self.problem = f"{self.problem}; {text}" if self.problem else text


@dataclass
class CrawlLog:
    run_id: str
    feeds: dict[str, FeedLog] = field(default_factory=dict)

    def feed(self, url: str, **defaults) -> FeedLog:
        if url not in self.feeds:
            self.feeds[url] = FeedLog(feed_url=url, **defaults)
        return self.feeds[url]


# --- database ----------------------------------------------------------------------------------------------------
def ensure_feeds(conn, feeds: Iterable[dict]) -> None:
    """Feed rows for feeds named only by URL (run_crawl(feed_urls=...)), so validators and records have a home."""
    rows = [(f["url"], f.get("kind") or "feed", f.get("language")) for f in feeds]
    if not rows:
        return
    with transaction(conn) as cur:
        for url, kind, language in rows:
            cur.execute("INSERT INTO feeds (url, kind, language) VALUES (%s, %s, %s) ON CONFLICT (url) DO NOTHING",
                        (url, kind, language))


def feed_states(conn, urls: Sequence[str]) -> dict[str, dict]:
    """Stored validators and metadata per feed URL (ETag, Last-Modified, language, source name)."""
    with transaction(conn) as cur:
        cur.execute(
            """SELECT f.url, f.feed_id, f.etag, f.last_modified, f.language, s.name, s.language, f.kind, s.options
                 FROM feeds f LEFT JOIN sources s USING (source_id)
                WHERE f.url = ANY(%s)""", (list(urls),))
        return {row[0]: {"feed_id": row[1], "etag": row[2], "last_modified": row[3],
                         "language": row[4] or row[6], "source_name": row[5], "kind": row[7],
                         "options": row[8] or {}} for row in cur.fetchall()}


def record_fetches(conn, run_id: str, logs: Iterable[FeedLog]) -> None:
    """One feed_fetches row per feed (re-running the same run id replaces it) and the feeds' state columns."""
    with transaction(conn) as cur:
        for fl in logs:
            cur.execute("SELECT feed_id FROM feeds WHERE url = %s", (fl.feed_url,))
            row = cur.fetchone()
            feed_id = row[0] if row else None
            values = dict(run_id=run_id, feed_id=feed_id, feed_url=fl.feed_url, kind=fl.kind,
                          started_at=fl.started_at, finished_at=fl.finished_at or _now_iso(),
                          http_status=fl.http_status, not_modified=fl.not_modified, error=fl.error,
                          problem=fl.problem, bytes=fl.bytes, entries=fl.entries,
                          **{name: getattr(fl, name) for name in COUNTS})
            cols = ", ".join(values)
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in values if c not in ("run_id", "feed_url"))
            cur.execute(f"INSERT INTO feed_fetches ({cols}) VALUES ({', '.join(['%s'] * len(values))}) "
                        f"ON CONFLICT (run_id, feed_url) DO UPDATE SET {updates}", list(values.values()))
            if feed_id is None:
                continue
            failed = fl.error is not None or fl.http_status is None or fl.http_status >= 400
            cur.execute(
                """UPDATE feeds SET last_fetched_at = now(), last_status = %s, last_error = %s,
                          error_count = CASE WHEN %s THEN error_count + 1 ELSE 0 END,
                          etag = COALESCE(%s, etag), last_modified = COALESCE(%s, last_modified),
                          last_problem = CASE WHEN %s THEN last_problem ELSE %s END,
                          last_problem_at = CASE WHEN %s THEN last_problem_at
                                                 WHEN %s IS NULL THEN NULL ELSE now() END,
                          last_entry_count = CASE WHEN %s THEN last_entry_count ELSE %s END,
                          updated_at = now()
                    WHERE feed_id = %s""",
                (fl.http_status, fl.error, failed, fl.etag, fl.last_modified,
                 fl.not_modified or failed, fl.problem, fl.not_modified or failed, fl.problem,
                 fl.not_modified or failed, fl.entries, feed_id))


# Quarantine reasons that a refetch within hours will not change: such URLs are not requested again until the
# hold expires or someone marks the quarantine row resolved (e.g. after adding an article_xpath for the site).
HELD_REASONS = ("too_large", "not_html", "extraction_empty", "refused_address", "refused_scheme",
                "refused_redirect", "robots_disallowed", "unsupported_link")


def recently_quarantined(conn, urls: Sequence[str], hours: float) -> set[str]:
    """URLs quarantined for a lasting reason within the last `hours` and not resolved since."""
    urls = [u for u in set(urls) if u]
    if not urls or hours <= 0:
        return set()
    with transaction(conn) as cur:
        cur.execute("""SELECT DISTINCT subject FROM quarantine
                        WHERE subject = ANY(%s) AND stage IN ('crawl', 'parse') AND reason = ANY(%s)
                          AND resolved_at IS NULL AND last_seen_at > now() - make_interval(secs => %s)""",
                    (urls, list(HELD_REASONS), hours * 3600))
        return {row[0] for row in cur.fetchall()}


def summarise(run_id: str, logs: Iterable[FeedLog], *, requests: int = 0, finish_reason: str | None = None) -> dict:
    logs = list(logs)
    summary = {"run_id": run_id, "feeds": len(logs), "requests": requests,
               "not_modified": sum(1 for fl in logs if fl.not_modified),
               "feeds_failed": sum(1 for fl in logs if fl.error or (fl.http_status or 0) >= 400),
               "feeds_with_problems": sum(1 for fl in logs if fl.problem),
               "finish_reason": finish_reason}
    for name in COUNTS:
        summary[name] = sum(getattr(fl, name) for fl in logs)
    summary["per_feed"] = [{k: v for k, v in asdict(fl).items() if k not in ("etag", "last_modified")}
                           for fl in logs]
    return summary


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


# --- launching a crawl -------------------------------------------------------------------------------------------
def _feeds_from_registry(path) -> list[dict]:
    from incidents.registry import load_registry

    registry = load_registry(path)
    return registry.crawl_targets()


def _download_slots(feeds: list[dict]) -> dict:
    """Per-host crawl delays from the registry's per-source options (Scrapy DOWNLOAD_SLOTS)."""
    from incidents.urls import host_of

    slots = {}
    for feed in feeds:
        delay = (feed.get("options") or {}).get("crawl_delay")
        host = host_of(feed["url"])
        if delay is not None and host:
            slots[host] = {"delay": max(float(delay), slots.get(host, {}).get("delay", 0.0))}
    return slots


def run_crawl(*, sources_file=None, feed_urls: Sequence[str] | None = None, run_id: str | None = None,
              allow_hosts: Sequence[str] | None = None, database_url: str | None = None,
              settings: dict | None = None, timeout: float = CRAWL_TIMEOUT_S) -> dict:
    """Crawl the registry's enabled feeds (or exactly `feed_urls`) into the database; return the summary.

    Only a failure of the crawl process itself makes `ok` False: a feed that fails is recorded in per_feed.
    """
    from incidents import config
    from incidents.db import connect
    from incidents.db import database_url as default_url
    from incidents.runs import new_run_id

    started = time.perf_counter()
    run_id = run_id or new_run_id("crawl")
    settings = {**_settings_from_env(), **(settings or {})}
    url = database_url or default_url()
    if feed_urls is not None:
        conn = connect(url)
        try:
            ensure_feeds(conn, [{"url": u} for u in feed_urls])
            # a URL list still gets its registry metadata: sitemap or feed, source, language, per-source options
            states = feed_states(conn, list(feed_urls))
        finally:
            conn.close()
        feeds = [{"url": u, "kind": states[u]["kind"], "language": states[u]["language"],
                  "source_name": states[u]["source_name"], "options": states[u]["options"]} for u in feed_urls]
    else:
        from incidents.registry import load_registry, sync_registry

        registry = load_registry(sources_file or config.sources_file())
        conn = connect(url)
        try:
            sync_registry(conn, registry)
        finally:
            conn.close()
        feeds = registry.crawl_targets()

    summary: dict = {"ok": True, "run_id": run_id, "feeds": 0, "requests": 0, "not_modified": 0,
                     **{name: 0 for name in COUNTS}, "per_feed": [], "seconds": 0.0, "spiders": {}}
    by_kind = {"feeds": [f for f in feeds if f.get("kind", "feed") == "feed"],
               "news_sitemaps": [f for f in feeds if f.get("kind") == "sitemap"]}
    for spider, targets in by_kind.items():
        if not targets:
            continue
        result = _run_spider(spider, targets, run_id=run_id, database_url=url, allow_hosts=allow_hosts,
                             settings=settings, timeout=timeout)
        summary["spiders"][spider] = {k: result.get(k) for k in ("ok", "returncode", "finish_reason", "log_file",
                                                                  "peak_rss_mb", "refused_requests")}
        for key in ("peak_rss_mb", "crawler_peak_rss_mb"):
            summary[key] = max(summary.get(key) or 0, result.get(key) or 0)
        summary["ok"] = summary["ok"] and result["ok"]
        for key in ("feeds", "requests", "not_modified", "feeds_failed", "feeds_with_problems", "refused_requests",
                    "spider_exceptions",
                    *COUNTS):
            summary[key] = summary.get(key, 0) + (result.get(key) or 0)
        summary["per_feed"] += result.get("per_feed", [])
        if not result["ok"]:
            summary.setdefault("error", result.get("error"))
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def _settings_from_env() -> dict:
    """Scrapy setting overrides an operator (or the benchmark) passes through the environment as a JSON object,
    e.g. INCIDENTS_CRAWL_SETTINGS='{"DOWNLOAD_DELAY": 0}', so a DAG run can be tuned without code changes."""
    raw = os.environ.get("INCIDENTS_CRAWL_SETTINGS", "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"INCIDENTS_CRAWL_SETTINGS is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise TypeError("INCIDENTS_CRAWL_SETTINGS must be a JSON object of Scrapy settings")
    return value


def _run_spider(spider: str, feeds: list[dict], *, run_id: str, database_url: str, allow_hosts, settings,
                timeout: float) -> dict:
    from incidents import config

    root = config.project_root()
    log_dir = config.data_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    safe_run = "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)[:120]
    log_file = log_dir / f"crawl-{safe_run}-{spider}.log"
    with tempfile.TemporaryDirectory(prefix="incidents-crawl-") as tmp:
        job_path = Path(tmp) / "job.json"
        summary_path = Path(tmp) / "summary.json"
        job_path.write_text(json.dumps({"run_id": run_id, "feeds": feeds, "summary_path": str(summary_path)}))
        cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"job={job_path}",
               "-s", f"LOG_FILE={log_file}"]
        slots = _download_slots(feeds)
        if slots:
            cmd += ["-s", f"DOWNLOAD_SLOTS={json.dumps(slots)}"]
        for key, value in (settings or {}).items():
            cmd += ["-s", f"{key}={json.dumps(value) if isinstance(value, (dict, list)) else value}"]
        env = dict(os.environ, DATABASE_URL=database_url, SCRAPY_SETTINGS_MODULE="scrapers.settings")
        env["PYTHONPATH"] = os.pathsep.join([str(root), *filter(None, [env.get("PYTHONPATH")])])
        if allow_hosts is not None:
            env["INCIDENTS_ALLOW_HOSTS"] = ",".join(allow_hosts)
        returncode, stderr, usage = _run_measured(cmd, cwd=root, env=env, timeout=timeout)
        if returncode is None:
            return {"ok": False, "error": f"crawl did not finish within {timeout:.0f}s", "log_file": str(log_file)}
        result = {"ok": returncode == 0, "returncode": returncode, "log_file": str(log_file),
                  "peak_rss_mb": usage.peak_rss_mb, "crawler_peak_rss_mb": usage.own_peak_rss_mb}
        if summary_path.exists():
            result.update(json.loads(summary_path.read_text()))
            result["ok"] = result["ok"] and not result.get("storage_error")
        else:
            result["ok"] = False
        if not result["ok"]:
            tail = (stderr or "")[-2000:] or _tail(log_file)
            if result.get("storage_error"):
                tail = f"storing articles failed: {result['storage_error']}"
            result["error"] = f"scrapy crawl {spider} exited {returncode}: {tail}"
            log.error("%s", result["error"])
        return result


def _run_measured(cmd, *, cwd, env, timeout):
    """Run the crawl process; (returncode or None on timeout, stderr, its ChildUsage: peak memory with and without
    its page-reading workers)."""
    from incidents.procstat import wait_measured

    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        usage = wait_measured(proc, timeout, poll_s=0.05)
        if usage.returncode is None:
            return None, "", usage
        err.seek(0)
        stderr = err.read()[-20000:].decode("utf-8", "replace")
    return usage.returncode, stderr, usage


def _tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def format_summary(summary: dict) -> str:
    """The one-screen summary a person reads at the end of a crawl."""
    head = (f"crawl {summary.get('run_id')}: {'ok' if summary.get('ok') else 'FAILED'} in "
            f"{summary.get('seconds', 0):.1f}s - {summary.get('feeds', 0)} feeds, {summary.get('requests', 0)} "
            f"requests, {summary.get('not_modified', 0)} not modified (304), "
            f"peak memory {summary.get('peak_rss_mb') or 0:.0f} MB")
    articles = (f"  articles: {summary.get('fetched', 0)} fetched, {summary.get('skipped_known', 0)} skipped as "
                f"known, {summary.get('stored', 0)} stored, {summary.get('updated', 0)} updated, "
                f"{summary.get('duplicates', 0)} duplicates, {summary.get('quarantined', 0)} quarantined, "
                f"{summary.get('errors', 0)} errors")
    columns = (f"  {'feed':<60} {'status':>6} {'entries':>7} {'req':>4} {'known':>5} {'new':>4} {'quar':>4} "
               f"{'err':>4}")
    lines = [head, articles, columns]
    for fl in summary.get("per_feed", [])[:40]:
        status = "304" if fl.get("not_modified") else str(fl.get("http_status") or "-")
        lines.append(f"  {fl['feed_url'][:60]:<60} {status:>6} {fl.get('entries', 0):>7} "
                     f"{fl.get('requested', 0):>4} {fl.get('skipped_known', 0):>5} {fl.get('stored', 0):>4} {fl.get('quarantined', 0):>4} "
                     f"{fl.get('errors', 0):>4}")
        if fl.get("error"):
            lines.append(f"      error: {fl['error'][:150]}")
        if fl.get("problem"):
            lines.append(f"      problem: {fl['problem'][:150]}")
    if len(summary.get("per_feed", [])) > 40:
        lines.append(f"  ... {len(summary['per_feed']) - 40} more feeds (see feed_fetches)")
    if summary.get("error"):
        lines.append(f"  error: {summary['error'][:500]}")
    return "\n".join(lines)
