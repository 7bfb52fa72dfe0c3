"""Fatality rules of issue 4 (who died, shared tolls, uncertain counts), from our own sentences."""
import pytest

from incidents.extract.fatalities import count_fatalities, for_sub_event


@pytest.mark.parametrize("text,value", [
    # counted attackers, buildings and animals are not the dead
    ("Three gunmen killed a farmer near the well.", 1),
    ("Trois hommes armés ont tué un berger.", 1),
    ("Two gunmen shot and killed a trader in the market.", 1),
    ("The raiders burned 20 huts and killed 15 cattle.", 0),
    ("Des assaillants ont tué 30 têtes de bétail.", 0),
    ("The army killed 15 militants and left 13 depots burnt.", 15),
    # tolls in telegraphic style are still tolls
    ("12 villagers killed in attack on Yoro", 12),
    ("8 killed, 2 vehicles destroyed.", 8),
    ("leaving 5 people dead", 5),
    # a count that mixes deaths with other outcomes is no known death
    ("Four militants were killed, injured or captured during the operation.", 0),
    ("Quatre soldats ont été tués ou blessés.", 0),
    # ranges, one adjective before "fatalities", clauses inside the victims
    ("The gunmen opened fire, killing between 2 and 4 fighters.", 2),
    ("The offensive resulted in 6 rebel fatalities.", 6),
    ("15 insurgents including a commander were killed.", 15),
    ("Five members of the gang (the Red Command) died in the shoot-out.", 5),
    ("seven soldiers and a civilian driver were killed by the blast", 8),
    ("sept soldats et un civil ont été tués", 8),
    # verbs of killing that name the manner
    ("1 police officer was shot and killed.", 1),
    ("Border guards shot two men to death.", 2),
    ("Two more soldiers succumbed to their wounds.", 2),
    ("Deux soldats ont succombé à leurs blessures.", 2),
    # one victim, whatever the noun
    ("Militia commander Ag Ibrahim was killed in Kidal by gunmen.", 1),
    ("Army officer killed by unknown gunmen", 1),
    ("A prisoner died in custody.", 1),
    ("The police beat the man and he died in hospital.", 1),
    ("A suspect was shot in the chest and died.", 1),
    ("A village chief was attacked and beaten to death.", 1),
    ("Un soldat a été tué à Gao.", 1),
    ("He shot dead his cousin.", 1),
    # two counted groups, with or without an auxiliary
    ("13 militia members and one suspected rebel fighter were killed in the attack.", 14),
    ("One assailant and one customs officer killed in the shootout.", 2),
    ("Un assaillant et un douanier tués dans l'échange de tirs.", 2),
    ("Two men suspected of theft were fatally assaulted by residents.", 2),
    ("Young man beheaded by militants near the village.", 1),
    # negations
    ("A man was held and nearly lynched by residents.", 0),
    ("No one was killed in the attack.", 0),
    ("Not one soldier died.", 0),
    ("The soldier was wounded but not killed.", 0),
])
def test_who_died(text, value):
    assert count_fatalities(text).value == value


@pytest.mark.parametrize("text,value", [
    ("Unknown number of fatalities coded as 10 and split up between 3 events.", 3),
    ("Nine soldiers were killed. Fatalities split between two events.", 5),  # shares rounded half up
    ("7 militants were killed. Fatalities are split across 4 events.", 2),
    ("Le bilan de 12 morts est réparti entre 3 localités.", 4),
    ("Nine soldiers were killed in two villages.", 9),
])
def test_a_toll_shared_by_several_events(text, value):
    assert count_fatalities(text).value == value


def test_protests_without_excessive_force_carry_no_deaths():
    f = count_fatalities("Residents protested after a youth was killed by unknown men.")
    assert f.value == 1
    assert for_sub_event(f, "Peaceful protest").value == 0
    assert for_sub_event(f, "Protest with intervention").value == 0
    assert for_sub_event(f, "Excessive force against protesters").value == 1
    assert for_sub_event(f, "Violent demonstration").value == 1
