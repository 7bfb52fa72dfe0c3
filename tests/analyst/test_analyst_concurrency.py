"""Two loaders at once must not each create an incident for the same event: the second waits on the first's
advisory lock for that country and week, then sees its incident and joins it."""
from __future__ import annotations

import threading
import time

from incidents.db import connect, transaction
from incidents.load.incidents import load_article_rows
from tests.analyst.analyst_support import VERSION, add_article, all_rows, at, event, scalar

JNIM = "JNIM: Group for Support of Islam and Muslims"


def _row(article_id, **kw):
    return event(article_id, "Militants attacked the Boulkessi camp.", location="Boulkessi", actor1=JNIM,
                 actor2="Military Forces of Mali", fatalities=kw.pop("fatalities", 10), **kw)


def _in_thread(fn, *args):
    box = {}

    def run():
        try:
            box["result"] = fn(*args)
        except Exception as exc:  # noqa: BLE001 - handed to the test, which fails with it
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box


def _load(conn, article_id, rows):
    with transaction(conn) as cur:
        return load_article_rows(cur, article_id, rows, version=VERSION)


def test_second_loader_waits_for_the_first_and_joins_its_incident(db, db_url):
    a = add_article(db, "one", "Sahel Wire", at(2, 8), "Militants attacked the Boulkessi camp, killing ten.")
    b = add_article(db, "two", "Bamako Daily", at(2, 9), "Ten soldiers died in an attack on the Boulkessi camp.")
    first, second = connect(db_url), connect(db_url)
    try:
        cur = first.cursor()
        load_article_rows(cur, a, [_row(a)], version=VERSION)   # not committed yet
        thread, box = _in_thread(_load, second, b, [_row(b, fatalities=11)])
        pid = second.get_backend_pid()
        deadline = time.monotonic() + 10
        while scalar(db, "SELECT wait_event FROM pg_stat_activity WHERE pid = %s", (pid,)) != "advisory":
            assert time.monotonic() < deadline, "the second loader never waited on the dedup lock"
            assert thread.is_alive(), box
            time.sleep(0.02)
        first.commit()
        thread.join(10)
        assert "error" not in box, box.get("error")
    finally:
        first.close()
        second.close()
    incidents = all_rows(db, "SELECT incident_id, article_count, fatalities FROM incidents")
    assert len(incidents) == 1 and incidents[0]["article_count"] == 2 and incidents[0]["fatalities"] == 10
    assert scalar(db, "SELECT count(*) FROM incident_articles") == 2


def test_two_loaders_racing_on_one_event_make_one_incident(db, db_url):
    articles = [add_article(db, f"story-{n}", f"Outlet {n}", at(2, 6 + n), f"Story {n}: an attack on the camp.")
                for n in range(8)]
    barrier = threading.Barrier(2)

    def loader(ids):
        conn = connect(db_url)
        try:
            barrier.wait(10)
            for article_id in ids:
                _load(conn, article_id, [_row(article_id)])
        finally:
            conn.close()

    runs = [_in_thread(loader, articles[0::2]), _in_thread(loader, articles[1::2])]
    for thread, _ in runs:
        thread.join(30)
    for _, box in runs:
        assert "error" not in box, box.get("error")
    assert scalar(db, "SELECT count(*) FROM incidents") == 1
    assert scalar(db, "SELECT article_count FROM incidents") == 8
    assert scalar(db, "SELECT count(*) FROM incident_matches WHERE decision = 'new'") == 1
