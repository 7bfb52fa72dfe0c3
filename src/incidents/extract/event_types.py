"""ACLED event type and sub-event type of an incident, from cue phrases (data/event_cues.yaml) and its actors.

`detect_cues(text)` says which cue groups a passage contains; `classify(cues, actor1, actor2)` applies
ACLED's priority order: protests and riots by who acted and how, remote violence by weapon (chemical, air,
suicide, shelling, IED, grenade), territory changing hands only when control is taken, violence against
civilians when the target is civilian, otherwise an armed clash; then the strategic developments.
"""
from __future__ import annotations

import functools
import re

from .lexicon import load
from .prefilter import match_prefixes, may_match, scan, start_grams
from .textutil import fold, fold_pattern

REMOTE_ORDER = [("chemical", "Chemical weapon"), ("air", "Air/drone strike"), ("suicide", "Suicide bomb"),
                ("shelling", "Shelling/artillery/missile attack"), ("ied", "Remote explosive/landmine/IED"),
                ("grenade", "Grenade")]
ARMED_KINDS = {"named", "military", "police", "armed", "islamist"}
NON_STATE_ARMED = {"named", "armed", "islamist"}
REMOTE_GROUPS = ("chemical", "air", "suicide", "shelling", "ied", "grenade")
_DISRUPTABLE = REMOTE_GROUPS + ("violence", "battle", "firearm")


@functools.lru_cache(maxsize=1)
def _cue_regexes() -> dict[str, re.Pattern]:
    out = {}
    for group, patterns in load("event_cues").items():
        # acronym-like cues (IED, UAV, MLRS) stay case-sensitive through inline flags in their own alternation
        out[group] = re.compile(_CUE_START + r"(?:" + "|".join(f"(?:{fold_pattern(p)})" for p in patterns) + r")(?![\w])")
    return out


_CUE_START = r"(?<![\w-])"  # every cue regex opens with it: matches start only where it holds


@functools.lru_cache(maxsize=1)
def _cue_prefixes() -> dict[str, dict[int, frozenset[str]] | None]:
    return {group: match_prefixes(rx) for group, rx in _cue_regexes().items()}


def detect_cues(text: str) -> dict[str, list[re.Match]]:
    """Cue group -> matches in text (only groups that matched)."""
    found = {}
    low = fold(text)  # patterns are folded too: same matches as IGNORECASE, much faster
    # most groups' words are absent from a given article: one pass over the word starts tells which scans can
    # be skipped (a group runs whenever one of its possible opening letters occurs at a word start)
    grams = start_grams(low, _CUE_START)
    prefixes = _cue_prefixes()
    for group, rx in _cue_regexes().items():
        if not may_match(prefixes[group], grams):
            continue
        ms = [m for m in scan(rx, low, prefixes[group], grams) if not negated(low, m.start())]
        if ms:
            found[group] = ms
    return found


# A cue the clause denies describes what did not happen ("there was no armed clash", "no one was killed", "no shots
# were fired", "aucun affrontement n'a eu lieu", "personne n'a été tué", "were not attacked"): like the death counts
# (fatalities.py), it must not make an event. The negation governs the cue only when nothing but a determiner's
# adjectives or a passive's auxiliaries stand between them ("no one claimed the attack" denies no attack).
_NEG_ADJ = (r"(?:armed|major|serious|further|real|direct|heavy|fresh|new|any|other|reported|significant|violent|"
            r"physical|deadly|fatal|large-scale|such|immediate|gun|exchange\s+of|reports?\s+of|signs?\s+of|"
            r"trace\s+of|record\s+of|véritable|nouvel(?:le)?|autres?|grave)\s+")
_NEG_AUX = r"(?:was|were|has|have|had|been|being|is|are|be|reportedly|immediately|yet|ever|n'|n’|ne|a|ont|avait|été|eu|y)\s*"
_NEGATED_CUE = re.compile(
    rf"(?:\b(?:no|without|aucune?s?|sans|nor|neither|pas\s+(?:de|d['’])|plus\s+(?:de|d['’]))\s*(?:{_NEG_ADJ}){{0,2}}"
    rf"|\b(?:no\s+one|no-one|nobody|none|personne|nul)\s+(?:{_NEG_AUX})*"
    # "no shots were fired", "no soldiers were hurt", "aucun soldat n'a été blessé": a denied subject and its verb
    rf"|\b(?:no|aucune?s?)\s+(?:[\w-]+\s+)?[\w-]+\s+(?:{_NEG_AUX})+"
    rf"|\b(?:not|never|n['’]t|pas|jamais)\s+(?!only\b)(?:{_NEG_AUX})*(?:(?:de|d['’])\s*(?:{_NEG_ADJ}){{0,2}})?)$")


def negated(low: str, start: int) -> bool:
    """Whether the cue starting at `start` of folded text is denied by its own clause."""
    return _NEGATED_CUE.search(low, max(0, start - 50), start) is not None


def cues_in(cues: dict, start: int, end: int) -> dict:
    """The cue matches of an article-level `detect_cues` result that fall inside [start, end)."""
    out = {}
    for group, ms in cues.items():
        inside = [m for m in ms if start <= m.start() < end]
        if inside:
            out[group] = inside
    return out


VIOLENT_GROUPS = ("battle", "violence", "air", "shelling", "ied", "suicide", "grenade", "chemical", "territory_taken",
                  "territory_regained", "abduction", "sexual")


def is_eventful(cues: dict) -> bool:
    """Whether a passage describes something ACLED would code at all."""
    return any(g in cues for g in VIOLENT_GROUPS + ("protest", "riot_violent", "mob", "arrests", "looting",
                                                    "disrupted", "agreement", "headquarters", "change", "seizure"))


def classify(cues: dict, actor1=None, actor2=None, victims_civilian: bool = False,
             crowd_agent: bool = False, armed_casualties: bool = False) -> tuple[str, str] | None:
    """(event_type, sub_event_type) or None when nothing codeable is described.

    `crowd_agent`: actor1 was read as the grammatical agent (not just the first name mentioned)."""
    k1 = getattr(actor1, "kind", None)
    k2 = getattr(actor2, "kind", None)
    state1 = k1 in ("military", "police") or getattr(actor1, "inter", 0) == 1
    armed_fight = any(g in cues for g in ("battle", "air", "shelling", "ied", "suicide", "territory_taken"))
    named_armed = k1 == "named" and getattr(actor1, "inter", 0) in (1, 2, 3, 8)

    if "protest" in cues and k1 in NON_STATE_ARMED and _blocked_by(cues, actor1):
        # gunmen who block a road to rob or abduct travellers are no demonstrators; an armed group that only
        # blocks a road or a convoy is a strategic development
        cues = {g: ms for g, ms in cues.items() if g != "protest"}
        if not is_eventful(cues):
            return "Strategic developments", "Other"
    # Protests and riots: crowds acting, unless an armed group is the one attacking
    if "protest" in cues and not (named_armed and armed_fight):
        if "riot_violent" in cues or "crowd_violence" in cues or \
                (crowd_agent and k1 in ("protesters", "civilians", "rioters") and _crowd_violence(cues)):
            # demonstrators who attack, storm or vandalise: a violent demonstration
            return "Riots", "Violent demonstration"
        if "excessive_force" in cues:
            return "Protests", "Excessive force against protesters"
        if "intervention" in cues:
            return "Protests", "Protest with intervention"
        if "mob" in cues and "violence" in cues:
            return "Riots", "Mob violence"
        return "Protests", "Peaceful protest"
    crowd = ("rioters", "protesters", "civilians")
    if "riot_violent" in cues and k1 not in ("rioters", "protesters") and not crowd_agent and "looting" in cues and \
            "mob" not in cues and _arson_only(cues):
        # a vehicle or building set on fire by a few people, with no crowd in sight: property destruction
        cues = {g: ms for g, ms in cues.items() if g != "riot_violent"}
    # the crowd may be the agent or, when the sentence is about the police response, the patient; a crowd
    # fighting state forces with stones or fire is a riot as long as no armed non-state party is named
    if "riot_violent" in cues and (k1 in (None, *crowd) or (k2 in crowd and k1 in ("police", "military")) or
                                   (k1 in ("police", "military") and k2 in (None, *crowd))):
        # ACLED: a violent *demonstration* needs a demonstration; a violent crowd without one is mob violence
        return "Riots", ("Violent demonstration" if _demonstration(cues) else "Mob violence")
    if "mob" in cues and (k1 in (None, *crowd) or (k2 in crowd and k1 in ("police", "military"))) and \
            not _guns_fought(cues):
        return "Riots", "Mob violence"
    # ordinary people (locals, workers, party members) who beat, attack or fight others without firearms are a
    # mob in ACLED's terms, and so are unarmed people fighting the police
    unarmed = "firearm" not in cues and not any(g in cues for g in REMOTE_GROUPS)
    # an "arson attack" by a few people harms property only: property destruction, not a mob
    property_only = "looting" in cues and "mob" not in cues and not _harms_people(cues)
    if unarmed and not property_only and ("battle" in cues or "violence" in cues) and (
            (crowd_agent and k1 == "civilians" and k2 not in NON_STATE_ARMED) or
            (k1 in ("police", "military") and k2 == "civilians" and _two_sided(cues))):
        return "Riots", "Mob violence"

    if "disrupted" in cues:
        # the weapon of a defused bomb or a seized cache was not used: it does not make the event remote violence
        spans = [m.span() for m in cues["disrupted"]]
        # nor does the shot that downed a drone ("shot down a drone") make it a shooting
        cues = {g: kept for g, kept in ((g, [m for m in ms if g not in _DISRUPTABLE or
                                              not any(a <= m.start() < b for a, b in spans)])
                                         for g, ms in cues.items()) if kept}
    if "disrupted" in cues and (not _harms_people(cues) or _premature(cues)):
        # a defused bomb or a seized cache; with people killed, the fighting is the event, unless the bomb killed its
        # own makers ("exploded prematurely")
        return "Strategic developments", "Disrupted weapons use"
    for group, sub in REMOTE_ORDER:
        if group in cues:
            # remote fire within ground fighting is a battle (ACLED's rule); grenade launchers alone are shelling
            if group in ("shelling", "grenade") and _ground_fire(cues):
                return "Battles", "Armed clash"
            # an air strike in support of ground fighting, or a bomb that opens an ambush, is part of the battle
            if group == "air" and (_two_sided(cues) or _ground_troops(cues)):
                return "Battles", "Armed clash"
            if group in ("ied", "suicide") and (_two_sided(cues) or _ground_assault(cues)):
                return "Battles", "Armed clash"
            return "Explosions/Remote violence", sub

    if "unopposed" in cues and ("territory_taken" in cues or "territory_regained" in cues) and not _harms_people(cues):
        # a town handed over or entered "without a fight": ground changed hands, but no battle was fought
        return "Strategic developments", "Non-violent transfer of territory"
    # ACLED: whatever the verb ("recaptured", "took control of"), ground taken by government forces is regained
    if ("territory_regained" in cues or "territory_taken" in cues) and state1:
        return "Battles", "Government regains territory"
    if "territory_taken" in cues and not state1 and k1 is not None:
        return "Battles", "Non-state actor overtakes territory"
    if "sexual" in cues:
        return "Violence against civilians", "Sexual violence"
    # ACLED ranks Attack above Abduction: people abducted and also killed, wounded or beaten were attacked, and an
    # abduction during a fight between armed parties is part of the battle
    # ... and so is one in an attack on an armed party's post ("attacked a CMA checkpoint, abducting two
    # combatants"): its fighters are no civilians
    armed_target = k2 in ("military", "police") or (k2 == "named" and getattr(actor2, "inter", 0) in (1, 2, 3, 4, 8))
    if "abduction" in cues and not _harms_people(cues) and not _two_sided(cues) and \
            not (armed_target and ("battle" in cues or "violence" in cues)):
        return "Violence against civilians", "Abduction/forced disappearance"
    # property taken in a fight between armed sides ("repelled the attack and seized two vehicles") is the battle's
    if "looting" in cues and not _harms_people(cues) and not _two_sided(cues):
        return "Strategic developments", "Looting/property destruction"
    if "battle" in cues or "violence" in cues:
        # an exchange of fire between armed parties is a battle even when bystanders die
        if "direct_fire" in cues and (k2 != "civilians" or k1 in ("named", "military", "police", "armed", "islamist")) and \
                _two_sided(cues):
            return "Battles", "Armed clash"
        if ("victim_armed" in cues or armed_casualties) and "civilian_target" not in cues:
            # armed victims, or casualties among the attackers: the target fought back
            return "Battles", "Armed clash"
        if k2 == "civilians" or (k2 is None and (victims_civilian or "civilian_target" in cues)):
            return "Violence against civilians", "Attack"
        # no armed opponent named and no sign of an exchange of fire: the target was not an armed party
        if k2 is None and "direct_fire" not in cues:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if "abduction" in cues:
        return "Violence against civilians", "Abduction/forced disappearance"
    if "seizure" in cues and (state1 or k1 is None):
        # drugs or contraband seized by the authorities: a seizure of property, even when arrests follow
        return "Strategic developments", "Looting/property destruction"
    if "arrests" in cues:
        return "Strategic developments", "Arrests"
    if "looting" in cues:
        return "Strategic developments", "Looting/property destruction"
    if "agreement" in cues:
        return "Strategic developments", "Agreement"
    if "headquarters" in cues:
        return "Strategic developments", "Headquarters or base established"
    if "change" in cues:
        return "Strategic developments", "Change to group/activity"
    return None


# people assaulted or fired on were attacked, whether or not anyone was hurt
_HARM = re.compile(r"kill|dead|died|shot|wound|injur|stab|beat|behead|execut|murder|massacr|tu[ée]|bless|mort|assassin|"
                   r"abatt|assault|opened fire|agress",
                   re.IGNORECASE)


_DEMONSTRATION = re.compile(r"riot|demonstrat|manifest|émeut|protest|tyres|tires|pneus|barricade", re.IGNORECASE)


_BLOCKADE = re.compile(r"block|barricad", re.IGNORECASE)


# "militants" are a party's activists as often as fighters ("des militants du parti ont bloqué la route")
_NOT_GUNMEN = re.compile(r"militants?", re.IGNORECASE)


def _blocked_by(cues: dict, actor) -> bool:
    """Whether the only sign of a protest is a road or building blocked, and the armed actor did the blocking
    ("Gunmen blocked the highway"; not "residents blocked the road after gunmen killed a farmer")."""
    end = getattr(actor, "end", -1)
    actor_blocks = getattr(actor, "start", -1) >= 0 and not _NOT_GUNMEN.fullmatch(getattr(actor, "text", "") or "")
    return all(_BLOCKADE.match(m.group(0)) and ((actor_blocks and 0 <= m.start() - end < 40) or
                                                 _ARMED_BLOCKERS.search(m.string, max(0, m.start() - 40), m.start()))
               for m in cues.get("protest", []))


_ARMED_BLOCKERS = re.compile(r"\b(?:gunm[ae]n|armed (?:men|individuals|groups?|bandits)|bandits|kidnappers|"
                             r"militiam[ae]n|militias?|rebels|insurgents|terrorists|jihadists|hommes armes|"
                             r"individus armes|groupes? armes?|terroristes|djihadistes|jihadistes)\s+(?:[\w'-]+\s+){0,3}$")


def _demonstration(cues: dict) -> bool:
    """Whether the violent crowd is described as rioting or demonstrating (burning tyres and barricades are the
    marks of a street demonstration), not just as a violent group."""
    return any(_DEMONSTRATION.search(m.group(0)) for m in cues.get("riot_violent", []))


_CROWD_VIOLENCE = re.compile(r"attack|assault|beat|storm|stoned|ransack|vandali|broke into|smash|lynch|attaqu|agress|"
                             r"saccag|frapp|lapid", re.IGNORECASE)


def _crowd_violence(cues: dict) -> bool:
    return any(_CROWD_VIOLENCE.search(m.group(0)) for g in ("battle", "violence", "looting", "mob")
               for m in cues.get(g, []))


def _harms_people(cues: dict) -> bool:
    return any(_HARM.search(m.group(0)) for g in ("violence", "battle") for m in cues.get(g, []))


# the groups fought with guns ("exchanged fire", "using firearms", "gunfire and sound bombs"): an armed fight
# between families or groups is a clash of militias, not a mob, whatever words of brawling it uses
_GUNS_USED = re.compile(r"exchang|échang|gunfire|gun ?battle|firearm|armed (?:fight|clash|brawl)|shooting|rifle|pistol|"
                        r"kalashnikov|ak-?47|grenade|armes? à feu|échange de tirs|fusil", re.IGNORECASE)


def _guns_fought(cues: dict) -> bool:
    return any(_GUNS_USED.search(m.group(0)) for m in cues.get("firearm", []))


def _two_sided(cues: dict) -> bool:
    """Direct fire that implies two armed sides (clashes, exchanges of fire), not one-sided shooting."""
    return any(re.search(r"clash|exchang|fight|fought|battle|firefight|shoot-?out|affront|accroch|combat|échange|"
                         r"repel|repuls|thwart|retaliat|returned fire|responded|react|ripost|repouss|direct fire|"
                         r"fired back|(?:shot|shooting|shoot|shoots) back|répliqu",
                         m.group(0), re.IGNORECASE) for m in cues.get("direct_fire", []))


_FIRE = re.compile(r"set |fire|ablaze|alight|torch|burn|molotov|petrol bomb|incendi", re.IGNORECASE)


def _arson_only(cues: dict) -> bool:
    """Whether all the riot evidence is fire-setting (no stones, barricades, rioting or clashes with police)."""
    return all(_FIRE.search(m.group(0)) and not _DEMONSTRATION.search(m.group(0)) for m in cues.get("riot_violent", []))


def _premature(cues: dict) -> bool:
    return any(re.search(r"prematurely|accidental", m.group(0)) for m in cues.get("disrupted", []))


_BURSTS = re.compile(r"bursts? of fire", re.IGNORECASE)


def _ground_fire(cues: dict) -> bool:
    """Direct fire besides the shelling itself: "bursts of fire" is how monitors count heavy machine-gun fire from
    a distance, not a sign of ground fighting."""
    return any(not _BURSTS.fullmatch(m.group(0)) for m in cues.get("direct_fire", [])) or \
        ("victim_armed" in cues and any(_SMALL_ARMS.fullmatch(m.group(0)) for m in cues.get("firearm", [])))


# rifles fired with the mortars at soldiers ("fired homemade mortars and rifles at the base, killing two soldiers"):
# fighters on the ground against an armed target, a battle; at homes and farms the same fire is shelling
_SMALL_ARMS = re.compile(r"rifles?|fusils?", re.IGNORECASE)


_ASSAULT = re.compile(r"ambush|assault|gunfire|opened fire|small arms|embuscade|tirs", re.IGNORECASE)


def _ground_assault(cues: dict) -> bool:
    """An attack by fighters on the ground alongside the explosive: "complex ambush (IED + armed assault)",
    "initiated by an IED detonation followed by gunfire"."""
    return any(_ASSAULT.search(m.group(0)) for g in ("battle", "direct_fire") for m in cues.get(g, []))


_GROUND = re.compile(r"ground|commando|heliborne|helicopter drop|terrestre|au sol", re.IGNORECASE)


def _ground_troops(cues: dict) -> bool:
    """Troops fighting on the ground in the same operation ("airstrikes followed by a ground assault"): ACLED codes
    the air support as part of the battle."""
    return any(_GROUND.search(m.group(0)) for m in cues.get("direct_fire", []))


def _small_arms_only(cues: dict) -> bool:
    """Grenade launchers and machine guns with small arms are an armed clash, not shelling."""
    words = " ".join(m.group(0).lower() for m in cues.get("shelling", []))
    return not re.search(r"artillery|mortar|missile|rocket|howitzer|mlrs|grad|tank|bombard|\d+ ?mm|obus|roquette|shell",
                         words)
