"""Parse RSS/Atom feed bytes into entries, tolerating the ways real feeds are broken.

The bytes come from the network and are untrusted: they are handed to feedparser as an in-memory stream (never as
a string it could take for a path or URL), after any DOCTYPE and entity declarations are removed, so entity
expansion ("billion laughs") and external entities cannot cost memory or touch the filesystem. A feed that is
not well-formed ("bozo") still yields whatever entries feedparser recovered; the problem is reported alongside.
"""
from __future__ import annotations

import calendar
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser

from incidents.urls import canonicalize, is_http_url

MAX_ENTRIES = 500            # a feed listing more is a dump, not a news feed; the newest come first anyway
MAX_TITLE_CHARS = 500
FUTURE_TOLERANCE = dt.timedelta(days=1)  # time-zone slips are common; a date weeks ahead is wrong

_DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_SUBSET_END = re.compile(rb"\]\s*>")
_ENTITY_DECL = re.compile(rb"<!ENTITY[^>]*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACE = re.compile(r"\s+")
_BOMS = (("\xef\xbb\xbf".encode("latin-1"), "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass
class FeedEntry:
    link: str | None            # absolute http(s) URL, as given (not yet canonical)
    raw_link: str | None        # what the feed said, for the record when it is unusable
    title: str | None
    published_at: dt.datetime | None
    summary_text: str           # entry content/summary as plain text (used when there is no link)
    language: str | None
    entry_id: str | None


@dataclass
class ParsedFeed:
    title: str | None = None
    language: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # bozo reasons, truncation, defused declarations
    total_entries: int = 0

    @property
    def problem(self) -> str | None:
        return "; ".join(self.problems) if self.problems else None


def _strip_doctype(data: bytes) -> tuple[bytes, bool]:
    """Cut the DOCTYPE declaration (and its internal subset) out, scanning linearly: no regex backtracking."""
    match = _DOCTYPE_START.search(data, 0, 1_000_000)
    if match is None:
        return data, False
    start, pos = match.start(), match.end()
    close, subset = data.find(b">", pos), data.find(b"[", pos)
    if subset != -1 and (close == -1 or subset < close):
        end = _SUBSET_END.search(data, subset)
        return (data[:start] + data[end.end():] if end else data[:start]), True
    return (data[:start] + data[close + 1:] if close != -1 else data[:start]), True


def defuse(data: bytes) -> tuple[bytes, list[str]]:
    """Remove DOCTYPE and entity declarations (the only way XML can expand or include external content)."""
    problems = []
    for bom, codec in _BOMS:
        if data.startswith(bom) and codec != "utf-8-sig":
            # re-encode so the byte-level checks below see ASCII markup; drop the now-wrong encoding declaration
            data = data.decode(codec, "replace").encode("utf-8")
            data = re.sub(rb"^(<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']", rb"\1", data.lstrip())
            break
    head = data[:1_000_000]  # declarations can only precede the root element
    if b"<!" in head:
        data, removed = _strip_doctype(data)
        if removed:
            problems.append("DOCTYPE removed")
        data, n = _ENTITY_DECL.subn(b"", data)
        if n:
            problems.append(f"{n} entity declaration(s) removed")
    return data, problems


def plain_text(value: str | None, limit: int | None = None) -> str:
    """HTML fragment -> one line of text (titles arrive with <b>, &amp;amp; and line breaks)."""
    if not value:
        return ""
    text = _TAG.sub(" ", value)
    text = html.unescape(html.unescape(text)) if "&amp;" in text else html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text[:limit] if limit else text


def _entry_time(entry, now: dt.datetime) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                stamp = dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
            if stamp <= now + FUTURE_TOLERANCE and stamp.year >= 1990:
                return stamp
    return None


def _entry_link(entry, base_url: str | None) -> tuple[str | None, str | None]:
    candidates = [entry.get("link")]
    candidates += [l.get("href") for l in entry.get("links") or [] if l.get("rel", "alternate") == "alternate"]
    if entry.get("guidislink") or is_http_url(entry.get("id")):
        candidates.append(entry.get("id"))
    raw = next((c for c in candidates if c and c.strip()), None)
    for candidate in candidates:
        if candidate and canonicalize(candidate, base_url):
            # keep the absolute form (relative links resolved), not yet stripped of parameters
            return urljoin(base_url or "", candidate.strip()), raw
    return None, raw


def _entry_text(entry) -> str:
    parts = [c.get("value") for c in entry.get("content") or []]
    parts.append(entry.get("summary"))
    best = max((plain_text(p) for p in parts if p), key=len, default="")
    return best


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def parse_feed(data: bytes, *, base_url: str | None = None, content_type: str | None = None,
               max_entries: int = MAX_ENTRIES, now: dt.datetime | None = None) -> ParsedFeed:
    """Entries of an RSS or Atom document given as bytes; never raises on bad input."""
    now = now or dt.datetime.now(dt.UTC)
    data, problems = defuse(data or b"")
    headers = {}
    if content_type:
        headers["content-type"] = content_type
    if base_url:
        headers["content-location"] = base_url  # lets feedparser resolve relative links and xml:base
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True,
                                  resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 -- feedparser is robust, but this is untrusted input: never take the crawl down
        return ParsedFeed(problems=problems + [f"feedparser failed: {type(exc).__name__}: {exc}"])
    result = ParsedFeed(problems=problems)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        result.problems.append(f"not well-formed: {type(exc).__name__}: {str(exc)[:300]}")
    feed = parsed.get("feed") or {}
    result.title = plain_text(feed.get("title"), MAX_TITLE_CHARS) or None
    result.language = _language(feed.get("language"))
    entries = parsed.get("entries") or []
    result.total_entries = len(entries)
    if len(entries) > max_entries:
        result.problems.append(f"{len(entries)} entries, only the first {max_entries} kept")
        entries = entries[:max_entries]
    for entry in entries:
        link, raw = _entry_link(entry, base_url)
        result.entries.append(FeedEntry(
            link=link,
            raw_link=raw,
            title=plain_text(entry.get("title"), MAX_TITLE_CHARS) or None,
            published_at=_entry_time(entry, now),
            summary_text=_entry_text(entry),
            language=_language(entry.get("language") or (entry.get("title_detail") or {}).get("language"))
            or result.language,
            entry_id=(entry.get("id") or None),
        ))
    if not entries and not result.problems:
        result.problems.append("no entries")
    return result


# --- Google News sitemaps ----------------------------------------------------------------------------------------
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _w3c_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def news_sitemap_entries(data: bytes, *, base_url: str | None = None,
                         now: dt.datetime | None = None) -> dict[str, FeedEntry]:
    """loc -> FeedEntry (title, publication time, language) from a Google News sitemap (or a plain one)."""
    from lxml import etree

    now = now or dt.datetime.now(dt.UTC)
    # no entity resolution, no network, no huge trees: the same hostile-input rules as for feeds
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    data, _ = defuse(data)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    if root is None:
        return {}
    entries = {}
    for url in root.iter(f"{{{_SITEMAP_NS}}}url", "url"):
        loc = (url.findtext(f"{{{_SITEMAP_NS}}}loc") or url.findtext("loc") or "").strip()
        if not loc:
            continue
        link = urljoin(base_url or "", loc)
        news = url.find(f"{{{_NEWS_NS}}}news")
        published = title = language = None
        if news is not None:
            published = _w3c_time(news.findtext(f"{{{_NEWS_NS}}}publication_date"))
            title = plain_text(news.findtext(f"{{{_NEWS_NS}}}title"), MAX_TITLE_CHARS) or None
            language = _language(news.findtext(f"{{{_NEWS_NS}}}publication/{{{_NEWS_NS}}}language"))
        if published is None:
            published = _w3c_time(url.findtext(f"{{{_SITEMAP_NS}}}lastmod"))
        if published and published > now + FUTURE_TOLERANCE:
            published = None
        entries[loc] = FeedEntry(link=link if canonicalize(link) else None, raw_link=loc, title=title,
                                 published_at=published, summary_text="", language=language, entry_id=loc)
    return entries
