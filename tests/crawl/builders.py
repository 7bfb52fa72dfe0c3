"""Small builders for fixture feeds and article pages (distinct text per page, so content hashes differ)."""
from __future__ import annotations

from html import escape


def article_html(key: str, *, title: str | None = None, lang: str = "en", canonical: str | None = None,
                 published: str | None = None) -> str:
    title = title or f"Report {key}"
    paragraphs = [
        (f"Report {key}: local officials said armed men attacked a village market in the early morning, "
         f"burning stalls and taking livestock before withdrawing towards the border."),
        (f"Residents of the area described in report {key} said the security situation had worsened over the "
         f"past months, with several roads closed to traffic and schools shut."),
        (f"Humanitarian groups quoted in report {key} said hundreds of families had fled to the nearest town, "
         f"where they were sheltering in classrooms and with relatives."),
    ]
    head = [f"<title>{escape(title)}</title>"]
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{"".join(head)}</head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>'
            f"<footer>Fixture site</footer></body></html>")


def rss(items: list[dict], *, language: str | None = "en", declaration: bool = True,
        encoding: str | None = "UTF-8") -> str:
    """items: dicts with title, link (optional), date (RFC 822, optional), description (optional)."""
    parts = []
    for it in items:
        fields = [f"<title>{it['title']}</title>"]  # raw on purpose: tests put HTML/entities in titles
        if it.get("link") is not None:
            fields.append(f"<link>{escape(it['link'])}</link>")
        if it.get("date"):
            fields.append(f"<pubDate>{it['date']}</pubDate>")
        if it.get("description"):
            fields.append(f"<description>{escape(it['description'])}</description>")
        parts.append("<item>" + "".join(fields) + "</item>")
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declaration and encoding else (
        '<?xml version="1.0"?>\n' if declaration else "")
    lang = f"<language>{language}</language>" if language else ""
    return (f'{decl}<rss version="2.0"><channel><title>Fixture feed</title><link>http://fixture/</link>{lang}'
            + "".join(parts) + "</channel></rss>")


def sources(*feed_urls: str, name: str = "Fixture outlet", language: str = "en", options: str = "") -> str:
    feeds = "\n".join(f"      - url: {u}" for u in feed_urls)
    opts = f"\n    options: {options}" if options else ""
    return f"""sources:
  - name: {name}
    language: {language}{opts}
    feeds:
{feeds}
"""
