"""Hostile and broken text through the loader and the normalise step: it lands as inert text, byte for byte
(less the NUL bytes Postgres text cannot hold), and one broken article never costs the rest of its batch."""
from __future__ import annotations

import json

import pytest

from incidents.db import connect
from incidents.load.articles import store_articles
from incidents.load.quarantine import quarantine
from incidents.normalize import MAX_EXTRACT_CHARS, normalize_pending
from incidents.runs import get_run, start_run, update_run
from tests.reliability.support import (
    RecordingExtractor,
    article,
    counts,
    event_row,
    integrity_problems,
    one,
    rows,
)

SQL = "x'); DROP TABLE articles; --"
SQL2 = "Robert'); DELETE FROM incidents WHERE ('1'='1"
HTML = '<script>alert("pwned")</script><img src=x onerror=alert(1)><!-- -->&amp;'
CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f\x85\u2028\u2029"
RTL = "\u202eاشتباكات في سيفاري \u05d1\u05d9\u05ea \u202c\u200f مقتل ٣ جنود"
ZALGO = "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o \U0001F4A3 \ufeff"
PERCENT = "%s %(v)s %% {0} \\x00 \\N"
HOSTILE = [SQL, SQL2, HTML, CONTROL, RTL, ZALGO, PERCENT]


def _echo_extractor():
    """Copies hostile article text into free-text incident columns, so it crosses every layer of the loader."""
    def row(payload):
        text = payload["text"]
        return event_row(payload, location=text[:200], actor1=payload["title"][:200], admin2=text[-100:],
                         fatalities_text=text[:50], evidence={"start": 0, "end": len(text[:300]),
                                                              "text": text[:300]})
    return RecordingExtractor(row=row)


def test_sql_html_and_control_characters_round_trip_as_inert_text(db):
    batch = [article(i, text=f"Story {i}. {s} end.", title=f"{s} title {i}", source_name=s)
             for i, s in enumerate(HOSTILE)]
    batch.append(article(99, url="https://news.example/a/99?q=1';DROP TABLE article_urls;--",
                         text="Plain story under a hostile URL."))
    assert store_articles(db, batch).stored == len(batch)
    stored = dict(rows(db, "SELECT url, text FROM articles"))
    for art in batch:
        assert stored[art["url"]] == art["text"]
    assert dict(rows(db, "SELECT url, title FROM articles")) == {a["url"]: a["title"] for a in batch}

    ex = _echo_extractor()
    result = normalize_pending(db, extractor=ex.pair)
    assert result.articles == len(batch) and result.failed == 0 and result.rejected == 0
    locations = {r[0] for r in rows(db, "SELECT location FROM incident_reports")}
    assert locations == {a["text"][:200] for a in batch}
    # every table is still there and nothing was deleted by the payloads
    assert counts(db)["incidents"] == len(batch) and counts(db)["article_urls"] == len(batch)
    assert integrity_problems(db) == []


def test_nul_bytes_and_lone_surrogates_do_not_sink_the_batch(db):
    batch = [article(1, text="Before\x00after: a NUL in the middle.", title="T\x00itle"),
             article(2, text="Broken escape \ud800 from a bad decoder \udfff end."),
             article(3, text="A perfectly normal story about clashes.")]
    result = store_articles(db, batch)
    assert result.stored == 3
    texts = dict(rows(db, "SELECT url, text FROM articles"))
    assert texts[batch[0]["url"]] == "Beforeafter: a NUL in the middle."
    assert "\ufffd" in texts[batch[1]["url"]] and texts[batch[1]["url"]].endswith(" end.")
    assert texts[batch[2]["url"]] == batch[2]["text"]
    assert one(db, "SELECT title FROM articles WHERE url = %s", (batch[0]["url"],)) == "Title"


def test_empty_and_whitespace_articles_are_quarantined_not_fatal(db):
    batch = [article(1, text=""), article(2, text="\x00\x00"), article(3, text=" \n\t\u00a0 "),
             article(4, text="The only real story in this batch.")]
    result = store_articles(db, batch)
    assert (result.stored, result.rejected) == (1, 3)
    assert rows(db, "SELECT url FROM articles") == [(batch[3]["url"],)]
    quarantined = rows(db, "SELECT stage, subject, reason FROM quarantine ORDER BY subject")
    assert quarantined == [("parse", a["url"], "empty article text") for a in batch[:3]]
    # the same empty page on the next hourly run bumps the count instead of adding rows
    store_articles(db, batch)
    assert one(db, "SELECT sum(seen_count) FROM quarantine") == 6 and counts(db)["quarantine"] == 3


def test_a_5mb_article_is_stored_whole_and_extracted_from_a_bounded_prefix(db):
    big = ("Gunmen attacked the village of Sevare, killing 3 people. " * 90_000)[:5_000_000]
    store_articles(db, [article(1, text=big), article(2, text="boom " + big[:100_000])])
    assert one(db, "SELECT length(text) FROM articles WHERE url = %s", (article(1)["url"],)) == 5_000_000
    seen = []

    def extractor(payload):
        seen.append(len(payload["text"]))
        if payload["text"].startswith("boom"):
            raise MemoryError("pretend the extractor gave up")
        return [event_row(payload, evidence={"start": 0, "end": 20, "text": payload["text"][:20]})]

    result = normalize_pending(db, extractor=(extractor, "big-1"))
    assert result.articles == 2 and result.failed == 1 and result.truncated == 2
    assert max(seen) <= MAX_EXTRACT_CHARS and min(seen) > MAX_EXTRACT_CHARS // 2
    # the quarantined article's payload is an excerpt, not megabytes
    payload_len, reason = rows(db, "SELECT length(payload), reason FROM quarantine")[0]
    assert reason == "MemoryError" and payload_len <= 4000
    assert counts(db)["incidents"] == 1


def test_quarantine_and_run_records_take_hostile_text(db):
    with db.cursor() as cur:
        quarantine(cur, stage="crawl", subject=f"https://x.example/{SQL}\x00", reason=f"bad\x00 {HTML}"[:50],
                   detail=CONTROL + "\x00" + RTL, payload=b"\xff\xfe\x00binary\x80")
    db.commit()
    subject, detail, payload = rows(db, "SELECT subject, detail, payload FROM quarantine")[0]
    assert subject.startswith("https://x.example/x'); DROP TABLE") and "\x00" not in subject
    assert RTL in detail and "binary" in payload

    start_run(db, "run-hostile")
    # an error message quoted from a page can carry NUL; jsonb refuses \u0000, which would lose the run record
    update_run(db, "run-hostile", status="failed", details={"error": f"page said {SQL}\x00{HTML}\ud800", "rtl": RTL})
    details = get_run(db, "run-hostile")["details"]
    assert details["rtl"] == RTL and SQL in details["error"] and HTML in details["error"]
    assert get_run(db, "run-hostile")["status"] == "failed"


def test_hostile_values_in_extractor_rows_are_rejected_or_stored_inert(db):
    store_articles(db, [article(1), article(2), article(3)])

    def hostile_rows(payload):
        n = int(payload["id"])
        if n == 1:   # wrong types everywhere: the contract rejects it, the article is not lost
            return [event_row(payload, fatalities="3; DROP TABLE incidents", latitude="NaN", iso3=SQL)]
        if n == 2:   # absurd but well-typed values beyond the column ranges
            return [event_row(payload, fatalities=10**12, confidence=0.5)]
        return [event_row(payload, actor1=SQL, actor2=HTML, location=RTL)]

    result = normalize_pending(db, extractor=(hostile_rows, "hostile-1"))
    assert result.articles == 3
    assert rows(db, "SELECT actor1, actor2, location FROM incident_reports") == [(SQL, HTML, RTL)]
    reasons = rows(db, "SELECT subject, reason FROM quarantine ORDER BY subject")
    assert [r[0] for r in reasons] == ["article:1", "article:2"]
    assert one(db, "SELECT count(*) FROM articles WHERE extractor_version = 'hostile-1'") == 3
    assert integrity_problems(db) == []
    assert json.loads(json.dumps(reasons))  # plain strings, no driver objects


def test_run_counter_names_cannot_inject_sql(db_url):
    """update_run formats counter names into its SQL (identifiers cannot be parameters): only known ones pass."""
    conn = connect(db_url)
    start_run(conn, "r1")
    with pytest.raises(ValueError, match="unknown run counters"):
        update_run(conn, "r1", **{"status = 'success' --": 1})
    assert get_run(conn, "r1")["status"] == "running"


def _tag_counts(html: str) -> dict:
    from html.parser import HTMLParser

    found: dict = {}

    class Counter(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found[tag] = found.get(tag, 0) + 1
            for name, value in attrs:
                if name.startswith("on"):
                    found["on*"] = found.get("on*", 0) + 1
                if name in ("href", "src") and value and value.strip().lower().startswith(("javascript:", "data:")):
                    found["js-url"] = found.get("js-url", 0) + 1

    Counter().feed(html)
    return found


def _report_for(db, texts: list[tuple[str, str]]) -> str:
    import datetime as dt

    from incidents.report import build_report

    store_articles(db, [article(i, title=title, text=f"Story {i}: {text}") for i, (title, text) in enumerate(texts)])
    normalize_pending(db, extractor=_echo_extractor().pair)
    return build_report(db, dt.date(2019, 1, 1), dt.date(2025, 12, 31))


def test_html_report_renders_hostile_text_escaped(db_url):
    plain = _report_for(connect(db_url), [(f"Plain title {i}", f"plain words {i}") for i in range(3)])
    hostile_db = connect(db_url)
    with hostile_db.cursor() as cur:
        cur.execute("TRUNCATE articles, incidents, incident_reports, quarantine CASCADE")
    hostile_db.commit()
    hostile = _report_for(hostile_db, [(HTML, HTML), (SQL, '"><svg onload=alert(3)>'), (RTL, CONTROL)])
    # the hostile strings add no element, no event handler and no script URL to the page
    assert _tag_counts(hostile) == _tag_counts(plain)
    assert '<script>alert("pwned")' not in hostile and "<svg onload" not in hostile
    assert "&lt;script&gt;alert(&quot;pwned&quot;)" in hostile   # shown, as text
