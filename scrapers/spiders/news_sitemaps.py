"""The `news_sitemaps` spider: discover articles through Google News sitemaps, with Scrapy's SitemapSpider.

SitemapSpider does the sitemap work (sitemap indexes, gzipped sitemaps, robots.txt Sitemap: lines, size limits);
this spider adds what the feeds spider has: conditional GET on the registered sitemap, the news:* metadata
(publication time, title, language) for each URL, skipping stored articles, and the per-feed record.
"""
from __future__ import annotations

from scrapy.spiders import SitemapSpider

from incidents.feeds import FeedEntry, news_sitemap_entries
from scrapers.articles import ERROR_STATUSES, ArticleCrawl


class NewsSitemapSpider(ArticleCrawl, SitemapSpider):
    name = "news_sitemaps"
    discovery_callback = "_parse_sitemap"
    sitemap_rules = (("", "parse_article"),)  # every URL a news sitemap lists is an article

    def _parse_sitemap(self, response):
        feed_url = response.meta["feed_url"]
        if response.meta.get("sub_sitemap"):
            feed_log = self.crawl_log.feed(feed_url)
            if response.status != 200:
                feed_log.errors += 1
                feed_log.add_problem(f"{response.url}: HTTP {response.status}")
                return
        else:
            feed_log = self.discovery_response_ok(response)
            if feed_log is None:
                return
        body = response.body if response.url.endswith("/robots.txt") else self._get_sitemap_body(response)
        if not body:
            feed_log.add_problem(f"{response.url}: not a sitemap")
            return
        news = {} if response.url.endswith("/robots.txt") else news_sitemap_entries(body, base_url=response.url)
        article_urls = []
        for request in super()._parse_sitemap(response):
            if request.callback == self._parse_sitemap:  # a child of a sitemap index (or robots.txt)
                yield request.replace(errback=self.article_failed, meta={
                    "feed_url": feed_url, "sub_sitemap": True, "handle_httpstatus_list": ERROR_STATUSES,
                    "download_maxsize": self.settings.getint("INCIDENTS_FEED_MAXSIZE")})
            else:
                article_urls.append(request.url)
        entries = [news.get(url) or FeedEntry(link=url, raw_link=url, title=None, published_at=None,
                                              summary_text="", language=None, entry_id=url)
                   for url in article_urls]
        for entry in entries:
            entry.language = entry.language or self.targets[feed_url].get("language")
        feed_log.entries += len(entries)
        yield from self.entry_requests(feed_url, entries, date_source="sitemap")
