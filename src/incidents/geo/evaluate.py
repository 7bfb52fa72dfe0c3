"""Measure place resolution on an ACLED-style CSV (event notes with coded country/admin1/location).

    python -m incidents.geo.evaluate --gold ../shared/eval/acled_dev.csv [--limit N] [--misses FILE]

For each row `locate(notes)` runs with no country hint. Reported per field: how often the gold value is among
the matches ("any") and how often the simple rule picks it ("first": the first match below country level, else
the first country). Admin1 and location compare like the project's scorer (folded names without type words;
a location also counts within 25 km). Also prints start-up time and throughput.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import time
import unicodedata


def _fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9:,' ]+", " ", s)
    s = re.sub(r"\b(region|state|province|prefecture|governorate|department|district|city|town|village|of)\b",
               " ", s)
    return " ".join(s.split())


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _loc_hit(row, m) -> bool:
    if m.location and _fold(m.location) == _fold(row["location"]):
        return True
    try:
        return m.latitude is not None and _km(float(row["latitude"]), float(row["longitude"]), m.latitude,
                                             m.longitude) <= 25
    except ValueError:
        return False


def pick(matches):
    """The simple rule: first match below country level, else the first country."""
    below = [m for m in matches if m.level != "country"]
    return below[0] if below else (matches[0] if matches else None)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--misses", help="write rows the rule gets wrong (JSON lines) to this file")
    args = ap.parse_args(argv)
    with open(args.gold, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[: args.limit]

    t0 = time.perf_counter()
    from incidents.geo import locate
    from incidents.geo.countries import country_for

    locate("warm-up in Bamako, Mali")
    startup = time.perf_counter() - t0
    counts = {f"{f}_{w}": 0 for f in ("country", "admin1", "location") for w in ("any", "first")}
    misses = open(args.misses, "w", encoding="utf-8") if args.misses else None  # noqa: SIM115 (closed below)
    t1 = time.perf_counter()
    results = [locate(r["notes"]) for r in rows]
    elapsed = time.perf_counter() - t1
    for r, ms in zip(rows, results):
        gold_c = country_for(r["country"])
        gold_iso = gold_c.iso3 if gold_c else None
        first = pick(ms)
        hits = {
            "country_any": any(m.iso3 == gold_iso or m.country == r["country"] for m in ms),
            "country_first": bool(first and (first.iso3 == gold_iso or first.country == r["country"])),
            "admin1_any": any(m.admin1 and _fold(m.admin1) == _fold(r["admin1"]) for m in ms),
            "admin1_first": bool(first and first.admin1 and _fold(first.admin1) == _fold(r["admin1"])),
            "location_any": any(_loc_hit(r, m) for m in ms),
            "location_first": bool(first and _loc_hit(r, first)),
        }
        for k, v in hits.items():
            counts[k] += v
        if misses and not (hits["admin1_first"] and hits["location_first"] and hits["country_first"]):
            misses.write(json.dumps({
                "gold": [r["country"], r["admin1"], r["admin2"], r["location"], r["latitude"], r["longitude"]],
                "first": first and [first.surface, first.country, first.admin1, first.admin2, first.location,
                                    first.latitude, first.longitude, first.level],
                "hits": [k for k, v in hits.items() if not v], "notes": r["notes"][:300]}) + "\n")
    if misses:
        misses.close()
    n = len(rows) or 1
    report = {k: round(v / n, 4) for k, v in counts.items()}
    report.update(rows=len(rows), startup_s=round(startup, 2), per_article_ms=round(1000 * elapsed / n, 3),
                  articles_per_s=round(n / elapsed, 1) if elapsed else None)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
