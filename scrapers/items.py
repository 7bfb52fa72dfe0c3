"""What the spiders hand to the pipeline: an article to store, or something that could not be stored and why."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    url: str                              # canonical URL
    text: str
    feed_url: str
    fetched_at: str                       # ISO time
    title: str | None = None
    published_at: str | None = None       # ISO time
    published_at_source: str = "fetched"  # feed | page | sitemap | fetched
    language: str | None = None
    source_name: str | None = None
    aliases: list[str] = field(default_factory=list)

    def as_article(self) -> dict:
        """The dict incidents.load.articles.store_articles takes."""
        return {"url": self.url, "text": self.text, "title": self.title, "published_at": self.published_at,
                "language": self.language, "source_name": self.source_name, "feed_url": self.feed_url,
                "fetched_at": self.fetched_at, "aliases": self.aliases}


@dataclass
class QuarantineItem:
    feed_url: str
    subject: str                          # usually the article URL
    reason: str                           # short and stable: one row per (stage, subject, reason)
    stage: str = "crawl"                  # crawl (could not fetch) or parse (fetched, unusable)
    detail: str | None = None
    payload: str | None = None            # bounded excerpt of the offending input
