"""The feed registry: the shipped file validates, sync upserts without clobbering crawl state, errors are listed."""
from __future__ import annotations

import pytest

from incidents.registry import RegistryError, load_registry, parse_registry, sync_registry


def test_shipped_registry_is_valid():
    registry = load_registry()  # config/sources.yaml
    targets = registry.crawl_targets()
    assert len(registry.sources) >= 10 and len(targets) >= 10
    assert {t["language"] for t in targets} >= {"en", "fr"}
    assert {t["kind"] for t in targets} <= {"feed", "sitemap"}
    assert all(t["url"].startswith(("http://", "https://")) for t in targets)


def test_invalid_registry_lists_every_problem():
    with pytest.raises(RegistryError) as err:
        parse_registry("""sources:
  - feeds: [{url: "ftp://x.org/feed"}]
  - name: B
    options: {crawl_delay: "slow", colour: red}
    feeds: [{url: "https://b.org/f", kind: podcast}]
""")
    text = str(err.value)
    for expected in ("missing name", "http(s) url", "crawl_delay", "colour", "kind must be"):
        assert expected in text


def test_sync_is_an_upsert_and_keeps_crawl_state(db):
    text = """sources:
  - name: Outlet
    language: fr
    country_focus: [mli, bfa]
    options: {crawl_delay: 3}
    feeds:
      - url: https://outlet.example/rss
      - url: https://outlet.example/sitemap-news.xml
        kind: sitemap
      - url: https://outlet.example/old
        enabled: false
"""
    first = sync_registry(db, parse_registry(text))
    assert first == {"sources_added": 1, "sources_updated": 0, "feeds_added": 3, "feeds_updated": 0,
                     "feeds_disabled": 0}
    with db.cursor() as cur:
        cur.execute("UPDATE feeds SET etag = 'e1' WHERE url = 'https://outlet.example/rss'")
    db.commit()
    second = sync_registry(db, parse_registry(text.replace("crawl_delay: 3", "crawl_delay: 5")))
    assert second["sources_updated"] == 1 and second["feeds_updated"] == 3
    with db.cursor() as cur:
        cur.execute("SELECT f.url, f.kind, f.language, f.enabled, f.etag, s.options, s.country_focus "
                    "FROM feeds f JOIN sources s USING (source_id) ORDER BY f.url")
        rows = cur.fetchall()
    by_url = {r[0].rsplit("/", 1)[-1]: r[1:] for r in rows}
    assert by_url["rss"] == ("feed", "fr", True, "e1", {"crawl_delay": 5}, ["MLI", "BFA"])
    assert by_url["old"][2] is False and by_url["sitemap-news.xml"][0] == "sitemap"
    assert [t["url"] for t in parse_registry(text).crawl_targets()] == [
        "https://outlet.example/rss", "https://outlet.example/sitemap-news.xml"]
