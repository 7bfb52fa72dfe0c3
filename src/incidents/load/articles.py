"""Store fetched articles: upsert on the canonical URL, one article per content hash, every URL remembered."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import psycopg2
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
    # per input article, in order: stored | updated | unchanged | duplicate | rejected
    outcomes: list[str] = field(default_factory=list)


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
    """Upsert a batch of articles in one transaction, with a fixed handful of statements whatever its size.

    Each dict has: url (canonical), text, and optionally title, published_at, published_at_source, language,
    source_name, feed_url, fetched_at, aliases (other URLs of the same article). result.outcomes says, in the
    input's order, what became of each one.
    """
    result = StoreResult()
    now = dt.datetime.now(dt.UTC)
    with transaction(conn) as cur:
        rows: list[_Row] = []
        for index, art in enumerate(articles):
            text = _clean(art.get("text") or "")
            url = _clean(art["url"])
            result.outcomes.append("rejected")
            if not text.strip():
                # one empty page must not abort the batch on the text CHECK constraint; keep a trace instead
                result.rejected += 1
                quarantine(cur, stage="parse", subject=url, reason="empty article text",
                           detail="no text left after removing NUL bytes and whitespace", payload=art.get("text"))
                continue
            aliases = [a for a in dict.fromkeys(_clean(a) for a in art.get("aliases") or []) if a and a != url]
            rows.append(_Row(index, art, url, text, content_hash(art.get("title"), text), aliases))
        _lock_batch(cur, [k for row in rows for k in (row.url, row.digest, *row.aliases)])
        feed_ids = _feed_ids(cur, {row.art["feed_url"] for row in rows if row.art.get("feed_url")})
        while rows:
            rows = _store_round(cur, rows, feed_ids, now, result)
    return result


@dataclass
class _Row:
    index: int            # position in the caller's batch
    art: dict
    url: str
    text: str
    digest: str
    aliases: list[str]
    article_id: int | None = None


def _feed_ids(cur, feed_urls: set[str]) -> dict[str, int]:
    if not feed_urls:
        return {}
    cur.execute("SELECT url, feed_id FROM feeds WHERE url = ANY(%s)", (sorted(feed_urls),))
    return dict(cur.fetchall())


def _store_round(cur, rows: list[_Row], feed_ids: dict[str, int], now, result: StoreResult) -> list[_Row]:
    """Store the rows whose URL is the first of its kind in `rows`; return the rest (a URL met again within
    the batch is upserted in a later round, as one statement may not update the same row twice)."""
    this, later, urls = [], [], set()
    for row in rows:
        (later if row.url in urls else this).append(row)
        urls.add(row.url)
    cur.execute("SELECT content_hash, article_id, url FROM articles WHERE content_hash = ANY(%s)",
                (sorted({row.digest for row in this}),))
    stored_hash = {digest: (article_id, url) for digest, article_id, url in cur.fetchall()}
    upserts: list[_Row] = []
    duplicates: list[tuple[_Row, int | _Row]] = []  # same content as a stored article, or as an earlier row
    first_with: dict[str, _Row] = {}
    for row in this:
        known = stored_hash.get(row.digest)
        if known and known[1] != row.url:
            duplicates.append((row, known[0]))
        elif known is None and row.digest in first_with:
            duplicates.append((row, first_with[row.digest]))
        else:
            first_with.setdefault(row.digest, row)
            upserts.append(row)
    sources: list[tuple[int, str]] = []  # (article_id, published_at_source) for rows the INSERT did not write
    if upserts:
        returned = execute_values(
            cur,
            """INSERT INTO articles (url, feed_id, source_name, title, text, published_at, language,
                                     fetched_at, content_hash, published_at_source)
               VALUES %s
               ON CONFLICT (url) DO UPDATE
                  SET title = EXCLUDED.title, text = EXCLUDED.text,
                      published_at = COALESCE(EXCLUDED.published_at, articles.published_at),
                      published_at_source = COALESCE(articles.published_at_source, EXCLUDED.published_at_source),
                      language = COALESCE(EXCLUDED.language, articles.language),
                      content_hash = EXCLUDED.content_hash, fetched_at = EXCLUDED.fetched_at,
                      extractor_version = NULL, extracted_at = NULL, updated_at = now()
                  WHERE articles.content_hash IS DISTINCT FROM EXCLUDED.content_hash
               RETURNING url, article_id, (xmax = 0) AS inserted""",
            [(row.url, feed_ids.get(row.art.get("feed_url")), _clean(row.art.get("source_name")),
              _clean(row.art.get("title")), row.text, row.art.get("published_at"), _clean(row.art.get("language")),
              row.art.get("fetched_at") or now, row.digest, row.art.get("published_at_source"))
             for row in upserts],
            template="(%s, %s, %s, %s, %s, %s::timestamptz, %s, %s::timestamptz, %s, %s)",
            page_size=len(upserts), fetch=True)
        written = {url: (article_id, inserted) for url, article_id, inserted in returned}
        unchanged = [row for row in upserts if row.url not in written]
        if unchanged:  # same URL, same content: the WHERE skipped the update
            cur.execute("SELECT url, article_id FROM articles WHERE url = ANY(%s)", ([r.url for r in unchanged],))
            ids = dict(cur.fetchall())
        for row in upserts:
            if row.url in written:
                row.article_id, inserted = written[row.url]
                outcome = "stored" if inserted else "updated"
            else:
                row.article_id, outcome = ids[row.url], "unchanged"
                if row.art.get("published_at_source"):
                    sources.append((row.article_id, row.art["published_at_source"]))
            _count(result, row, outcome)
    for row, owner in duplicates:
        row.article_id = owner.article_id if isinstance(owner, _Row) else owner
        _count(result, row, "duplicate")
        if row.art.get("published_at_source"):
            sources.append((row.article_id, row.art["published_at_source"]))
    if sources:  # an article stored without one learns where its publication time came from
        execute_values(cur, """UPDATE articles a SET published_at_source = v.source
                                 FROM (VALUES %s) AS v(article_id, source)
                                WHERE a.article_id = v.article_id AND a.published_at_source IS NULL""",
                       sources, template="(%s::bigint, %s::text)", page_size=len(sources))
    url_rows = {}
    for row in this:
        for url in (row.url, *row.aliases):
            url_rows.setdefault(url, row.article_id)
    execute_values(cur, "INSERT INTO article_urls (url, article_id) VALUES %s ON CONFLICT (url) DO NOTHING",
                   list(url_rows.items()), page_size=len(url_rows))
    return later


_COUNTERS = {"stored": "stored", "updated": "updated", "unchanged": "unchanged", "duplicate": "duplicates"}


def _count(result: StoreResult, row: _Row, outcome: str) -> None:
    field_name = _COUNTERS[outcome]
    setattr(result, field_name, getattr(result, field_name) + 1)
    result.outcomes[row.index] = outcome
    result.article_ids[row.url] = row.article_id


# What one article's values can make the database refuse (a timestamp it cannot read, a CHECK): the article is
# quarantined and the rest of its batch stored. Connection and lock failures are not the article's fault.
_ARTICLE_ERRORS = (psycopg2.DataError, psycopg2.IntegrityError, ValueError, TypeError)


def store_batch(conn, articles: Sequence[dict], *, run_id: str | None = None) -> StoreResult:
    """store_articles, except that an article the database refuses costs only itself: when the batch fails on
    an article's data, the articles are stored one by one and each refused one quarantined (stage 'load',
    reason 'store_refused'), with the error, instead of losing the whole batch."""
    try:
        return store_articles(conn, articles)
    except _ARTICLE_ERRORS:
        pass
    result = StoreResult()
    for art in articles:
        try:
            one = store_articles(conn, [art])
        except _ARTICLE_ERRORS as exc:
            with transaction(conn) as cur:
                quarantine(cur, stage="load", subject=_clean(str(art.get("url"))), reason="store_refused",
                           detail=f"{type(exc).__name__}: {exc}".strip(), payload=art.get("text"), run_id=run_id)
            result.rejected += 1
            result.outcomes.append("rejected")
            continue
        for name in ("stored", "updated", "unchanged", "duplicates", "rejected"):
            setattr(result, name, getattr(result, name) + getattr(one, name))
        result.outcomes += one.outcomes
        result.article_ids.update(one.article_ids)
    return result
