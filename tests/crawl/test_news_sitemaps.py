"""News sitemaps as the second discovery path (Scrapy's SitemapSpider), on the sample site."""
from __future__ import annotations

import datetime as dt

from incidents.sample_site import render


def test_news_sitemap_discovers_and_dates_articles(crawl, sample_site, db):
    registry = f"""sources:
  - name: Sahel Courier via sitemap
    feeds:
      - url: {sample_site}sitemaps/news.xml
        kind: sitemap
"""
    summary = crawl(registry)
    assert list(summary["spiders"]) == ["news_sitemaps"]
    expected = {sample_site + render.article_path(a): a for a in render.articles()}
    with db.cursor() as cur:
        cur.execute("SELECT url, language, published_at, published_at_source FROM articles")
        rows = {r[0]: r[1:] for r in cur.fetchall()}
    assert set(rows) == set(expected) and summary["stored"] == len(expected)
    for url, (language, published, source) in rows.items():
        assert language == expected[url]["lang"] and source == "sitemap"
        assert published == dt.datetime.fromisoformat(expected[url]["published"])

    again = crawl(registry)
    assert again["not_modified"] == 1 and again["requested"] == 0
