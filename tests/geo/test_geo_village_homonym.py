"""A name the text calls a village is no foreign city or region of that name when the text points elsewhere.
Sentences written for these tests."""
from incidents.geo import locate


def place(text, hint=None, fallback=None):
    (p,) = [m for m in locate(text, hint, fallback_country=fallback) if m.level != "country"]
    return p


def test_village_of_a_hinted_country_is_not_a_foreign_city_of_that_name():
    p = place("Militants burned the village of Kara on Tuesday.", "Mali")
    assert (p.country, p.location) == ("Mali", "Kara")
    p = place("Des militants ont incendié le village de Kara mardi.", "Mali")
    assert (p.country, p.location) == ("Mali", "Kara")
    p = place("Militants burned Kara village on Tuesday.", "Mali")
    assert p.country == "Mali"


def test_without_other_evidence_the_gazetteer_entry_stays():
    assert place("Militants burned the village of Kara on Tuesday.").country == "Togo"


def test_a_fallback_country_only_counts_when_the_text_names_none():
    assert place("Protesters blocked a road in Tripoli.", fallback="Lebanon").country == "Lebanon"
    assert place("Protesters blocked a road in Tripoli.").country == "Libya"
    assert place("Libyan protesters blocked a road in Tripoli.", fallback="Lebanon").country == "Libya"


def test_a_region_spelled_another_way_stays_in_its_country_when_only_foreign_forces_name_another():
    # the forces' nationality (and the actor hint it gives) does not make "Ar-Raqqa" a Turkish village
    p = place("Turkish forces shelled a village in the countryside of Ar-Raqqa.", "Turkey")
    assert p.country == "Syria"
    p = place("Les forces turques ont bombardé un village dans la campagne d'Ar-Raqqa.", "Turkey")
    assert p.country == "Syria"


def test_a_loose_region_match_does_not_override_a_country_the_text_is_about():
    # a Lebanese outlet's story naming an unknown town: no Albanian region "Durrës" for "Douris"
    p = place("Soldiers stopped protesters at the roundabout in the town of Douris.", fallback="Lebanon")
    assert (p.country, p.location) == ("Lebanon", "Douris")
