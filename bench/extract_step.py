"""Normalisation throughput without the database: extract_article over the crawled articles, on one core and
on all cores (multiprocessing), in its own process so its peak memory is its own.

    python -m bench.extract_step DATABASE_URL ROWS_PICKLE RESULT_JSON [PROCESSES [SAMPLE]]

SAMPLE (0 = all) bounds the number of articles timed: every k-th article, so the sample spans all feeds.
Writes the timed articles' extractor output to ROWS_PICKLE (the input of the loading step).
"""
from __future__ import annotations

import json
import os
import pickle
import resource
import sys
import time
from pathlib import Path

import psycopg2

from incidents.normalize import article_payload


def read_articles(url: str) -> list[tuple[dict, object]]:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("""SELECT article_id, url, title, text, published_at, fetched_at, language, source_name
                             FROM articles ORDER BY article_id""")
            return [(article_payload(row), (row[4] or row[5]).date()) for row in cur.fetchall()]
    finally:
        conn.close()


def _warm(_=None) -> None:
    # first call loads the gazetteer and dictionaries: a one-off per process, timed separately
    from incidents.extract import extract_article

    extract_article({"id": "0", "url": "", "title": "", "text": "Gunmen killed two people in Mopti on Monday.",
                     "published_at": "2026-03-03T00:00:00Z", "language": "en", "source": ""})


def _extract(article: dict) -> list[dict]:
    from incidents.extract import extract_article

    return extract_article(article)


def main(argv: list[str]) -> int:
    url, rows_path, result_path = argv[:3]
    processes = int(argv[3]) if len(argv) > 3 else (os.cpu_count() or 1)
    sample = int(argv[4]) if len(argv) > 4 else 0
    articles = read_articles(url)
    stored = len(articles)
    if sample and len(articles) > sample:
        step = len(articles) / sample
        articles = [articles[int(i * step)] for i in range(sample)]
    t0 = time.perf_counter()
    _warm()
    warm_s = time.perf_counter() - t0

    from incidents.extract import EXTRACTOR_VERSION

    t0 = time.perf_counter()
    out, failed = [], 0
    for article, published in articles:
        try:
            rows = _extract(article)
        except Exception:  # noqa: BLE001 - counted, as normalize_pending would quarantine it
            failed += 1
            rows = None
        out.append((int(article["id"]), published, rows))
    one_core_s = time.perf_counter() - t0
    result = {"articles": len(articles), "articles_stored": stored, "failed": failed, "warmup_s": round(warm_s, 2),
              "one_core_s": round(one_core_s, 3),
              "one_core_articles_per_s": round(len(articles) / one_core_s, 1) if one_core_s else None,
              "rows": sum(len(r) for _, _, r in out if r), "extractor_version": EXTRACTOR_VERSION,
              "incident_articles": sum(1 for _, _, r in out if r),
              "peak_rss_mb_one_core": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    with open(rows_path, "wb") as fh:
        pickle.dump({"version": EXTRACTOR_VERSION, "articles": out}, fh)

    if processes > 1 and articles:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        payloads = [a for a, _ in articles]
        with ctx.Pool(processes, initializer=_warm) as pool:
            pool.map(_warm, range(processes))  # every worker warm before the clock starts
            t0 = time.perf_counter()
            chunk = max(1, min(50, len(payloads) // (processes * 8) or 1))
            n = sum(1 for _ in pool.imap_unordered(_safe_extract, payloads, chunksize=chunk))
            all_s = time.perf_counter() - t0
        result.update({"processes": processes, "all_cores_s": round(all_s, 3),
                       "all_cores_articles_per_s": round(n / all_s, 1) if all_s else None,
                       "peak_rss_mb_worker": round(
                           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)})
    Path(result_path).write_text(json.dumps(result, indent=2))
    return 0


def _safe_extract(article: dict) -> int:
    try:
        return len(_extract(article))
    except Exception:  # noqa: BLE001 - a failed article counts as one, like the single-core loop
        return -1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
