"""JSON lines in, JSON lines out: the extractor as a stream filter.

A malformed line or an article whose extraction raises is reported on `err` with its line number (and id)
and skipped; it never stops the stream.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from .article import extract_article


def extract_stream(lines: Iterable[str], out: TextIO, err: TextIO) -> dict:
    """Extract every article of a JSON-lines stream; returns counts {"articles", "incidents", "errors"}."""
    counts = {"articles": 0, "incidents": 0, "errors": 0}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
            if not isinstance(article, dict):
                raise TypeError("not a JSON object")
        except (ValueError, TypeError) as exc:
            counts["errors"] += 1
            err.write(f"line {lineno}: malformed article: {exc}\n")
            continue
        counts["articles"] += 1
        try:
            rows = extract_article(article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch; it is reported
            counts["errors"] += 1
            err.write(f"line {lineno}: article {article.get('id')!r} failed: {type(exc).__name__}: {exc}\n")
            continue
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        counts["incidents"] += len(rows)
    return counts
