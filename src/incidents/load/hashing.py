"""Content hashes that identify the same story whatever URL or whitespace it arrives with."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def content_hash(title: str | None, text: str) -> str:
    # the title is left out: outlets retitle the same wire story, while the body stays identical
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def stable_key(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]
