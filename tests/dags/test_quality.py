"""The data-quality checks: each rule catches its violation, failures are recorded, resolved and waivable, and the
check step fails (after recording) while any is open."""
from __future__ import annotations

import csv

import pytest

from incidents import pipeline, quality

MALI = {"country": "Mali", "iso3": "MLI", "latitude": 14.49, "longitude": -4.19}  # Mopti


def add_article(cur, n: int, published: str = "2025-03-10 08:00+00") -> int:
    cur.execute("""INSERT INTO articles (url, text, published_at, fetched_at, content_hash)
                   VALUES (%s, 'text', %s, %s, %s) RETURNING article_id""",
                (f"http://127.0.0.1/a{n}", published, published, f"hash{n}"))
    return cur.fetchone()[0]


def add_incident(cur, *, article_id: int | None, key: str, event_date="2025-03-09", actor1="Civilians (Mali)",
                 fatalities_low=None, fatalities_high=None, **place) -> int:
    place = {**MALI, **place}
    cur.execute("""INSERT INTO incidents (event_date, country, iso3, latitude, longitude, event_type, sub_event_type,
                                          actor1, fatalities_low, fatalities_high, extractor_version)
                   VALUES (%s, %s, %s, %s, %s, 'Battles', 'Armed clash', %s, %s, %s, 'test') RETURNING incident_id""",
                (event_date, place["country"], place["iso3"], place["latitude"], place["longitude"], actor1,
                 fatalities_low, fatalities_high))
    incident_id = cur.fetchone()[0]
    if article_id is not None:
        cur.execute("""INSERT INTO incident_reports (report_key, article_id, incident_id, event_date, country,
                                                     event_type, sub_event_type, extractor_version)
                       VALUES (%s, %s, %s, %s, %s, 'Battles', 'Armed clash', 'test') RETURNING report_id""",
                    (key, article_id, incident_id, event_date, place["country"]))
        cur.execute("INSERT INTO incident_articles (incident_id, article_id, report_id) VALUES (%s, %s, %s)",
                    (incident_id, article_id, cur.fetchone()[0]))
    return incident_id


def open_failures(db) -> dict[str, set[str]]:
    with db.cursor() as cur:
        cur.execute("SELECT check_name, subject FROM quality_failures WHERE resolved_at IS NULL AND NOT is_waived")
        out: dict[str, set[str]] = {}
        for name, subject in cur.fetchall():
            out.setdefault(name, set()).add(subject)
    db.commit()
    return out


def test_clean_data_passes(db):
    with db.cursor() as cur:
        a = add_article(cur, 1)
        add_incident(cur, article_id=a, key="k1")
        add_incident(cur, article_id=a, key="k2", actor1="Military Forces of Mali (2021-)",
                     fatalities_low=2, fatalities_high=5)
    db.commit()
    report = quality.run_checks(db, run_id="r1")
    assert report.open_failures == 0 and set(report.found.values()) == {0}
    report.raise_if_failed()


def test_each_rule_catches_its_violation(db):
    with db.cursor() as cur:
        a = add_article(cur, 1, published="2025-03-10 08:00+00")
        late = add_incident(cur, article_id=a, key="late", event_date="2025-03-20")
        edge = add_incident(cur, article_id=a, key="edge", event_date="2025-03-11")  # within the time-zone slack
        paris = add_incident(cur, article_id=a, key="paris", latitude=48.85, longitude=2.35)
        by_name = add_incident(cur, article_id=a, key="byname", iso3=None, country="Democratic Republic of Congo",
                               latitude=14.49, longitude=-4.19)
        orphan = add_incident(cur, article_id=None, key="orphan")
        martian = add_incident(cur, article_id=a, key="martian", actor1="Martian Liberation Front")
        inverted = add_incident(cur, article_id=a, key="inverted", fatalities_low=5, fatalities_high=2)
    db.commit()
    report = quality.run_checks(db, run_id="r1")
    found = open_failures(db)
    assert found["event_after_publication"] == {f"incident:{late}/article:{a}"}
    assert f"incident:{edge}/article:{a}" not in found["event_after_publication"]
    assert found["coordinates_outside_country"] == {f"incident:{paris}", f"incident:{by_name}"}
    assert found["incident_without_article"] == {f"incident:{orphan}"}
    assert found["unknown_actor"] == {f"incident:{martian}/actor1:Martian Liberation Front"}
    assert found["negative_fatalities"] == {f"incident:{inverted}"}
    assert report.open_failures == 6
    with pytest.raises(quality.DataQualityError, match="6 open"):
        report.raise_if_failed()


def test_failures_are_counted_resolved_and_waivable(db):
    with db.cursor() as cur:
        a = add_article(cur, 1)
        paris = add_incident(cur, article_id=a, key="paris", latitude=48.85, longitude=2.35)
        orphan = add_incident(cur, article_id=None, key="orphan")
    db.commit()
    quality.run_checks(db, run_id="r1")
    quality.run_checks(db, run_id="r2")
    with db.cursor() as cur:
        cur.execute("SELECT subject, seen_count, first_run_id, last_run_id FROM quality_failures ORDER BY subject")
        assert set(cur.fetchall()) == {(f"incident:{orphan}", 2, "r1", "r2"), (f"incident:{paris}", 2, "r1", "r2")}
        cur.execute("DELETE FROM incidents WHERE incident_id = %s", (orphan,))  # fixed
        cur.execute("UPDATE quality_failures SET is_waived = true WHERE subject = %s", (f"incident:{paris}",))
    db.commit()
    report = quality.run_checks(db, run_id="r3")
    assert report.resolved == 1 and report.open_failures == 0
    with db.cursor() as cur:
        cur.execute("SELECT subject FROM quality_failures WHERE resolved_at IS NOT NULL")
        assert cur.fetchall() == [(f"incident:{orphan}",)]
    db.commit()


def test_check_step_records_then_fails(db, db_url):
    from incidents import runs

    runs.start_run(db, "run-q", dag_id="news_ingest")
    with db.cursor() as cur:
        add_incident(cur, article_id=None, key="orphan")
    db.commit()
    with pytest.raises(quality.DataQualityError):
        pipeline.check_quality(run_id="run-q", database_url=db_url)
    details = runs.get_run(db, "run-q")["details"]
    assert details["quality"]["found"]["incident_without_article"] == 1
    assert set(open_failures(db)) == {"incident_without_article"}


def test_bounding_boxes_hold_real_acled_events(shared_dir):
    """Real, hand-geocoded ACLED events fall inside the boxes of their countries (so the check does not cry
    wolf), and every box is a sane rectangle."""
    boxes = {row["iso3"]: row for row in quality.load_bboxes()}
    names = {row["name"].lower(): row for row in boxes.values()}
    names |= {name.lower(): boxes[iso3] for iso3, name in quality.acled_country_names().items() if iso3 in boxes}
    for row in boxes.values():
        assert float(row["min_lat"]) < float(row["max_lat"]) and float(row["min_lon"]) < float(row["max_lon"])
    total = outside = 0
    with open(shared_dir / "eval" / "acled_dev.csv", newline="", encoding="utf-8") as fh:
        for event in csv.DictReader(fh):
            box = names.get(event["country"].lower())
            if box is None or not event["latitude"]:
                continue
            total += 1
            lat, lon = float(event["latitude"]), float(event["longitude"])
            inside = (float(box["min_lat"]) <= lat <= float(box["max_lat"])
                      and float(box["min_lon"]) <= lon <= float(box["max_lon"]))
            outside += not inside
    assert total > 5000
    assert outside / total < 0.002
