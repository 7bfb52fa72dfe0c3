"""Hostile input: entity bombs, gzip bombs, oversized pages, redirects to private addresses or other schemes,
robots.txt. Each is cut off or refused, recorded, and the rest of the crawl goes on."""
from __future__ import annotations

import gzip
import io

from tests.crawl.builders import article_html, rss, sources
from tests.crawl.conftest import per_feed
from tests.crawl.fixture_site import Route

DATE = "Wed, 12 Mar 2025 07:00:00 GMT"
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Bomb &lol9;</title><link>{url}news/after-bomb.html</link><pubDate>{date}</pubDate></item>
</channel></rss>"""


def _gzip_bomb(size_mb: int) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        block = b"\0" * (1024 * 1024)
        for _ in range(size_mb):
            gz.write(block)
    return buf.getvalue()


def test_bombs_and_oversized_pages_are_cut_off_and_the_crawl_goes_on(crawl, fixture_site, db):
    site = fixture_site
    site.route("/bomb-feed.xml", Route(200, BILLION_LAUGHS.format(url=site.url, date=DATE),
                                       content_type="application/rss+xml"))
    site.route("/news/after-bomb.html", Route(200, article_html("after-bomb")))
    bomb = _gzip_bomb(300)  # 300 MB of zeros in ~300 KB
    site.route("/news/gzip-bomb.html", Route(200, bomb, {"Content-Encoding": "gzip"}))
    site.route("/news/huge.html", Route(200, b"<html><body><p>" + b"x" * (7 * 1024 * 1024) + b"</p></body></html>"))
    site.route("/news/fine.html", Route(200, article_html("fine")))
    site.route("/pages.xml", Route(200, rss([
        {"title": "Gzip bomb", "link": f"{site.url}news/gzip-bomb.html", "date": DATE},
        {"title": "Huge", "link": f"{site.url}news/huge.html", "date": DATE},
        {"title": "Fine", "link": f"{site.url}news/fine.html", "date": DATE},
    ]), content_type="application/rss+xml"))
    summary = crawl(sources(f"{site.url}bomb-feed.xml", f"{site.url}pages.xml"))

    bomb_feed = per_feed(summary, "bomb-feed.xml")
    assert "entity declaration" in bomb_feed["problem"] or "DOCTYPE removed" in bomb_feed["problem"]
    assert bomb_feed["stored"] == 1  # its entry still came through
    with db.cursor() as cur:
        cur.execute("SELECT subject, reason FROM quarantine")
        quarantined = dict(cur.fetchall())
        cur.execute("SELECT url FROM articles")
        stored = {r[0] for r in cur.fetchall()}
    assert quarantined == {f"{site.url}news/gzip-bomb.html": "too_large", f"{site.url}news/huge.html": "too_large"}
    assert stored == {f"{site.url}news/after-bomb.html", f"{site.url}news/fine.html"}
    # the crawl process never held the bomb's 300 MB (a bare crawl peaks around 100 MB)
    assert summary["peak_rss_mb"] < 250, summary["peak_rss_mb"]
    print("peak memory", summary["peak_rss_mb"], "MB")


def test_refused_redirects_links_and_robots(crawl, fixture_site, db):
    site = fixture_site
    port = site.url.rsplit(":", 1)[1].strip("/")
    site.route("/news/to-private.html", Route(302, b"", {"Location": f"http://127.0.0.2:{port}/secret"}))
    site.route("/news/to-file.html", Route(302, b"", {"Location": "file:///etc/passwd"}))
    site.route("/private/page.html", Route(200, article_html("private")))
    site.route("/news/ok.html", Route(200, article_html("ok")))
    site.route("/feed.xml", Route(200, rss([
        {"title": "Redirects to a private address", "link": f"{site.url}news/to-private.html", "date": DATE},
        {"title": "Redirects to a file", "link": f"{site.url}news/to-file.html", "date": DATE},
        {"title": "Disallowed by robots.txt", "link": f"{site.url}private/page.html", "date": DATE},
        {"title": "A private address", "link": "http://127.0.0.2/news/x.html", "date": DATE},
        {"title": "FTP", "link": "ftp://127.0.0.1/news/x.html", "date": DATE},
        {"title": "Fine", "link": f"{site.url}news/ok.html", "date": DATE},
    ]), content_type="application/rss+xml"))
    summary = crawl(sources(f"{site.url}feed.xml"))

    with db.cursor() as cur:
        cur.execute("SELECT subject, reason FROM quarantine")
        quarantined = dict(cur.fetchall())
        cur.execute("SELECT url FROM articles")
        stored = [r[0] for r in cur.fetchall()]
    assert stored == [f"{site.url}news/ok.html"]
    assert quarantined[f"http://127.0.0.2:{port}/secret"] == "refused_address"
    assert quarantined["http://127.0.0.2/news/x.html"] == "refused_address"
    assert quarantined[f"{site.url}news/to-file.html"] == "refused_redirect"
    assert quarantined[f"{site.url}private/page.html"] == "robots_disallowed"
    assert quarantined["ftp://127.0.0.1/news/x.html"] == "unsupported_link"
    assert site.requested("/private/") == [] and site.requested("/secret") == []
    assert summary["refused_requests"] == 2  # the redirect hop and the direct link to 127.0.0.2
    assert per_feed(summary, "feed.xml")["quarantined"] == 5


def test_private_feed_address_is_refused_without_allow_list(db_url, fixture_site, tmp_path, monkeypatch):
    from incidents.crawling import run_crawl

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("INCIDENTS_ALLOW_HOSTS", raising=False)
    fixture_site.route("/feed.xml", Route(200, rss([]), content_type="application/rss+xml"))
    by_name = fixture_site.url.replace("127.0.0.1", "localhost")  # a name: refused on what it resolves to
    summary = run_crawl(feed_urls=[f"{fixture_site.url}feed.xml", f"{by_name}feed.xml"], database_url=db_url,
                        settings={"DOWNLOAD_DELAY": 0})
    assert summary["ok"]  # refused feeds do not fail the crawl
    assert len(summary["per_feed"]) == 2
    for feed in summary["per_feed"]:
        assert feed["http_status"] is None and "refused" in feed["error"] and "loopback" in feed["error"]
    assert fixture_site.requested("/") == []
