"""A small news site on 127.0.0.1 that a test changes as it goes: stories added, revised and deleted, a feed
that breaks and recovers, pages that are slow, huge, empty, binary or badly encoded.

Every story has distinct text (so content hashes differ) that the real extractor turns into one incident with a
known date, place and toll, which is what lets the soak test compute the database it expects.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Towns in the gazetteer, far enough apart that cross-source dedup never merges two stories.
TOWNS = [("Sevare", "Mali"), ("Gao", "Mali"), ("Kidal", "Mali"), ("Timbuktu", "Mali"), ("Djibo", "Burkina Faso"),
         ("Dori", "Burkina Faso"), ("Maiduguri", "Nigeria"), ("Tillaberi", "Niger"), ("Diffa", "Niger"),
         ("Kayes", "Mali")]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


@dataclass
class Story:
    key: int
    town: str
    country: str
    killed: int
    day: dt.date
    revision: int = 0

    @property
    def path(self) -> str:
        return f"/news/story-{self.key}.html"

    @property
    def title(self) -> str:
        return f"Attack near {self.town} (story {self.key})"

    def paragraphs(self) -> list[str]:
        killed = NUMBER_WORDS[self.killed - 2] if 2 <= self.killed <= 12 else str(self.killed)
        weekday = self.day.strftime("%A")
        first = (f"Gunmen killed {killed} civilians in an attack on a market in {self.town}, {self.country}, on "
                 f"{weekday}, local officials said.")
        if self.revision:
            first += f" The toll was confirmed on revision {self.revision} of this report."
        return [first,
                (f"Residents said the attackers arrived on motorbikes and set fire to several stalls before "
                 f"leaving (report number {self.key})."),
                "Humanitarian workers said many families had fled the area since the start of the year."]

    def html(self) -> str:
        body = "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs())
        published = dt.datetime.combine(self.day + dt.timedelta(days=1), dt.time(8), dt.UTC)
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(self.title)}</title>'
                f'<meta property="article:published_time" content="{published.isoformat()}"></head><body>'
                f'<nav><a href="/">Home</a></nav><article><h1>{escape(self.title)}</h1>{body}</article>'
                "<footer>Reliability fixture site</footer></body></html>")


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0
    headers: dict = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        site: NewsSite = self.server.site
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        with site.lock:
            site.hits[path] = site.hits.get(path, 0) + 1
            page = site.page(path)
        if page.delay:
            time.sleep(page.delay)
        self.send_response(page.status)
        if page.content_type:
            self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        for key, value in page.headers.items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class NewsSite:
    """stories: key -> Story; extra: path -> Page (hostile pages); feed_broken: serve a broken feed."""

    def __init__(self):
        self.lock = threading.RLock()
        self.stories: dict[int, Story] = {}
        self.extra: dict[str, Page] = {}
        self.extra_in_feed: list[str] = []
        self.feed_broken = False
        self.article_delay = 0.0
        self.hits: dict[str, int] = {}
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.site = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def feed_url(self) -> str:
        return f"{self.url}/feed.xml"

    def add(self, story: Story) -> None:
        with self.lock:
            self.stories[story.key] = story

    def page(self, path: str) -> Page:
        if path == "/feed.xml":
            if self.feed_broken:
                return Page(200, b"<?xml version='1.0'?><rss><channel><item><title>half a feed",
                            "application/rss+xml")
            return Page(200, self.rss().encode("utf-8"), "application/rss+xml; charset=utf-8")
        if path == "/robots.txt":
            return Page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path in self.extra:
            return self.extra[path]
        for story in self.stories.values():
            if story.path == path:
                return Page(200, story.html().encode("utf-8"), delay=self.article_delay)
        return Page(404, b"gone", "text/plain")

    def rss(self) -> str:
        items = []
        for story in sorted(self.stories.values(), key=lambda s: s.key, reverse=True):
            published = dt.datetime.combine(story.day + dt.timedelta(days=1), dt.time(8), dt.UTC)
            items.append(f"<item><title>{escape(story.title)}</title><link>{self.url}{story.path}</link>"
                         f"<guid>{self.url}{story.path}</guid><pubDate>{format_datetime(published)}</pubDate></item>")
        for path in self.extra_in_feed:
            items.append(f"<item><title>Extra {escape(path)}</title><link>{self.url}{escape(path)}</link></item>")
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fixture news</title>'
                f"<link>{self.url}/</link><language>en</language>{''.join(items)}</channel></rss>")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sources_yaml(site: NewsSite, name: str = "Reliability fixture") -> str:
    return f"""sources:
  - name: {name}
    language: en
    feeds:
      - url: {site.feed_url}
"""
