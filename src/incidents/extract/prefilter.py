"""Cheap necessary conditions for regex matches: the literal prefixes a match must start with.

`match_prefixes(pattern)` reads a compiled pattern's parse tree and returns the set of strings (up to six
characters) one of which every match starts with, or None when no such set is known (a match may open with a
character class, a case-insensitive group or nothing at all). A text none of whose candidate start positions begins
with one of them cannot match, so the scan can be skipped: same results, less work on long articles.
"""
from __future__ import annotations

import functools
import re
import sys

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
        lo, hi, sub = av
        got = _seq(list(sub))
        if got is None:
            return {("", True)} if lo == 0 else None  # unknown but optional: it may be skipped, else unknown
        if hi == 1:
            out = set(got)  # at most one copy: what follows it follows the copy, as in a plain sequence
        else:
            out = {(s, False) for s, _ in got}  # a first copy starts the match; stop reading there
        if lo == 0:
            out.add(("", True))  # or no copy at all: the prefix continues with the next item
        return out
    if op is _c.IN:
        chars = set()
        for iop, iav in av:
            if iop is _c.LITERAL:
                chars.add(chr(iav))
            elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                chars |= _digits()  # every character \d matches, not only 0-9
            else:
                return None
        return {(ch, True) for ch in chars}
    return None


@functools.cache
def _digits() -> frozenset[str]:
    """The characters \\d matches in a str pattern: every Unicode decimal digit."""
    return frozenset(c for c in map(chr, range(sys.maxunicode + 1)) if c.isdecimal())


class StartGrams:
    """The PREFIX_LEN-character substrings of a text beginning where a zero-width `starts` pattern (such as a
    lookbehind) matches, with their shorter prefixes computed on demand."""

    def __init__(self, text: str, starts: str):
        # a lookahead capture finds every start position, overlapping ones included, in one C-level pass
        rx = _capture(starts)
        self.text = text
        self.full = set(rx.findall(text))
        self._by_len = {PREFIX_LEN: self.full}
        self._has: dict[str, bool] = {}

    def has(self, s: str) -> bool:
        """Whether s may begin at a start position: some occurrence of it begins a gram of the set (the same
        gram may stand at a start position elsewhere, so this can say yes wrongly, never no wrongly). Cheaper
        than `of_len` for a few short strings."""
        got = self._has.get(s)
        if got is None:
            got = False
            text, full = self.text, self.full
            i, seen = text.find(s), 0
            while i >= 0:
                seen += 1
                if seen > 64 or text[i:i + PREFIX_LEN] in full:
                    got = True
                    break
                i = text.find(s, i + 1)
            self._has[s] = got
        return got

    def of_len(self, k: int) -> set[str]:
        got = self._by_len.get(k)
        if got is None:
            # shorter grams near the end of the text are kept as they are: they equal their own prefixes; the
            # prefixes of the next length up, when known, are the same strings cut shorter, and fewer of them
            got = self._by_len[k] = {g[:k] for g in self._by_len.get(k + 1, self.full)}
        return got


_GRAMS: dict[tuple[str, str], StartGrams] = {}


def start_grams(text: str, starts: str) -> StartGrams:
    """StartGrams(text, starts), shared by the recognisers that scan the same text (cues, actors, deaths)."""
    got = _GRAMS.get((starts, text))
    if got is None:
        if len(_GRAMS) >= 8:
            _GRAMS.clear()
        got = _GRAMS[(starts, text)] = StartGrams(text, starts)
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
    for k, strings in prefixes.items():
        if k == PREFIX_LEN or len(strings) > _FEW:
            if not strings.isdisjoint(grams.of_len(k)):
                return True
        elif any(grams.has(s) for s in strings):
            return True
    return False


_FEW = 8  # up to this many strings of one shorter length are looked up one by one, not as a set of prefixes


def scan(rx: re.Pattern, text: str, prefixes: dict[int, frozenset[str]] | None,
         grams: StartGrams | None) -> list[re.Match]:
    """list(rx.finditer(text)), trying rx only where one of its prefixes occurs at a start position of `grams`.

    Every match starts at such a position, and finditer's next search begins where the last match ended, so
    trying the candidate positions in order and skipping those inside a match gives the same matches. The
    plain scan is kept when the prefixes are unknown or so common that per-position calls would cost more."""
    if prefixes is None:
        return list(rx.finditer(text))
    present = []
    for k, strings in prefixes.items():
        if grams is None:
            present += strings  # any position: each string is looked for below
        elif k == PREFIX_LEN or len(strings) > _FEW:
            present += strings.intersection(grams.of_len(k))
        else:
            present += [s for s in strings if grams.has(s)]
    if not present:
        return []
    if any(len(s) <= 2 and not s[0].isdecimal() for s in present):
        return list(rx.finditer(text))  # "a", "he": found at almost every other word, no cheaper than the scan
    starts: set[int] = set()
    most = max(_MAX_TRIES, len(text) >> 5)
    full = grams.full if grams is not None else None
    for s in present:
        i = text.find(s)
        while i >= 0:
            if full is None or text[i:i + PREFIX_LEN] in full:  # else no start position is there: no match
                starts.add(i)
                if len(starts) > most:
                    return list(rx.finditer(text))
            i = text.find(s, i + 1)
    out, end = [], 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = rx.match(text, pos)  # lookbehinds and \b still see the text before pos
        if m is not None:
            out.append(m)
            end = m.end()  # prefixes are non-empty: so is every match
    return out


_MAX_TRIES = 60  # per-position matching costs ~1 us a try; a C-level scan of a long article ~50-2000 us


# zero-width openings under which a pattern's matches can only start where they hold: the positions StartGrams
# indexes for it
_OPENINGS = (r"(?<![\w-])", r"(?<!\w)", r"\b")


def matches(rx: re.Pattern, text: str, literals: TextLiterals | None = None) -> list[re.Match]:
    """list(rx.finditer(text)), computed the cheapest known way: at the positions where rx's prefixes occur
    when the pattern opens with a known boundary, else not at all when a string every match needs is absent."""
    opening, prefixes = _plan(rx)
    if prefixes is not None:
        return scan(rx, text, prefixes, start_grams(text, opening) if opening else None)
    need = required_literals(rx)
    if need is not None:
        literals = literals if literals is not None and literals.text is text else TextLiterals(text)
        if not all(literals.any_of(f) for f in need):
            return []
    return list(rx.finditer(text))


_FEW_ANYWHERE = 24
_PLANS: dict[re.Pattern, tuple[str | None, dict[int, frozenset[str]] | None]] = {}


def _plan(rx: re.Pattern) -> tuple[str | None, dict[int, frozenset[str]] | None]:
    got = _PLANS.get(rx)
    if got is None:
        opening = next((o for o in _OPENINGS if rx.pattern.startswith(o)), None)
        if opening is not None:
            # the opening must govern every match: the first item of the top-level sequence, not of the first
            # branch of a top-level alternation ("\\bfoo|bar")
            first = next(iter(_p.parse(rx.pattern, rx.flags & ~re.UNICODE)))
            if first[0] not in (_c.AT, _c.ASSERT_NOT):
                opening = None
        prefixes = match_prefixes(rx)
        if opening is None and prefixes is not None and sum(map(len, prefixes.values())) > _FEW_ANYWHERE:
            prefixes = None  # without start positions each prefix is one more pass over the text
        got = _PLANS[rx] = (opening, prefixes)
    return got


def required_literals(rx: re.Pattern) -> tuple[frozenset[str], ...] | None:
    """Sets of strings such that the text of every match of rx contains one string of each set (None when no
    such set is known).

    A text that lacks every string of one set cannot match: `str.__contains__` over a few strings is much
    cheaper than a regex scan that must try every position."""
    got = _REQUIRED.get(rx, _UNSET)
    if got is _UNSET:
        got = None
        if not rx.flags & re.IGNORECASE:
            # each item of the pattern's top-level sequence must match: its set is required, and so is
            # every other item's; the two that filter best are kept
            sets = [f for f in _need_parts(list(_p.parse(rx.pattern, rx.flags & ~re.UNICODE)))
                    if f and min(map(len, f)) >= _MIN_LITERAL and len(f) <= _MAX_LITERALS]
            sets.sort(key=_score, reverse=True)
            got = tuple(_minimal(f) for f in sets[:2]) or None
        _REQUIRED[rx] = got
    return got


_UNSET = object()
_REQUIRED: dict[re.Pattern, tuple[frozenset[str], ...] | None] = {}
_MIN_LITERAL = 3  # shorter strings occur in almost every text: no use as a filter
_MAX_LITERALS = 60


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another member: whenever they occur, so does the shorter one."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _score(found: frozenset[str]) -> float:
    """How well a candidate set filters (higher is better): a string's chance to occur by accident falls
    with its length (in UTF-8 bytes: accented letters are rarer), and every string is one more lookup."""
    return -sum(4.0 ** -min(len(s.encode()), 8) for s in found) - 0.001 * len(found)


def _need_parts(items) -> list[frozenset[str]]:
    """The required sets of a sequence's parts: runs of consecutive literals and the items' own sets."""
    parts = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            parts.append(frozenset([run]))
            run = ""
        if op is not None:
            got = _need_item(op, av)
            if got is not None:
                parts.append(got)
    return parts


def _need_seq(items) -> frozenset[str] | None:
    """The best single required set of a sequence."""
    best = None
    for f in _need_parts(items):
        best = _better(best, f)
    return best


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if _score(b) > _score(a) else a


def _need_item(op, av) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            return None
        return _need_seq(list(sub))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _need_seq(list(alt))
            if got is None:
                return None
            out |= got
        return frozenset(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
        lo, _hi, sub = av
        return _need_seq(list(sub)) if lo >= 1 else None
    if op is _ATOMIC:
        return _need_seq(list(av))
    return None  # classes, wildcards, assertions, backreferences: no literal the match must contain


_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", object())  # Python 3.11+: a*+, (?>...)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


class TextLiterals:
    """Which strings occur in one text, each looked up once (patterns share many of their literals)."""

    def __init__(self, text: str):
        self.text = text
        self._seen: dict[str, bool] = {}

    def any_of(self, strings: frozenset[str]) -> bool:
        seen = self._seen
        for s in strings:
            got = seen.get(s)
            if got is None:
                got = seen[s] = s in self.text
            if got:
                return True
        return False


def may_occur(rx: re.Pattern, literals: TextLiterals) -> bool:
    """False only when the text lacks every string of a set one of which rx's matches must contain."""
    need = required_literals(rx)
    return need is None or all(literals.any_of(f) for f in need)
