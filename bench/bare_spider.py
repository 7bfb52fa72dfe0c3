"""The ceiling: a bare Scrapy spider that fetches the same feeds and article pages and does nothing else.

It finds article links in each feed with one regular expression (no feed parsing), requests them, and drops the
bodies. Concurrency and politeness settings are copied from the project's Scrapy settings when they exist, so
the ratio crawl/ceiling measures what the project's spider does per page, not a different concurrency.

    python -m bench.bare_spider FEEDS_FILE OUT_JSON [SETTINGS_JSON]
"""
from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

LINK = re.compile(rb"<link>([^<]+)</link>")

# Settings that decide how fast a crawl may go; the bare spider takes them from the project's spider.
SPEED_SETTINGS = ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_REQUESTS_PER_IP",
                  "DOWNLOAD_DELAY", "RANDOMIZE_DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED",
                  "AUTOTHROTTLE_TARGET_CONCURRENCY", "AUTOTHROTTLE_START_DELAY", "REACTOR_THREADPOOL_MAXSIZE",
                  "DOWNLOAD_TIMEOUT", "ROBOTSTXT_OBEY")

BASE_SETTINGS = {
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "RETRY_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_DELAY": 0,
    "USER_AGENT": "incidents-bench (bare ceiling)",
}


def project_speed_settings() -> dict:
    """The project's crawl-speed settings (scrapers/settings.py), or {} before the crawler exists."""
    try:
        from scrapy.settings import Settings

        import scrapers.settings as mod  # type: ignore[import-not-found]
    except ImportError:
        return {}
    project = Settings()
    project.setmodule(mod, priority="project")
    return {name: project[name] for name in SPEED_SETTINGS if name in project and project[name] is not None}


class BareSpider(scrapy.Spider):
    name = "bench_bare"

    def __init__(self, feed_urls: list[str], **kw):
        super().__init__(**kw)
        self.feed_urls = feed_urls
        self.counts = {"feeds": 0, "articles": 0, "bytes": 0, "non_200": 0}
        self.started = self.finished = None

    async def start(self):
        self.started = time.perf_counter()
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, dont_filter=True)

    def parse_feed(self, response):
        self.counts["feeds"] += 1
        self.counts["bytes"] += len(response.body)
        for link in LINK.findall(response.body):
            url = link.decode("utf-8").strip()
            if "/news/" in url:
                yield scrapy.Request(url, callback=self.parse_article)

    def parse_article(self, response):
        self.counts["articles"] += 1
        self.counts["bytes"] += len(response.body)
        if response.status != 200:
            self.counts["non_200"] += 1

    def closed(self, reason):
        self.finished = time.perf_counter()


def crawl(feed_urls: list[str], settings: dict) -> dict:
    process = CrawlerProcess({**BASE_SETTINGS, **settings}, install_root_handler=False)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, feed_urls=feed_urls)
    t0 = time.perf_counter()
    process.start()
    wall = time.perf_counter() - t0
    spider = crawler.spider
    elapsed = (spider.finished or time.perf_counter()) - (spider.started or t0)
    pages = spider.counts["feeds"] + spider.counts["articles"]
    return {**spider.counts, "pages": pages, "seconds": round(elapsed, 3), "process_seconds": round(wall, 3),
            "pages_per_s": round(pages / elapsed, 1) if elapsed else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "settings": {k: v for k, v in {**BASE_SETTINGS, **settings}.items() if k in SPEED_SETTINGS}}


def main(argv: list[str]) -> int:
    feeds = [u for u in Path(argv[0]).read_text().split() if u]
    settings = json.loads(Path(argv[2]).read_text()) if len(argv) > 2 else {}
    result = crawl(feeds, settings)
    Path(argv[1]).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
