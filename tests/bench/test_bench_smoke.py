"""`make bench` in miniature: every measurement runs end to end on a tiny site (correctness only, no timing
assertions). Airflow is left out here; tests/dags covers the DAG itself."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


def test_tiny_benchmark_measures_everything(pg_admin_url, tmp_path, monkeypatch):
    from bench import run

    monkeypatch.setenv("BENCH_DATABASE_URL", pg_admin_url)
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))  # run.main re-points it; restored after
    monkeypatch.delenv("DATABASE_URL", raising=False)
    out_json, out_md = tmp_path / "b.json", tmp_path / "b.md"
    code = run.main(["--feeds", "2", "--per-feed", "4", "--scales", "1", "--sample", "6", "--no-airflow",
                     "--processes", "1", "--no-bytecode-cache", "--json", str(out_json), "--markdown", str(out_md),
                     "--results-dir", str(tmp_path / "r")])
    assert code == 0
    res = json.loads(out_json.read_text())
    assert res["not_measured"] == {"airflow": "skipped (--no-airflow)"}

    # both spiders fetched exactly the site: 2 feeds + 8 articles
    assert res["ceiling"]["pages"] == 10 and res["ceiling"]["non_200"] == 0
    assert res["crawl"]["pages"] == 10
    assert res["crawl"]["summary"]["stored"] == 8
    assert res["crawl"]["data_rows_written"] > 0

    # the same site again: every feed answers 304, no page is requested, nothing is written
    inc = res["incremental_crawl"]
    assert inc["feeds_304_share"] == 1.0
    assert inc["server"].get("article_200", 0) == 0
    assert inc["data_rows_written"] == 0

    # extraction timed on the sample, loading compared with COPY of the same rows
    assert res["extract"]["articles"] == 6 and res["extract"]["articles_stored"] == 8
    load = res["load"]
    assert load["copy"]["copied"] == load["copy"]["rows"] == load["loader"]["reports_written"]
    assert res["normalise"]["first"]["articles"] == 6
    assert res["scales"][0]["factor"] == 1 and res["scales"][0]["articles"] == 8

    md = out_md.read_text()
    assert "## Targets" in md and res["machine"]["cpu"] in md and "PostgreSQL" in md
    assert len(list((tmp_path / "r").glob("bench-*.json"))) == 1

    # the benchmark dropped every database it created
    import psycopg2

    conn = psycopg2.connect(pg_admin_url)
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'incidents_bench_%'")
        assert cur.fetchone()[0] == 0
    conn.close()
