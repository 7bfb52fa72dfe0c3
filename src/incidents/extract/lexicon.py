"""Loading of the extractor's data files (YAML under extract/data), cached for the life of the process."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).with_name("data")


@functools.cache
def load(name: str):
    """The parsed content of data/<name>.yaml."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
