"""Spiders: `feeds` (RSS/Atom) and `news_sitemaps` (Google News sitemaps), both run by incidents.crawling."""
