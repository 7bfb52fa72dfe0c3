"""`make bench` / `python -m bench.run`: every measurement in one run, written to docs/benchmarks.{json,md}.

    python -m bench.run                       # default site: 50 feeds x 100 articles, scales 1,4,16
    python -m bench.run --quick               # a small site and scales 1,2: a minute or two
    python -m bench.run --scales 1,4 --no-airflow --budget-minutes 30

A measurement that fails or does not fit the time budget is recorded as "not measured: <why>" and the rest go on.
The benchmark creates its own databases (incidents_bench_*) on the embedded Postgres (or $BENCH_DATABASE_URL /
the server of $DATABASE_URL) and drops them; the demo's data is never touched.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import machine, phases, report, scratch_db, server
from bench.site import SiteSpec

ROOT = Path(__file__).resolve().parent.parent


def _say(msg: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=50)
    p.add_argument("--per-feed", type=int, default=100)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--scales", default="1,4,16", help="comma-separated multiples of the site size (default 1,4,16)")
    p.add_argument("--quick", action="store_true", help="10 feeds x 20 articles, scales 1,2 (a smoke run)")
    p.add_argument("--no-airflow", action="store_true", help="skip the end-to-end Airflow runs")
    p.add_argument("--sample", type=int, default=1000,
                   help="articles timed for extraction (1 core and all cores) and per-article normalise cost "
                        "(default 1000; 0 = all)")
    p.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                   help="worker processes for the all-cores extraction figure (default: every core)")
    p.add_argument("--no-bytecode-cache", action="store_true",
                   help="leave PYTHONDONTWRITEBYTECODE as it is and skip the import warm-up (the smoke test)")
    p.add_argument("--full-normalise", action="store_true",
                   help="normalise every crawled article, not only the --sample (slow with today's extractor)")
    p.add_argument("--airflow-feeds", type=int, default=None,
                   help="site size for the Airflow runs (default: the full site when the DAG's crawl can be "
                        "told not to wait 1 s per request, else 10 feeds x 20 articles)")
    p.add_argument("--budget-minutes", type=float, default=120,
                   help="skip a scale whose projected time would end the run after this many minutes")
    p.add_argument("--json", default=str(ROOT / "docs" / "benchmarks.json"))
    p.add_argument("--markdown", default=str(ROOT / "docs" / "benchmarks.md"))
    p.add_argument("--results-dir", default=str(ROOT / "bench-results"),
                   help="a timestamped copy of every run's JSON goes here")
    args = p.parse_args(argv)
    if args.quick:
        args.feeds, args.per_feed = 10, 20
        args.sample = min(args.sample, 100)
        if args.scales == "1,4,16":
            args.scales = "1,2"
    args.scales = sorted({int(s) for s in str(args.scales).split(",") if s.strip()})
    return args


class Bench:
    def __init__(self, args):
        self.args = args
        self.t0 = time.perf_counter()
        self.results: dict = {"started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                              "not_measured": {}}

    def step(self, name: str, fn, *a, **kw):
        """Run one measurement; a failure is recorded as not measured, with the reason, and the run goes on."""
        _say(f"{name} ...")
        t0 = time.perf_counter()
        try:
            value = fn(*a, **kw)
        except Exception as exc:  # noqa: BLE001 - the benchmark reports what it could not measure and goes on
            self.results["not_measured"][name] = f"{type(exc).__name__}: {str(exc)[:1500]}"
            _say(f"{name}: not measured: {type(exc).__name__}: {str(exc)[:300]}")
            traceback.print_exc(limit=3)
            return None
        self.results[name] = value
        _say(f"{name}: done in {time.perf_counter() - t0:.1f}s")
        return value

    def elapsed_min(self) -> float:
        return (time.perf_counter() - self.t0) / 60


def main(argv=None) -> int:
    args = parse_args(argv)
    spec = SiteSpec(args.feeds, args.per_feed, args.seed)
    bench = Bench(args)
    res = bench.results
    admin = scratch_db.admin_url()  # may start the embedded cluster under the usual data dir
    from incidents import config

    bench_dir = config.data_dir() / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    # crawl logs and the benchmark's Airflow home live apart from the demo's
    os.environ["INCIDENTS_DATA_DIR"] = str(bench_dir)
    bytecode = "left as the environment has it"
    if not args.no_bytecode_cache:
        bytecode = use_bytecode_cache(bench_dir)
        _say("warming the bytecode cache (imports of every process the benchmark starts) ...")
        warm_imports()
    res["machine"] = machine.describe(scratch_db.server_version(admin))
    res["config"] = {"feeds": spec.feeds, "per_feed": spec.per_feed, "pages": spec.pages, "seed": spec.seed,
                     "incident_share": spec.incident_share, "scales": args.scales,
                     "crawl_settings": phases.CRAWL_SETTINGS, "quick": args.quick, "bytecode_cache": bytecode}
    _say(f"site {spec.feeds} feeds x {spec.per_feed} articles; database server {scratch_db.redact(admin)}")

    with tempfile.TemporaryDirectory(prefix="bench-", dir=bench_dir) as tmp:
        work = Path(tmp)
        db = scratch_db.create(admin)
        try:
            with server.start(spec) as rs:
                bench.step("site", phases.site_rate, rs)
                bench.step("ceiling", phases.ceiling, rs, work)
                crawled = bench.step("crawl", phases.crawl, rs, db, work, run_id="bench-crawl-1")
                extracted = (bench.step("extract", phases.extract, db, work, sample=args.sample,
                                        processes=args.processes)
                             if crawled else None)
                if extracted:
                    bench.step("load", phases.load, admin, db, extracted["rows_file"], work)
                if crawled:
                    bench.step("normalise", phases.normalise, db, work, first_n=args.sample,
                               only_first=not args.full_normalise)
                    bench.step("incremental_crawl", phases.crawl, rs, db, work, run_id="bench-crawl-2")
            if not args.no_airflow:
                bench.step("airflow", airflow_pair, spec, admin, work, bench_dir, args.airflow_feeds)
            else:
                res["not_measured"]["airflow"] = "skipped (--no-airflow)"
        finally:
            scratch_db.drop(admin, db)
        scales(bench, spec, admin, work)

    res["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    res["total_minutes"] = round(bench.elapsed_min(), 1)
    res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    res["derived"] = report.derive(res)
    res["targets"] = report.targets(res)
    write(res, args)
    return 0


def use_bytecode_cache(bench_dir: Path) -> str:
    """Let the benchmark's processes cache compiled bytecode, as any deployment does.

    With PYTHONDONTWRITEBYTECODE set (some sandboxes set it) every process compiles Scrapy, trafilatura, Airflow
    and the project from source at start-up, which a profile of the crawl put at ~9 s per process: that would
    be charged to every crawl, every Airflow task and the unchanged second run. The cache goes under the
    benchmark's data directory (PYTHONPYCACHEPREFIX), so the source tree stays clean.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "default"
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = str(bench_dir / "pycache")
    return f"PYTHONDONTWRITEBYTECODE was set: unset for the benchmark, cache in {bench_dir / 'pycache'}"


WARM_MODULES = ("scrapy.crawler", "scrapy.commands.crawl", "twisted.internet.asyncioreactor", "trafilatura",
                "feedparser", "psycopg2.extras", "aiohttp", "incidents.crawling", "incidents.pages",
                "incidents.normalize", "incidents.extract", "incidents.pipeline", "scrapers.settings",
                "scrapers.spiders.feeds", "scrapers.pipelines", "bench.bare_spider", "bench.extract_step",
                "airflow.sdk", "airflow.cli.commands.dag_command", "airflow.sdk.execution_time.task_runner")


def warm_imports() -> None:
    """Import, in a throwaway process, what the measured processes import, so no measurement pays to compile
    it (a missing module is skipped: the step that needs it reports the error)."""
    import subprocess

    from bench.proc import child_env

    code = (f"import importlib\nfor m in {WARM_MODULES!r}:\n    try:\n        importlib.import_module(m)\n"
            "    except Exception:\n        pass\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


def airflow_pair(spec: SiteSpec, admin: str, work: Path, bench_dir: Path, feeds: int | None) -> dict:
    """The first news_ingest run over the site, then the same site again unchanged.

    The DAG crawls with the deployed politeness (at least DOWNLOAD_DELAY = 1 s between requests to one host, as
    AutoThrottle never goes below it), and the synthetic site is one host: the full default site would take
    well over an hour. Unless the crawl accepts settings from the environment (INCIDENTS_CRAWL_SETTINGS), the
    Airflow runs use a small site and say so.
    """
    from incidents.airflow_runner import last_complete_hour

    knob = phases.crawl_settings_knob()
    if feeds is not None:
        air_spec = SiteSpec(feeds, spec.per_feed if knob else min(spec.per_feed, 20), spec.seed, spec.incident_share)
    elif knob:
        air_spec = spec
    else:
        air_spec = SiteSpec(min(spec.feeds, 10), min(spec.per_feed, 20), spec.seed, spec.incident_share)
    hour = last_complete_hour()
    with server.start(air_spec) as rs, scratch_db.scratch(admin) as db:
        first = phases.airflow_run(rs, db, work, logical_date=hour - dt.timedelta(hours=1),
                                   airflow_home=bench_dir / "airflow")
        second = phases.airflow_run(rs, db, work, logical_date=hour, airflow_home=bench_dir / "airflow")
    return {"site": {"feeds": air_spec.feeds, "per_feed": air_spec.per_feed, "pages": air_spec.pages},
            "crawl_settings_from_env": knob, "first": first, "second": second,
            "second_wall_share": round(second["wall_s"] / first["wall_s"], 3) if first["wall_s"] else None}


def scales(bench: Bench, spec: SiteSpec, admin: str, work: Path) -> None:
    res = bench.results
    points = []
    base = None
    if res.get("crawl") and res.get("normalise"):
        base = phases.scale_row(1, res["crawl"], res["normalise"])
    for factor in bench.args.scales:
        if factor == 1:
            if base:
                points.append(base)
            continue
        crawl_s = (points[-1]["crawl_ms_per_article"] / 1000) if points else None
        if crawl_s is not None:
            norm_min = (points[-1]["normalise_ms_per_article"] or 0) * (points[-1]["normalised_articles"] or 0) / 6e4
            projected_min = crawl_s * spec.pages * factor * 1.15 / 60 + norm_min * 1.15 + 0.5
            left = bench.args.budget_minutes - bench.elapsed_min()
            if projected_min > left:
                res["not_measured"][f"scale_x{factor}"] = (
                    f"projected {projected_min:.0f} min (from the x{points[-1]['factor']} time per article) exceeds "
                    f"the {left:.0f} min left of the --budget-minutes {bench.args.budget_minutes:.0f}")
                _say(f"scale x{factor}: skipped, {res['not_measured'][f'scale_x{factor}']}")
                continue
        point = bench.step(f"scale_x{factor}", phases.scale_point, spec, admin, work, factor,
                           normalise_n=bench.args.sample)
        if point:
            points.append(point)
            res.pop(f"scale_x{factor}", None)
    res["scales"] = points


def write(res: dict, args) -> None:
    text = json.dumps(res, indent=2, default=str)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(text + "\n")
    results_dir = Path(args.results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (results_dir / f"bench-{stamp}{'-quick' if args.quick else ''}.json").write_text(text + "\n")
    md_path = Path(args.markdown)
    previous = md_path.read_text(encoding="utf-8") if md_path.exists() else ""
    md_path.write_text(report.markdown(res, keep=report.kept_sections(previous)), encoding="utf-8")
    _say(f"results: {args.json}, {args.markdown}")
    print(report.summary_lines(res))


if __name__ == "__main__":
    sys.exit(main())
