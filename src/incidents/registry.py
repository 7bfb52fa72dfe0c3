"""The feed registry: outlets and their feeds (config/sources.yaml), validated and synced into sources/feeds.

A source has a name, homepage, language, country focus, an enabled flag and options (crawl_delay in seconds,
article_xpath when trafilatura cannot find a site's article body). Each feed has a URL, a kind ("feed" for
RSS/Atom, "sitemap" for a Google News sitemap), an optional language and its own enabled flag.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from incidents.db import transaction
from incidents.urls import is_http_url

KINDS = ("feed", "sitemap")
OPTIONS = {"crawl_delay": (int, float), "article_xpath": str, "max_articles": int, "notes": str}


class RegistryError(ValueError):
    """The registry file is not valid; the message lists every problem found."""


@dataclass
class FeedSpec:
    url: str
    kind: str = "feed"
    language: str | None = None
    enabled: bool = True


@dataclass
class SourceSpec:
    name: str
    homepage: str | None = None
    language: str | None = None
    country_focus: list[str] = field(default_factory=list)
    enabled: bool = True
    options: dict = field(default_factory=dict)
    feeds: list[FeedSpec] = field(default_factory=list)


@dataclass
class Registry:
    sources: list[SourceSpec]
    path: str | None = None

    def crawl_targets(self) -> list[dict]:
        """Enabled feeds of enabled sources, as the spider's job entries."""
        targets = []
        for src in self.sources:
            if not src.enabled:
                continue
            for feed in src.feeds:
                if feed.enabled:
                    targets.append({"url": feed.url, "kind": feed.kind, "language": feed.language or src.language,
                                    "source_name": src.name, "options": dict(src.options)})
        return targets


def _problems_of_source(i: int, raw) -> list[str]:
    where = f"sources[{i}]"
    if not isinstance(raw, dict):
        return [f"{where}: expected a mapping"]
    problems = []
    if not raw.get("name"):
        problems.append(f"{where}: missing name")
    for key, kinds in OPTIONS.items():
        value = (raw.get("options") or {}).get(key)
        if value is not None and not isinstance(value, kinds):
            problems.append(f"{where} ({raw.get('name')}): option {key} has the wrong type")
    unknown = set(raw.get("options") or {}) - set(OPTIONS)
    if unknown:
        problems.append(f"{where} ({raw.get('name')}): unknown option(s) {sorted(unknown)}")
    feeds = raw.get("feeds") or []
    if not isinstance(feeds, list):
        problems.append(f"{where}: feeds must be a list")
        return problems
    for j, feed in enumerate(feeds):
        if not isinstance(feed, dict) or not is_http_url(feed.get("url")):
            problems.append(f"{where}.feeds[{j}]: needs an http(s) url")
        elif feed.get("kind", "feed") not in KINDS:
            problems.append(f"{where}.feeds[{j}]: kind must be one of {KINDS}")
    return problems


def parse_registry(text: str, path: str | None = None) -> Registry:
    data = yaml.safe_load(text) or {}
    raw_sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(raw_sources, list):
        raise RegistryError(f"{path or 'registry'}: expected a top-level 'sources:' list")
    problems = [p for i, raw in enumerate(raw_sources) for p in _problems_of_source(i, raw)]
    seen_names, seen_urls = set(), set()
    sources = []
    for raw in raw_sources:
        if not isinstance(raw, dict):
            continue
        name = str(raw.get("name") or "").strip()
        if name in seen_names:
            problems.append(f"duplicate source name {name!r}")
        seen_names.add(name)
        feeds = []
        for feed in raw.get("feeds") or []:
            if not isinstance(feed, dict) or not feed.get("url"):
                continue
            url = str(feed["url"]).strip()
            if url in seen_urls:
                problems.append(f"feed {url} is listed twice")
            seen_urls.add(url)
            feeds.append(FeedSpec(url=url, kind=feed.get("kind", "feed"), language=feed.get("language"),
                                  enabled=bool(feed.get("enabled", True))))
        focus = raw.get("country_focus") or []
        sources.append(SourceSpec(name=name, homepage=raw.get("homepage"), language=raw.get("language"),
                                  country_focus=[str(c).upper() for c in (focus if isinstance(focus, list)
                                                                          else [focus])],
                                  enabled=bool(raw.get("enabled", True)), options=dict(raw.get("options") or {}),
                                  feeds=feeds))
    if problems:
        raise RegistryError(f"{path or 'registry'}: " + "; ".join(problems))
    return Registry(sources=sources, path=path)


def load_registry(path=None) -> Registry:
    """Read and validate a registry file (default: the configured config/sources.yaml)."""
    if path is None:
        from incidents.config import sources_file

        path = sources_file()
    path = Path(path)
    return parse_registry(path.read_text(encoding="utf-8"), str(path))


def sync_registry(conn, registry: Registry, *, prune: bool = False) -> dict:
    """Upsert the registry's sources (by name) and feeds (by URL); crawl state (ETag, errors) is kept.

    Feeds already in the database but not in this file are left alone, or disabled with prune=True, so syncing a
    small test file does not switch off the production registry.
    """
    import json

    summary = {"sources_added": 0, "sources_updated": 0, "feeds_added": 0, "feeds_updated": 0,
               "feeds_disabled": 0}
    urls = []
    with transaction(conn) as cur:
        for src in registry.sources:
            cur.execute(
                """INSERT INTO sources (name, homepage_url, language, country_focus, enabled, options)
                   VALUES (%s, %s, %s, %s, %s, %s::jsonb)
                   ON CONFLICT (name) DO UPDATE SET homepage_url = EXCLUDED.homepage_url,
                       language = EXCLUDED.language, country_focus = EXCLUDED.country_focus,
                       enabled = EXCLUDED.enabled, options = EXCLUDED.options, updated_at = now()
                   RETURNING source_id, (xmax = 0)""",
                (src.name, src.homepage, src.language, src.country_focus, src.enabled, json.dumps(src.options)))
            source_id, inserted = cur.fetchone()
            summary["sources_added" if inserted else "sources_updated"] += 1
            for feed in src.feeds:
                urls.append(feed.url)
                cur.execute(
                    """INSERT INTO feeds (source_id, url, kind, language, enabled)
                       VALUES (%s, %s, %s, %s, %s)
                       ON CONFLICT (url) DO UPDATE SET source_id = EXCLUDED.source_id, kind = EXCLUDED.kind,
                           language = EXCLUDED.language, enabled = EXCLUDED.enabled, updated_at = now()
                       RETURNING (xmax = 0)""",
                    (source_id, feed.url, feed.kind, feed.language or src.language, feed.enabled and src.enabled))
                summary["feeds_added" if cur.fetchone()[0] else "feeds_updated"] += 1
        if prune:
            cur.execute("UPDATE feeds SET enabled = false, updated_at = now() "
                        "WHERE enabled AND NOT (url = ANY(%s))", (urls,))
            summary["feeds_disabled"] = cur.rowcount
    return summary
