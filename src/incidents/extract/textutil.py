"""Case folding that keeps offsets: matching lower-cased text with lower-cased patterns is several times faster
than re.IGNORECASE, and spans found in the folded text are valid in the original."""
from __future__ import annotations

import re

_ESCAPE_OR_LETTER = re.compile(r"\\.|\(\?P[<=]|[A-Z]")


def fold(text: str) -> str:
    """text.lower() with the same length (characters whose lower form is longer are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_pattern(pattern: str) -> str:
    """Lower-case a regex's literal letters, leaving escapes (\\W, \\D, \\S, \\B) untouched."""
    return _ESCAPE_OR_LETTER.sub(lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern)
