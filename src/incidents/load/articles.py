"""Store fetched articles: upsert on the canonical URL, one article per content hash, every URL remembered."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from psycopg2.extras import execute_values

from incidents.db import transaction
from incidents.load.hashing import content_hash
from incidents.load.quarantine import quarantine

# Advisory-lock namespace (first key of the two-int form, apart from the migrator's bigint lock) for the URLs and
# content hashes a batch is about to write.
ARTICLE_LOCK_SPACE = 0x1C1D0A11


@dataclass
class StoreResult:
    stored: int = 0          # new articles
    updated: int = 0         # same URL, new content: text replaced and queued for re-extraction
    unchanged: int = 0       # same URL, same content
    duplicates: int = 0      # same content under another URL: only the URL is remembered
    rejected: int = 0        # no text left after cleaning: quarantined (stage 'parse'), not stored
    article_ids: dict[str, int] = field(default_factory=dict)  # canonical url -> article_id


def _clean(value: str | None) -> str | None:
    if not isinstance(value, str):
        return value
    # Postgres text cannot hold NUL; scraped pages sometimes do
    value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # lone surrogates (text decoded with surrogateescape, broken JSON escapes) cannot be sent as UTF-8 at all
        value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value


def _lock_key(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=4).digest(), "big", signed=True)


def _lock_batch(cur, keys: Iterable[str]) -> None:
    """Take a transaction lock on every URL and content hash the batch writes, all up front and in one order.

    Two overlapping crawls storing the same stories in different orders would otherwise wait on each other's
    uncommitted unique-index entries crosswise (a deadlock, one batch lost), or both miss the other's row in
    the content-hash check and fail on the unique constraint. Held in sorted order, the locks make the second
    batch wait for the first to commit, then see its rows.
    """
    ordered = sorted({_lock_key(k) for k in keys if k})
    cur.execute("""SELECT count(pg_advisory_xact_lock(%s, k))
                     FROM (SELECT k FROM unnest(%s::int[]) WITH ORDINALITY AS t(k, i) ORDER BY i) s""",
                (ARTICLE_LOCK_SPACE, ordered))


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
    now = dt.datetime.now(dt.UTC)
    with transaction(conn) as cur:
        cleaned = []
        for art in articles:
            text = _clean(art.get("text") or "")
            url = _clean(art["url"])
            if not text.strip():
                # one empty page must not abort the batch on the text CHECK constraint; keep a trace instead
                result.rejected += 1
                quarantine(cur, stage="parse", subject=url, reason="empty article text",
                           detail="no text left after removing NUL bytes and whitespace", payload=art.get("text"))
                continue
            cleaned.append((art, url, text, content_hash(art.get("title"), text)))
        _lock_batch(cur, [k for art, url, _, digest in cleaned
                          for k in (url, digest, *(_clean(a) for a in art.get("aliases") or []))])
        for art, url, text, digest in cleaned:
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
                     art.get("published_at"), _clean(art.get("language")), art.get("fetched_at") or now, digest),
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
            aliases = {url, *(_clean(a) for a in art.get("aliases") or [])}
            execute_values(
                cur,
                "INSERT INTO article_urls (url, article_id) VALUES %s ON CONFLICT (url) DO NOTHING",
                [(a, article_id) for a in aliases if a],
            )
    return result
