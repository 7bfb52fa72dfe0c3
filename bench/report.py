"""Turn one benchmark run's results into the derived figures, the target check and docs/benchmarks.md."""
from __future__ import annotations


def _get(res: dict, *path, default=None):
    cur = res
    for key in path:
        if not isinstance(cur, dict) or key not in cur or cur[key] is None:
            return default
        cur = cur[key]
    return cur


def derive(res: dict) -> dict:
    out = {}
    crawl, ceiling = _get(res, "crawl", "pages_per_s"), _get(res, "ceiling", "pages_per_s_wall")
    if crawl and ceiling:
        out["crawl_to_ceiling"] = round(crawl / ceiling, 3)
    first, second = _get(res, "crawl", "wall_s"), _get(res, "incremental_crawl", "wall_s")
    if first and second:
        out["incremental_crawl_wall_share"] = round(second / first, 3)
    # the pipeline's processes; the extract benchmark process holds every article at once and is reported apart
    peaks = [p for p in (_get(res, "crawl", "peak_rss_mb"), _get(res, "normalise", "peak_rss_mb")) if p]
    if peaks:
        out["peak_rss_mb"] = max(peaks)
    points = res.get("scales") or []
    base = next((p for p in points if p["factor"] == 1), None)
    if base and base.get("ms_per_article"):
        out["growth"] = {f"x{p['factor']}": round(p["ms_per_article"] / base["ms_per_article"], 3)
                         for p in points if p.get("ms_per_article")}
    return out


def targets(res: dict) -> list[dict]:
    """Each target of the issue with the measured figure; met is None when the figure was not measured."""
    d = res.get("derived") or derive(res)
    air = _get(res, "airflow")
    unchanged_share = _get(air, "second_wall_share") if air else d.get("incremental_crawl_wall_share")
    unchanged_rows = (_get(air, "second", "data_rows_written") if air
                      else _get(res, "incremental_crawl", "data_rows_written"))
    growth = _get(d, "growth", "x16")
    largest = max((p["factor"] for p in res.get("scales") or []), default=None)
    rows = [
        ("crawl / bare-Scrapy ceiling", d.get("crawl_to_ceiling"), ">= 0.6", lambda v: v >= 0.6),
        ("normalisation, articles/s on one core", _get(res, "extract", "one_core_articles_per_s"), ">= 200",
         lambda v: v >= 200),
        ("loading / raw COPY", _get(res, "load", "ratio_to_copy"), ">= 0.5", lambda v: v >= 0.5),
        ("unchanged second run, wall share of first" + (" (Airflow)" if air else " (crawl only)"), unchanged_share,
         "<= 0.10", lambda v: v <= 0.10),
        ("unchanged second run, data rows written" + (" (Airflow)" if air else " (crawl only)"), unchanged_rows,
         "0", lambda v: v == 0),
        ("peak memory of crawl and normalise, MB", d.get("peak_rss_mb"), "<= 500", lambda v: v <= 500),
        ("time per article at 16x / at 1x", growth, "<= 1.3", lambda v: v <= 1.3),
    ]
    out = []
    for name, value, target, ok in rows:
        note = None
        if name.startswith("time per article") and value is None and largest and largest > 1:
            value = _get(d, "growth", f"x{largest}")
            note = f"16x not measured; x{largest} shown"
        out.append({"target": name, "value": value, "wanted": target,
                    "met": None if value is None or note else bool(ok(value)), "note": note})
    return out


def _fmt(v, unit: str = "") -> str:
    if v is None:
        return "not measured"
    if isinstance(v, float):
        v = f"{v:,.3f}" if abs(v) < 1 else f"{v:,.1f}"
    elif isinstance(v, int):
        v = f"{v:,}"
    return f"{v}{unit}"


HEADER = """# Benchmarks

`make bench` (= `.venv/bin/python -m bench.run`) generates a synthetic news site, serves it on 127.0.0.1 and
measures the pipeline against it in one run. This file is rewritten by every run; the JSON with every figure is
`docs/benchmarks.json` (and a timestamped copy in `bench-results/`).

Options: `--quick` (10 feeds x 20 articles, scales 1,2: a smoke run), `--scales 1,4,16`, `--feeds N --per-feed M`,
`--no-airflow`, `--budget-minutes N` (a scale whose projected time does not fit is reported as not measured).
Database: the benchmark creates `incidents_bench_*` databases on the embedded Postgres (or on the server of
`$BENCH_DATABASE_URL` / `$DATABASE_URL`) and drops them; the demo's `incidents` database is never touched.

## Method

- **Site**: N feeds (RSS 2.0) x M articles, generated from templates (real town names from GeoNames, varied
  actors, casualty figures, dates, quotes and background; about 40% describe an incident; 150-800 words), each
  page wrapped in realistic chrome (navigation, cookie banner, "most read", footer, scripts). A separate process
  (asyncio/uvloop, pages pre-rendered) serves it with ETag/Last-Modified and answers conditional GETs with 304.
  Its own rate is measured with a concurrent keep-alive client (aiohttp, 32 connections) in the benchmark
  process, so it is a lower bound.
- **Ceiling**: a bare Scrapy spider (`bench/bare_spider.py`) fetching the same feeds and pages, with a regex for
  the links and nothing else, under the same concurrency settings as the project's crawl.
- **Crawl**: `incidents.crawling.run_crawl` (the `feeds` spider: feed parsing, conditional GET, known-URL skip,
  trafilatura text extraction, `store_articles`) into a fresh database. Both crawls are timed as whole processes
  (start-up included) and with the same settings: the project's politeness defaults (2 per host, 1 s delay,
  AutoThrottle) are overridden because the synthetic site is one host standing for many outlets.
- **Normalisation**: `extract_article` over every stored article in one process (one core), then with a
  `multiprocessing` pool over all cores (workers warmed up first); and `normalize_pending` as deployed (extract +
  load, one transaction per 200 articles).
- **Loading**: the extractor's rows loaded with `load_articles` (set-based: one call and one transaction per 200
  articles, dedup linking included) into a clone of the crawl database, against a `COPY` of the same incident rows (CSV serialisation included) into a scratch
  table with the same columns and no indexes.
- **Airflow**: `news_ingest` run with `airflow dags test` over the whole site into a fresh database, then again over
  the unchanged site. Outside-task share = 1 - (union of task-instance intervals) / wall time, split into before
  the first task (process start, imports, DAG parsing), between tasks and after the last one. The DAG's crawl
  gets the direct crawl's speed settings through INCIDENTS_CRAWL_SETTINGS; everything else runs as deployed.
- **Incremental**: the unchanged site crawled again: feeds answered 304 (counted by the server), article URLs
  skipped as known, rows written (pg_stat_user_tables inserts + updates + deletes) and wall time.
- **Memory**: peak resident set of each measured process and its descendants (the crawl's page-reading workers
  included: the tree's resident memory summed every 20 ms, or the process's own VmHWM if larger), crawl and
  normalise separately.
- **Growth**: crawl + normalise wall time per article at 1x, 4x and 16x the site (more feeds of the same length).
"""


KEEP_HEADING = "## Findings"


def kept_sections(previous_markdown: str) -> str:
    """The hand-written analysis (from "## Findings" on) of the previous file, carried over to the next run's."""
    at = previous_markdown.find("\n" + KEEP_HEADING)
    return previous_markdown[at + 1:] if at >= 0 else ""


def markdown(res: dict, keep: str = "") -> str:
    m = res.get("machine") or {}
    cfg = res.get("config") or {}
    lines = [HEADER, "## Machine", "",
             "| | |", "|---|---|",
             f"| CPU | {m.get('cpu')} |", f"| cores | {m.get('cores')} |", f"| RAM | {m.get('ram_gb')} GB |",
             f"| OS | {m.get('os')} |", f"| Python | {m.get('python')} |", f"| PostgreSQL | {m.get('postgres')} |",
             (f"| load average (1, 5, 15 min) at start / end | {m.get('load_average_at_start')} / "
             f"{m.get('load_average_at_end')} |"),
             "| packages | " + ", ".join(f"{k} {v}" for k, v in (m.get("packages") or {}).items()) + " |",
             "",
             (f"Run {res.get('started_at')} -> {res.get('finished_at')} ({res.get('total_minutes')} min); site "
             f"{cfg.get('feeds')} feeds x {cfg.get('per_feed')} articles = {cfg.get('pages'):,} article pages"
             f"{' (--quick)' if cfg.get('quick') else ''}."),
             "", "## Targets", "", "| target | measured | wanted | met |", "|---|---:|---:|:---:|"]
    for t in res.get("targets") or []:
        met = "n/a" if t["met"] is None else ("yes" if t["met"] else "**no**")
        note = f" ({t['note']})" if t.get("note") else ""
        lines.append(f"| {t['target']}{note} | {_fmt(t['value'])} | {t['wanted']} | {met} |")

    site, ceil, crawl = res.get("site") or {}, res.get("ceiling") or {}, res.get("crawl") or {}
    ext, norm, load = res.get("extract") or {}, res.get("normalise") or {}, res.get("load") or {}
    inc = res.get("incremental_crawl") or {}
    lines += ["", "## Throughput", "", "| measurement | figure |", "|---|---:|",
              (f"| site: pages / size / render time | {_fmt(site.get('pages'))} / {_fmt(site.get('megabytes'))} MB / "
              f"{_fmt(site.get('build_s'))} s |"),
              (f"| site: server rate (32 keep-alive connections, lower bound) | {_fmt(site.get('requests_per_s'))} "
              f"req/s ({_fmt(site.get('mb_per_s'))} MB/s) |"),
              (f"| ceiling: bare Scrapy, pages/s (whole process) | {_fmt(ceil.get('pages_per_s_wall'))} "
              f"({_fmt(ceil.get('pages'))} pages in {_fmt(ceil.get('wall_s'))} s; {_fmt(ceil.get('pages_per_s'))} "
              f"between spider open and close) |"),
              (f"| crawl: project spider, pages/s | {_fmt(crawl.get('pages_per_s'))} ({_fmt(crawl.get('pages'))} pages "
              f"in {_fmt(crawl.get('wall_s'))} s; {_fmt(_get(crawl, 'summary', 'stored'))} articles stored) |"),
              f"| crawl / ceiling | {_fmt(_get(res, 'derived', 'crawl_to_ceiling'))} |",
              (f"| normalisation: extract_article, one core | {_fmt(ext.get('one_core_articles_per_s'))} articles/s "
              f"({_fmt(ext.get('articles'))} articles, {_fmt(ext.get('rows'))} rows; first-call warm-up "
              f"{_fmt(ext.get('warmup_s'))} s) |"),
              (f"| normalisation: extract_article, {ext.get('processes', '?')} processes | "
              f"{_fmt(ext.get('all_cores_articles_per_s'))} articles/s |"),
              (f"| normalisation: normalize_pending (extract + load) | {_fmt(norm.get('articles_per_s'))} articles/s "
              f"({_fmt(norm.get('reports_written'))} reports, {_fmt(norm.get('incidents_touched'))} incidents) |"),
              (f"| loading: load_articles (with dedup linking), incidents/s | {_fmt(_get(load, 'loader', 'rows_per_s'))} "
              f"({_fmt(_get(load, 'loader', 'reports_written'))} rows in {_fmt(_get(load, 'loader', 'seconds'))} s) |"),
              f"| loading: raw COPY, rows/s | {_fmt(_get(load, 'copy', 'rows_per_s'))} |",
              f"| loading / COPY | {_fmt(load.get('ratio_to_copy'))} |",
              "", "## Incremental run (same site, unchanged)", "",
              "| | crawl only | through Airflow |", "|---|---:|---:|"]
    air = res.get("airflow") or {}
    a2 = air.get("second") or {}
    lines += [
        f"| feeds answered 304 | {_fmt(inc.get('feeds_304_share'))} | {_fmt(a2.get('feeds_304_share'))} |",
        (f"| article URLs skipped as known | {_fmt(_get(inc, 'summary', 'skipped_known'))} | "
        f"{_fmt(_get(a2, 'pipeline_run', 'articles_skipped'))} |"),
        (f"| article pages requested | {_fmt(_get(inc, 'server', 'article_200', default=0))} | "
        f"{_fmt(_get(a2, 'server', 'article_200', default=0) if a2 else None)} |"),
        (f"| data rows written (articles, urls, reports, incidents, links, claims) | "
        f"{_fmt(inc.get('data_rows_written'))} | {_fmt(a2.get('data_rows_written'))} |"),
        (f"| all rows written (incl. feed state and run records) | "
        f"{_fmt(sum((inc.get('rows_written') or {}).values()) if inc else None)} | "
        f"{_fmt(sum((a2.get('rows_written') or {}).values()) if a2 else None)} |"),
        (f"| wall time, s (share of the first run) | {_fmt(inc.get('wall_s'))} "
        f"({_fmt(_get(res, 'derived', 'incremental_crawl_wall_share'))}) | {_fmt(a2.get('wall_s'))} "
        f"({_fmt(air.get('second_wall_share'))}) |"),
    ]
    a1 = air.get("first") or {}
    lines += ["", "## End to end through Airflow (news_ingest)", ""]
    if a1:
        site_a = air.get("site") or {}
        lines += [f"Site for the Airflow runs: {site_a.get('feeds')} feeds x {site_a.get('per_feed')} articles"
                  + ("" if air.get("crawl_settings_from_env") else
                     " (the DAG crawls at its deployed politeness, about 1 page/s on this one-host site, so the "
                     "full site would take over an hour; see Findings)") + ".", "",
                  ("| run | exit | status | wall s | inside tasks s | outside tasks share | articles stored | "
                  "incidents loaded |"),
                  "|---|---:|---|---:|---:|---:|---:|---:|"]
        for label, r in (("first", a1), ("second (unchanged site)", a2)):
            if r:
                lines.append(f"| {label} | {r.get('exit_code')} | {_get(r, 'pipeline_run', 'status')} | "
                             f"{_fmt(r.get('wall_s'))} | "
                             f"{_fmt(r.get('inside_tasks_s'))} | {_fmt(r.get('outside_tasks_share'))} | "
                             f"{_fmt(_get(r, 'pipeline_run', 'articles_stored'))} | "
                             f"{_fmt(_get(r, 'pipeline_run', 'incidents_loaded'))} |")
        for label, r in (("first", a1), ("second", a2)):
            tasks = (r or {}).get("tasks") or []
            if tasks:
                lines += ["", f"Task durations of the {label} run (s): " + ", ".join(
                    f"{t['task_id']}{'' if t['map_index'] in (-1, None) else '[' + str(t['map_index']) + ']'} "
                    f"{_fmt(t['duration'])}" for t in tasks)]
            outside = (r or {}).get("outside_tasks_s")
            if outside:
                lines += ["", (f"Outside tasks in the {label} run (s): before the first task "
                               f"{_fmt(outside.get('before_first_task'))}, between tasks "
                               f"{_fmt(outside.get('between_tasks'))}, after the last task "
                               f"{_fmt(outside.get('after_last_task'))}.")]
    else:
        lines.append("not measured: " + str((res.get("not_measured") or {}).get("airflow", "?")))
    lines += ["", "## Memory (peak resident set)", "", "| process | MB |", "|---|---:|",
              f"| crawl (Scrapy process of run_crawl and its page-reading workers) | {_fmt(crawl.get('peak_rss_mb'))} |",
              f"| bare Scrapy ceiling | {_fmt(ceil.get('peak_rss_mb'))} |",
              f"| normalise (normalize_pending process) | {_fmt(norm.get('peak_rss_mb'))} |",
              f"| extract benchmark process (holds every article and its rows) | {_fmt(ext.get('peak_rss_mb'))} |",
              "", "## Cost growth", "",
              ("Crawl: the whole site. Normalise: `normalize_pending` over the first N pending articles of the crawled "
              "database (a fixed-size sample, in a database `scale` times larger)."), "",
              ("| scale | articles | crawl s | ms/article crawl | normalise sample | ms/article normalise | "
               "ms/article total | vs 1x | crawl MB | normalise MB |"),
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    growth = _get(res, "derived", "growth") or {}
    for p in res.get("scales") or []:
        lines.append(f"| x{p['factor']} | {_fmt(p.get('articles'))} | {_fmt(p.get('crawl_s'))} | "
                     f"{_fmt(p.get('crawl_ms_per_article'))} | {_fmt(p.get('normalised_articles'))} | "
                     f"{_fmt(p.get('normalise_ms_per_article'))} | "
                     f"{_fmt(p.get('ms_per_article'))} | {_fmt(growth.get('x' + str(p['factor'])))} | "
                     f"{_fmt(p.get('crawl_peak_rss_mb'))} | {_fmt(p.get('normalise_peak_rss_mb'))} |")
    if res.get("not_measured"):
        lines += ["", "## Not measured", ""]
        lines += [f"- {k}: {v.splitlines()[0][:400] if v else v}" for k, v in res["not_measured"].items()]
    if keep.strip():
        lines += ["", keep.strip()]
    return "\n".join(lines) + "\n"


def summary_lines(res: dict) -> str:
    out = ["benchmark targets:"]
    for t in res.get("targets") or []:
        met = "n/a" if t["met"] is None else ("ok" if t["met"] else "MISSED")
        out.append(f"  {t['target']:<62} {_fmt(t['value']):>14}  (wanted {t['wanted']}) {met}")
    for k, v in (res.get("not_measured") or {}).items():
        out.append(f"  not measured: {k}: {(v or '').splitlines()[0][:160]}")
    return "\n".join(out)
