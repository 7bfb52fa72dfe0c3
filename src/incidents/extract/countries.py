"""Country names in ACLED's spelling, from pycountry plus the overrides in data/countries.yaml.

Two uses: generating the state-force actors of every country, and finding countries in text when the
gazetteer (`incidents.geo`) is not importable. When it is, `country_for` defers to it.
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass

import pycountry

from .lexicon import load

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Country:
    name: str  # ACLED spelling
    iso3: str
    iso2: str


@functools.lru_cache(maxsize=1)
def all_countries() -> tuple[Country, ...]:
    data = load("countries")
    names = data.get("acled_names", {})
    out = []
    for c in pycountry.countries:
        name = names.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        out.append(Country(name, c.alpha_3, c.alpha_2))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def by_iso3() -> dict[str, Country]:
    return {c.iso3: c for c in all_countries()}


@functools.lru_cache(maxsize=1)
def _name_index() -> dict[str, Country]:
    """Lower-cased names, official names and demonyms -> country."""
    idx: dict[str, Country] = {}
    iso = by_iso3()
    for c in pycountry.countries:
        country = iso[c.alpha_3]
        for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), country.name}:
            if n:
                idx.setdefault(n.lower(), country)
    for code, extra in load("countries").get("extra_names", {}).items():
        for n in extra:
            idx[n.lower()] = iso[code]
    # Regular English demonyms derived from the short name ("Mali" -> "Malian", "Kenya" -> "Kenyan").
    for country in all_countries():
        n = country.name.lower()
        if " " in n:
            continue
        for dem in (n + "n", n + "an", n + "ian", n + "i", n[:-1] + "an", n[:-1] + "ian", n + "ese", n[:-1] + "ese"):
            idx.setdefault(dem, country)
    return idx


@functools.lru_cache(maxsize=4096)
def fallback_country_for(word: str) -> Country | None:
    w = word.strip().lower().rstrip("s") if word.strip().lower() not in _name_index() else word.strip().lower()
    return _name_index().get(w)


@functools.lru_cache(maxsize=8192)
def country_for(word: str):
    """Country named by a name, ISO code or demonym: the gazetteer's answer, or the local fallback."""
    if not word:
        return None
    try:
        from incidents.geo import country_for as geo_country_for
    except ImportError:  # the gazetteer is built separately; work without it
        geo_country_for = None
    if geo_country_for is not None:
        try:
            ref = geo_country_for(word)
        except Exception:
            log.warning("incidents.geo.country_for(%r) failed", word, exc_info=True)
            ref = None
        if ref is not None:
            return Country(ref.name, ref.iso3, getattr(ref, "iso2", ""))
        return None
    return fallback_country_for(word)


@functools.lru_cache(maxsize=1)
def fallback_country_regex() -> re.Pattern:
    """Regex for the names in the fallback index (capitalised forms only, to avoid common words)."""
    names = [n for n in _name_index() if len(n) > 3]
    names.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


# a medium's kind written after its name: "Al Sumaria TV" is Al Sumaria, "Kibaru.com" is Kibaru
_MEDIA_SUFFIXES = frozenset(["tv", "television", "radio", "news", "online", "com", "net", "org", "info"])


def _outlet_key(name: str) -> str:
    """An outlet name as compared: accents, case, punctuation, spaces and a trailing medium word ignored
    ("Sözcü" = "sozcu", "Mali Jet" = "Malijet", "Al-Manar TV" = "Al Manar")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    while len(words) > 1 and words[-1] in _MEDIA_SUFFIXES:
        words.pop()
    return "".join(words)


@functools.lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    out: dict[str, str] = {}
    for country, names in (load("outlets") or {}).items():
        for n in names or ():
            out[_outlet_key(str(n))] = "" if country == "none" else country
    return out


def outlet_country(source: str) -> str | None:
    """The home country of a national news outlet ("Studio Tamani" -> Mali), None for international agencies,
    platforms and unknown outlets. A whole-name match: "Punch" is an outlet, "Punch line" is not."""
    if not source:
        return None
    return _outlets().get(_outlet_key(source)) or None


def international_outlet(source: str) -> bool:
    """An international broadcaster whose name holds a country's ("France 24"): its name says nothing of where."""
    return _outlets().get(_outlet_key(source or "")) == ""
