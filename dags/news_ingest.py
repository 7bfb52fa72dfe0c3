"""
### news_ingest: news feeds -> articles -> incidents, every hour

`plan` syncs the feed registry and splits the enabled feeds into batches; `crawl` runs once per batch (dynamic
task mapping, each batch a Scrapy crawl in its own process, in the `incidents_crawl` pool so crawls never take
every worker slot from the load steps); `normalize` extracts and loads incidents from the articles fetched up to
the end of this run's data interval or crawl; `check_quality` records data-quality failures and fails when any is
open; `refresh_views` updates the analysts' materialised views; `finish` writes the run's totals and status to
`pipeline_runs` and fails the DAG run when the run was only partial.

A failed batch fails only its own task: the later steps run regardless (trigger rule `all_done`) and `finish`
reports the failed batches. Every step writes keyed rows, so re-running or clearing an interval gives the same
rows.

Configuration (environment, or Airflow variables `incidents_*` for the runtime ones): `INCIDENTS_INGEST_SCHEDULE`
(cron, default hourly), `INCIDENTS_CATCHUP`, `INCIDENTS_MAX_ACTIVE_RUNS`, `INCIDENTS_TASK_RETRIES`,
`INCIDENTS_CRAWL_POOL`, `INCIDENTS_SOURCES`, `INCIDENTS_ALLOW_HOSTS`, `INCIDENTS_FEEDS_PER_BATCH`,
`INCIDENTS_MAX_CRAWL_BATCHES`; the database from `DATABASE_URL`, `AIRFLOW_CONN_INCIDENTS_DB` or the connection
`incidents_db`. See docs/operations.md.
"""
from __future__ import annotations

import datetime as dt

from _incidents_settings import database_url, default_args, env, env_bool, env_int, env_minutes, runtime
from airflow.sdk import dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

CRAWL_POOL = env("crawl_pool", "incidents_crawl")
CRAWL_TIMEOUT = env_minutes("crawl_timeout_minutes", 20)


def _run_info() -> dict:
    ctx = get_current_context()
    return {"run_id": ctx["run_id"], "dag_id": ctx["dag"].dag_id,
            "interval_start": ctx["data_interval_start"], "interval_end": ctx["data_interval_end"]}


@dag(
    dag_id="news_ingest",
    schedule=CronDataIntervalTimetable(env("ingest_schedule", "0 * * * *"), timezone="UTC"),
    start_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    catchup=env_bool("catchup", False),
    max_active_runs=env_int("max_active_runs", 1),
    dagrun_timeout=env_minutes("dagrun_timeout_minutes", 120),
    default_args=default_args(),
    doc_md=__doc__,
    tags=["incidents"],
)
def news_ingest():
    @task(execution_timeout=env_minutes("plan_timeout_minutes", 10))
    def plan() -> list[dict]:
        """Start the pipeline_runs record, sync the registry, and split the enabled feeds into crawl batches
        (bounded so the mapped crawl stays far below Airflow's max_map_length)."""
        from incidents import pipeline

        info = _run_info()
        return pipeline.plan_run(
            **info, sources_file=runtime("sources"), database_url=database_url(),
            feeds_per_batch=int(runtime("feeds_per_batch", str(pipeline.DEFAULT_FEEDS_PER_BATCH))),
            max_batches=int(runtime("max_crawl_batches", str(pipeline.DEFAULT_MAX_BATCHES))))

    @task(pool=CRAWL_POOL, execution_timeout=CRAWL_TIMEOUT,
          map_index_template="batch {{ task.op_kwargs['batch']['batch_no'] }}")
    def crawl(batch: dict) -> dict:
        """Crawl one batch of feeds in its own process; fails (after recording) when any of its feeds failed."""
        from incidents import pipeline

        # the crawl subprocess gets a deadline just inside the task's, so it is stopped and recorded, not orphaned
        return pipeline.crawl_batch(batch, run_id=get_current_context()["run_id"],
                                    allow_hosts=pipeline.split_list(runtime("allow_hosts")),
                                    database_url=database_url(),
                                    timeout_s=max(60.0, CRAWL_TIMEOUT.total_seconds() - 60))

    @task(trigger_rule="all_done", execution_timeout=env_minutes("normalize_timeout_minutes", 50))
    def normalize() -> dict:
        """Extract incidents from the pending articles this run is responsible for and load them, batch by
        batch."""
        from incidents import pipeline

        info = _run_info()
        return pipeline.normalize_run(run_id=info["run_id"], interval_end=info["interval_end"],
                                      database_url=database_url())

    @task(trigger_rule="all_done", retries=0)
    def check_quality() -> dict:
        """Run the data-quality checks; record failures in quality_failures and fail when any is open."""
        from incidents import pipeline

        return pipeline.check_quality(run_id=get_current_context()["run_id"], database_url=database_url())

    @task(trigger_rule="all_done")
    def refresh_views() -> dict:
        """Refresh the analysts' materialised views, whatever happened upstream (loaded rows are committed)."""
        from incidents import pipeline

        return pipeline.refresh_views(run_id=get_current_context()["run_id"], database_url=database_url())

    @task(trigger_rule="all_done", retries=0)
    def finish() -> dict:
        """Write the run's totals and status (success, partial, failed) to pipeline_runs; fail unless success."""
        from airflow.exceptions import AirflowFailException

        from incidents import pipeline

        result = pipeline.finish_run(run_id=get_current_context()["run_id"], database_url=database_url())
        if result["status"] != "success":
            raise AirflowFailException(f"run {result['status']}: {result}")
        return result

    batches = plan()
    crawled = crawl.expand(batch=batches)
    normalized = normalize()
    quality = check_quality()
    views = refresh_views()
    crawled >> normalized >> quality >> views >> finish()


news_ingest()
