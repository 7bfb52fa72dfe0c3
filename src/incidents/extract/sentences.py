"""Sentence splitting with character offsets (English and French news prose).

A regex splitter that knows the usual abbreviations ("Gen.", "U.S.", "approx.") is enough for wire copy and
keeps offsets exact, which the evidence spans need.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Gov|Sen|Rep|St|Mt|No|approx|vs|etc|Jr|Sr|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Prof|Cdt|Cne|Mme|Mgr|km|i\.e|e\.g|"
                     r"U\.S|U\.N|U\.K)|\b[A-Z])\.$")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n|\n(?=\s*[A-ZÀ-ÖØ-Þ\"“«])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of text with their [start, end) offsets; whitespace-only pieces dropped."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        # only the piece's last word can be an abbreviation; looking at its tail keeps this linear
        tail = text[max(pos, m.start() - 16):m.start()].rstrip()
        if _ABBREV.search(tail) and "\n" not in m.group(0):
            continue
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
