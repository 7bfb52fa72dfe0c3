"""refresh_gazetteer through Airflow (dag.test) with local GeoNames dumps: loaded, then replaced whole."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.dags.conftest import run_dag, task_states

# GeoNames' 19 columns; invented places (ids in an unused range)
PLACES = [
    ["9980001", "Tinzaguel", "Tinzaguel", "", "16.1000", "-0.9000", "P", "PPL", "ML", "", "07", "", "", "", "0", "",
     "260", "Africa/Bamako", "2024-01-01"],
    ["9980002", "Kouroumbali", "Kouroumbali", "", "13.2000", "-5.1000", "P", "PPL", "ML", "", "03", "", "", "", "0",
     "", "300", "Africa/Bamako", "2024-01-01"],
]


def write_dump(path, rows):
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gazetteer_env(db_url, tmp_path, monkeypatch):
    from incidents.geo import store

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("INCIDENTS_GAZETTEER_DIR", raising=False)
    yield tmp_path
    store.reload()  # later tests see the packaged gazetteer only


def places(db) -> list[tuple]:
    with db.cursor() as cur:
        cur.execute("SELECT geonameid, name FROM gazetteer_places WHERE country_code = 'ML' ORDER BY geonameid")
        rows = cur.fetchall()
    db.commit()
    return rows


@pytest.mark.slow
def test_refresh_gazetteer_loads_local_dumps_atomically(airflow_meta, gazetteer_env, db, monkeypatch):
    dump = write_dump(gazetteer_env / "ML.txt", PLACES)
    monkeypatch.setenv("INCIDENTS_GAZETTEER_DUMPS", str(dump))
    dr = run_dag("refresh_gazetteer", dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert str(dr.state) == "success", task_states(dr)
    assert places(db) == [(9980001, "Tinzaguel"), (9980002, "Kouroumbali")]
    assert (gazetteer_env / "data" / "gazetteer" / "ML.tsv.gz").exists()

    # a new dump replaces the country's places as a whole (a place GeoNames dropped disappears)
    write_dump(dump, PLACES[:1])
    dr = run_dag("refresh_gazetteer", dt.datetime(2026, 3, 8, tzinfo=dt.UTC))
    assert str(dr.state) == "success", task_states(dr)
    assert places(db) == [(9980001, "Tinzaguel")]
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM gazetteer_loads WHERE country_code = 'ML'")
        assert cur.fetchone()[0] == 2
    db.commit()
