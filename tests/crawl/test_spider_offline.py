"""The spiders' callbacks on responses built from fixture bytes: no network, a real database for known URLs."""
from __future__ import annotations

import json

from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from incidents.load.articles import store_articles
from scrapers.items import ArticleItem, QuarantineItem
from scrapers.spiders.feeds import FeedsSpider
from tests.crawl.builders import article_html, rss

FEED = "https://outlet.example/feed.xml"


def _spider(tmp_path):
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"run_id": "offline", "feeds": [{"url": FEED, "kind": "feed", "language": "en",
                                                                "source_name": "Outlet"}]}))
    crawler = get_crawler(FeedsSpider, {"INCIDENTS_MAX_ARTICLES_PER_FEED": 200})
    return FeedsSpider.from_crawler(crawler, job=str(job))


def test_parse_feed_requests_only_new_links(db, tmp_path):
    store_articles(db, [{"url": "https://outlet.example/news/old.html", "text": "an old story, stored earlier"}])
    spider = _spider(tmp_path)
    body = rss([{"title": "Old", "link": "/news/old.html?utm_source=rss", "date": "Mon, 10 Mar 2025 08:00:00 GMT"},
                {"title": "New", "link": "/news/new.html", "date": "Mon, 10 Mar 2025 09:00:00 GMT"},
                {"title": "New again", "link": "https://outlet.example/news/new.html#comments"},
                {"title": "Linkless", "link": None, "description": "short"}]).encode()
    response = XmlResponse(FEED, body=body, headers={"Content-Type": "application/rss+xml", "ETag": '"e1"'},
                           request=Request(FEED, meta={"feed_url": FEED}))
    out = list(spider.parse_feed(response))

    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in requests] == ["https://outlet.example/news/new.html"]
    assert [o.reason for o in out if isinstance(o, QuarantineItem)] == ["entry_without_link"]
    log = spider.crawl_log.feed(FEED)
    assert (log.entries, log.requested, log.skipped_known, log.etag) == (4, 1, 2, '"e1"')
    assert "without a date" in log.problem

    # the article callback on the page that request would fetch
    page = HtmlResponse("https://outlet.example/news/new.html", body=article_html("new").encode(),
                        headers={"Content-Type": "text/html; charset=utf-8"}, request=requests[0])
    item, = spider.parse_article(page)
    assert isinstance(item, ArticleItem) and item.title == "Report new" and item.language == "en"
    assert item.published_at.startswith("2025-03-10T09:00") and item.published_at_source == "feed"
    assert item.source_name == "Outlet" and item.feed_url == FEED


def test_not_modified_feed_reads_nothing(db, tmp_path):
    spider = _spider(tmp_path)
    response = XmlResponse(FEED, status=304, body=b"", request=Request(FEED, meta={"feed_url": FEED}))
    assert list(spider.parse_feed(response)) == []
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
    assert "Des hommes armés ont attaqué le marché de Ménaka" in item.text and "\ufffd" not in item.text
    assert item.language == "fr" and item.published_at_source == "fetched"


def _entry(url):
    from incidents.feeds import FeedEntry

    return FeedEntry(link=url, raw_link=url, title=None, published_at=None, summary_text="", language=None,
                     entry_id=None)
