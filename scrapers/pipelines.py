"""Hand the spiders' items to the incidents library: pages to be read, articles in batches, quarantine records.

A fetched page (PageItem) is read by incidents.pages.read_page in a worker process (the spider's
incidents.page_pool), so the crawler's event loop keeps fetching while trafilatura works on another core. Articles are buffered and written
in batches (incidents.load.articles.store_batch: one transaction, a handful of statements), flushed when the
batch is full, when it is older than INCIDENTS_STORE_FLUSH_SECONDS, and at the end of the crawl, before the
per-feed record (incidents.crawling.record_fetches) is written. Every database write goes through one writer
thread, in order, so the event loop never waits on the server (psycopg2 lets go of the GIL while it waits).
The pipeline does no parsing and no SQL of its own.
"""
from __future__ import annotations

import asyncio
import concurrent.futures as cf
import logging
import time
from concurrent.futures.process import BrokenProcessPool

from scrapy.utils.asyncio import create_looping_call

from incidents.crawling import record_fetches
from incidents.db import connect, transaction
from incidents.load.articles import store_batch
from incidents.load.quarantine import quarantine
from incidents.pages import read_page
from scrapers.items import ArticleItem, PageItem, QuarantineItem

logger = logging.getLogger(__name__)

# StoreResult outcome -> FeedLog counter
_FEED_COUNTERS = {"stored": "stored", "updated": "updated", "duplicate": "duplicates", "rejected": "quarantined"}


class StoreArticlesPipeline:
    def __init__(self, database_url: str | None = None, batch_size: int = 50, flush_seconds: float = 5.0):
        self.database_url = database_url
        self.batch_size = max(1, batch_size)
        self.flush_seconds = flush_seconds
        self.batch: list[tuple[str, dict]] = []   # (feed URL, article dict for store_batch)
        self.batch_started: float | None = None
        self.conn = None
        self.crawler = None
        self._timer = None
        self._writer: cf.ThreadPoolExecutor | None = None
        self._writes: list[_Write] = []   # batches handed to the writer whose outcomes are not counted yet

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(settings.get("INCIDENTS_DATABASE_URL"), settings.getint("INCIDENTS_STORE_BATCH", 50),
                       settings.getfloat("INCIDENTS_STORE_FLUSH_SECONDS", 5.0))
        pipeline.crawler = crawler
        return pipeline

    # the spider owns the crawl log (per-feed counters) and the run id
    @property
    def _spider(self):
        return self.crawler.spider if self.crawler else None

    def open_spider(self):
        self.conn = connect(self.database_url, application_name="incidents-crawler")
        self._writer = cf.ThreadPoolExecutor(1, thread_name_prefix="incidents-store")
        if self.flush_seconds > 0 and self.crawler is not None and self.crawler.crawling:
            # a batch that stops growing (the last slow pages of a crawl) is written anyway after a while
            self._timer = create_looping_call(self._flush_if_stale)
            self._timer.start(self.flush_seconds, now=False)

    async def process_item(self, item):
        if isinstance(item, PageItem):
            kind, value = await self._read(item)
            if kind == "article":
                self._spider.saw(value["url"])
                await self._add(item.feed_url, value)
            else:
                self._quarantine(QuarantineItem(feed_url=item.feed_url, subject=item.subject, reason=kind,
                                                stage="parse", detail=value, payload=item.fetch["html"][:4000]))
        elif isinstance(item, ArticleItem):
            await self._add(item.feed_url, item.as_article())
        elif isinstance(item, QuarantineItem):
            self._quarantine(item)
        return item

    async def _read(self, item: PageItem) -> tuple[str, object]:
        try:
            return await self._spider.page_pool.run(read_page, item.fetch)
        except BrokenProcessPool as exc:  # twice: the page, not bad luck (a parser crash, a memory blow-up)
            return "crawler_error", f"the page reader process died on this page twice: {exc!r}"

    async def _add(self, feed_url: str, article: dict) -> None:
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append((feed_url, article))
        if len(self.batch) >= self.batch_size or self._stale():
            write = self.flush()
            # this item waits for its batch to be written (and a failure surfaces on it); the loop does not
            if write is not None and not write.future.done():
                await asyncio.wrap_future(write.future)
            self._settle()

    def _stale(self) -> bool:
        return (self.flush_seconds > 0 and self.batch_started is not None
                and time.monotonic() - self.batch_started >= self.flush_seconds)

    def _flush_if_stale(self) -> None:
        if self.batch and self._stale():
            self.flush()
        # outcomes are counted here, on the crawler's thread, never from the writer thread
        self._settle_quietly()

    def _settle_quietly(self) -> None:
        try:
            self._settle()
        except Exception:  # recorded as storage_error; the timer must keep running
            logger.exception("storing a batch of articles failed")

    def _quarantine(self, item: QuarantineItem) -> None:
        def write():
            with transaction(self.conn) as cur:
                quarantine(cur, stage=item.stage, subject=item.subject, reason=item.reason, detail=item.detail,
                           payload=item.payload, run_id=run_id)

        run_id = self._spider.run_id
        self._spider.crawl_log.feed(item.feed_url).quarantined += 1
        self._writer.submit(write).add_done_callback(_log_failed_quarantine)

    def flush(self) -> _Write | None:
        """Hand the batch to the writer thread (one store_batch transaction); _settle counts its outcomes."""
        batch, self.batch, self.batch_started = self.batch, [], None
        if not batch:
            return None
        run_id = self._spider.run_id
        write = _Write(batch, self._writer.submit(store_batch, self.conn, [a for _, a in batch], run_id=run_id))
        self._writes.append(write)
        return write

    def _settle(self, *, wait: bool = False) -> None:
        """Count the outcomes of the writes that have finished (all of them, waiting, when `wait`), each on its
        own feed; a failed write is the crawl's storage error (feeds' validators do not advance past it)."""
        pending = []
        failure = None
        for write in self._writes:
            if not (wait or write.future.done()):
                pending.append(write)
                continue
            try:
                result = write.future.result()
            except Exception as exc:  # noqa: BLE001 - any failure to store is the crawl's storage error
                self._spider.storage_error = self._spider.storage_error or f"{type(exc).__name__}: {exc}"
                failure = failure or exc
                continue
            for (feed_url, _), outcome in zip(write.batch, result.outcomes, strict=True):
                counter = _FEED_COUNTERS.get(outcome)
                if counter:
                    feed_log = self._spider.crawl_log.feed(feed_url)
                    setattr(feed_log, counter, getattr(feed_log, counter) + 1)
        self._writes = pending
        if failure is not None:
            raise failure

    def close_spider(self):
        try:
            if self._timer is not None and self._timer.running:
                self._timer.stop()
            self.flush()
            self._writer.shutdown(wait=True)   # every batch and quarantine record written (or failed)
            self._settle(wait=True)
            spider = self._spider
            spider.finalise_logs()
            record_fetches(self.conn, spider.run_id, spider.crawl_log.feeds.values())
        finally:
            self._writer.shutdown(wait=True)
            self.conn.close()


class _Write:
    def __init__(self, batch: list[tuple[str, dict]], future: cf.Future):
        self.batch = batch
        self.future = future


def _log_failed_quarantine(future: cf.Future) -> None:
    if future.exception() is not None:
        logger.error("writing a quarantine record failed: %r", future.exception())
