"""`python -m incidents.extract < articles.jsonl > incidents.jsonl` (the CLI's `incidents extract` does the same)."""
import sys

from . import extract_stream


def main() -> int:
    counts = extract_stream(sys.stdin, sys.stdout, sys.stderr)
    sys.stderr.write(f"extract: {counts['articles']} articles, {counts['incidents']} incidents, "
                     f"{counts['errors']} errors\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
