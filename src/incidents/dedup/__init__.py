"""Cross-source deduplication rules: when two reports describe the same event (`match`), and how one incident's
fields are chosen from all the reports behind it (`reconciled`). Pure functions over plain dicts; the database
side (locks, rows, history) is `incidents.link`.
"""
from incidents.dedup.match import MatchResult, compare
from incidents.dedup.reconcile import Reconciled, reconciled

RULE_VERSION = "dedup-1"

__all__ = ["RULE_VERSION", "MatchResult", "Reconciled", "compare", "reconciled"]
