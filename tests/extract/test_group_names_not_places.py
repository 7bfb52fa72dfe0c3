"""A place word inside a named group's own name is part of the name, not the event's location."""
import pytest

from incidents.extract import extract_article

CASES = [
    (("OUAGADOUGOU, March 13 - Two members of the Volunteers for the Defence of the Homeland (VDP) were killed on "
     "Tuesday in an attack on Arbinda, a security source said."), "Homeland"),
    (("OUAGADOUGOU, 13 mars - Deux membres des Volontaires pour la défense de la patrie (VDP) ont été tués mardi lors "
     "d'une attaque contre Arbinda, selon une source sécuritaire."), "patrie"),
]


@pytest.mark.parametrize("text,name_word", CASES)
def test_location_is_not_taken_from_a_group_name(text, name_word):
    rows = [r for r in extract_article({"id": "g", "text": text, "published_at": "2025-03-14T08:00:00Z"})
            if r["kind"] == "event"]
    assert rows
    for row in rows:
        assert row["country"] == "Burkina Faso"
        assert (row["location"] or "").lower() != name_word.lower()
        assert row["location"] in ("Arbinda", "Aribinda")
