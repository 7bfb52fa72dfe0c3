"""What the spiders hand to the pipeline: a fetched page to read, an article to store (a feed entry that carries
the whole story), or something that could not be stored and why."""
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
                "published_at_source": self.published_at_source, "language": self.language,
                "source_name": self.source_name, "feed_url": self.feed_url, "fetched_at": self.fetched_at,
                "aliases": self.aliases}


@dataclass
class PageItem:
    """A fetched article page, not yet read: the pipeline has it read (incidents.pages.read_page, in a worker
    process) and stores the article, or quarantines the page."""

    feed_url: str
    subject: str                          # the URL requested: the quarantine subject if the page holds no article
    fetch: dict                           # incidents.pages.article_from_page's input, plain data


@dataclass
class QuarantineItem:
    feed_url: str
    subject: str                          # usually the article URL
    reason: str                           # short and stable: one row per (stage, subject, reason)
    stage: str = "crawl"                  # crawl (could not fetch) or parse (fetched, unusable)
    detail: str | None = None
    payload: str | None = None            # bounded excerpt of the offending input
