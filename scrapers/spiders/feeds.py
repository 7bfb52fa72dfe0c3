"""The `feeds` spider: read each configured RSS/Atom feed (conditional GET), follow its new entries' links."""
from __future__ import annotations

import functools

import scrapy

from incidents.feeds import parse_feed
from scrapers.articles import ArticleCrawl


class FeedsSpider(ArticleCrawl, scrapy.Spider):
    name = "feeds"
    discovery_callback = "parse_feed"

    async def parse_feed(self, response):
        feed_log = self.discovery_response_ok(response)
        if feed_log is None:
            return
        try:
            content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
            # feedparser takes ~1 ms per entry: in a worker process, not on this event loop
            parsed = await self.page_pool.run(
                functools.partial(parse_feed, base_url=response.url, content_type=content_type), response.body)
            for output in self._feed_entries(parsed, feed_log):
                yield output
        except Exception as exc:  # a bug or a database error: on the feed record, not just in a log
            self.logger.exception("processing feed %s failed", feed_log.feed_url)
            feed_log.error = f"feed processing failed: {type(exc).__name__}: {exc}"
            feed_log.etag = feed_log.last_modified = None

    def _feed_entries(self, parsed, feed_log):
        for problem in parsed.problems:
            feed_log.add_problem(problem)
        feed_log.entries = len(parsed.entries)
        target = self.targets[feed_log.feed_url]
        for entry in parsed.entries:
            entry.language = entry.language or target.get("language")
        yield from self.entry_requests(feed_log.feed_url, parsed.entries)
