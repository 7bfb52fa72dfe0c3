"""Odd articles through the real extractor and the normalise step, and property-based tests of the text paths:
feed bytes -> entries (incidents.feeds.parse_feed) and article -> incident rows (extract_article)."""
from __future__ import annotations

import datetime as dt
import random
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from incidents import contract
from incidents.load.articles import store_articles
from incidents.normalize import normalize_pending
from tests.reliability.support import article, counts, integrity_problems, one

REAL = ("Gunmen killed three soldiers and two civilians in an attack on an army post near Sevare, in central "
        "Mali's Mopti region, on Monday, officials said. The army said it repelled the assault. ")


def _odd_articles() -> list[dict]:
    rnd = random.Random(7)
    binary_as_text = bytes(rnd.randrange(256) for _ in range(20_000)).decode("latin-1")
    invalid_utf8 = (b"Attaque \xe0 S\xe9var\xe9: \xff\xfe 3 morts \xc3\x28 " * 200).decode("utf-8", "replace")
    return [
        article(1, text=(REAL * 30_000)[:5_000_000]),                 # a 5 MB article
        article(2, text="1234567890" * 100_000),                       # 1 MB of digits
        article(3, text="," * 1_000_000),                              # 1 MB of commas
        article(4, text=binary_as_text),                               # a binary page decoded as text
        article(5, text=invalid_utf8),                                 # invalid UTF-8, replaced on decoding
        article(6, text="\u202bاشتباكات عنيفة في سيفاري، مقتل ثلاثة جنود يوم الإثنين.\u202c " * 50),  # RTL
        article(7, text=REAL),                                         # and one ordinary story
    ]


PER_ARTICLE_BUDGET_S = 10.0   # on a busy 2-core machine; an idle one takes a fraction of it


def test_odd_articles_through_the_real_extractor_finish_in_bounded_time(db):
    odd = _odd_articles()
    store_articles(db, odd)
    timings, truncated = [], 0
    for _ in odd:   # one article per call, in id order, so each input is timed on its own
        t0 = time.monotonic()
        result = normalize_pending(db, limit=1)
        timings.append(round(time.monotonic() - t0, 2))
        assert result.articles == 1 and result.failed == 0
        truncated += result.truncated
    assert max(timings) < PER_ARTICLE_BUDGET_S, timings
    assert truncated == 3   # the 5 MB, digits and commas articles were extracted from a prefix
    assert one(db, "SELECT count(*) FROM articles WHERE extractor_version IS NULL") == 0
    # the ordinary story still yields its incident; nothing half-written anywhere
    assert one(db, "SELECT count(*) FROM incident_reports r JOIN articles a USING (article_id) "
                   "WHERE a.url = %s", (article(7)["url"],)) >= 1
    assert integrity_problems(db) == []
    assert counts(db)["incidents"] >= 1


# --- property-based: article -> incident rows -----------------------------------------------------------------
_WORDS = st.sampled_from(
    ["killed", "three", "soldiers", "gunmen", "attacked", "Sevare", "Mali", "Mopti", "on", "Monday", "in",
     "the", "village", "of", "at", "least", "12", "1,200", "people", "were", "army", "said", "protesters",
     "police", "fired", "tear", "gas", "Bamako", "Niger", "JNIM", "claimed", "responsibility", "airstrike",
     "drone", "strike", "Burkina", "Faso", "March", "2025", "last", "week", "dozens", "wounded", "abducted",
     "twenty-three", "vingt", "tués", "morts", "attaque", ".", ",", "\n", "(", ")", '"', "Mr.", "-", "–"])
_TEXT = st.one_of(
    st.lists(_WORDS, max_size=120).map(" ".join),      # news-like word salad, where the rules fire
    st.text(max_size=400),                              # anything at all, including controls and surrogates
)


def _published(days: int) -> str:
    return (dt.datetime(2025, 6, 3, 9, tzinfo=dt.UTC) - dt.timedelta(days=days)).isoformat()


def _extract(text, title, days, lang):
    from incidents.extract import extract_article

    art = {"id": "42", "url": "https://news.example/a/42", "title": title, "text": text,
           "published_at": _published(days), "language": lang, "source": "Example"}
    return extract_article(art), dt.datetime.fromisoformat(art["published_at"]).date()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, title=st.text(max_size=60), days=st.integers(0, 4000), lang=st.sampled_from(["en", "fr", None]))
def test_extract_article_never_raises_and_evidence_quotes_the_text(text, title, days, lang):
    rows, _ = _extract(text, title, days, lang)
    assert isinstance(rows, list)
    for row in rows:
        ev = row.get("evidence") or {}
        if ev.get("start") is not None and ev.get("text") is not None:
            assert text[ev["start"]:ev["end"]] == ev["text"], (text, row)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(text="killed", title="", days=0, lang="en")   # once gave a row without a country
@given(text=_TEXT, title=st.text(max_size=60), days=st.integers(0, 4000), lang=st.sampled_from(["en", "fr", None]))
def test_every_extracted_row_keeps_the_contract(text, title, days, lang):
    rows, published = _extract(text, title, days, lang)
    for row in rows:
        assert contract.problems(row, published=published) == [], (text, row)


# --- property-based: feed bytes -> entries --------------------------------------------------------------------
def _rss(items: list[tuple[str, str, str]]) -> bytes:
    from html import escape

    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<description>{escape(d)}</description></item>" for t, link, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>F</title>{body}'
            "</channel></rss>").encode("utf-8", "surrogatepass")


_URLISH = st.one_of(st.just("https://news.example/a/1"), st.text(max_size=40),
                    st.builds(lambda p: f"https://news.example/{p}", st.text(max_size=30)),
                    st.sampled_from(["javascript:alert(1)", "file:///etc/passwd", "http://169.254.169.254/",
                                     "http://127.0.0.2:1/x", "//evil.example/x", "data:text/html,<b>x</b>"]))
_XML_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=600),
    st.lists(st.tuples(_XML_TEXT, _URLISH, _XML_TEXT), max_size=6).map(_rss),
))
def test_parse_feed_never_raises_and_only_yields_web_links(data):
    from incidents.feeds import parse_feed

    parsed = parse_feed(data, base_url="https://news.example/feed.xml", content_type="application/rss+xml")
    for entry in parsed.entries:
        link = entry.link
        if link:
            assert link.startswith(("http://", "https://")), link
        assert entry.title is None or "<script" not in entry.title.lower()


@pytest.mark.parametrize("raw", ["https://news.example/a\x00b", "https://news.example/a\x07b",
                                 "https://news.example/a b"])
def test_canonical_urls_carry_no_control_characters_or_spaces(raw):
    from incidents.urls import canonicalize

    url = canonicalize(raw)
    assert url is None or not any(ord(c) < 33 or ord(c) == 127 for c in url), repr(url)
