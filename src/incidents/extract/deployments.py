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
def _areas() -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(v) for k, v in (load("deployments").get("group_areas") or {}).items()}


def group_area(actor_name: str) -> tuple[str, ...] | None:
    """The countries a regional armed group fights in ("Islamic State (Greater Sahara)" -> Mali, Niger, Burkina
    Faso), by its canonical name; None for other actors."""
    return _areas().get(actor_name)
