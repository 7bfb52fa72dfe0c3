"""Article text, title, publication time, language and canonical URL from an article page's HTML.

trafilatura finds the main text; the publication time and canonical link are read from the page's own metadata
(Open Graph / schema.org / <time>) because they carry the time of day, with trafilatura's date as a fallback. A
site where trafilatura fails can be given an XPath for its article body in the registry.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from incidents.feeds import plain_text
from incidents.urls import canonicalize, host_of

MIN_TEXT_CHARS = 200  # below this an "article" is a teaser, a paywall notice or an error page

_DATE_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
              "dc.date.issued", "dc.date", "dcterms.date", "date", "pubdate", "publishdate", "sailthru.date",
              "parsely-pub-date")
_STOPWORDS = {  # frequent function words; "a" counts for both English and French, which is harmless
    "en": frozenset((
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "by", "as", "at",
        "from", "were", "said", "have", "has", "after", "who",
    )),
    "fr": frozenset((
        "le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "est", "dans", "pour", "que", "qui",
        "sur", "par", "au", "aux", "ont", "été", "a", "selon",
    )),
    "pt": frozenset((
        "o", "os", "as", "de", "do", "da", "dos", "das", "em", "um", "uma", "que", "para", "com", "por",
        "foram", "não",
    )),
}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class Page:
    text: str
    title: str | None
    published_at: dt.datetime | None
    language: str | None
    canonical_url: str | None
    method: str  # "trafilatura" or "xpath"


class ExtractionError(Exception):
    """The page could not be turned into article text; the message is the quarantine reason's detail."""


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if stamp.tzinfo is None:  # a bare local time: better an hour off than dropped
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _json_ld_dates(tree) -> list[str]:
    found = []
    for script in tree.xpath('//script[@type="application/ld+json"]')[:10]:
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    found.append(node["datePublished"])
                stack.extend(v for k, v in node.items() if k == "@graph")
    return found


def page_time(tree) -> dt.datetime | None:
    candidates = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _DATE_META:
            candidates.append((_DATE_META.index(key), meta.get("content")))
    candidates.sort(key=lambda c: c[0])
    values = [c[1] for c in candidates] + _json_ld_dates(tree)
    values += tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime | //time/@datetime")[:3]
    for value in values:
        stamp = _parse_time(value)
        if stamp:
            return stamp
    return None


def page_language(tree) -> str | None:
    values = tree.xpath("/html/@lang | /html/@xml:lang | //meta[@http-equiv='content-language']/@content"
                        " | //meta[@property='og:locale']/@content",
                        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    for value in values:
        code = value.strip().lower().replace("_", "-").split("-")[0]
        if 2 <= len(code) <= 3 and code.isalpha():
            return code
    return None


def detect_language(text: str) -> tuple[str | None, float]:
    """A crude but dependable guess among the Sahel's press languages: (code, share of the winning votes)."""
    if re.search(r"[\u0600-\u06ff]{3,}", text[:5000]) and len(re.findall(r"[\u0600-\u06ff]", text[:5000])) > 200:
        return "ar", 0.9
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    votes = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    total = sum(votes.values())
    if total < 5:
        return None, 0.0
    lang = max(votes, key=votes.get)
    return lang, votes[lang] / total


def choose_language(declared: list[str | None], text: str) -> str | None:
    """The first declared language, unless the text clearly says otherwise (mislabelled feeds are common)."""
    detected, confidence = detect_language(text)
    first = next((d for d in declared if d), None)
    if first and detected and detected != first and confidence >= 0.75:
        return detected
    return first or detected


def _xpath_text(tree, xpath: str) -> str:
    try:
        nodes = tree.xpath(xpath)
    except lxml.etree.XPathError as exc:
        raise ExtractionError(f"bad article_xpath {xpath!r}: {exc}") from exc
    parts = []
    for node in nodes:
        value = node if isinstance(node, str) else node.text_content()
        value = re.sub(r"[ \t]+", " ", value).strip()
        if value:
            parts.append(value)
    return "\n".join(parts)


def _main_text(html, url: str, *, fast: bool) -> str:
    try:
        doc = trafilatura.bare_extraction(html, url=url, fast=fast, with_metadata=False, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura on hostile markup: a quarantine reason, never a dead crawl
        raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    return ((doc.text if doc is not None else "") or "").strip()


def extract_page(html: str | bytes, url: str, *, xpath: str | None = None,
                 languages: tuple[str | None, ...] = (), metadata_fallback: bool = True) -> Page:
    """Raise ExtractionError when the page yields no usable article text.

    metadata_fallback=False skips trafilatura's metadata pass (~40% of a page's cost) when the page's own tags
    lack a title or date: for a caller that has both from the feed already.
    """
    if not html or not html.strip():
        raise ExtractionError("empty page")
    if isinstance(html, str):  # lxml refuses str input that carries an XML encoding declaration (XHTML pages)
        html = _XML_DECL.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"HTML did not parse: {exc}") from exc
    text, method = "", "trafilatura"
    if xpath:
        text, method = _xpath_text(tree, xpath), "xpath"
    if not text:
        # the fast pass (no fallback extractors, no metadata) is ~2.5x cheaper and enough for most news pages;
        # only a page it gets too little from pays for the full comparison with the fallback extractors
        text = _main_text(html, url, fast=True)
        if len(text) < MIN_TEXT_CHARS:
            text = _main_text(html, url, fast=False)
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(f"{len(text)} characters of article text (< {MIN_TEXT_CHARS})")
    # og:title first: <title> often carries the site's name after the headline
    og = tree.xpath("//meta[@property='og:title']/@content") or tree.xpath("//title/text()")
    title = plain_text(og[0], 500) if og else None
    published = page_time(tree)
    if metadata_fallback and (published is None or not title):
        # trafilatura's metadata pass (dates from URLs, bylines, free text) only when the page's own tags lack them
        try:
            meta = trafilatura.extract_metadata(html, default_url=url)
        except Exception:  # noqa: BLE001 - metadata is a nice-to-have; the text is already in hand
            meta = None
        if meta is not None:
            title = title or plain_text(meta.title, 500) or None
            if published is None and meta.date:
                published = _parse_time(meta.date)
    canonical = None
    for href in tree.xpath("//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONIL', 'canonil')),"
                           " ' '), ' canonical ')]/@href")[:1]:
        canonical = canonicalize(href, url)
    language = choose_language([page_language(tree), *languages], text)
    return Page(text=text, title=title, published_at=published, language=language, canonical_url=canonical,
                method=method)


def _same_site(a: str | None, b: str | None) -> bool:
    """Crude registrable-domain match: a page may name a canonical URL on its own site only."""
    if not a or not b:
        return False
    return a.split(".")[-2:] == b.split(".")[-2:]


def article_from_page(fetch: dict) -> dict:
    """The article a fetched page holds, as store_articles takes it; raise ExtractionError when it holds none.

    `fetch` is plain data (it crosses to a worker process): html (str or bytes), request_url (the URL asked
    for), response_url (after redirects), fetched_at (ISO), and from the feed entry: entry_link, entry_title,
    entry_published_at (ISO or None), date_source (where an entry's date comes from: feed or sitemap),
    languages (declared, in order of trust); from the registry: xpath, source_name, feed_url.
    """
    page = extract_page(fetch["html"], fetch["response_url"], xpath=fetch.get("xpath"),
                        languages=tuple(fetch.get("languages") or ()),
                        # the feed's title and date are used when the page's tags lack them: no search needed
                        metadata_fallback=not (fetch.get("entry_title") and fetch.get("entry_published_at")))
    subject = fetch["request_url"]
    response_url = canonicalize(fetch["response_url"]) or subject
    url = response_url
    if page.canonical_url and _same_site(host_of(page.canonical_url), host_of(response_url)):
        url = page.canonical_url
    aliases = sorted({a for a in (fetch.get("entry_link"), subject, response_url, fetch["response_url"])
                      if a and a != url})
    fetched = fetch["fetched_at"]
    if fetch.get("entry_published_at"):
        published, source = fetch["entry_published_at"], fetch.get("date_source") or "feed"
    elif page.published_at:
        published, source = page.published_at.isoformat(), "page"
    else:
        published, source = fetched, "fetched"
    return {"url": url, "text": page.text, "title": page.title or fetch.get("entry_title"),
            "published_at": published, "published_at_source": source, "language": page.language,
            "source_name": fetch.get("source_name"), "feed_url": fetch.get("feed_url"), "fetched_at": fetched,
            "aliases": aliases}


def read_page(fetch: dict) -> tuple[str, object]:
    """article_from_page for a worker process: never raises, so one page cannot break the pool's bookkeeping.

    ("article", dict), or (quarantine reason, detail): "extraction_empty" for a page without article text,
    "crawler_error" for a bug met on it (kept with the page rather than lost in a log line).
    """
    try:
        return "article", article_from_page(fetch)
    except ExtractionError as exc:
        return "extraction_empty", str(exc)
    except Exception as exc:  # noqa: BLE001 - reported as the page's quarantine reason by the caller
        return "crawler_error", f"{type(exc).__name__}: {exc}"
