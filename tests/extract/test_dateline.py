"""Datelines name when a dispatch was filed; the event's own date and toll come from the story."""
import pytest

from incidents.extract import extract_article
from incidents.extract.dateline import dateline_spans


@pytest.mark.parametrize("text", [
    "BAMAKO, March 10 (Reuters) - Soldiers",
    "NIAMEY, 19 mars (AFP) – L'armée",
    "OUAGADOUGOU, Burkina Faso, Jan. 5, 2024 (AP) — Gunmen",
    "KIDAL, 3 March - Rebels",
])
def test_datelines_are_recognised(text):
    (span,) = dateline_spans(text)
    assert span[0] == 0 and text[span[1] - 1] in "-–—"


@pytest.mark.parametrize("text", ["On March 10, gunmen attacked a post.", "Mali: on 10 March - a raid", "In GAO, 3 people"])
def test_ordinary_sentences_are_not_datelines(text):
    assert dateline_spans(text) == []


def _one(text, published="2025-03-10T08:15:00Z"):
    rows = [r for r in extract_article({"id": "d", "title": "", "text": text, "published_at": published,
                                        "language": "en"}) if r["kind"] == "event"]
    assert rows
    return rows[0]


def test_weekday_in_story_wins_over_dateline_date():
    row = _one("GAO, March 10 (Sahel Wire) - Gunmen killed four herders near Ansongo on Saturday, officials said.")
    assert row["event_date"] == "2025-03-08"


def test_dateline_day_is_not_a_death_toll():
    row = _one("GAO, March 10 (Sahel Wire) - Gunmen killed four herders near Ansongo, officials said.")
    assert row["fatalities"] == 4
