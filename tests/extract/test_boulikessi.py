"""The worked example the project started from (read from ../shared/examples when present; never copied)."""
import json
from pathlib import Path

import pytest

from incidents.extract import extract_article

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
pytestmark = pytest.mark.skipif(not (EXAMPLES / "boulikessi_expected.json").exists(),
                                reason="shared examples not available")
FIELDS = ["event_date", "country", "iso3", "location", "actor1", "actor2", "event_type", "sub_event_type",
          "fatalities"]


@pytest.fixture(scope="module")
def result():
    spec = json.loads((EXAMPLES / "boulikessi_expected.json").read_text(encoding="utf-8"))
    article = dict(spec["article"])
    article["text"] = (EXAMPLES / article.pop("text_file")).read_text(encoding="utf-8")
    return spec, article, extract_article(article)


def test_both_events_and_nothing_else(result):
    spec, _, rows = result
    events = [r for r in rows if r["kind"] == "event"]
    assert len(events) == len(spec["expected_events"])
    for exp, got in zip(spec["expected_events"], sorted(events, key=lambda r: r["event_date"])):
        assert {f: got[f] for f in FIELDS} == {f: exp[f] for f in FIELDS}
        for key in ("claimed_by", "reported_by"):
            if key in exp:
                assert got[key] == exp[key]


def test_aggregate_statement(result):
    spec, _, rows = result
    aggs = [r for r in rows if r["kind"] == "aggregate"]
    exp = spec["expected_aggregates"][0]
    assert len(aggs) == 1
    assert aggs[0]["fatalities"] == exp["fatalities"]
    assert aggs[0]["countries"] == exp["countries"]
    assert aggs[0]["period_start"] == exp["period_start"]
    assert exp["text"].split(" since")[0] in aggs[0]["evidence"]["text"]


def test_must_not_produce(result):
    _, article, rows = result
    text = article["text"]
    for r in rows:
        assert r["country"] not in ("Nigeria", "Chad")
        span = text[r["evidence"]["start"]:r["evidence"]["end"]]
        assert "press conference" not in span and "withdrawal of French" not in span


# One line of GeoNames' Mali dump (ML.txt) in its 19-column format, as `incidents gazetteer load ML.txt` would load
# it: Boulkessi is a village below cities500's population floor, so only the full country dump has it.
BOULKESSI = ["2460001", "Boulkessi", "Boulkessi", "Boulikessi,Boulkessy", "14.7953", "-1.3181", "P", "PPL", "ML", "",
             "04", "", "", "", "0", "", "280", "Africa/Bamako", "2023-01-05"]


@pytest.fixture
def mali_dump_loaded(tmp_path, monkeypatch):
    from incidents.geo import load_dump, store

    dump = tmp_path / "ML.txt"
    dump.write_text("\t".join(BOULKESSI) + "\n", encoding="utf-8")
    monkeypatch.setenv("INCIDENTS_GAZETTEER_DIR", str(tmp_path / "gazetteer"))
    load_dump(str(dump), index_dir=str(tmp_path / "gazetteer"))
    store.reload()
    yield
    monkeypatch.delenv("INCIDENTS_GAZETTEER_DIR")
    store.reload()


def test_places_from_gazetteer(mali_dump_loaded):
    spec = json.loads((EXAMPLES / "boulikessi_expected.json").read_text(encoding="utf-8"))
    article = dict(spec["article"])
    article["text"] = (EXAMPLES / article.pop("text_file")).read_text(encoding="utf-8")
    events = sorted((r for r in extract_article(article) if r["kind"] == "event"), key=lambda r: r["event_date"])
    assert len(events) == len(spec["expected_events"])
    for exp, got in zip(spec["expected_events"], events):
        # the report keeps the article's spelling or the gazetteer's name for the same place
        assert got["location"] in {exp["location"], "Boulkessi"}
        assert (got["admin1"], got["admin2"]) == (exp["admin1"], exp["admin2"])
        assert abs(got["latitude"] - exp["latitude_approx"]) < 0.1
        assert abs(got["longitude"] - exp["longitude_approx"]) < 0.1
