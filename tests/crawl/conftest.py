"""Crawl-test fixtures: the sample site, a misbehaving fixture site, and a crawl runner with short delays."""
from __future__ import annotations

import pytest

from tests.crawl.fixture_site import FixtureSite

# Politeness settings shortened for a server on 127.0.0.1 that we own; everything else is the production setting.
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 10}


@pytest.fixture
def sample_site():
    from incidents.sample_site import serve_in_thread

    server, url = serve_in_thread()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def fixture_site():
    site = FixtureSite()
    yield site
    site.close()


@pytest.fixture
def crawl(db_url, tmp_path, monkeypatch):
    """crawl(sources_text=None, feed_urls=None, **settings) -> summary, into the test's database."""
    from incidents.crawling import run_crawl

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    counter = iter(range(1000))

    def run(sources_text: str | None = None, *, feed_urls=None, run_id=None, **settings):
        sources_file = None
        if sources_text is not None:
            sources_file = tmp_path / f"sources-{next(counter)}.yaml"
            sources_file.write_text(sources_text)
        summary = run_crawl(sources_file=sources_file, feed_urls=feed_urls, run_id=run_id,
                            allow_hosts=["127.0.0.1"], database_url=db_url, settings={**FAST, **settings})
        assert summary["ok"], summary.get("error")
        return summary

    return run


def per_feed(summary: dict, url_part: str) -> dict:
    matches = [f for f in summary["per_feed"] if url_part in f["feed_url"]]
    assert len(matches) == 1, (url_part, [f["feed_url"] for f in summary["per_feed"]])
    return matches[0]
