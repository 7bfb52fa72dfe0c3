"""The project's normalise step as it runs in production (normalize_pending: extract + load, one transaction
per batch), in its own process so its wall time and peak memory are its own.

    python -m bench.normalise_step DATABASE_URL RESULT_JSON
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
    conn = psycopg2.connect(url)
    t0 = time.perf_counter()
    result = normalize_pending(conn)
    seconds = time.perf_counter() - t0
    conn.close()
    out = {**result.as_dict(), "seconds": round(seconds, 3),
           "articles_per_s": round(result.articles / seconds, 1) if seconds else None,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    Path(result_path).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
