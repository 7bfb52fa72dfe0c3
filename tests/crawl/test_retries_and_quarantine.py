"""Retry-After on 429 is honoured within the retry budget; a page that defeats extraction is quarantined while
the rest of its feed is stored; a page that keeps failing is counted as an error and retried next crawl."""
from __future__ import annotations

import time

from tests.crawl.builders import article_html, rss, sources
from tests.crawl.conftest import per_feed
from tests.crawl.fixture_site import Route

DATE = "Thu, 13 Mar 2025 12:00:00 GMT"


def test_retry_after_is_honoured_and_bad_pages_are_quarantined(crawl, fixture_site, db):
    site = fixture_site
    hits: list[float] = []

    def busy_once(handler):
        hits.append(time.monotonic())
        if len(hits) == 1:
            return Route(429, b"slow down", {"Retry-After": "2"}, content_type="text/plain")
        return Route(200, article_html("busy"))

    always_busy = []

    def always_503(handler):
        always_busy.append(time.monotonic())
        return Route(503, b"down", {"Retry-After": "1"}, content_type="text/plain")

    site.route("/news/busy.html", busy_once)
    site.route("/news/down.html", always_503)
    site.route("/news/empty.html", Route(200, "<html><head><title>x</title><script>var a=1;</script></head>"
                                              "<body><nav><a href='/'>Home</a></nav></body></html>"))
    site.route("/news/binary.pdf", Route(200, b"%PDF-1.4 binary", content_type="application/pdf"))
    site.route("/news/gone.html", Route(404, b"gone", content_type="text/plain"))
    site.route("/news/good.html", Route(200, article_html("good")))
    site.route("/feed.xml", Route(200, rss([
        {"title": k, "link": f"{site.url}news/{k}", "date": DATE}
        for k in ("busy.html", "down.html", "empty.html", "binary.pdf", "gone.html", "good.html")]),
        {"ETag": '"v1"'}, content_type="application/rss+xml"))
    registry = sources(f"{site.url}feed.xml")
    summary = crawl(registry)

    assert len(hits) == 2 and hits[1] - hits[0] >= 1.9  # waited as told, then got the page
    assert len(always_busy) == 3                         # RETRY_TIMES = 2: three attempts, then give up
    with db.cursor() as cur:
        cur.execute("SELECT url FROM articles ORDER BY url")
        stored = [r[0].rsplit("/", 1)[-1] for r in cur.fetchall()]
        cur.execute("SELECT subject, reason, stage FROM quarantine")
        quarantined = {r[0].rsplit("/", 1)[-1]: r[1:] for r in cur.fetchall()}
        cur.execute("SELECT etag FROM feeds")
        etag = cur.fetchone()[0]
    assert stored == ["busy.html", "good.html"]
    assert quarantined == {"empty.html": ("extraction_empty", "parse"), "binary.pdf": ("not_html", "crawl"),
                           "gone.html": ("http_404", "crawl")}
    feed = per_feed(summary, "feed.xml")
    assert feed["errors"] == 1 and feed["stored"] == 2 and feed["quarantined"] == 3
    assert etag is None  # a page is still owed: the feed must not answer 304 next time

    again = crawl(registry)
    feed = per_feed(again, "feed.xml")
    # down.html (transient) and gone.html (a 404 may be a page not yet published) are tried again; pages
    # quarantined for a lasting reason are held back for INCIDENTS_QUARANTINE_HOLD_HOURS
    assert feed["requested"] == 2 and "2 entries held back" in feed["problem"]
    assert len(site.requested("/news/empty.html")) == 1 and len(site.requested("/news/gone.html")) == 2

    with db.cursor() as cur:  # an analyst fixes the cause and resolves the quarantine row: fetched again
        cur.execute("UPDATE quarantine SET resolved_at = now() WHERE subject LIKE '%%empty.html'")
    db.commit()
    third = crawl(registry)
    assert per_feed(third, "feed.xml")["requested"] == 3
