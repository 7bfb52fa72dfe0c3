"""The spiders' callbacks on responses built from fixture bytes: no network, a real database for known URLs."""
from __future__ import annotations

import asyncio
import json

from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from incidents.load.articles import store_articles
from incidents.pages import article_from_page
from scrapers.items import PageItem, QuarantineItem
from scrapers.spiders.feeds import FeedsSpider
from tests.crawl.builders import article_html, rss

FEED = "https://outlet.example/feed.xml"


def _spider(tmp_path):
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"run_id": "offline", "feeds": [{"url": FEED, "kind": "feed", "language": "en",
                                                                "source_name": "Outlet"}]}))
    # pages and feeds read in this thread (no worker processes)
    crawler = get_crawler(FeedsSpider, {"INCIDENTS_MAX_ARTICLES_PER_FEED": 200, "INCIDENTS_EXTRACT_PROCESSES": 0})
    return FeedsSpider.from_crawler(crawler, job=str(job))


def _outputs(callback_result) -> list:
    """Everything an async-generator callback yields."""
    async def collect():
        return [o async for o in callback_result]
    return asyncio.run(collect())


def test_parse_feed_requests_only_new_links(db, tmp_path):
    store_articles(db, [{"url": "https://outlet.example/news/old.html", "text": "an old story, stored earlier"}])
    spider = _spider(tmp_path)
    body = rss([{"title": "Old", "link": "/news/old.html?utm_source=rss", "date": "Mon, 10 Mar 2025 08:00:00 GMT"},
                {"title": "New", "link": "/news/new.html", "date": "Mon, 10 Mar 2025 09:00:00 GMT"},
                {"title": "New again", "link": "https://outlet.example/news/new.html#comments"},
                {"title": "Linkless", "link": None, "description": "short"}]).encode()
    response = XmlResponse(FEED, body=body, headers={"Content-Type": "application/rss+xml", "ETag": '"e1"'},
                           request=Request(FEED, meta={"feed_url": FEED}))
    out = _outputs(spider.parse_feed(response))

    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in requests] == ["https://outlet.example/news/new.html"]
    assert [o.reason for o in out if isinstance(o, QuarantineItem)] == ["entry_without_link"]
    log = spider.crawl_log.feed(FEED)
    assert (log.entries, log.requested, log.skipped_known, log.etag) == (4, 1, 2, '"e1"')
    assert "without a date" in log.problem

    # the article callback on the page that request would fetch hands the page on; the library reads it
    page = HtmlResponse("https://outlet.example/news/new.html", body=article_html("new").encode(),
                        headers={"Content-Type": "text/html; charset=utf-8"}, request=requests[0])
    item, = spider.parse_article(page)
    assert isinstance(item, PageItem) and item.feed_url == FEED
    article = article_from_page(item.fetch)
    assert article["title"] == "Report new" and article["language"] == "en"
    assert article["published_at"].startswith("2025-03-10T09:00") and article["published_at_source"] == "feed"
    assert article["source_name"] == "Outlet" and article["feed_url"] == FEED


def test_not_modified_feed_reads_nothing(db, tmp_path):
    spider = _spider(tmp_path)
    response = XmlResponse(FEED, status=304, body=b"", request=Request(FEED, meta={"feed_url": FEED}))
    assert _outputs(spider.parse_feed(response)) == []
    assert spider.crawl_log.feed(FEED).not_modified


def test_page_with_a_wrong_charset_header_is_decoded_from_its_bytes(db, tmp_path):
    spider = _spider(tmp_path)
    sentence = "Des hommes armés ont attaqué le marché de Ménaka, à l'aube, selon des élus de la région. "
    html = (f'<html lang="fr"><head><meta charset="iso-8859-1"><title>Ménaka</title></head><body><article>'
            f"<h1>Ménaka</h1><p>{sentence * 6}</p></article></body></html>").encode("latin-1")
    url = "https://outlet.example/news/menaka.html"
    request = Request(url, meta={"feed_url": FEED, "entry": _entry(url)})
    response = HtmlResponse(url, body=html, headers={"Content-Type": "text/html; charset=utf-8"}, request=request)
    item, = spider.parse_article(response)
    article = article_from_page(item.fetch)
    assert "Des hommes armés ont attaqué le marché de Ménaka" in article["text"] and "\ufffd" not in article["text"]
    assert article["language"] == "fr" and article["published_at_source"] == "fetched"


def _entry(url):
    from incidents.feeds import FeedEntry

    return FeedEntry(link=url, raw_link=url, title=None, published_at=None, summary_text="", language=None,
                     entry_id=None)
