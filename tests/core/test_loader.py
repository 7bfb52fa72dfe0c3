"""Loading: articles upsert on the canonical URL, incidents upsert per article, re-runs change nothing."""
import datetime as dt

from incidents.load.articles import known_urls, store_articles
from incidents.normalize import normalize_pending

PUB = dt.datetime(2025, 6, 3, 9, tzinfo=dt.UTC)


def _article(n, text=None, **kw):
    return {"url": f"https://news.example/a/{n}", "title": f"Story {n}", "text": text or f"Body of story {n}.",
            "published_at": PUB, "language": "en", "source_name": "Example", **kw}


def _table_counts(db):
    with db.cursor() as cur:
        out = {}
        for table in ("articles", "article_urls", "incident_reports", "incidents", "incident_articles",
                      "aggregate_claims", "quarantine"):
            cur.execute(f"SELECT count(*) FROM {table}")
            out[table] = cur.fetchone()[0]
        return out


def test_store_articles_upserts_on_url_and_dedups_content(db):
    first = store_articles(db, [_article(1), _article(2)])
    assert (first.stored, first.duplicates) == (2, 0)
    again = store_articles(db, [_article(1), _article(2)])
    assert (again.stored, again.unchanged, again.updated) == (0, 2, 0)
    # same body under a tracking-parameter URL: one article, the extra URL remembered
    dup = store_articles(db, [_article(1, url="https://news.example/a/1?utm_source=x")])
    assert dup.duplicates == 1
    assert known_urls(db, ["https://news.example/a/1?utm_source=x", "https://news.example/a/9"]) == {
        "https://news.example/a/1?utm_source=x"}
    changed = store_articles(db, [_article(2, text="Body of story 2, updated with a new toll.")])
    assert changed.updated == 1
    assert _table_counts(db)["articles"] == 2


def _fake_extractor(version="test-1", fatalities=3):
    def extract(article):
        # a different month per article so cross-source dedup never merges them: this tests the loader alone
        base = {"article_id": article["id"], "kind": "event", "event_date": f"2025-0{int(article['id']) % 5 + 1}-01",
                "country": "Mali", "iso3": "MLI", "admin1": "Mopti", "location": "Sevare", "event_type": "Battles",
                "sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Mali)",
                "actor2": "Military Forces of Mali", "fatalities": fatalities,
                "evidence": {"start": 0, "end": 10, "text": article["text"][:10]}, "confidence": 0.5}
        agg = {"article_id": article["id"], "kind": "aggregate", "fatalities": 400,
               "fatalities_text": "more than 400 soldiers", "countries": ["Mali", "Niger"],
               "period_start": "2025-05-01", "event_date": "2025-06-03", "country": "Mali",
               "event_type": "Battles", "sub_event_type": "Armed clash"}
        if "broken" in article["text"]:
            raise ValueError("extractor bug")
        if "badrow" in article["text"]:
            return [dict(base, event_type="Skirmish")]
        return [base, agg]
    return extract, version


def test_normalize_is_idempotent_and_quarantines_failures(db):
    store_articles(db, [_article(1), _article(2), _article(3, text="this one is broken"),
                        _article(4, text="a badrow here")])
    result = normalize_pending(db, extractor=_fake_extractor())
    assert result.articles == 4 and result.failed == 1 and result.rejected == 1
    counts = _table_counts(db)
    assert counts["incidents"] == 2 and counts["incident_reports"] == 2 and counts["incident_articles"] == 2
    assert counts["aggregate_claims"] == 2
    with db.cursor() as cur:
        cur.execute("SELECT stage, reason FROM quarantine ORDER BY stage")
        assert cur.fetchall() == [("extract", "ValueError"), ("load", "contract violation")]
        cur.execute("SELECT * FROM incidents ORDER BY incident_id")
        snapshot = cur.fetchall()

    # nothing pending: a second run reads nothing and writes nothing
    assert normalize_pending(db, extractor=_fake_extractor()).articles == 0
    # the same version forced over the same articles: rows unchanged, ids stable
    with db.cursor() as cur:
        cur.execute("UPDATE articles SET extractor_version = NULL")
    db.commit()
    rerun = normalize_pending(db, extractor=_fake_extractor())
    assert rerun.reports_written == 0 and rerun.reports_unchanged == 2
    with db.cursor() as cur:
        cur.execute("SELECT * FROM incidents ORDER BY incident_id")
        assert cur.fetchall() == snapshot
    assert _table_counts(db) == counts | {"quarantine": counts["quarantine"]}


def test_new_extractor_version_replaces_rows(db):
    store_articles(db, [_article(1)])
    normalize_pending(db, extractor=_fake_extractor("v1", fatalities=3))
    result = normalize_pending(db, extractor=_fake_extractor("v2", fatalities=5))
    assert result.articles == 1 and result.reports_written == 1
    with db.cursor() as cur:
        cur.execute("SELECT fatalities, extractor_version FROM incidents")
        assert cur.fetchall() == [(5, "v2")]
        cur.execute("SELECT count(*) FROM incident_reports")
        assert cur.fetchone()[0] == 1
