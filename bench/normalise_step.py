"""The project's normalise step as it runs in production (normalize_pending: extract + load, one transaction
per batch), in its own process so its wall time and peak memory are its own.

    python -m bench.normalise_step DATABASE_URL RESULT_JSON [FIRST_N [only]]

With FIRST_N, the first FIRST_N pending articles are timed on their own (the per-article figure the scale
comparison uses), then the rest unless `only` is given.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import psycopg2

from incidents.normalize import normalize_pending


def main(argv: list[str]) -> int:
    url, result_path = argv[:2]
    first_n = int(argv[2]) if len(argv) > 2 else None
    only_first = len(argv) > 3 and argv[3] == "only"
    from bench.extract_step import _warm

    t0 = time.perf_counter()
    _warm()  # the extractor's one-off start-up (gazetteer, dictionaries) is reported apart from its rate
    warmup_s = time.perf_counter() - t0
    conn = psycopg2.connect(url)
    first = None
    t0 = time.perf_counter()
    if first_n:
        part = normalize_pending(conn, limit=first_n)
        first_s = time.perf_counter() - t0
        first = {"articles": part.articles, "seconds": round(first_s, 3),
                 "ms_per_article": round(1000 * first_s / part.articles, 3) if part.articles else None}
    if only_first:
        result = part
    else:
        result = normalize_pending(conn)
        if first_n:
            for key, value in part.as_dict().items():
                setattr(result, key, getattr(result, key) + value)
    seconds = time.perf_counter() - t0
    conn.close()
    out = {**result.as_dict(), "seconds": round(seconds, 3), "first": first, "warmup_s": round(warmup_s, 2),
           "articles_per_s": round(result.articles / seconds, 1) if seconds else None,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    Path(result_path).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
