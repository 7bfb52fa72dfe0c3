"""The stream contract: JSON lines in and out, bad lines reported and skipped, never fatal."""
import io
import json
import subprocess
import sys

from incidents.extract import EXTRACTOR_VERSION, extract_article, extract_stream

ARTICLE = {"id": "a1", "url": "https://example.invalid/a1", "title": "", "language": "en", "source": "test",
           "published_at": "2024-06-05T09:00:00Z",
           "text": "Gunmen killed three farmers in Kenya's Marsabit county on Monday, police said."}
REQUIRED = ["article_id", "kind", "event_date", "country", "event_type", "sub_event_type", "fatalities"]


def test_rows_follow_the_contract():
    rows = extract_article(ARTICLE)
    assert len(rows) == 1
    row = rows[0]
    for key in REQUIRED:
        assert row[key] is not None, key
    ev = row["evidence"]
    assert ARTICLE["text"][ev["start"]:ev["end"]] == ev["text"]
    assert 0 <= row["confidence"] <= 1
    assert row["extractor_version"] == EXTRACTOR_VERSION
    assert (row["event_date"], row["fatalities"]) == ("2024-06-03", 3)


def test_bad_lines_are_reported_and_skipped():
    lines = [json.dumps(ARTICLE), "{not json", json.dumps([1, 2]), json.dumps({**ARTICLE, "id": "a2", "text": None}),
             json.dumps({**ARTICLE, "id": "a3", "published_at": 12345})]
    out, err = io.StringIO(), io.StringIO()
    counts = extract_stream(lines, out, err)
    assert counts["errors"] == 2 and counts["articles"] == 3
    assert "line 2" in err.getvalue() and "line 3" in err.getvalue()
    ids = {json.loads(line)["article_id"] for line in out.getvalue().splitlines()}
    assert ids == {"a1", "a3"}


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "incidents.extract"], input=json.dumps(ARTICLE) + "\n", check=False,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert json.loads(proc.stdout.splitlines()[0])["article_id"] == "a1"
