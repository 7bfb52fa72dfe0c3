"""Hand the spiders' items to the incidents library: articles in batches, quarantined items as they come.

The pipeline holds one database connection for the whole crawl; at the end it records, per feed, what the crawl
did (incidents.crawling.record_fetches). It does no parsing and no SQL of its own.
"""
from __future__ import annotations

import logging
from collections import defaultdict

from incidents.crawling import note_date_sources, record_fetches
from incidents.db import connect, transaction
from incidents.load.articles import store_articles
from incidents.load.quarantine import quarantine
from scrapers.items import ArticleItem, QuarantineItem

logger = logging.getLogger(__name__)


class StoreArticlesPipeline:
    def __init__(self, database_url: str | None = None, batch_size: int = 50):
        self.database_url = database_url
        self.batch_size = batch_size
        self.batch: list[ArticleItem] = []
        self.conn = None
        self.crawler = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler.settings.get("INCIDENTS_DATABASE_URL"), crawler.settings.getint("INCIDENTS_STORE_BATCH", 50))
        pipeline.crawler = crawler
        return pipeline

    # the spider owns the crawl log (per-feed counters) and the run id
    @property
    def _spider(self):
        return self.crawler.spider if self.crawler else None

    def open_spider(self):
        self.conn = connect(self.database_url, application_name="incidents-crawler")

    def process_item(self, item):
        if isinstance(item, ArticleItem):
            self.batch.append(item)
            if len(self.batch) >= self.batch_size:
                self.flush()
        elif isinstance(item, QuarantineItem):
            self._quarantine(item)
        return item

    def _quarantine(self, item: QuarantineItem) -> None:
        with transaction(self.conn) as cur:
            quarantine(cur, stage=item.stage, subject=item.subject, reason=item.reason, detail=item.detail,
                       payload=item.payload, run_id=self._spider.run_id)
        self._spider.crawl_log.feed(item.feed_url).quarantined += 1

    def flush(self) -> None:
        """Store the batch: one store_articles call (one transaction) per feed, so counts land on the right feed."""
        by_feed: dict[str, list[ArticleItem]] = defaultdict(list)
        for item in self.batch:
            by_feed[item.feed_url].append(item)
        self.batch = []
        try:
            self._store(by_feed)
        except Exception as exc:  # recorded so the feeds' validators do not advance past unstored entries
            self._spider.storage_error = f"{type(exc).__name__}: {exc}"
            raise

    def _store(self, by_feed: dict[str, list[ArticleItem]]) -> None:
        for feed_url, items in by_feed.items():
            result = store_articles(self.conn, [it.as_article() for it in items])
            feed_log = self._spider.crawl_log.feed(feed_url)
            feed_log.stored += result.stored
            feed_log.updated += result.updated
            feed_log.duplicates += result.duplicates
            feed_log.quarantined += getattr(result, "rejected", 0)  # empty after cleaning: quarantined by the loader
            note_date_sources(self.conn, {result.article_ids[it.url]: it.published_at_source
                                          for it in items if it.url in result.article_ids})

    def close_spider(self):
        try:
            if self.batch:
                self.flush()
            spider = self._spider
            spider.finalise_logs()
            record_fetches(self.conn, spider.run_id, spider.crawl_log.feeds.values())
        finally:
            self.conn.close()
