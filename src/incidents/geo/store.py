"""The in-memory gazetteer: entries (admin units and places) and a name-key -> entries dictionary.

Loaded once per process on first use from the packaged `data/gazetteer.tsv.gz` plus every country file that
`load_dump` wrote into the local index directory (villages from full GeoNames dumps). `reload()` drops the cache;
`load_dump` calls it so the same process sees what it loaded.
"""
from __future__ import annotations

import gc
import gzip
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from incidents.geo.text import key

PACKAGED = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
MAX_NAME_TOKENS = 6  # longer alternate names are not indexed: news text never spells them out
# Row layout of the packaged file and of the index files (see build.py):
#   kind id cc admin1_code admin2_code name lat lon population key|key|...  (first key: the name's own)

# Entry tuple layout (tuples keep 300k entries small and fast to build).
KIND, ID, CC, A1, A2, NAME, LAT, LON, POP = range(9)


def default_index_dir() -> Path:
    from incidents import config  # the config module reads the environment each call

    return config.data_dir() / "gazetteer"


@dataclass
class Gazetteer:
    entries: list[tuple] = field(default_factory=list)
    names: dict[str, list[int]] = field(default_factory=dict)
    units: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (cc, a1, a2) -> entry
    by_id: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add_row(self, cols: list[str]) -> None:
        kind, ident, cc, a1, a2, name, lat, lon, pop = cols[:9]
        keys = cols[9].split("|") if len(cols) > 9 and cols[9] else [key(name)]
        entry = (kind, ident, cc, a1, a2, name, float(lat) if lat else None, float(lon) if lon else None,
                 int(pop or 0))
        old = self.by_id.get(ident)
        if old is not None:
            # a dump row replaces the packaged row of the same GeoNames id; its old names keep pointing here
            idx = old
            self.entries[idx] = entry
        else:
            idx = len(self.entries)
            self.entries.append(entry)
            self.by_id[ident] = idx
        if kind != "P":
            self.units[(cc, a1, a2 if kind == "A2" else "")] = idx
        for k in keys:
            if not k:
                continue
            bucket = self.names.get(k)
            if bucket is None:
                self.names[k] = [idx]
            elif idx not in bucket:
                bucket.append(idx)

    def load_file(self, path: Path) -> int:
        opener = gzip.open if path.suffix == ".gz" else open
        n = 0
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 9:
                    self.add_row(cols)
                    n += 1
        self.sources.append(str(path))
        return n

    def unit(self, cc: str, a1: str, a2: str = "") -> tuple | None:
        idx = self.units.get((cc, a1, a2))
        return self.entries[idx] if idx is not None else None


_lock = threading.Lock()
_cache: Gazetteer | None = None


def index_files(index_dir: Path) -> list[Path]:
    if not index_dir.is_dir():
        return []
    return sorted(p for p in index_dir.iterdir() if p.name.endswith(".tsv.gz") and not p.name.startswith("."))


def load(index_dir: str | os.PathLike | None = None) -> Gazetteer:
    # Building ~800k small objects triggers the cyclic collector over and over for nothing (none are garbage):
    # pausing it makes loading about a third faster, and freezing afterwards keeps later collections in the
    # extractor from walking the whole gazetteer again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        g = Gazetteer()
        g.load_file(PACKAGED)
        for path in index_files(Path(index_dir) if index_dir else default_index_dir()):
            g.load_file(path)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return g


def get() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _cache
    if _cache is None:
        with _lock:
            if _cache is None:
                _cache = load(os.environ.get("INCIDENTS_GAZETTEER_DIR") or None)
    return _cache


def reload() -> None:
    """Forget the loaded gazetteer; the next call to get() reads the files again."""
    global _cache
    with _lock:
        _cache = None
