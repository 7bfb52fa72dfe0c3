"""Who claimed an incident and whom the article cites for it.

"JNIM has claimed responsibility", "revendiqué par l'EIGS" fill claimed_by (the actor named next to the
claim); "according to Reuters", "a local source quoted by AFP", "selon l'AFP" fill reported_by.
"""
from __future__ import annotations

import re

from .actors import ActorMention

_CLAIM = re.compile(r"\b(?:claimed (?:responsibility|the attack|the killing|the assault|it|by)|claim of responsibility|"
                    r"revendiquée? par|"
                    r"revendiqu(?:é|ée|e|ent|ait)|a revendiqué|ont revendiqué)\b", re.IGNORECASE)
_WORD = r"(?:[A-Z](?:[\w'’&-]|\.(?=[A-Z]))*)"
_CAP = rf"(?:the |l'|l’|la |le )?(?P<src>{_WORD}(?:\s+(?:{_WORD}|de|of|du|des|al|el))*)"
_REPORT = [
    re.compile(rf"\b(?:according to|citing|cited by|quoted by|reported by|told|selon|d'après|rapporte|cité par)\s+"
               rf"(?:reports? from |a statement (?:from|by) |sources? (?:in|at|from) |a report by |a report from |"
               rf"a spokesman for |a spokesperson for |officials? (?:of|from) )?{_CAP}"),
    re.compile(rf"{_CAP}\s+(?:reported|said in a statement|news agency reported|agency reported)\b"),
]
_NOT_SOURCE = re.compile(r"^(?:He|She|They|It|The|A|An|On|In|Il|Elle|Ils|Le|La|Les)$")


def claimed_by(text: str, mentions: list[ActorMention], offset: int = 0) -> str | None:
    """Canonical name of the actor that claimed the incident, if the text says one did."""
    for m in _CLAIM.finditer(text):
        pos = m.start() + offset
        named = [a for a in mentions if a.kind == "named"]
        after = [a for a in named if m.end() + offset <= a.start <= m.end() + offset + 3]
        if after:
            return after[0].name
        before = [a for a in named if a.end <= pos]
        if before:
            return before[0].name if pos - before[-1].end > 200 else before[-1].name
    return None


def reported_by(text: str) -> str | None:
    """The outlet or body the text cites ("Reuters", "the UN"), or None."""
    for rx in _REPORT:
        for m in rx.finditer(text):
            src = m.group("src").strip(" .,")
            src = re.sub(r"\s+(?:of|de|du|des|al|el)$", "", src)
            if src and not _NOT_SOURCE.match(src) and len(src) > 1:
                return src
    return None
