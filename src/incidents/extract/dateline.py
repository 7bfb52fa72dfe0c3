"""Wire-report datelines ("BAMAKO, March 10 (Reuters) -", "NIAMEY, 19 mars (AFP) –").

The date in a dateline is when the dispatch was filed, not when the event happened: "BAMAKO, March 10 - ...
killed on Sunday" is a Sunday event. Date extraction skips dates inside these spans.
"""
from __future__ import annotations

import re

# An upper-case place (optionally ", Country"), a day-and-month date in either order, an optional "(Agency)", then a
# dash or colon that opens the story. Anchored at the start of a line so an ordinary sentence never matches.
_DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’.\- ]{1,40}(?:,[ \t]*[A-Za-zÀ-ÿ'’.\- ]{2,30})?,[ \t]+"
    r"(?:[A-Za-zéû]{3,10}\.?[ \t]+\d{1,2}(?:er)?|\d{1,2}(?:er)?[ \t]+[A-Za-zéû]{3,10}\.?)"
    r"(?:,?[ \t]+\d{4})?[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—:]",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATELINE.finditer(text)]


# the place words of a dateline: everything before its first comma ("N'DJAMENA", "KANO" of "KANO, Nigeria, ...")
_PLACE = re.compile(r"[ \t]*([^,]+?)[ \t]*,")


def dateline_place(text: str) -> tuple[int, int] | None:
    """The span of the city of the article's first dateline, or None. The city says where the dispatch was filed:
    a hint of the story's country, not the event's place."""
    spans = dateline_spans(text)
    if not spans:
        return None
    m = _PLACE.match(text, spans[0][0])
    return m.span(1) if m else None
