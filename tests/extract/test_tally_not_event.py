"""A monitor's tally of many events is a summary, not one incident."""
import pytest

from incidents.extract import extract_article


@pytest.mark.parametrize("text", [
    ("NIAMEY, June 2 - A human rights group said it had documented more than 40 attacks on schools in the Tillaberi "
     "region during May. It counted dozens of clashes between armed groups and the army over the same month."),
    ("NIAMEY, 2 juin - Une ONG a recensé plus de 40 attaques contre des écoles dans la région de Tillabéri en mai. "
     "Elle a aussi comptabilisé des dizaines d'affrontements entre groupes armés et armée au cours du mois."),
])
def test_tally_sentences_give_no_event(text):
    rows = extract_article({"id": "t", "text": text, "published_at": "2025-06-02T09:00:00Z"})
    assert [r for r in rows if r["kind"] == "event"] == []


def test_an_incident_with_its_own_toll_is_kept():
    text = ("NIAMEY, June 2 - Gunmen killed seven villagers on Sunday in Tillaberi region, and the local authorities "
            "recorded three attacks on the village in the past year.")
    rows = [r for r in extract_article({"id": "u", "text": text, "published_at": "2025-06-02T09:00:00Z"})
            if r["kind"] == "event"]
    assert len(rows) == 1 and rows[0]["fatalities"] == 7
