"""The cue prefilter only skips scans that cannot match: checked against the real regexes on real phrasing."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.extract.event_types import _CUE_START, _cue_prefixes, _cue_regexes, detect_cues
from incidents.extract.prefilter import StartGrams, match_prefixes, may_match
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
    assert match_prefixes(re.compile(r"(?:ab)?cd")) == {2: frozenset({"ab", "cd"})}  # optional: either opens it
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
