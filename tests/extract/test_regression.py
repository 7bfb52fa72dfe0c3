"""Quality gate: hand-written wire-style articles (English and French) with expected rows, and a pinned floor.

Raise FLOOR when the extractor improves; the suite fails if quality drops below it.
"""
from regression import load_cases, score_cases

FLOOR = 0.99  # field accuracy over the expected events of data/regression_cases.json
MAX_EXTRA_ROWS = 2


def test_regression_floor():
    accuracy, extra, misses = score_cases(load_cases())
    assert accuracy >= FLOOR, f"accuracy {accuracy:.3f} < {FLOOR}; misses: {misses}"
    assert extra <= MAX_EXTRA_ROWS


def test_cases_cover_both_languages():
    langs = {c["article"]["language"] for c in load_cases()}
    assert {"en", "fr"} <= langs and len(load_cases()) >= 15
