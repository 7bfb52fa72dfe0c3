"""Load a GeoNames country dump (ML.txt, ML.zip, allCountries...) so villages become known places.

The dump is GeoNames' standard 19-column tab-separated format: geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1..admin4 codes, population,
elevation, dem, timezone, modification date. What is kept: populated places (class P), first- and
second-level administrative units (ADM1, ADM2) and military installations and camps, where events happen.

Each country in the dump is written
- to the local index (`<index_dir>/<CC>.tsv.gz`, the packaged gazetteer's row format) by writing a temporary
  file and renaming it over the old one, so a reader sees either the old or the new file, never half;
- to Postgres when a connection is given: in one transaction the country's rows are deleted and re-inserted
  and the load is recorded, so the table too changes all at once or not at all.
Lines that do not parse are counted and reported, not fatal.
"""
from __future__ import annotations

import gzip
import io
import math
import os
import tempfile
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from incidents.geo import store
from incidents.geo.admin_names import acled_admin_name
from incidents.geo.build import with_loose
from incidents.geo.text import display, is_latin, key

KEEP_CODES = {"A": {"ADM1", "ADM2"}, "S": {"INSM", "CMP", "CMPRF", "MILB"}}
N_COLUMNS = 19


def _open_text(path: Path) -> io.TextIOBase:
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if not members:
            raise ValueError(f"{path}: no .txt member in the zip")
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8", newline="")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def parse(path: Path):
    """Yield (row dict) for kept features; the last item is a ('stats', {...}) tuple."""
    bad, skipped, total = 0, 0, 0
    rows = []
    with _open_text(path) as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            total += 1
            cols = line.split("\t")
            if len(cols) != N_COLUMNS:
                bad += 1
                continue
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                bad += 1
                continue
            cc = cols[8].strip().upper()
            if not cols[1].strip() or len(cc) != 2 or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                bad += 1
                continue
            fclass, fcode = cols[6], cols[7]
            if fclass != "P" and fcode not in KEEP_CODES.get(fclass, ()):
                skipped += 1
                continue
            if fcode == "ADM1" and not cols[10].strip() or fcode == "ADM2" and not cols[11].strip():
                bad += 1  # a unit without its own code cannot be referred to
                continue
            try:
                modified = date.fromisoformat(cols[18]) if cols[18] else None
            except ValueError:
                modified = None
            rows.append({
                "geonameid": gid, "name": cols[1].strip(), "asciiname": cols[2].strip() or None,
                "alternatenames": [a for a in cols[3].split(",") if a.strip()],
                "latitude": lat, "longitude": lon, "feature_class": fclass, "feature_code": fcode,
                "country_code": cc, "admin1_code": cols[10].strip(), "admin2_code": cols[11].strip(),
                "admin3_code": cols[12].strip(), "population": max(pop, 0), "modified_on": modified,
            })
    return rows, {"lines": total, "bad_lines": bad, "skipped_features": skipped}


def _keys(name: str, alternates) -> list[str]:
    out, seen = [], set()
    for n in [name, *alternates]:
        if not is_latin(n) or len(n) < 3 and n is not name:
            continue
        if n is not name and (n.isupper() and len(n) <= 4 or not any(c.isupper() for c in n)):
            continue  # codes ("TOM") and lower-case transliterations
        k = key(n)
        if k and k not in seen and k.count(" ") < store.MAX_NAME_TOKENS:
            seen.add(k)
            out.append(k)
    return out


def _d2(lat1, lon1, lat2, lon2):
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return dx * dx + (lat2 - lat1) ** 2


def _units_by_country(gaz) -> dict[str, list[tuple]]:
    out = defaultdict(list)
    for e in gaz.entries:
        if e[store.KIND] in ("A1", "A2"):
            out[e[store.CC]].append(e)
    return out


def _admin_tables(cc: str, rows, known_units: list[tuple]):
    """Names and seat points of the country's admin units: the gazetteer's first, the dump's ADM rows else."""
    names: dict[tuple[str, str], str] = {}
    points: dict[tuple[str, str], tuple[float, float]] = {}
    for e in known_units:
        code = (e[store.A1], e[store.A2] if e[store.KIND] == "A2" else "")
        names[code] = e[store.NAME]
        if e[store.LAT] is not None:
            points[code] = (e[store.LAT], e[store.LON])
    places_by_a1 = defaultdict(list)
    for r in rows:
        # units the packaged data names already keep that name (it saw more aliases than a dump row has)
        if r["feature_code"] == "ADM1":
            names.setdefault((r["admin1_code"], ""), acled_admin_name(r["name"], r["alternatenames"]))
        elif r["feature_code"] == "ADM2":
            names.setdefault((r["admin1_code"], r["admin2_code"]), acled_admin_name(r["name"], r["alternatenames"]))
        elif r["feature_class"] == "P":
            places_by_a1[r["admin1_code"]].append(r)
    # a unit without a point takes its seat's: the largest place of the same name in its admin1
    for (a1, a2), name in names.items():
        if (a1, a2) in points or not a2:
            continue
        k = key(name)
        seats = [r for r in places_by_a1.get(a1, ()) if key(r["name"]) == k or k in _keys(r["name"],
                                                                                           r["alternatenames"])]
        if seats:
            best = max(seats, key=lambda r: r["population"])
            points[(a1, a2)] = (best["latitude"], best["longitude"])
    return names, points


def _index_rows(cc: str, rows, names, points):
    admin2_seats = defaultdict(list)
    for (a1, a2), pt in points.items():
        if a2:
            admin2_seats[a1].append((a2, pt))
    out = []
    for r in rows:
        a1, a2 = r["admin1_code"], r["admin2_code"]
        if r["feature_class"] == "P" or r["feature_class"] == "S":
            if not a2 and admin2_seats.get(a1):
                a2 = min(admin2_seats[a1], key=lambda s: _d2(r["latitude"], r["longitude"], *s[1]))[0]
                r["admin2_code"] = a2
            kind, ident, shown = "P", str(r["geonameid"]), display(r["name"])
        elif r["feature_code"] == "ADM1":
            kind, ident, a2, shown = "A1", f"{cc}.{a1}", "", names[(a1, "")]
        else:
            kind, ident, shown = "A2", f"{cc}.{a1}.{a2}", names[(a1, a2)]
        keys = _keys(shown, [r["name"], r["asciiname"] or "", *r["alternatenames"]])
        if kind != "P":
            keys += [k for k in _keys(r["name"], []) if k not in keys]
        keys = with_loose(keys)
        r["admin1_name"] = names.get((a1, ""))
        r["admin2_name"] = names.get((a1, a2)) if a2 else None
        out.append("\t".join([kind, ident, cc, a1, a2, shown, f"{r['latitude']:.5f}", f"{r['longitude']:.5f}",
                              str(r["population"]), "|".join(keys)]))
    return out


def _write_index(index_dir: Path, cc: str, lines: list[str]) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    target = index_dir / f"{cc}.tsv.gz"
    fd, tmp = tempfile.mkstemp(prefix=f".{cc}.", suffix=".tmp", dir=index_dir)
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as gz:
            gz.write(("\n".join(lines) + "\n").encode("utf-8"))
        os.replace(tmp, target)  # atomic on one filesystem
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _db_value(row: dict, col: str):
    value = row.get(col)
    if col in ("population", "alternatenames", "latitude", "longitude", "geonameid"):
        return value
    return value or None  # empty admin codes are NULL


def _write_postgres(conn, by_cc: dict[str, list[dict]], source: str, bad: int) -> None:
    from psycopg2.extras import execute_values

    cols = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
            "feature_code", "country_code", "admin1_code", "admin2_code", "admin3_code", "admin1_name",
            "admin2_name", "population", "modified_on"]
    try:
        with conn.cursor() as cur:
            for cc, rows in by_cc.items():
                cur.execute("DELETE FROM gazetteer_places WHERE country_code = %s", (cc,))
                execute_values(
                    cur,
                    f"INSERT INTO gazetteer_places ({', '.join(cols)}) VALUES %s "
                    # a geonameid moved to another country since the last load of that country: take the new row
                    f"ON CONFLICT (geonameid) DO UPDATE SET "
                    + ", ".join(f"{c} = EXCLUDED.{c}" for c in cols[1:]),
                    [tuple(_db_value(r, c) for c in cols) for r in rows],
                    page_size=2000,
                )
                cur.execute("INSERT INTO gazetteer_loads (country_code, source, places_loaded, bad_lines) "
                            "VALUES (%s, %s, %s, %s)", (cc, source, len(rows), bad))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def load_dump(path, *, conn=None, index_dir=None) -> dict:
    """Load a GeoNames dump into the local index (and Postgres when `conn` is given); returns a summary."""
    path = Path(path)
    rows, stats = parse(path)
    index = Path(index_dir) if index_dir else store.default_index_dir()
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cc[r["country_code"]].append(r)
    # admin unit names and seats from the loaded gazetteer (the packaged data and earlier dumps)
    known = _units_by_country(store.get())
    files = []
    for cc, cc_rows in sorted(by_cc.items()):
        names, points = _admin_tables(cc, cc_rows, known.get(cc, []))
        files.append(str(_write_index(index, cc, _index_rows(cc, cc_rows, names, points))))
    if conn is not None and by_cc:
        _write_postgres(conn, by_cc, str(path), stats["bad_lines"])
    store.reload()
    countries = sorted(by_cc)
    return {
        "country": countries[0] if len(countries) == 1 else None,
        "countries": countries,
        "places_loaded": len(rows),
        "bad_lines": stats["bad_lines"],
        "skipped_features": stats["skipped_features"],
        "lines": stats["lines"],
        "index_files": files,
        "postgres": conn is not None,
    }
