"""Who claimed an incident and whom the article cites for it.

"JNIM has claimed responsibility", "revendiqué par l'EIGS" fill claimed_by (the actor named next to the
claim); a group the text only suspects ("presumably IS", "blamed on Boko Haram") is found by suspected_by; "according to Reuters", "a local source quoted by AFP", "selon l'AFP" fill reported_by.
"""
from __future__ import annotations

import re

from .actors import ActorMention

_CLAIM = re.compile(r"\b(?:claimed (?:responsibility|the attack|the killing|the assault|it|by)|claim of responsibility|"
                    # "IS claimed the ambush on Tuesday", "claimed Monday's bombing", "claimed credit for"
                    r"claimed (?:credit for |(?:the|this|that|both|[\w-]+['’]s) (?:[\w-]+\s+)?)(?:attacks?|ambush(?:es)?|raids?|"
                    r"bombings?|blasts?|killings?|assaults?|kidnappings?|abductions?|explosions?|operation|strikes?|"
                    r"massacre|shooting|beheading|execution)|"
                    # "X claimed to have killed five soldiers", "X claimed they killed ..."
                    r"claimed (?:to have |that (?:it|they) (?:had )?|(?:it|they) (?:had )?)(?:killed|carried out|attacked|"
                    r"targeted|destroyed|detonated)|"
                    r"revendiquée? par|"
                    r"revendiqu(?:é|ée|e|ent|ait)|a revendiqué|ont revendiqué)\b", re.IGNORECASE)
_WORD = r"(?:[A-Z](?:[\w'’&-]|\.(?=[A-Z]))*)"
_CAP = rf"(?:the |l'|l’|la |le )?(?P<src>{_WORD}(?:\s+(?:{_WORD}|de|of|du|des|al|el))*)"
_REPORT = [
    re.compile(rf"\b(?:according to|citing|cited by|quoted by|reported by|told|selon|d'après|rapporte|cité par)\s+"
               rf"(?:reports? from |a statement (?:from|by) |sources? (?:in|at|from) |a report by |a report from |"
               rf"a spokesman for |a spokesperson for |officials? (?:of|from) )?{_CAP}"),
    re.compile(rf"{_CAP}\s+(?:reported|said in a statement|news agency reported|agency reported)\b"),
]
_NOT_SOURCE = re.compile(r"^(?:He|She|They|It|The|A|An|On|In|Il|Elle|Ils|Le|La|Les)$")


_NO_CLAIM = re.compile(r"\b(?:no(?:\s+(?:group|one|organi[sz]ation|party))?|nobody|none|not(?:\s+yet)?|never|yet to|"
                       r"n['’]a|n['’]ont|aucun(?:e)?(?:\s+(?:groupe|organisation))?|pas(?:\s+encore)?|personne)"
                       r"(?:\s+(?:has|have|had|is|was|yet|immediately|officially|a|été|encore))*\s+$", re.IGNORECASE)


# "JNIM, which claimed an attack on Boulkessi last month, ...", "le JNIM, qui avait revendiqué l'attaque de ...":
# a claim in a relative clause describes the group's past, not this incident
_PAST_CLAIM = re.compile(r"\b(?:which|who|that|qui|lequel|laquelle)\s+(?:(?:had|has|also|already|previously|earlier|"
                         r"avait|a|ont|avaient|déjà|aussi|également)\s+){0,2}$", re.IGNORECASE)


def claimed_by(text: str, mentions: list[ActorMention], offset: int = 0) -> str | None:
    """Canonical name of the actor that claimed the incident, if the text says one did."""
    for m in _CLAIM.finditer(text):
        if _NO_CLAIM.search(text, max(0, m.start() - 40), m.start()):
            continue  # "no group has claimed responsibility"
        if _PAST_CLAIM.search(text, max(0, m.start() - 40), m.start()):
            continue
        pos = m.start() + offset
        named = [a for a in mentions if a.kind == "named"]
        after = [a for a in named if m.end() + offset <= a.start <= m.end() + offset + 3]
        if after:
            return after[0].name
        before = [a for a in named if a.end <= pos]
        if before:
            return before[0].name if pos - before[-1].end > 200 else before[-1].name
    return None


# A state that says its own forces struck ("Israel's military said its jets had struck targets at the port", "the
# U.S. military said it had carried out an air strike", "l'armée a affirmé avoir frappé"): ACLED codes a state's
# claim of a strike as the state being the attacker.
_STATE_CLAIM = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,4}?(?:said|says|announced|confirmed|stated|claimed|acknowledged|admitted|"
    r"(?:a|ont)\s+(?:affirmé|annoncé|indiqué|déclaré|confirmé|reconnu|revendiqué))\s+(?:on\s+\w+\s+|lundi\s+|"
    r"mardi\s+|mercredi\s+|jeudi\s+|vendredi\s+|samedi\s+|dimanche\s+)?(?:that\s+|qu['’]\s*)?"
    r"(?:(?:it|they|we|ils?|elle)\s+|(?:its|their|our|ses|leurs?)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?)?"
    r"(?:had\s+|has\s+|have\s+|avaient\s+|avait\s+|ont\s+|a\s+)?(?:(?:successfully|also|earlier)\s+)?"
    r"(?:struck|bombed|hit|targeted|shelled|carried\s+out|conducted|launched|avoir\s+(?:frappé|bombardé|ciblé|mené)|"
    r"frappé|bombardé|ciblé|mené)\b", re.IGNORECASE)
_CLAIM_DENIED = re.compile(r"\b(?:not|never|no|denied|pas|jamais)\b", re.IGNORECASE)


def state_claim(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """The state force that says it carried out the strike, if the text names one."""
    for a in mentions:
        if a.start < 0 or not (a.kind in ("military", "police") or a.inter == 1):
            continue
        m = _STATE_CLAIM.match(text, a.end)
        if m is not None and not _CLAIM_DENIED.search(m.group(0)):
            return a
    return None


# A group the text suspects: "the IED was likely planted by AQIM militants", "unknown gunmen, presumably IS",
# "suspected to be planted by Naxalites", "the perpetrators are alleged to be GATIA", "blamed on Boko Haram",
# "attribuée au JNIM", "Dyck Advisory Group are the suspected attackers".
_SUSPECT_BEFORE = re.compile(
    r"\b(?:presumably|presumed|suspected|allegedly|alleged|believed to be|thought to be|said to be|likely|probably|"
    # "the assailants were believed to belong to JNIM", "des sources locales l'attribuent au JNIM"
    r"(?:believed|thought|said|suspected|reported|presumed) (?:to belong|of belonging|to be members of|to be linked) to|"
    r"soupçonnée?s? d['’]appartenir (?:à|au|aux)|appartiendrai(?:en)?t (?:à|au|aux)|"
    r"(?:l['’])?(?:attribu|imput)(?:ent|e|ait|aient)(?: (?:l['’]attaque|l['’]attentat|l['’]embuscade|ce massacre|"
    r"cette attaque|cet attentat))? (?:à|au|aux)|"
    r"blamed (?:[\w'-]+\s+){0,3}?on|blamed|attributed to|accused|(?:imputée?s?|attribuée?s?) (?:à|au|aux)|présumés?|présumées?|soupçonnée?s?|"
    r"(?:planted|laid|placed|carried out|perpetrated|committed|posés?|commise?s?) (?:by|par)|"
    r"(?:perpetrators?|attackers?|assailants|culprits|gunmen|auteurs) (?:are|were|is|was|sont|seraient) "
    r"(?:alleged|believed|suspected|thought|said|reportedly|présumés|soupçonnés)(?: to be)?)"
    r"\s+(?:(?:the|les?|la|l'|l’|au|aux|des|du)\s*)?(?:[\w'-]+\s+)?$", re.IGNORECASE)
_SUSPECT_AFTER = re.compile(r"\s*(?:militants?|fighters?|members?|elements)?\s*(?:is|are|was|were|sont|est)\s+"
                            r"(?:the\s+|also\s+|les\s+)?(?:suspected|presumed|alleged|believed|blamed|soupçonnée?s?|"
                            r"présumée?s?)\b", re.IGNORECASE)


# Background, not this incident: "the region is the scene of regular attacks attributed to JNIM", "attacks
# blamed on Boko Haram have killed thousands since 2009", "une zone où opère l'EIGS". A habitual or plural
# attribution in the sentence before the group's name describes the area or the war, not who did this.
_BACKGROUND = re.compile(
    r"\b(?:regular(?:ly)?|repeated(?:ly)?|frequent(?:ly)?|often|routinely|recurr(?:ent|ing)|numerous|"
    r"(?:many|most)\s+(?:of\s+(?:the\s+)?)?(?:attacks|incidents|killings|abductions|kidnappings|bombings|raids|violence)|"
    r"series of|wave of|spate of|string of|scene of|theat(?:re|er) of|stronghold|hotbed|active (?:in|around)|"
    r"in recent (?:years|months|weeks)|for years|over the (?:past|last) (?:years|months|decade)|since (?:19|20)\d\d|"
    r"régulière?s?|régulièrement|répétée?s?|fréquente?s?|fréquemment|souvent|récurrente?s?|nombreu(?:x|ses)|"
    r"multiples|(?:une |la )?série d|vague d|théâtre d|bastion|fief|depuis (?:19|20)\d\d|depuis des (?:années|mois)|"
    r"ces dernières années|ces derniers mois)", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:[.!?»\"]\s+|\n)(?=[^.!?\n]*$)")


# a sentence about attacks in general: "Attacks blamed on Boko Haram have killed thousands"
_GENERIC_SUBJECT = re.compile(r"\s*[\"“«]?\s*(?:attacks|killings|abductions|kidnappings|bombings|raids|violence|"
                              r"attaques|violences|enlèvements|exactions|attentats)\b", re.IGNORECASE)


def _background(text: str, a: ActorMention) -> bool:
    """Whether the sentence leading to a group's name speaks of the area's or the war's habits."""
    start = max(0, a.start - 200)
    s = _SENTENCE_START.search(text, start, a.start)
    begin = s.end() if s else (0 if a.start <= 200 else start)
    return _BACKGROUND.search(text, begin, a.start) is not None or _GENERIC_SUBJECT.match(text, begin) is not None


in_background = _background


def suspected_by(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """The named group the text suspects of the incident, if any (the first one)."""
    for a in mentions:
        if a.kind != "named" or a.start < 0:
            continue
        if (_SUSPECT_BEFORE.search(text, max(0, a.start - 70), a.start) or _SUSPECT_AFTER.match(text, a.end)) and \
                not _background(text, a) and not _denied(text, a):
            return a
    return None


# "The government accused JNIM of the attack. The group denied any involvement": a suspicion its object rejects
_DENIAL = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|a\s+démenti|ont\s+démenti|dément|démentent|a\s+nié|"
                     r"ont\s+nié|nie|rejette|a\s+rejeté)\b", re.IGNORECASE)
_DENIER = re.compile(r"(?:the\s+(?:group|movement|militia|organi[sz]ation|jihadists?|rebels?)|it|they|"
                     r"(?:le|la|les)\s+(?:groupe|mouvement|milice|organisation|djihadistes?|jihadistes?|rebelles?)|il|elle|ils)"
                     r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _denied(text: str, a: ActorMention) -> bool:
    """Whether the suspected group itself (named again, or "the group") denies it in the next 200 characters."""
    for d in _DENIAL.finditer(text, a.end, a.end + 200):
        lead = text[max(a.end, d.start() - 60):d.start()]
        if _DENIER.search(lead) or (a.text and a.text.split()[0] in lead):
            return True
    return False


# a later sentence that names the unnamed side: "It said the militants belonged to the Islamic State Sahel Province",
# "the assailants were identified as JNIM fighters", "les assaillants appartenaient à l'EIGS"
_IDENTIFIED = re.compile(
    r"\b(?:the\s+|les\s+|des\s+)?(?:militants|assailants|attackers|gunmen|fighters|insurgents|jihadists|terrorists|"
    r"perpetrators|kidnappers|abductors|assaillants|jihadistes|djihadistes|terroristes|combattants|insurgés|auteurs|"
    r"hommes armés|ravisseurs)\s+(?:[\w'’-]+\s+){0,2}?(?:belonged|belong|were members|are members|were identified as|"
    r"were fighters|were from|are from|came from|appartenaient|appartiennent|étaient des (?:membres|éléments|combattants)|"
    r"sont des (?:membres|éléments|combattants))\s+(?:to|of|as|from|à|au|aux|de|du|des)?\s*"
    r"(?:(?:the|l['’]|la|le|les)\s*)?$|"
    r"\b(?:identified|named|a identifié|ont identifié)\s+(?:the|them|les)\s+(?:[\w'’-]+\s+)?(?:as|comme)\s+(?:(?:the|des|les)\s+)?$",
    re.IGNORECASE)


def identified_as(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """The named group the text says the unnamed attackers belonged to, if any (the first)."""
    for a in mentions:
        if a.kind == "named" and a.start >= 0 and _IDENTIFIED.search(text, max(0, a.start - 90), a.start) and \
                not _background(text, a) and not _denied(text, a):
            return a
    return None


def reported_by(text: str) -> str | None:
    """The outlet or body the text cites ("Reuters", "the UN"), or None."""
    for rx in _REPORT:
        for m in rx.finditer(text):
            src = m.group("src").strip(" .,")
            src = re.sub(r"\s+(?:of|de|du|des|al|el)$", "", src)
            if src and not _NOT_SOURCE.match(src) and len(src) > 1:
                return src
    return None


# Bodies left bound, beheaded or with a signed message are the signature of organised crime: an unnamed
# killer who leaves them is coded as a gang, as a drive-by shooter is.
_CRIME_HALLMARK = re.compile(
    r"\b(?:(?:hands?|legs?|feet|wrists?|arms?)(?:\s+and\s+(?:hands?|legs?|feet|wrists?))?\s+(?:were\s+|was\s+)?"
    r"(?:tied|bound)|tied\s+(?:up\s+)?(?:with\s+(?:tape|rope|wire)|hands?)|handcuffed|beheaded|decapitated|"
    r"human\s+heads?|dismembered|mutilated|coup\s+de\s+gr[aâ]ce|threatening\s+messages?|narco-?messages?|"
    r"narcomantas?|(?:inside|in)\s+(?:a\s+)?plastic\s+bags?|"
    # a body left bound or burned: "his body was found tied", "were found half burned"
    r"(?:bod(?:y|ies)|found)\s+(?:[\w-]+\s+){0,3}?(?:tied|bound|burned|burnt|charred)\b|"
    r"(?:corps|cadavres?)\s+(?:[\w-]+\s+){0,3}?(?:calcinés?|brûlés?)|"
    r"ligoté(?:e|s|es)?|(?:mains|pieds)\s+(?:et\s+(?:les\s+)?(?:mains|pieds)\s+)?li(?:é|ée)s|menotté(?:e|s|es)?|"
    r"décapité(?:e|s|es)?|démembré(?:e|s|es)?|mutilé(?:e|s|es)?|têtes?\s+humaines?|messages?\s+menaçants?|"
    r"sacs?\s+plastiques?)",
    re.IGNORECASE)
# an unnamed killer is "gunmen" or nobody at all; named insurgents who behead are not a gang
_PLAIN_KILLER = re.compile(r"^(?:(?:unidentified|unknown|several|two|three|four|\d+)\s+)?(?:armed\s+)?"
                           r"(?:gunm[ae]n|men|man|individuals|assailants?|attackers?|perpetrators|persons|people|"
                           r"hommes armés|individus armés|inconnus armés|assaillants|hitm[ae]n)$", re.IGNORECASE)


def crime_hallmark(text: str, agent: ActorMention | None) -> bool:
    """Whether an incident carries organised crime's marks and its agent, if named at all, is a plain gunman."""
    if agent is not None and agent.text and not _PLAIN_KILLER.match(agent.text.strip()):
        return False
    return bool(_CRIME_HALLMARK.search(text))
