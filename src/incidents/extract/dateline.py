"""Wire-report datelines ("BAMAKO, March 10 (Reuters) -", "NIAMEY, 19 mars (AFP) –").

The date in a dateline is when the dispatch was filed, not when the event happened: "BAMAKO, March 10 - ...
killed on Sunday" is a Sunday event. Date extraction skips dates inside these spans.
"""
from __future__ import annotations

import re

# An upper-case place, optionally with its country in brackets or after a comma ("BENI (RD Congo)", "KANO, Nigeria"),
# a day-and-month date in either order, an optional "(Agency)", then a dash or colon that opens the story. Anchored at
# the start of a line so an ordinary sentence never matches.
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-ZÀ-Ý][A-ZÀ-Ý'’.\- ]{0,39}[A-ZÀ-Ý.])[ \t]*"
    r"(?:\([ \t]*(?P<bracketed>[A-Za-zÀ-ÿ'’.\- ]{2,30}?)[ \t]*\)[ \t]*)?"
    r"(?:,[ \t]*(?P<added>[A-Za-zÀ-ÿ'’.\- ]{2,30}?)[ \t]*)?,[ \t]+"
    r"(?:[A-Za-zéû]{3,10}\.?[ \t]+\d{1,2}(?:er)?|\d{1,2}(?:er)?[ \t]+[A-Za-zéû]{3,10}\.?)"
    r"(?:,?[ \t]+\d{4})?[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—:]",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATELINE.finditer(text)]


def dateline_place(text: str) -> tuple[int, int] | None:
    """The span of the city of the article's first dateline, or None. The city says where the dispatch was filed:
    a hint of the story's country, not the event's place."""
    m = _DATELINE.search(text)
    return m.span("city") if m else None


def dateline_country(text: str) -> tuple[int, int] | None:
    """The span of the country the first dateline names beside its city ("RD Congo" of "BENI (RD Congo), 26 mai",
    "Nigeria" of "KANO, Nigeria, April 13"), or None. Like the city, only a hint of where the story is."""
    m = _DATELINE.search(text)
    if not m:
        return None
    for group in ("bracketed", "added"):
        if m.group(group):
            return m.span(group)
    return None
