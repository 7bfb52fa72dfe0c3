"""`incidents report` writes a self-contained HTML brief; headless Chromium renders it with the map, the charts
and the events table, and scraped text stays text (nothing injected runs or becomes markup)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from incidents.cli import main
from incidents.report.render import safe_url
from tests.analyst.analyst_support import add_article, at, event, load

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE_OUTLET = '<img src=x onerror="document.title=\'pwned\'">Evil Wire'
HOSTILE_TEXT = "<script>document.title='pwned'</script> Gunmen attacked the market in Gao."
JNIM = "JNIM: Group for Support of Islam and Muslims"


@pytest.fixture
def report_db(db):
    spec = [  # slug, outlet, published, row fields
        ("boulkessi", "Sahel Wire", at(2), {"location": "Boulkessi", "latitude": 14.7953, "longitude": -1.3181,
                                               "actor1": JNIM, "actor2": "Military Forces of Mali", "fatalities": 30,
                                               "sub_event_type": "Non-state actor overtakes territory"}),
        ("sevare", "Bamako Daily", at(9), {"event_date": "2025-06-08", "location": "Sevare", "latitude": 14.5167,
                                             "longitude": -4.1, "event_type": "Protests",
                                             "sub_event_type": "Peaceful protest", "actor1": "Protesters (Mali)"}),
        ("gao", HOSTILE_OUTLET, at(16), {"event_date": "2025-06-15", "admin1": "Gao",
                                           "location": "Gao <b>market</b>", "latitude": 16.27, "longitude": -0.04,
                                           "event_type": "Violence against civilians", "sub_event_type": "Attack",
                                           "actor1": "Unidentified Armed Group (Mali)", "actor2": "Civilians (Mali)",
                                           "fatalities": 4}),
        ("kidal", "Sahel Wire", at(17), {"event_date": "2025-06-16", "admin1": "Kidal", "location": "Kidal",
                                           "event_type": "Explosions/Remote violence",
                                           "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Mali",
                                           "fatalities": 7}),  # no coordinates: in the table, not on the map
        ("niamey", "Niamey Post", at(3), {"country": "Niger", "iso3": "NER", "admin1": "Niamey", "location": "Niamey",
                                            "latitude": 13.51, "longitude": 2.11, "fatalities": 1}),
    ]
    for slug, outlet, published, fields in spec:
        text = HOSTILE_TEXT if slug == "gao" else f"Report on {slug}."
        article_id = add_article(db, slug, outlet, published, text)
        load(db, article_id, [event(article_id, text, **fields)])
    return db


def _write(tmp_path, *extra) -> str:
    out = tmp_path / "brief.html"
    assert main(["report", "--from", "2025-05-26", "--to", "2025-06-20", *extra, "--out", str(out)]) == 0
    return out


def test_report_html_is_escaped_self_contained_and_complete(report_db, tmp_path):
    html = _write(tmp_path, "--country", "Mali").read_text(encoding="utf-8")
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "Gao &lt;b&gt;market&lt;/b&gt;" in html
    assert not re.search(r'\s(?:src|href)="(?!https://)', html.split("<body>", 1)[1])  # only source links
    assert html.count('class="event"') == 3                   # Mali events with coordinates
    assert html.count("<tr data-event-id=") == 4               # every Mali event, Kidal too
    assert "Niamey" not in html.split('id="events"')[1]        # --country filters


def test_safe_url_links_only_http():
    assert safe_url("https://news.example/a") == "https://news.example/a"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//news.example/a", "/relative", "", None):
        assert safe_url(bad) is None


def _chromium(*args, timeout=90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", *args],
        capture_output=True, text=True, timeout=timeout, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (scripts/ensure_chromium.sh installs it)")
def test_report_renders_in_headless_chromium(report_db, tmp_path):
    path = _write(tmp_path)
    profile = tmp_path / "chromium-profile"
    done = _chromium(f"--user-data-dir={profile}", "--dump-dom", path.resolve().as_uri())
    dom = done.stdout
    assert done.returncode == 0 and "<svg" in dom, done.stderr[-2000:]
    body = re.search(r"<body([^>]*)>", dom).group(1)
    laid_out = dict(re.findall(r'data-([a-z-]+)="(\d+)"', body))
    # Chromium laid the map out at its size and drew every located event and the weekly bars
    assert int(laid_out["map-width"]) > 500 and int(laid_out["map-height"]) > 200
    assert int(laid_out["events-drawn"]) == 4                 # all countries: 4 events have coordinates
    # bars: events per (week, type) = 4 (both 1 June battles share one); fatalities = 3 (the protest had none)
    assert int(laid_out["charts-drawn"]) == 7
    assert 'id="chart-incidents"' in dom and 'id="chart-fatalities"' in dom
    assert re.search(r"<title>Conflict incidents: all countries", dom)   # the injected script never ran
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "<img" not in dom and "&lt;img src=x" in dom
    assert dom.count('href="https://') == 5                   # one link per source article

    shot = tmp_path / "brief.png"
    done = _chromium(f"--user-data-dir={profile}-2", f"--screenshot={shot}", "--window-size=1000,1800",
                     "--hide-scrollbars", path.resolve().as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000, done.stderr[-2000:]


def test_report_rejects_reversed_dates(report_db, tmp_path):
    assert main(["report", "--from", "2025-06-20", "--to", "2025-06-01", "--out", str(tmp_path / "x.html")]) == 1
    assert not (tmp_path / "x.html").exists()


def test_empty_period_still_renders(report_db, tmp_path):
    out = tmp_path / "empty.html"
    assert main(["report", "--from", "2020-01-01", "--to", "2020-01-31", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "No events in this period." in html and 'id="map"' in html and dt.date(2020, 1, 6).strftime("%d %b") \
        in html
