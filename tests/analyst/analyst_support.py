"""Helpers for the analyst-database tests: store hand-written articles, load hand-written incident rows for them
through the real loader (incidents.load.incidents.load_article_rows), and read results back."""
from __future__ import annotations

import datetime as dt

from incidents.db import transaction
from incidents.load.articles import store_articles
from incidents.load.incidents import load_article_rows

VERSION = "test-analyst-1"


def at(day: int, hour: int = 9, month: int = 6) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, tzinfo=dt.UTC)


def add_article(conn, slug: str, outlet: str, published: dt.datetime, text: str, *, language: str = "en",
                title: str | None = None) -> int:
    url = f"https://{outlet.lower().replace(' ', '-')}.example/news/{slug}"
    store_articles(conn, [{"url": url, "text": text, "title": title or slug.replace("-", " ").title(),
                           "published_at": published, "fetched_at": published, "language": language,
                           "source_name": outlet}])
    with conn.cursor() as cur:
        cur.execute("SELECT article_id FROM articles WHERE url = %s", (url,))
        article_id = cur.fetchone()[0]
    conn.commit()
    return article_id


def event(article_id: int, text: str = "", **fields) -> dict:
    """A contract-valid event row; `fields` override the defaults (a battle in Mali on 2025-06-01)."""
    row = {"article_id": str(article_id), "kind": "event", "event_date": "2025-06-01", "date_precision": 1,
           "country": "Mali", "iso3": "MLI", "admin1": "Mopti", "admin2": None, "location": None,
           "latitude": None, "longitude": None, "geo_precision": 1, "actor1": None, "actor2": None,
           "event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 0, "confidence": 0.8}
    if text:
        row["evidence"] = {"start": 0, "end": len(text), "text": text}
    row.update(fields)
    return row


def load(conn, article_id: int, rows: list[dict]):
    with transaction(conn) as cur:
        return load_article_rows(cur, article_id, rows, version=VERSION)


def all_rows(conn, sql: str, params=None) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        out = [dict(zip(names, r)) for r in cur.fetchall()]
    conn.commit()
    return out


def scalar(conn, sql: str, params=None):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        value = cur.fetchone()[0]
    conn.commit()
    return value


def add_gazetteer_place(conn, geonameid: int, name: str, alternates: list[str], lat: float, lon: float, *,
                        country_code: str = "ML", admin1: str | None = None, admin2: str | None = None,
                        population: int = 0) -> None:
    with transaction(conn) as cur:
        cur.execute(
            """INSERT INTO gazetteer_places (geonameid, name, asciiname, alternatenames, latitude, longitude,
                                             feature_class, feature_code, country_code, admin1_name, admin2_name,
                                             population)
               VALUES (%s, %s, %s, %s, %s, %s, 'P', 'PPL', %s, %s, %s, %s)""",
            (geonameid, name, name, alternates, lat, lon, country_code, admin1, admin2, population))
