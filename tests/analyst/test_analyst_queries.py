"""Every worked example in sql/queries/ runs against a database loaded through the real loader and returns the
rows the fixture implies; the ACLED-shaped view and the count views agree with the incidents."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incidents.views import refresh_materialized
from tests.analyst.analyst_support import add_article, all_rows, event, load, scalar

QUERIES = Path(__file__).resolve().parents[2] / "sql" / "queries"
JNIM = "JNIM: Group for Support of Islam and Muslims"
ISGS = "Islamic State (Greater Sahara)"
ARMY = "Military Forces of Mali"
NIGER_ARMY = "Military Forces of Niger"


def _published(day: dt.date, hours: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC) + dt.timedelta(hours=hours)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def loaded(db):
    """Five events: one last month in Boulkessi (toll revised later), four this month (three in Mali, one in
    Niger), and one French and one English article for full-text search."""
    month_start = scalar(db, "SELECT date_trunc('month', current_date)::date")
    old_day, d1, d2 = month_start - dt.timedelta(days=40), month_start, month_start + dt.timedelta(days=9)
    spec = [
        # slug, outlet, event day, language, text, row fields
        ("boulkessi", "Sahel Wire", old_day, "fr",
         "Une attaque contre le camp militaire de Boulkessi a fait 30 morts parmi les soldats.",
         {"location": "Boulkessi", "latitude": 14.7953, "longitude": -1.3181, "admin2": "Douentza", "actor1": JNIM,
              "actor2": ARMY, "fatalities": 30}),
        ("sevare", "Bamako Daily", d1, "en", "Dozo militiamen and JNIM fighters clashed near Sevare; five died.",
         {"location": "Sevare", "latitude": 14.5167, "longitude": -4.1, "admin2": "Mopti", "actor1": JNIM,
              "actor2": "Dan Na Ambassagou", "fatalities": 5}),
        ("konna", "Radio Mopti", d1, "en", "Islamic State fighters attacked an army post at Konna; two died.",
         {"location": "Konna", "latitude": 14.94, "longitude": -3.89, "admin2": "Mopti", "actor1": ISGS, "actor2": ARMY,
              "fatalities": 2}),
        ("mopti-march", "Radio Mopti", d2, "en", "Hundreds marched in Mopti against the attack on the camp.",
         {"location": "Mopti", "latitude": 14.4906, "longitude": -4.1914, "admin2": "Mopti", "actor1": "Protesters (Mali)",
              "event_type": "Protests", "sub_event_type": "Peaceful protest"}),
        ("tillaberi", "Niamey Post", d2, "en", "Ten Nigerien soldiers were killed near Tillaberi.",
         {"country": "Niger", "iso3": "NER", "admin1": "Tillaberi", "location": "Tillaberi", "latitude": 14.2117,
              "longitude": 1.4531, "actor1": ISGS, "actor2": NIGER_ARMY, "fatalities": 10}),
    ]
    ids = {}
    for slug, outlet, day, language, text, fields in spec:
        article_id = add_article(db, slug, outlet, _published(day), text, language=language)
        load(db, article_id, [event(article_id, text, event_date=day.isoformat(), **fields)])
        ids[slug] = article_id
    # three days later another outlet revises the Boulkessi toll upwards
    revised = add_article(db, "boulkessi-toll", "Niamey Post", _published(old_day, 96),
                          "The toll of the attack on the Boulkessi camp rose to 35, the army said.")
    load(db, revised, [event(revised, event_date=old_day.isoformat(), location="Boulkessi", latitude=14.7953,
                             longitude=-1.3181, actor1=JNIM, actor2=ARMY, fatalities=35)])
    ids["boulkessi-toll"] = revised
    refresh_materialized(db)
    return {"ids": ids, "old_day": old_day, "d1": d1, "d2": d2}


def _run(db, name: str) -> list[dict]:
    return all_rows(db, (QUERIES / name).read_text(encoding="utf-8"))


def test_every_query_file_is_covered():
    assert sorted(p.name for p in QUERIES.glob("*.sql")) == sorted(COVERED)


def test_weekly_fatalities_by_actor_in_mali(db, loaded):
    rows = _run(db, "01_weekly_fatalities_by_actor_mali.sql")
    old_week, w1, w2 = _monday(loaded["old_day"]), _monday(loaded["d1"]), _monday(loaded["d2"])
    expected = {(old_week, JNIM): (1, 35), (old_week, ARMY): (1, 35),
                (w1, JNIM): (1, 5), (w1, "Dan Na Ambassagou"): (1, 5), (w1, ISGS): (1, 2), (w1, ARMY): (1, 2),
                (w2, "Protesters (Mali)"): (1, 0)}
    if w1 == w2:  # d1 and d2 are nine days apart, so never the same week; kept for clarity
        pytest.fail("fixture weeks collapsed")
    assert {(r["week_start_date"], r["actor"]): (r["incidents_count"], r["fatalities_sum"]) for r in rows} == expected
    assert [r["week_start_date"] for r in rows] == sorted(r["week_start_date"] for r in rows)
    assert NIGER_ARMY not in {r["actor"] for r in rows}


def test_events_within_50_km_of_mopti(db, loaded):
    rows = _run(db, "02_events_within_50_km_of_a_town.sql")
    # Mopti itself (~1 km) and Sevare (~10 km); Konna is ~60 km away, Boulkessi and Tillaberi much further
    assert [r["location"] for r in rows] == ["Mopti", "Sevare"]
    assert rows[0]["distance_km"] < 2 and 5 < rows[1]["distance_km"] < 15
    assert all(r["event_id_cnty"].startswith("MLI") for r in rows)


def test_new_actors_this_month(db, loaded):
    rows = _run(db, "03_new_actors_this_month.sql")
    assert {r["actor"] for r in rows} == {"Dan Na Ambassagou", ISGS, "Protesters (Mali)", NIGER_ARMY}
    isgs = next(r for r in rows if r["actor"] == ISGS)
    assert isgs["first_event_date"] == loaded["d1"] and isgs["incidents_count"] == 2
    assert isgs["countries"] == "Mali, Niger"


def test_incidents_whose_fatalities_were_revised(db, loaded):
    rows = _run(db, "04_revised_fatalities.sql")
    assert [(r["location"], r["fatalities_before"], r["fatalities_after"], r["fatalities_now"]) for r in rows] == [
        ("Boulkessi", 30, 35, 35)]
    assert rows[0]["revised_by_outlet"] == "Niamey Post"


def test_search_articles_in_french_and_english(db, loaded):
    rows = _run(db, "05_search_articles_fr_en.sql")
    # only the French article says "attaque ... camp"; the English "attack on the camp" does not match the
    # French word, and stemming makes "attaque" find "attaque" but not English text
    assert [r["article_id"] for r in rows] == [loaded["ids"]["boulkessi"]]
    assert rows[0]["article_language"] == "fr" and len(rows[0]["incident_ids"]) == 1
    english = all_rows(db, "SELECT article_id FROM search_articles('attacked army post') ORDER BY article_id")
    assert [r["article_id"] for r in english] == [loaded["ids"]["konna"]]
    # the GIN index can serve the search (sequential scans off: the fixture's table is tiny)
    with db.cursor() as cur:
        cur.execute("SET enable_seqscan = off")
        cur.execute("EXPLAIN SELECT * FROM search_articles('attaque')")
        cur.execute("EXPLAIN SELECT article_id FROM articles WHERE search_tsv @@ to_tsquery('french', 'attaque')")
        plan = "\n".join(r[0] for r in cur.fetchall())
    db.rollback()
    assert "articles_search_tsv_idx" in plan


def test_acled_view_has_acled_columns_and_codes(db, loaded):
    rows = all_rows(db, "SELECT * FROM incidents_acled ORDER BY event_date, location")
    assert list(rows[0])[:31] == ACLED_COLUMNS
    konna = next(r for r in rows if r["location"] == "Konna")
    assert (konna["inter1"], konna["inter2"], konna["interaction"]) == (2, 1, 12)
    assert konna["iso"] == 466 and konna["region"] == "Western Africa" and konna["disorder_type"] == \
        "Political violence"
    march = next(r for r in rows if r["location"] == "Mopti")
    assert (march["inter1"], march["interaction"], march["disorder_type"]) == (6, 60, "Demonstrations")
    boulkessi = next(r for r in rows if r["location"] == "Boulkessi")
    assert boulkessi["source"] == "Sahel Wire; Niamey Post" and boulkessi["fatalities"] == 35
    # the daily counts sum to the incidents
    assert scalar(db, "SELECT sum(incidents_count) FROM incident_counts_daily") == len(rows)
    assert scalar(db, "SELECT sum(fatalities_sum) FROM incident_counts_weekly") == sum(r["fatalities"] for r in rows)


ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
COVERED = ["01_weekly_fatalities_by_actor_mali.sql", "02_events_within_50_km_of_a_town.sql",
           "03_new_actors_this_month.sql", "04_revised_fatalities.sql", "05_search_articles_fr_en.sql"]
