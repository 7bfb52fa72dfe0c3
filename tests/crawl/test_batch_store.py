"""Batched storing: multi-row store_articles keeps the one-by-one meaning (dedup by content hash, every URL kept,
where the publication time came from); the pipeline's batches reach the database at close and when they grow
old; one article the database refuses is quarantined and the rest of its batch stored."""
from __future__ import annotations

import asyncio
import json
import time

from scrapy.utils.test import get_crawler

from incidents.load.articles import store_articles, store_batch
from scrapers.items import ArticleItem, PageItem
from scrapers.pipelines import StoreArticlesPipeline
from scrapers.spiders.feeds import FeedsSpider
from tests.crawl.builders import article_html

FEED_A = "https://outlet-a.example/feed.xml"
FEED_B = "https://outlet-b.example/feed.xml"


def _rows(db, sql, params=None):
    with db.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _art(n, **kw):
    return {"url": f"https://outlet-a.example/news/{n}", "title": f"Story {n}", "feed_url": FEED_A,
            "text": f"Story {n}: armed men attacked the market of village {n} at dawn, residents said.", **kw}


def test_multi_row_store_dedups_within_the_batch_and_keeps_every_url(db):
    batch = [_art(1, published_at_source="feed", aliases=["https://outlet-a.example/news/1?utm_source=rss"]),
             _art(2, published_at_source="page"),
             # the same story as 1 under another outlet's URL: one article, both URLs remembered
             dict(_art(1, published_at_source="feed"), url="https://outlet-b.example/copy-of-1", feed_url=FEED_B),
             # the same URL as 2 again, with a corrected text: stored, then updated, in one call
             _art(2, text="Story 2: armed men attacked the market of village 2 at dawn; a toll of 4 was given.")]
    result = store_articles(db, batch)
    assert result.outcomes == ["stored", "stored", "duplicate", "updated"]
    assert (result.stored, result.duplicates, result.updated) == (2, 1, 1)
    assert result.article_ids["https://outlet-b.example/copy-of-1"] == result.article_ids[batch[0]["url"]]
    urls = dict(_rows(db, "SELECT url, article_id FROM article_urls"))
    assert set(urls) == {batch[0]["url"], batch[0]["aliases"][0], batch[1]["url"],
                         "https://outlet-b.example/copy-of-1"}
    assert _rows(db, "SELECT url, published_at_source, text LIKE '%toll of 4%' FROM articles ORDER BY url") == [
        (batch[0]["url"], "feed", False), (batch[1]["url"], "page", True)]

    # again: nothing new; a duplicate's date source fills an article stored without one, never overwrites
    store_articles(db, [_art(3)])
    again = store_articles(db, [*batch[:2], dict(_art(3), url="https://outlet-b.example/3", published_at_source="page"),
                                dict(_art(1), url="https://outlet-b.example/1b", published_at_source="page")])
    assert again.outcomes == ["unchanged", "updated", "duplicate", "duplicate"]
    assert _rows(db, "SELECT url, published_at_source FROM articles WHERE url LIKE %s ORDER BY url",
                 ("%/news/%",)) == [(batch[0]["url"], "feed"), (batch[1]["url"], "page"), (_art(3)["url"], "page")]


def test_store_batch_quarantines_the_refused_article_and_stores_the_rest(db):
    batch = [_art(1), _art(2, published_at="the day before yesterday"), _art(3), _art(4)]
    result = store_batch(db, batch, run_id="run-x")
    assert result.outcomes == ["stored", "rejected", "stored", "stored"]
    assert (result.stored, result.rejected) == (3, 1)
    assert [r[0] for r in _rows(db, "SELECT url FROM articles ORDER BY url")] == [
        _art(1)["url"], _art(3)["url"], _art(4)["url"]]
    (stage, subject, reason, detail, run_id), = _rows(
        db, "SELECT stage, subject, reason, detail, run_id FROM quarantine")
    assert (stage, subject, reason, run_id) == ("load", _art(2)["url"], "store_refused", "run-x")
    assert "DatetimeFormat" in detail or "timestamp" in detail


def _pipeline(db_url, tmp_path, **settings):
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"run_id": "batch-test", "feeds": [{"url": FEED_A, "kind": "feed"},
                                                                  {"url": FEED_B, "kind": "feed"}]}))
    crawler = get_crawler(FeedsSpider, {"INCIDENTS_EXTRACT_PROCESSES": 0, "INCIDENTS_DATABASE_URL": db_url,
                                        **settings})
    spider = FeedsSpider.from_crawler(crawler, job=str(job))
    crawler.spider = spider
    pipeline = StoreArticlesPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return spider, pipeline


def _item(n, feed_url=FEED_A, **kw):
    art = _art(n)
    return ArticleItem(url=art["url"], text=art["text"], feed_url=feed_url, fetched_at="2025-03-10T10:00:00+00:00",
                       title=art["title"], published_at="2025-03-10T09:00:00+00:00", published_at_source="feed", **kw)


async def _process(pipeline, items):
    for item in items:
        await pipeline.process_item(item)


def test_every_item_of_an_unfinished_batch_is_stored_at_close(db, db_url, tmp_path):
    spider, pipeline = _pipeline(db_url, tmp_path, INCIDENTS_STORE_BATCH=50)
    page = PageItem(feed_url=FEED_B, subject="https://outlet-b.example/news/p", fetch={
        "html": article_html("p", published="2025-03-10T08:00:00+00:00"), "request_url": "https://outlet-b.example/news/p",
        "response_url": "https://outlet-b.example/news/p", "fetched_at": "2025-03-10T10:00:00+00:00",
        "entry_link": "https://outlet-b.example/news/p", "entry_title": "P", "entry_published_at": None,
        "date_source": "feed", "languages": ["en"], "feed_url": FEED_B, "source_name": "B"})
    asyncio.run(_process(pipeline, [_item(1), _item(2), page, _item(3, feed_url=FEED_B)]))
    assert _rows(db, "SELECT count(*) FROM articles") == [(0,)]   # still buffered: fewer than a batch
    pipeline.close_spider()
    assert _rows(db, "SELECT count(*) FROM articles") == [(4,)]
    assert (spider.crawl_log.feed(FEED_A).stored, spider.crawl_log.feed(FEED_B).stored) == (2, 2)
    # the page was read (in this thread here, in a worker process in a crawl) and its date source recorded
    assert _rows(db, "SELECT title, published_at_source FROM articles WHERE url LIKE %s",
                 ("%/news/p",)) == [("Report p", "page")]
    assert dict(_rows(db, "SELECT feed_url, stored FROM feed_fetches")) == {FEED_A: 2, FEED_B: 2}
    assert spider.storage_error is None


def test_a_refused_article_costs_only_itself_in_a_crawl_batch(db, db_url, tmp_path):
    spider, pipeline = _pipeline(db_url, tmp_path, INCIDENTS_STORE_BATCH=3)
    bad = _item(2)
    bad.published_at = "not a time"
    asyncio.run(_process(pipeline, [_item(1), bad, _item(3), _item(4)]))   # one full batch, one left over
    pipeline.close_spider()
    assert [r[0] for r in _rows(db, "SELECT url FROM articles ORDER BY url")] == [
        _art(1)["url"], _art(3)["url"], _art(4)["url"]]
    assert _rows(db, "SELECT subject, reason FROM quarantine") == [(_art(2)["url"], "store_refused")]
    log = spider.crawl_log.feed(FEED_A)
    assert (log.stored, log.quarantined) == (3, 1) and spider.storage_error is None


def test_an_old_batch_is_written_before_it_fills(db, db_url, tmp_path):
    spider, pipeline = _pipeline(db_url, tmp_path, INCIDENTS_STORE_BATCH=50, INCIDENTS_STORE_FLUSH_SECONDS=0.2)
    asyncio.run(_process(pipeline, [_item(1), _item(2)]))
    pipeline._flush_if_stale()          # what the crawl's timer calls: too young yet
    assert pipeline.batch and _rows(db, "SELECT count(*) FROM articles") == [(0,)]
    time.sleep(0.25)
    pipeline._flush_if_stale()
    pipeline._writer.submit(lambda: None).result()   # the writer thread has done what it was given
    assert not pipeline.batch and _rows(db, "SELECT count(*) FROM articles") == [(2,)]
    pipeline.close_spider()
    assert spider.crawl_log.feed(FEED_A).stored == 2
