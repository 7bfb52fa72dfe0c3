"""Places of an incident, through the gazetteer (`incidents.geo.locate`).

The gazetteer is a peer module; when it cannot be imported this falls back to country names only (from
countries.py), so the extractor keeps producing valid rows. `choose_place` picks the place of one event:
its own sentences first, then the rest of the article, the most specific level first.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
from dataclasses import dataclass

from .countries import country_for, fallback_country_regex
from .dateline import dateline_country, dateline_place
from .deployments import mission_areas

log = logging.getLogger(__name__)
LEVEL_RANK = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}


@dataclass(frozen=True)
class Place:
    """The fields of geo.PlaceMatch this module relies on (fallback stand-in)."""
    start: int
    end: int
    surface: str
    location: str | None
    country: str | None
    iso3: str | None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    level: str = "country"
    geo_precision: int = 3
    near: bool = False
    origin: bool = False


@functools.lru_cache(maxsize=1)
def _geo_locate():
    try:
        from incidents.geo import locate
    except ImportError:  # the gazetteer is built separately; work without it
        return None
    return locate


def _fallback_locate(text: str, country_hint: str | None = None) -> list[Place]:
    out = []
    for m in fallback_country_regex().finditer(text):
        word = m.group(0)
        # lower-case matches are demonym adjectives in French ("malien"); capitalised ones are names
        c = country_for(word)
        if c is None:
            continue
        out.append(Place(m.start(), m.end(), word, None, c.name, c.iso3))
    return out


def locate(text: str, country_hint: str | None = None, fallback_country: str | None = None) -> list:
    """Place matches in text (gazetteer when available), ordered by position. `fallback_country` (a national
    outlet's home) settles homonyms only when the text names no country of its own. A wire dateline's city
    ("BAMAKO, March 10 (Reuters) -") is passed on as a weak hint of the story's country, never as its place. A
    mission named in the text ("the OSCE SMM") makes its area of operations the likely region of a homonym."""
    fn = _geo_locate()
    if fn is not None:
        try:
            return _mark_origins(text, fn(text, country_hint=country_hint, fallback_country=fallback_country,
                                          dateline=dateline_place(text), dateline_country=dateline_country(text),
                                          areas=mission_areas(text)))
        except Exception:
            log.warning("incidents.geo.locate failed; using country names only", exc_info=True)
    return _fallback_locate(text, country_hint)


# "residents of Vikasnagar protested in Lucknow", "militia from the Mapel area attacked ... in Tonj": where the
# people come from is not where the event is. "20 km from Gao" places the event by Gao: no origin.
_ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:residents?|natives?|inhabitants|people|villagers|youths?|men|members|traders|herders|farmers|"
    r"migrants|workers|habitants|ressortissants|originaires?|venus?|venues?)\s+(?:of|from|de|du|d['’])|"
    r"(?<!away )(?<!km )(?<!kilometres )(?<!kilometers )(?<!miles )(?<!far )\bfrom)"
    r"\s+(?:the\s+|la\s+|le\s+|l['’])?(?:(?:village|town|city|area|region|district)\s+(?:of|de|d['’])\s*)?$",
    re.IGNORECASE)


# "set out from X to Y" names a route, either end of which may be the event's; "abducted five men from X" names
# where the event happened
_ROUTE_AFTER = re.compile(r"[\w\s'’-]{0,30}?(?:\([^()]{0,60}\)\s*)?\b(?:to|towards|into|vers|jusqu)\b", re.IGNORECASE)
_TAKEN_FROM = re.compile(r"\b(?:abduct|kidnapp?|seiz|stole|steal|took|taken|loot|evict|expel|remov|rescu|releas|"
                         r"enlev|ravi|pill)\w*\s+(?:[\w'’-]+\s+){0,5}from\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
                         re.IGNORECASE)


# "citizens from Redeyef (Gafsa) protested": a place the text locates with care is the event's own
_QUALIFIED_AFTER = re.compile(r"\s*\(")


# "the wounded were evacuated to Bunia", "admitted to hospital in Gao", "évacués vers l'hôpital de Bunia": where
# the victims were treated is not where the event was
_TREATED_BEFORE = re.compile(
    r"\b(?:(?:evacuated|taken|rushed|transported|transferred|airlifted|flown)\s+(?:[\w'’-]+\s+){0,2}?to|"
    r"(?:admitted|hospitali[sz]ed|treated)\s+(?:[\w'’-]+\s+){0,2}?(?:to|in|at)|"
    r"(?:[ée]vacu[ée]|transport[ée]|transf[ée]r[ée]|admis|hospitalis[ée]|soign[ée])e?s?\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:vers|à|au))\s+(?:the\s+|a\s+|l['’]|la\s+|le\s+)?"
    r"(?:(?:hospital|h[ôo]pital|clinic|clinique|CHU|city|town|ville)\s+(?:of\s+|in\s+|at\s+|de\s+|d['’]|à\s+))?$",
    re.IGNORECASE)


def _is_origin(text: str, p) -> bool:
    before = text[max(0, p.start - 50):p.start]
    if _TREATED_BEFORE.search(text[max(0, p.start - 70):p.start]):
        return True
    return bool(_ORIGIN_BEFORE.search(before)) and not _TAKEN_FROM.search(text[max(0, p.start - 90):p.start]) \
        and not _ROUTE_AFTER.match(text, p.end) and not _QUALIFIED_AFTER.match(text, p.end)


def _mark_origins(text: str, places) -> list:
    return [dataclasses.replace(p, origin=True) if getattr(p, "level", "") in ("place", "admin2") and _is_origin(text, p)
            else p for p in places]


def is_demonym_match(place, text: str) -> bool:
    """True when the match is an adjective ("Malian soldiers"), which names a country but not a place."""
    surface = text[place.start:place.end]
    return getattr(place, "level", "") == "country" and surface.lower().endswith(("an", "ien", "ienne", "ese", "ais",
                                                                                  "aise", "i", "ish"))


# a town named beside a district ("on the road to Y") lies within a short drive of it
_NEAR_KM = 50


def _near(p, district) -> bool:
    """Whether `p` lies within _NEAR_KM of the district's point (unknown coordinates count as near)."""
    pts = [getattr(x, f, None) for x in (p, district) for f in ("latitude", "longitude")]
    if None in pts:
        return True
    lat1, lon1, lat2, lon2 = pts
    dlat = math.radians(lat1 - lat2)
    dlon = math.radians(lon1 - lon2) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(dlat, dlon) <= _NEAR_KM


def choose_place(places: list, span: tuple[int, int], country: str | None = None):
    """Best place for an event spanning `span`: inside the span first, most specific level, earliest."""
    def ok(p):
        return country is None or getattr(p, "country", None) in (None, country)

    inside = [p for p in places if span[0] <= p.start < span[1] and ok(p)]
    pool = inside or [p for p in places if ok(p)]
    if not pool:
        return None
    # a place named as where people came from gives way to another town or district of the event
    there = [p for p in pool if not getattr(p, "origin", False)]
    if any(LEVEL_RANK.get(getattr(p, "level", "country"), 0) >= 2 for p in there):
        pool = there
    best_rank = max(LEVEL_RANK.get(getattr(p, "level", "country"), 0) for p in pool)
    best = [p for p in pool if LEVEL_RANK.get(getattr(p, "level", "country"), 0) == best_rank]
    # "in the municipality of X, Durango ... on a road leading to Y": a town named after a district that the text
    # places in its region, and outside that region, is a homonym or a landmark, not the event's place
    regions = {(p.country, p.admin1) for p in pool if getattr(p, "level", "") == "admin1"}
    district = next((p for p in pool if getattr(p, "level", "") == "admin2" and getattr(p, "admin1", None)
                     and (p.country, p.admin1) in regions), None)
    if district is not None and best_rank == LEVEL_RANK["place"]:
        # and a village of the region far from that district is a same-named homonym too
        best = [p for p in best if p.start < district.start or (p.country, p.admin1) == (
            district.country, district.admin1) and _near(p, district)]
        if not best:
            return district
    return best[0]
