"""Loading throughput: the project's loader (load_articles, one call and one transaction per batch of articles) against
a raw COPY of the same incident rows into a scratch table with the same columns and no indexes or constraints.

    python -m bench.load_step DATABASE_URL ROWS_PICKLE RESULT_JSON [BATCH_ARTICLES]

The database must hold the articles (a clone of the crawl's database) with no incidents loaded yet.
"""
from __future__ import annotations

import csv
import io
import json
import pickle
import sys
import time
from pathlib import Path

import psycopg2

from incidents import contract
from incidents.load.incidents import REPORT_COLUMNS, _report_values, load_articles, report_key

SCRATCH = "bench_copy_reports"


def run_loader(conn, articles, version: str, batch: int) -> dict:
    totals = {"articles": 0, "rows_in": 0, "reports_written": 0, "aggregates_written": 0, "rejected": 0}
    t0 = time.perf_counter()
    for start in range(0, len(articles), batch):
        # one call per transaction, as the normalise step loads (load_article_rows is the one-article form)
        chunk = [(article_id, rows, published) for article_id, published, rows in articles[start:start + batch]
                 if rows is not None]
        with conn.cursor() as cur:
            for (_, rows, _), res in zip(chunk, load_articles(cur, chunk, version=version), strict=True):
                totals["articles"] += 1
                totals["rows_in"] += len(rows)
                totals["reports_written"] += res.reports_written
                totals["aggregates_written"] += res.aggregates_written
                totals["rejected"] += res.rejected
        conn.commit()
    seconds = time.perf_counter() - t0
    # the rate counts incident rows (what COPY writes too); aggregate claims ride along in the loader's time
    return {**totals, "seconds": round(seconds, 3), "batch_articles": batch,
            "rows_per_s": round(totals["reports_written"] / seconds, 1) if seconds else None}


def copy_rows(conn, articles, version: str) -> dict:
    """COPY the event rows the loader accepted, serialised to CSV in this timing too (the loader pays for its
    own serialisation)."""
    cols = ("report_key", "article_id", *REPORT_COLUMNS)
    with conn.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
        # the same columns and types, no constraints, defaults or indexes: the floor for writing these rows
        cur.execute(f"CREATE TABLE {SCRATCH} AS SELECT {', '.join(cols)} FROM incident_reports WITH NO DATA")
    conn.commit()
    t0 = time.perf_counter()
    buf = io.StringIO()
    writer = csv.writer(buf)
    n = 0
    for article_id, published, rows in articles:
        keys = set()
        for row in rows or ():
            if row.get("kind") != "event" or contract.problems(row, published=published):
                continue
            key = report_key(article_id, row)
            if key in keys:  # the loader keeps one row per report key too
                continue
            keys.add(key)
            values = (key, article_id, *_report_values(row, version))
            writer.writerow(["\\N" if v is None else v for v in values])
            n += 1
    buf.seek(0)
    with conn.cursor() as cur:
        cur.copy_expert(f"COPY {SCRATCH} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buf)
    conn.commit()
    seconds = time.perf_counter() - t0
    with conn.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {SCRATCH}")
        copied = cur.fetchone()[0]
        cur.execute(f"DROP TABLE {SCRATCH}")
    conn.commit()
    return {"rows": n, "copied": copied, "seconds": round(seconds, 4),
            "rows_per_s": round(n / seconds, 1) if seconds else None}


def main(argv: list[str]) -> int:
    url, rows_path, result_path = argv[:3]
    batch = int(argv[3]) if len(argv) > 3 else 200
    with open(rows_path, "rb") as fh:
        data = pickle.load(fh)
    conn = psycopg2.connect(url)
    try:
        loader = run_loader(conn, data["articles"], data["version"], batch)
        raw = copy_rows(conn, data["articles"], data["version"])
    finally:
        conn.close()
    ratio = (loader["rows_per_s"] / raw["rows_per_s"]) if loader["rows_per_s"] and raw["rows_per_s"] else None
    Path(result_path).write_text(json.dumps({"loader": loader, "copy": raw,
                                             "ratio_to_copy": round(ratio, 3) if ratio else None}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
