"""The benchmark's synthetic site and server: deterministic, varied pages, and conditional GET that answers 304."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bench import phases, report, server
from bench.site import Site, SiteSpec, article_path, feed_path


def test_site_is_deterministic_and_varied():
    spec = SiteSpec(feeds=3, per_feed=20, seed=11)
    a, b = Site(spec, "http://127.0.0.1:1").build(), Site(spec, "http://127.0.0.1:1").build()
    assert a == b  # same parameters, same bytes and validators: an unchanged site really is unchanged
    assert len(a) == 3 * 20 + 3 + 2  # articles, feeds, robots.txt, index
    site = Site(spec)
    arts = [site.article(f, i) for f in range(3) for i in range(20)]
    assert len({x.text for x in arts}) == len(arts)
    assert 0 < sum(x.has_incident for x in arts) < len(arts)
    words = [len(x.text.split()) for x in arts]
    assert min(words) >= 100 and max(words) > 2 * min(words)
    # another seed gives another site
    other = Site(SiteSpec(feeds=3, per_feed=20, seed=12))
    assert other.article(0, 0).text != site.article(0, 0).text


def test_feed_links_every_article_of_its_feed():
    spec = SiteSpec(feeds=2, per_feed=5)
    pages = Site(spec, "http://127.0.0.1:9").build()
    feed = pages[feed_path(1)][0].decode()
    for i in range(5):
        assert f"<link>http://127.0.0.1:9{article_path(1, i)}</link>" in feed
    assert article_path(0, 0) not in feed


def _status(url: str, headers: dict | None = None) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as resp:
            resp.read()
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


@pytest.fixture(scope="module")
def running():
    with server.start(SiteSpec(feeds=2, per_feed=3)) as rs:
        yield rs


def test_conditional_get_answers_304(running):
    url = running.base_url + feed_path(0)
    status, headers = _status(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert _status(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert _status(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert _status(url, {"If-None-Match": '"something-else"'})[0] == 200
    assert _status(running.base_url + "/news/9/9.html")[0] == 404


def test_server_counts_what_it_served(running):
    running.reset_stats()
    _status(running.base_url + article_path(0, 1))
    etag = _status(running.base_url + feed_path(1))[1]["ETag"]
    _status(running.base_url + feed_path(1), {"If-None-Match": etag})
    assert running.stats() == {"article_200": 1, "feed_200": 1, "feed_304": 1}
    rate = server.measure_rate(running.site.article_urls(), concurrency=4, seconds=0.3)
    assert rate["requests"] > 0 and rate["errors"] == 0


def test_sources_yaml_is_a_valid_registry(running, tmp_path):
    from incidents.registry import load_registry

    path = phases.write_sources(running, tmp_path)
    targets = load_registry(path).crawl_targets()
    assert sorted(t["url"] for t in targets) == sorted(running.site.feed_urls())


def test_union_of_task_intervals():
    assert phases._union_seconds([(0, 2), (1, 3), (5, 6)]) == 4
    assert phases._union_seconds([]) == 0


def test_targets_report_misses_and_unmeasured():
    res = {"crawl": {"pages_per_s": 30.0, "wall_s": 100.0, "peak_rss_mb": 120.0},
           "ceiling": {"pages_per_s_wall": 100.0},
           "incremental_crawl": {"wall_s": 5.0, "data_rows_written": 0},
           "extract": {"one_core_articles_per_s": 250.0},
           "scales": [{"factor": 1, "ms_per_article": 10.0}, {"factor": 4, "ms_per_article": 14.0}]}
    res["derived"] = report.derive(res)
    by_name = {t["target"].split(",")[0].split(" (")[0]: t for t in report.targets(res)}
    assert by_name["crawl / bare-Scrapy ceiling"]["met"] is False       # 0.3 < 0.6
    assert by_name["normalisation"]["met"] is True
    assert by_name["loading / raw COPY"]["met"] is None                  # not measured
    growth = by_name["time per article at 16x / at 1x"]
    assert growth["met"] is None and growth["value"] == 1.4 and "x4" in growth["note"]
    md = report.markdown({**res, "targets": report.targets(res), "machine": {"cpu": "X"}, "config": {"pages": 1}})
    assert "| crawl / bare-Scrapy ceiling | 0.300 | >= 0.6 | **no** |" in md
