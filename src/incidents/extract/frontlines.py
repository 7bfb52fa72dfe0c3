"""Sides on a front line, for monitoring reports that name none (data/frontlines.yaml).

"The OSCE SMM observed 15 explosions near Komsomolets" says where shells fell, not who fired. ACLED codes such
reports to the side that did not hold the place, and in exchanges "in both directions" the holder is the other
party. The settlements of a front and who held them are data; a place matches by its loose key (case, accents and
transliteration noise ignored), within the front's country and period only.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from incidents.geo.text import key, loose

from .lexicon import load


@dataclass(frozen=True)
class Holding:
    front: str
    admin1: str
    holder: tuple[str, int]  # (canonical actor name, inter code) of the side that held the place
    other: tuple[str, int]  # the side across the line


@functools.lru_cache(maxsize=1)
def _fronts() -> list[tuple[str, dt.date, dt.date, dict[str, Holding]]]:
    out = []
    for f in load("frontlines").get("frontlines") or ():
        sides = f["holders"]
        places: dict[str, Holding] = {}
        for admin1, held in f["settlements"].items():
            for side, names in held.items():
                other = next(s for s in sides if s != side)
                for n in names:
                    places[loose(key(str(n)))] = Holding(f["name"], admin1, _actor(sides[side]), _actor(sides[other]))
        out.append((f["country"], _day(f["from"]), _day(f["to"]), places))
    return out


def _actor(side: dict) -> tuple[str, int]:
    return str(side["name"]), int(side["inter"])


def _day(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def holding(place: str | None, country: str | None, day: dt.date | None) -> Holding | None:
    """Who held `place` on `day`, when it lies on a front line of `country` in the data; else None."""
    if not place or not country or day is None:
        return None
    k = loose(key(place))
    for front_country, start, end, places in _fronts():
        if front_country == country and start <= day <= end and k in places:
            return places[k]
    return None
