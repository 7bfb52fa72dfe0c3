"""Name normalisation shared by the gazetteer builder, the dump loader and the matcher.

A place name and a stretch of article text must reduce to the same lookup key whatever the accents, apostrophes,
hyphens or case: "Ségou", "Segou" and "SEGOU" -> "segou"; "Deir ez-Zor" and "Deir-ez-Zor" -> "deir ez zor";
"Ta‘izz" and "Ta'izz" -> "taizz".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks are dropped (not turned into spaces): transliterations write them inconsistently.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʻʼʿʾ′"), None)
# Letters NFKD does not decompose to ASCII.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ə": "e", "Ə": "E", "ð": "d", "þ": "th", "ħ": "h"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

# A word of the text: letters, optionally joined by an apostrophe ("N'Djamena", "Dar'a").
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def ascii_fold(s: str) -> str:
    """Accents off, special letters spelled out; keeps case and punctuation."""
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1 << 16)
def key(s: str) -> str:
    """The lookup key of a name: ASCII, lower case, words separated by one space."""
    s = s.translate(_APOSTROPHES)
    if not s.isascii():  # the Unicode decomposition is the slow part: plain ASCII words skip it
        s = ascii_fold(s)
    return _NON_WORD.sub(" ", s.lower()).strip()


# An apostrophe that elides a one-letter word ("N’Gaous", "Côte-d'Azur", "L’Oriental") or marks a possessive
# ("Hawke's Bay") is one ACLED keeps ("N'Djamena"); elsewhere it is a mark of transliteration (a soft sign, an ayn,
# an ejective: "Zol’noye", "Kotayk'", "Ha'il"), which ACLED drops.
_KEPT_APOSTROPHE = re.compile(r"(?<![^\W\d_])([^\W\d_])['’ʼ](?=[^\W\d_])|(?<=[^\W\d_])['’](?=s\b)")
_MARKS = dict.fromkeys(map(ord, "'’‘`´ʻʼʿʾ′"), None)


def display(s: str) -> str:
    """A name as ACLED writes it: ASCII, an elision or possessive apostrophe kept ("N'Djamena", "Hawke's Bay"),
    the marks of transliteration removed ("Ta‘izz" -> "Taizz"), spaces collapsed."""
    s = ascii_fold(_KEPT_APOSTROPHE.sub(lambda m: (m.group(1) or "") + "\x00", s).translate(_MARKS))
    return " ".join(s.replace("\x00", "'").split())


def is_latin(s: str) -> bool:
    """True when every letter of `s` is Latin script (alternate names in other scripts are useless here)."""
    for c in s:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


_ARTICLES = frozenset(["al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "es", "et", "er", "en", "ez"])
_LOOSE_SUBS = (("qu", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("q", "k"), ("dh", "d"), ("kh", "k"),
               ("gh", "g"), ("ph", "f"), ("-", " "))
_FINAL_VOWEL = re.compile(r"(?:eh|ah|e|a|h)\b")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def loose(k: str) -> str:
    """A looser key for transliteration variants: article dropped, common digraphs and doubled letters folded,
    word-final -eh/-ah/-a/-e alike ("Ar-Raqqa"/"Raqqah" -> "raka", "Al-Hasakeh"/"Al Hasakah" -> "hasaka"), e like i
    and o like u ("Idleb"/"Idlib" -> "idlib").
    Only used as a second try when the exact key is unknown."""
    words = k.split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    s = " ".join(words)
    for a, b in _LOOSE_SUBS:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    # vowels of Arabic names are romanised e or i, o or u ("Idleb"/"Idlib", "Homs"/"Hums")
    return _FINAL_VOWEL.sub("a", s).replace("e", "i").replace("o", "u")
