"""The extractor on pathological and hostile text: bounded time for every regex family, no exception, and every
row it returns within the contract.

Each input is a unit repeated to a fixed size, aimed at one family of patterns (numbers, dates, actors, places,
death phrases, sentence splitting, reporting verbs). Inputs run in a forked child killed at the budget, because a
catastrophic regex never returns (see timebox.py).
"""
from __future__ import annotations

import pytest

from incidents import contract
from tests.reliability.timebox import timeboxed

SIZE = 15_000          # a long article; catastrophic patterns show at a few KB already
BIG = 60_000           # for the inputs whose cost grows quadratically with the length of a sentence
BUDGET_S = 5.0         # per input, on a busy 2-core machine; linear work on 15 KB takes under 1 s here
PUBLISHED = "2025-06-03T09:00:00Z"


def _fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


CASES = {
    # digits and separators
    "digits": "1234567890", "commas": ",", "digit-commas": "1,", "thousands": "1,000,", "spaced-thousands": "1 000 ",
    "dot-digits": "1.2.", "slashes": "1/2/", "percent": "10% ", "dashes": "- ", "hyphens": "-", "ellipsis": "...",
    "semicolons": ";", "dots": ". ", "parens": "(", "quotes": '"', "apostrophes": "'s ", "mixed-separators": ", ; : - . ",
    "html-tags": "<p>", "single-token": "a", "caps-no-space": "ABCDEFGHIJ",
    # number words (NUMBER_RE: runs of words joined by spaces or hyphens, ranges "12 to 15")
    "number-words": "twenty-three ", "number-words-and": "one hundred and ", "number-words-fr": "vingt et un ",
    "number-range": "12 to 15 to ", "vague-quantities": "dozens of hundreds of ",
    # death phrases
    "killed": "killed ", "killing-at-least": "killing at least ", "death-toll": "the death toll rose to ",
    "people-were": "people were ", "a-man-was": "a man was ",
    # dates
    "dates": "12 March 2025 ", "weekdays": "on Monday ", "months": "in early March ", "days-ago": "two days ago ",
    # actors, places, sources
    "capitalised": "Armed Group Forces ", "forces-of": "Forces of ", "village-of": "in the village of ",
    "according-to": "according to ", "said": "said ", "claimed": "claimed responsibility ",
    # sentence splitting and scripts
    "abbreviations": "Mr. Dr. Gen. ", "newlines": "\n", "blank-lines": "\n\n", "spaces": " ", "tabs": "\t ",
    "rtl": "اشتباكات في سيفاري ", "long-line": "the soldiers and the rebels ", "emoji": "\U0001F4A3\u200d",
    "combining": "a\u0301\u0302\u0303",
}
SIZES = {"abbreviations": BIG, "long-line": BIG, "capitalised": BIG}
# Open extractor bugs: name -> reason, marked xfail(strict=True) so a fix shows up as XPASS and the mark goes.
# (Emptied once the number-word backtracking, the quadratic abbreviation check and the rows without a country
# that these inputs found were fixed.)
KNOWN: dict[str, str] = {}


def _extract(text: str):
    from incidents.extract import extract_article

    rows = extract_article({"id": "1", "url": "https://news.example/a/1", "title": "", "text": text,
                            "published_at": PUBLISHED, "language": "en", "source": "Example"})
    return [(row, contract.problems(row)) for row in rows]


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    # load dictionaries and the gazetteer once, before forking, so each child measures only its input
    _extract("Gunmen killed three soldiers in Sevare, Mali, on Monday, officials said.")


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n]))
                                  if n in KNOWN else n for n in CASES])
def test_extractor_time_is_bounded_and_rows_keep_the_contract(name):
    size = SIZES.get(name, SIZE)
    timed = timeboxed(_extract, _fill(CASES[name], size), BUDGET_S)
    assert timed.finished, f"{name}: still running after {BUDGET_S}s on {size} chars"
    assert timed.error is None, timed.error
    bad = [(row, errs) for row, errs in timed.value if errs]
    assert bad == [], bad[:3]

