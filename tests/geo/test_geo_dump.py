"""The GeoNames dump loader: a small dump in GeoNames' 19-column format, written here, loaded into the local
index (which `locate` then reads) and into a real Postgres."""
import zipfile

import psycopg2
import pytest

from incidents.geo import load_dump, locate, store

# geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 adm1 adm2 adm3 adm4 pop elev dem tz modified
ROWS = [
    # a village missing from the packaged gazetteer, with a spelling variant and no admin2 code (as in GeoNames)
    ["9990001", "Boulkessi", "Boulkessi", "Boulikessi,Boulkessy", "14.7953", "-1.3181", "P", "PPL", "ML", "",
     "04", "", "", "", "0", "", "280", "Africa/Bamako", "2023-01-05"],
    # a fictional hamlet with an admin2 code given
    ["9990002", "Kanikoulé", "Kanikoule", "", "14.9010", "-3.1020", "P", "PPL", "ML", "", "04", "7670549",
     "", "", "120", "", "300", "Africa/Bamako", "2023-01-05"],
    # an army camp (feature class S, kept) and a hill (class T, skipped)
    ["9990003", "Camp de Tessalit-Nord", "Camp de Tessalit-Nord", "", "20.2500", "1.0100", "S", "INSM", "ML",
     "", "10", "", "", "", "0", "", "500", "Africa/Bamako", "2023-01-05"],
    ["9990004", "Colline Rouge", "Colline Rouge", "", "14.0", "-4.0", "T", "HLL", "ML", "", "04", "", "", "",
     "0", "", "300", "Africa/Bamako", "2023-01-05"],
]
BAD = [
    "9990005\tBroken line with too few columns",
    "notanid\tX\tX\t\t14.0\t-3.0\tP\tPPL\tML\t\t04\t\t\t\t0\t\t0\tAfrica/Bamako\t2023-01-05",
    "9990006\tFar Away\tFar Away\t\t95.0\t-3.0\tP\tPPL\tML\t\t04\t\t\t\t0\t\t0\tAfrica/Bamako\t2023-01-05",
]


def write_dump(path, rows=ROWS, bad=BAD):
    path.write_text("\n".join(["\t".join(r) for r in rows] + bad) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("INCIDENTS_GAZETTEER_DIR", raising=False)
    store.reload()
    yield tmp_path / "data"
    store.reload()  # later tests see the packaged gazetteer only


TEXT = "JNIM claimed a deadly assault on the Malian town of Boulikessi, seizing an army base."


def test_village_unknown_before_the_load_is_found_after_it(tmp_path, data_dir):
    before = [m for m in locate(TEXT) if m.level == "place"]
    assert not before or before[0].admin1 is None  # only the country is known without the dump

    summary = load_dump(str(write_dump(tmp_path / "ML.txt")))
    assert summary["country"] == "ML" and summary["places_loaded"] == 3
    assert summary["bad_lines"] == 3 and summary["skipped_features"] == 1
    assert (data_dir / "gazetteer" / "ML.tsv.gz").exists()

    (village,) = [m for m in locate(TEXT) if m.level == "place"]
    assert (village.surface, village.location, village.country) == ("Boulikessi", "Boulkessi", "Mali")
    # admin2 was empty in the dump: the cercle whose seat is nearest (Douentza) is filled in
    assert (village.admin1, village.admin2, village.geo_precision) == ("Mopti", "Douentza", 1)
    assert abs(village.latitude - 14.7953) < 1e-3 and abs(village.longitude + 1.3181) < 1e-3
    (other,) = [m for m in locate("Gunmen attacked Kanikoulé on Friday.") if m.level == "place"]
    assert other.admin2 == "Douentza"


def test_zipped_dump_loads_the_same(tmp_path, data_dir):
    txt = write_dump(tmp_path / "ML.txt")
    with zipfile.ZipFile(tmp_path / "ML.zip", "w") as zf:
        zf.write(txt, "ML.txt")
        zf.writestr("readme.txt", "not data")
    summary = load_dump(tmp_path / "ML.zip", index_dir=str(tmp_path / "idx"))
    assert summary["places_loaded"] == 3 and summary["index_files"] == [str(tmp_path / "idx" / "ML.tsv.gz")]


def test_postgres_rows_replace_the_country_atomically(tmp_path, data_dir, db):
    with db.cursor() as cur:  # a row of another country must survive a reload of Mali
        cur.execute("INSERT INTO gazetteer_places (geonameid, name, latitude, longitude, country_code) "
                    "VALUES (1, 'Elsewhere', 10, 10, 'NE')")
    db.commit()
    load_dump(write_dump(tmp_path / "ML.txt"), conn=db)
    with db.cursor() as cur:
        cur.execute("SELECT name, admin1_name, admin2_name, alternatenames FROM gazetteer_places "
                    "WHERE country_code = 'ML' ORDER BY geonameid")
        rows = cur.fetchall()
        assert rows[0] == ("Boulkessi", "Mopti", "Douentza", ["Boulikessi", "Boulkessy"])
        assert len(rows) == 3
        cur.execute("SELECT country_code, places_loaded, bad_lines FROM gazetteer_loads")
        assert cur.fetchall() == [("ML", 3, 3)]

    # a second load with fewer places replaces Mali's rows and leaves Niger's alone
    load_dump(write_dump(tmp_path / "ML2.txt", rows=ROWS[:1], bad=[]), conn=db)
    with db.cursor() as cur:
        cur.execute("SELECT country_code, count(*) FROM gazetteer_places GROUP BY 1 ORDER BY 1")
        assert cur.fetchall() == [("ML", 1), ("NE", 1)]


def test_a_failing_database_write_leaves_the_previous_rows(tmp_path, data_dir, db):
    from incidents.geo import dump

    load_dump(write_dump(tmp_path / "ML.txt"), conn=db)
    rows, _ = dump.parse(write_dump(tmp_path / "ML3.txt", bad=[]))
    rows[-1]["latitude"] = 200.0  # violates the table's CHECK after the DELETE already ran
    with pytest.raises(psycopg2.errors.CheckViolation):
        dump._write_postgres(db, {"ML": rows}, "broken", 0)
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM gazetteer_places WHERE country_code = 'ML'")
        assert cur.fetchone()[0] == 3
        cur.execute("SELECT count(*) FROM gazetteer_loads")
        assert cur.fetchone()[0] == 1


def test_units_in_the_dump_name_and_seat_their_places(tmp_path, data_dir):
    rows = [
        # a second-level unit the packaged data lacks, named the GeoNames way, and its seat town
        ["9990101", "Cercle de Kanfara", "Cercle de Kanfara", "", "14.60", "-2.10", "A", "ADM2", "ML", "", "04",
         "9999999", "", "", "0", "", "300", "Africa/Bamako", "2023-01-05"],
        ["9990102", "Kanfara", "Kanfara", "", "14.61", "-2.11", "P", "PPLA2", "ML", "", "04", "9999999", "", "",
         "2500", "", "300", "Africa/Bamako", "2023-01-05"],
        # a village without admin2 code, close to Kanfara and far from every other seat of Mopti
        ["9990103", "Tinkoro", "Tinkoro", "", "14.65", "-2.05", "P", "PPL", "ML", "", "04", "", "", "", "0", "",
         "300", "Africa/Bamako", "2023-01-05"],
        # an ADM2 row with no admin2 code is unusable
        ["9990104", "Cercle sans code", "Cercle sans code", "", "14.0", "-2.0", "A", "ADM2", "ML", "", "04", "",
         "", "", "0", "", "300", "Africa/Bamako", "2023-01-05"],
    ]
    summary = load_dump(write_dump(tmp_path / "ML.txt", rows=rows, bad=[]))
    assert summary["places_loaded"] == 3 and summary["bad_lines"] == 1
    (village,) = [m for m in locate("Gunmen attacked the village of Tinkoro, in Mali.") if m.level == "place"]
    assert (village.location, village.admin1, village.admin2) == ("Tinkoro", "Mopti", "Kanfara")
    (unit,) = [m for m in locate("A curfew was declared in Kanfara cercle, Mali.") if m.level == "admin2"]
    assert (unit.location, unit.admin1) == ("Kanfara", "Mopti")
