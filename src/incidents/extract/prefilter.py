"""Cheap necessary conditions for regex matches: the literal prefixes a match must start with.

`match_prefixes(pattern)` reads a compiled pattern's parse tree and returns the set of strings (up to six
characters) one of which every match starts with, or None when no such set is known (a match may open with a
character class, a case-insensitive group or nothing at all). A text none of whose candidate start positions begins
with one of them cannot match, so the scan can be skipped: same results, less work on long articles.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c
    import sre_parse as _p

PREFIX_LEN = 6
_MAX_SET = 4000
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def match_prefixes(rx: re.Pattern) -> dict[int, frozenset[str]] | None:
    """Strings one of which starts every match of rx, by length; None when unknown (the scan must always run)."""
    if rx.flags & re.IGNORECASE:
        return None
    out = _seq(list(_p.parse(rx.pattern, rx.flags & ~re.UNICODE)))
    if out is None:
        return None
    strings = frozenset(s for s, _ in out)
    if "" in strings:
        return None
    by_len: dict[int, set[str]] = {}
    for s in strings:
        by_len.setdefault(len(s), set()).add(s)
    return {k: frozenset(v) for k, v in sorted(by_len.items(), reverse=True)}


def _seq(items) -> set[tuple[str, bool]] | None:
    """(prefix, open) pairs for a sequence of parse items: open means the prefix is a whole match of what was
    read so far, so the next item may extend it; closed prefixes are final."""
    state = {("", True)}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # assertions consume nothing: the prefix continues after them
        nxt = _item(op, av)
        new = set()
        for s, open_ in state:
            if not open_:
                new.add((s, False))
                continue
            if nxt is None:
                new.add((s, False))  # unknown item: the prefix read so far is still necessary
                continue
            for t, t_open in nxt:
                u = s + t
                if len(u) >= PREFIX_LEN:
                    new.add((u[:PREFIX_LEN], False))
                else:
                    new.add((u, t_open))
        if len(new) > _MAX_SET:
            return None
        state = new
        if not any(o for _, o in state):
            break
    return state


def _item(op, av) -> set[tuple[str, bool]] | None:
    if op is _c.LITERAL:
        return {(chr(av), True)}
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & (re.IGNORECASE | re.VERBOSE):
            return None
        return _seq(list(sub))
    if op is _c.BRANCH:
        out = set()
        for alt in av[1]:
            got = _seq(list(alt))
            if got is None:
                return None
            out |= got
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, _hi, sub = av
        got = _seq(list(sub))
        if got is None:
            return {("", True)} if lo == 0 else None  # unknown but optional: it may be skipped, else unknown
        out = {(s, False) for s, _ in got}  # a first copy starts the match; stop reading there
        if lo == 0:
            out.add(("", True))  # or no copy at all: the prefix continues with the next item
        return out
    if op is _c.IN:
        chars = set()
        for iop, iav in av:
            if iop is not _c.LITERAL:
                return None
            chars.add(chr(iav))
        return {(ch, True) for ch in chars}
    return None


class StartGrams:
    """The PREFIX_LEN-character substrings of a text beginning where a zero-width `starts` pattern (such as a
    lookbehind) matches, with their shorter prefixes computed on demand."""

    def __init__(self, text: str, starts: str):
        # a lookahead capture finds every start position, overlapping ones included, in one C-level pass
        rx = _capture(starts)
        self._by_len = {PREFIX_LEN: set(rx.findall(text))}

    def of_len(self, k: int) -> set[str]:
        got = self._by_len.get(k)
        if got is None:
            # shorter grams near the end of the text are kept as they are: they equal their own prefixes
            got = self._by_len[k] = {g[:k] for g in self._by_len[PREFIX_LEN]}
        return got


_CAPTURES: dict[str, re.Pattern] = {}


def _capture(starts: str) -> re.Pattern:
    rx = _CAPTURES.get(starts)
    if rx is None:
        rx = _CAPTURES[starts] = re.compile(f"{starts}(?=(.{{1,{PREFIX_LEN}}}))", re.DOTALL)
    return rx


def may_match(prefixes: dict[int, frozenset[str]] | None, grams: StartGrams) -> bool:
    """False only when no start position of the text begins with one of the prefixes."""
    if prefixes is None:
        return True
    return any(not strings.isdisjoint(grams.of_len(k)) for k, strings in prefixes.items())
