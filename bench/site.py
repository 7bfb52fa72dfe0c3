"""The synthetic news site: `feeds` RSS feeds of `per_feed` articles each, rendered as a real outlet would.

Paths: /feeds/<f>.xml, /news/<f>/<i>.html, /robots.txt, /. Pages carry the chrome a real page has (navigation,
"most read", footer, scripts) so that text extraction has boilerplate to strip. Nothing depends on the clock:
the same site parameters give the same bytes, ETags and Last-Modified dates.
"""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape

from bench import textgen

SECTIONS = ("World", "Africa", "Middle East", "Asia", "Americas", "Europe", "Business", "Sport", "Climate",
            "Health", "Opinion", "Video")


@dataclass(frozen=True)
class SiteSpec:
    feeds: int = 50
    per_feed: int = 100
    seed: int = 7
    incident_share: float = 0.4

    @property
    def pages(self) -> int:
        return self.feeds * self.per_feed

    def scaled(self, factor: int) -> SiteSpec:
        """The site `factor` times larger: more feeds of the same length (what a growing registry looks like)."""
        return SiteSpec(self.feeds * factor, self.per_feed, self.seed, self.incident_share)


def article_path(feed: int, index: int) -> str:
    return f"/news/{feed}/{index}.html"


def feed_path(feed: int) -> str:
    return f"/feeds/{feed}.xml"


def outlet_name(feed: int) -> str:
    return f"Bench Outlet {feed:04d}"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _chrome_top(title: str) -> str:
    nav = "".join(f'<li><a href="/section/{s.lower().replace(" ", "-")}">{s}</a></li>' for s in SECTIONS)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)} | Bench News</title>"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta property=\"og:title\" content=\"{html.escape(title)}\">"
        "<link rel=\"stylesheet\" href=\"/static/site.css\">"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>"
        "</head><body><header class=\"masthead\"><a class=\"logo\" href=\"/\">Bench News</a>"
        f"<nav aria-label=\"sections\"><ul>{nav}</ul></nav>"
        "<form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"Search\"></form></header>"
        "<div class=\"cookie-banner\">We use cookies to improve your experience. <button>Accept</button></div>"
    )


_MOST_READ = "".join(
    f'<li><a href="/news/most-read/{i}.html">Most read story number {i}: markets, weather and football</a></li>'
    for i in range(1, 9)
)
_CHROME_BOTTOM = (
    f"<aside class=\"most-read\"><h2>Most read</h2><ol>{_MOST_READ}</ol></aside>"
    "<footer><p>&copy; 2026 Bench News. All rights reserved.</p><ul><li><a href=\"/about\">About us</a></li>"
    "<li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy policy</a></li>"
    "<li><a href=\"/terms\">Terms of use</a></li></ul><p>Follow us on social media for the latest updates.</p>"
    "</footer><script src=\"/static/app.js\" defer></script></body></html>"
)


class Site:
    """Renders every page of one SiteSpec; bodies are built once (`build`) so serving is a dictionary lookup."""

    def __init__(self, spec: SiteSpec, base_url: str = ""):
        self.spec = spec
        self.base_url = base_url.rstrip("/")

    def article(self, feed: int, index: int) -> textgen.Article:
        return textgen.article(self.spec.seed, feed, index, self.spec.incident_share)

    def article_html(self, art: textgen.Article) -> bytes:
        when = art.published.isoformat()
        body = "".join(f"<p>{html.escape(p)}</p>" for p in art.paragraphs)
        related = "".join(
            f'<li><a href="{article_path(art.feed, (art.index + k) % self.spec.per_feed)}">Related coverage {k}</a>'
            "</li>" for k in (1, 2, 3))
        page = (
            _chrome_top(art.title)
            + "<main><article class=\"story\">"
            + f"<h1>{html.escape(art.title)}</h1>"
            + f"<p class=\"byline\">By Staff Reporter, {outlet_name(art.feed)} &middot; "
            + f"<time datetime=\"{when}\">{art.published:%d %B %Y %H:%M} UTC</time></p>"
            + f"<div class=\"story-body\">{body}</div>"
            + "<div class=\"share\">Share this story: <a href=\"#\">Email</a> <a href=\"#\">Print</a></div>"
            + f"<section class=\"related\"><h2>Related</h2><ul>{related}</ul></section>"
            + "</article></main>"
            + _CHROME_BOTTOM
        )
        return page.encode("utf-8")

    def feed_xml(self, feed: int, articles: list[textgen.Article]) -> bytes:
        items = []
        for art in articles:
            link = self.base_url + article_path(art.feed, art.index)
            items.append(
                f"<item><title>{escape(art.title)}</title><link>{escape(link)}</link>"
                f"<guid isPermaLink=\"true\">{escape(link)}</guid>"
                f"<pubDate>{format_datetime(art.published)}</pubDate>"
                f"<description>{escape(art.summary)}</description></item>")
        newest = max(a.published for a in articles)
        xml = (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            f"<title>{outlet_name(feed)}</title><link>{self.base_url}/</link>"
            f"<description>Synthetic feed {feed} for the benchmark</description><language>en</language>"
            f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>"
            + "".join(items) + "</channel></rss>"
        )
        return xml.encode("utf-8")

    def build(self) -> dict[str, tuple[bytes, str, str, bytes]]:
        """path -> (body, content type, ETag, Last-Modified) for every page of the site."""
        pages: dict[str, tuple[bytes, str, str, bytes]] = {}
        for f in range(self.spec.feeds):
            arts = [self.article(f, i) for i in range(self.spec.per_feed)]
            for art in arts:
                body = self.article_html(art)
                pages[article_path(f, art.index)] = (body, "text/html; charset=utf-8", etag_of(body),
                                                     _http_date(art.published))
            body = self.feed_xml(f, arts)
            pages[feed_path(f)] = (body, "application/rss+xml; charset=utf-8", etag_of(body),
                                   _http_date(max(a.published for a in arts)))
        robots = b"User-agent: *\nAllow: /\n"
        pages["/robots.txt"] = (robots, "text/plain", etag_of(robots), _http_date(textgen.BASE_DATE))
        index = ("<html><body><h1>Bench News</h1><ul>" + "".join(
            f'<li><a href="{feed_path(f)}">{outlet_name(f)}</a></li>' for f in range(self.spec.feeds))
            + "</ul></body></html>").encode()
        pages["/"] = (index, "text/html; charset=utf-8", etag_of(index), _http_date(textgen.BASE_DATE))
        return pages

    def feed_urls(self) -> list[str]:
        return [self.base_url + feed_path(f) for f in range(self.spec.feeds)]

    def article_urls(self) -> list[str]:
        return [self.base_url + article_path(f, i) for f in range(self.spec.feeds) for i in range(self.spec.per_feed)]


def _http_date(when) -> bytes:
    return format_datetime(when, usegmt=True).encode()
