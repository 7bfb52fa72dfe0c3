"""Name normalisation shared by the gazetteer builder, the dump loader and the matcher.

A place name and a stretch of article text must reduce to the same lookup key whatever the accents, apostrophes,
hyphens or case: "Ségou", "Segou" and "SEGOU" -> "segou"; "Deir ez-Zor" and "Deir-ez-Zor" -> "deir ez zor";
"Ta‘izz" and "Ta'izz" -> "taizz".
"""
from __future__ import annotations

import re
import unicodedata

# Apostrophe-like marks are dropped (not turned into spaces): transliterations write them inconsistently.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʻʼʿʾ′"), None)
# Letters NFKD does not decompose to ASCII.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ħ": "h"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

# A word of the text: letters, optionally joined by an apostrophe ("N'Djamena", "Dar'a").
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def ascii_fold(s: str) -> str:
    """Accents off, special letters spelled out; keeps case and punctuation."""
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def key(s: str) -> str:
    """The lookup key of a name: ASCII, lower case, words separated by one space."""
    s = ascii_fold(s.translate(_APOSTROPHES)).lower()
    return _NON_WORD.sub(" ", s).strip()


def display(s: str) -> str:
    """A name as ACLED writes it: ASCII, apostrophe marks of transliteration removed, spaces collapsed."""
    s = ascii_fold(s.translate(_APOSTROPHES))
    return " ".join(s.split())


def is_latin(s: str) -> bool:
    """True when every letter of `s` is Latin script (alternate names in other scripts are useless here)."""
    for c in s:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True
