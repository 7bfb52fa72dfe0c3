"""Overlapping runs: two loaders or two normalisers at once, each on its own connection, must neither duplicate
nor lose anything, and must not fail each other (constraints and locks, not luck: a barrier makes sure both are
in flight at the same moment)."""
from __future__ import annotations

import random
import threading

from incidents.db import connect
from incidents.load.articles import store_articles
from incidents.normalize import normalize_pending
from tests.reliability.support import (
    RecordingExtractor,
    article,
    counts,
    integrity_problems,
    one,
    rows,
    run_in_thread,
)


def _overlapping_batches(seed: int, n: int = 30) -> tuple[list[dict], list[dict]]:
    """The same stories in two different orders, some also under a second URL (a syndicated copy)."""
    stories = [article(i) for i in range(n)]
    copies = [article(i, url=f"https://mirror.example/story-{i}") for i in range(0, n, 3)]
    a, b = stories + copies, stories + copies
    random.Random(seed).shuffle(a)
    random.Random(seed + 1).shuffle(b)
    return a, b


def test_two_overlapping_loads_store_each_story_once_and_neither_fails(db_url):
    conn = connect(db_url)
    for round_ in range(4):
        a, b = _overlapping_batches(round_)
        barrier = threading.Barrier(2)

        def load(batch, barrier=barrier):
            own = connect(db_url)
            barrier.wait(10)
            try:
                return store_articles(own, batch)
            finally:
                own.close()

        (ta, box_a), (tb, box_b) = run_in_thread(load, a), run_in_thread(load, b)
        ta.join(30), tb.join(30)
        assert "error" not in box_a and "error" not in box_b, (box_a.get("error"), box_b.get("error"))
        ra, rb = box_a["result"], box_b["result"]
        # every story stored exactly once between the two runs; every mirror URL kept as an alias
        assert ra.stored + rb.stored == (30 if round_ == 0 else 0)
        assert counts(conn)["articles"] == 30
        assert counts(conn)["article_urls"] == 40
        # a story and its mirror copy are one article, whichever URL arrived first
        assert one(conn, """SELECT count(*) FROM article_urls m JOIN article_urls o
                               ON o.url = 'https://news.example/a/' || substr(m.url, 30)
                             WHERE m.url LIKE 'https://mirror.example/%%' AND m.article_id <> o.article_id""") == 0
    assert integrity_problems(conn) == []


def test_two_overlapping_normalise_runs_split_the_work(db_url):
    conn = connect(db_url)
    store_articles(conn, [article(i) for i in range(40)])
    # both runs must hold a batch at the same time before either goes on
    extractor = RecordingExtractor(delay=0.005, barrier=threading.Barrier(2))
    runs = [run_in_thread(normalize_pending, connect(db_url), batch_size=4, extractor=extractor.pair,
                          name=f"run-{k}") for k in range(2)]
    for thread, _ in runs:
        thread.join(60)
    for _, box in runs:
        assert "error" not in box, box["error"]
    # each article extracted exactly once, by one run or the other, and both runs did part of the work
    per_article = extractor.per_article()
    assert len(per_article) == 40 and set(per_article.values()) == {1}
    assert {name for name, _ in extractor.calls} == {"run-0", "run-1"}
    assert sum(box["result"].articles for _, box in runs) == 40
    c = counts(conn)
    assert (c["incident_reports"], c["incidents"], c["incident_articles"]) == (40, 40, 40)
    assert integrity_problems(conn) == []


def test_store_during_normalise_requeues_the_changed_article(db_url):
    """A crawl that updates an article while a normaliser holds it waits for the batch, then re-queues it."""
    conn = connect(db_url)
    store_articles(conn, [article(i) for i in range(3)])
    extractor = RecordingExtractor(pause_on=2)
    worker, box = run_in_thread(normalize_pending, connect(db_url), extractor=extractor.pair)
    assert extractor.paused.wait(10)
    updater_conn = connect(db_url)
    updater, ubox = run_in_thread(store_articles, updater_conn,
                                  [article(1, text="Body of story 1, revised: the toll rose to nine.")])
    updater.join(0.5)
    assert updater.is_alive(), "the update must wait for the batch holding the article"
    extractor.resume.set()
    worker.join(10), updater.join(10)
    assert "error" not in box and "error" not in ubox
    assert ubox["result"].updated == 1
    # the revised article was re-queued: either the running normaliser's next batch already took it (when the
    # update committed before that batch was claimed) or it is pending for the next run; either way it is
    # extracted once more, and nothing else is
    article_id = rows(conn, "SELECT article_id FROM articles WHERE url = 'https://news.example/a/1'")[0][0]
    pending = rows(conn, "SELECT url FROM articles WHERE extractor_version IS NULL")
    assert pending in ([], [("https://news.example/a/1",)])
    again = RecordingExtractor()
    assert normalize_pending(conn, extractor=again.pair).articles == len(pending)
    extractions = [a for _, a in extractor.calls + again.calls]
    assert extractions.count(str(article_id)) == 2 and len(extractions) == 4
    assert counts(conn)["incidents"] == 3 and integrity_problems(conn) == []


def test_two_overlapping_dag_normalise_tasks_split_the_work(db_url):
    """Two news_ingest runs whose normalise tasks overlap (a slow run and the next hour's), as Airflow calls them."""
    import datetime as dt

    from incidents.pipeline import normalize_run

    conn = connect(db_url)
    store_articles(conn, [article(i) for i in range(24)])
    extractor = RecordingExtractor(delay=0.005, barrier=threading.Barrier(2))
    end = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    runs = [run_in_thread(normalize_run, run_id=f"scheduled__h{k}", interval_end=end, database_url=db_url,
                          batch_size=3, extractor=extractor.pair, name=f"dag-run-{k}") for k in range(2)]
    for thread, _ in runs:
        thread.join(60)
    for _, box in runs:
        assert "error" not in box, box["error"]
    assert set(extractor.per_article().values()) == {1} and len(extractor.per_article()) == 24
    assert sum(box["result"]["articles"] for _, box in runs) == 24
    # each run's record holds its own share, and the shares add up
    extracted = dict(rows(conn, "SELECT run_id, articles_extracted FROM pipeline_runs"))
    assert sum(extracted.values()) == 24 and all(v > 0 for v in extracted.values())
    assert counts(conn)["incidents"] == 24 and integrity_problems(conn) == []


def test_two_normalise_processes_with_the_real_extractor_share_the_work(db_url):
    """`incidents normalize` started twice at once (two workers, two processes): every article extracted once."""
    import os
    import re
    import subprocess
    import sys
    from pathlib import Path

    from tests.reliability.site import TOWNS

    conn = connect(db_url)
    stories = [article(i, text=f"Gunmen killed {2 + i % 7} civilians in an attack on a market in "
                               f"{TOWNS[i % len(TOWNS)][0]}, {TOWNS[i % len(TOWNS)][1]}, on Monday, officials said "
                               f"(dispatch {i}).") for i in range(40)]
    store_articles(conn, stories)
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, DATABASE_URL=db_url)
    procs = [subprocess.Popen([sys.executable, "-m", "incidents.cli", "normalize", "--batch-size", "2"], cwd=root,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-1500:] for o in outputs]
    done = [int(re.search(r"normalise: (\d+) articles", err).group(1)) for _, err in outputs]
    assert sum(done) == 40, done
    assert one(conn, "SELECT count(*) FROM articles WHERE extractor_version IS NULL") == 0
    assert integrity_problems(conn) == []
