"""Comparable forms of actor and place names.

Reports from different outlets spell the same actor or village differently ("Boulkessi" / "Boulikessi",
"Military Forces of Mali (2021-)" / "Military Forces of Mali"); these keys make them comparable.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Same place when two spellings of a name are this similar (0-100): catches one dropped or doubled letter
PLACE_SIMILARITY = 85
# Shorter names must match exactly: one letter off in a four-letter name is another place
MIN_VARIANT_LENGTH = 6
_DIGITS = re.compile(r"\d+")
# Same actor when the names' token sets are this similar (the scorer's own threshold)
ACTOR_SIMILARITY = 90


# Linking a batch folds the same few hundred names over and over (every reconcile re-reads every report's actors
# and places); the folds are pure, so they are cached.
@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Lower case ASCII words separated by single spaces: 'Ségou-Ville' -> 'segou ville'."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("'", "").replace("’", "")
    return _NON_WORD.sub(" ", s).strip()


@lru_cache(maxsize=1 << 16)
def actor_key(actor: str | None) -> str:
    """ACLED's period tag dropped; for 'ACRONYM: Long name' the acronym is the key."""
    if not actor:
        return ""
    name = _PERIOD.sub("", actor)
    if ":" in name:
        name = name.split(":", 1)[0]
    return fold(name)


def is_unidentified(actor: str | None) -> bool:
    return actor_key(actor).startswith("unidentified")


# Actor names that describe a kind of party rather than identify one: two reports that share only these may
# well be about different events.
_GENERIC_PREFIXES = ("unidentified", "civilians", "protesters", "rioters", "prisoners", "refugees", "migrants")


def is_generic(actor: str | None) -> bool:
    return actor_key(actor).startswith(_GENERIC_PREFIXES)


def same_actor(a: str, b: str) -> bool:
    ka, kb = actor_key(a), actor_key(b)
    return bool(ka) and (ka == kb or fuzz.token_set_ratio(ka, kb) >= ACTOR_SIMILARITY)


def same_place_name(a: str | None, b: str | None) -> bool:
    """Same name, or a spelling variant: similar enough, same first letter, same digits, and long enough for
    one letter to be a variant rather than another name ("Boulkessi"/"Boulikessi", not "Koro"/"Kori")."""
    ka, kb = fold(a), fold(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    return (min(len(ka), len(kb)) >= MIN_VARIANT_LENGTH and ka[0] == kb[0]
            and _DIGITS.findall(ka) == _DIGITS.findall(kb) and fuzz.ratio(ka, kb) >= PLACE_SIMILARITY)
