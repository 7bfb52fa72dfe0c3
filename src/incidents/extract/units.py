"""Named units of state forces, in ACLED's style ("Police Forces of Mali Gendarmerie").

ACLED appends the unit a report names to the state force it belongs to, and the unit decides the branch: Brazil's
Military Police are a military force even in a sentence that calls them police. The units and the words news uses
for them are data (data/units.yaml). A unit is read from the mention that named the force and the words just before
it ("ministerial police officers"); a force named only by a common noun ("officers") may take the one unit the
article names elsewhere, unless the article names several units or names the unit jointly with another force.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .actors import _is_acronym
from .countries import all_countries
from .lexicon import load
from .textutil import fold

# a force's own name, with ACLED's period tag when the dictionary gives one ("Military Forces of Yemen (2012-)")
_FORCE = re.compile(r"(?P<branch>Military|Police) Forces of (?P<country>[^()]+?)(?P<period> \(\d{4}-\d{0,4}\))?")
_LOOK_BACK = 40  # characters before a mention searched for a unit's leading words ("State" of "State Police")


@dataclass(frozen=True)
class Unit:
    name: str
    branch: str  # "Military" or "Police"
    military_in: frozenset[str]
    countries: frozenset[str]  # empty: any country

    def branch_in(self, country: str) -> str:
        return "Military" if country in self.military_in else self.branch

    def exists_in(self, country: str) -> bool:
        return not self.countries or country in self.countries


@functools.lru_cache(maxsize=1)
def _units() -> tuple[re.Pattern, re.Pattern, dict[str, list[Unit]]]:
    """(acronym regex on the text as written, word regex on folded text, word -> units)."""
    table: dict[str, list[Unit]] = {}
    for u in load("units")["units"]:
        unit = Unit(u["unit"], u["branch"].capitalize(), frozenset(u.get("military_in") or ()),
                    frozenset(u.get("countries") or ()))
        for w in u["words"]:
            key = w if _is_acronym(w) else fold(w)
            table.setdefault(key, []).append(unit)
    acronyms = sorted((w for w in table if _is_acronym(w)), key=len, reverse=True)
    words = sorted((w for w in table if not _is_acronym(w)), key=len, reverse=True)
    rx_acr = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")
    rx_words = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    return rx_acr, rx_words, table


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(c.name for c in all_countries())


def unit_of(window: str, mention_from: int, country: str) -> Unit | None:
    """The unit named by words of `window` that reach into the mention (which starts at `mention_from`)."""
    rx_acr, rx_words, table = _units()
    best = None
    for rx, src in ((rx_acr, window), (rx_words, fold(window))):
        for m in rx.finditer(src):
            if m.end() <= mention_from:
                continue  # words wholly before the mention belong to something else
            for unit in table[m.group(0)]:
                if unit.exists_in(country) and (best is None or len(m.group(0)) > best[0]):
                    best = (len(m.group(0)), unit)
    return best[1] if best else None


# a force named only by a common noun ("officers", "the police") may be the unit the incident names elsewhere
_BARE_FORCE = re.compile(r"(?:(?:the|les?|la)\s+)?(?:police(?:\s+(?:officers?|agents?|forces|units?|personnel))?|"
                         r"policem[ae]n|officers?|agents?|soldiers?|troops|(?:security\s+)?forces|gendarmes?|"
                         r"policiers?|militaires?|soldats?|forces\s+de\s+l(?:'|’)ordre)", re.IGNORECASE)
# "police and a CRPF team", "civil and military police": a joint operation, not the unit alone
_JOINT = re.compile(r"\s+(?:and|et|with|avec|&)\s", re.IGNORECASE)
_JOINT_REACH = 40


def units_in(text: str, start: int, end: int, country: str) -> list[tuple[int, int, Unit]]:
    """The units of `country` named in text[start:end], as (start, end, unit)."""
    rx_acr, rx_words, table = _units()
    out = []
    for rx, src in ((rx_acr, text), (rx_words, fold(text))):
        for m in rx.finditer(src, start, end):
            units = [u for u in table[m.group(0)] if u.exists_in(country)]
            if units:
                out.append((m.start(), m.end(), units[0]))
    return out


def _renamed(m, force: re.Match, unit: Unit):
    country = force.group("country")
    bare = country.removeprefix("the ")
    branch = unit.branch_in(bare)
    return replace(m, name=f"{branch} Forces of {country}{force.group('period') or ''} {unit.name}",
                   kind="military" if branch == "Military" else "police")


def with_unit(m, text: str, scope: tuple[int, int] | None = None):
    """The mention renamed as the unit of its state force when its words name one; others unchanged.

    With `scope` (a span of the text: the article), a force named only by a common noun ("Officers were attacked")
    takes the one unit the scope names elsewhere ("Military Police officers went to ..."), unless it names several
    units or names the unit jointly with another force ("police and a CRPF team")."""
    if m is None or m.inter != 1:
        return m
    force = _FORCE.fullmatch(m.name)
    if force is None:
        return m  # a named faction ("Military Forces of Yemen (2016-) Supreme Political Council") keeps its name
    bare = force.group("country").removeprefix("the ")
    if bare not in _country_names():
        return m  # a force that already carries a unit ("Military Forces of Iraq Popular Mobilization Forces")
    if m.start >= 0:
        lo = max(0, m.start - _LOOK_BACK)
        unit = unit_of(text[lo:m.end], m.start - lo, bare)
        if unit is not None:
            return _renamed(m, force, unit)
    if scope is None or (m.text and not _BARE_FORCE.fullmatch(m.text.strip())):
        return m
    named = units_in(text, scope[0], scope[1], bare)
    if len({u.name for _s, _e, u in named}) != 1:
        return m
    for s, e, _u in named:
        before = text[max(scope[0], s - _JOINT_REACH):s]
        after = text[e:min(scope[1], e + _JOINT_REACH)]
        if _JOINT.search(before) or _JOINT.match(after):
            return m
    return _renamed(m, force, named[0][2])
