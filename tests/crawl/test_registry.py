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


def test_crawl_by_feed_urls_uses_the_registry_options(crawl, fixture_site, db):
    """The DAG crawls by URL list; the source's article_xpath (and kind, language) still come from the registry."""
    from tests.crawl.builders import article_html, rss
    from tests.crawl.fixture_site import Route

    site = fixture_site
    story = "Texte choisi par le XPath du registre pour ce site dont la mise en page trompe l'extracteur. " * 4
    page = article_html("x", lang="fr").replace("<footer>", f"<div class='story'>{story}</div><footer>")
    site.route("/news/x.html", Route(200, page))
    site.route("/feed.xml", Route(200, rss([{"title": "X", "link": f"{site.url}news/x.html"}], language=None),
                                  content_type="application/rss+xml"))
    sync_registry(db, parse_registry(f"""sources:
  - name: Picky outlet
    language: fr
    options: {{article_xpath: "//div[@class='story']"}}
    feeds:
      - url: {site.url}feed.xml
"""))
    summary = crawl(feed_urls=[f"{site.url}feed.xml"])
    assert summary["stored"] == 1
    with db.cursor() as cur:
        cur.execute("SELECT text, source_name FROM articles")
        text, source = cur.fetchone()
    assert text.startswith("Texte choisi par le XPath") and "Report x" not in text and source == "Picky outlet"


def test_cli_crawl_with_sources_crawls_exactly_that_file(db, db_url, fixture_site, tmp_path, monkeypatch, capsys):
    import json

    from incidents.cli import main
    from tests.crawl.builders import article_html, rss, sources
    from tests.crawl.fixture_site import Route

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    site = fixture_site
    site.route("/news/a.html", Route(200, article_html("a")))
    site.route("/feed.xml", Route(200, rss([{"title": "A", "link": f"{site.url}news/a.html"}]),
                                  content_type="application/rss+xml"))
    site.route("/other.xml", Route(200, rss([]), content_type="application/rss+xml"))
    # another registry's feed, enabled in the database: not part of this crawl
    sync_registry(db, parse_registry(sources(f"{site.url}other.xml", name="Other outlet")))
    path = tmp_path / "mine.yaml"
    path.write_text(sources(f"{site.url}feed.xml"))

    assert main(["crawl", "--sources", str(path), "--allow-host", "127.0.0.1", "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert "1 stored" in captured.err  # the one-screen summary a person reads
    assert [f["feed_url"] for f in summary["per_feed"]] == [f"{site.url}feed.xml"] and summary["stored"] == 1
    assert site.requested("/other.xml") == []
