"""Numbers written in digits or words, in English and French.

`parse_number` turns a matched count phrase into (low, high, conservative) so the fatality and size rules
share one reading of "a dozen", "dozens", "vingt-trois" or "1,200". `NUMBER_RE` is the regex fragment that
finds such phrases inside a sentence.
"""
from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
    # French
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
# "six" is both English and French; French-only spellings below avoid clashing with English words.
SCALES = {"hundred": 100, "cent": 100, "cents": 100, "thousand": 1000, "mille": 1000}

# Vague quantities: (low, high, conservative) as ACLED codes them ("dozens" 12, "tens" 10, "hundreds" 100).
VAGUE = {
    "a dozen": (12, 12, 12), "une douzaine": (12, 12, 12), "dozen": (12, 12, 12),
    "dozens": (12, 99, 12), "several dozen": (12, 99, 12), "plusieurs dizaines": (10, 99, 10), "des dizaines": (10, 99, 10), "dizaines": (10, 99, 10),
    "tens": (10, 99, 10), "scores": (20, 99, 20), "hundreds": (100, 999, 100), "des centaines": (100, 999, 100),
    "centaines": (100, 999, 100), "thousands": (1000, 9999, 1000), "des milliers": (1000, 9999, 1000),
    # multiples of a multiple: "tens of thousands" is not "tens"
    "tens of thousands": (10000, 99999, 10000), "hundreds of thousands": (100000, 999999, 100000),
    "des dizaines de milliers": (10000, 99999, 10000), "dizaines de milliers": (10000, 99999, 10000),
    "des centaines de milliers": (100000, 999999, 100000), "centaines de milliers": (100000, 999999, 100000),
    "a dozen or so": (12, 12, 12), "une dizaine": (10, 10, 10), "une vingtaine": (20, 20, 20),
    "une trentaine": (30, 30, 30), "une quarantaine": (40, 40, 40), "une cinquantaine": (50, 50, 50),
    "une centaine": (100, 100, 100), "a hundred": (100, 100, 100), "a few": (2, 4, 2), "quelques": (2, 4, 2),
    "several": (3, 9, 3), "plusieurs": (3, 9, 3), "a number of": (2, 9, 2), "numerous": (3, 20, 3),
    "many": (3, 20, 3), "nombreux": (3, 20, 3), "de nombreux": (3, 20, 3), "some": (2, 9, 2),
    "a couple of": (2, 2, 2), "both": (2, 2, 2), "les deux": (2, 2, 2),
}

_word = "|".join(sorted((re.escape(w) for w in list(UNITS) + list(SCALES) if w not in ("a", "an", "no")),
                        key=len, reverse=True))
_vague = "|".join(sorted((re.escape(w) for w in VAGUE), key=len, reverse=True))
_digits = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?!\d)|\d+"
# A number: digits, a run of number words ("twenty-three", "vingt et un", "two hundred"), or a vague quantity.
# The word run is bounded ("quatre-vingt-dix-neuf" is five words): unbounded runs backtrack exponentially on
# hostile input such as a page of "twenty-three twenty-three ...".
NUMBER_RE = (rf"(?:{_digits}|(?:{_vague})\b|(?:(?:{_word})(?:[\s-]+(?:et[\s-]+|and[\s-]+)?(?:{_word})){{0,4}})\b)")
_number_only = re.compile(rf"^(?:{NUMBER_RE})$", re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """Value of a run of number words ("twenty-three", "quatre-vingt-dix", "two hundred"), or None."""
    total, current, seen = 0, 0, False
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t not in ("and", "et")]
    for i, tok in enumerate(tokens):
        if tok in SCALES:
            current = max(current, 1) * SCALES[tok]
            if SCALES[tok] >= 1000:
                total, current = total + current, 0
            seen = True
        elif tok in UNITS:
            val = UNITS[tok]
            # French "quatre-vingt(s)" = 80
            if tok in ("vingt", "vingts") and current == 4:
                current = 80
            else:
                current += val
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> tuple[int, int, int] | None:
    """(low, high, conservative) for a count phrase, or None when it is not a number."""
    t = " ".join(text.lower().split())
    if t in VAGUE:
        return VAGUE[t]
    if re.fullmatch(_digits, t):
        n = int(re.sub(r"\D", "", t))
        return n, n, n
    n = words_to_int(t)
    if n is None:
        return None
    return n, n, n


def is_number(text: str) -> bool:
    return bool(_number_only.match(text.strip()))
