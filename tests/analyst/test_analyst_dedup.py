"""Cross-source deduplication through the real loader: several outlets' reports of one event become one incident
linked to every article; different events stay apart; later articles revise an incident in place, with history."""
from __future__ import annotations

import pytest

from tests.analyst.analyst_support import add_article, add_gazetteer_place, all_rows, at, event, load, scalar

JNIM = "JNIM: Group for Support of Islam and Muslims"
MALI_ARMY = "Military Forces of Mali (2021-)"

TEXT_A = ("Militants stormed the army camp at Boulkessi on Sunday, killing at least 32 soldiers, security sources "
          "said. JNIM claimed the assault.")
TEXT_B = ("Gunmen attacked a military post in Boulikessi, in the Douentza area, on Sunday. The army said 30 of its "
          "men died.")
TEXT_C = ("The al-Qaeda affiliate JNIM said it had seized the Boulkessi base on Sunday; local officials put the "
          "death toll at 41.")


def _three_outlets(db):
    a = add_article(db, "camp-attack", "Sahel Wire", at(2, 8), TEXT_A)
    b = add_article(db, "military-post", "Bamako Daily", at(2, 11), TEXT_B)
    c = add_article(db, "base-seized", "Radio Douentza", at(2, 19), TEXT_C, language="fr")
    load(db, a, [event(a, TEXT_A[:60], location="Boulkessi", admin2="Douentza", actor1=JNIM, actor2=MALI_ARMY,
                       sub_event_type="Non-state actor overtakes territory", fatalities=32,
                       fatalities_text="at least 32 soldiers")])
    load(db, b, [event(b, TEXT_B[:60], location="Boulikessi", admin2="Douentza",
                       actor1="Unidentified Armed Group (Mali)", actor2="Military Forces of Mali", fatalities=30,
                       fatalities_text="30 of its men")])
    load(db, c, [event(c, TEXT_C[:60], location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY,
                       sub_event_type="Non-state actor overtakes territory", fatalities=41)])
    return a, b, c


@pytest.mark.parametrize("gazetteer_knows_it", [True, False])
def test_three_outlets_one_attack_become_one_incident(db, gazetteer_knows_it):
    if gazetteer_knows_it:
        add_gazetteer_place(db, 9000001, "Boulikessi", ["Boulkessi", "Boulkessy"], 14.7953, -1.3181,
                            admin1="Mopti", admin2="Douentza")
    a, b, c = _three_outlets(db)

    incidents = all_rows(db, "SELECT * FROM incidents")
    assert len(incidents) == 1
    inc = incidents[0]
    links = all_rows(db, "SELECT article_id FROM incident_articles WHERE incident_id = %s ORDER BY article_id",
                     (inc["incident_id"],))
    assert [r["article_id"] for r in links] == sorted([a, b, c])
    assert inc["fatalities"] == 30                      # the lowest figure of the same reporting day
    assert inc["fatalities_text"] == "30 of its men"
    assert inc["sources"] == "Sahel Wire; Bamako Daily; Radio Douentza"
    assert inc["article_count"] == 3
    assert inc["actor1"] == JNIM                        # a named group beats "unidentified"
    assert inc["sub_event_type"] == "Non-state actor overtakes territory"   # two reports of three
    if gazetteer_knows_it:
        # the gazetteer's spelling, though two of three outlets wrote "Boulkessi"; its coordinates filled in
        assert inc["location"] == "Boulikessi"
        assert (round(inc["latitude"], 2), round(inc["longitude"], 2)) == (14.80, -1.32)
    else:
        assert inc["location"] == "Boulkessi"           # without a gazetteer entry, the common spelling
        assert inc["latitude"] is None

    matches = all_rows(db, "SELECT * FROM incident_matches ORDER BY report_id")
    assert [m["decision"] for m in matches] == ["new", "joined", "joined"]
    assert all(m["score"] >= 0.55 for m in matches[1:])
    assert any("same day" in r for r in matches[1]["reasons"])
    assert any("place name" in r for r in matches[1]["reasons"])
    # the view analysts read lists every source with its evidence sentence
    sources = all_rows(db, "SELECT outlet_name, article_url, evidence_sentence FROM incident_sources "
                           "WHERE incident_id = %s ORDER BY published_at", (inc["incident_id"],))
    assert [s["outlet_name"] for s in sources] == ["Sahel Wire", "Bamako Daily", "Radio Douentza"]
    assert sources[0]["evidence_sentence"] == TEXT_A[:60]


def test_attack_and_protest_in_one_town_on_one_day_stay_apart(db):
    x = add_article(db, "market-attack", "Sahel Wire", at(2), "Gunmen killed four traders at Sevare market.")
    y = add_article(db, "youth-march", "Bamako Daily", at(2, 12), "Young people marched in Sevare against "
                    "insecurity.")
    z = add_article(db, "two-clashes", "Radio Douentza", at(2, 15), "Dozo hunters fought ISGS fighters in "
                    "Sevare.")
    common = {"location": "Sevare", "latitude": 14.5167, "longitude": -4.1, "admin2": "Mopti"}
    load(db, x, [event(x, event_type="Violence against civilians", sub_event_type="Attack",
                       actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)", fatalities=4,
                       civilian_targeting=True, **common)])
    load(db, y, [event(y, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)",
                       **common)])
    # same place, day and type as nothing above, but a battle with other named actors than the next one
    load(db, z, [event(z, actor1="Dan Na Ambassagou", actor2="Islamic State (Greater Sahara)", fatalities=2,
                       **common)])
    w = add_article(db, "army-clash", "Sahel Wire", at(2, 18), "Soldiers fought JNIM fighters near Sevare.")
    load(db, w, [event(w, actor1=JNIM, actor2=MALI_ARMY, fatalities=1, **common)])

    incidents = all_rows(db, "SELECT event_type, actor1 FROM incidents ORDER BY incident_id")
    assert [i["event_type"] for i in incidents] == ["Violence against civilians", "Protests", "Battles", "Battles"]
    rejected = all_rows(db, "SELECT rejected FROM incident_matches WHERE decision = 'new' ORDER BY report_id")
    assert any("different event types" in " ".join(r["reasons"]) for r in rejected[1]["rejected"])
    assert any("actor in common" in " ".join(r["reasons"]) for r in rejected[3]["rejected"])


def test_reports_from_one_article_never_merge(db):
    a = add_article(db, "two-raids", "Sahel Wire", at(2), "Two separate raids hit Boulkessi on Sunday.")
    load(db, a, [event(a, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=3),
                 event(a, location="Boulkessi", actor1=JNIM, actor2="Civilians (Mali)",
                       event_type="Battles", sub_event_type="Armed clash", fatalities=1)])
    assert scalar(db, "SELECT count(*) FROM incidents") == 2
    # a second outlet's report of the first raid joins exactly one of them
    b = add_article(db, "raid", "Bamako Daily", at(2, 14), "A raid on the Boulkessi camp killed three soldiers.")
    load(db, b, [event(b, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=3)])
    assert scalar(db, "SELECT count(*) FROM incidents") == 2
    assert scalar(db, "SELECT max(article_count) FROM incidents") == 2


def test_later_article_revises_the_toll_in_place_with_history(db):
    first = add_article(db, "first", "Sahel Wire", at(2, 8), "Twelve soldiers were killed in Boulkessi.")
    load(db, first, [event(first, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=12,
                           fatalities_text="twelve soldiers")])
    incident_id = scalar(db, "SELECT incident_id FROM incidents")

    later = add_article(db, "toll-rises", "Bamako Daily", at(4, 10),
                        "The toll of Sunday's attack in Boulkessi rose to 25, the army said.")
    load(db, later, [event(later, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=25,
                           fatalities_text="rose to 25")])
    inc = all_rows(db, "SELECT * FROM incidents")
    assert len(inc) == 1 and inc[0]["incident_id"] == incident_id
    assert inc[0]["fatalities"] == 25
    history = all_rows(db, "SELECT * FROM incident_revisions WHERE incident_id = %s AND field = 'fatalities'",
                       (incident_id,))
    assert [(h["old_value"], h["new_value"]) for h in history] == [("12", "25")]
    assert history[0]["article_id"] == later and "Bamako Daily" in history[0]["reason"]
    assert "reporting day" in history[0]["reason"]

    # a still later outlet repeating the first, lower figure does not lower the toll
    stale = add_article(db, "weekly-roundup", "Radio Douentza", at(6, 10),
                        "Last Sunday twelve soldiers died in Boulkessi.")
    load(db, stale, [event(stale, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=12)])
    assert scalar(db, "SELECT fatalities FROM incidents") == 25
    assert scalar(db, "SELECT count(*) FROM incident_revisions WHERE field = 'fatalities'") == 1
    # the revised-toll example query finds it
    assert scalar(db, "SELECT revision FROM incidents") == 3   # created, then one change per joining article


def test_re_extraction_keeps_the_incident_id(db):
    a = add_article(db, "story", "Sahel Wire", at(2), "Clashes in Boulkessi left five dead.")
    load(db, a, [event(a, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=5)])
    incident_id = scalar(db, "SELECT incident_id FROM incidents")
    # a new extractor spells the place differently: a new report key, the same event
    load(db, a, [event(a, location="Boulikessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=6)])
    assert [r["incident_id"] for r in all_rows(db, "SELECT incident_id FROM incidents")] == [incident_id]
    assert scalar(db, "SELECT fatalities FROM incidents") == 6
    assert scalar(db, "SELECT count(*) FROM incident_reports") == 1


def test_a_day_apart_merges_only_within_one_news_cycle(db):
    """An overnight attack dated to Sunday by one outlet and Monday by another is one event; the same parties
    fighting at the same place again the next day, reported a day later, is another."""
    first = add_article(db, "overnight", "Sahel Wire", at(2, 7), "Overnight, JNIM attacked the Boulkessi camp.")
    load(db, first, [event(first, location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY, fatalities=4)])
    same = add_article(db, "monday", "Bamako Daily", at(2, 15), "On Monday JNIM attacked the Boulkessi camp.")
    load(db, same, [event(same, event_date="2025-06-02", location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY,
                          fatalities=4)])
    assert scalar(db, "SELECT count(*) FROM incidents") == 1
    # a report two days later of Monday's fighting: the incident (dated Sunday) was reported in another cycle
    again = add_article(db, "monday-again", "Radio Douentza", at(4, 9), "Fighting resumed at Boulkessi on Monday.")
    load(db, again, [event(again, event_date="2025-06-02", location="Boulkessi", actor1=JNIM, actor2=MALI_ARMY,
                           fatalities=2)])
    assert scalar(db, "SELECT count(*) FROM incidents") == 2
    rejected = all_rows(db, "SELECT rejected FROM incident_matches WHERE report_id = "
                            "(SELECT max(report_id) FROM incident_reports)")[0]["rejected"]
    assert "news cycle" in " ".join(rejected[0]["reasons"])
