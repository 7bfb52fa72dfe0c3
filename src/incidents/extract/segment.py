"""Segmentation: which sentences of an article describe which incident.

One article can report several events (different days or places), besides background, reactions, quotes
and totals. Each sentence is labelled (event, aggregate, reaction, background) and event sentences are
grouped: a sentence with a new date and its own action starts a new incident; an anaphoric one ("The attack
occurred on Sunday") completes the current incident; detail sentences without a date attach to it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import DateMention
from .event_types import VIOLENT_GROUPS, detect_cues
from .fatalities import TOLL_UPDATE, find_deaths
from .sentences import Sentence

_REPORTING = re.compile(r"\b(?:said|says|warned|described|condemned|denounced|urged|stated|told|added|insisted|"
                        r"deplored|stressed|vowed|pledged|welcomed|called on|called for|confirmed that|quoted by|"
                        r"explained|noted that|a déclaré|a indiqué|"
                        r"a affirmé|a dénoncé|a condamné|a averti|a souligné|ont déclaré|estime|affirme)\b", re.IGNORECASE)
_REACTION_OPENERS = re.compile(r"^(?:in a statement|during a press conference|at a press conference|speaking|"
                               r"in an interview|in a speech|dans un communiqué|lors d'une conférence)", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”«»]")
_GENERIC_PLURAL = re.compile(r"\b(?:recent|latest|string of|series of|wave of|spate of|surge in|surge of|spike in|"
                             r"growing|escalating|repeated|frequent|past|previous|regular|similar)\s+(?:\w+\s+)?"
                             r"(?:attacks|incidents|violence|killings|clashes|assaults|raids|abductions|kidnappings)\b",
                             re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:if|could|would|might|may|threatens? to|risk of|plans? to|si|pourrait|pourraient)\b",
                           re.IGNORECASE)
_PERIOD = re.compile(r"\b(?:since (?:the (?:beginning|start) of |early |late )?(?:january|february|march|april|may|june|"
                     r"july|august|september|october|november|december|\d{4}|last|the start|the beginning)|"
                     r"so far this (?:year|month)|this year|in recent (?:months|weeks|years)|over the (?:past|last) "
                     r"(?:\w+ )?(?:days|weeks|months|years)|in the (?:past|last) (?:\w+ )?(?:weeks|months|years)|"
                     r"last year|(?:began|started|erupted|broke out|flared up|éclaté|commencé|débuté) (?:in|en) "
                     r"(?:(?:early|late|mid-?)\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
                     r"november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                     r"décembre|\d{4})|depuis (?:le début|début|janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                     r"octobre|novembre|décembre|\d{4}|l'an)|cette année|ces derniers mois|au cours des derniers)\b",
                     re.IGNORECASE)
# a war's or an insurgency's toll told in the present perfect ("The insurgency ... has killed more than 6,000
# people", "la guerre a fait des dizaines de milliers de morts"): a total over its whole course, not an incident
_CONFLICT_TOTAL = re.compile(r"\b(?:war|conflict|insurgency|rebellion|uprising|violence|crisis|unrest|guerre|conflit|"
                             r"insurrection|rébellion|violences|crise)\b[^.;]{0,120}?\b(?:has|have|had|a|ont|avait)\s+"
                             r"(?:\w+\s+){0,2}?(?:killed|claimed|left|cost|fait|tué|coûté)\b", re.IGNORECASE)
_ANAPHORA = re.compile(r"^(?:the|this|that|ce|cette|l'|l’|la|le)\s*(?:\w+\s+){0,2}?(?:attack|assault|incident|raid|"
                       r"ambush|clash|clashes|fighting|violence|killing|explosion|blast|protest|demonstration|"
                       r"attaque|assaut|embuscade|affrontements?|explosion|manifestation|it|which)\b|^(?:it|il|elle)\b",
                       re.IGNORECASE)
_NEW_EVENT = re.compile(r"\b(?:second|another|a further|separate(?:ly)?|in a separate|meanwhile|elsewhere|also|"
                        r"later|the same day|the following day|the next day|une autre|un autre|deuxième|second|"
                        r"par ailleurs|ailleurs)\b", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"\b(?:police|gendarmes|security forces|soldiers|troops|army|authorities)\b.{0,60}\b(?:dispers|"
                        r"tear ?gas|arrest|detain|fired|baton|lathi|rubber bullets|water cannon|used force|intervened|interfered|"
                        r"controlled the situation|removed|evicted|re-?open)|"
                        r"\b(?:was|were) (?:\w+ )?(?:arrested|detained|wounded|injured)\b", re.IGNORECASE)
# a note on the toll with no figure of its own ("Fatalities are split across 2 events", "Unclear fatalities coded as
# 10"): it qualifies the incident it follows
_TOLL_NOTE = re.compile(r"\b(?:fatalit|casualt|deaths?\b|toll|bilan|victimes)\w*.{0,60}?\b(?:split|spread|divided|shared|"
                        r"distributed|coded|répartis?)\b", re.IGNORECASE)
# a monitor's tally of many events ("it counted dozens of clashes", "a recensé 40 attaques") sums them up: no
# single incident to code
_TALLY = re.compile(r"\b(?:counted|recorded|documented|registered|logged|tallied|recensé|enregistré|comptabilisé|"
                    r"documenté)\s+(?:[\w-]+\s+){0,3}?(?:d'|d’)?(?:attacks|clashes|incidents|killings|raids|events|attaques|"
                    r"affrontements|incidents|assassinats)\b", re.IGNORECASE)
# a claim of responsibility for "the attack" points back to an incident already told: its other details ("saying its
# fighters had seized weapons") belong to that incident, not to a new one
_CLAIM_BACK = re.compile(r"\b(?:claim(?:ed|s)?|revendiqu\w*)\s+(?:responsibility\s+for\s+|la responsabilité de\s+)?"
                         r"(?:the|this|that|l'|l’|cette|cet|ce)\s*(?:\w+\s+){0,2}?(?:attack|assault|ambush|raid|bombing|"
                         r"killings?|abduction|kidnapping|explosion|blast|operation|attaque|assaut|embuscade|attentat|"
                         r"enlèvement|opération)\b", re.IGNORECASE)
# a sentence whose deaths or details happened "in the fighting", "during the attack", "lors des combats" speaks of the
# fighting already told: it completes that incident (and may give its day) instead of starting one
_SAME_FIGHT = re.compile(r"\b(?:in|during|throughout|after|at the end of|since the start of)\s+the\s+(?:\w+\s+)?"
                         r"(?:fighting|attack|assault|clash(?:es)?|ambush|raid|battle|combat|gunfight|exchange of fire|"
                         r"explosion|blast|offensive)\b(?!\s+(?:on|in|at|against)\s+(?:an?|another)\b)|"
                         r"\b(?:au cours|lors|à l'issue|pendant|durant)\s+(?:des|de l'|de l’|du|de la|les|l'|l’|la|le)\s*"
                         r"(?:combats|affrontements|accrochages?|attaque|assaut|embuscade|explosion|offensive|"
                         r"échanges? de tirs)\b|\bdans (?:l'|l’)(?:attaque|assaut|embuscade|explosion)\b|"
                         r"\bdans les (?:combats|affrontements)\b|"
                         r"^(?:the|this)\s+(?:fighting|attack|assault|clash(?:es)?|ambush|raid|battle),?\s+which\b",
                         re.IGNORECASE)
# what marks a sentence as another incident however it refers to "the attack"
_OTHER_INCIDENT = re.compile(r"\b(?:another|separate(?:ly)?|second|elsewhere|meanwhile|une autre|un autre|deuxième|"
                             r"ailleurs|par ailleurs|distincte?)\b", re.IGNORECASE)
# what opens the account of another incident, on the same day or not ("In a separate incident", "Later on Tuesday",
# "Par ailleurs", "La veille"); the offset in days from the incident told, when the marker gives one. "The same day"
# is left out: what happened the same day nearby is often coded as the same event
_NEXT_INCIDENT = re.compile(r"^(?:in (?:a|another) separate|in another|separately|elsewhere|meanwhile|later (?:on|that|in the day)|"
                            r"hours later|(?:a|one) day (?P<before>earlier|before)|the (?P<before2>day before|previous day)|"
                            r"(?:on )?the (?P<after>next day|following day|day after)|"
                            r"par ailleurs|ailleurs|dans une autre|dans un autre|plus tard|"
                            r"quelques heures plus tard|(?P<after_fr>le lendemain)|(?P<before_fr>la veille))\b",
                            re.IGNORECASE)
# "The attack came three days after jihadists killed 15 gendarmes", "Il s'agit de la deuxième attaque en une semaine,
# après celle qui avait coûté la vie à sept gendarmes": an earlier incident recalled to set the scene
_EARLIER_RECALLED = re.compile(r"^(?:the|this|that|it|l'|l’|cette|cet|ce|il)\s*(?:[\w'’-]+\s+){0,3}?(?:came|comes|follows|"
                               r"followed|occurred|happened|intervient|survient|est survenue?|s'agit)\s+(?:[\w'’-]+\s+){0,8}?"
                               r"(?:after|après)\b", re.IGNORECASE)
# a statement about the toll or the report of an incident already told ("The army denied the toll on Thursday",
# "Le ministère a démenti ce bilan jeudi, faisant état de quatre militaires tués"): a version of that incident, dated
# by when it was said, never an incident of its own
_TOLL_COMMENT = re.compile(
    r"\b(?P<deny>denied|denies|disputed|disputes|rejected|rejects|contested|contests|challenged|dismissed|questioned|"
    r"a\s+démenti|ont\s+démenti|dément|démentent|a\s+contesté|ont\s+contesté|conteste|contestent|a\s+rejeté|"
    r"ont\s+rejeté|rejette|a\s+nié|ont\s+nié|nie|nient|a\s+minimisé|revu\s+à\s+la\s+baisse)?"
    r"(?(deny)|(?:confirmed|confirms|corrected|revised|a\s+confirmé|ont\s+confirmé|confirme|a\s+corrigé|a\s+rectifié))"
    r"\s+(?:(?:the|this|that|these|those|its|their|ce|cette|ces|le|la|les|l['’]|son|sa|leur|leurs)\s*)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:toll|figures?|count|reports?|claims?|account|version|information|allegations?|"
    r"accusations?|bilan|chiffres?|informations?|allégations|revendication|propos)\b", re.IGNORECASE)
_ACTION_LEAD = re.compile(r"^(?:on|around|in the night|overnight|early|late|le|dans la nuit|au cours|lors)\b", re.IGNORECASE)


_EVENTFUL_GROUPS = VIOLENT_GROUPS + ("protest", "riot_violent", "mob", "arrests", "looting", "disrupted", "agreement",
                                     "seizure")
# a sentence can only be labelled "event" with one of these cue groups (or "aggregate" with a death phrase): an
# article with none of them and no death phrase yields no segment, whatever its dates, places and actors
SEGMENT_GROUPS = _EVENTFUL_GROUPS + ("change", "headquarters")


@dataclass
class Segment:
    """One candidate incident: the sentences it rests on and the date that anchors it."""
    sentences: list[Sentence] = field(default_factory=list)
    date: DateMention | None = None
    kind: str = "event"  # event | aggregate

    @property
    def start(self) -> int:
        return self.sentences[0].start

    @property
    def end(self) -> int:
        return self.sentences[-1].end

    def text(self, full: str) -> str:
        return full[self.start:self.end]


def label(sentence: Sentence, dates: list[DateMention], countries_named: int, cues: dict | None = None,
          deaths: list | None = None) -> str:
    """event | aggregate | reaction | background | other for one sentence (cues/deaths may be precomputed)."""
    t = sentence.text
    cues = detect_cues(t) if cues is None else cues
    deaths = find_deaths(t) if deaths is None else deaths
    # a death phrase is an event even without a cue word ("... left 3 militants dead")
    violent = any(g in cues for g in _EVENTFUL_GROUPS) or bool(deaths)
    if deaths and (_PERIOD.search(t) or countries_named >= 3 or
                   (_CONFLICT_TOTAL.search(t) and not any(d.precision == 1 for d in dates))):
        return "aggregate"
    # a reaction is governed by its reporting verb ("The army said its forces ...", "He warned that ...");
    # "Gunmen killed 12 villagers, officials said" is an event that cites its source
    lead_words = " ".join(t.split()[:8])
    reporting = _REPORTING.search(lead_words)
    if reporting and _PARTICIPLE.match(lead_words, reporting.end()):
        reporting = None  # "The attackers, described by residents as bandits, ...": a participle, not who spoke
    if _REACTION_OPENERS.search(t) or (reporting and not _reported_toll(t, reporting, deaths)) or \
            (_QUOTE.search(t) and _REPORTING.search(_strip_quotes(t)) and not deaths):
        return "reaction"
    if _GENERIC_PLURAL.search(t) and not deaths:
        return "background"
    if _TALLY.search(t) and not deaths:
        return "background"
    if _EARLIER_RECALLED.search(t):
        return "background"
    if _CLAIM_BACK.search(t) and not deaths:
        return "reaction"
    if violent:
        if _HYPOTHETICAL.search(t) and not deaths and not dates:
            return "background"
        if _PERIOD.search(t) and not any(d.precision == 1 for d in dates):
            return "background"
        return "event"
    if any(g in cues for g in ("change", "headquarters")) and any(d.kind == "explicit" for d in dates):
        return "event"
    return "other"


_PARTICIPLE = re.compile(r"\s+(?:by|as)\b", re.IGNORECASE)


# a neutral verb of saying that introduces what happened ("Police said gunmen killed 12 villagers", "the mayor says
# two youths were killed by soldiers"): the complement is the event; verbs of judging (condemned, urged) are not
_NEUTRAL_REPORT = re.compile(r"^(?:said|says|told|stated|confirmed that|added|explained|noted that|a déclaré|a indiqué|"
                             r"a affirmé|ont déclaré|affirme)$", re.IGNORECASE)


def _reported_toll(t: str, reporting: re.Match, deaths: list) -> bool:
    """Whether a reporting sentence relays a death toll that follows its verb, not a quote or a forecast."""
    if not deaths or not _NEUTRAL_REPORT.match(reporting.group(0)) or _QUOTE.search(t):
        return False
    after = t[reporting.end():]
    return not _HYPOTHETICAL.search(after) and any(d.text in after for d in deaths)


def _strip_quotes(t: str) -> str:
    return re.sub(r"[\"“«][^\"”»]*[\"”»]", " ", t)


def segment(sentences: list[Sentence], dates: list[DateMention], labels: list[str],
            has_deaths: list[bool] | None = None) -> list[Segment]:
    """Group labelled sentences into incident segments (events) and single-sentence aggregate segments."""
    out: list[Segment] = []
    current: Segment | None = None
    if has_deaths is None:
        has_deaths = [bool(find_deaths(s.text)) for s in sentences]
    for s, lab, deadly in zip(sentences, labels, has_deaths):
        own = [d for d in dates if s.start <= d.start < s.end]
        if lab == "aggregate":
            out.append(Segment([s], own[0] if own else None, "aggregate"))
            continue
        comment = _toll_comment(s.text)
        if comment is not None and not _OTHER_INCIDENT.search(s.text):
            if current is not None:
                current.sentences.append(s)
            if current is not None or comment.group("deny"):
                continue  # a denial with no incident before it denies nothing this article tells
        if current is not None and lab in ("event", "other", "reaction") and TOLL_UPDATE.search(s.text) and \
                not _OTHER_INCIDENT.search(s.text):
            current.sentences.append(s)
            continue
        if current is not None and not own and (
                (lab in ("other", "reaction") and deadly) or (lab == "other" and _FOLLOW_UP.search(s.text)) or
                (lab == "other" and _TOLL_NOTE.search(s.text))):
            # a toll sentence ("2 fatalities.") or the response to the incident ("Police fired tear gas") completes it
            current.sentences.append(s)
            continue
        if current is not None and _refines_day(s.text, own, current):
            # "Gunmen abducted 40 villagers, police said on Monday. The attackers arrived late on Saturday ...": the
            # incident's own day, told after the day its source spoke
            current.sentences.append(s)
            current.date = next(d for d in own if not d.statement and d.precision == 1)
            continue
        if lab != "event":
            continue
        d = _event_day(own, s if deadly else None)
        if current is None:
            current = Segment([s], d)
            out.append(current)
            continue
        lead = _NEXT_INCIDENT.search(s.text)
        if lead is not None:
            current = Segment([s], _relative_day(lead, current.date, s) if d is None or d.statement else d)
            out.append(current)
            continue
        if _same_fight(s.text):
            current.sentences.append(s)
            if d is not None and not d.statement and (current.date is None or current.date.statement):
                current.date = d  # "which began at dawn on Wednesday": the fighting's day, not the statement's
            continue
        if d is not None and current.date is None and _ANAPHORA.search(s.text):
            current.sentences.append(s)
            current.date = d
            continue
        # the day a source spoke does not make a new incident ("Soldiers killed 21 of the assailants, the army
        # said on Wednesday")
        new_day = d is not None and not d.statement and current.date is not None and d.date != current.date.date
        if new_day and not _ANAPHORA.search(s.text):
            current = Segment([s], d)
            out.append(current)
            continue
        if d is not None and current.date is None and _NEW_EVENT.search(s.text):
            current = Segment([s], d)
            out.append(current)
            continue
        current.sentences.append(s)
        if d is not None and (current.date is None or (current.date.statement and not d.statement)):
            current.date = d
    return out


# a sentence opening on the incident or its perpetrators already told ("The attackers", "The strike", "Les ravisseurs")
_BACK_REFERENCE = re.compile(r"^(?:the|these|those|les|ces|la|le|l['’])\s*(?:[\w-]+\s+)?(?:attackers|assailants|gunmen|"
                             r"kidnappers|abductors|raiders|militants|insurgents|bandits|strike|air ?strike|airstrike|"
                             r"drone strike|bombing|blast|explosion|assaillants|ravisseurs|hommes armés|frappe|"
                             r"bombardement)\b", re.IGNORECASE)


def _refines_day(t: str, own: list[DateMention], current: Segment) -> bool:
    """Whether a sentence gives the day of the incident told so far, which had only the day its source spoke."""
    if current.date is None or not current.date.statement:
        return False
    days = [d for d in own if not d.statement and d.precision == 1]
    if not days or days[0].date > current.date.date:
        return False
    if _OTHER_INCIDENT.search(t) or _NEXT_INCIDENT.search(t) or _NEW_EVENT.search(t):
        return False
    return bool(_BACK_REFERENCE.search(t) or _ANAPHORA.search(t))


def _toll_comment(t: str) -> re.Match | None:
    """The verb commenting on a told toll or report, when it governs the sentence (before any death of its own)."""
    m = _TOLL_COMMENT.search(t)
    if m is None:
        return None
    deaths = find_deaths(t[:m.start()])
    return None if deaths else m


def _relative_day(lead: re.Match, anchor: DateMention | None, s: Sentence) -> DateMention | None:
    """The day of an incident told relative to the previous one ("A day earlier", "le lendemain"), else the
    previous one's day ("Later on Tuesday", "Par ailleurs"), to be refined by its own sentence."""
    if anchor is None:
        return None
    shift = -1 if (lead.group("before") or lead.group("before2") or lead.group("before_fr")) else \
        1 if (lead.group("after") or lead.group("after_fr")) else 0
    if shift == 0:
        return None
    return DateMention(s.start + lead.start(), s.start + lead.end(), anchor.date + dt.timedelta(days=shift),
                       anchor.precision, "relative", lead.group(0))


def _event_day(own: list[DateMention], deadly: Sentence | None = None) -> DateMention | None:
    """The sentence's date for its incident: the first that is not a statement's day, else the statement's. Of two
    days in a sentence with deaths, the one told with the deaths: "fighting entered a second day on Tuesday, after
    clashes on Monday in which 12 soldiers were killed" dates the dead to Monday."""
    days = [d for d in own if not d.statement]
    if deadly is not None and len({d.date for d in days}) >= 2:
        deaths = find_deaths(deadly.text)
        at = deadly.start + deaths[0].start if deaths else -1
        earlier = [d for d in days[1:] if d.precision == 1 and d.end <= at and
                   _EARLIER_FIGHT.search(deadly.text, max(0, d.start - deadly.start - 60), d.start - deadly.start)]
        if earlier:
            return earlier[-1]
    return next(iter(days), own[0] if own else None)


# "..., after clashes on Monday in which", "au lendemain d'affrontements lundi au cours desquels": the earlier
# fighting the sentence's deaths belong to
_EARLIER_FIGHT = re.compile(r"\b(?:after|following|a day after|après|au lendemain d['’]?|suite à)\s*(?:[\w'’-]+\s+){0,3}?"
                            r"(?:clash(?:es)?|fighting|attacks?|assaults?|battles?|raids?|ambush(?:es)?|"
                            r"affrontements?|combats?|attaques?|assauts?|accrochages?|embuscades?)\b[^.;]{0,25}$",
                            re.IGNORECASE)


def _same_fight(t: str) -> bool:
    return bool(_SAME_FIGHT.search(t)) and not _OTHER_INCIDENT.search(t)
