"""The page-reading worker processes: a page is read in a worker exactly as in the caller's thread, and a worker
that dies costs a fresh pool and one more try, not the crawl."""
from __future__ import annotations

import asyncio
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from incidents.page_pool import PagePool
from incidents.pages import read_page
from tests.crawl.builders import article_html

FETCH = {"html": article_html("w", published="2025-03-10T08:00:00+00:00"), "request_url": "https://o.example/w",
         "response_url": "https://o.example/w?utm_source=x", "fetched_at": "2025-03-10T10:00:00+00:00",
         "entry_link": "https://o.example/w", "entry_title": None, "entry_published_at": None,
         "date_source": "feed", "languages": ["en"], "feed_url": "https://o.example/feed", "source_name": "O"}


def _die_once(marker: str) -> int:
    """Kills the worker the first time (as a crash in C code or the OOM killer would), answers the second."""
    if not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(3)
    return os.getpid()


def _always_die(_: str) -> None:
    os._exit(3)


def test_a_page_read_in_a_worker_is_the_page_read_here():
    pool = PagePool(1)
    try:
        kind, article = asyncio.run(pool.run(read_page, FETCH))
    finally:
        pool.close()
    assert (kind, article) == read_page(FETCH)
    assert article["url"] == "https://o.example/w" and article["published_at_source"] == "page"
    assert read_page({**FETCH, "html": "<html><body><nav>Home</nav></body></html>"})[0] == "extraction_empty"


def test_a_dead_worker_is_replaced_and_the_work_retried_once(tmp_path):
    pool = PagePool(1)
    try:
        pid = asyncio.run(pool.run(_die_once, str(tmp_path / "marker")))
        assert pid != os.getpid() and pool.restarts == 1
        with pytest.raises(BrokenProcessPool):
            asyncio.run(pool.run(_always_die, "x"))
        assert pool.restarts == 3
        # and the pool still works afterwards
        assert asyncio.run(pool.run(read_page, FETCH))[0] == "article"
    finally:
        pool.close()


def test_the_metadata_search_is_skipped_when_the_feed_gave_title_and_date(monkeypatch):
    from incidents import pages

    calls = []
    real = pages.trafilatura.extract_metadata
    monkeypatch.setattr(pages.trafilatura, "extract_metadata", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    undated = {**FETCH, "html": article_html("u")}   # no date tag on the page
    from_feed = pages.article_from_page({**undated, "entry_title": "U",
                                         "entry_published_at": "2025-03-09T07:00:00+00:00"})
    assert calls == [] and from_feed["published_at_source"] == "feed"
    assert from_feed["published_at"] == "2025-03-09T07:00:00+00:00" and from_feed["title"] == "Report u"
    pages.article_from_page(undated)   # the feed had no date: the page's metadata is searched for one
    assert calls == [1]


def test_workers_do_not_outlive_a_killed_crawl(tmp_path):
    """kill -9 of the process that owns the pool (a crawl past its timeout) takes its reader processes too."""
    import signal
    import subprocess
    import sys
    import time

    script = ("import asyncio, os, signal, sys\n"
              "from incidents.page_pool import PagePool\n"
              "pool = PagePool(1)\n"
              "print(asyncio.run(pool.run(os.getpid)), flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    worker = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"   # a zombie has exited; only its exit status is left for init to collect
