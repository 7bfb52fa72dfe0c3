"""Assemble the brief as one HTML file: inline CSS and SVG, no external resource (a Content-Security-Policy
forbids any), every string from the database escaped, and links only to http(s) source URLs."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from incidents.report.data import ReportData, load_report_data
from incidents.report.svg import TYPE_COLOURS, map_svg, radius_px, weekly_chart_svg

CSS = """
body { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #1d232a; margin: 24px auto; max-width: 900px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
.meta { color: #59636e; } .stats span { display: inline-block; margin-right: 18px; }
.stats b { font-size: 18px; } table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid #e4e7eb; }
th { background: #f4f6f8; } td.num, th.num { text-align: right; } .legend span { margin-right: 14px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
          border: 1px solid #333; vertical-align: -1px; }
.sources a { display: block; } .empty { color: #59636e; font-style: italic; }
"""
# Records what Chromium laid out (map size, drawn events) on <body>, so a headless check can read it back.
LAYOUT_PROBE = ("(function(){var m=document.getElementById('map');if(!m)return;var r=m.getBoundingClientRect();"
                "var n=0;document.querySelectorAll('#map circle.event').forEach(function(c){"
                "var b=c.getBBox();if(b.width>0&&b.height>0)n++;});"
                "document.body.dataset.mapWidth=Math.round(r.width);document.body.dataset.mapHeight="
                "Math.round(r.height);document.body.dataset.eventsDrawn=n;"
                "document.body.dataset.chartsDrawn=document.querySelectorAll('svg.chart rect.bar').length;})();")


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(LAYOUT_PROBE.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"


def _e(value) -> str:
    return "" if value is None else escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs become links (never javascript:, data: or relative ones)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _legend(events: list[dict]) -> str:
    present = sorted({e["event_type"] for e in events})
    items = [f'<span><i class="swatch" style="background:{TYPE_COLOURS.get(t, "#777")}"></i>{_e(t)}</span>'
             for t in present]
    sizes = " ".join(f'<svg width="{2 * radius_px(n) + 2:.0f}" height="{2 * radius_px(n) + 2:.0f}" '
                     f'style="vertical-align:middle"><circle cx="{radius_px(n) + 1:.1f}" cy="{radius_px(n) + 1:.1f}" '
                     f'r="{radius_px(n):.1f}" fill="#bbb" stroke="#333"/></svg> {n}' for n in (0, 10, 50))
    return f'<p class="legend">{"".join(items)}</p><p class="legend">Circle size = fatalities: {sizes}</p>'


def _actors_table(actors: list[dict]) -> str:
    if not actors:
        return '<p class="empty">No actors in this period.</p>'
    rows = "".join(f"<tr><td>{_e(a['actor'])}</td><td class=\"num\">{a['incidents_count']}</td>"
                   f"<td class=\"num\">{a['fatalities_sum']}</td></tr>" for a in actors)
    return ('<table id="top-actors"><thead><tr><th>Actor</th><th class="num">Incidents</th>'
            f'<th class="num">Fatalities</th></tr></thead><tbody>{rows}</tbody></table>')


def _source_links(sources: list[dict]) -> str:
    out = []
    for s in sources:
        label = _e(s.get("outlet_name") or s.get("article_title") or "source")
        published = f" ({s['published_at']:%d %b %H:%M})" if s.get("published_at") else ""
        title = _e(s.get("evidence_sentence") or s.get("article_title") or "")
        url = safe_url(s.get("article_url"))
        text = label + _e(published)
        if url:
            out.append(f'<a href="{_e(url)}" title="{title}" rel="noopener noreferrer">{text}</a>')
        else:
            out.append(f'<span title="{title}">{text}</span>')
    return "".join(out)


def _events_table(events: list[dict]) -> str:
    if not events:
        return '<p class="empty">No events in this period.</p>'
    rows = []
    for e in events:
        place = ", ".join(_e(p) for p in (e.get("location"), e.get("admin1"), e.get("country")) if p)
        actors = " vs ".join(_e(a) for a in (e.get("actor1"), e.get("actor2")) if a)
        rows.append(
            f'<tr data-event-id="{_e(e["event_id_cnty"])}"><td>{_e(e["event_date"])}</td><td>{place}</td>'
            f'<td><i class="swatch" style="background:{TYPE_COLOURS.get(e["event_type"], "#777")}"></i>'
            f'{_e(e["sub_event_type"])}</td><td>{actors}</td><td class="num">{_e(e.get("fatalities"))}</td>'
            f'<td class="sources">{_source_links(e.get("sources") or [])}</td></tr>')
    return ('<table id="events"><thead><tr><th>Date</th><th>Place</th><th>Type</th><th>Actors</th>'
            '<th class="num">Fatalities</th><th>Sources</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def render(data: ReportData, *, generated_at: dt.datetime | None = None) -> str:
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    scope = data.country or "all countries"
    title = f"Conflict incidents: {scope}, {data.date_from:%d %b %Y} – {data.date_to:%d %b %Y}"
    fatalities = sum(e.get("fatalities") or 0 for e in data.events)
    outlets = {s.get("outlet_name") for e in data.events for s in e.get("sources") or []}
    located = sum(1 for e in data.events if e.get("latitude") is not None)
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        (f'<p class="meta">Generated {generated_at:%Y-%m-%d %H:%M} UTC from the incidents database. '
        "Each event is one actor pair, one day, one place; fatalities are conservative.</p>"),
        (f'<p class="stats"><span><b id="stat-events">{len(data.events)}</b> events</span>'
        f'<span><b id="stat-fatalities">{fatalities}</b> fatalities</span>'
        f'<span><b>{len(outlets)}</b> outlets</span></p>'),
        f'<h2>Map</h2><p class="meta">{located} of {len(data.events)} events have coordinates.</p>',
        map_svg(data.events), _legend(data.events),
        "<h2>Weekly trends</h2><h3>Events per week</h3>",
        weekly_chart_svg("chart-incidents", "Events per week by type", data.weekly, data.date_from, data.date_to,
                         "incidents_count"),
        "<h3>Fatalities per week</h3>",
        weekly_chart_svg("chart-fatalities", "Fatalities per week by type", data.weekly, data.date_from,
                         data.date_to, "fatalities_sum"),
        "<h2>Top actors</h2>", _actors_table(data.actors),
        "<h2>Events</h2>", _events_table(data.events),
        f"<script>{LAYOUT_PROBE}</script></body></html>\n",
    ])


def build_report(conn, date_from: dt.date, date_to: dt.date, country: str | None = None) -> str:
    """The brief for `date_from`..`date_to` (inclusive), optionally one country, as an HTML string."""
    if date_to < date_from:
        raise ValueError(f"--to {date_to} is before --from {date_from}")
    return render(load_report_data(conn, date_from, date_to, country))


def write_report(conn, date_from: dt.date, date_to: dt.date, out: str | Path, country: str | None = None) -> Path:
    path = Path(out)
    html = build_report(conn, date_from, date_to, country)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a report
    return path
