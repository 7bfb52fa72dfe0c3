"""Store fetched articles: upsert on the canonical URL, one article per content hash, every URL remembered."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from psycopg2.extras import execute_values

from incidents.db import transaction
from incidents.load.hashing import content_hash


@dataclass
class StoreResult:
    stored: int = 0          # new articles
    updated: int = 0         # same URL, new content: text replaced and queued for re-extraction
    unchanged: int = 0       # same URL, same content
    duplicates: int = 0      # same content under another URL: only the URL is remembered
    article_ids: dict[str, int] = field(default_factory=dict)  # canonical url -> article_id


def _clean(value: str | None) -> str | None:
    # Postgres text cannot hold NUL; scraped pages sometimes do
    return value.replace("\x00", "") if isinstance(value, str) else value


def known_urls(conn, urls: Iterable[str]) -> set[str]:
    """Which of these URLs (canonical or alias) are already stored, so the crawler can skip them unrequested."""
    urls = list({u for u in urls if u})
    if not urls:
        return set()
    with transaction(conn) as cur:
        cur.execute("SELECT url FROM article_urls WHERE url = ANY(%s)", (urls,))
        return {row[0] for row in cur.fetchall()}


def store_articles(conn, articles: Sequence[dict]) -> StoreResult:
    """Upsert a batch of articles in one transaction.

    Each dict has: url (canonical), text, and optionally title, published_at, language, source_name, feed_url,
    fetched_at, aliases (other URLs of the same article).
    """
    result = StoreResult()
    now = dt.datetime.now(dt.timezone.utc)
    with transaction(conn) as cur:
        for art in articles:
            text = _clean(art["text"])
            digest = content_hash(art.get("title"), text)
            url = art["url"]
            cur.execute("SELECT article_id, url FROM articles WHERE content_hash = %s", (digest,))
            same_content = cur.fetchone()
            if same_content and same_content[1] != url:
                result.duplicates += 1
                article_id = same_content[0]
            else:
                feed_id = None
                if art.get("feed_url"):
                    cur.execute("SELECT feed_id FROM feeds WHERE url = %s", (art["feed_url"],))
                    row = cur.fetchone()
                    feed_id = row[0] if row else None
                cur.execute(
                    """INSERT INTO articles (url, feed_id, source_name, title, text, published_at, language,
                                             fetched_at, content_hash)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
                       ON CONFLICT (url) DO UPDATE
                          SET title = EXCLUDED.title, text = EXCLUDED.text,
                              published_at = COALESCE(EXCLUDED.published_at, articles.published_at),
                              language = COALESCE(EXCLUDED.language, articles.language),
                              content_hash = EXCLUDED.content_hash, fetched_at = EXCLUDED.fetched_at,
                              extractor_version = NULL, extracted_at = NULL, updated_at = now()
                          WHERE articles.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                       RETURNING article_id, (xmax = 0) AS inserted""",
                    (url, feed_id, _clean(art.get("source_name")), _clean(art.get("title")), text,
                     art.get("published_at"), art.get("language"), art.get("fetched_at") or now, digest),
                )
                row = cur.fetchone()
                if row is None:  # same URL, same content: the WHERE skipped the update
                    result.unchanged += 1
                    cur.execute("SELECT article_id FROM articles WHERE url = %s", (url,))
                    article_id = cur.fetchone()[0]
                else:
                    article_id, inserted = row
                    if inserted:
                        result.stored += 1
                    else:
                        result.updated += 1
            result.article_ids[url] = article_id
            aliases = {url, *(art.get("aliases") or [])}
            execute_values(
                cur,
                "INSERT INTO article_urls (url, article_id) VALUES %s ON CONFLICT (url) DO NOTHING",
                [(a, article_id) for a in aliases if a],
            )
    return result
