"""The crawler under faults and hostile pages: a crawl killed mid-run resumes without duplicates or gaps, and
huge, empty, binary, badly encoded, right-to-left and script-laden pages end stored as inert text or quarantined
with a reason, never as a failed crawl."""
from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from incidents.db import connect
from incidents.normalize import normalize_pending
from tests.reliability.site import TOWNS, NewsSite, Page, Story, sources_yaml
from tests.reliability.support import counts, integrity_problems, one, rows, run_in_thread, wait_until

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 10}


def make_story(key: int, *, revision: int = 0) -> Story:
    town, country = TOWNS[key % len(TOWNS)]
    return Story(key, town, country, 2 + key % 10, dt.date(2025, 1, 5) + dt.timedelta(days=9 * key),
                 revision=revision)


@pytest.fixture
def site():
    s = NewsSite()
    yield s
    s.close()


@pytest.fixture
def crawl(db_url, tmp_path, monkeypatch):
    from incidents.crawling import run_crawl

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))

    def run(site: NewsSite, run_id: str | None = None, **settings):
        sources = tmp_path / "sources.yaml"
        sources.write_text(sources_yaml(site))
        return run_crawl(sources_file=sources, run_id=run_id, allow_hosts=["127.0.0.1"], database_url=db_url,
                         settings={**FAST, **settings})
    return run


def _crawl_pids(run_id: str) -> list[int]:
    """The scrapy process of this test's crawl (found by the run id in its command line), never anything else."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "scrapy crawl" in cmdline and run_id in cmdline:
            pids.append(int(proc.name))
    return pids


def test_crawl_killed_mid_run_resumes_without_duplicates_or_gaps(site, crawl, db_url):
    for key in range(24):
        site.add(make_story(key))
    site.article_delay = 0.25          # slow pages, so the kill lands with part of the feed stored
    conn = connect(db_url)
    run_id = "reliability-kill-1"
    thread, box = run_in_thread(crawl, site, run_id=run_id, INCIDENTS_STORE_BATCH=2)
    wait_until(lambda: one(conn, "SELECT count(*) FROM articles") >= 4, timeout=60, what="a few stored articles")
    pids = wait_until(lambda: _crawl_pids(run_id), what="the crawl process")
    for pid in pids:
        os.kill(pid, signal.SIGKILL)   # no clean shutdown: no summary, no feed validators, no flush
    thread.join(30)
    first = box["result"]
    assert first["ok"] is False and "exited -9" in (first.get("error") or "")
    stored_before = one(conn, "SELECT count(*) FROM articles")
    assert 4 <= stored_before < 24

    site.article_delay = 0.0
    second = crawl(site, run_id="reliability-kill-2")
    assert second["ok"], second.get("error")
    # the second run requested exactly the stories the first did not store, and stored each once
    assert second["stored"] == 24 - stored_before
    assert second["skipped_known"] >= stored_before
    urls = [r[0] for r in rows(conn, "SELECT url FROM articles ORDER BY url")]
    assert sorted(urls) == sorted(f"{site.url}{make_story(k).path}" for k in range(24))
    assert one(conn, "SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY 1 HAVING count(*) > 1) d") == 0
    # every stored page was fetched by exactly one successful run (a killed batch may have been fetched twice,
    # but never stored twice)
    assert all(site.hits.get(make_story(k).path, 0) >= 1 for k in range(24))
    assert integrity_problems(conn) == []
    third = crawl(site, run_id="reliability-kill-3")
    assert third["stored"] == 0 and third["requested"] == 0


def _hostile_pages(site: NewsSite) -> dict[str, str]:
    """path -> what must become of it: 'stored' or 'quarantined'."""
    para = ("Gunmen attacked a market in Gao, Mali, on Monday, killing four civilians, officials said. "
            "Residents said the attackers came on motorbikes. ")
    huge = ("<html><head><title>Huge</title></head><body><article>"
            + "".join(f"<p>{para} Paragraph {i}.</p>" for i in range(24_000)) + "</article></body></html>")
    pages = {
        "/hostile/huge.html": (Page(body=huge.encode()[:4_900_000]), "stored"),       # ~5 MB, under the cap
        "/hostile/over-cap.html": (Page(body=b"<html><body>" + b"<p>x</p>" * 800_000 + b"</body></html>"),
                                   "quarantined"),                                        # 6.4 MB: over the cap
        "/hostile/empty.html": (Page(body=b""), "quarantined"),
        "/hostile/nav-only.html": (Page(body=b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
                                   "quarantined"),
        "/hostile/binary.html": (Page(body=bytes(range(256)) * 400), "quarantined"),
        "/hostile/pdf.html": (Page(body=b"%PDF-1.7\n" + bytes(range(256)) * 100, content_type="application/pdf"),
                              "quarantined"),
        "/hostile/latin1-as-utf8.html": (Page(body=(
            "<html><head><meta charset='utf-8'><title>Attaque à Ségou</title></head><body><article>"
            + "".join(f"<p>Des hommes armés ont attaqué un marché à Ségou, au Mali, lundi, tuant quatre civils, "
                      f"selon des responsables locaux (paragraphe {i}). Les habitants ont fui.</p>" for i in range(5))
            + "</article></body></html>").encode("latin-1")), "stored"),
        "/hostile/rtl.html": (Page(body=(
            "<html dir='rtl' lang='ar'><head><meta charset='utf-8'><title>هجوم في غاو</title></head><body><article>"
            + "".join(f"<p>هاجم مسلحون سوقا في غاو بمالي يوم الاثنين، ما أسفر عن مقتل أربعة مدنيين، حسبما قال "
                      f"مسؤولون محليون ({i}). وقال السكان إن المهاجمين جاؤوا على دراجات نارية.</p>" for i in range(4))
            + "</article></body></html>").encode("utf-8")), "stored"),
        "/hostile/script.html": (Page(body=(
            "<html><head><title>x'); DROP TABLE articles; --</title><script>alert('head')</script></head><body>"
            "<article><h1>&lt;script&gt;alert(1)&lt;/script&gt; headline</h1>"
            + "".join(f"<p>{para}</p><script>document.write('<p>injected</p>')</script>"
                      f"<p onclick=\"alert(2)\">Robert'); DELETE FROM incidents; -- said the <b>army</b> "
                      f"spokesman ({i}), adding that \x00 control \x07 characters were in the copy.</p>"
                      for i in range(3))
            + "</article></body></html>").encode("utf-8")), "stored"),
    }
    for path, (page, _) in pages.items():
        site.extra[path] = page
        site.extra_in_feed.append(path)
    return {path: fate for path, (_, fate) in pages.items()}


def test_hostile_pages_are_stored_as_inert_text_or_quarantined(site, crawl, db_url):
    fates = _hostile_pages(site)
    conn = connect(db_url)
    t0 = time.monotonic()
    summary = crawl(site)
    assert summary["ok"], summary.get("error")
    assert time.monotonic() - t0 < 90
    stored = {r[0].removeprefix(site.url): r[1] for r in rows(conn, "SELECT url, text FROM articles")}
    quarantined = {r[0].removeprefix(site.url) for r in rows(conn, "SELECT subject FROM quarantine")}
    for path, fate in fates.items():
        if fate == "stored":
            assert path in stored and path not in quarantined, (path, fate)
        else:
            assert path in quarantined and path not in stored, (path, fate)
    for path, text in stored.items():
        # script elements are dropped; escaped markup in the prose stays as the literal text it is
        assert "\x00" not in text and "alert('head')" not in text and "document.write" not in text, path
    assert "مقتل أربعة مدنيين" in stored["/hostile/rtl.html"]
    assert "Ségou" in stored["/hostile/latin1-as-utf8.html"]                 # sniffed, not mojibake
    assert "Robert'); DELETE FROM incidents; --" in stored["/hostile/script.html"]   # kept as the text it is
    assert counts(conn)["articles"] == sum(1 for f in fates.values() if f == "stored")

    # and on through the real extractor: bounded time, nothing half-written
    t0 = time.monotonic()
    result = normalize_pending(conn)
    assert time.monotonic() - t0 < 60
    assert result.articles == counts(conn)["articles"]
    assert integrity_problems(conn) == []

    # the next hourly run neither refetches the stored pages nor piles up quarantine rows
    hits_before = dict(site.hits)
    again = crawl(site)
    assert again["stored"] == 0
    for path, fate in fates.items():
        if fate == "stored":
            assert site.hits.get(path) == hits_before.get(path), path
    assert one(conn, "SELECT count(*) FROM quarantine") == len(quarantined)


def test_two_overlapping_crawls_of_the_same_feed_store_each_story_once(site, crawl, db_url):
    """Two hourly runs whose crawl tasks overlap (a slow run and the next one) fetch the same new stories."""
    for key in range(16):
        site.add(make_story(key))
    site.article_delay = 0.05
    conn = connect(db_url)
    runs = [run_in_thread(crawl, site, run_id=f"reliability-overlap-{k}", INCIDENTS_STORE_BATCH=3)
            for k in range(2)]
    for thread, _ in runs:
        thread.join(120)
    summaries = [box.get("result") or box.get("error") for _, box in runs]
    for summary in summaries:
        assert isinstance(summary, dict) and summary["ok"], summary
    assert sum(s["stored"] for s in summaries) == 16, [(s["stored"], s["skipped_known"]) for s in summaries]
    assert counts(conn)["articles"] == 16 and counts(conn)["quarantine"] == 0
    assert integrity_problems(conn) == []
