"""The normalise step: extract incidents from stored articles that are pending (or extracted by an older
extractor version) and load them, one transaction per batch.

Batches are claimed with FOR UPDATE SKIP LOCKED so two overlapping runs split the work instead of doing it twice.
An article whose extraction raises is quarantined with the error and marked as seen by this version, so it is
retried only when the extractor changes; the rest of its batch loads normally. A batch's rows are loaded with one
set-based call (`load_articles`); if the database rejects one article's data, the batch's rows are loaded again
one article at a time so that only that article is quarantined.
"""
from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import psycopg2

from incidents.db import transaction
from incidents.load.incidents import load_articles
from incidents.load.quarantine import quarantine

log = logging.getLogger(__name__)

DEFAULT_BATCH = 200
# The extractor's cost grows faster than linearly with article length (several rules compare every sentence with
# every mention), so a 5 MB page served as an article would stall the hourly run for minutes. Real articles are
# under ~30,000 characters; longer text is extracted from its first MAX_EXTRACT_CHARS only (evidence offsets stay
# valid: they index the same prefix of articles.text).
MAX_EXTRACT_CHARS = 60_000


@dataclass
class NormalizeResult:
    articles: int = 0
    failed: int = 0
    reports_written: int = 0
    reports_unchanged: int = 0
    reports_removed: int = 0
    aggregates_written: int = 0
    rejected: int = 0
    incidents_touched: int = 0
    truncated: int = 0   # articles longer than MAX_EXTRACT_CHARS, extracted from their beginning

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _extractor():
    from incidents.extract import EXTRACTOR_VERSION, extract_article

    return extract_article, EXTRACTOR_VERSION


def article_payload(row: tuple) -> dict:
    article_id, url, title, text, published_at, fetched_at, language, source = row
    reference = published_at or fetched_at
    return {"id": str(article_id), "url": url, "title": title or "", "text": text,
            "published_at": reference.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "language": language or "en", "source": source or ""}


def normalize_pending(conn, *, batch_size: int = DEFAULT_BATCH, run_id: str | None = None,
                      fetched_before: dt.datetime | None = None, limit: int | None = None,
                      progress: Callable[[NormalizeResult], None] | None = None,
                      extractor: tuple[Callable, str] | None = None) -> NormalizeResult:
    """Extract and load every pending article; returns the totals.

    Pending = never extracted, or extracted by a version other than the current one. `fetched_before` bounds
    the work to a data interval.
    """
    extract_article, version = extractor or _extractor()
    total = NormalizeResult()
    while limit is None or total.articles < limit:
        size = batch_size if limit is None else min(batch_size, limit - total.articles)
        with transaction(conn) as cur:
            cur.execute(
                """SELECT article_id, url, title, text, published_at, fetched_at, language, source_name
                     FROM articles
                    WHERE extractor_version IS DISTINCT FROM %(v)s
                      AND (%(before)s::timestamptz IS NULL OR fetched_at < %(before)s)
                    ORDER BY article_id
                    LIMIT %(n)s
                      FOR UPDATE SKIP LOCKED""",
                {"v": version, "before": fetched_before, "n": size},
            )
            rows = cur.fetchall()
            if not rows:
                break
            extracted = [(row[0], _extract(row, extract_article, run_id, total, cur), _published(row))
                         for row in rows]
            _load(cur, [e for e in extracted if e[1] is not None], version, run_id, total)
            cur.execute("UPDATE articles SET extractor_version = %s, extracted_at = now() WHERE article_id = ANY(%s)",
                        (version, [row[0] for row in rows]))
        if progress:
            progress(total)
    return total


def _article_fault(exc: BaseException) -> bool:
    """Whether an error loading one article's rows is about that article's data (quarantine it and go on) rather
    than about the database (a lock or statement timeout, a dropped connection, a read-only or full database),
    which must abort the batch: quarantining then would mark the article done and lose it until the next
    extractor version."""
    if not isinstance(exc, psycopg2.Error):
        return True  # a Python error on a malformed row value
    return isinstance(exc, (psycopg2.DataError, psycopg2.IntegrityError))


def normalize_one(cur, row, extract_article, version, run_id, total: NormalizeResult) -> None:
    """Extract and load one article inside the caller's transaction (shared with reprocessing).

    `row` is (article_id, url, title, text, published_at, fetched_at, language, source_name); totals accumulate
    into `total`. Never raises for a bad article: it is quarantined and marked as seen by `version`.
    """
    rows = _extract(row, extract_article, run_id, total, cur)
    if rows is not None:
        _load(cur, [(row[0], rows, _published(row))], version, run_id, total)
    cur.execute("UPDATE articles SET extractor_version = %s, extracted_at = now() WHERE article_id = %s",
                (version, row[0]))


def _published(row) -> dt.date | None:
    return (row[4] or row[5]).date() if (row[4] or row[5]) else None


def _extract(row, extract_article, run_id, total: NormalizeResult, cur) -> list | None:
    """The article's rows, or None (quarantined) when the extractor raised on it."""
    article = article_payload(row)
    article_id = row[0]
    total.articles += 1
    if len(article["text"]) > MAX_EXTRACT_CHARS:
        total.truncated += 1
        cut = article["text"].rfind(" ", MAX_EXTRACT_CHARS // 2, MAX_EXTRACT_CHARS)
        article["text"] = article["text"][:cut if cut > 0 else MAX_EXTRACT_CHARS]
    try:
        return extract_article(article)
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one article must not lose its batch
        total.failed += 1
        quarantine(cur, stage="extract", subject=f"article:{article_id}", reason=type(exc).__name__,
                   detail="".join(traceback.format_exception_only(exc)).strip()[:2000],
                   payload=article["text"], article_id=article_id, run_id=run_id)
        return None


def _load(cur, batch: list[tuple], version, run_id, total: NormalizeResult) -> None:
    """Load a batch's rows with one set-based call. When the database rejects them because of one article's data,
    undo the call and load the articles one at a time, so only the faulty one is quarantined."""
    if not batch:
        return
    cur.execute("SAVEPOINT article_rows")
    try:
        loaded = load_articles(cur, batch, version=version, run_id=run_id)
        cur.execute("RELEASE SAVEPOINT article_rows")
    except Exception as exc:
        if not _article_fault(exc):
            raise  # the database, not the article, failed: let the whole batch roll back and be retried
        cur.execute("ROLLBACK TO SAVEPOINT article_rows")
        if len(batch) > 1:
            for one in batch:
                _load(cur, [one], version, run_id, total)
            return
        # a database error on one article's rows: undo just those rows and quarantine the article
        total.failed += 1
        quarantine(cur, stage="load", subject=f"article:{batch[0][0]}", reason=type(exc).__name__,
                   detail=str(exc)[:2000], article_id=batch[0][0], run_id=run_id)
        return
    for result in loaded:
        total.reports_written += result.reports_written
        total.reports_unchanged += result.reports_unchanged
        total.reports_removed += result.reports_removed
        total.aggregates_written += result.aggregates_written
        total.rejected += result.rejected
        total.incidents_touched += len(result.incidents_touched)
