"""A real crawl of the bundled sample site into Postgres, then a second crawl of the unchanged feeds."""
from __future__ import annotations

import datetime as dt

from incidents.sample_site import render, sources_yaml
from tests.crawl.conftest import per_feed


def _articles(db):
    with db.cursor() as cur:
        cur.execute("SELECT url, title, text, language, published_at, published_at_source, source_name, feed_id "
                    "FROM articles ORDER BY url")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def test_crawl_sample_site_stores_every_article_once(crawl, sample_site, db):
    summary = crawl(sources_yaml(sample_site))

    expected = {sample_site + render.article_path(a): a for a in render.articles()}
    rows = _articles(db)
    assert {r["url"] for r in rows} == set(expected)            # the utm-tagged Atom link was not stored twice
    for row in rows:
        art = expected[row["url"]]
        assert row["text"].strip() and art["body"][1][:60] in row["text"]
        assert "Related" not in row["text"] and "fictional outlet" not in row["text"]   # boilerplate left out
        assert row["language"] == art["lang"]
        assert row["published_at"] == dt.datetime.fromisoformat(art["published"])
        assert row["published_at_source"] == ("page" if art.get("feed_date") is False else "feed")
        assert row["source_name"] == "The Sahel Courier (sample)" and row["feed_id"] is not None
    assert summary["stored"] == len(expected) and summary["quarantined"] == 0 and summary["errors"] == 0
    # the story both feeds list is requested once: skipped as known when the RSS copy was stored before the Atom
    # feed was read, dropped by Scrapy's duplicate filter when both feeds were read first (timing decides which)
    assert summary["requests"] == 2 + 1 + len(expected)  # feeds, robots.txt, one request per article
    assert per_feed(summary, "atom.xml")["skipped_known"] in (0, 1)
    assert "without a date" in per_feed(summary, "rss.xml")["problem"]

    with db.cursor() as cur:
        cur.execute("SELECT feed_url, http_status, requested, stored FROM feed_fetches WHERE run_id = %s",
                    (summary["run_id"],))
        fetches = {row[0]: row[1:] for row in cur.fetchall()}
        cur.execute("SELECT count(*) FROM feeds WHERE etag IS NOT NULL AND last_status = 200")
        assert cur.fetchone()[0] == 2
    assert sum(f[2] for f in fetches.values()) == len(expected) and {f[0] for f in fetches.values()} == {200}

    # second crawl, now with the news sitemap as well: the feeds answer 304, the sitemap lists only known stories
    again = crawl(sources_yaml(sample_site, sitemap=True))
    assert set(again["spiders"]) == {"feeds", "news_sitemaps"}
    assert again["not_modified"] == 2 and again["stored"] == 0 and again["requested"] == 0
    sitemap = next(f for f in again["per_feed"] if f["kind"] == "sitemap")
    assert sitemap["http_status"] == 200 and sitemap["skipped_known"] == len(expected)
    assert len(_articles(db)) == len(expected)
