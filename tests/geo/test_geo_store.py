"""The gazetteer's on-disk cache: same content as a parse, and a new input file is never served stale."""
import gzip

from incidents.geo import store


def test_cache_round_trip_and_invalidation(tmp_path):
    index = tmp_path / "gazetteer"
    parsed = store.load(index, use_cache=False)
    first = store.load(index)  # parses and writes the cache
    assert len(list((index / ".cache").glob("gazetteer-*.marshal"))) == 1
    cached = store.load(index)  # reads the cache
    assert cached.entries == parsed.entries == first.entries and cached.names == parsed.names
    assert cached.units == parsed.units

    # a country file appears: the cache key changes and the new place is seen
    row = "P\t990001\tML\t04\t\tZanfarakoun\t14.5\t-3.5\t0\tzanfarakoun"
    with gzip.open(index / "ML.tsv.gz", "wt", encoding="utf-8") as f:
        f.write(row + "\n")
    fresh = store.load(index)
    assert "zanfarakoun" in fresh.names and "zanfarakoun" not in cached.names
    assert len(list((index / ".cache").glob("gazetteer-*.marshal"))) == 1  # the stale cache was removed
