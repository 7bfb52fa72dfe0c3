"""
### refresh_gazetteer: reload GeoNames country dumps

Weekly (`INCIDENTS_GAZETTEER_SCHEDULE`), one mapped task per dump. The dumps come from
`INCIDENTS_GAZETTEER_DUMPS` (comma-separated URLs or local paths; a local file in tests), or else GeoNames'
per-country files for the ISO codes in `INCIDENTS_GAZETTEER_COUNTRIES` (e.g. `ML,BF,NE`). Each dump is loaded by
`incidents.geo.load_dump`: a country's places are replaced in one transaction and its local index file is swapped
in atomically, so the extractor never sees half a country. The local index lives in the data directory, which
every worker must share (the compose file mounts one volume).
"""
from __future__ import annotations

import datetime as dt

from _incidents_settings import database_url, default_args, env, env_minutes, runtime
from airflow.sdk import dag, task


@dag(
    dag_id="refresh_gazetteer",
    schedule=env("gazetteer_schedule", "0 3 * * 0"),
    start_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    doc_md=__doc__,
    tags=["incidents"],
)
def refresh_gazetteer():
    @task
    def locations() -> list[str]:
        """The dumps to load: explicit locations, or GeoNames' dump per configured country."""
        from incidents import pipeline

        return pipeline.gazetteer_locations(runtime("gazetteer_dumps"), runtime("gazetteer_countries"))

    # one dump at a time: each load holds the whole country in memory
    @task(max_active_tis_per_dagrun=1, execution_timeout=env_minutes("gazetteer_timeout_minutes", 60))
    def load(location: str) -> dict:
        """Fetch and load one dump atomically."""
        from incidents import pipeline

        return pipeline.refresh_gazetteer_dump(location, database_url=database_url())

    load.expand(location=locations())


refresh_gazetteer()
