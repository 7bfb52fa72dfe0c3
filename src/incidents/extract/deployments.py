"""Forces and missions deployed abroad and the theatre they operate in (data/deployments.yaml).

"MINUSMA peacekeepers", "French Barkhane forces", "German soldiers of MINUSMA": the mission says where the story
is; its contributors' nationality (France, Germany) does not.
"""
from __future__ import annotations

import functools
import re

from .lexicon import load


@functools.lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    theatre: dict[str, tuple[str, ...]] = {}
    for d in load("deployments").get("deployments") or ():
        for n in d["names"]:
            theatre[str(n)] = tuple(d["theatre"])
    if not theatre:
        return None, {}
    names = sorted(theatre, key=len, reverse=True)
    # proper names, matched as written: "Serval" the operation, not "serval" the animal
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return rx, theatre


def theatres(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Deployed forces named in `text`: (start, end, theatre countries, the usual one first)."""
    rx, theatre = _table()
    if rx is None or not text:
        return []
    return [(m.start(), m.end(), theatre[m.group(0)]) for m in rx.finditer(text)]


@functools.lru_cache(maxsize=1)
def _mission_areas() -> dict[str, frozenset[tuple[str, str]]]:
    out: dict[str, frozenset[tuple[str, str]]] = {}
    for d in load("deployments").get("deployments") or ():
        area = frozenset((str(c), str(a1)) for c, regions in (d.get("areas") or {}).items() for a1 in regions)
        if area:
            out.update({str(n): area for n in d["names"]})
    return out


def mission_areas(text: str) -> frozenset[tuple[str, str]]:
    """The (country, admin1) regions of the documented areas of operations of the missions `text` names ("the
    OSCE SMM" -> Donetsk and Luhansk oblasts): where a name shared by towns of several regions most likely lies."""
    areas = _mission_areas()
    if not areas or not text:
        return frozenset()
    return frozenset().union(*(areas.get(text[s:e], ()) for s, e, _t in theatres(text)))


@functools.lru_cache(maxsize=1)
def _areas() -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(v) for k, v in (load("deployments").get("group_areas") or {}).items()}


def group_area(actor_name: str) -> tuple[str, ...] | None:
    """The countries a regional armed group fights in ("Islamic State (Greater Sahara)" -> Mali, Niger, Burkina
    Faso), by its canonical name; None for other actors."""
    return _areas().get(actor_name)
