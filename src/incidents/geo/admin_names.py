"""ACLED-style names for administrative units.

GeoNames names units with their type ("Douentza Cercle", "Donetsk Oblast", "Provincia de Buenos Aires") and in
scholarly transliteration ("Ta‘izz", "Şan‘ā’"). ACLED writes the bare name in plain ASCII ("Douentza", "Donetsk",
"Taizz"). The rule: fold to ASCII, drop transliteration marks, strip a leading or trailing type word.
"""
from __future__ import annotations

import re

from incidents.geo.text import display

_TYPES = (r"region|regione|r[ée]gion|province|provincia|prov[ií]ncia|governorate|state|estado|oblast|oblast'|"
          r"district|distrito|department|d[ée]partement|departamento|prefecture|pr[ée]fecture|county|municipality|"
          r"municipio|munic[ií]pio|municipalit[ée]|municipalidad metropolitana|municipalidad|cercle|raion|rayon|division|territory|parish|krai|kray|"
          r"emirate|wilaya|wilayat|muhafazat|muhafazah|voivodeship|canton|commune|governorate|city|metropolitan city|"
          r"autonomous region|special region|capital district|zone")
_GENERIC = {"federal", "capital", "national", "special", "autonomous", "central", "metropolitan"}
_LEADING = re.compile(rf"^(?:{_TYPES})\s+(?:(?:de|del|de la|du|des|of|d)\s+|d')?", re.IGNORECASE)
_TRAILING = re.compile(rf"\s+(?:{_TYPES})$", re.IGNORECASE)


# Only the types whose GeoNames primary name is an inflected local form ("Donetska oblast", "Tərtər rayonu"):
# elsewhere ("South Kivu Province" for Sud-Kivu, "Taiz Governorate" for Ta'izz) ACLED keeps the primary name.
_ENGLISH_TYPED = re.compile(r"^([A-Z][A-Za-z' -]+?)\s+(?:Oblast|District|Rayon|Raion)$")


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
    base = display(name)
    prefixes = [display(a) for a in aliases if display(a) and base.lower().startswith(display(a).lower() + " ")]
    if prefixes:
        base = min(prefixes, key=len)
    s = base
    stripped = _TRAILING.sub("", s)
    stripped = _LEADING.sub("", stripped)
    # keep the type word when what is left is not a name ("Distrito Federal" is not "Federal")
    if len(stripped) < 3 or stripped.lower() in _GENERIC:
        return s
    return stripped
