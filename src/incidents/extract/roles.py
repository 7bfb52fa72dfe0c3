"""Who acted on whom: actor1 (the side that acted) and actor2 (its target) from one passage.

Reads the voice of the sentence rather than word order: "X attacked Y" (active), "Y was attacked by X" and
"Y killed by X" (passive, the agent follows "by"/"par"), "an attack by X on Y", "clashes between X and Y".
Falls back to order of mention when no violent verb ties the actors together.
"""
from __future__ import annotations

import re

from .actors import ActorMention, ethnic_name

VERB = (r"(?:attack(?:ed|s)?|kill(?:ed|s)?|shot|shoot|ambush(?:ed|es)?|abduct(?:ed|s)?|kidnapp?(?:ed|s)?|"
        r"shell(?:ed|s)?|target(?:ed|s)?|fired|fire|opened fire|clash(?:ed|es)?|storm(?:ed|s)?|raid(?:ed|s)?|"
        r"struck|strike|hit|bomb(?:ed|s)?|beat|beaten|stabb?(?:ed|s)?|execut(?:ed|es)|arrest(?:ed|s)?|"
        r"detain(?:ed|s)?|dispers(?:ed|es)|lynch(?:ed|es)?|assault(?:ed|s)?|burn(?:ed|t|s)?|loot(?:ed|s)?|"
        r"seiz(?:ed|es)|captur(?:ed|es)|overr(?:an|un)|murder(?:ed|s)?|assassinat(?:ed|es)|massacr(?:ed|es)|"
        r"launch(?:ed|es)|carried out|detonat(?:ed|es)|fought|fight(?:s|ing)?|conducted|targeting|attacking|killing|shooting|ambushing|shelling|striking|seizing|storming|raiding|"
        r"threaten(?:ed|s)?|rob(?:bed|s)|engag(?:ed|es)|repel(?:led|s)|pelted|destroy(?:ed|s)|attaqu(?:é|ée|és|ées|e|ent)|"
        r"tu(?:é|ée|és|ées|e|ent)|enlev(?:é|ée|és|ées)|abattu(?:e|s)?|pris pour cible|ciblé(?:e|s)?|"
        r"arrêt(?:é|ée|és|ées)|violent(?:ly)?|harass(?:ed|es)?|torture(?:d|s)?|injur(?:ed|es)|wound(?:ed|s)?|"
        r"planted|blessé(?:e|s|es)?|gunned down|recover(?:ed|s)|confiscat(?:ed|es)|defus(?:ed|es)|dismantl(?:ed|es)|unearth(?:ed|s)|neutrali[sz](?:ed|es)|"
        r"désamorc(?:é|ée|és|ées)|neutralis(?:é|ée|és|ées)|exécut(?:é|ée|és|ées)|massacr(?:é|ée|és|ées)|"
        r"égorg(?:é|ée|és|ées)|assassin(?:é|ée|és|ées)|incendi(?:é|ée|és|ées)|pill(?:é|ée|és|ées)|"
        r"bombard(?:é|ée|és|ées)|kidnapp(?:é|ée|és|ées)|mitraill(?:é|ée|és|ées))")
_VERB_RX = re.compile(rf"\b{VERB}\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:(?:was|were|been|being|got|get|is|are|a été|ont été|été|est|sont|été)\s+(?:\w+ly\s+)?"
                             r"(?:an?\s+)?|"
                             # an attack the subject underwent, its kind in between ("came under heavy mortar fire");
                             # headline style drops the auxiliary ("MINUSMA convoy subjected to complex attack")
                             r"(?:(?:was|were|been)\s+)?(?:subjected to|came under|come under|suffered|fell victim to|"
                             r"(?:was|were) the target of|victim of|(?:a|ont) été (?:la )?cibles? d['’]|"
                             r"(?:a|ont) essuyé|(?:a|ont) fait l['’]objet d['’]|victimes? d['’])\s*"
                             r"(?:(?:an?|the|une?|des|la|le)\s+)?(?:[\w/+-]+\s+){0,2})$",
                             re.IGNORECASE)
_BY = re.compile(r"^\s*(?:,\s*)?(?:allegedly\s+|reportedly\s+|presumably\s+)?(?:by|par|at the hands of|aux mains de)\s+",
                 re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|entre)\s+(?:the\s+|des\s+|les\s+|d['’]\s*)?$", re.IGNORECASE)
# French repeats the partitive in a list: "une équipe de gendarmes et de militaires"
_AND = re.compile(r"^\s*(?:,\s*)?(?:and/or|and|or|et/ou|et|ou|&)\s+(?:the\s+|les\s+|des\s+|de\s+|d['’]|their\s+|its\s+|"
                  r"leurs?\s+|ses\s+)?$",
                  re.IGNORECASE)
# "between X and federal troops", "between X and the government's soldiers": the second side's modifiers
_BETWEEN_AND = re.compile(r"^\s*(?:,\s*)?(?:and|et|&)\s+(?:the\s+|les\s+|des\s+|de\s+|d['’]|their\s+|its\s+)?"
                          r"(?:[a-zà-ÿ][\w-]*(?:['’]s)?\s+){0,2}$")
_ON = re.compile(r"^\s*(?:on|against|targeting|contre|sur)\s+(?:the\s+|a\s+|an\s+|les\s+|des\s+|le\s+|la\s+)?", re.IGNORECASE)
_NOUN_ATTACK = re.compile(r"\b(?:attacks?|assaults?|ambush(?:es)?|raids?|offensive|attaque|assaut|embuscade)\s+"
                          r"(?:\w+\s+){0,2}?(?:by|of|par|de|du|des)\s+$", re.IGNORECASE)


_OBJECT_PREP = re.compile(r"\b(?:against|on|at|targeting|towards|toward|contre|sur|of)\s+(?:the\s+|a\s+|an\s+|les\s+|des\s+)?$",
                          re.IGNORECASE)
# "a team of police", "members of the army", "une unité de gendarmes": "of" after a group noun names who the group
# is, not the object of an earlier phrase
_GROUP_OF = re.compile(r"\b(?:team|unit|squad|members?|elements?|detachment|contingent|company|battalion|"
                       r"platoon|patrol|column|joint force|équipe|unité|membres|éléments|détachement|patrouille)\s+"
                       r"(?:of|de|du|des)\s+(?:the\s+|les\s+|l['’])?$", re.IGNORECASE)


def _object_of_phrase(text: str, m: ActorMention) -> bool:
    """Whether a mention follows a preposition that makes it an object ("attacks against the army")."""
    before = text[max(0, m.start - 30):m.start]
    return _OBJECT_PREP.search(before[-14:]) is not None and _GROUP_OF.search(before) is None


_WEAPON = re.compile(r"\b(?:bombs?|IEDs?|mines?|explosives?|explosive devices?|shells?|rockets?|missiles?|grenades?|"
                     r"drones?|blast|explosion|engin explosif|mine)\b", re.IGNORECASE)


# "presumably IS opened fire": the Islamic State's acronym is no auxiliary verb
def _passive_at(text: str, pos: int) -> bool:
    m = _PASSIVE_BEFORE.search(text[max(0, pos - 40):pos])
    return m is not None and not m.group(0).startswith("IS ")


# A victim participle right after its noun, with no auxiliary, is a reduced passive: "Eleven VDP killed in an
# ambush", "onze VDP tués dans une embuscade", "two soldiers wounded near Gao". What follows the participle is a
# place, a time or punctuation, not a direct object.
_PARTICIPLE = re.compile(r"(?:killed|wounded|injured|shot|abducted|kidnapped|executed|beheaded|murdered|gunned down|"
                         r"ambushed|targeted|attacked|"
                         r"tu(?:é|ée|és|ées)|bless(?:é|ée|és|ées)|enlev(?:é|ée|és|ées)|abattu(?:e|s|es)?|"
                         r"attaqu(?:é|ée|és|ées)|ciblé(?:e|s|es)?|assassin(?:é|ée|és|ées))$", re.IGNORECASE)
_AFTER_PARTICIPLE = re.compile(r"(?:\s+dead\b)?\s*(?:$|[,.;:(]|(?:in|near|on|during|when|after|while|as|overnight|early|late|"
                               r"last|this|yesterday|along|between|outside|inside|dans|lors|près|à|au|aux|"
                               r"en|par|ce|cette|hier|dimanche|lundi|mardi|mercredi|jeudi|vendredi|samedi|sunday|"
                               r"monday|tuesday|wednesday|thursday|friday|saturday)\b(?!\s+\d))", re.IGNORECASE)
_ARMED = ("named", "military", "police", "armed", "islamist")


_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|et|ou)\s+)?(?:(?:a|an|the|one|two|three|four|five|\d+|un|une|des|les|deux|"
                       r"trois|their|its|leurs?|ses)\s+)?(?:(?:members?|elements?|membres?|éléments?)\s+(?:of|from|de|du|des)\s+(?:the\s+|la\s+|l['’])?)?",
                       re.IGNORECASE)


# what may stand between a victim and its participle: an adverb, or the unit or post of a force named before it
# ("a FAMa patrol ambushed near Boni", "MINUSMA convoy attacked"; French names the unit first: "une patrouille des
# FAMa attaquée" needs no gap)
_PATIENT_GAP = re.compile(r"\s*(?:\w+ly\s+|all\s+|also\s+|tous\s+|toutes\s+)?|"
                          r"(?:['’]s)?\s+(?:(?:military|army|armou?red|joint|mobile|security)\s+)?"
                          r"(?:patrols?|convoys?|posts?|outposts?|checkpoints?|checkposts?|camps?|bases?|positions?|"
                          r"vehicles?|trucks?|units?|barracks|stations?|headquarters|escorts?|teams?)\s+", re.IGNORECASE)


def _reduced_passive(text: str, v: re.Match, ms: list[ActorMention]) -> ActorMention | None:
    """The patient of a bare victim participle ("four soldiers killed in ..."), or None."""
    after = _AFTER_PARTICIPLE.match(text, v.end())
    if not _PARTICIPLE.search(v.group(0)) or not after:
        return None
    if re.fullmatch(r"ambushed|targeted|attacked", v.group(0), re.IGNORECASE) and not re.search(r"\w", after.group(0)):
        return None  # "X ambushed, with heavy weapons, a convoy": a transitive verb needs a place or time after it
    before = [m for m in ms if m.end <= v.start()]
    if not before or not _PATIENT_GAP.fullmatch(text[before[-1].end:v.start()]):
        return None
    return _listed_patient(text, before)


# "two members of the VDP (VDP)", "a civilian driver": an acronym or a second noun repeats the mention before it
_SAME_NAME_GAP = re.compile(r"\s*(?:[(,]\s*)?", re.IGNORECASE)


# "Two gendarmes and three VDP, des supplétifs civils de l'armée, ont été tués": a mention inside an apposition
# describes the victim before it and is no victim itself
_OPEN_APPOSITION = re.compile(r"\s*(?:\([^()]*\)\s*)?,(?!\s*(?:including|among|notably|mostly|mainly|dont|parmi|y compris|"
                              r"notamment|essentiellement)\b)[^,;.()]*$", re.IGNORECASE)
_CLOSE_APPOSITION = re.compile(r"[^,;.]*,[^,;.]*$")


def _outside_apposition(text: str, before: list[ActorMention], verb_start: int) -> list[ActorMention]:
    while len(before) >= 2 and _OPEN_APPOSITION.match(_gap(text, before[-2].end, before[-1].start)) and \
            _CLOSE_APPOSITION.match(_gap(text, before[-1].end, verb_start)):
        before = before[:-1]
    return before


def _listed_patient(text: str, before: list[ActorMention]) -> ActorMention:
    """The victim of a passive among the coordinated mentions right before its verb: "two soldiers and a civilian
    (were) killed" is coded against the armed victim, the first named one."""
    group = _victim_list(text, before)
    return next((m for m in reversed(group) if m.kind in _ARMED), group[0])


def _victim_list(text: str, before: list[ActorMention]) -> list[ActorMention]:
    """The coordinated mentions that end the list `before`, last first."""
    group = [before[-1]]
    for m in reversed(before[:-1]):
        gap = _gap(text, m.end, group[-1].start)
        if m.name == group[-1].name and _SAME_NAME_GAP.fullmatch(gap):
            group[-1] = m
            continue
        # "a gang leader" is one noun phrase: only a comma or a conjunction joins two victims; "according to X, two
        # civilians were killed" names a source, not a victim
        if not _LIST_GAP.fullmatch(gap) or not re.search(r",|\b(?:and|or|et|ou)\b", gap) or _speaker(text, m):
            break
        group.append(m)
    return group


def _first_active(text: str, ms: list[ActorMention]) -> int | None:
    """Offset of the first violent verb in the active voice with an armed actor before it, if any."""
    for v in _VERB_RX.finditer(text):
        if _passive_at(text, v.start()) or _BY.match(text[v.end():v.end() + 20]) or _reduced_passive(text, v, ms):
            return None  # the sentence leads with a passive: the by-agent rule decides
        if any(m.end <= v.start() and m.kind in ("named", "military", "police", "armed", "islamist") for m in ms):
            return v.start()
    return None


# "a bus in a convoy escorted by the army", "un camion escorté par l'armée", "a town held by rebels": a by-phrase
# that belongs to a verb of escort, ownership, funding or report names a bystander, owner or source, never the
# side that attacked; only a violent (or perpetrating) verb's by-agent is the perpetrator. ("backed by",
# "supported by" name a helper of the side next to them: see _HELPER; a weapon "operated", "driven" or "used" by
# a side is that side's.)
_NONVIOLENT_PARTICIPLE = (
    r"escorted|accompanied|guarded|protected|secured|followed|owned|run|"
    r"funded|financed|sponsored|trained|equipped|supplied|hosted|chartered|hired|employed|manned|"
    r"staffed|provided|donated|built|managed|administered|controlled|held|occupied|founded|created|visited|"
    r"inhabited|populated|frequented|dominated|reported|confirmed|announced|declared|described|denied|received|"
    r"distributed|attended|joined|organi[sz]ed|called|convened|"
    r"escort(?:é|ée|és|ées)|accompagn(?:é|ée|és|ées)|protég(?:é|ée|és|ées)|sécuris(?:é|ée|és|ées)|gard(?:é|ée|és|ées)|"
    r"suivie?s?|"
    r"financ(?:é|ée|és|ées)|form(?:é|ée|és|ées)|affrét(?:é|ée|és|ées)|employ(?:é|ée|és|ées)|encadr(?:é|ée|és|ées)|"
    r"fréquent(?:é|ée|és|ées)|habit(?:é|ée|és|ées)|contrôl(?:é|ée|és|ées)|occup(?:é|ée|és|ées)|tenue?s?|"
    r"emprunt(?:é|ée|és|ées)|organis(?:é|ée|és|ées)|rapport(?:é|ée|és|ées)|"
    r"confirm(?:é|ée|és|ées)|annonc(?:é|ée|és|ées)|signal(?:é|ée|és|ées)|démentie?s?")
_BYSTANDER_BY = re.compile(rf"\b(?:{_NONVIOLENT_PARTICIPLE})\s+(?:\w+ly\s+)?(?:by|par)\s+(?:\w+['’]|\w+\s+){{0,3}}$",
                           re.IGNORECASE)


def _bystander(text: str, m: ActorMention) -> bool:
    """Whether a mention is the by-agent of a verb of escort, ownership, support or report."""
    return m.start >= 0 and _BYSTANDER_BY.search(text, max(0, m.start - 60), m.start) is not None


# "..., the army said in a statement", "military sources told", "selon l'armée": whoever reports a passive's toll
# is its source, not the agent the passive leaves unnamed
_SPEAKER_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:sources?|spokes(?:man|woman|person)|statement|communiqué|porte-parole)\b|"
                            r"(?:\w+\s+)?(?:said|says|told|reported|announced|added|confirmed|stated|indicated|"
                            r"a\s+(?:indiqué|annoncé|affirmé|déclaré|précisé|confirmé|rapporté)|"
                            r"ont\s+(?:indiqué|annoncé|affirmé|déclaré|précisé|confirmé|rapporté))\b)", re.IGNORECASE)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|citing|quoted by|cited by|selon|d['’]après|de source|"
                             r"(?:a|ont)\s+(?:indiqué|annoncé|affirmé|déclaré|précisé|confirmé|rapporté)|said|told)\s+"
                             r"(?:the\s+|a\s+|l['’]|la\s+|le\s+|les\s+)?$", re.IGNORECASE)


def _speaker(text: str, m: ActorMention) -> bool:
    """Whether a mention is the one reporting (the army said, selon l'armée), not a party acting."""
    return m.start >= 0 and (_SPEAKER_AFTER.match(text, m.end) is not None or
                             _SPEAKER_BEFORE.search(text, max(0, m.start - 20), m.start) is not None)


is_speaker = _speaker


def _can_act(text: str, m: ActorMention) -> bool:
    return m.kind in _ARMED and not _bystander(text, m) and not _speaker(text, m)


_HELPER = re.compile(r"\b(?:along with|together with|alongside|backed by|supported by|with the support of|aided by|"
                     r"assisted by|aux côtés de|appuyée?s? par|soutenue?s? par|avec l'appui de|avec l’appui de)\s+"
                     r"(?:[\w'’-]+,?\s+){0,8}$", re.IGNORECASE)
_RECIPROCAL = re.compile(r"clash|fought|fight|engag|exchang|affront", re.IGNORECASE)
_UMBRELLA = re.compile(r"\b(?:under|as part of|part of|within|sous)\s+(?:the\s+|l'|l’|la\s+|le\s+)?"
                       r"(?:(?:banner|umbrella|command|aegis)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)


def _gap(text: str, a: int, b: int) -> str:
    return text[a:b] if a <= b else ""


_DEFENSIVE = re.compile(r"\b(?:repell?(?:ed|s)?|repuls(?:ed|es)|thwart(?:ed|s)|foil(?:ed|s)|fought off|fended off|"
                        r"responded to|retaliated against|repoussé|repoussée|ont repoussé|a repoussé)\b", re.IGNORECASE)


# "the attack was repelled", "attack repelled": a passive names no defender as its subject, so the side before it
# is whoever the passive's own rules made actor1
_ATTACK_NOUN_BEFORE = re.compile(r"\b(?:attacks?|assaults?|ambush(?:es)?|raids?|offensive|incursions?|attackers|"
                                 r"assailants|attaques?|assauts?|assaillants)\s+$", re.IGNORECASE)


def _passive_defence(text: str, at: int) -> bool:
    return _passive_at(text, at) or _ATTACK_NOUN_BEFORE.search(text, max(0, at - 20), at) is not None


# "N terrorists who had attacked its camp", "des assaillants qui avaient attaqué leur position": a relative clause
# saying the target of a killing had attacked the killer's own post makes it the initiator, as a repelled attack does
_INITIATOR_REL = re.compile(r"\s*,?\s*(?:who|which|that|qui)\s+(?:(?:l['’]|les)\s*)?(?:had\s+|have\s+|avaient\s+|ont\s+|"
                            r"venaient\s+d['’]\s*)?(?:\w+ly\s+|earlier\s+)?(?:attacked|ambushed|raided|stormed|assaulted|"
                            r"attaquée?s?|attaquer|pris\s+d['’]assaut|prendre\s+d['’]assaut)\s+(?:[\w'’]+\s+){0,2}?"
                            r"(?:its|their|his|them|son|sa|ses|leurs?|ce|cette)\b", re.IGNORECASE)


# A device that went off in its makers' hands: ACLED codes the group that handled it as actor1, with no actor2.
_PREMATURE = re.compile(r"\b(?:exploded|detonated|went off|blew up)\s+(?:\w+\s+)?(?:prematurely|accidentally|by accident)|"
                        r"\b(?:premature|accidental) (?:detonation|explosion|blast)|"
                        r"\bwhile (?:they were |he was )?(?:planting|making|assembling|handling|preparing|manufacturing|"
                        r"transporting|laying) (?:an? |the |explosives|bombs|mines|landmines|IEDs)|"
                        r"\b(?:they|he) (?:were|was) (?:planting|making|assembling|handling|laying)|"
                        r"\bexplos(?:é|ée) prématurément|en manipulant", re.IGNORECASE)


def _own_goal(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    if not _PREMATURE.search(text):
        return None
    return next((m for m in mentions if m.kind == "named"), None) or \
        next((m for m in mentions if m.kind in ("armed", "islamist")), None)


# an attack stopped, not answered: "responded to shelling" is a second exchange the first side started
_REPELLED = re.compile(r"\b(?:repell?(?:ed|s)?|repuls(?:ed|es)|thwart(?:ed|s)|foil(?:ed|s)|fought off|fended off|"
                       r"repoussée?s?|ont repoussé|a repoussé|déjoué(?:e|s|es)?)\b", re.IGNORECASE)


def defender(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """The side the passage says repelled or thwarted an attack ("pro-Hadi forces thwarted a Houthi attack"): the
    mention just before an active defensive verb; None when there is none."""
    for d in _REPELLED.finditer(text):
        if _passive_defence(text, d.start()):
            continue
        subject = [m for m in mentions if 0 <= m.end <= d.start() and d.start() - m.end < 60]
        if subject:
            return subject[-1]
    return None


def assign_roles(text: str, mentions: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None, str]:
    """(actor1, actor2, how) for the mentions of one passage; `how` names the rule used (for confidence).

    The side that repelled an attack is its target: "soldiers repelled a Taliban attack" makes the Taliban
    actor1, as ACLED codes the initiator first."""
    own = _own_goal(text, mentions)
    if own is not None:
        return own, None, "premature"
    a1, a2, how = _assign(text, mentions)
    victims = _strike_victims(text, mentions) if a1 is not None else []
    if any(v.start == a1.start for v in victims):
        # the dead and wounded of an air or drone strike were struck: never its agent, whatever their kind ("killing
        # three guards", "two bodyguards were killed in an airstrike"); the strike's agent is whoever else is named
        a1, a2, how = _assign(text, [m for m in mentions if m.name not in {v.name for v in victims}])
        a2 = a2 if a2 is not None else victims[0]
    if a1 is not None and a2 is not None and a2.start >= 0 and a1.name != a2.name and \
            _INITIATOR_REL.match(text, a2.end):
        return a2, a1, how  # "the army killed 30 terrorists who had attacked its camp": they started it
    if a1 is not None and a2 is not None and a1.start >= 0:
        d = _DEFENSIVE.search(text)
        if d is not None and not _passive_defence(text, d.start()):
            subject = [m for m in mentions if m.end <= d.start() and d.start() - m.end < 60]
            if subject and subject[-1].name == a1.name and a2.name != a1.name:
                return a2, a1, how
    return a1, a2, how


_STRIKE = re.compile(r"\b(?:air ?strikes?|air-strikes?|air ?raids?|drone (?:strikes?|attacks?)|aerial (?:bombardments?|attacks?|"
                     r"strikes?)|frappes? (?:aériennes?|de drones?)|raids? aériens?|bombardements? aériens?)\b", re.IGNORECASE)
_KILLED_OBJECT = re.compile(r"\b(?:kill(?:ed|ing|s)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|tuant|blessant|(?:a|ont)\s+tué|"
                            r"(?:a|ont)\s+blessé)\s+(?:(?!(?:by|par|in|during|when|as|and|or|amid|amidst|at|near|after|before|with|while|on|from|to|dans|lors|quand|"
                            r"et|ou|avec|près|à|au|en|pendant|après)\s)[\w'’-]+\s+){0,3}$",
                            re.IGNORECASE)
_KILLED_SUBJECT = re.compile(r"^(?:\s+(?:of|de|du|des)\s+(?:[\w'’-]+\s+){1,4}?|\s*,[^,.;]{1,60},)?\s*(?:\w+\s+)?"
                             r"(?:were|was|have been|had been|ont été|a été|sont|est)\s+(?:\w+\s+)?(?:killed|wounded|"
                             r"injured|hurt|tuée?s?|blessée?s?|morte?s?)\b", re.IGNORECASE)


def _strike_victims(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions the casualties of an air or drone strike are counted in: the object of "killing", or the subject
    of "were killed"."""
    if not _STRIKE.search(text):
        return []
    return [m for m in mentions if m.start >= 0 and
            (_KILLED_OBJECT.search(text, max(0, m.start - 40), m.start) or _KILLED_SUBJECT.match(text[m.end:m.end + 90]))]


# "an attack on a military post", "the assault on an army convoy", "l'attaque d'une position de l'armée": the force
# whose post, camp, base, convoy or patrol was attacked is the target, whoever attacked it
_ATTACK_ON_FORCE = re.compile(
    r"\b(?:attacks?|assaults?|raids?|ambush(?:es)?|offensive|attaques?|assauts?|embuscades?)\s+(?:on|against|targeting|upon|"
    r"contre|d['’]|de|du|des|sur)\s*(?:(?:a|an|the|its|their|one|two|un|une|le|la|les|l['’]|ce|cette|deux)\s*)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:(?:post|outpost|position|camp|base|barracks|convoy|patrol|checkpoint|station|detachment|"
    r"garrison|poste|caserne|convoi|patrouille|détachement|garnison)s?\s+(?:of|de|du|des|de\s+la)\s*"
    r"(?:(?:the|l['’]|la|les)\s*)?)?$", re.IGNORECASE)


def _attacked_force(text: str, ms: list[ActorMention]) -> tuple[ActorMention, int] | None:
    """The state force named as the object of an attack noun, with the noun's offset."""
    for m in ms:
        if m.kind not in ("military", "police"):
            continue
        a = _ATTACK_ON_FORCE.search(text, max(0, m.start - 90), m.start)
        if a is not None:
            return m, a.start()
    return None


# a participle between the lead verb and "by" starts a clause of its own ("seized arms hidden by X"): regular,
# irregular ("hidden", "stolen", "left") or French ("des armes cachées par")
_PARTICIPLE_BETWEEN = re.compile(r"\b(?:\w+ed|was|were|been|taken|hidden|stolen|driven|given|thrown|written|beaten|"
                                 r"chosen|ridden|left|held|laid|sent|built|made|found|kept|brought|bought|caught|dug|"
                                 r"\w+(?:é|ée|és|ées)|pris|prises|mis|mises)\b", re.IGNORECASE)


def _assign(text: str, mentions: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None, str]:
    ms = sorted(mentions, key=lambda m: m.start)
    if not ms:
        return None, None, "none"
    # "clashes between X and Y"
    for i, m in enumerate(ms):
        if _BETWEEN.search(text[max(0, m.start - 16):m.start]):
            for n in ms[i + 1:]:
                if _BETWEEN_AND.match(_gap(text, m.end, n.start)) and n.name != m.name:
                    return m, n, "between"
    # "an attack by X on Y"
    for i, m in enumerate(ms):
        if _NOUN_ATTACK.search(text[max(0, m.start - 40):m.start]):
            target = next((n for n in ms[i + 1:] if _ON.match(_gap(text, m.end, n.start)) and n.name != m.name), None)
            if target is None:
                target = next((n for n in ms[:i] if n.name != m.name), None)
            return m, target, "noun-by"
    # passive: "<patient> ... was attacked by <agent>", "killed by X" -- unless the sentence already opened with an
    # actor doing something violent ("French forces ... killed six militants and seized arms abandoned by them")
    lead = _first_active(text, ms)
    for i, m in enumerate(ms):
        before = text[max(0, m.start - 30):m.start]
        by = _BY.search(before[-12:]) if False else re.search(r"(?:\bby|\bpar|at the hands of)\s+(?:\w+\s+){0,3}$",
                                                              before, re.IGNORECASE)
        if not by:
            continue
        by_at = max(0, m.start - 30) + by.start()
        if _bystander(text, m):
            continue
        if _VERB_RX.search(text, by_at + 2, m.start) or any(by_at < n.start and n.end <= m.start for n in ms):
            continue  # "an IED planted by Taliban destroyed an army truck": the agent of "by" came before
        verb = None
        for v in _VERB_RX.finditer(text, max(0, m.start - 90), m.start):
            verb = v
        if verb is None or (lead is not None and lead < verb.start()):
            continue
        if lead is not None and lead == verb.start():
            # "LNA forces shot down a drone operated by GNA": the by-phrase belongs to the object; but "FAMa post
            # ambushed near Djenne, presumably by JNIM" is a bare passive with its agent further on
            between = text[verb.end():by_at]
            if _PARTICIPLE_BETWEEN.search(between) or any(verb.end() <= n.start and n.end <= by_at for n in ms):
                continue
        victims = [n for n in ms[:i] if n.end <= verb.start() and n.name != m.name]
        patient = _listed_patient(text, victims) if victims else None
        if patient is None:
            patient = next((n for n in ms[i + 1:] if n.name != m.name), None)
        return m, patient, "passive"
    target = _attacked_force(text, ms)
    if target is not None and (lead is None or target[1] < lead):
        force = target[0]
        agent = next((m for m in ms if m.name != force.name and m.kind in _ARMED and m.inter != force.inter and
                      _can_act(text, m)), None)
        return agent, force, "target"
    # the first violent verb decides: passive ("4 soldiers were wounded when ...", "vehicle struck by an IED")
    # makes the mention before it the target; active makes it the agent
    for v in _VERB_RX.finditer(text):
        reduced = _reduced_passive(text, v, ms)
        if reduced is not None:
            agent = next((m for m in ms if m.start >= v.end() and m.name != reduced.name and _can_act(text, m)), None)
            return agent, reduced, "passive"
        if _passive_at(text, v.start()) or _BY.match(text[v.end():v.end() + 20]):
            before = _outside_apposition(text, [m for m in ms if m.end <= v.start()], v.start())
            if not before:
                continue
            patient = _listed_patient(text, before)
            victims = {m.name for m in _victim_list(text, before)}
            agent = next((m for m in ms if m.start >= v.end() and m.name != patient.name and _can_act(text, m)), None)
            if agent is None:
                agent = next((m for m in before if m.name not in victims and _can_act(text, m)), None)
            return agent, patient, "passive"
        # mentions after "against/on/targeting" are objects of an earlier phrase, not candidate agents; those after
        # "along with/backed by" are the agent's helpers ("the army, along with DAG helicopters, attacked ...")
        before = [m for m in ms if m.end <= v.start() and not _object_of_phrase(text, m) and not _bystander(text, m)]
        led = [m for m in before if not _HELPER.search(text[max(0, m.start - 60):m.start])]
        if any(m.kind in _ARMED for m in led) or not any(m.kind in _ARMED for m in before):
            before = led
        after = [m for m in ms if m.start >= v.end()]
        if not before:
            if _WEAPON.search(text[:v.start()]) and after:
                return None, after[0], "weapon"  # "A roadside bomb struck a convoy": the agent is unknown
            continue
        # "opposition rebels under OPS looted ...", "troops operating as part of Operation X": the umbrella acts
        umbrella = [m for m in before if m.kind == "named" and _UMBRELLA.search(text[max(0, m.start - 40):m.start])]
        if umbrella:
            agent = umbrella[-1]
            return agent, next((m for m in after if m.name != agent.name), None), "active"
        # "X and Y clashed": both are parties, the first named is actor1; "X and Y shelled Z": X and Y are one side
        if len(before) >= 2 and _AND.match(_gap(text, before[-2].end, before[-1].start)) and \
                before[-2].name != before[-1].name:
            side = (before[-2].name, before[-1].name)
            if _RECIPROCAL.match(v.group(0)):
                return before[-2], before[-1], "between"
            return before[-2], next((m for m in after if m.name not in side), None), "active"
        agent = before[-1]
        # headline style "FAMa checkpoint attacked near Gao": a force followed by a bare participle is the target
        if not after and (agent.kind in ("military", "police") or agent.inter in (1, 8)) and \
                re.match(r"(?:attacked|ambushed|targeted)\b", v.group(0), re.IGNORECASE) and \
                re.match(r"\s*(?:$|[,.;:(]|in\b|near\b|at\b|on\b|around\b|overnight\b|by\b|along\b|between\b|"
                         r"early\b|late\b|this\b|last\b|yesterday\b)", text[v.end():], re.IGNORECASE):
            return None, agent, "headline-passive"
        # a victim noun just before the verb ("civilians killed in ...") is not the agent when an armed one precedes
        if agent.kind == "civilians":
            armed = [m for m in before if m.kind in ("named", "military", "police", "armed", "islamist")]
            if armed:
                agent = armed[-1]
        target = next((m for m in after if m.name != agent.name), None)
        return agent, target, "active"
    first = ms[0]
    second = next((m for m in ms[1:] if m.name != first.name), None)
    return first, second, "order"


# Two crowds of one kind fighting each other: ACLED puts the same rioters on both sides.
_MUTUAL = re.compile(
    r"\b(?:clash(?:ed)?|fought|attack(?:ed|ing)|pelt(?:ed|ing)\s+stones\s+at|thr(?:ew|owing)\s+(?:stones|rocks|bricks)\s+at|"
    r"beat(?:ing)?)\s+(?:[\w-]+\s+){0,2}?(?:each\s+other|one\s+another)|"
    r"\b(?:two|2|rival)\s+(?:[\w-]+\s+){0,2}?(?:groups|communities|factions|families|clans)\b(?!\s+of\s+(?:armed|militants|rebels|gunmen))|"
    r"\bdeux\s+(?:groupes|communautés|factions|familles|clans)\b|"
    r"\bles\s+uns\s+(?:contre\s+les|aux)\s+autres\b|\bse\s+sont\s+(?:violemment\s+)?(?:affrontés|battus|bagarrés)\b",
    re.IGNORECASE)


def mutual_clash(text: str) -> bool:
    """Whether the passage describes two groups of one crowd fighting each other ("two groups clashed")."""
    return bool(_MUTUAL.search(text))


# The side that planted, set off or claimed a bomb ("an IED planted by X", "X detonated a mine"); any other
# lone side of a bombing is the one the bomb hit.
_LAYER_AFTER = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:planted|laid|placed|detonated|set\s+off|triggered|claimed|"
                          r"used|launched|fired|threw|hurled|buried|remotely|posé|posée|placé|placée|fait\s+exploser|"
                          r"revendiqué|a\s+revendiqué|ont\s+revendiqué)\b", re.IGNORECASE)
_LAYER_BEFORE = re.compile(r"\b(?:by|par|planted\s+by|posée?s?\s+par)\s+(?:the\s+|les\s+|l['’]|des\s+)?(?:[\w-]+\s+){0,2}$",
                           re.IGNORECASE)


def bomb_layer(text: str, m: ActorMention) -> bool:
    """Whether the mention at m.start..m.end in text is the side that laid or used the explosive."""
    if m.start < 0:
        return True
    return bool(_LAYER_AFTER.match(text[m.end:m.end + 60]) or _LAYER_BEFORE.search(text[max(0, m.start - 40):m.start]))


# Counter-demonstrators are the other side of a protest: ACLED codes them as protesters (or rioters) too.
_COUNTER = re.compile(r"\b(?:counter-?\s?(?:protest|demonstration|rall(?:y|ies)|march)(?:s|ers|ors)?|"
                      r"counter-?\s?demonstrators?|contre-manifest(?:ation|ants?)s?)\b", re.IGNORECASE)


def counter_protest(text: str) -> bool:
    """Whether the passage names a counter-protest ("a counterprotest in support of the government")."""
    return bool(_COUNTER.search(text))



# --- associated actors ---------------------------------------------------------------------------------------------
# ACLED's assoc_actor columns: a side's helpers ("soldiers accompanied by Russian mercenaries", "FAMa and their
# Russian partners"), the other parties listed with it ("four soldiers and two VDP were killed"), and the community
# of its members ("Fulani civilians", "civils peuls" -> "Fulani Ethnic Group (Mali)").
_HELPED_BY = re.compile(r"\b(?:along with|together with|alongside|backed by|supported by|with the support of|"
                        r"aided by|assisted by|accompanied by|aux côtés de|appuyée?s? par|soutenue?s? par|"
                        r"avec l['’]appui de|avec le soutien de|accompagnée?s? (?:de|par)|"
                        r"(?:and|et) (?:their|its|leurs?|ses) (?:allies|partners|partenaires|alliés|supplétifs|auxiliaries))\s+"
                        r"(?:(?:the|des|de|du|d['’]|les|la|l['’]|leurs?|ses|their|its)\s*)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_ETHNIC_BEFORE = re.compile(r"\b(?P<w>[A-Z][\w'’-]+)\s+$")
_ETHNIC_AFTER = re.compile(r"\s+(?P<w>[\w'’-]+)")


def associates(text: str, main: ActorMention | None, other: ActorMention | None, mentions: list[ActorMention],
               country: str | None) -> str | None:
    """ACLED's associated actors of `main` ("A; B"), or None: armed parties listed with any mention of it, its
    helpers where it is its sentence's subject ("backed by X" anywhere in the sentence helps the subject, not its
    object), and the community its members belong to. `other` is the opposite side, never an associate."""
    if main is None:
        return None
    # the side is looked up by name among this text's mentions: a claimant or a span of another passage has none
    owns = [m for m in mentions if m.name == main.name and m.start >= 0 and text[m.start:m.end] == (m.text or text[m.start:m.end])]
    out: list[str] = []
    for own in owns:
        out += _helpers_of(text, own, {main.name, other.name if other else None}, mentions)
    community = next((c for own in owns if (c := _community_of(text, own))), None)
    if community and main.kind in ("civilians", "protesters", "rioters", "armed", "islamist"):
        out.append(f"{community} Ethnic Group ({country or 'International'})")
    return "; ".join(dict.fromkeys(out)) or None


def _helpers_of(text: str, own: ActorMention, sides: set, mentions: list[ActorMention]) -> list[str]:
    # "the army killed terrorists who had attacked its camp, with the support of its partners": a helper phrase
    # helps the sentence's subject, the first armed side named in it
    start = max(text.rfind(". ", 0, own.start), text.rfind("\n", 0, own.start)) + 1
    subject = next((m for m in mentions if start <= m.start < own.end and m.kind in _ARMED), own)
    helped = own.kind in _ARMED and subject.name == own.name
    end = text.find(". ", own.end)
    # "clashes between X, Y and Z", "X and Y exchanged fire": a list of the sides of a fight, not of one side
    sides_listed = _SIDES.search(text, start, end if end >= 0 else len(text)) is not None
    out = []
    for m in mentions:
        after = m.start >= own.end
        if m.name in sides or (after and m.start - own.end > (200 if helped else 80)) or \
                (not after and (m.end > own.start or own.start - m.end > 40)):
            continue
        gap = text[own.end:m.start] if m.start >= own.end else text[m.end:own.start]
        listed = not sides_listed and _LIST_GAP.fullmatch(gap) and re.search(r"\b(?:and|et)\b", gap)
        if m.start < own.end and not listed:
            continue  # only a list runs both ways; a helper follows the side it helps
        if m.kind in ("named", "military", "police") and \
                (listed or (helped and _HELPED_BY.search(gap) and not re.search(r"[.;]", gap))):
            out.append(m.name)
    return out


_SIDES = re.compile(r"\b(?:between|entre|exchang\w*|clash\w*|skirmish\w*|affront\w*|accroch\w*|fought|battled)\b",
                    re.IGNORECASE)


def _community_of(text: str, m: ActorMention) -> str | None:
    """The community an adjective next to a mention names: "Fulani herders", "des civils peuls"."""
    before = _ETHNIC_BEFORE.search(text, max(0, m.start - 30), m.start)
    after = _ETHNIC_AFTER.match(text, m.end)
    for word in (before and before.group("w"), after and after.group("w")):
        if word and ethnic_name(word):
            return ethnic_name(word)
    return None
