"""The Sahel Courier: a small fictional news site (English and French wire reports) served on 127.0.0.1.

It gives the demo and the crawl tests something real to crawl: RSS and Atom feeds with ETag/Last-Modified, article
pages with navigation clutter, a Google News sitemap and robots.txt. All content is invented.
"""
from __future__ import annotations

from incidents.sample_site.server import serve, serve_in_thread

__all__ = ["feed_urls", "serve", "serve_in_thread", "sources_yaml"]


def feed_urls(base_url: str) -> list[str]:
    return [f"{base_url}feeds/rss.xml", f"{base_url}feeds/atom.xml"]


def sources_yaml(base_url: str, *, sitemap: bool = False) -> str:
    """A registry file (config/sources.yaml format) listing the sample site's feeds."""
    sitemap_block = f"""
      - url: {base_url}sitemaps/news.xml
        kind: sitemap""" if sitemap else ""
    return f"""# The bundled sample site, served at {base_url}
sources:
  - name: The Sahel Courier (sample)
    homepage: {base_url}
    language: en
    country_focus: [MLI, BFA, NER]
    options:
      crawl_delay: 0
    feeds:
      - url: {base_url}feeds/rss.xml
        language: en
      - url: {base_url}feeds/atom.xml
        language: fr{sitemap_block}
"""
