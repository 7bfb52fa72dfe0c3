"""Broken feeds in one crawl: entries still come through, and each feed's problem is recorded on its row."""
from __future__ import annotations

from tests.crawl.builders import article_html, rss, sources
from tests.crawl.conftest import per_feed
from tests.crawl.fixture_site import Route

DATE = "Tue, 11 Mar 2025 09:30:00 GMT"
LONG_SUMMARY = ("Full text carried by the feed itself: " + "Gunmen attacked a convoy on the road to the regional "
                "capital on Tuesday, officials said, and several vehicles were burned. " * 4)


def test_broken_feeds_still_yield_entries(crawl, fixture_site, db):
    site = fixture_site
    for key in ("malformed", "latin", "atom", "relative", "undated", "htmltitle"):
        site.route(f"/news/{key}.html", Route(200, article_html(key, title=f"Page {key}",
                                                                 published="2025-03-12T10:00:00Z"
                                                                 if key == "undated" else None)))
    site.route("/news/nodate.html", Route(200, article_html("nodate")))
    # 1. not well-formed: an unescaped ampersand and an unclosed element
    site.route("/malformed.xml", Route(200, rss([
        {"title": "Army & militia clash", "link": f"{site.url}news/malformed.html", "date": DATE}])
        .replace("</channel>", "<unclosed></channel>"), content_type="application/rss+xml"))
    # 2. Latin-1 bytes, no encoding declaration, no charset in the header
    latin = rss([{"title": "Attaque près de Ménaka : été difficile", "link": f"{site.url}news/latin.html",
                  "date": DATE}], language="fr", encoding=None).encode("latin-1")
    site.route("/latin.xml", Route(200, latin, content_type="application/rss+xml"))
    # 3. Atom
    site.route("/atom.xml", Route(200, f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom fixture</title><id>urn:x</id>
<updated>2025-03-11T09:30:00Z</updated>
<entry><title>Atom story</title><id>urn:x:1</id><link rel="alternate" href="{site.url}news/atom.html"/>
<updated>2025-03-11T09:30:00Z</updated></entry></feed>""", content_type="application/atom+xml"))
    # 4. relative links, an undated entry whose page has a date, one whose page has none, HTML in a title,
    #    an entry without a link but with the whole story, one without link or content, and a javascript: link
    site.route("/relative.xml", Route(200, rss([
        {"title": "Relative", "link": "/news/relative.html", "date": DATE},
        {"title": "Undated", "link": "news/undated.html"},
        {"title": "No date anywhere", "link": f"{site.url}news/nodate.html"},
        {"title": "&lt;b&gt;Breaking:&lt;/b&gt; &lt;i&gt;ten&lt;/i&gt; killed", "link": "/news/htmltitle.html",
         "date": DATE},
        {"title": "Feed-only story", "link": None, "description": LONG_SUMMARY, "date": DATE},
        {"title": "Empty teaser", "link": None, "description": "Read more", "date": DATE},
        {"title": "Script link", "link": "javascript:alert(1)", "date": DATE},
    ]), content_type="application/rss+xml"))
    urls = [f"{site.url}{p}" for p in ("malformed.xml", "latin.xml", "atom.xml", "relative.xml")]
    summary = crawl(sources(*urls))

    with db.cursor() as cur:
        cur.execute("SELECT url, title, language, published_at_source, published_at FROM articles")
        rows = {r[0].rsplit("/", 1)[-1]: r[1:] for r in cur.fetchall()}
        cur.execute("SELECT url, last_problem, last_entry_count FROM feeds")
        feeds = {r[0].rsplit("/", 1)[-1]: r[1:] for r in cur.fetchall()}
        cur.execute("SELECT reason, subject FROM quarantine ORDER BY reason")
        quarantined = cur.fetchall()

    assert "malformed.html" in rows and feeds["malformed.xml"][0].startswith("not well-formed")
    assert "latin.html" in rows and feeds["latin.xml"][1] == 1 and feeds["latin.xml"][0]
    assert rows["latin.html"][1] == "en"          # the page is English although the feed said fr
    assert "atom.html" in rows and feeds["atom.xml"][0] is None
    assert {"relative.html", "undated.html", "nodate.html", "htmltitle.html"} <= set(rows)
    assert rows["undated.html"][2] == "page" and rows["undated.html"][3].isoformat() == "2025-03-12T10:00:00+00:00"
    assert rows["nodate.html"][2] == "fetched"
    assert rows["relative.html"][2] == "feed"
    assert "without a date" in feeds["relative.xml"][0]
    feed_only = [k for k in rows if k.startswith("relative.xml#entry-")]
    assert len(feed_only) == 1 and rows[feed_only[0]][0] == "Feed-only story"
    assert ("entry_without_link", f"{site.url}relative.xml entry Empty teaser") in quarantined
    assert ("unsupported_link", "javascript:alert(1)") in quarantined
    assert per_feed(summary, "relative.xml")["quarantined"] == 2
    assert not site.requested("/javascript")


def test_html_in_feed_titles_is_stripped():
    from incidents.feeds import parse_feed

    xml = rss([{"title": "&lt;b&gt;Breaking:&lt;/b&gt; ten &amp;amp; more", "link": "http://x.org/a",
                "date": DATE}])
    parsed = parse_feed(xml.encode(), base_url="http://x.org/feed", content_type="application/rss+xml")
    assert parsed.entries[0].title == "Breaking: ten & more"
