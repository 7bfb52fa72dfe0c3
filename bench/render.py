"""Re-render docs/benchmarks.md from a results JSON (after editing the report code or the Findings section).

    python -m bench.render [docs/benchmarks.json [docs/benchmarks.md]]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import report

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else ROOT / "docs" / "benchmarks.json"
    dst = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "benchmarks.md"
    res = json.loads(src.read_text())
    res["derived"] = report.derive(res)
    res["targets"] = report.targets(res)
    previous = dst.read_text(encoding="utf-8") if dst.exists() else ""
    dst.write_text(report.markdown(res, keep=report.kept_sections(previous)), encoding="utf-8")
    print(report.summary_lines(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
