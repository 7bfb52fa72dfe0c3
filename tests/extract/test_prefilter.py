"""The cue prefilter only skips scans that cannot match: checked against the real regexes on real phrasing."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.extract.event_types import _CUE_START, _cue_prefixes, _cue_regexes, detect_cues
from incidents.extract.prefilter import (
    StartGrams,
    TextLiterals,
    _digits,
    match_prefixes,
    matches,
    may_match,
    may_occur,
    required_literals,
)
from incidents.extract.textutil import fold

SENTENCES = [
    "Gunmen killed two people in Mopti on Monday.",
    "Police fired tear gas to disperse protesters in Dakar.",
    "An air strike hit a market; an IED exploded near the base.",
    "Troops recaptured the town after a gun battle with militants.",
    "Des hommes armés ont attaqué le village et enlevé trois otages.",
    "The ministry announced a ceasefire agreement with the rebels.",
    "Residents lynched a suspected thief; 12 kg of cannabis were seized.",
]


def test_prefixes_of_simple_patterns():
    assert match_prefixes(re.compile(r"(?<!x)abc(?:d|e)f")) == {5: frozenset({"abcdf", "abcef"})}
    # optional: either opens it, and an optional part's text is followed by the rest
    assert match_prefixes(re.compile(r"(?:ab)?cd")) == {4: frozenset({"abcd"}), 2: frozenset({"cd"})}
    assert match_prefixes(re.compile(r"\d+ ?mm")) == {1: _digits()}  # \d: every Unicode digit, not only 0-9
    assert match_prefixes(re.compile(r"\w+ing")) is None  # a class opens it: unknown, never skipped
    assert match_prefixes(re.compile(r"(?i:ab)c")) is None
    grams = StartGrams("xx abcdf", r"(?<![\w-])")
    assert may_match(match_prefixes(re.compile(r"(?<![\w-])abc(?:d|e)f")), grams)
    assert not may_match(match_prefixes(re.compile(r"(?<![\w-])abc(?:e)f")), grams)


def _unfiltered(text: str) -> dict:
    low = fold(text)
    return {g: [m.span() for m in rx.finditer(low)] for g, rx in _cue_regexes().items() if rx.search(low)}


def test_every_matching_group_passes_the_filter():
    for text in SENTENCES + [" ".join(SENTENCES)]:
        grams = StartGrams(fold(text), _CUE_START)
        for group in _unfiltered(text):
            assert may_match(_cue_prefixes()[group], grams), (group, text)
        assert {g: [m.span() for m in ms] for g, ms in detect_cues(text).items()} == _unfiltered(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES + ["the", "attack", "killed", "-", "Sept.", "é", "\n\n", "armed", "ing"]),
                min_size=1, max_size=12))
def test_detect_cues_same_as_scanning_every_group(words):
    text = " ".join(words)
    assert {g: [m.span() for m in ms] for g, ms in detect_cues(text).items()} == _unfiltered(text)


def test_required_literals():
    assert required_literals(re.compile(r"\b\d+\s+(?:were\s+)?(?:killed|died)\b")) == (frozenset({"killed", "died"}),)
    # both parts are required: "was" and one of the verbs
    got = required_literals(re.compile(r"\ba man was (?:\w+ )?(?:killed|shot dead)"))
    assert frozenset({"a man was "}) in got
    assert required_literals(re.compile(r"\w+ing")) == (frozenset({"ing"}),)
    assert required_literals(re.compile(r"\w+\s\d")) is None  # classes only: nothing literal is required
    assert required_literals(re.compile(r"(?i:killed)")) is None  # case-insensitive: not a literal
    assert required_literals(re.compile(r"(?:killed)?\d+")) is None  # optional: not required
    lits = TextLiterals("two villagers died on Monday")
    assert may_occur(re.compile(r"\b\d+\s+(?:killed|died)\b"), lits)
    assert not may_occur(re.compile(r"\b\d+\s+(?:killed|slain)\b"), lits)


def test_start_grams_has_never_misses():
    grams = StartGrams("the attackers and an attack", r"\b")
    assert grams.has("atta") and grams.has("an") and grams.has("the")
    assert not grams.has("ttack")  # only inside words, never where a \b start is


PATTERNS = [
    r"\bfoo|bar",  # the boundary governs the first branch only
    r"\b(?:kill(?:ed|ing)|shot dead)\s+(?:at least\s+)?\d+",
    r"(?<![\w-])(?:ab|abc|b c)(?![\w-])",
    r"\b(?:the )?(?:body|corpse) of (?:an?|one) \w+|\bwas found dead\b|(?:le )?corps d'un",
    r"\b\d+ ?mm\b",
    r"(?<!\w)(?:a|an) (?:man|woman)",
]
WORDS = ["foo", "bar", "killed", "killing 3", "shot dead 12", "ab", "abc", "b c", "-ab", "the body of a man",
         "corpse of one", "was found dead", "le corps d'un", "corps d'un", "120mm", "٣ mm", "a man", "an woman",
         "xbar", "foobar", " ", "\n", ",", "é"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.sampled_from(["", " ", "-"]))
def test_matches_same_as_finditer(words, sep):
    text = sep.join(words)
    for p in PATTERNS:
        rx = re.compile(p)
        assert [m.span() for m in matches(rx, text)] == [m.span() for m in rx.finditer(text)], (p, text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES + ["Three soldiers were killed.", "killing 12 civilians", "the body of a man",
                                             "Malian soldiers", "l'armée malienne", "JNIM fighters", "a man was shot dead"]),
                min_size=1, max_size=8))
def test_death_and_actor_patterns_same_as_finditer(parts):
    from incidents.extract import actors, fatalities
    text = " ".join(parts)
    low = fold(text)
    folded = fatalities._folded(tuple(fatalities._PATTERNS)) + fatalities._folded(
        tuple((None, r) for r in fatalities._SINGULAR))
    for _, rx in folded:
        assert [m.span() for m in matches(rx, low)] == [m.span() for m in rx.finditer(low)], rx.pattern[:40]
    rx_exact, rx_loose, _ = actors._dictionary()
    for rx, src in ((rx_exact, text), (rx_loose, low)):
        assert [m.span() for m in matches(rx, src)] == [m.span() for m in rx.finditer(src)]
