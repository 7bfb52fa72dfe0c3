"""Shared scoring of the hand-written regression articles (used by test_regression.py)."""
import json
from pathlib import Path

from incidents.extract import extract_article

CASES = Path(__file__).with_name("data") / "regression_cases.json"
FIELDS = ["event_date", "country", "actor1", "actor2", "event_type", "sub_event_type", "fatalities"]


def load_cases():
    return json.loads(CASES.read_text(encoding="utf-8"))


def score_cases(cases):
    """(field accuracy over expected events, extra event rows produced, per-field misses)."""
    hits = total = extra = 0
    misses = []
    for case in cases:
        rows = [r for r in extract_article(case["article"]) if r["kind"] == "event"]
        extra += max(0, len(rows) - len(case["expected"]))
        for exp in case["expected"]:
            best = max(rows, key=lambda r: sum(r.get(f) == exp[f] for f in FIELDS)) if rows else {}
            for f in FIELDS:
                total += 1
                if best.get(f) == exp[f]:
                    hits += 1
                else:
                    misses.append((case["article"]["id"], f, exp[f], best.get(f)))
    return hits / total, extra, misses
