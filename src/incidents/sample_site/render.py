"""The Sahel Courier's pages and feeds, rendered for whatever base URL the site is served on."""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
from html import escape
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("articles.yaml")
FEED_TITLES = {"rss": ("The Sahel Courier - English desk", "en"),
               "atom": ("Sahel Courier - édition française", "fr")}


@functools.lru_cache(maxsize=1)
def site() -> dict:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for art in data["articles"]:
        art["published_dt"] = dt.datetime.fromisoformat(art["published"])
    return data


def articles() -> list[dict]:
    return site()["articles"]


def article_path(art: dict) -> str:
    return f"news/{art['slug']}.html"


def render_article(art: dict, base_url: str) -> str:
    """A page with the clutter real news pages have (navigation, related links, footer) around the story."""
    url = base_url + article_path(art)
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in art["body"])
    others = [a for a in articles() if a is not art][:4]
    related = "\n".join(f'        <li><a href="/{article_path(a)}">{escape(a["title"])}</a></li>' for a in others)
    published = art["published_dt"].isoformat()
    return f"""<!DOCTYPE html>
<html lang="{art['lang']}">
<head>
  <meta charset="utf-8">
  <title>{escape(art['title'])} | {escape(site()['outlet'])}</title>
  <link rel="canonical" href="{escape(url)}">
  <meta property="og:title" content="{escape(art['title'])}">
  <meta property="article:published_time" content="{published}">
  <meta name="description" content="{escape(art['summary'])}">
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/section/mali">Mali</a> | <a href="/section/burkina">Burkina Faso</a>
    | <a href="/section/niger">Niger</a> | <a href="/feeds/rss.xml">RSS</a></nav></header>
  <main>
    <article>
      <h1>{escape(art['title'])}</h1>
      <p class="byline">{escape(site()['outlet'])} - <time datetime="{published}">{art['published_dt']:%d %B %Y}</time>
        - {escape(art['section'])}</p>
{body}
    </article>
    <aside><h2>Related</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer><p>&copy; {escape(site()['outlet'])}. A fictional outlet for software testing.</p></footer>
</body>
</html>
"""


def _entry_link(art: dict, base_url: str, feed: str) -> str:
    query = (art.get("feed_query") or {}).get(feed)
    link = base_url + article_path(art)
    return f"{link}?{query}" if query else link


def feed_articles(feed: str) -> list[dict]:
    chosen = [a for a in articles() if feed in a["feeds"]]
    return sorted(chosen, key=lambda a: a["published_dt"], reverse=True)


def last_modified(feed: str) -> dt.datetime:
    return max(a["published_dt"] for a in feed_articles(feed))


def render_rss(base_url: str) -> str:
    title, lang = FEED_TITLES["rss"]
    items = []
    for art in feed_articles("rss"):
        link = _entry_link(art, base_url, "rss")
        date = "" if art.get("feed_date") is False else \
            f"\n      <pubDate>{email.utils.format_datetime(art['published_dt'])}</pubDate>"
        items.append(f"""    <item>
      <title>{escape(art['title'])}</title>
      <link>{escape(link)}</link>
      <guid isPermaLink="false">sahel-courier:{escape(art['slug'])}</guid>{date}
      <description>{escape(art['summary'])}</description>
      <category>{escape(art['section'])}</category>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{escape(title)}</title>
    <link>{escape(base_url)}</link>
    <description>Wire reports from Mali, Burkina Faso and Niger</description>
    <language>{lang}</language>
    <lastBuildDate>{email.utils.format_datetime(last_modified('rss'))}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def render_atom(base_url: str) -> str:
    title, lang = FEED_TITLES["atom"]
    entries = []
    for art in feed_articles("atom"):
        link = _entry_link(art, base_url, "atom")
        stamp = art["published_dt"].isoformat()
        entries.append(f"""  <entry>
    <title type="text">{escape(art['title'])}</title>
    <link rel="alternate" type="text/html" href="{escape(link)}"/>
    <id>tag:sahel-courier.example,2025:{escape(art['slug'])}</id>
    <published>{stamp}</published>
    <updated>{stamp}</updated>
    <summary type="text">{escape(art['summary'])}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">
  <title>{escape(title)}</title>
  <link rel="self" href="{escape(base_url)}feeds/atom.xml"/>
  <link rel="alternate" href="{escape(base_url)}"/>
  <id>tag:sahel-courier.example,2025:fr</id>
  <updated>{last_modified('atom').isoformat()}</updated>
{chr(10).join(entries)}
</feed>
"""


def render_news_sitemap(base_url: str) -> str:
    """Google News sitemap: the second way to discover articles."""
    urls = []
    for art in sorted(articles(), key=lambda a: a["published_dt"], reverse=True):
        urls.append(f"""  <url>
    <loc>{escape(base_url + article_path(art))}</loc>
    <news:news>
      <news:publication><news:name>{escape(site()['outlet'])}</news:name><news:language>{art['lang']}</news:language></news:publication>
      <news:publication_date>{art['published_dt'].isoformat()}</news:publication_date>
      <news:title>{escape(art['title'])}</news:title>
    </news:news>
  </url>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(urls)}
</urlset>
"""


def render_index(base_url: str) -> str:
    links = "\n".join(f'    <li><a href="/{article_path(a)}">{escape(a["title"])}</a></li>'
                      for a in sorted(articles(), key=lambda a: a["published_dt"], reverse=True))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(site()['outlet'])}</title>
<link rel="alternate" type="application/rss+xml" href="/feeds/rss.xml">
<link rel="alternate" type="application/atom+xml" href="/feeds/atom.xml"></head>
<body><h1>{escape(site()['outlet'])}</h1><ul>
{links}
</ul></body></html>
"""


ROBOTS = """User-agent: *
Disallow: /admin/
Sitemap: {base_url}sitemaps/news.xml
"""
