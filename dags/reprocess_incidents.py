"""
### reprocess_incidents: re-derive incidents from stored articles

Triggered by hand (or by a deployment of a new extractor). Re-runs extraction over the stored articles published
between `start_date` and `end_date` (inclusive; either may be empty), and, with `only_outdated` (the default),
only over those last extracted by another extractor version than the deployed one.

The work is split into ranges of `chunk_days` days; each range is replaced in **one transaction**, so analysts
see either the old or the new incidents of a range, never a mix, and the ranges run one at a time. Incident ids
stay stable where the event is the same (same report key, or the same evidence sentence re-described), so what
analysts attached to an incident stays with it. Then the data-quality checks run and the analysts' views are
refreshed; the run is recorded in `pipeline_runs` with `dag_id = reprocess_incidents`.
"""
from __future__ import annotations

import datetime as dt

from _incidents_settings import database_url, default_args, env_minutes
from airflow.sdk import Param, dag, get_current_context, task


@dag(
    dag_id="reprocess_incidents",
    schedule=None,
    start_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    params={
        "start_date": Param(None, type=["null", "string"], format="date",
                            description="first publication date to reprocess (empty: no lower bound)"),
        "end_date": Param(None, type=["null", "string"], format="date",
                          description="last publication date to reprocess, inclusive (empty: no upper bound)"),
        "only_outdated": Param(True, type="boolean",
                               description="only articles extracted by another extractor version"),
        "chunk_days": Param(7, type="integer", minimum=1, description="days per atomic range"),
    },
    doc_md=__doc__,
    tags=["incidents"],
)
def reprocess_incidents():
    @task
    def plan() -> list[dict]:
        """Record the run and list the ranges that hold selected articles."""
        from incidents import reprocess

        ctx = get_current_context()
        p = ctx["params"]
        return reprocess.plan_run(run_id=ctx["run_id"], dag_id=ctx["dag"].dag_id, start=p["start_date"],
                                  end=p["end_date"], only_outdated=p["only_outdated"],
                                  chunk_days=int(p["chunk_days"]), database_url=database_url())

    # one range at a time: ranges share incidents across their edges, and the loader locks them
    @task(max_active_tis_per_dagrun=1, execution_timeout=env_minutes("reprocess_timeout_minutes", 120),
          map_index_template="{{ task.op_kwargs['rng']['start'] }}")
    def reprocess_range(rng: dict) -> dict:
        """Re-extract and reload one range of articles in a single transaction."""
        from incidents import reprocess

        ctx = get_current_context()
        return reprocess.run_range(rng, run_id=ctx["run_id"], only_outdated=ctx["params"]["only_outdated"],
                                   database_url=database_url())

    @task(trigger_rule="all_done", retries=0)
    def check_quality() -> dict:
        """Data-quality checks over the result; records failures and fails when any is open."""
        from incidents import pipeline

        return pipeline.check_quality(run_id=get_current_context()["run_id"], database_url=database_url())

    @task(trigger_rule="all_done")
    def refresh_views() -> dict:
        """Refresh the analysts' materialised views."""
        from incidents import pipeline

        return pipeline.refresh_views(run_id=get_current_context()["run_id"], database_url=database_url())

    @task(trigger_rule="all_done", retries=0)
    def finish() -> dict:
        """Total the ranges into pipeline_runs; fail unless every range was reprocessed."""
        from airflow.exceptions import AirflowFailException

        from incidents import reprocess

        result = reprocess.finish_run(run_id=get_current_context()["run_id"], database_url=database_url())
        if result["status"] != "success":
            raise AirflowFailException(f"reprocess {result['status']}: {result}")
        return result

    reprocess_range.expand(rng=plan()) >> check_quality() >> refresh_views() >> finish()


reprocess_incidents()
