"""The in-memory gazetteer: entries (admin units and places) and a name-key -> entries dictionary.

Loaded once per process on first use from the packaged `data/gazetteer.tsv.gz` plus every country file that
`load_dump` wrote into the local index directory (villages from full GeoNames dumps). `reload()` drops the cache;
`load_dump` calls it so the same process sees what it loaded.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import marshal
import os
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from incidents.geo.text import key

PACKAGED = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
MAX_NAME_TOKENS = 6  # longer alternate names are not indexed: news text never spells them out
# Row layout of the packaged file and of the index files (see build.py):
#   kind id cc admin1_code admin2_code name lat lon population key|key|...|~loose|...
# (first key: the name's own; keys with a leading "~" are loose keys, see text.loose)

# Entry tuple layout (tuples keep 300k entries small and fast to build).
KIND, ID, CC, A1, A2, NAME, LAT, LON, POP = range(9)


def default_index_dir() -> Path:
    from incidents import config  # the config module reads the environment each call

    return config.data_dir() / "gazetteer"


_intern = sys.intern


@dataclass
class Gazetteer:
    """Entries and name tables. A name bucket is one entry index (most names are unique) or a tuple of them:
    half a million one-element lists would cost some 70 MB (see `candidates`)."""
    entries: list[tuple] = field(default_factory=list)
    names: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    loose: dict[str, int | tuple[int, ...]] = field(default_factory=dict)  # text.loose(key) -> entries
    units: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (cc, a1, a2) -> entry
    # GeoNames id -> entry, kept only while loading: a dump row replaces the packaged row of the same id
    by_id: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def candidates(self, k: str) -> tuple[int, ...]:
        """The entries named `k` (exact lookup key)."""
        return _bucket(self.names.get(k))

    def loose_candidates(self, k: str) -> tuple[int, ...]:
        """The entries whose loose key (`text.loose`) is `k`."""
        return _bucket(self.loose.get(k))

    def add_row(self, cols: list[str], *, check_id: bool = True) -> None:
        kind, ident, cc, a1, a2, name, lat, lon, pop = cols[:9]
        keys = cols[9].split("|") if len(cols) > 9 and cols[9] else [key(name)]
        # the codes repeat hundreds of thousands of times: one shared string each
        entry = (_intern(kind), ident, _intern(cc), _intern(a1), _intern(a2), name,
                 float(lat) if lat else None, float(lon) if lon else None, int(pop or 0))
        old = self.by_id.get(ident) if check_id else None
        if old is not None:
            # a dump row replaces the packaged row of the same GeoNames id; its old names keep pointing here
            idx = old
            self.entries[idx] = entry
        else:
            idx = len(self.entries)
            self.entries.append(entry)
            if check_id:
                self.by_id[ident] = idx
        if kind != "P":
            self.units[(entry[CC], entry[A1], entry[A2] if kind == "A2" else "")] = idx
        for k in keys:
            if not k:
                continue
            if k[0] == "~":  # a loose key (text.loose): only a second try
                d, k = self.loose, k[1:]
            else:
                d = self.names
            bucket = d.get(k)
            if bucket is None:
                d[k] = idx
            elif type(bucket) is int:
                if bucket != idx:
                    d[k] = (bucket, idx)
            elif idx not in bucket:
                d[k] = (*bucket, idx)

    def load_file(self, path: Path, *, check_id: bool = True) -> int:
        opener = gzip.open if path.suffix == ".gz" else open
        n = 0
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 9:
                    self.add_row(cols, check_id=check_id)
                    n += 1
        self.sources.append(str(path))
        return n

    def unit(self, cc: str, a1: str, a2: str = "") -> tuple | None:
        idx = self.units.get((cc, a1, a2))
        return self.entries[idx] if idx is not None else None


def _bucket(b) -> tuple[int, ...]:
    if b is None:
        return ()
    return (b,) if type(b) is int else b


_lock = threading.Lock()
_cache: Gazetteer | None = None


def index_files(index_dir: Path) -> list[Path]:
    if not index_dir.is_dir():
        return []
    return sorted(p for p in index_dir.iterdir() if p.name.endswith(".tsv.gz") and not p.name.startswith("."))


CACHE_FORMAT = 2  # bump when the in-memory layout changes


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    for f in files:
        st = f.stat()
        h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        entries, names, loose, units, by_id, sources = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return Gazetteer(entries, names, loose, units, by_id, sources)


def _write_cache(path: Path, g: Gazetteer) -> None:
    """Best effort: a read-only data directory only costs the next process a parse."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("gazetteer-*.marshal"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gaz", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump((g.entries, g.names, g.loose, g.units, g.by_id, g.sources), f)
        os.chmod(tmp, 0o644)  # other users of the data directory (Airflow workers) may read it
        os.replace(tmp, path)
    except OSError:
        pass


def load(index_dir: str | os.PathLike | None = None, *, use_cache: bool = True) -> Gazetteer:
    """The packaged gazetteer plus every country file of the index directory.

    Parsing the text files takes a few seconds; the parsed tables are also kept as a marshal file under
    `<index_dir>/.cache/`, named by the size and modification time of every input, so the next process loads
    them about three times faster and any change to the inputs (a new dump) is a new name.
    """
    index = Path(index_dir) if index_dir else default_index_dir()
    files = [PACKAGED, *index_files(index)]
    cache = index / ".cache" / f"gazetteer-{_fingerprint(files)}.marshal"
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        g = _read_cache(cache) if use_cache and cache.exists() else None
        if g is None:
            g = _parse(files)
            if use_cache:
                _write_cache(cache, g)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return g


def _parse(files: list[Path]) -> Gazetteer:
    # Building ~800k small objects triggers the cyclic collector over and over for nothing (none are garbage):
    # the caller pauses it, which makes loading about a third faster, and freezes the result afterwards so later
    # collections in the extractor do not walk the whole gazetteer again and again.
    g = Gazetteer()
    for n, path in enumerate(files):
        if n == 1:
            # only a dump can repeat a GeoNames id: the id table is built when the first dump comes
            g.by_id = {e[ID]: i for i, e in enumerate(g.entries)}
        g.load_file(path, check_id=n > 0)
    g.by_id = {}  # not needed once loaded (about 25 MB)
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
