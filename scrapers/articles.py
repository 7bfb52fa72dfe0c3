"""Requesting article pages, shared by every discovery spider (feeds, news sitemaps).

Given the entries a feed or sitemap listed, this decides what to request (not what is already stored, not what
another feed already led to in this crawl), hands each fetched page to the pipeline as a PageItem (the pipeline
has it read, off the event loop), and turns every failure into either a quarantine record (permanent: refused,
robots.txt, too large, HTTP 4xx) or a transient error count (timeouts, 5xx), which keeps the feed's validators
from advancing so the next crawl sees those entries again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from incidents.crawling import CrawlLog, FeedLog, feed_states, format_summary, recently_quarantined, summarise
from incidents.db import connect
from incidents.feeds import FeedEntry
from incidents.load.articles import known_urls
from incidents.page_pool import PagePool
from incidents.pages import MIN_TEXT_CHARS
from incidents.urls import canonicalize
from scrapers.items import ArticleItem, PageItem, QuarantineItem
from scrapers.safety import RefusedRequest

# Statuses the callbacks see themselves (redirect codes stay with RedirectMiddleware).
ERROR_STATUSES = [s for s in range(400, 600)]
HTML_TYPES = ("html", "text/plain", "xml")  # a missing Content-Type is given the benefit of the doubt
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524}


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def failure_reason(exc: BaseException) -> tuple[str | None, str]:
    """(quarantine reason, detail) for a permanent failure; (None, detail) for a transient one."""
    text = str(exc)
    if isinstance(exc, RefusedRequest):
        return ("refused_scheme" if "scheme" in text else "refused_address"), text
    if "max size" in text or "DOWNLOAD_MAXSIZE" in text:
        return "too_large", text
    if isinstance(exc, HttpError) and 300 <= exc.response.status < 400:
        # RedirectMiddleware hands back redirects it will not follow (non-http(s) Location)
        location = (exc.response.headers.get("Location") or b"").decode("latin-1")
        return "refused_redirect", f"HTTP {exc.response.status} to {location[:300]!r} not followed"
    if isinstance(exc, IgnoreRequest) and "robots.txt" in text:
        return "robots_disallowed", text
    if "refused:" in text:  # SafeResolver: the address seen at connect time
        return "refused_address", text
    if isinstance(exc, IgnoreRequest):
        return "ignored", text
    return None, f"{type(exc).__name__}: {text}"


class ArticleCrawl:
    """Mixin for scrapy spiders; the spider's job file names the run and its feeds."""

    run_id: str
    crawl_log: CrawlLog
    discovery_callback: str  # name of the spider method that parses a feed or sitemap response

    def __init__(self, job: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_job(job)

    async def start(self):
        states = feed_states(self.db, list(self.targets))
        callback = getattr(self, self.discovery_callback)
        for url in self.targets:
            yield self.discovery_request(url, callback, states)

    def load_job(self, job: str | None) -> None:
        if not job:
            raise ValueError("this spider needs -a job=FILE (see incidents.crawling.run_crawl)")
        data = json.loads(Path(job).read_text())
        self.run_id = data["run_id"]
        self.targets = {t["url"]: t for t in data["feeds"]}
        self.summary_path = data.get("summary_path")
        self.crawl_log = CrawlLog(self.run_id)
        for target in self.targets.values():
            self.crawl_log.feed(target["url"], kind=target.get("kind", "feed"),
                                source_name=target.get("source_name"))
        self._seen: set[str] = set()   # canonical URLs requested or stored in this crawl
        self._db = None
        self._page_pool: PagePool | None = None
        self.storage_error: str | None = None

    @property
    def page_pool(self) -> PagePool:
        """Worker processes for the CPU work on fetched bytes (feed parsing here, page reading in the pipeline),
        so this process's event loop only fetches."""
        if self._page_pool is None:
            processes = self.settings.get("INCIDENTS_EXTRACT_PROCESSES")
            self._page_pool = PagePool(None if processes in (None, "") else int(processes))
        return self._page_pool

    @property
    def db(self):
        if self._db is None:
            self._db = connect(self.settings.get("INCIDENTS_DATABASE_URL"), application_name="incidents-crawler")
        return self._db

    # --- discovery requests (feed or sitemap URLs) ----------------------------------------------------------------
    def discovery_request(self, url: str, callback, states: dict) -> Request:
        state = states.get(url) or {}
        target = self.targets[url]
        if not target.get("source_name") and state.get("source_name"):
            target["source_name"] = state["source_name"]
            self.crawl_log.feed(url).source_name = state["source_name"]
        if not target.get("language") and state.get("language"):
            target["language"] = state["language"]
        # options from the job (registry file) win over those stored with the source
        target["options"] = {**(state.get("options") or {}), **(target.get("options") or {})}
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        self.crawl_log.feed(url).started_at = now_iso()
        return Request(url, callback=callback, errback=self.discovery_failed, headers=headers, dont_filter=True,
                       meta={"feed_url": url, "handle_httpstatus_list": [304, *ERROR_STATUSES],
                             "download_maxsize": self.settings.getint("INCIDENTS_FEED_MAXSIZE")})

    def discovery_response_ok(self, response) -> FeedLog | None:
        """Record the feed response; the FeedLog when its entries should be read, None otherwise."""
        feed_log = self.crawl_log.feed(response.meta["feed_url"])
        feed_log.http_status = response.status
        if response.status == 304:
            feed_log.not_modified = True
            return None
        if response.status >= 400:
            feed_log.error = f"HTTP {response.status}"
            return None
        feed_log.bytes = len(response.body)
        if response.meta.get("redirect_urls"):  # worth updating the registry when a feed has moved
            feed_log.add_problem(f"redirected to {response.url}")
        feed_log.etag = (response.headers.get("ETag") or b"").decode("latin-1") or None
        feed_log.last_modified = (response.headers.get("Last-Modified") or b"").decode("latin-1") or None
        return feed_log

    def discovery_failed(self, failure):
        feed_log = self.crawl_log.feed(failure.request.meta["feed_url"])
        reason, detail = failure_reason(failure.value)
        feed_log.error = f"{reason}: {detail}" if reason else detail
        self.logger.warning("feed %s failed: %s", feed_log.feed_url, feed_log.error)

    # --- entries -> article requests ----------------------------------------------------------------------------------
    def entry_requests(self, feed_url: str, entries: list[FeedEntry], *, date_source: str = "feed") -> Iterator:
        feed_log = self.crawl_log.feed(feed_url)
        target = self.targets[feed_url]
        cap = int((target.get("options") or {}).get("max_articles")
                  or self.settings.getint("INCIDENTS_MAX_ARTICLES_PER_FEED"))
        undated = sum(1 for e in entries if e.published_at is None)
        if undated:
            feed_log.add_problem(f"{undated} entries without a date (page date or fetch time used)")
        candidates = []
        for entry in entries:
            if entry.link is None:
                yield from self._entry_without_link(feed_url, entry, date_source)
                continue
            canonical = canonicalize(entry.link)
            if canonical is None:
                yield self._quarantine(feed_url, entry.raw_link or entry.link, "unsupported_link", stage="parse",
                                       detail=f"entry {entry.title!r}")
                continue
            candidates.append((canonical, entry))
        links = [c for c, _ in candidates] + [e.link for _, e in candidates]
        known = known_urls(self.db, links)
        held = recently_quarantined(self.db, links, self.settings.getfloat("INCIDENTS_QUARANTINE_HOLD_HOURS", 24))
        requested = held_back = 0
        for canonical, entry in candidates:
            if canonical in known or entry.link in known or canonical in self._seen:
                feed_log.skipped_known += 1
                continue
            if canonical in held or entry.link in held:
                feed_log.skipped_known += 1
                held_back += 1
                continue
            if requested >= cap:
                feed_log.add_problem(f"more than {cap} new entries: the rest wait for the next crawl")
                break
            self._seen.add(canonical)
            requested += 1
            feed_log.requested += 1
            yield Request(canonical, callback=self.parse_article, errback=self.article_failed,
                          meta={"feed_url": feed_url, "entry": entry, "date_source": date_source,
                                "handle_httpstatus_list": ERROR_STATUSES})
        if held_back:
            feed_log.add_problem(f"{held_back} entries held back: quarantined within the hold period")

    def _entry_without_link(self, feed_url: str, entry: FeedEntry, date_source: str):
        label = entry.entry_id or entry.title or entry.summary_text[:80] or "(empty entry)"
        if entry.raw_link:
            yield self._quarantine(feed_url, entry.raw_link, "unsupported_link", stage="parse",
                                   detail=f"entry {entry.title!r}: only http(s) links are followed")
        elif len(entry.summary_text) >= MIN_TEXT_CHARS:
            # the feed carries the whole story: store it under a stable made-up URL
            digest = hashlib.sha1(f"{label}\x1f{entry.summary_text}".encode()).hexdigest()[:16]
            url = f"{feed_url}#entry-{digest}"
            if url in self._seen or known_urls(self.db, [url]):
                self.crawl_log.feed(feed_url).skipped_known += 1
                return
            self._seen.add(url)
            fetched = now_iso()
            yield ArticleItem(url=url, text=entry.summary_text, feed_url=feed_url, fetched_at=fetched,
                              title=entry.title, language=entry.language or self.targets[feed_url].get("language"),
                              published_at=entry.published_at.isoformat() if entry.published_at else fetched,
                              published_at_source=date_source if entry.published_at else "fetched",
                              source_name=self.targets[feed_url].get("source_name"))
        else:
            yield self._quarantine(feed_url, f"{feed_url} entry {label}"[:500], "entry_without_link",
                                   stage="parse", detail=f"entry {entry.title!r} has no link and too little content",
                                   payload=entry.summary_text)

    def _quarantine(self, feed_url, subject, reason, *, stage="crawl", detail=None, payload=None):
        return QuarantineItem(feed_url=feed_url, subject=subject, reason=reason, stage=stage, detail=detail,
                              payload=payload)

    # --- article pages -------------------------------------------------------------------------------------------
    def parse_article(self, response):
        """An article page -> PageItem or QuarantineItem; a bug here quarantines the page instead of hiding it."""
        try:
            yield from self._article_items(response)
        except Exception as exc:  # recorded with the reason, never lost in a log line only
            self.logger.exception("processing %s failed", response.url)
            yield self._quarantine(response.meta["feed_url"], response.request.url, "crawler_error",
                                   stage="parse", detail=f"{type(exc).__name__}: {exc}")

    def _article_items(self, response):
        feed_url = response.meta["feed_url"]
        entry: FeedEntry = response.meta["entry"]
        feed_log = self.crawl_log.feed(feed_url)
        target = self.targets[feed_url]
        subject = response.request.url
        if response.status != 200:
            if response.status in TRANSIENT_STATUSES:
                feed_log.errors += 1
                self.logger.info("transient HTTP %s for %s", response.status, subject)
            else:
                yield self._quarantine(feed_url, subject, f"http_{response.status}")
            return
        feed_log.fetched += 1
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or (ctype and not any(t in ctype for t in HTML_TYPES)):
            yield self._quarantine(feed_url, subject, "not_html", detail=f"Content-Type {ctype!r}")
            return
        html = response.text
        if html.count("\ufffd") > 20:  # the declared charset was wrong: let the parser sniff the bytes
            html = response.body
        options = target.get("options") or {}
        # reading the page (trafilatura) is the pipeline's job, in a worker process: this callback only fetched
        yield PageItem(feed_url=feed_url, subject=subject, fetch={
            "html": html, "request_url": subject, "response_url": response.url, "fetched_at": now_iso(),
            "entry_link": entry.link, "entry_title": entry.title,
            "entry_published_at": entry.published_at.isoformat() if entry.published_at else None,
            "date_source": response.meta.get("date_source", "feed"),
            "languages": [entry.language, target.get("language")], "xpath": options.get("article_xpath"),
            "source_name": target.get("source_name"), "feed_url": feed_url})

    def saw(self, url: str) -> None:
        """An article stored under this URL (a page's canonical link): no feed entry of this crawl requests it."""
        self._seen.add(url)

    def article_failed(self, failure):
        request = failure.request
        feed_url = request.meta["feed_url"]
        reason, detail = failure_reason(failure.value)
        if reason is None:
            self.crawl_log.feed(feed_url).errors += 1
            self.logger.info("transient failure for %s: %s", request.url, detail)
            return None
        return self._quarantine(feed_url, request.url, reason, detail=detail)

    # --- the end ------------------------------------------------------------------------------------------------
    def finalise_logs(self) -> None:
        """Called by the pipeline before recording: validators advance only when every entry was dealt with."""
        finished = now_iso()
        for feed_log in self.crawl_log.feeds.values():
            feed_log.finished_at = finished
            if feed_log.errors or self.storage_error:
                feed_log.etag = feed_log.last_modified = None

    def closed(self, reason):
        if self._page_pool is not None:
            self._page_pool.close()
        if self._db is not None:
            self._db.close()
        if self.summary_path:
            summary = summarise(self.run_id, self.crawl_log.feeds.values(),
                                requests=self.crawler.stats.get_value("downloader/request_count", 0),
                                finish_reason=reason)
            summary["storage_error"] = self.storage_error
            summary["refused_requests"] = self.crawler.stats.get_value("incidents/refused_requests", 0)
            summary["spider_exceptions"] = self.crawler.stats.get_value("spider_exceptions/count", 0)
            Path(self.summary_path).write_text(json.dumps(summary, default=str))
            self.logger.info("crawl summary\n%s", format_summary({**summary, "ok": not self.storage_error}))
