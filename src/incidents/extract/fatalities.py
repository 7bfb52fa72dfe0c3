"""Fatality counts of an incident from its text, in English and French.

Finds death phrases ("killing more than 30 soldiers", "3 people were killed", "le bilan est de 12 morts"),
ignores injuries, abductions and arrests, and combines them: a stated total or a revised toll ("rose to 12")
wins; otherwise distinct figures add up (soldiers and attackers both count). The result keeps ACLED's
conservative integer, the range the text supports and the phrase it came from.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .dateline import dateline_spans
from .numbers import NUMBER_RE, VAGUE, parse_number
from .prefilter import TextLiterals, matches, may_occur
from .textutil import fold, fold_pattern

QUAL = (r"(?:between|at least|more than|over|up to|about|around|approximately|nearly|almost|some|roughly|an estimated|"
        r"as many as|no fewer than|not less than|au moins|plus de|près de|environ|quelque|jusqu'à|une)")
NUM = rf"(?P<q>{QUAL}\s+)?(?P<n>{NUMBER_RE})(?:\s*(?:-|–|to|or|and|à|ou)\s*(?P<n2>{NUMBER_RE}))?"
NUM_B = NUM.replace("?P<q>", "?P<qb>").replace("?P<n>", "?P<nb>").replace("?P<n2>", "?P<n2b>")
# a group's full name before its acronym may be long ("Volontaires pour la défense de la patrie (VDP)", "members of
# the Volunteers for the Defence of the Homeland (VDP), a civilian auxiliary force,"): the bracket closes the name
NAMED_GROUP = (r"(?:(?!(?:were|was|had|have|has|ont|a|été|sont|est)\s)[^\W\d][\w'’-]*\s+){1,10}?"
               r"\([\w'’.-]{2,12}\)(?:\s*,[^,.;:()]{1,80},)?\s+")
# up to four words between the number and the verb, with a parenthesis or one comma clause ("9 traders, most
# of whom were Bozo, were killed", "10 Dozo hunters (Bambara) were killed")
VICTIM = (rf"(?:{NAMED_GROUP}|(?:[\w'’][\w'’-]*\s+|\([^()]{{1,40}}\)\s+){{0,5}}?(?:[\w'’-]+,[^,.;:]{{1,80}},\s+)?)"
          r"(?:(?:including|among them|dont|y compris)\s+(?:[\w'’-]+\s+){1,4}?)?")
DEATH_VERB = (r"(?:fatally (?:shot|stabbed|wounded|injured|assaulted|beaten|attacked)|shot and killed|shot to death|stabbed to death|beaten to death|hacked to death|burned to death|"
              r"succumbed to (?:his|her|their) (?:wounds|injuries)|killed|dead|died|slain|murdered|shot dead|executed|massacred|beheaded|lost their lives|perished|"
              r"lost his life|lost her life|were killed|was killed|neutrali[sz]ed|neutralisés|tués?|tuées?|morts?|décédés?|décédées?|"
              r"ont péri|ont perdu la vie|abattus?|exécutés?|assassinés?|succombé à (?:ses|leurs) blessures)")
_NOT_DEAD_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+)?(?:wounded|injured|hurt|missing|abducted|kidnapped|arrested|"
                             r"blessés?|disparus?|enlevés?|otages|arrêtés?)\b")
_MONTH_AFTER = re.compile(r"(?:er)?\s+(?:january|february|march|april|june|july|august|september|october|november|"
                          r"december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                          r"décembre)\b")
# a counted group: words after the figure, but not another figure ("as many as 12"), a month ("30 April") or
# another outcome ("5 wounded", "2 vehicles destroyed")
_ITEM_WORD = (r"(?!(?:wounded|injured|hurt|destroyed|burned|burnt|seized|captured|arrested|detained|missing|abducted|"
              r"kidnapped|blessés?|january|february|march|april|may|june|july|august|september|october|november|"
              r"december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)"
              r"[^\W\d][\w'’-]*")
_ITEM = rf"(?:{NUMBER_RE})(?:\s+{_ITEM_WORD}){{1,3}}?"
# a day or time between the verb and its count ("ont tué mardi quatre commerçants", "killed on Tuesday 12 people",
# Nigerian style "were on Sunday killed"): it dates the deaths and must not hide them
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|"
          r"février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)")
TIME_ADV = (rf"(?:,\s*)?(?:(?:(?:early|late)\s+)?(?:on\s+)?(?:last\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night|"
            rf"matin|après-midi|soir|soirée|nuit|dernier))?(?:\s+\d{{1,2}}(?:st|nd|rd|th|er)?\s+{_MONTH})?|"
            r"yesterday(?:\s+(?:morning|afternoon|evening))?|overnight|last night|this morning|early today|"
            r"hier(?:\s+(?:matin|soir|après-midi))?|avant-hier|ce matin|cette nuit|la nuit dernière|"
            rf"dans la nuit(?:\s+(?:de|du)\s+{_WEEKDAY}\s+(?:à|au)\s+{_WEEKDAY})?)\s*,?\s+")
# the count after such a day is no day of the month ("killed on Monday 12 May")
_NOT_DAY = rf"(?!(?:st|nd|rd|th|er)?\s+{_MONTH}\b)"
# "five soldiers and eight militants were killed", "3 policemen, 2 militiamen and 1 soldier were killed",
# "25 rebel and 6 military fatalities": every figure of the list is a death
_PAIR = re.compile(rf"\b{_ITEM}(?:,\s*{_ITEM}){{0,5}},?\s+(?:and|et|&)\s+(?:{NUMBER_RE}|an?|une?)\s+"
                   rf"(?:{NAMED_GROUP}|(?:[\w'’-]+\s+){{0,3}}?)"
                   rf"(?:(?:were|have been|had been|ont été|were all)(?:\s*{TIME_ADV}|\s+(?:\w+\s+)?))?(?:{DEATH_VERB}|fatalities|deaths)\b",
                   re.IGNORECASE)
# "killing 3 soldiers and 2 civilians": a list after the verb (not "and 2 others were wounded")
_OBJECT_LIST = re.compile(rf"\b(?:kill(?:ed|ing)|shot dead|executed|massacred|murdered|tuant|a tué|ont tué)\s+"
                          rf"(?:{TIME_ADV})?{_ITEM}(?:,\s*{_ITEM}){{0,5}},?\s+(?:and|et)\s+(?:{NUMBER_RE}|an?|une?)\s+"
                          rf"(?!others?\b|autres?\b|more\b|were\b|was\b)(?:{_ITEM_WORD})\b"
                          rf"(?!\s+(?:were|was|wounded|injured|hurt|ont été|blessés?)\b)", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",\s*(?:(?:and|et|&)\s+)?|\s+(?:and|et|&)\s+", re.IGNORECASE)
_LEAD_NUMBER = re.compile(rf"^(?:{NUMBER_RE}|an?|une?)\b", re.IGNORECASE)
_PATTERNS = [
    # "3 people were killed", "two soldiers died", "12 morts", "30 soldats tués"
    ("subject", re.compile(rf"\b{NUM}\s+{VICTIM}(?:(?:were|was|have been|had been|are|were reportedly|were later|"
                           rf"ont été|a été|sont|were all|reportedly|later)(?:\s*{TIME_ADV}|\s+))?{DEATH_VERB}\b", re.IGNORECASE)),
    # "killing more than 30 soldiers", "killed 7 militants", "a tué 5 civils"
    ("object", re.compile(rf"\b(?:kill(?:ed|ing|s)?|shot dead|slaughtered|massacred|executed|claimed the lives of|"
                          rf"assassinat(?:ed|ing)|murder(?:ed|ing)|behead(?:ed|ing)|gunned down|"
                          rf"tuant|a tué|ont tué|tué|assassiné|ont assassiné|ont exécuté)(?:\s*{TIME_ADV}|\s+)"
                          rf"(?:(?:the|his|her|their)\s+)?{NUM}\b{_NOT_DAY}(?:\s+{VICTIM}(?:dead|morts?|victimes|tués?)\b)?", re.IGNORECASE)),
    # "neutralised 15 fighters", "avoir « neutralisé » quinze combattants": ACLED counts the "neutralised" the text
    # reports as killed
    ("object", re.compile(rf"\b(?:neutrali[sz](?:ed|ing)|neutralisé|neutralisant)\s*[»\"”]?\s+(?:(?:the|les)\s+)?{NUM}\b",
                          re.IGNORECASE)),
    # "shot two men to death"
    ("object", re.compile(rf"\b(?:shot|stabbed|beat|hacked|burned|burnt|stoned)\s+{NUM}\s+{VICTIM}to death\b", re.IGNORECASE)),
    ("object", re.compile(rf"\b(?:left|leaving|fait|faisant|a fait|ont fait)(?:\s*{TIME_ADV}|\s+){NUM}\s+{VICTIM}(?:dead|morts?|victimes|tués?)\b",
                          re.IGNORECASE)),
    # "5 fatalities", "2 deaths", "8 bodies"
    ("total", re.compile(rf"\b(?:the\s+)?(?:deaths?|killings?)\s+of\s+{NUM}\b", re.IGNORECASE)),
    # the verb before its subject, French style ("Ont été tués lundi quatre soldats", "Ont péri dans l'attaque six
    # civils") or English "Killed in the attack were three soldiers": the count follows the verb
    ("object", re.compile(rf"\b(?:(?:ont|a)\s+été\s+(?:tué|tués|tuée|tuées|abattus?|abattues?|exécutés?|exécutées?|"
                          rf"assassinés?|assassinées?|massacrés?|massacrées?)|ont\s+péri|ont\s+perdu\s+la\s+vie|"
                          rf"sont\s+morte?s|sont\s+décédée?s)(?:\s*{TIME_ADV}|\s+)"
                          rf"(?:(?:dans|lors\s+de|au\s+cours\s+de|pendant|durant)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+\s*,?\s*"
                          rf"(?:{TIME_ADV})?)?{NUM}\b{_NOT_DAY}(?=\s+[^\W\d])(?!\s+(?:autres?|others?)\b)", re.IGNORECASE)),
    ("object", re.compile(rf"\b(?:killed|dead|slain)\s+(?:(?:in|during)\s+(?:[\w'’-]+\s+){{1,4}}?)?(?:were|was)\s+{NUM}\b"
                          rf"{_NOT_DAY}(?=\s+[^\W\d])", re.IGNORECASE)),
    # "killing a family of five"
    ("object", re.compile(rf"\b(?:kill(?:ed|ing)|massacred|wiped out)\s+(?:an?|the|one)\s+family\s+of\s+{NUM}\b",
                          re.IGNORECASE)),
    ("total", re.compile(rf"\b{NUM}\s+(?:(?!of\b)[\w-]+\s+)?(?:reported\s+)?(?:fatalit(?:y|ies)|deaths?|bodies|corpses|décès|cadavres|victimes mortelles)\b", re.IGNORECASE)),
    ("total", re.compile(rf"\b(?:the\s+)?(?:bodies|corpses|remains|corps|cadavres) of\s+{NUM}\b", re.IGNORECASE)),
    ("total", re.compile(rf"\b(?:death toll|toll|bilan|fatalities|fatality count)\s+(?:\w+\s+){{0,4}}?(?:of|at|to|is|was|stands at|"
                         rf"reached|rose to|climbed to|increased to|risen to|est de|s'élève à|de|coded as)\s+{NUM}\b", re.IGNORECASE)),
    # "The death toll from an attack on a military post on Sunday has risen to 20", "le bilan de l'attaque de
    # samedi s'est alourdi à 41 morts": a long subject between the toll and its new figure
    ("total", re.compile(rf"\b(?:death toll|toll|bilan)\b(?:\s+[\w'’,-]+){{0,14}}?\s+(?:has\s+|had\s+)?(?:risen|rose|"
                         rf"climbed|increased|jumped|reached|s'est alourdi|est passé|a grimpé|s'élève|atteint)\s+"
                         rf"(?:to\s+|à\s+)?{NUM}\b", re.IGNORECASE)),
]
# a revised toll ("The toll rose to 17 on Thursday", "le bilan s'est alourdi à 41 morts dimanche soir") updates the
# incident already told; its day is that of the count, not of the incident
TOLL_UPDATE = re.compile(r"\b(?:death toll|toll|bilan|number of (?:dead|deaths|people killed|victims)|nombre de (?:morts|"
                         r"victimes|tués))\b(?:\s+[\w'’,-]+){0,14}?\s+(?:rose|has risen|had risen|risen|climbed|increased|"
                         r"jumped|was revised|has been revised|was raised|now stands|s'est alourdi|est passé|"
                         r"a grimpé|a été revu|s'élève désormais|atteint désormais)\b|"
                         r"\b(?:bringing|raising|taking|pushing|portant|ce qui porte)\s+(?:the\s+|le\s+)?(?:death\s+)?"
                         r"(?:toll|bilan|number of (?:dead|deaths))\b", re.IGNORECASE)
_REVISED = re.compile(r"(?:rose|risen|climbed|increased|jumped|revised|updated|now stands|later rose|alourdi|bringing|"
                      r"raising|portant|"
                      r"passé à|grimpé|rising)", re.IGNORECASE)
_NONE = re.compile(r"\b(?:no (?:one|fatalities|casualties|deaths|injuries or fatalities|reported fatalities)|"
                   r"neither (?:fatalities|injuries) nor|without (?:causing )?(?:casualties|fatalities)|"
                   r"no (?:people|persons) (?:were )?(?:killed|hurt)|aucune victime|pas de victime|sans faire de victime)\b",
                   re.IGNORECASE)
_NON_DEATH = re.compile(r"\b(?:wounded|injured|hurt|abducted|kidnapped|arrested|detained|missing|blessés?|enlevés?|"
                        r"arrêtés?|disparus?|hospitali[sz]ed|rescued|released|displaced)\b", re.IGNORECASE)
# "the two wounded later succumbed": the injured who died are dead
_LATER_DIED = re.compile(r"\b(?:wounded|injured|blessés?)\s+(?:later|subsequently|eventually|then|ont)\s+"
                         r"(?:died|succumbed|succombé)", re.IGNORECASE)
_OF_THE_DEAD = re.compile(r"\s*(?:of|among)\s+(?:the|those|these)\s+(?:[\w'’-]+\s+)?(?:dead|killed|victims|fatalities|"
                          r"deceased|bodies)\b|\s*(?:des|parmi les|d'entre les)\s+(?:morts|tués|victimes|défunts|corps)\b",
                          re.IGNORECASE)
_SUBSET = re.compile(r"(?:including|among them|among whom|of whom|dont|parmi eux|parmi lesquels)\s*$", re.IGNORECASE)


# "killed, injured or captured": the count mixes deaths with other outcomes, so none of it is a known death
_UNSURE = re.compile(r"\s*,?\s*(?:(?:injured|wounded|captured|arrested|blessés?|capturés?)\s*,?\s*)*(?:or|ou)\s+"
                     r"(?:injured|wounded|captured|arrested|missing|blessés?|capturés?|disparus?)\b")
_ANIMALS = re.compile(r"\b(?:livestock|cattle|cows?|goats?|sheep|camels?|oxen|donkeys?|animals|dogs?|bétail|"
                      r"chèvres|moutons|vaches|chameaux|animaux)\b", re.IGNORECASE)
# after an active "killed": an object ("killed a farmer", "killed two soldiers") means the counted people acted
_OBJECT_NEXT = re.compile(r"\s+(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+|his|her|their|several|"
                          r"many|dozens|at least|more than|un|une|le|la|les|des|deux|trois|quatre|cinq|plusieurs)\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|are|is|été|sont|est)\b")
_ANIMAL_OBJECT = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:livestock|cattle|cows|goats|sheep|camels|oxen|donkeys|animals|"
                            r"head of cattle|têtes de bétail|bétail|chèvres|moutons|vaches|chameaux|animaux)\b")
_ACTIVE_BARE = re.compile(r"(?:^|\s)(?:killed|tué|tués)$")


def _not_victims(body: str, after: str) -> bool:
    """A counted subject that did the killing ("three gunmen killed a farmer", "burned 20 huts and killed"), or
    animals ("15 cattle were killed"), are not the event's dead."""
    if _ANIMALS.search(body):
        return True
    b = body.rstrip().lower()
    # original case: "IS" (Islamic State) is no auxiliary
    if not _ACTIVE_BARE.search(b) or _PASSIVE.search(body) or len(b.split()) < 2:
        return False  # "8 killed, 2 vehicles destroyed": a toll, with no one named as the killers
    return bool(re.search(r"\b(?<!shot )(?<!stabbed )(?<!beaten )(?:and|et)\s+(?:[\w'’-]+\s+)?(?:killed|tué|tués)$", b)
                or _OBJECT_NEXT.match(after))


@functools.lru_cache(maxsize=8)
def _folded(patterns: tuple) -> list:
    """(kind, pattern) pairs recompiled folded and without IGNORECASE, for matching `fold(text)`."""
    return [(kind, re.compile(fold_pattern(rx.pattern))) for kind, rx in patterns]


@dataclass(frozen=True)
class DeathMention:
    start: int
    end: int
    low: int
    high: int | None
    value: int
    text: str
    kind: str  # subject | object | total
    revised: bool = False
    vague: bool = False  # "several", "dozens", "plusieurs": a quantity, not a count
    side: str | None = None  # whose dead: "state", "armed" or None (civilians, people, a mixed list)
    claim: bool = False  # a party's version: its claim of the enemy's dead, or the figure of its denial


@dataclass(frozen=True)
class Fatalities:
    value: int
    low: int | None
    high: int | None
    text: str | None


def _value(m: re.Match, suffix: str = "") -> tuple[int, int, int] | None:
    n = m.group("n" + suffix)
    parsed = parse_number(n)
    if parsed is None:
        return None
    low, high, val = parsed
    n2 = m.group("n2" + suffix)
    if n2:
        p2 = parse_number(n2)
        if p2 and p2[0] > low:
            high = p2[1]
    q = (m.group("q" + suffix) or "").strip().lower()
    if q in ("up to", "jusqu'à", "nearly", "almost", "près de"):
        # "up to 20" supports anything to 20; conservatively the lower bound stays unknown
        low = min(low, val)
    elif q in ("more than", "over", "plus de", "at least", "au moins", "no fewer than", "not less than"):
        high = None  # open-ended: the text supports no upper bound
    return low, high, val


def _after_toll_update(text: str, start: int) -> bool:
    """Whether the figure follows a revised toll in its own sentence ("Le bilan a été revu à la hausse vendredi :
    neuf personnes ont perdu la vie")."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 200, 0)
    return bool(TOLL_UPDATE.search(text[lo:start]))


def find_deaths(text: str) -> list[DeathMention]:
    """Death-count phrases in text, ordered, without overlaps."""
    out: list[DeathMention] = []
    for start, end in dateline_spans(text):  # "BAMAKO, March 10 (Reuters) - Gunmen killed 5": 10 is the date
        text = text[:start] + " " * (end - start) + text[end:]
    low = fold(text)  # folded patterns on folded text: IGNORECASE semantics, faster
    lits = TextLiterals(low)  # a pattern whose required words are all absent cannot match: no scan
    for kind, rx in _folded(tuple(_PATTERNS)):
        if not may_occur(rx, lits):
            continue
        for m in matches(rx, low, lits):
            if any(m.start() < d.end and d.start < m.end() for d in out):
                continue
            phrase = text[m.start():m.end()]
            # "3 killed" is a death; "3 wounded and killed"? rare. Skip when the number qualifies an injury.
            head = phrase[: m.end("n") - m.start()] if m.group("n") else phrase
            body = phrase[len(head):]
            if kind == "subject" and _NON_DEATH.search(body.split(" killed")[0].split(" dead")[0]) and \
                    not re.search(DEATH_VERB, body.split(_NON_DEATH.search(body).group(0))[0], re.IGNORECASE) and \
                    not _LATER_DIED.search(body):
                continue
            if kind == "subject" and _OF_THE_DEAD.match(body):
                continue  # "Four of the dead were passengers": a breakdown of a toll already given
            if kind == "subject" and re.search(r"\b(?:by|par)\s+$", low[max(0, m.start() - 4):m.start()]):
                continue  # "seized by three men and stabbed to death": the counted men are the killers
            if _SUBSET.search(text[max(0, m.start() - 25):m.start()]):
                continue
            if kind == "subject" and _not_victims(body, low[m.end():m.end() + 40]):
                continue
            if re.search(r"\b(?:no|not|nor)\s+$", low[max(0, m.start() - 6):m.start()]):
                continue  # "no one was killed", "not one soldier died"
            if _UNSURE.match(low[m.end():m.end() + 30]) or (kind == "object" and (_ANIMALS.search(body) or _ANIMAL_OBJECT.match(low[m.end():m.end() + 40]))):
                continue
            if kind == "total" and _NOT_DEAD_AFTER.match(low, m.end()):
                continue  # "le bilan fait état de sept blessés": a count of the wounded, not of the dead
            if _MONTH_AFTER.match(low, m.end("n")):
                continue  # "3 juin (Wire) - Douze déplacés": the figure is a day of the month
            v = _value(m)
            if v is None:
                continue
            # "killed a man" parses through VICTIM-less object patterns only for digits/words; "a" is handled below
            revised = bool(_REVISED.search(text[max(0, m.start() - 15):m.end()])) or _after_toll_update(text, m.start())
            vague = " ".join(m.group("n").lower().split()) in VAGUE
            out.append(DeathMention(m.start(), m.end(), v[0], v[1], v[2], phrase, kind, revised, vague))
    for rx, kind in ((_PAIR, "subject"), (_OBJECT_LIST, "object")):
        out = _lists(rx, kind, text, low, lits, out)
    out = _conjoined(text, low, out)
    out += _elliptical(text, low, out)
    out += _singulars(text, out, low, lits)
    out = [d for d in out if not _motive(low, d.start)]
    out.sort(key=lambda d: d.start)
    return [replace(d, side=_side(low, d), claim=_claimed(low, d.start)) for d in out]


# whose dead a figure counts: the victim noun in a subject phrase ("douze soldats ont été tués") or right after an
# object's figure ("killed 15 militants", "killing 12 of the insurgents")
_STATE_SIDE = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|policem[ae]n|police\s+officers?|gendarmes?|guards|"
                         r"military\s+personnel|militaires?|soldats?|policiers?|gardes?)\b")
_ARMED_SIDE = re.compile(r"\b(?:militants?|insurgents?|fighters?|jihadists?|djihadistes?|jihadistes?|terrorists?|"
                         r"terroristes?|attackers?|assailants?|assaillants?|rebels?|rebelles?|bandits?|gunmen|"
                         r"combattants?|insurgés?|extremists?|islamists?|islamistes?)\b")
_VICTIM_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>[\w'’-]+)")
_NOUN_NEXT = re.compile(r"\s+[\w'’-]+")


def _side(low: str, d: DeathMention) -> str | None:
    phrase = low[d.start:d.end]
    if re.search(r"\b(?:and|et)\b|,", phrase):
        return None  # "12 soldiers and 8 rebels": both sides at once
    if d.kind == "object" or not (_STATE_SIDE.search(phrase) or _ARMED_SIDE.search(phrase)):
        # "killed 15 militants", "four dead soldiers": the noun follows the figure's phrase
        after = (_VICTIM_AFTER if d.kind == "object" else _NOUN_NEXT).match(low, d.end, d.end + 50)
        phrase = phrase + " " + (low[d.end:after.end()] if after else "")
    state, armed = _STATE_SIDE.search(phrase), _ARMED_SIDE.search(phrase)
    if bool(state) == bool(armed):
        return None
    return "state" if state else "armed"


# a party speaking of its own kills ("the army said it killed 15 militants", "the insurgents said they had killed 20
# soldiers", "a affirmé avoir neutralisé"), or a figure given in a denial ("a démenti ce bilan, faisant état de quatre
# militaires tués"): a version of the toll, which rival versions contradict rather than add to
_CLAIMED = re.compile(r"\b(?:said|says|claimed|claims|announced|stated|asserted|boasted|insisted|declared|added)\b"
                      r"[^.;:]{0,60}?\b(?:that\s+)?(?:it|they|its|their)\b(?:\s+(?:had|have|has))?\s+[^.;:]{0,40}$|"
                      r"\bclaim(?:ed|s|ing)?\s+(?:to\s+have\s+)?$|"
                      r"\b(?:affirm\w*|annonc\w*|assur\w*|revendiqu\w*|dit|déclar\w*)\s+(?:[\w'’]+\s+){0,3}?avoir\s+"
                      r"(?:[«\"]\s*)?$|"
                      r"\b(?:denied|disputed|rejected|contested|démenti|dément|contesté|conteste|rejeté|nié)\b[^.;:]*$")
_CLAUSE_START = re.compile(r".*(?:[.;:]\s|\bwhile\b|\bwhereas\b|\bbut\b|\balors que\b|\btandis que\b)", re.DOTALL)


def _claimed(low: str, start: int) -> bool:
    lo = max(0, start - 160)
    window = low[lo:start]
    cut = _CLAUSE_START.match(window)
    return bool(_CLAIMED.search(window[cut.end() if cut else 0:]))


_BRACKETED = re.compile(r"\([^()]*\)(?:\s*,[^,.;:()]{1,80},)?")
_LEAD_TIME = re.compile(rf"^\s*{TIME_ADV}")


def _lists(rx, kind, text, low, lits, out) -> list[DeathMention]:
    """Replace the single figures a list of counted victims overlaps with the list's sum."""
    folded = _folded(((None, rx),))[0][1]
    for m in (folded.finditer(low) if may_occur(folded, lits) else ()):
        span = low[m.start():m.end()]
        if kind == "object":
            span = span.split(None, 1)[1] if not span.startswith(("shot dead", "a tué", "ont tué")) else \
                span.split(None, 2)[2]
            span = _LEAD_TIME.sub("", span)  # "killed on Monday 4 soldiers and 2 civilians": the day is no item
        span = _BRACKETED.sub(" ", span)  # "(VDP), a civilian auxiliary force," names a group: no list item
        figures = [parse_number(_LEAD_NUMBER.match(part).group(0)) for part in _LIST_SPLIT.split(span)
                   if _LEAD_NUMBER.match(part)]
        if len(figures) < 2 or any(f is None for f in figures) or \
                (kind == "subject" and _not_victims(span, low[m.end():m.end() + 40])) or _ANIMALS.search(span):
            continue
        out = [d for d in out if not (d.start < m.end() and m.start() < d.end)]
        out.append(DeathMention(m.start(), m.end(), sum(f[0] for f in figures), sum(f[1] for f in figures),
                                sum(f[2] for f in figures), text[m.start():m.end()], kind))
    return out


# "dix personnes ont été tuées dimanche et trois autres dans la nuit", "five soldiers were killed and two more":
# the verb is left out, so the second figure counts the same outcome as the first; with its own day ("et trois
# autres lundi") the others died in another incident, which this one's toll must not take in
_ELLIPSIS = re.compile(rf"(?:\s+(?!(?:and|et|but|mais|while|tandis|alors|wounded|injured|blessée?s?)\b)[\w'’-]+){{0,4}}?"
                       rf"\s*,?\s+(?:and|et)\s+{NUM}\s+(?:others?|more|autres?)\b"
                       r"(?!\s+(?:(?:people|persons|personnes|were|was|have|had|ont|sont|a|été)\b|[\w'’-]+\s+(?:were|ont|sont)\b)"
                       r"|\s*,?\s+(?:[\w'’-]+\s+)?(?:wounded|injured|hurt|missing|abducted|kidnapped|arrested|blessée?s?|"
                       r"disparue?s?|enlevée?s?|arrêtée?s?|hospitalisée?s?)\b)", re.IGNORECASE)
_OWN_DAY = re.compile(rf"\s*,?\s*(?:(?:on\s+)?(?:last\s+)?{_WEEKDAY}|yesterday|hier|avant-hier|the (?:next|following|previous) day|"
                      r"the day (?:before|after)|le lendemain|la veille|(?:on|le)\s+\d{1,2}(?:st|nd|rd|th|er)?\b)", re.IGNORECASE)


def _elliptical(text: str, low: str, out: list[DeathMention]) -> list[DeathMention]:
    extra = []
    for d in out:
        if d.kind == "total":
            continue
        m = _ELLIPSIS.match(low, d.end)
        if m is None or _OWN_DAY.match(low, m.end()) or any(o.start < m.end() and m.start() < o.end for o in out):
            continue
        v = _value(m)
        if v is not None:
            extra.append(DeathMention(m.start("n"), m.end(), v[0], v[1], v[2], text[m.start("n"):m.end()], d.kind))
    return extra


_PERSON = r"(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
# "killed a herder and his two sons", "a judge and his driver were shot dead", "ont tué un berger et son fils":
# one victim and the people joined to them
_CONJOINED = [
    re.compile(rf"\b(?:killed|killing|shot dead|murdered|executed|assassinated|beheaded|massacred|tuant|a tué|ont tué|"
               rf"ont exécuté|ont assassiné)\s+(?:an?|one|the|un|une|le|la|l'|l’|its|his|her|their|son|sa)\s*{_PERSON}\s+"
               rf"(?:and|et)\s+(?:(?:his|her|their|son|sa|ses|leurs?)\s+(?P<n>{NUMBER_RE}\s+)?|"
               rf"(?P<n2>{NUMBER_RE})\s+(?:of|de)\s+(?:his|her|their|its|ses|leurs)\s+|an?\s+|une?\s+)"
               rf"(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+\b(?!\s+(?:was|were|is|are|has|had|fled|escaped|a été|ont été|ont fui)\b)",
               re.IGNORECASE),
    re.compile(rf"\b(?:an?|one|the|un|une|le|la)\s+{_PERSON}\s+(?:and|et)\s+(?:his|her|their|son|sa|ses|leurs?|an?|une?)\s+"
               rf"(?P<n>{NUMBER_RE}\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:were|have been|had been|ont été)\s+(?:\w+\s+)?"
               rf"(?:killed|shot dead|shot and killed|murdered|executed|assassinated|beheaded|tués|assassinés|exécutés)\b",
               re.IGNORECASE),
]


def _conjoined(text: str, low: str, out: list[DeathMention]) -> list[DeathMention]:
    for _, rx in _folded(tuple((None, r) for r in _CONJOINED)):
        for m in rx.finditer(low):
            if any(d.start < m.end() and m.start() < d.end and d.value > 1 for d in out) or \
                    _NEGATED.search(low[max(0, m.start() - 30):m.start()]) or _ANIMALS.search(m.group(0)):
                continue
            count = m.group("n") or (m.groupdict().get("n2") or "")
            extra = parse_number(count.strip()) if count else (1, 1, 1)
            if extra is None:
                continue
            out = [d for d in out if not (d.start < m.end() and m.start() < d.end)]
            out.append(DeathMention(m.start(), m.end(), 1 + extra[0], 1 + extra[1], 1 + extra[2],
                                    text[m.start():m.end()], "object"))
    return out


# a death named as the cause of what the text reports ("rioted after the killing of a driver", "protested over
# the death of a boy", "après la mort d'un commerçant") belongs to an earlier incident, not to this one
_MOTIVE = re.compile(r"\b(?:after|following|over|against|avenge|avenging|protest(?:ing|ed)?|(?<!responsibility )for|"
                     r"accused of|suspected of|charged with|convicted of|connection with|involved in|"
                     r"response to|reaction to|après|suite à|pour)\s+(?:the\s+|a\s+|an\s+|la\s+|le\s+|l'|l’)?"
                     r"(?:[\w-]+\s+){0,2}?(?:killing|killings|death|deaths|murder|murders|assassination|lynching|body|"
                     r"bodies|corpse|mort|meurtre|assassinat|décès|corps)\s+(?:of|d'|d’|de|du|des)\b")


def _motive(low: str, start: int) -> bool:
    lo = max(0, start - 60)
    return any(m.end() >= start - lo - 2 for m in _MOTIVE.finditer(low[lo:start + 20]))


# "killed a man", "a soldier was killed", "shot and killed a civilian", "un soldat a été tué"
_SINGULAR = [
    re.compile(r"\b(?:killed|killing|shot dead|murdered|executed|beheaded|stabbed to death|beat to death|tuant|a tué|ont tué)"
               rf"(?:\s+and\s+\w+)?(?:\s*{TIME_ADV}|\s+)"
               r"(?:an?|one|un|une)\s+(?:[\w'’-]+\s+){0,3}?(?:man|woman|boy|girl|child|civilian|soldier|policeman|"
               r"officer|person|member|resident|villager|farmer|herder|driver|trader|teacher|student|journalist|"
               r"leader|chief|worker|militant|fighter|commander|youth|individual|homme|femme|soldat|civil|policier|"
               r"enfant|gendarme|militaire|élu|chef|berger|commerçant|personne)\b", re.IGNORECASE),
    re.compile(r"\b(?:an?|one|un|une)\s+(?:[\w'’-]+\s+){0,3}?(?:man|woman|boy|girl|child|civilian|soldier|policeman|"
               r"officer|person|member|resident|villager|farmer|herder|driver|trader|teacher|student|journalist|"
               r"leader|chief|worker|militant|fighter|commander|youth|individual|homme|femme|soldat|civil|policier|"
               r"enfant|gendarme|militaire|berger|personne)\s+(?:[\w'’-]+\s+){0,6}?(?:was|has been|had been|a été|est)\s+"
               r"(?:\w+\s+)?(?:killed|shot dead|murdered|found dead|executed|beheaded|stabbed to death|tué|tuée|abattu|"
               r"retrouvé mort|assassiné)\b", re.IGNORECASE),
    re.compile(r"\b(?:an?|one|un|une|the|la|le)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|boy|girl|child|civilian|soldier|"
               r"person|victim|other|driver|homme|femme|soldat|civil|victime|autre)\s+(?:later\s+)?(?:died|succumbed|"
               r"was found dead|est mort|"
               r"est décédée?|a succombé)\b", re.IGNORECASE),
    re.compile(r"\b(?:leaving|left)\s+(?:him|her)\s+(?:dead|killed)\b", re.IGNORECASE),
    # "a man from Harasta died under torture", "resulted in the death of the local"
    re.compile(r"\b(?:an?|one|un|une)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|boy|girl|child|civilian|soldier|person|"
               r"detainee|prisoner|homme|femme|soldat|civil|détenu)\s+(?:from|of|de|du)\s+(?:[\w'’-]+\s+){1,3}?"
               r"(?:later\s+)?(?:died|was found dead|est mort|est décédée?)\b", re.IGNORECASE),
    re.compile(r"\b(?:resulted in|resulting in|caused|causing|led to|leading to)\s+the death of\s+(?:an?|one|the|his|her)\s+\w+",
               re.IGNORECASE),
    # "shot and killed MOC commander X", "assassinated village chief Y": a titled victim without article
    re.compile(r"\b(?:killed|shot dead|murdered|executed|beheaded|assassinated)\s+(?:[A-Z][\w'’-]*\s+){0,3}"
               r"(?:commander|chief|leader|mayor|imam|councill?or|official|governor|judge|colonel|captain|general|sergeant)"
               r"\s+[A-Z]", re.IGNORECASE),
    # "a drug trafficker was killed", "the driver was shot to death": one victim, whatever the noun
    re.compile(r"\b(?:an?|one|the|un|une|le|la)\s+(?:[\w'’/-]+\s+|\([^()]{1,40}\)\s+){1,8}?(?:was|has been|had been|a été|est)\s+"
               r"(?:\w+\s+)?(?:killed|shot dead|shot to death|stabbed to death|beaten to death|hacked to death|murdered|"
               r"executed|beheaded|assassinated|lynched|burned alive|tué|tuée|abattu|abattue|assassiné|assassinée|exécuté)\b",
               re.IGNORECASE),
    # "shot dead a veterinarian", "killing the soldier"
    re.compile(r"\b(?:killed|killing|shot dead|murdered|executed|beheaded|assassinated|stabbed to death|hacked to death)\s+"
               r"(?:an?|one|the|his|her|their)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]*[^s\W]\b(?!\s+(?:and|or)\b)", re.IGNORECASE),
    # one victim whatever the subject: "GATIA's commander X was killed", "a suspect was shot and died",
    # "Army officer killed by gunmen", "a prisoner died", "he later died of his wounds"
    re.compile(r"\b(?:was|has been|had been|a été)\s+(?:(?!not\b|never\b|pas\b)\w+\s+){0,3}?(?:killed|shot dead|"
               r"shot to death|stabbed to death|beaten to death|assassinated|murdered|beheaded|lynched|shot and killed|"
               r"tué|tuée|assassiné|assassinée|abattu|abattue)\b"
               r"|\b(?:was|has been|had been)\s+shot\s+(?:[\w'’-]+\s+){0,4}?and\s+(?:later\s+)?died\b"
               r"|\b(?:was|has been|had been)\s+(?:abducted|kidnapped|seized|taken|dragged|beaten|tortured)\s+"
               r"(?:[\w'’-]+\s+){0,5}?and\s+(?:later\s+|then\s+)?(?:killed|stabbed to death|shot dead|beaten to death|"
               r"executed|murdered|beheaded|strangled)\b"
               r"|\b(?:an?|one)\s+(?:[\w'’-]+\s+)?(?:man|woman|boy|girl|child|person|soldier|civilian)(?:'s|’s)\s+(?:dead\s+)?body\b"
               r"|\b(?:officer|agent|commander|chief|soldier|civilian|man|woman|boy|girl|policeman|gendarme|teacher|trader|"
               r"driver|farmer|herder|imam|official|leader|member|journalist|student|militant|fighter)\s+(?:killed|shot dead|"
               r"assassinated|murdered|beheaded|executed|lynched|stabbed to death)\s+by\b"
               r"|\b(?:an?|one|un|une)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s+(?:later\s+)?(?:died|succumbed|est mort|est décédée?|"
               r"a succombé)\b"
               r"|\b(?:he|she|il|elle)\s+(?:later\s+|then\s+|subsequently\s+)?(?:died|succumbed|est mort|est décédée?|"
               r"a succombé)\b", re.IGNORECASE),
    re.compile(r"\b(?:the )?(?:body|corpse|remains) of (?:an?|one) \w+|\b(?:was|were) found (?:dead|killed|murdered)\b|"
               r"\b(?:a|one) (?:dead|lifeless) (?:body|man|woman|person)\b|(?:le )?corps (?:sans vie )?d'un", re.IGNORECASE),
]


_NEGATED = re.compile(r"\b(?:no|no one|nobody|none|neither|not|nor|without|personne|aucun|aucune|ni)\b[^.;]*$")


def _singulars(text: str, taken: list[DeathMention], low: str,
               lits: TextLiterals | None = None) -> list[DeathMention]:
    out = []
    lits = lits or TextLiterals(low)
    for _, rx in _folded(tuple((None, r) for r in _SINGULAR)):
        if not may_occur(rx, lits):
            continue
        for m in matches(rx, low, lits):
            if any(m.start() < d.end and d.start < m.end() for d in taken + out):
                continue
            if _SUBSET.search(text[max(0, m.start() - 25):m.start()]):
                continue
            if _NEGATED.search(low[max(0, m.start() - 30):m.start()]) or re.search(r"\b(?:not|never|pas|nearly|almost|failed)\b", m.group(0)):
                continue  # "no one was killed", "personne n'a été tué"
            out.append(DeathMention(m.start(), m.end(), 1, 1, 1, text[m.start():m.end()], "object"))
    return out


# "fatalities split between 3 events", "coded as 10 and spread across two locations": a toll shared by several
# rows (one per place or day), each of which carries its share
_SPLIT = re.compile(r"\b(?:split|spread|divided|distributed|shared|répartis?)(?:\s+up)?\s+(?:equally\s+)?"
                    rf"(?:between|across|among|over|into|entre|sur)\s+(?:the\s+|les\s+)?(?P<k>{NUMBER_RE})\s+(?:[\w-]+\s+)?"
                    r"(?:events|locations|incidents|areas|fronts|frontlines|districts|provinces|villages|places|days|"
                    r"événements|localités|lieux)\b", re.IGNORECASE)


def _shares(text: str) -> int:
    """How many rows the text says its toll is split between (1 when it is not split)."""
    m = _SPLIT.search(text)
    if m is None:
        return 1
    parsed = parse_number(m.group("k"))
    return parsed[2] if parsed and 2 <= parsed[2] <= 50 else 1


def _share(value: int | None, k: int) -> int | None:
    # each row's share, rounded half up: 10 over 3 rows is 3, 9 over 2 is 5
    return value if value is None or k == 1 else int(value / k + 0.5)


def count_fatalities(text: str, deaths: list[DeathMention] | None = None) -> Fatalities:
    """ACLED's conservative fatality integer for one incident's text, with range and source phrase.

    `deaths` may be passed when already found (offsets need not be relative to `text`)."""
    f = _count(text, deaths)
    k = _shares(text)
    if k == 1 or not f.value:
        return f
    return Fatalities(_share(f.value, k), _share(f.low, k), _share(f.high, k), f.text)


def _count(text: str, deaths: list[DeathMention] | None) -> Fatalities:
    deaths = find_deaths(text) if deaths is None else deaths
    if not deaths:
        return Fatalities(0, 0 if _NONE.search(text) else None, None, None)
    revised = [d for d in deaths if d.revised]
    totals = [d for d in deaths if d.kind == "total"]
    if revised:
        d = revised[-1]
        return Fatalities(d.value, d.low, d.high, d.text)
    if totals:
        coded = [d for d in totals if "coded" in d.text.lower()]  # a coder's explicit decision wins
        d = coded[-1] if coded else max(totals, key=lambda x: x.value)
        return Fatalities(d.value, d.low, d.high, d.text)
    # distinct figures add up (victims and attackers); a figure repeated verbatim is the same people
    seen: dict[int, DeathMention] = {}
    for d in _without_vague_restatements(deaths):
        seen.setdefault(d.value, d)
    kept = _conservative_versions(list(seen.values()))
    value = sum(d.value for d in kept)
    low = sum(d.low for d in kept)
    high = None if any(d.high is None for d in kept) else sum(d.high for d in kept)
    return Fatalities(value, low, high, "; ".join(d.text for d in kept))


def _conservative_versions(deaths: list[DeathMention]) -> list[DeathMention]:
    """ACLED's lowest credible figure where reports differ: a party's version (its claim of the enemy's dead, or the
    figure of its denial) and another report of the same side's dead are two counts of the same people, and the lower
    stands. Each side's dead are different people, so the sides' lowest counts add up, whoever gives them ("21
    assailants killed, the army said; the group claimed 20 soldiers, a resident saw four bodies": 21 + 4)."""
    if not any(d.claim and d.side for d in deaths):
        return deaths
    by_side: dict[str, list[DeathMention]] = {}
    for d in deaths:
        if d.side:
            by_side.setdefault(d.side, []).append(d)
    lowest = {side: min(ds, key=lambda d: d.value) if any(d.claim for d in ds) else None for side, ds in by_side.items()}
    return [d for d in deaths if not d.side or lowest[d.side] is None or d is lowest[d.side]]


def _without_vague_restatements(deaths: list[DeathMention]) -> list[DeathMention]:
    """Drop vague quantities a precise count covers: wire copy gives "killing several people" first and "Eight
    people were killed, according to a local official" later, and both speak of the same dead."""
    top = max((d.value for d in deaths if not d.vague), default=None)
    if top is None:
        return deaths
    return [d for d in deaths if not d.vague or d.value > top]


# ACLED's definitions: a protest with deaths among the protesters is "Excessive force against protesters", so a
# peaceful protest or one met with arrests or tear gas has none; deaths it names are its grievance ("protested
# over the killing of a youth"), not its outcome
_DEATHLESS = {"Peaceful protest", "Protest with intervention"}


def for_sub_event(f: Fatalities, sub_event_type: str | None) -> Fatalities:
    """The toll an incident of this sub-event type can carry."""
    if sub_event_type in _DEATHLESS and f.value:
        return Fatalities(0, 0, 0, None)
    return f
