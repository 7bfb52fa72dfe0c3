"""Incremental crawling: conditional GET, skipping stored articles, canonical URLs and content-hash duplicates."""
from __future__ import annotations

import hashlib

from tests.crawl.builders import article_html, rss, sources
from tests.crawl.conftest import per_feed
from tests.crawl.fixture_site import Route

DATE = "Mon, 10 Mar 2025 08:00:00 GMT"


def _feed_route(xml: str) -> callable:
    """A feed that answers 304 to a matching If-None-Match, like a well-behaved news site."""
    etag = '"' + hashlib.sha1(xml.encode()).hexdigest()[:12] + '"'

    def route(handler):
        if handler.headers.get("If-None-Match") == etag:
            return Route(304, b"", {"ETag": etag}, content_type=None)
        return Route(200, xml, {"ETag": etag, "Last-Modified": DATE}, content_type="application/rss+xml")
    return route


def test_changed_feed_stores_only_new_entries(crawl, fixture_site, db):
    site = fixture_site
    for key in "abc":
        site.route(f"/news/{key}.html", Route(200, article_html(key)))
    items = [{"title": f"Story {k}", "link": f"{site.url}news/{k}.html", "date": DATE} for k in "ab"]
    site.route("/feed.xml", _feed_route(rss(items)))
    registry = sources(f"{site.url}feed.xml")

    first = crawl(registry)
    assert first["stored"] == 2

    second = crawl(registry)
    assert second["not_modified"] == 1 and second["requested"] == 0 and second["stored"] == 0
    assert site.headers_for("/feed.xml")[-1].get("If-None-Match")  # the stored ETag was sent back

    items.append({"title": "Story c", "link": f"{site.url}news/c.html", "date": DATE})
    site.route("/feed.xml", _feed_route(rss(items)))
    third = crawl(registry)
    feed = per_feed(third, "feed.xml")
    assert feed["http_status"] == 200 and feed["skipped_known"] == 2 and feed["requested"] == 1
    assert third["stored"] == 1
    assert site.requested("/news/a.html") == ["/news/a.html"]  # a stored article is never fetched again
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM articles")
        assert cur.fetchone()[0] == 3
        cur.execute("SELECT count(*), count(*) FILTER (WHERE not_modified) FROM feed_fetches")
        assert cur.fetchone() == (3, 1)


def test_same_article_through_two_feeds_and_tracking_parameters_is_stored_once(crawl, fixture_site, db):
    site = fixture_site
    site.route("/news/one.html", Route(200, article_html("one")))
    # the same story republished under another URL: same text, different address -> one article, two URLs
    site.route("/wire/one-copy.html", Route(200, article_html("one")))
    site.route("/feed-a.xml", Route(200, rss([
        {"title": "One", "link": f"{site.url}news/one.html?utm_source=rss&utm_medium=feed#top", "date": DATE}]),
        content_type="application/rss+xml"))
    site.route("/feed-b.xml", Route(200, rss([
        {"title": "One again", "link": f"{site.url}news/one.html?fbclid=xyz", "date": DATE},
        {"title": "One, syndicated", "link": f"{site.url}wire/one-copy.html", "date": DATE}]),
        content_type="application/rss+xml"))
    registry = sources(f"{site.url}feed-a.xml", f"{site.url}feed-b.xml", options="{crawl_delay: 0.6}")
    summary = crawl(registry)

    # the source's crawl_delay spaces requests to its host (randomised between 0.5x and 1.5x)
    gaps = [b - a for a, b in zip(site.times, site.times[1:])]
    assert len(gaps) >= 4 and min(gaps) >= 0.25, gaps
    assert site.requested("/news/one.html") == ["/news/one.html"]  # tracking parameters stripped, fetched once
    assert summary["stored"] == 1 and summary["duplicates"] == 1 and summary["skipped_known"] == 1
    with db.cursor() as cur:
        cur.execute("SELECT article_id, url FROM articles")
        (article_id, url), = cur.fetchall()
        # whichever copy's page came back first is the article's address: the two feeds are fetched concurrently
        assert url in (f"{site.url}news/one.html", f"{site.url}wire/one-copy.html")
        cur.execute("SELECT url FROM article_urls WHERE article_id = %s ORDER BY url", (article_id,))
        urls = [r[0] for r in cur.fetchall()]
    assert f"{site.url}news/one.html" in urls and f"{site.url}wire/one-copy.html" in urls

    # next crawl: the alias is known, so the copy is not fetched again either
    again = crawl(registry)
    assert again["requested"] == 0 and len(site.requested("/wire/")) == 1


def test_rel_canonical_names_the_article(crawl, fixture_site, db):
    site = fixture_site
    site.route("/amp/story.html", Route(200, article_html("amp", canonical="/news/story.html")))
    site.route("/feed.xml", Route(200, rss([{"title": "S", "link": f"{site.url}amp/story.html", "date": DATE}]),
                                  content_type="application/rss+xml"))
    crawl(sources(f"{site.url}feed.xml"))
    with db.cursor() as cur:
        cur.execute("SELECT a.url, array_agg(u.url ORDER BY u.url) FROM articles a JOIN article_urls u "
                    "USING (article_id) GROUP BY a.url")
        (url, aliases), = cur.fetchall()
    assert url == f"{site.url}news/story.html" and f"{site.url}amp/story.html" in aliases
