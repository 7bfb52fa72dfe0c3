"""docs/data_dictionary.md documents exactly the columns the database has, for every view and for each table it
lists, so the dictionary cannot drift from the schema."""
from __future__ import annotations

import re
from pathlib import Path

from tests.analyst.analyst_support import all_rows

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data_dictionary.md"


def _documented() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
            continue
        row = re.match(r"^\| (\w+) \| [^|]+ \| .+ \|$", line)
        if row and current is not None and row.group(1) != "column":
            current.append(row.group(1))
    return sections


def test_dictionary_matches_the_schema(db):
    documented = _documented()
    catalog = {}
    for r in all_rows(db, """SELECT c.relname, c.relkind, a.attname FROM pg_attribute a
                               JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND a.attnum > 0
                                AND NOT a.attisdropped ORDER BY c.relname, a.attnum"""):
        catalog.setdefault((r["relname"], r["relkind"]), []).append(r["attname"])
    views = {name for name, kind in catalog if kind in ("v", "m")}
    assert views <= set(documented), f"views missing from {DICTIONARY.name}: {sorted(views - set(documented))}"
    columns = {name: cols for (name, _), cols in catalog.items()}
    for name, cols in documented.items():
        assert name in columns, f"{DICTIONARY.name} documents {name}, which does not exist"
        assert cols == columns[name], f"{name}: document every column, in table order ({columns[name]})"
