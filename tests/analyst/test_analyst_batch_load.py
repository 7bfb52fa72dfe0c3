"""Set-based loading: one load_articles call for a whole transaction's articles gives the incidents, decisions
and revision history that loading the same articles one at a time gives; a bad row or a row the database rejects
costs only itself (or its article), never the rest of the batch."""
from __future__ import annotations

from incidents import link
from incidents.db import connect, transaction
from incidents.load.incidents import load_article_rows, load_articles
from incidents.normalize import normalize_pending
from tests.analyst.analyst_support import (
    VERSION,
    add_article,
    add_gazetteer_place,
    all_rows,
    at,
    event,
    scalar,
)

JNIM = "JNIM: Group for Support of Islam and Muslims"
MALI_ARMY = "Military Forces of Mali (2021-)"


def _articles(db):
    """Three outlets on one attack (two spellings of the place, a revised toll a day later), a protest the same
    day in another town, and an article with an event and an aggregate claim."""
    ids = [add_article(db, f"story-{n}", outlet, when, f"Story {n} about the Sahel.")
           for n, (outlet, when) in enumerate([("Sahel Wire", at(2, 8)), ("Bamako Daily", at(2, 11)),
                                               ("Radio Douentza", at(3, 19)), ("Mopti Info", at(2, 12)),
                                               ("Gao Times", at(2, 15))])]
    a, b, c, d, e = ids
    rows = {
        a: [event(a, "Militants stormed the Boulkessi camp", location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY,
                  fatalities=32)],
        b: [event(b, "Gunmen attacked a post in Boulikessi", location="Boulikessi",
                  actor1="Unidentified Armed Group (Mali)", actor2="Military Forces of Mali", fatalities=30)],
        c: [event(c, "JNIM said it seized the Boulkessi base", location="Boulkessi", actor1=JNIM,
                  actor2=MALI_ARMY, fatalities=41)],
        d: [event(d, "Traders protested in Sevare", location="Sevare", event_type="Protests",
                  sub_event_type="Peaceful protest", actor1="Protesters (Mali)")],
        e: [event(e, "Clashes near Gao", location="Gao", admin1="Gao", actor1=JNIM, actor2=MALI_ARMY,
                  fatalities=3),
            {"article_id": str(e), "kind": "aggregate", "country": "Mali", "fatalities": 120, "fatalities_text": "120 this month",
             "text": "120 people were killed this month", "confidence": 0.5}],
    }
    return ids, rows


def _snapshot(cur) -> dict:
    """The linking outcome in terms that do not depend on generated ids."""
    def fetch(sql):
        cur.execute(sql)
        return cur.fetchall()

    incidents = fetch("""SELECT array_agg(ia.article_id ORDER BY ia.article_id), i.location, i.fatalities,
                                i.article_count, i.sources, i.revision, i.latitude
                           FROM incidents i JOIN incident_articles ia USING (incident_id)
                          GROUP BY i.incident_id ORDER BY 1""")
    matches = fetch("""SELECT r.article_id, m.decision, m.score, m.reasons, m.candidates_count
                         FROM incident_matches m JOIN incident_reports r USING (report_id) ORDER BY 1""")
    revisions = fetch("""SELECT article_id, revision, field, old_value, new_value
                           FROM incident_revisions ORDER BY revision_id""")
    claims = fetch("SELECT article_id, fatalities FROM aggregate_claims ORDER BY 1")
    return {"incidents": incidents, "matches": matches, "revisions": revisions, "claims": claims}


def test_a_batch_links_like_its_articles_one_at_a_time(db):
    add_gazetteer_place(db, 9000001, "Boulikessi", ["Boulkessi"], 14.7953, -1.3181, admin1="Mopti",
                        admin2="Douentza")
    ids, rows = _articles(db)
    with db.cursor() as cur:
        for article_id in ids:
            load_article_rows(cur, article_id, rows[article_id], version=VERSION)
        one_at_a_time = _snapshot(cur)
    db.rollback()
    with db.cursor() as cur:
        results = load_articles(cur, [(article_id, rows[article_id], None) for article_id in ids], version=VERSION)
        batch = _snapshot(cur)
    db.commit()
    assert batch == one_at_a_time
    # the three outlets are one incident under the gazetteer's spelling; the protest and the Gao clash apart
    assert [len(i[0]) for i in batch["incidents"]] == [3, 1, 1]
    assert batch["incidents"][0][1] == "Boulikessi"
    assert [r.reports_written for r in results] == [1, 1, 1, 1, 1]
    assert results[4].aggregates_written == 1
    assert len({i for r in results[:3] for i in r.incidents_touched}) == 1


def test_reloading_a_batch_changes_nothing(db):
    ids, rows = _articles(db)
    batch = [(article_id, rows[article_id], None) for article_id in ids]
    with transaction(db) as cur:
        load_articles(cur, batch, version=VERSION)
    with db.cursor() as cur:
        before = _snapshot(cur)
    db.commit()
    with transaction(db) as cur:
        again = load_articles(cur, batch, version=VERSION)
    assert [(r.reports_written, r.reports_unchanged, r.reports_removed, r.aggregates_written) for r in again] \
        == [(0, 1, 0, 0)] * 4 + [(0, 1, 0, 0)]
    with db.cursor() as cur:
        assert _snapshot(cur) == before
    db.commit()


def test_a_bad_row_is_quarantined_and_the_rest_of_the_batch_loads(db):
    ids, rows = _articles(db)
    broken = event(ids[1], "Gunmen attacked", location="Boulikessi", event_type="Battles",
                   sub_event_type="Peaceful protest")   # not a sub-type of its type: breaks the contract
    rows[ids[1]] = [*rows[ids[1]], broken, dict(broken, fatalities=-1)]
    with transaction(db) as cur:
        results = load_articles(cur, [(article_id, rows[article_id], None) for article_id in ids],
                                version=VERSION)
    assert [r.rejected for r in results] == [0, 2, 0, 0, 0]
    assert scalar(db, "SELECT count(*) FROM incident_reports") == 5
    quarantined = all_rows(db, "SELECT stage, subject, reason, seen_count FROM quarantine")
    assert quarantined == [{"stage": "load", "subject": f"article:{ids[1]}", "reason": "contract violation",
                            "seen_count": 2}]


def test_an_article_the_database_rejects_is_quarantined_alone(db):
    ids, rows = _articles(db)
    # within the contract, but beyond what an integer column holds: only the database can refuse it
    rows[ids[3]] = [dict(rows[ids[3]][0], fatalities_low=10 ** 12)]
    by_id = {str(article_id): article_rows for article_id, article_rows in rows.items()}

    def extract(article):
        return by_id[article["id"]]

    result = normalize_pending(db, batch_size=10, extractor=(extract, VERSION))
    assert (result.articles, result.failed, result.reports_written) == (5, 1, 4)
    assert all_rows(db, "SELECT stage, subject FROM quarantine") == [{"stage": "load",
                                                                      "subject": f"article:{ids[3]}"}]
    assert scalar(db, "SELECT count(*) FROM incident_reports WHERE article_id = %s", (ids[3],)) == 0
    assert scalar(db, "SELECT count(*) FROM incidents") == 2   # the attack and the Gao clash; the protest is out
    # every article is marked as seen by this version, the faulty one included (retried on the next version)
    assert scalar(db, "SELECT count(*) FROM articles WHERE extractor_version = %s", (VERSION,)) == 5


def test_an_incident_changed_by_another_transaction_meanwhile_is_decided_again(db, db_url, monkeypatch):
    a = add_article(db, "first", "Sahel Wire", at(2, 8), "Militants stormed the Boulkessi camp.")
    b = add_article(db, "second", "Bamako Daily", at(2, 11), "Gunmen attacked the Boulkessi camp.")
    row = {"location": "Boulkessi", "actor1": JNIM, "actor2": MALI_ARMY}
    with transaction(db) as cur:
        (incident_id,) = load_article_rows(cur, a, [event(a, "stormed", fatalities=10, **row)],
                                           version=VERSION).incidents_touched
    other = connect(db_url)
    calls = []
    simulate = link._Batch.simulate

    def simulate_then_interfere(self, steps):
        calls.append(len(calls))
        touched = simulate(self, steps)
        if len(calls) == 1:  # after the batch read the incident, another transaction revises it
            with transaction(other) as cur:
                cur.execute("UPDATE incidents SET fatalities = 12, revision = revision + 1 WHERE incident_id = %s",
                            (incident_id,))
        return touched

    monkeypatch.setattr(link._Batch, "simulate", simulate_then_interfere)
    try:
        with transaction(db) as cur:
            (touched,) = load_articles(cur, [(b, [event(b, "attacked", fatalities=11, **row)], None)],
                                       version=VERSION)
    finally:
        other.close()
    assert calls == [0, 1]   # decided again on what the other transaction committed
    assert touched.incidents_touched == {incident_id}
    incident = all_rows(db, "SELECT article_count, revision FROM incidents")
    # built on the other transaction's revision 2, not over it
    assert incident == [{"article_count": 2, "revision": 3}]
    assert scalar(db, "SELECT max(revision) FROM incident_revisions") == 3
