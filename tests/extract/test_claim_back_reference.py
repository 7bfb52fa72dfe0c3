"""A claim of responsibility for "the attack" completes the incident already told; it does not start a new one."""
import pytest

from incidents.extract import extract_article

CASES = [
    ("MOPTI, April 8 - Gunmen killed nine soldiers on Sunday in an ambush on an army patrol near Dialloube, military "
     "sources said. Ansarul Islam claimed the attack in a statement on Tuesday, saying its fighters had seized two "
     "vehicles and a stock of weapons."),
    ("MOPTI, 8 avril - Des hommes armés ont tué neuf soldats dimanche dans une embuscade contre une patrouille près "
     "de Dialloubé, selon des sources militaires. Le JNIM a revendiqué l'attaque mardi, affirmant que ses combattants "
     "avaient saisi deux véhicules et un stock d'armes."),
]


@pytest.mark.parametrize("text", CASES)
def test_claim_sentence_joins_the_incident(text):
    rows = [r for r in extract_article({"id": "c", "text": text, "published_at": "2025-04-08T09:00:00Z"})
            if r["kind"] == "event"]
    assert len(rows) == 1
    assert rows[0]["event_date"] == "2025-04-06"
    assert rows[0]["fatalities"] == 9
    assert rows[0]["claimed_by"]


def test_a_claim_that_tells_its_own_toll_is_still_an_event():
    text = ("NIAMEY, May 3 - The Islamic State claimed the attack on Thursday that killed 12 soldiers at an army post "
            "in Tillia, the group's news agency said.")
    rows = [r for r in extract_article({"id": "d", "text": text, "published_at": "2025-05-03T09:00:00Z"})
            if r["kind"] == "event"]
    assert len(rows) == 1 and rows[0]["fatalities"] == 12
