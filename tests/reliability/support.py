"""Helpers shared by the reliability tests: article factories, controllable fake extractors, integrity checks.

The fake extractors stand in for the real one where a test needs to control timing (pause mid-batch, run slowly)
or to push hostile text into every incident column; the real extractor gets its own tests in test_hostile_extract.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter

PUB = dt.datetime(2025, 6, 3, 9, tzinfo=dt.UTC)
TABLES = ("articles", "article_urls", "incident_reports", "incidents", "incident_articles", "aggregate_claims",
          "quarantine")


def article(n, text=None, **kw) -> dict:
    return {"url": f"https://news.example/a/{n}", "title": f"Story {n}",
            "text": text if text is not None else f"Body of story {n}: clashes near the town.",
            "published_at": PUB, "language": "en", "source_name": "Example", **kw}


def distinct_day(article_id) -> str:
    """An event date unique to the article (weeks apart), so cross-source dedup never merges two test events."""
    return (PUB.date() - dt.timedelta(days=3 + 11 * (int(article_id) % 2000))).isoformat()


def event_row(article_payload: dict, **over) -> dict:
    """One contract-valid event row for an article (the shape extract_article returns), distinct per article."""
    row = {"article_id": article_payload["id"], "kind": "event", "event_date": distinct_day(article_payload["id"]),
           "country": "Mali", "iso3": "MLI", "admin1": "Mopti", "location": f"Sevare {article_payload['id']}",
           "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Mali)",
           "actor2": "Military Forces of Mali", "fatalities": 2, "confidence": 0.5,
           "evidence": {"start": 0, "end": min(10, len(article_payload["text"])),
                        "text": article_payload["text"][:10]}}
    row.update(over)
    return row


class RecordingExtractor:
    """A fake extractor that records every call (thread-safe) and can pause or slow down on demand.

    `pause_on` = the n-th call (1-based) at which it sets `paused` and waits for `resume`, so a test can act on
    the database while a batch is in flight. `delay` = seconds slept per article. `barrier` = a threading.Barrier
    each thread meets on its first call, so two runs are provably in flight at the same time.
    """

    def __init__(self, version="fake-1", *, pause_on=None, delay=0.0, barrier=None, row=event_row):
        self.version = version
        self.pause_on = pause_on
        self.delay = delay
        self.barrier = barrier
        self.row = row
        self.calls: list[tuple[str, str]] = []   # (thread name, article id)
        self.paused = threading.Event()
        self.resume = threading.Event()
        self._lock = threading.Lock()
        self._met_barrier: set[str] = set()

    def __call__(self, payload: dict) -> list[dict]:
        me = threading.current_thread().name
        with self._lock:
            self.calls.append((me, payload["id"]))
            n = len(self.calls)
            first_in_thread = me not in self._met_barrier
            self._met_barrier.add(me)
        if self.barrier is not None and first_in_thread:
            self.barrier.wait(timeout=20)
        if self.pause_on is not None and n == self.pause_on:
            self.paused.set()
            assert self.resume.wait(timeout=30), "test never resumed the extractor"
        if self.delay:
            time.sleep(self.delay)
        return [self.row(payload)]

    @property
    def pair(self):
        return (self, self.version)

    def per_article(self) -> Counter:
        return Counter(aid for _, aid in self.calls)


def counts(conn) -> dict[str, int]:
    out = {}
    with conn.cursor() as cur:
        for table in TABLES:
            cur.execute(f"SELECT count(*) FROM {table}")
            out[table] = cur.fetchone()[0]
    conn.commit()
    return out


def one(conn, sql, params=None):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    conn.commit()
    return row[0] if row and len(row) == 1 else row


def rows(conn, sql, params=None) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        out = cur.fetchall()
    conn.commit()
    return out


def integrity_problems(conn) -> list[str]:
    """Every way the incident tables can be half-written or duplicated; empty when consistent."""
    checks = {
        "report without incident": "SELECT count(*) FROM incident_reports WHERE incident_id IS NULL",
        "incident without report": """SELECT count(*) FROM incidents i
                                       WHERE NOT EXISTS (SELECT 1 FROM incident_reports r
                                                          WHERE r.incident_id = i.incident_id)""",
        "report without link": """SELECT count(*) FROM incident_reports r
                                   WHERE NOT EXISTS (SELECT 1 FROM incident_articles l
                                                      WHERE l.report_id = r.report_id)""",
        "link to wrong article": """SELECT count(*) FROM incident_articles l JOIN incident_reports r
                                      USING (report_id) WHERE l.article_id <> r.article_id
                                                           OR l.incident_id <> r.incident_id""",
        "duplicate report signature": """
            SELECT count(*) FROM (SELECT article_id, event_date, country, location, event_type, sub_event_type,
                                         actor1, actor2
                                    FROM incident_reports GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                                  HAVING count(*) > 1) d""",
        "duplicate article text": """SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY 1
                                                           HAVING count(*) > 1) d""",
        "alias to missing article": """SELECT count(*) FROM article_urls u
                                        WHERE NOT EXISTS (SELECT 1 FROM articles a
                                                           WHERE a.article_id = u.article_id)""",
        "article without its own url": """SELECT count(*) FROM articles a
                                           WHERE NOT EXISTS (SELECT 1 FROM article_urls u
                                                              WHERE u.url = a.url AND u.article_id = a.article_id)""",
    }
    found = []
    for name, sql in checks.items():
        n = one(conn, sql)
        if n:
            found.append(f"{name}: {n}")
    return found


def wait_until(predicate, timeout=15.0, interval=0.02, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def run_in_thread(fn, *args, name=None, **kwargs):
    """Start fn in a thread; returns (thread, box) where box gets 'result' or 'error' when it ends."""
    box: dict = {}

    def target():
        try:
            box["result"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 -- the test inspects it
            box["error"] = exc

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread, box
