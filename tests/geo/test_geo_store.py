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


def test_name_buckets_are_compact_and_a_dump_row_replaces_its_packaged_row(tmp_path):
    g = store.Gazetteer()
    g.add_row(["P", "1", "ML", "04", "", "Kona", "14.9", "-3.9", "5000", "kona|~kuna"], check_id=False)
    g.add_row(["P", "2", "CI", "01", "", "Kona", "7.2", "-5.5", "900", "kona"], check_id=False)
    assert g.candidates("kona") == (0, 1) and g.loose_candidates("kuna") == (0,) and g.candidates("x") == ()
    assert type(g.names["kona"]) is tuple and type(g.loose["kuna"]) is int  # one index needs no container
    # a later file (a dump) may repeat a GeoNames id: its row replaces the earlier one, names keep pointing to it
    packaged = tmp_path / "a.tsv"
    packaged.write_text("P\t7\tML\t04\t\tBoulkessi\t14.0\t-1.5\t0\tboulkessi\n", encoding="utf-8")
    dump = tmp_path / "ML.tsv"
    dump.write_text("P\t7\tML\t04\t0406\tBoulkessi\t14.01\t-1.51\t0\tboulkessi|boulikessi\n", encoding="utf-8")
    parsed = store._parse([packaged, dump])
    assert len(parsed.entries) == 1 and parsed.entries[0][store.A2] == "0406"
    assert parsed.candidates("boulikessi") == parsed.candidates("boulkessi") == (0,)
    assert parsed.by_id == {}  # the id table is only needed while loading
