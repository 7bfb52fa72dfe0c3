"""One article in, incident rows out: the composition of segmentation, dates, places, actors, types and counts.

`extract_article(article)` returns incident dicts per the extraction contract (shared eval README): events
(`kind: "event"`) and aggregate statements (`kind: "aggregate"`, with countries and period). Every row carries
evidence (a span of article["text"]), a confidence and the extractor version.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from . import actors as actors_mod
from .actors import ActorMention, find_actors, generic_name, with_country
from .countries import country_for, international_outlet, outlet_country
from .dateline import dateline_spans
from .dates import DateMention, find_dates, parse_published
from .deployments import group_area, theatres
from .event_types import classify, cues_in, detect_cues
from .fatalities import count_fatalities, find_deaths, for_sub_event
from .frontlines import holding
from .places import choose_place, locate
from .roles import assign_roles, associates, bomb_layer, counter_protest, defender, is_speaker, mutual_clash
from .segment import SEGMENT_GROUPS, Segment, label, segment
from .sentences import split_sentences
from .sources import (
    claimed_by,
    crime_hallmark,
    identified_as,
    in_background,
    reported_by,
    state_claim,
    suspected_by,
)
from .units import with_unit
from .version import EXTRACTOR_VERSION

_CIVILIAN_TYPES = {("Violence against civilians", s) for s in ("Attack", "Sexual violence",
                                                                 "Abduction/forced disappearance")}


def extract_article(article: dict) -> list[dict]:
    """Incident rows for one article (possibly none)."""
    text = article.get("text") or ""
    if not text.strip():
        return []
    # cheap necessary condition first: a segment needs a sentence labelled "event" (an eventful cue group) or
    # "aggregate" (a death phrase); most news articles have neither and need no dates, actors or places
    all_cues = detect_cues(text)
    deaths = find_deaths(text)
    if not deaths and not any(g in all_cues for g in SEGMENT_GROUPS):
        return []
    published = parse_published(article.get("published_at"))
    pub_day = (published or dt.datetime.now(dt.UTC)).date()
    sents = split_sentences(text)
    dates = find_dates(text, published)
    # each recogniser runs once over the whole text; sentences and segments take their slice
    all_mentions = find_actors(text)
    hint = _actor_country_hint(all_mentions, text)
    places = _outside_group_names(
        locate(text, country_hint=hint, fallback_country=None if hint else _source_country(article)), all_mentions)
    # a dateline says where the correspondent is; one nationality word ("Russian mercenaries") says less
    article_country = _dominant_country(places, text) or hint or _dateline_country(text) or \
        _nationality_country(text) or _source_country(article)
    labels, deadly = [], []
    for s in sents:
        own_dates = [d for d in dates if s.start <= d.start < s.end]
        countries = {p.country for p in places if s.start <= p.start < s.end and p.country}
        own_deaths = [d for d in deaths if s.start <= d.start < s.end]
        labels.append(label(s, own_dates, len(countries), cues_in(all_cues, s.start, s.end), own_deaths))
        deadly.append(bool(own_deaths))
    segments = segment(sents, dates, labels, deadly)
    rows = []
    for k, seg in enumerate(segments):
        # a claim of responsibility may follow the incident's sentences ("JNIM claimed responsibility."): it
        # belongs to the incident until the next one starts
        claim_end = next((s.start for s in segments[k + 1:]), len(text))
        if seg.kind == "aggregate":
            row = _aggregate_row(article, text, seg, places, pub_day)
        else:
            row = _event_row(article, text, seg, places, article_country, dates, pub_day,
                             cues_in(all_cues, seg.start, seg.end), all_mentions,
                             [d for d in deaths if any(s.start <= d.start < s.end for s in seg.sentences)],
                             claim_end)
        if row is not None:
            rows.append(row)
    return rows


_NATIONALITY = re.compile(r"\b[A-Z][a-zé]{3,}\b")


def _nationality_country(text: str) -> str | None:
    """A country implied by nationality words ("Venezuelan migrants", "Palestinians", "the Malian opposition")
    when no place or force names one: the one named most, the first on ties. Title-case words of four letters
    or more only, so that codes and initials ("MP", "TS") are not read as countries."""
    counts: Counter = Counter()
    for m in _NATIONALITY.finditer(text):
        c = country_for(m.group(0))
        if c is not None:
            counts[c.name] += 1
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)  # insertion order breaks ties: the first named wins


def _outside_group_names(places: list, mentions: list[ActorMention]) -> list:
    """Drop place matches that lie inside a named group's own name ("Volunteers for the Defence of the Homeland",
    "Jama'at Nusrat al-Islam", "Katiba Macina"): the name says who acted, not where."""
    names = [(m.start, m.end) for m in mentions if m.kind == "named"]
    if not names:
        return places
    return [p for p in places if not any(s <= p.start and p.end <= e for s, e in names)]


_DATELINE_DATE = re.compile(r",\s*(?:[A-Za-zéû]{3,10}\.?\s+\d|\d)")


def _dateline_country(text: str) -> str | None:
    """The country of a wire dispatch's dateline city ("GAO, Mali, June 7 -", "NIAMEY, 19 mars -") when nothing in
    the story names one: correspondents file from the country they report on."""
    spans = dateline_spans(text)
    if not spans:
        return None
    head = text[spans[0][0]:spans[0][1]]
    cut = _DATELINE_DATE.search(head)
    where = head[:cut.start()] if cut else head
    found = [p for p in locate(where.strip().title()) if getattr(p, "country", None)]
    return found[0].country if found else None


def _source_country(article: dict) -> str | None:
    """Last resort: the home of a national outlet ("Studio Tamani", "Mali Web"); national outlets report mostly
    domestic events. Only used when neither the text's places nor its actors name a country, and by the gazetteer
    to settle homonyms ("Tripoli") in a text that names no country at all."""
    source = article.get("source") or ""
    if not isinstance(source, str) or not source.strip():
        return None
    parts = [p.strip() for p in source.replace(";", ",").split(",") if p.strip() and not international_outlet(p)]
    # a national outlet known by name ("Studio Tamani", "Lefaso.net", "El Pitazo"; data/outlets.yaml) first:
    # international agencies and platforms are not listed and say nothing
    for part in parts:
        home = outlet_country(part)
        if home:
            return home
    for part in parts:
        found = [p for p in locate(part) if getattr(p, "level", "") == "country" and p.country]
        if found:
            return found[0].country
    return None


def _actor_country_hint(mentions: list[ActorMention], text: str = "") -> str | None:
    """The country the actors imply ("FAMa", "Houthi forces", "Nigerien soldiers"): the one named most, first on ties.

    Home countries of armed groups are only hints: the gazetteer's places outrank them. A force deployed abroad
    ("MINUSMA", "Barkhane") points to its theatre; the soldiers serving in it ("German soldiers of MINUSMA",
    "French Barkhane forces") say nothing of where the story is."""
    deployed = theatres(text)
    # a regional armed group ("ISGS", "ISWAP") likewise says the story is in its area
    deployed += [(m.start, m.end, area) for m in mentions if (area := group_area(m.name))]
    telling = [m for m in mentions if _tells_country(m)]
    if deployed:
        area = {c for _s, _e, t in deployed for c in t}
        telling = [m for m in telling if m.country in area or m.kind not in ("military", "police", "named")]
    order = [(m.start, m.country) for m in telling]
    for s, _e, t in deployed:
        # a mission over several countries ("Barkhane", "MNJTF") defers to a force of one of them ("Nigerien
        # soldiers"); alone, it points to its usual country
        if not any(m.country in t for m in telling):
            order.append((s, t[0]))
    order.sort()
    counts = Counter(c for _s, c in order)
    if not counts:
        return None
    first = [c for _s, c in order]
    return max(counts, key=lambda c: (counts[c], -first.index(c)))


def _tells_country(m: ActorMention) -> bool:
    """Whether a mention's home country says where the story is: a force named by one ordinary word
    ("gendarmerie", "junta") does not."""
    return bool(m.country) and m.kind not in ("civilians", "protesters", "rioters") and \
        not actors_mod.names_no_country(m.text)


def _dominant_country(places: list, text: str, prefer: str | None = None) -> str | None:
    """The article's main country: most named, ties to the earliest; places outweigh country names."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for p in places:
        c = getattr(p, "country", None)
        if not c:
            continue
        counts[c] += 1 if getattr(p, "level", "country") == "country" else 2
        first.setdefault(c, p.start)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], c == prefer, -first[c]))


def _event_date(seg: Segment, dates: list[DateMention], pub_day: dt.date) -> tuple[dt.date, int]:
    if seg.date is not None:
        return seg.date.date, seg.date.precision
    # no date in the incident's own sentences: the article's first specific date before it, else the day
    # before publication (news reports what happened up to the previous day)
    earlier = [d for d in dates if d.start < seg.start and d.precision == 1]
    if earlier:
        return earlier[0].date, earlier[0].precision
    return pub_day - dt.timedelta(days=1), 2


def _country_of(place, seg_mentions: list[ActorMention], article_country: str | None) -> str | None:
    if place is not None and getattr(place, "country", None):
        return place.country
    if article_country:
        return article_country
    for m in seg_mentions:
        if _tells_country(m):
            return m.country
    return None


def _event_row(article, text, seg: Segment, places, article_country, dates, pub_day, cues,
               all_mentions, seg_deaths, claim_end: int | None = None) -> dict | None:
    seg_text = seg.text(text)
    head = seg.sentences[0]
    seg_places = [p for p in places if seg.start <= p.start < seg.end]
    # the incident's country: what its own sentences name (places count double), the article's as tie-break
    seg_country = _dominant_country(seg_places, text, prefer=article_country) or article_country
    place = choose_place(places, (seg.start, seg.end), seg_country)
    inside = [m for m in all_mentions if seg.start <= m.start < seg.end]
    country = _country_of(place, inside, article_country)
    if place is not None and country and getattr(place, "country", None) not in (None, country):
        place = None
    if country is None:
        return None  # the contract requires a country; an incident we cannot place is not emitted
    mentions = [with_country(m, country) for m in inside]
    head_mentions = [m for m in mentions if head.start <= m.start < head.end]
    a1, a2, how = assign_roles(text[head.start:head.end], [_shift(m, -head.start) for m in head_mentions])
    a1 = _shift(a1, head.start) if a1 else None
    a2 = _shift(a2, head.start) if a2 else None
    if a1 is None and len(seg.sentences) > 1:
        b1, b2, bhow = assign_roles(seg_text, [_shift(m, -seg.start) for m in mentions])
        b1 = _shift(b1, seg.start) if b1 else None
        b2 = _shift(b2, seg.start) if b2 else None
        if a2 is None:
            a1, a2, how = b1, b2, bhow
        elif b1 is not None and b1.name != a2.name:
            a1 = b1  # the head sentence found the target ("army convoy ambushed"); keep it
    casualty = _armed_casualty(text, mentions, a1)
    if casualty is not None and a1 is None and _ATTACKER_NOUN.fullmatch(casualty.text or ""):
        a1 = casualty  # "All four attackers were killed": the attacking side fell, it was not the target
    elif casualty is not None and (a2 is None or a2.kind == "civilians") and (a1 is None or casualty.name != a1.name):
        a2 = casualty  # "... two police agents were also killed": the armed party that was hit
    if a1 is None and how != "weapon":
        # the incident's sentences name only victims ("a number of people were injured"): the agent is the armed
        # actor the article named before them ("the army opened fire on refugees. ... people were injured")
        a1 = _earlier_agent(text, all_mentions, seg, a2, country)
    victims_civilian = any(m.kind == "civilians" for m in mentions)
    typed = classify(cues, a1, a2, victims_civilian, crowd_agent=how in ("active", "between") and _is_group(a1),
                     armed_casualties=casualty is not None)
    if typed is None:
        return None
    event_type, sub_type = typed
    if event_type == "Battles" and "off_duty" in cues and a2 is not None and a2.kind in ("military", "police") and \
            "direct_fire" not in cues:
        # a soldier or policeman killed off duty or at home was not in a battle: ACLED codes him as a civilian
        event_type, sub_type = typed = ("Violence against civilians", "Attack")
        a2 = ActorMention(-1, -1, generic_name("civilians", country), actors_mod.CIVILIANS, "civilians")
    if sub_type == "Arrests" and a1 is not None and a1.inter in (2, 3, 4) and a1.kind in ("named", "armed", "islamist") \
            and a1.start >= seg.start:
        # (a group named only before the incident, "... the Santa Rosa de Lima gang fight for control. Two suspects
        # were arrested", did not make the arrests)
        # only states arrest in ACLED's terms: people "arrested" by a non-state group are abducted
        event_type, sub_type = typed = ("Violence against civilians", "Abduction/forced disappearance")
    a1, a2 = _normalise_actors(event_type, sub_type, a1, a2, mentions, country, "civilian_target" in cues,
                               [with_country(m, country) for m in all_mentions], "looting" in cues,
                               [m for m in mentions if is_speaker(text, m)])
    if sub_type in ("Change to group/activity", "Headquarters or base established"):
        a2 = None  # a group moving, deploying or setting up acts on no one: ACLED leaves actor2 empty
    if sub_type == "Remote explosive/landmine/IED" and a2 is None and a1 is not None and how != "premature" and \
            a1.kind in ("named", "military", "police", "civilians") and not bomb_layer(text, a1):
        # "an IED exploded when QSD passed": the only side named is the one hit; who planted it is unknown
        a1, a2 = ActorMention(-1, -1, generic_name("armed", country), actors_mod.POLITICAL, "armed"), a1
    if event_type in ("Protests", "Riots") and a2 is None and a1 is not None and \
            a1.kind in ("protesters", "rioters") and counter_protest(text[seg.start:seg.end + 300]):
        a2 = a1  # counter-demonstrators (named here or in the next sentence) are the crowd's other side
    if event_type == "Riots" and a1 is not None and a1.kind == "rioters" and mutual_clash(seg_text):
        a2 = a1  # "two groups clashed with each other": rioters on both sides
    if "seizure" in cues and sub_type == "Looting/property destruction" and a1 is not None and \
            a1.kind in ("military", "police") and (a2 is None or a2.kind == "civilians"):
        # the owners of seized drugs or contraband are smugglers, coded as a gang
        a2 = ActorMention(-1, -1, f"Unidentified Gang ({country})", 3, "armed")
    if ("criminal" in cues or crime_hallmark(seg_text, a1)) and event_type != "Riots":
        # unnamed perpetrators (and armed opponents) of criminal violence are coded as a gang
        a1 = _as_gang(a1, country)
        a2 = _as_gang(a2, country)
    claimant = claimed_by(seg_text, [_shift(m, -seg.start) for m in mentions])
    if claimant is None and claim_end is not None and claim_end > seg.end:
        tail = [with_country(m, country) for m in all_mentions if seg.start <= m.start < claim_end]
        claimant = claimed_by(text[seg.start:claim_end], [_shift(m, -seg.start) for m in tail])
    if claimant and (a1 is None or a1.kind in ("armed", "islamist")):
        # an unidentified perpetrator is the group that claimed the attack
        a1 = ActorMention(-1, -1, claimant, 2, "named")
    elif a1 is None or a1.kind in ("armed", "islamist"):
        # "... an IED, likely planted by AQIM militants": the group the text suspects stands for the unnamed one
        near = [with_country(m, country) for m in all_mentions if seg.start <= m.start < (claim_end or seg.end)]
        suspect = suspected_by(text[seg.start:claim_end or seg.end], [_shift(m, -seg.start) for m in near])
        if suspect is not None and (a2 is None or suspect.name != a2.name):
            a1 = suspect
    a1, a2 = _identified(text, seg, claim_end, all_mentions, country, a1, a2)
    if sub_type in _STRIKES and (a1 is None or a1.kind in ("armed", "islamist") or
                                 a1.name == generic_name("unknown_military", None)):
        a1 = _claiming_state(text, seg, claim_end, all_mentions, country, a2) or a1
    fat = for_sub_event(count_fatalities(seg_text, seg_deaths), sub_type)
    date, precision = _event_date(seg, dates, pub_day)
    row = _base_row(article, "event", date, precision, country, place, seg, text)
    _fill_admin(row, seg_places or places, country)
    a1, a2 = actors_mod.by_convention(a1, a2, country, date, row.get("admin1"), seg_text)
    # (here rather than in by_convention: reading who repelled an attack is the roles module's, which imports actors)
    if country in actors_mod.DEFENDER_FIRST and a1 is not None and a2 is not None:
        held = defender(seg_text, [_shift(m, -seg.start) for m in mentions])
        if held is not None and held.name == a2.name != a1.name:
            a1, a2 = a2, a1
    # a force named by a bare noun takes the one unit the article names ("the Military Police carried out an
    # operation ... A shoot-out between police officers and drug traffickers broke out")
    a1, a2 = with_unit(a1, text, (0, len(text))), with_unit(a2, text, (0, len(text)))
    a1, a2 = _across_the_line(row, _numbered_name(text, place), country, date, event_type, a1, a2)
    row.update({
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": associates(text, a1, a2, mentions, country),
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": associates(text, a2, a1, mentions, country),
        "inter1": a1.inter if a1 else None,
        "inter2": a2.inter if a2 else None,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "fatalities": fat.value,
        "fatalities_low": fat.low,
        "fatalities_high": fat.high,
        "fatalities_text": fat.text,
        "civilian_targeting": bool((event_type, sub_type) in _CIVILIAN_TYPES or (a2 and a2.kind == "civilians")),
        "claimed_by": claimant,
        "reported_by": reported_by(seg_text),
    })
    row["interaction"] = _interaction(row["inter1"], row["inter2"])
    row["confidence"] = _confidence(seg, place, how, a1, fat, typed)
    return row


def _numbered_name(text: str, place) -> str | None:
    """The text's name of a place with the number that tells its parts apart ("Zolote-5", "Zolote-4")."""
    if place is None or getattr(place, "start", -1) < 0:
        return None
    num = re.match(r"-\d{1,2}\b", text[place.end:place.end + 4])
    return text[place.start:place.end] + (num.group(0) if num else "")


def _across_the_line(row: dict, name: str | None, country, date, event_type, a1, a2):
    """A place on a front line (frontlines.py): its region is the one the front data gives, and fire that no side
    is named for came from across the line ("explosions near Komsomolets"), the holder being the other party of
    an exchange."""
    # the text's own name first: "Zolote-5" is not the Zolote the gazetteer knows
    held = holding(name, country, date) or holding(row.get("location"), country, date)
    if held is None:
        return a1, a2
    if row.get("admin1") != held.admin1:
        # a homonym elsewhere in the country matched the name: keep the name, not its region or coordinates
        row.update({"admin1": held.admin1, "admin2": None, "latitude": None, "longitude": None, "geo_precision": 3})
    unnamed = generic_name("armed", country)
    if event_type not in ("Battles", "Explosions/Remote violence") or (a1 is not None and a1.name != unnamed) or \
            (a2 is not None and a2.name != unnamed):
        return a1, a2
    a1 = ActorMention(-1, -1, held.other[0], held.other[1], "named")
    a2 = ActorMention(-1, -1, held.holder[0], held.holder[1], "named") if event_type == "Battles" else None
    return a1, a2


_GROUP_NOUN = re.compile(r"(?:s|people|men|women|children|youth|crowd|mob|folk|staff|personnel|population|famille)$",
                         re.IGNORECASE)


def _is_group(m: ActorMention | None) -> bool:
    """Whether a mention names several people ("locals", "a group of workers"), as a mob needs to be."""
    return m is not None and bool(_GROUP_NOUN.search((m.text or m.name).strip()))


# the mention is the subject of a death or injury: "were (also) killed", "(, two police agents,) were wounded",
# or a counted group followed straight by the toll word ("4 soldiers killed", "3 militants dead")
_HIT_PASSIVE = re.compile(r"^\s*(?:,[^,.;]{0,50},\s*)?(?:were|was|have been|had been|got|ont été|a été)\s+"
                          r"(?:also\s+|reportedly\s+|later\s+|all\s+)?(?:killed|wounded|injured|neutrali[sz]ed|shot dead|"
                          r"found dead|tués?|blessés?|neutralisés?)\b", re.IGNORECASE)
_HIT_BARE = re.compile(r"^\s+(?:killed|dead|died|wounded|injured|tués?|blessés?)\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"(?:\b\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several|a|an|un|une|deux|"
                           r"trois))\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)


# nouns that name the side by its having attacked
_ATTACKER_NOUN = re.compile(r"(?:the\s+)?(?:attackers?|assailants?|assaillants?|attaquants?)", re.IGNORECASE)


def _armed_casualty(text: str, mentions: list[ActorMention], agent) -> ActorMention | None:
    """An armed party of the incident reported killed or wounded ("12 Taliban militants ... were killed",
    "two police agents were also killed"): casualties on an armed side mean an armed clash, not an attack on
    civilians. Returns the first such mention."""
    for m in mentions:
        if m.kind not in ("named", "military", "police", "armed", "islamist"):
            continue
        after = text[m.end:m.end + 80]
        if _HIT_PASSIVE.match(after) or (_HIT_BARE.match(after) and _COUNT_BEFORE.search(text[max(0, m.start - 30):m.start])):
            return m
    return None


def _earlier_agent(text, all_mentions, seg: Segment, target, country) -> ActorMention | None:
    """The last armed actor named before the incident's sentences that is not its target."""
    # a group named in a sentence about the area's or the war's habits ("... has for years been the scene of the
    # X gang's fight for control") did nothing in this incident
    before = [m for m in all_mentions if m.end <= seg.start and m.kind in ("named", "military", "police", "armed",
                                                                           "islamist") and not in_background(text, m)]
    for m in reversed(before):
        m = with_country(m, country)
        if target is None or m.name != target.name:
            return m
    return None


def _normalise_actors(event_type, sub_type, a1, a2, mentions, country, civilian_target=False, article_mentions=None,
                      property_hit=False, speakers=None):
    """Fill ACLED's conventions: crowds for protests and riots, civilians as victims, unnamed perpetrators."""
    crowd = next((m for m in mentions if m.kind in ("civilians", "protesters", "rioters")), None)

    def generic(kind):
        # the first crowd or victim named keeps its own nationality ("Ethiopian refugees protested")
        own = crowd.country if crowd is not None and kind in ("civilians", "protesters", "rioters") else None
        return ActorMention(-1, -1, generic_name(kind, own or country), actors_mod.INTER_OF_KIND[kind], kind)

    def force_in(ms):
        return next((m for m in ms if m.kind in ("police", "military")), None)

    if event_type == "Protests":
        a1 = generic("protesters")
        a2 = force_in(mentions) if sub_type != "Peaceful protest" else None
        if sub_type != "Peaceful protest" and a2 is None:
            a2 = generic("police")
        return a1, a2
    if event_type == "Riots":
        if a1 is not None and a1.kind in ("police", "military") and a2 is not None:
            a1, a2 = a2, a1  # "rioters were dispersed by police": the crowd is actor1
        if a1 is None or a1.kind not in ("rioters", "named"):
            a1 = generic("rioters")
        if a2 is not None and a2.kind == "civilians":
            return a1, generic("civilians")  # the crowd's own victims ("locals beat a man"), not the police called in
        # the target of a riot: the forces it fought, else the victims of a mob, else nobody
        force = force_in(mentions)
        if force is not None:
            return a1, force
        if sub_type == "Mob violence":
            victims = next((m for m in mentions if m.kind == "civilians"), None)
            if victims or property_hit:
                return a1, generic("civilians")
            return a1, None
        # shops, banks and homes a riot damages belong to civilians
        return a1, (generic("civilians") if property_hit else None)
    if a1 is not None and a1.kind in ("civilians", "protesters", "rioters") and a2 is not None and \
            a2.kind in ("named", "military", "police", "armed", "islamist"):
        a1, a2 = a2, a1  # victims named first ("civilians were killed ... by gunmen")
    if event_type == "Violence against civilians":
        if a1 is None or a1.kind == "civilians":
            a1 = next((m for m in mentions if m.kind in ("named", "armed", "islamist", "military", "police")), None) \
                or generic("armed")
        if a2 is None or a2.kind != "civilians":
            a2 = generic("civilians")
        return a1, a2
    if sub_type == "Arrests" and (a1 is None or a1.kind not in ("military", "police")):
        # arrests are made by state forces: the force the incident (else the article) names, else the police
        arrested = a1
        a1 = force_in(mentions) or force_in(article_mentions or []) or generic("police")
        if a2 is None and arrested is not None and arrested.name != a1.name:
            a2 = arrested
    if a1 is None:
        a1 = generic("armed")
    civilian_hit = any(m.kind == "civilians" for m in mentions) or civilian_target
    if a2 is None and (sub_type in ("Looting/property destruction", "Arrests") or
                       (event_type == "Explosions/Remote violence" and civilian_hit)):
        a2 = generic("civilians")  # property and bystanders belong to civilians unless a force is named
    if event_type == "Battles" and a1.kind == "civilians":
        a1 = generic("armed")
    if event_type == "Battles" and a2 is not None and a2.kind == "civilians":
        a2 = None  # a battle's other side is armed: another armed side named, else an unnamed one
    if event_type == "Battles" and a2 is None:
        # the side that fought, not the one that reported ("..., police said. Gunmen exchanged fire with security
        # forces")
        armed = [m for m in mentions if m.name != a1.name and m.kind in ("named", "military", "police", "armed", "islamist")]
        a2 = next((m for m in armed if not (speakers and m in speakers)), None) or next(iter(armed), None)
    # a battle has two sides and a foiled weapon belonged to someone: unnamed ones are unidentified armed groups
    if a2 is None and (event_type == "Battles" or
                       (sub_type == "Disrupted weapons use" and a1.kind in ("military", "police"))):
        a2 = generic("armed")
    if event_type == "Explosions/Remote violence" and a2 is not None and a2.name == a1.name:
        a2 = None
    if event_type == "Explosions/Remote violence" and a1.kind == "civilians" and a2 is None:
        # "Air strikes hit the port, killing three workers": the workers were hit; whoever struck is unnamed here
        a1, a2 = generic("armed"), a1
    return a1, a2


def _fill_admin(row: dict, places: list, country: str | None) -> None:
    """Admin levels the gazetteer left empty, from the admin units the text names ("(Douentza, Mopti)")."""
    for level in ("admin1", "admin2"):
        if row.get(level):
            continue
        unit = next((p for p in places if getattr(p, "level", "") == level and getattr(p, "country", None) == country),
                    None)
        if unit is not None:
            row[level] = getattr(unit, level, None) or getattr(unit, "location", None)


def _unnamed(m: ActorMention | None) -> bool:
    return m is not None and m.kind in ("armed", "islamist") and m.name.startswith("Unidentified Armed Group")


def _identified(text, seg: Segment, claim_end, all_mentions, country, a1, a2):
    """An unidentified side named later in the incident's account ("It said the militants belonged to ...")."""
    if not (_unnamed(a1) or _unnamed(a2)):
        return a1, a2
    end = max(seg.end, claim_end or seg.end)
    near = [with_country(m, country) for m in all_mentions if seg.start <= m.start < end]
    named = identified_as(text[seg.start:end], [_shift(m, -seg.start) for m in near])
    if named is None or named.name in (a1 and a1.name, a2 and a2.name):
        return a1, a2
    named = _shift(named, seg.start)
    return (named, a2) if _unnamed(a1) else (a1, named)


_STRIKES = ("Air/drone strike", "Shelling/artillery/missile attack")


def _claiming_state(text, seg: Segment, claim_end, all_mentions, country, a2) -> ActorMention | None:
    """The state force that says, in the incident's sentences or those after it, that it carried out the strike."""
    end = max(seg.end, claim_end or seg.end)
    near = [with_country(m, country) for m in all_mentions if seg.start <= m.start < end]
    state = state_claim(text[seg.start:end], [_shift(m, -seg.start) for m in near])
    if state is None or (a2 is not None and state.name == a2.name):
        return None
    return _shift(state, seg.start)


def _as_gang(m: ActorMention | None, country: str | None) -> ActorMention | None:
    if m is None or m.kind != "armed" or not m.name.startswith("Unidentified Armed Group"):
        return m
    return ActorMention(m.start, m.end, f"Unidentified Gang ({country or 'International'})", 3, "armed")


def _aggregate_row(article, text, seg: Segment, places, pub_day) -> dict:
    seg_text = seg.text(text)
    countries = []
    for p in places:
        if seg.start <= p.start < seg.end and p.country and p.country not in countries:
            countries.append(p.country)
    fat = count_fatalities(seg_text)
    cues = detect_cues(seg_text)
    typed = classify(cues) or ("Strategic developments", "Other")
    period_start = seg.date.date.isoformat() if seg.date else None
    row = _base_row(article, "aggregate", pub_day, 3, countries[0] if len(countries) == 1 else
                    (countries[0] if countries else None), None, seg, text)
    row.update({
        "countries": countries, "period_start": period_start, "period_end": pub_day.isoformat(),
        "actor1": None, "assoc_actor_1": None, "actor2": None, "assoc_actor_2": None,
        "inter1": None, "inter2": None, "interaction": None,
        "event_type": typed[0], "sub_event_type": typed[1],
        "fatalities": fat.value, "fatalities_low": fat.low, "fatalities_high": fat.high,
        "fatalities_text": fat.text, "civilian_targeting": False, "claimed_by": None,
        "reported_by": reported_by(seg_text), "confidence": 0.5,
    })
    return row


def _base_row(article, kind, date, precision, country, place, seg, text) -> dict:
    iso3 = None
    if place is not None and getattr(place, "country", None) == country:
        iso3 = getattr(place, "iso3", None)
    if iso3 is None and country:
        from .countries import country_for
        c = country_for(country)
        iso3 = c.iso3 if c else None
    specific = place is not None and getattr(place, "level", "country") != "country"
    return {
        "article_id": article.get("id"),
        "kind": kind,
        "event_date": date.isoformat(),
        "date_precision": precision,
        "country": country,
        "iso3": iso3,
        "admin1": getattr(place, "admin1", None) if specific or getattr(place, "level", "") == "admin1" else None,
        "admin2": getattr(place, "admin2", None) if specific else None,
        "location": getattr(place, "location", None) if specific else None,
        "latitude": getattr(place, "latitude", None) if specific else None,
        "longitude": getattr(place, "longitude", None) if specific else None,
        "geo_precision": getattr(place, "geo_precision", None) if specific else None,
        "evidence": {"start": seg.start, "end": seg.end, "text": text[seg.start:seg.end]},
        "extractor_version": EXTRACTOR_VERSION,
    }


def _interaction(i1, i2) -> int | None:
    if i1 is None:
        return None
    a, b = sorted([i1, i2 or 0])
    return int(f"{a}{b}") if a else int(f"{b}0")


def _confidence(seg, place, how, a1, fat, typed) -> float:
    c = 0.35
    c += 0.15 if seg.date is not None and seg.date.precision == 1 else 0.05
    c += 0.15 if place is not None and getattr(place, "level", "country") != "country" else 0.0
    c += {"between": 0.15, "passive": 0.15, "active": 0.12, "noun-by": 0.15, "order": 0.05}.get(how, 0.0)
    c += 0.1 if a1 is not None and a1.kind == "named" else 0.0
    c += 0.05 if fat.text else 0.0
    return round(min(c, 0.95), 2)


def _shift(m: ActorMention | None, by: int) -> ActorMention | None:
    if m is None or m.start < 0:
        return m
    from dataclasses import replace
    return replace(m, start=m.start + by, end=m.end + by)
