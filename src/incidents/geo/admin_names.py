"""ACLED-style names for administrative units.

GeoNames names units with their type ("Douentza Cercle", "Donetsk Oblast", "Provincia de Buenos Aires") and in
scholarly transliteration ("Ta‘izz", "Şan‘ā’"). ACLED writes the bare name in plain ASCII ("Douentza", "Donetsk",
"Taizz"). The rule: fold to ASCII, drop transliteration marks, strip a leading or trailing type word.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from incidents.geo.text import display, key, loose

_TYPES = (r"region|regione|r[ée]gion|province|provincia|prov[ií]ncia|governorate|state|estado|oblast|oblast'|"
          r"district|distrito|department|d[ée]partement|departamento|prefecture|pr[ée]fecture|county|municipality|"
          r"municipio|munic[ií]pio|municipalit[ée]|municipalidad metropolitana|municipalidad|cercle|raion|rayon|division|territory|parish|krai|kray|"
          r"emirate|wilaya|wilayat|muhafazat|muhafazah|voivodeship|canton|commune|governorate|city|metropolitan city|"
          r"autonomous region|special region|capital district|zone")
_GENERIC = {"federal", "capital", "national", "special", "autonomous", "central", "metropolitan"}
_LEADING = re.compile(rf"^(?:{_TYPES})\s+(?:(?:de|del|de la|du|des|of|d)\s+|d')?", re.IGNORECASE)
_TRAILING = re.compile(rf"\s+(?:{_TYPES})$", re.IGNORECASE)


# Only the types whose GeoNames primary name is an inflected local form ("Donetska oblast", "Tərtər rayonu",
# "Splitsko-dalmatinska", "Kauno apskritis", "Stockholms län"): elsewhere ("South Kivu Province" for Sud-Kivu,
# "Taiz Governorate" for Ta'izz) ACLED keeps the primary name.
_ENGLISH_TYPED = re.compile(r"^([A-Z][A-Za-z' -]+?)\s+(?:Oblast|District|Rayon|Raion|County)$")


_POSITION = (r"North|South|East|West|Northern|Southern|Eastern|Western|North[- ]?East|North[- ]?West|South[- ]?East|"
             r"South[- ]?West|Upper|Lower|Middle|Central")
_ENGLISH_POSITIONAL = re.compile(rf"^(?:{_POSITION})\s+([A-Z][A-Za-z'-]+(?:\s[A-Z][A-Za-z'-]+)?)$")
# French, Spanish, Portuguese, Dutch and German position words: ACLED keeps these local names ("Nord-Kivu",
# "Haut-Katanga", "Noord-Brabant") rather than their English translations.
_POSITION_ALONE = re.compile(rf"(?:{_POSITION})", re.IGNORECASE)
_HAS_POSITION = re.compile(rf"\b(?:{_POSITION}|nord|sud|haut|haute|bas|basse|moyen|moyenne|norte|sur|alto|alta|"
                           r"bajo|baja|baixo|noord|zuid|oost|nieder|ober|nordrhein|orient|occident|centre)", re.IGNORECASE)


def _english_positional(base: str, aliases) -> str | None:
    """'Shamal Sina' -> 'North Sinai', 'Shabeellaha Hoose' -> 'Lower Shabeelle': a region whose local name says
    north/lower/middle in Arabic or Somali is known in English by its English positional name (an alias of the form
    '<position> <a spelling of the rest of the name>')."""
    if _HAS_POSITION.search(base):
        return None
    base_loose = loose(key(base))
    for alias in aliases:
        a = _TRAILING.sub("", display(alias).strip())
        if _POSITION_ALONE.fullmatch(a) and _TRAILING.search(display(alias).strip()):
            return a  # "South Governorate" for Al Janub: the region is called "South"
        m = _ENGLISH_POSITIONAL.match(a)
        if m and len(m.group(1)) >= 4 and fuzz.partial_ratio(loose(key(m.group(1))), base_loose) >= 75:
            return a
    return None


_RIF = re.compile(r"^Rif\s+\S", re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"^([A-Z][A-Za-z' -]+?) Countryside$")


def _english_rural(base: str, aliases) -> str | None:
    """'Rif Dimashq' -> 'Rural Damascus': Arabic "rif" is the countryside around a city, and a region so named is
    known in English as "Rural <city>" (its alias "Damascus Countryside" gives the city's English name)."""
    if not _RIF.match(base):
        return None
    for alias in aliases:
        m = _COUNTRYSIDE.match(display(alias).strip())
        if m:
            return f"Rural {m.group(1)}"
    return None


def acled_admin_name(name: str, aliases=()) -> str:
    """'Douentza Cercle' -> 'Douentza'; 'Ta‘izz' -> 'Taizz'; 'Provincia de Buenos Aires' -> 'Buenos Aires'.

    With the unit's alternate names: an English form "<Name> Oblast/District/Rayon" written in plain ASCII is
    the conventional English name news and ACLED use ("Donetska" -> "Donetsk", "Tərtər" -> "Tartar");
    a shorter alias that begins the name drops an honorific tail ("Michoacán de Ocampo" -> "Michoacan").
    """
    for alias in aliases:
        m = _ENGLISH_TYPED.match(alias.strip())
        if m and m.group(1).lower() not in _GENERIC and len(m.group(1)) >= 3:
            return m.group(1)
    positional = _english_positional(display(name), aliases)
    if positional:
        return positional
    rural = _english_rural(display(name), aliases)
    if rural:
        return rural
    base = display(name)
    # ISO 3166-2 inverts a name around its type ("Madrid, Comunidad de", "Dagestan, Respublika",
    # "Praha, Hlavni mesto"): the part before the comma is the name
    head, comma, _tail = base.partition(",")
    if comma and len(head.strip()) >= 3:
        base = head.strip()
    # "Región Metropolitana de Santiago" with alias "Metropolitana": the type word goes first
    bare = _LEADING.sub("", base)
    prefixes = [display(a) for a in aliases if display(a) and len(display(a)) >= 4 and
                (base.lower().startswith(display(a).lower() + " ") or
                 bare.lower().startswith(display(a).lower() + " "))]
    if prefixes:
        base = min(prefixes, key=len)
    s = base
    stripped = _TRAILING.sub("", s)
    stripped = _LEADING.sub("", stripped)
    # keep the type word when what is left is not a name ("Distrito Federal" is not "Federal")
    if len(stripped) < 3 or stripped.lower() in _GENERIC:
        return s
    return stripped
