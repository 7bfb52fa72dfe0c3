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
          r"municipio|munic[ií]pio|municipalit[ée]|cercle|raion|rayon|division|territory|parish|krai|kray|"
          r"emirate|wilaya|wilayat|muhafazat|muhafazah|voivodeship|canton|commune|governorate|city|metropolitan city|"
          r"autonomous region|special region|capital district|zone")
_GENERIC = {"federal", "capital", "national", "special", "autonomous", "central", "metropolitan"}
_LEADING = re.compile(rf"^(?:{_TYPES})\s+(?:(?:de|del|de la|du|des|of|d)\s+|d')?", re.I)
_TRAILING = re.compile(rf"\s+(?:{_TYPES})$", re.I)


def acled_admin_name(name: str) -> str:
    """'Douentza Cercle' -> 'Douentza'; 'Ta‘izz' -> 'Taizz'; 'Provincia de Buenos Aires' -> 'Buenos Aires'."""
    s = display(name)
    stripped = _TRAILING.sub("", s)
    stripped = _LEADING.sub("", stripped)
    # keep the type word when what is left is not a name ("Distrito Federal" is not "Federal")
    if len(stripped) < 3 or stripped.lower() in _GENERIC:
        return s
    return stripped
