"""Find the places a text names and resolve each to one gazetteer entry.

1. Scan: the text's words are tried as n-grams (longest first, up to six words) against the name keys of the
   gazetteer and the country table; only capitalised words start or end a name, lower-case joiners ("de", "al",
   "ez") may sit inside; common words, acronyms and halves of unknown compounds are never places alone; a
   transliteration variant ("Ar-Raqqa") matches through a looser key only where the text introduces a place.
2. Context: countries named in the text, demonyms ("Malian", "malienne"), names of forces and groups tied to a
   country ("FAMa", "Houthis") and the caller's hint vote for countries, and so does every name (for the
   countries that have a place of that name); a type word ("Mopti region", "cercle de Douentza") picks the level;
   "X, Mali" / "X (Mopti)" / "X in Y" anchors X in Y; "near", "20 km north of", "près de" mark geo_precision 2.
   A wire dateline's city votes weakly for its country; "neighbouring Mali" is a landmark, and a place in a
   neighbour of the text's countries beats one in a country the text does not point to.
3. Resolve each mention twice: first by country evidence, population and level; then again with the admin1
   regions and the leading country of the first pass, so the places of one article hang together. A small
   place outside the countries the text points to is a homonym and is dropped.
   Transliteration variants ("Quamishli", "Idleb", "Ras al Ain") are tried through loose keys where the text
   introduces or qualifies a place; "French forces" or "Saudi-led coalition" count less than other demonyms, as
   forces often act abroad; a short alternate name of a big city abroad ("Boni" for Bonn) is a homonym.
4. Names the gazetteer lacks ("the village of X", "near X", "camp militaire de X", or a name anchored in a unit
   that has no place of that name) are kept by their spelling and placed in the most specific unit the text
   supports (same sentence), with that unit's coordinates and geo_precision 2 (admin2/town) or 3 (admin1).
   "X (A, B)", "X in Y", "X, 20 km north of Y" anchor X in the unit of Y (or of the town Y); with no unit in its
   sentence, the nearest known place of the story's country. A town on a road ("the Gao-Ansongo road in Bourem")
   replaces the road's ends.
5. Admin1 regions carry ACLED's names (`admin_names.ACLED_ADMIN1`, applied when the gazetteer is built), not
   the text's spelling: a text's "Terter" or "Idlib" is still ACLED's "Tartar" and "Idleb".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from incidents.geo import store
from incidents.geo.admin_names import acled_admin1_of_admin2
from incidents.geo.countries import by_code, country_for, neighbours, table
from incidents.geo.lexicon import ADMIN1_WORDS, ADMIN2_WORDS, COMMON_WORDS, CONNECTORS, PLACE_WORDS, is_near
from incidents.geo.store import A1, A2, CC, KIND, LAT, LON, NAME, POP
from incidents.geo.text import WORD, display, key, loose


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    location: str | None
    country: str
    iso3: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    level: str  # "country" | "admin1" | "admin2" | "place"
    geo_precision: int  # 1 the place itself, 2 near it / part of a region, 3 only admin1 known
    near: bool
    origin: bool = False  # where the people came from ("residents of X", "militia from X"), set by the caller


_ARABIC_ARTICLES = frozenset(["al", "el", "ar", "as", "ad", "an", "at", "az", "ash"])
_ARABIC_JOINERS = _ARABIC_ARTICLES | {"ech", "ez", "es", "ibn", "bin", "abu", "um", "umm"}
_UNIT_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
_TYPE_WORDS = _UNIT_WORDS | PLACE_WORDS
_PLACE_INTRO = re.compile(r"\b(?:in|at|near|outside|around|between|and|of|from|to|towards|à|de|près de|vers)\s+"
                          r"(?:the\s+)?(?:(?:village|town|locality|area|commune|vicinity|outskirts)\s+(?:of|de)\s+)?"
                          # "in southern Qalqiliyah", "in rural Ras al-Ain": a part of the place
                          r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)ern\s+|central\s+|rural\s+)?$"
                          # French elides "de" before a vowel: "près d'Amba", "à l'est d'Ansongo", "village d'In-Tillit"
                          r"|(?<![\w'’])d['’]$")
_BORDER_AFTER = re.compile(r"(?:['’]s)?(?:\s*(?:-|/|and)\s*[A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)?(?:['’]s)?\s+"
                           r"(?:borders?|frontiers?|border\s?(?:area|region|zone|line))\b")
# "refugees from Syria", "talks with Russia", "fired into Israel", "venus de Syrie": a country named as the origin,
# partner or target of a movement is a landmark, like a border, not where the event is
_LANDMARK_BEFORE = re.compile(r"\b(?:from|with|into|de|depuis|avec)\s+(?:the\s+)?$")
# "neighbouring Mali", "across the border in Niger", "le Mali voisin": a country named as the neighbour of the
# story's country is a landmark too, and a sign that it is not where the event is
_NEIGHBOUR_BEFORE = re.compile(r"\b(?:neighbou?ring|across the (?:border|frontier) (?:in|into|to|from)|"
                               r"de l['’]autre c[ôo]t[ée] de la fronti[èe]re,?\s*(?:au|en|dans le)?)\s+(?:the\s+)?$",
                               re.IGNORECASE)
_NEIGHBOUR_AFTER = re.compile(r"\s+voisine?s?\b")
_BORDER_BEFORE = re.compile(r"\b(?:borders?|frontiers?|fronti[èe]res?)\s+(?:with|of|avec|du|de|de la|d['’])\s*"
                            r"(?:the\s+|le\s+|la\s+|l['’])?$", re.IGNORECASE)
# a name right after a comma or an opening parenthesis qualifies the one before: "Chora district, Urozgan"
_QUALIFIER_BEFORE = re.compile(r"[,(]\s*$")
_QUALIFIER_END = re.compile(r"\s*[),;.]")  # the qualifier ends with the name: "(Almargeb)", ", Aljfara."
_ANCHOR_GAP = re.compile(
    # lower-case words only before a parenthesis: "Naushera sector area (Rajouri district)"
    r"\s*(?:(?:city|town|village|area|camp|neighbou?rhood|district|sector|locality|ville|quartier|municipality|"
    r"municipio|commune|county|cercle|department|province|region|governorate|ward|street|quarter|suburb|township|"
    r"sub-?district|territory|LGA)\s*|"
    r"(?:[a-z]+\s+){1,3}(?=\())?"
    r"(?:,|\(|,? in|,? dans|,? en|,? à|-|(?<=[a-z] )(?:of|de|du|d['’])|"
    # "X, 20 km north of Y", "X (near Y)", "X, au sud de Y": X lies by Y
    r",?\s*\(?(?:(?:about|some|around|approximately|à|a|environ)\s+)?(?:\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?"
    r"(?:(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?\s+(?:of|from))|near|close to|(?:just\s+)?outside(?:\s+of)?|on the outskirts of|au\s+(?:nord|sud|est|ouest)(?:-(?:est|ouest))?\s+de|"
    r"pr[èe]s\s+de)"
    r")\s*(?:the\s+|la\s+|le\s+)?(?:(?:region|province|state|governorate|"
    r"district|r[ée]gion|cercle|department)\s+(?:of|de|du)\s+)?", re.IGNORECASE)
_PAREN_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,3}\(([^()]{1,80})\)")
_CURRENCY = re.compile(r"[\s-]*(?:dollars?|euros?|pounds?|currency|\$)\b", re.IGNORECASE)
_RIVER_AFTER = re.compile(r"\s+(?:[Rr]iver|[Rr]iver's|[Vv]alley)\b")
_RIVER_BEFORE = re.compile(r"(?:\b(?:fleuve|rivi[èe]re|River|the river)\s+(?:du\s+|le\s+)?)$")
_SENTENCE_END = re.compile(r"[.!?;]\s")
_LEVEL = {"A1": "admin1", "A2": "admin2", "P": "place"}
_JOIN = re.compile(r"\s{1,2}|\s?-\s?|-")
_UNKNOWN_BEFORE = re.compile(
    r"(?:\b(?:village|town|locality|hamlet|settlement|commune|localit[ée]|ville)\s+(?:of|de|d['’])\s*|"
    r"\bvillages? (?:de|of) )$", re.IGNORECASE)


@dataclass
class _Mention:
    start: int
    end: int
    surface: str
    candidates: list[int]
    country: str | None = None  # iso2 when the words name a country
    level_word: str | None = None  # "admin1" | "admin2" | "place" from a following type word
    near: bool = False
    in_name: bool = False  # part of a longer capitalised name that is not itself a place
    anchor: _Mention | None = None  # a place/country named right after it ("X, Mali", "X (Mopti)")
    fuzzy: bool = False  # matched only by its loose key: kept only in a country the text already points to
    respelled: bool = False  # a region's name in a qualifier, spelled unlike any of its gazetteer names
    fallback: tuple | None = None  # (iso2, unit entry or None): a name the gazetteer lacks, placed by context
    paren: tuple[int, int] | None = None  # the span of a parenthesis right after it ("X (Budgam, J&K)")


_POSSESSIVE = re.compile(r"['’]s$")


_ELISION = re.compile(r"(?:[dlDL]|[Qq]u|[Jj]usqu)['’](?=[A-ZÀ-Ý])")


def _tokens(text: str):
    out = []
    for m in WORD.finditer(text):
        w = m.group()
        if "'" not in w and "’" not in w:  # both rules below need an apostrophe: most words skip them
            out.append((m.start(), m.end(), w))
            continue
        start, end = m.start(), m.end()
        el = _ELISION.match(w)
        if el:  # French elision: "province d'Idleb", "l'Extrême-Nord" name Idleb and Extrême-Nord
            w, start = w[el.end():], start + el.end()
        if _POSSESSIVE.search(w):  # "Mali's army" names Mali
            w, end = w[:-2], end - 2
        out.append((start, end, w))
    return out


_ROUTE_AFTER = re.compile(r"[\s-]+(?:axis|axes|road|roads|route|highway|motorway|corridor|border|line|stretch|"
                          r"section|axe|tron[çc]on|fronti[èe]re)\b|[\s,]*(?:" +
                          "|".join(sorted(_UNIT_WORDS)) + r")\b", re.IGNORECASE)
_ROUTE_BEFORE = re.compile(r"\b(?:axis|road|route|highway|axe|tron[çc]on|between|entre|linking|reliant)\s+"
                           r"(?:the\s+|de\s+|la\s+|le\s+)?$", re.IGNORECASE)


# streets inside a town named after another town ("Sanaa Street" in Hodeidah, "avenue de Bamako" in Dakar)
_STREET_AFTER = re.compile(r"\s+(?:Street|St\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane)(?![\w-])")
_STREET_BEFORE = re.compile(r"\b(?:rue|avenue|boulevard|calle|avenida|rua)\s+(?:de\s+(?:la\s+)?|du\s+|des\s+|d['’])?$",
                            re.IGNORECASE)


def _route(text: str, toks, i: int) -> bool:
    """Whether the hyphenated compound holding word i joins two places ("the Koro-Bankass axis", "la route
    Gao-Ansongo", "Mogadishu-Hodan district") rather than being one name ("Orikhove-Donetske", "Mbuji-Mayi")."""
    a = b = i
    while a > 0 and text[toks[a - 1][1]:toks[a][0]] == "-":
        a -= 1
    while b + 1 < len(toks) and text[toks[b][1]:toks[b + 1][0]] == "-":
        b += 1
    return a < b and bool(_ROUTE_AFTER.match(text, toks[b][1]) or _ROUTE_BEFORE.search(text, max(0, toks[a][0] - 30),
                                                                             toks[a][0]))


# "N'Djamena", "N'Guigmi": a one-letter prefix before an apostrophe is part of the name, not of an acronym; so is
# one whose apostrophe was lost ("NDjamena", "MBout") before a capitalised word of four or more letters
_LETTER_PREFIX = re.compile(r"^[A-Z](?:['’](?=[A-Z][a-z])|(?=[A-Z][a-z]{3,}$))")


def _acronym(word: str) -> bool:
    """'OSCE', 'SMM', 'FAMa' are organisations, not places; 'N'Djamena' is a name."""
    return sum(c.isupper() for c in _LETTER_PREFIX.sub("", word)) > 1


def _is_cap(word: str) -> bool:
    return word[0].isupper()


def _scan(text: str, toks, keys, gaz, countries, lower_words: set[str]) -> tuple[list[_Mention], Counter]:
    mentions: list[_Mention] = []
    demonyms: Counter = Counter()
    names, n_toks = gaz.names, len(toks)
    all_demonyms = table().demonyms
    i = 0
    while i < n_toks:
        s, e, w = toks[i]
        if not w[0].isupper():  # _is_cap, inline: this loop visits every word of the text
            c = all_demonyms.get(keys[i])
            if c:
                demonyms[c] += 1
            i += 1
            continue
        found = None
        # extend over joinable words, then try longest first
        j = i
        while j + 1 < n_toks and j - i < store.MAX_NAME_TOKENS - 1 and _JOIN.fullmatch(text[toks[j][1]:toks[j + 1][0]]):
            nxt = toks[j + 1][2]
            if not (_is_cap(nxt) or keys[j + 1] in CONNECTORS):
                break
            j += 1
        # "Ras al Ain", "Bir at Tutah", "Madinat al Salah": a word joined to a name by an Arabic article is the
        # head of that name ("cape", "well", "city"), never a place alone
        arabic_head = j >= i + 2 and keys[i + 1] in _ARABIC_JOINERS and _is_cap(toks[i + 2][2])
        for last in range(j, i - 1, -1):
            if last > i and not _is_cap(toks[last][2]):
                continue
            k = " ".join(keys[i:last + 1])
            single = last == i
            if single and arabic_head:
                break
            cc = countries.names.get(k)
            if cc and _CURRENCY.match(text, toks[last][1]):
                break  # "the US dollar" names a currency, not a place
            if cc and (_RIVER_AFTER.match(text, toks[last][1]) or _RIVER_BEFORE.search(text, max(0, s - 20), s)):
                break  # "the Niger river", "le fleuve Niger": a river named like a country runs through several
            if cc:
                found = _Mention(s, toks[last][1], text[s:toks[last][1]], [], country=cc)
                break
            if single and k in countries.demonyms:
                break
            if single and (keys[i] in COMMON_WORDS or keys[i] in lower_words or len(keys[i]) < 3) \
                    and not (i + 1 < n_toks and keys[i + 1] in _UNIT_WORDS
                             and _JOIN.fullmatch(text[e:toks[i + 1][0]])):
                # a common word is a name only right before a unit word ("Ouest department"), not across a
                # number or a comma ("8 May 2020, state police")
                continue
            if single and (text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha() and i + 1 < n_toks
                           and (keys[i + 1] not in names or _is_cap(toks[i + 1][2]) and keys[i + 1] not in COMMON_WORDS)
                           or s > 1 and text[s - 1] == "-" and text[s - 2].isalpha() and i > 0
                           and (keys[i - 1] not in names or _is_cap(toks[i - 1][2]) and keys[i - 1] not in COMMON_WORDS)) \
                    and not _route(text, toks, i):
                # one half of a compound the gazetteer lacks ("Kalynove-Borshchuvate", "Orikhove-Donetske" is no
                # Donetsk); a road between two towns ("Koro-Bankass axis", "l'axe Gao-Ansongo") names both
                continue
            if single and _acronym(w):
                continue  # acronyms ("OSCE", "SMM", "FAMa") are organisations, not places
            if _STREET_AFTER.match(text, toks[last][1]) or _STREET_BEFORE.search(text, max(0, s - 16), s):
                continue  # "Sanaa Street", "rue de Bamako": a street named after a town is not that town
            cands = gaz.candidates(k)
            if not cands and len(k) >= 5 and (_PLACE_INTRO.search(text, max(0, s - 40), s)
                                              or _QUALIFIER_BEFORE.search(text, max(0, s - 3), s)
                                              and keys[i] not in _TYPE_WORDS and keys[i] not in COMMON_WORDS
                                              or last + 1 < n_toks and keys[last + 1] in _TYPE_WORDS
                                              or last > i + 1 and arabic_head
                                              or last > i and _is_cap(toks[last][2])):  # "Lower Shabelle"
                # a transliteration variant ("Ar-Raqqa" for Ar Raqqah) only where the text introduces a place
                cands = gaz.loose_candidates(loose(k))
                respelled = False
                if not cands and _QUALIFIER_BEFORE.search(text, max(0, s - 3), s) \
                        and _QUALIFIER_END.match(text, toks[last][1]) and keys[last] not in _TYPE_WORDS:
                    cands = _admin1_like(gaz, k)
                    respelled = bool(cands)
                if cands:
                    found = _Mention(s, toks[last][1], text[s:toks[last][1]], cands, fuzzy=True,
                                     respelled=respelled)
                    break
            if cands:
                found = _Mention(s, toks[last][1], text[s:toks[last][1]], cands)
                break
        if found is None:
            c = all_demonyms.get(keys[i])
            if c:
                demonyms[c] += 1
            i += 1
            continue
        mentions.append(found)
        i = last + 1
    return mentions, demonyms


@lru_cache(maxsize=1)
def _cue_firsts() -> frozenset[str]:
    return frozenset(k.split()[0] for k in table().cues if k)


def _cue_votes(toks, words) -> tuple[Counter, list[tuple[int, int]]]:
    """Votes from names of armed forces, missions and groups tied to one country ("FAMa", "Houthis"), and the
    spans of multi-word ones, whose words are not places ("Katiba Macina" is a group, not the town Macina)."""
    cues = table().cues
    out: Counter = Counter()
    spans = []
    firsts = _cue_firsts()
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            if words[i] not in firsts:
                continue
            ccs = cues.get(" ".join(words[i:i + n]))
            if ccs and (n > 1 or toks[i][2][0].isupper()):
                for cc in ccs:
                    out[cc] += 1.0 / len(ccs)
                if n > 1:
                    spans.append((toks[i][0], toks[i + n - 1][1]))
    return out, spans


# a type word before the name picks its level: "the state of Zamfara", "territoire de Rutshuru", "estado do Pará",
# "departamento del Cauca", "Tsafe local government area of" is the other order (after the name)
_TYPE_BEFORE = re.compile(
    r"\b(?:the )?(region|province|state|governorate|district|cercle|department|municipality|commune|city|town|"
    r"village|county|territory|local government area|r[ée]gion|regi[ãa]o|ville|localit[ée]|provincia|prov[íi]ncia|"
    r"estado|departamento|d[ée]partement|municipio|munic[íi]pio|distrito|territoire|gouvernorat|wilaya|"
    r"pr[ée]fecture|arrondissement|cidade|ciudad)\s+(?:of|de|du|del|do|da|d['’])\s*(?:la\s+|l['’])?$", re.IGNORECASE)


def _context(text: str, toks, mentions: list[_Mention], unknown_spans) -> None:
    """Fill level words, near flags, name-membership and anchors from the words around each mention."""
    tok_at = {t[0]: idx for idx, t in enumerate(toks)}
    for m in mentions:
        after = text[m.end:m.end + 40]
        wm = re.match(r"[\s-]*([A-Za-zéè'’-]+)", after)
        nxt = key(wm.group(1)) if wm else ""
        if nxt in ADMIN1_WORDS:
            m.level_word = "admin1"
        elif nxt in ADMIN2_WORDS:
            m.level_word = "admin2"
        elif nxt in PLACE_WORDS:
            m.level_word = "place"
        before = text[max(0, m.start - 60):m.start]
        bm = _TYPE_BEFORE.search(before)
        if bm and not m.level_word:
            w = key(bm.group(1))
            w = "lga" if w == "local government area" else w
            m.level_word = ("admin1" if w in ADMIN1_WORDS else "admin2" if w in ADMIN2_WORDS else "place")
        m.near = is_near(before)
        # part of a longer capitalised name ("Ahmed Ali", "Bat Galim Square")?
        idx = tok_at.get(m.start)
        if idx is not None and m.country is None:
            p = idx - 1
            # "Samir al Jisr", "Abu Bakr": a joiner after a capitalised word continues a person's name
            if p > 0 and key(toks[p][2]) in CONNECTORS and not _is_cap(toks[p][2]) \
                    and re.fullmatch(r"\s|-", text[toks[p][1]:m.start] or "x"):
                p -= 1
            prev_cap = p >= 0 and _is_cap(toks[p][2]) \
                and re.fullmatch(r"\s|-|\s(?:al|el|bin|ben|ibn|abu)[\s-]", text[toks[p][1]:m.start] or "x") \
                and key(toks[p][2]) not in COMMON_WORDS and tok_at.get(toks[p][0]) is not None
            end_idx = idx
            while end_idx < len(toks) and toks[end_idx][1] <= m.end:
                end_idx += 1
            next_cap = (end_idx < len(toks) and _is_cap(toks[end_idx][2])
                        and re.fullmatch(r"\s|-", text[m.end:toks[end_idx][0]] or "x")
                        and key(toks[end_idx][2]) not in COMMON_WORDS
                        and key(toks[end_idx][2]) not in ADMIN1_WORDS | ADMIN2_WORDS | PLACE_WORDS)
            # "the Gao-Gossi axis" joins two places; it is no longer name of one
            m.in_name = bool(prev_cap or next_cap) and not _route(text, toks, idx)
    # anchors: "X, Y" / "X (Y)" / "X in Y" where Y is the next mention and a country or admin unit
    for a, b in pairwise(mentions):
        gap = text[a.end:b.start]
        if gap == "-" and a.start in tok_at and _route(text, toks, tok_at[a.start]):
            continue  # "the Gao-Ansongo road": two towns, neither in the other
        if _ANCHOR_GAP.fullmatch(gap):
            a.anchor = b
    # "X (Nelson Mandela Bay, Eastern Cape)": the last name the parenthesis holds that the gazetteer knows
    for a in mentions:
        pm = None if a.country else _PAREN_AFTER.match(text, a.end)
        if pm:
            a.paren = (pm.start(1), pm.end(1))
        if pm and a.anchor is None:
            inside = [b for b in mentions if pm.start(1) <= b.start and b.end <= pm.end(1)]
            if inside:
                a.anchor = inside[-1]


_FUSED_ARTICLE = re.compile(r"^(al|el)([bcdfghjklmnpqrstvwxyz]\w{3,})$")


_ADMIN1_KEYS: dict[int, dict[str, list[tuple[str, int]]]] = {}


def _admin1_keys(gaz) -> dict[str, list[tuple[str, int]]]:
    """(loose key, entry) of every first-level unit's names by the key's first letter, built once per gazetteer
    (the fuzzy comparison below only ever looks at keys that share the first letter)."""
    cached = _ADMIN1_KEYS.get(id(gaz))
    if cached is None:
        a1 = {idx for (_cc, _a1, a2), idx in gaz.units.items() if not a2}
        pairs = [(lk, idx) for lk, bucket in gaz.loose.items() for idx in store._bucket(bucket) if idx in a1]
        pairs += [(loose(key(gaz.entries[idx][NAME])), idx) for idx in a1]
        cached = {}
        for lk, idx in pairs:
            cached.setdefault(lk[:1], []).append((lk, idx))
        _ADMIN1_KEYS.clear()
        _ADMIN1_KEYS[id(gaz)] = cached
    return cached


def _admin1_like(gaz, k: str) -> tuple[int, ...]:
    """First-level units a qualifier names in a spelling no gazetteer key has: an article run into the name
    ("Almargeb", "Elgharbia") or one vowel more or less ("Jabl al Gharbi", "Jfara"). Only for a name in qualifier
    position ("X (Almargeb)", "X, Aljfara"), and the candidates stay fuzzy (kept only in a country the text points
    to), so a misspelt region of the story's country is found while foreign units are not."""
    m = _FUSED_ARTICLE.match(k)
    lk = loose(f"{m.group(1)} {m.group(2)}" if m else k)
    if len(lk) < 5:
        return ()
    return tuple(sorted({idx for uk, idx in _admin1_keys(gaz).get(lk[:1], ())
                         if abs(len(uk) - len(lk)) <= 2 and fuzz.ratio(uk, lk) >= 85}))


def _score(gaz, idx: int, m: _Mention, votes: Counter, top_cc: str | None, admin1s: set, hint_cc: str | None,
           anchor_cands: list[int] | None, near: frozenset = frozenset()) -> float:
    e = gaz.entries[idx]
    kind, cc = e[KIND], e[CC]
    s = math.log10(e[POP] + 10) * 0.6
    # a bare name shared by a town and its unit ("Mopti", "Douentza") is the town, as ACLED codes it; a unit's
    # population is the sum of its places, so it needs no extra bonus to win when no town has the name
    if kind == "A1":
        s += 0.3
    elif kind == "A2":
        s -= 0.5
    if key(e[NAME]) == key(m.surface):
        s += 1.0
    if m.level_word:
        s += 3.0 if _LEVEL[kind] == m.level_word else -1.0
    if hint_cc and cc == hint_cc:
        s += 6.0
    if cc in near and key(e[NAME]) == key(m.surface):
        # a neighbour of the countries the text names ("Israeli strikes ... in Gaza") over a country it does not
        # point to at all: this outweighs the bonus of a first-level region. By its own name only: an alternate
        # spelling of a neighbour's town ("Saaba" for "Saba") is more likely a homonym than that town
        s += 1.0
    if votes:
        total = sum(votes.values())
        s += 5.0 * votes.get(cc, 0) / total
        if cc == top_cc:
            s += 1.5
    if kind != "A1" and (cc, e[A1]) in admin1s:
        s += 2.5
    if anchor_cands:
        for o in anchor_cands:
            oe = gaz.entries[o] if o >= 0 else None
            if o < -1 and -o - 2 >= 0:
                pass
            if oe is not None and oe[CC] == cc and (oe[KIND] != "A1" or oe[A1] == e[A1]):
                s += 4.0
                break
    return s


_INTRO_BEFORE = re.compile(r"(?:\b(?:in|of|near|outside|around|from|to|towards|de|du|à|dans|vers|pr[èe]s de)\s+"
                           r"(?:the\s+|la\s+|le\s+|l['’])?(?:[a-z]+\s+)?|\b[dl]['’])$")
_INTRO_AFTER = re.compile(r"[\s-]+(?:countryside|province|governorate|region|district|city|town|rural|"
                          r"campagne|r[ée]gion|gouvernorat)\b", re.IGNORECASE)


_VILLAGE_BEFORE = re.compile(r"\b(?:village|hamlet|localit[ée]|hameau|douar)\s+(?:of|de|du|d['’])\s*$", re.IGNORECASE)
_VILLAGE_AFTER = re.compile(r"[\s-]+(?:village|hamlet)\b", re.IGNORECASE)


def _called_village(text: str, m: _Mention) -> bool:
    """'the village of X', 'X village', 'la localité de X': the text says X is small, so no city or region."""
    return bool(_VILLAGE_BEFORE.search(text, max(0, m.start - 30), m.start) or _VILLAGE_AFTER.match(text, m.end))


def _introduced_as_place(text: str, m: _Mention) -> bool:
    """'in eastern Ar-Raqqa countryside', 'la campagne d'As-Sweida': the words around say the name is a place."""
    return bool(_INTRO_BEFORE.search(text, max(0, m.start - 40), m.start) or _INTRO_AFTER.match(text, m.end))


def _region_qualifier(gaz, text: str, m: _Mention, e: tuple) -> bool:
    """True when the mention is a first-level region's name written as a qualifier ("Raizh district (Sadah)",
    "Kokhanebi, Tovuz"): the text says where the event is, whatever the nationality of the forces it names."""
    unit = gaz.unit(e[CC], e[A1]) if e[A1] else None
    return unit is not None and bool(_QUALIFIER_BEFORE.search(text, max(0, m.start - 3), m.start)) \
        and unit_named(gaz, key(m.surface), unit)


def _leader(votes: Counter) -> str | None:
    """The country with clearly the most votes (a tie leads nowhere)."""
    top = votes.most_common(2)
    if not top or len(top) > 1 and top[0][1] < top[1][1] * 1.2:
        return None
    return top[0][0]


def _qualifier_region(gaz, m: _Mention, best: int) -> int:
    """"Acapulco, Guerrero", "Garcia municipality, Nuevo Leon": a name that qualifies another and is the name
    of a first-level region of the best candidate's country means that region, not a town of the same name in
    another region ("Guerrero" in Hidalgo)."""
    e = gaz.entries[best]
    if e[KIND] != "P" or m.level_word == "place":
        return best
    regions = [i for i in m.candidates if gaz.entries[i][KIND] == "A1" and gaz.entries[i][CC] == e[CC]]
    if not regions or any(gaz.entries[i][A1] == e[A1] for i in regions):
        return best  # the town lies in the region of its name ("Donetsk, Donetsk"): it stands for it already
    if m.anchor is not None and any(gaz.entries[i][KIND] == "A1" and gaz.entries[i][CC] == e[CC]
                                    and gaz.entries[i][A1] == e[A1] for i in m.anchor.candidates):
        return best  # "X, La Guajira, Zulia state": the name is qualified in turn, by the town's own region
    return max(regions, key=lambda i: gaz.entries[i][POP])


def _resolve(gaz, mentions, votes: Counter, hint_cc, all_admin1s, top_cc, near=frozenset(),
             own=None) -> list[int | None]:
    chosen: list[int | None] = []
    # names that qualify another ("X, Y", "X (Y)", "X in Y")
    qualifiers = {id(m.anchor) for m in mentions if m.anchor is not None}
    for n, m in enumerate(mentions):
        if m.country or not m.candidates:
            chosen.append(None)
            continue
        admin1s = all_admin1s - {own[n]} if own and own[n] else all_admin1s
        anchor = None
        if m.anchor is not None:
            b = m.anchor
            if b.country:
                anchor = [i for i in m.candidates if gaz.entries[i][CC] == b.country]
                if anchor:
                    best = max(anchor, key=lambda i: _score(gaz, i, m, votes, top_cc, admin1s, hint_cc, None, near))
                    chosen.append(_town_of_unit(gaz, m, best))
                    continue
            else:
                anchor = [i for i in b.candidates if gaz.entries[i][KIND] in ("A1", "A2")] or None
        best = max(m.candidates, key=lambda i: _score(gaz, i, m, votes, top_cc, admin1s, hint_cc, anchor, near))
        best = _own_named_region(gaz, m, best, votes)
        if id(m) in qualifiers:
            best = _qualifier_region(gaz, m, best)
        chosen.append(_town_of_unit(gaz, m, best))
    return chosen


def _own_regions(gaz, first: list[int | None], in_area) -> list[tuple[str, str] | None]:
    """For each mention, the region that only its own first-pass pick brought in: a homonym's guess must not
    confirm itself ("Ahmadabad district ... Paktia" is the Paktia district, not Gujarat's city)."""
    units = [(gaz.entries[i][CC], gaz.entries[i][A1]) if i is not None else None for i in first]
    counts = Counter(u for u in units if u)
    return [u if u and counts[u] == 1 and u not in in_area else None for u in units]


_REGIONS_BY_NAME: dict[int, dict[tuple[str, str], set[tuple[str, str]]]] = {}


def _regions_by_name(gaz) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(iso2, admin1 name) -> {(iso2, admin1 code)}, built once per gazetteer."""
    cached = _REGIONS_BY_NAME.get(id(gaz))
    if cached is None:
        cached = {}
        for (cc, a1, a2), i in gaz.units.items():
            if not a2:
                cached.setdefault((cc, gaz.entries[i][NAME]), set()).add((cc, a1))
        _REGIONS_BY_NAME.clear()
        _REGIONS_BY_NAME[id(gaz)] = cached
    return cached


def _area_units(gaz, areas) -> set[tuple[str, str]]:
    """(iso2, admin1 code) of regions given by (country name, ACLED admin1 name)."""
    out = set()
    regions = _regions_by_name(gaz)
    for country, region in areas:
        ref = country_for(country)
        if ref is not None:
            out |= regions.get((ref.iso2, region), set())
    return out


def _own_named_region(gaz, m: _Mention, best: int, votes: Counter) -> int:
    """"Kokhanebi, Tovuz": a name that is the own name of a first-level region is that region, not a town abroad
    that merely lists it among its alternate names (a border town's name in the neighbour's language), whatever
    the nationality of the forces the text names."""
    e = gaz.entries[best]
    sk = key(m.surface)
    if e[KIND] != "P" or key(e[NAME]) == sk or m.level_word not in (None, "admin1"):
        return best
    regions = [i for i in m.candidates if gaz.entries[i][KIND] == "A1" and key(gaz.entries[i][NAME]) == sk]
    if any(gaz.entries[i][CC] == e[CC] for i in regions):
        return best  # "Maraba, Para": the town's own country has the region ("Para" is also an old name of Belem)
    # only a region of a country the text points to ("Azerbaijani positions"): not Suriname's Para in Brazil
    regions = [i for i in regions if votes.get(gaz.entries[i][CC], 0) > 0]
    return max(regions, key=lambda i: gaz.entries[i][POP]) if regions else best


def _town_of_unit(gaz, m: _Mention, best: int) -> int:
    """A unit and a town inside it share the name ("Tombouctou"): a bare name, or one called a town, means the
    town, as ACLED codes it. The town may be spelled unlike the unit ("Ar Raqqah" in the region "Ar-Raqqa"): its
    loose key says it is named so."""
    e = gaz.entries[best]
    if e[KIND] == "P" or m.level_word not in (None, "place"):
        return best
    named = (*m.candidates, *gaz.loose_candidates(loose(key(m.surface))))
    towns = [i for i in named if gaz.entries[i][KIND] == "P" and gaz.entries[i][CC] == e[CC]
             and gaz.entries[i][A1] == e[A1] and (e[KIND] == "A1" or gaz.entries[i][A2] == e[A2])]
    return max(towns, key=lambda i: gaz.entries[i][POP]) if towns else best


_CAPNAME = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
# "the village of X", "localité de X", "X village", "near X", "à X": a name the gazetteer lacks is still the
# most specific place the text gives. Group a/b are introduced by a place noun (strong); c only by a preposition,
# so it must be a single capitalised word not followed by another (a person or an organisation would be).
_UNKNOWN = re.compile(
    rf"(?:\b(?:village|town|locality|hamlet|settlement|commune|area|vicinity|outskirts|forest|localit[ée]|ville|"
    rf"secteur|zone|quartier|neighbou?rhood|(?:military |army )?(?:camp|base)|(?:camp|base) militaire)"
    rf"\s+(?:of|de|du|d['’])\s*(?P<a>{_CAPNAME}(?:\s{_CAPNAME})?))|"
    rf"(?:\b(?:in|at|near|of|from|around|outside) (?:the )?(?P<b>{_CAPNAME}) (?:village|town|locality|area|forest|"
    rf"commune|camp|market|neighbou?rhood)\b)|"
    # "the gunmen stormed Maigora village": after a verb or another lower-case word too, but not after an article
    # or determiner ("a Druze village", "their Alawite village" say what kind of village, not its name)
    rf"(?:(?<![\w'’-])(?!(?:a|an|the|one|another|each|every|any|some|this|that|its|their|his|her|our|my)\s)[a-z]+ "
    rf"(?P<d>{_CAPNAME}) (?:village|hamlet)\b)|"
    rf"(?:(?:\b(?:in|at|near|around|outside|towards|between|and|to|from|à|près de|vers|entre|dans) |"
    rf"\b(?:pr[èe]s|proche|loin|environs|alentours|nord|sud|est|ouest) d['’])"
    rf"(?P<c>(?:(?:al|el|ad|an|ar|as|at|az)-)?{_CAPNAME}(?:\s(?:al|el|ad|an|ar|as|ash|at|az|de|du|la|le)[\s-]"
    rf"{_CAPNAME})?)(?![\w'’-]|\s+[A-Z]))"
)


def _unknown_villages(text: str, mentions: list[_Mention], lower_words: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised names introduced as places that the gazetteer does not know."""
    covered = [(m.start, m.end) for m in mentions]
    countries = table()
    out = []
    for m in _UNKNOWN.finditer(text):
        g = next(x for x in "abdc" if m.group(x))
        s, e = m.start(g), m.end(g)
        name = m.group(g)
        k = key(name)
        words = k.split()
        if any(s < ce and cs < e for cs, ce in covered) or not words:
            continue
        # a hyphenated name is one word: "In-Tillit", "Tin-Essako" hold no common word
        if any(key(w) in COMMON_WORDS or key(w) in countries.demonyms for w in name.split()) or k in countries.names:
            continue
        if g in "cd" and (k in lower_words or _acronym(name) and "-" not in name
                          or len(k) < 3):
            continue
        out.append((s, e, name))
        covered.append((s, e))
    return out


def _location_name(surface: str, name: str, population: int) -> str:
    """The name to report for a town. The gazetteer's when the text writes the same name or respells it
    ("N'Djamena", "Boulkessi" for Boulikessi): that is how ACLED writes it. The text's own when it calls a village by
    another name altogether, an older or local one ("Komsomolets" for Kamianyi Plast): coders keep the name of
    their source, and a village matched by a stray alternate name may be another place. A city's other names are
    mostly exonyms ("Tombouctou", "Kiev"): the gazetteer's name again."""
    if surface.isupper() or not surface[:1].isupper() or population >= _EXONYM_POP:
        return name
    sk, nk = key(surface), key(name)
    if sk == nk or loose(sk) == loose(nk) or fuzz.ratio(sk, nk) >= 80:
        return name
    return display(surface)


# towns this size and larger have names in other languages ("Tombouctou", "Kiev"); villages rarely do
_EXONYM_POP = 20_000


def _match_for(gaz, idx: int, m: _Mention) -> PlaceMatch:
    e = gaz.entries[idx]
    kind, cc = e[KIND], e[CC]
    ref = by_code(cc)
    a1e = gaz.unit(cc, e[A1]) if e[A1] else None
    a2e = gaz.unit(cc, e[A1], e[store.A2]) if kind != "A1" and e[store.A2] else None
    level = _LEVEL[kind]
    admin1 = a1e[NAME] if a1e else None
    if kind != "A1" and e[store.A2]:
        admin1 = acled_admin1_of_admin2(cc, e[A1], e[store.A2], a2e[NAME] if a2e else None) or admin1
    precision = {"place": 1, "admin2": 2, "admin1": 3}[level]
    if m.near and level == "place":
        precision = 2
    return PlaceMatch(m.start, m.end, m.surface, _location_name(m.surface, e[NAME], e[POP]) if kind == "P" else e[NAME], ref.name if ref else cc, ref.iso3 if ref else "",
                      admin1, a2e[NAME] if a2e else None, e[LAT], e[LON], level,
                      precision, m.near)


def _dateline_cc(gaz, text: str, span: tuple[int, int] | None, country: tuple[int, int] | None = None) -> str | None:
    """The country of a dateline: the one it names beside its city ("BENI (RD Congo)", "GOMA, DR Congo"), else that
    of its city's most populous entry ("BAMAKO", "N'DJAMENA")."""
    ref = country_for(text[country[0]:country[1]]) if country else None
    if ref:
        return ref.iso2
    if not span:
        return None
    cands = gaz.candidates(key(text[span[0]:span[1]]))
    return gaz.entries[max(cands, key=lambda i: gaz.entries[i][POP])][CC] if cands else None


def _text_names(cc: str, mentions: list[_Mention], demonyms: Counter, cue_votes: Counter) -> bool:
    """Whether the text itself names the country: by its name, a demonym or a force tied to it."""
    return cc in demonyms or cc in cue_votes or any(m.country == cc for m in mentions)


def locate(text: str, country_hint: str | None = None, fallback_country: str | None = None,
           dateline: tuple[int, int] | None = None,
           dateline_country: tuple[int, int] | None = None,
           areas: frozenset[tuple[str, str]] = frozenset()) -> list[PlaceMatch]:
    """Every place named in `text`, resolved to the gazetteer entry the context supports, in text order.

    `country_hint`: the country the text's actors imply. `fallback_country`: a weaker one from outside the text (a
    national outlet's home), used only when the text itself names no country, nationality or country cue.
    `dateline`: the span of a wire dateline's city, where the dispatch was filed: a vote for its country a little
    stronger than one nationality word, and it outranks a hint that the text does not support (an armed group's
    home country); the city itself is no place of the event. `dateline_country`: the span of the country a dateline
    names beside its city ("BENI (RD Congo), 26 mai"), which then gives the dateline's country. `areas`: the
    (country, admin1) regions, by ACLED name, of a mission the text names, where its homonyms most likely lie."""
    if not text:
        return []
    gaz = store.get()
    countries = table()
    toks = _tokens(text)
    keys = [key(t[2]) for t in toks]
    lower_words = {k for t, k in zip(toks, keys) if not t[2][0].isupper()}
    mentions, demonyms = _scan(text, toks, keys, gaz, countries, lower_words)
    _context(text, toks, mentions, None)
    mentions, named_forces = _split_named_forces(text, mentions)
    demonyms.update(named_forces)
    if dateline:
        mentions = [m for m in mentions if not dateline[0] <= m.start < dateline[1]]
    dl_cc = _dateline_cc(gaz, text, dateline, dateline_country)
    hint_cc = None
    if country_hint:
        ref = country_for(country_hint) or by_code(country_hint)
        hint_cc = ref.iso2 if ref else None

    votes: Counter = Counter()
    # "near the Burkina Faso border", "the Burkina-Niger border", "à la frontière avec le Niger": a neighbour
    # named as a landmark is weak evidence of where the event is
    border = {id(m) for m in mentions if m.country and (_BORDER_AFTER.match(text, m.end)
                                                        or _BORDER_BEFORE.search(text, max(0, m.start - 40), m.start)
                                                        or _LANDMARK_BEFORE.search(text, max(0, m.start - 12), m.start))}
    neighbour = {id(m) for m in mentions if m.country and (_NEIGHBOUR_BEFORE.search(text, max(0, m.start - 60), m.start)
                                                           or _NEIGHBOUR_AFTER.match(text, m.end))}
    border |= neighbour
    for m in mentions:
        if m.country:
            votes[m.country] += 1 if id(m) in border else 3
    for cc, n in demonyms.items():
        votes[cc] += n
    cue_votes, cue_spans = _cue_votes(toks, keys)
    for cc, n in cue_votes.items():
        votes[cc] += n
    if cue_spans:
        mentions = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in cue_spans)]
    if not hint_cc and fallback_country and not demonyms and not cue_votes and not any(m.country for m in mentions):
        # nothing in the text says its country: "Tripoli" in a Lebanese outlet is Lebanon's Tripoli
        ref = country_for(fallback_country) or by_code(fallback_country)
        hint_cc = ref.iso2 if ref else None
    if hint_cc and dl_cc and hint_cc != dl_cc and not _text_names(hint_cc, mentions, demonyms, cue_votes) and \
            any(gaz.entries[i][CC] == dl_cc for m in mentions for i in m.candidates):
        # a group's home country ("JNIM") against a dateline whose country has a place the text names
        # ("OUAGADOUGOU ... near Djibo"): no more than a nationality word. A regional hub's dateline alone
        # ("DAKAR ... JNIM ... in Kerena") leaves the group's country standing.
        votes[hint_cc] += 1
        hint_cc = None
    if hint_cc:
        votes[hint_cc] += 5
    if dl_cc:
        votes[dl_cc] += 1.5
    # a word inside a longer capitalised name ("Michael Langley", "Bat Galim Square") is a place only when
    # the text's leading country has a place of that name
    lead = votes.most_common(1)[0][0] if votes else None
    mentions = [m for m in mentions if not m.in_name or m.country
                or any(gaz.entries[i][CC] == lead for i in m.candidates)]

    # countries the text points to directly: named, by demonym ("l'armée malienne") or by a force or group, or
    # given by the caller
    # "French forces", "Saudi-led coalition", "Israeli airstrikes": armed forces often act abroad, so their
    # nationality is weaker evidence of where the event is than "Malian civilians" or "Turkish government"
    forces = _force_demonyms(text, toks, keys) + named_forces
    for cc, n in forces.items():
        votes[cc] -= 0.5 * n
    strict = ({m.country for m in mentions if m.country and id(m) not in border} | {c for c in demonyms if demonyms[c] > forces[c]}
              | set(cue_votes) | ({hint_cc} if hint_cc else set()))
    explicit = strict | set(demonyms)
    if not explicit:
        # only border landmarks: still the best evidence, unless called the neighbour of the story's country
        explicit = {m.country for m in mentions if m.country and id(m) not in neighbour}
    # every name also votes for the countries that have a place of that name: a country that explains several
    # names of the text is where the text is (Mali notes rarely say "Mali")
    for m in mentions:
        if m.candidates and not m.fuzzy:
            # weighted by how likely each country's best candidate is (bigger places are named more often)
            best: dict[str, float] = {}
            for i in m.candidates:
                e = gaz.entries[i]
                best[e[CC]] = max(best.get(e[CC], 0.0), math.log10(e[POP] + 10) ** 2)
            total = sum(best.values())
            for cc, w in best.items():
                votes[cc] += w / total
    kept = []
    for m in mentions:
        if m.fuzzy:
            voted = [i for i in m.candidates if votes.get(gaz.entries[i][CC], 0) >= 1]
            if not voted:
                # no country evidence either way, but the variant spells the own name of a sizeable place of one
                # country only ("Quamishli" for Al Qamishli): that is not a homonym
                lk = loose(key(m.surface))
                own = [i for i in m.candidates if loose(key(gaz.entries[i][NAME])) == lk]
                if not explicit and len({gaz.entries[i][CC] for i in own}) == 1 \
                        and any(gaz.entries[i][POP] >= 10_000 or gaz.entries[i][KIND] == "A1" for i in own):
                    voted = own
                else:
                    # a first-level region spelled another way ("Ar-Raqqa", "As-Sweida") is no homonym of the
                    # hamlets abroad that loosen to the same key ("Rakke"): regions of one country only, even when
                    # the text names another country (the forces shelling it: "Turkish forces ... in Ar-Raqqa")
                    regions = [i for i in m.candidates if gaz.entries[i][KIND] == "A1"]
                    if len({gaz.entries[i][CC] for i in regions}) == 1 and _introduced_as_place(text, m) \
                            and all(forces[c] > 0 for c in explicit):
                        cc = gaz.entries[regions[0]][CC]
                        voted = [i for i in m.candidates if gaz.entries[i][CC] == cc]
            m.candidates = voted
            if not m.candidates:
                continue  # left to the unknown-place patterns
            if len({gaz.entries[i][CC] for i in voted}) == 1:
                # a kept variant of one country's name counts like a name ("Idleb" for Idlib)
                votes[gaz.entries[voted[0]][CC]] += 1
        kept.append(m)
    mentions = kept
    # "neighbouring Mali": the story's country is one of Mali's neighbours
    beside = {m.country for m in mentions if id(m) in neighbour}
    near = frozenset().union(*(neighbours(cc) for cc in explicit | beside)) - explicit - beside
    in_area = _area_units(gaz, areas)
    first = _resolve(gaz, mentions, votes, hint_cc, in_area, _leader(votes), near)
    # second pass: the first pass's admin1 regions and dominant country pull the rest together
    ccs = Counter(gaz.entries[i][CC] for i in first if i is not None)
    votes2 = votes + Counter({cc: n for cc, n in ccs.items()})
    admin1s = {(gaz.entries[i][CC], gaz.entries[i][A1]) for i in first if i is not None} | in_area
    top = _leader(votes2)
    chosen = _resolve(gaz, mentions, votes2, hint_cc, admin1s, top, near, _own_regions(gaz, first, in_area))
    if not explicit and top and votes2[top] >= 2 and votes2[top] >= 0.5 * sum(votes2.values()):
        explicit = strict = {top}  # several names agree on one country: the text is about it
    if not explicit:
        # "in Sao Goncalo, Rio de Janeiro": a town qualified by the region it lies in names the country as surely as
        # the country's own name; other small places of the text elsewhere are homonyms
        qualified = _qualified_countries(gaz, mentions, chosen)
        if len(qualified) == 1:
            explicit = strict = qualified
    # a town of 10,000 or more named by its own name stays when only foreign forces' nationality points
    # elsewhere ("French forces struck near Timbuktu")
    big = 100_000 if strict else 10_000
    # "Turkish forces ... in Afrin", "a French company's trucks ... in Niafunke": when the text's only countries
    # are the nationality of a force or a company, which often act abroad, a name introduced as a place that
    # only one country has is that country's place, not a homonym
    foreign = set(forces) | _company_demonyms(text, toks, keys)
    foreign_only = bool(explicit) and explicit <= foreign and not set(cue_votes) - foreign \
        and not any(m.country and id(m) not in border and m.country not in foreign for m in mentions)
    # ... unless other places of the text do lie in the force's country ("Afghan forces ... in Shewan area of Bala
    # Buluk district"): then the name is a village there that the gazetteer lacks
    home_places = any(i is not None and gaz.entries[i][CC] in explicit for i in chosen)
    # the dateline's country is no second theatre: its places are not homonyms
    shielded = explicit | {dl_cc} if dl_cc else explicit
    if explicit:
        # when the text names its countries, a small place elsewhere is a homonym, not a second theatre
        for n, (m, idx) in enumerate(zip(mentions, chosen)):
            if idx is None:
                continue
            e = gaz.entries[idx]
            # a big city stays even there ("Paris"), unless the text only matched a short alternate name of it
            # ("Boni" for Bonn; a longer one is usually its name in another language: "Tombouctou")
            sk = key(m.surface)
            # by its own name only: "près d'Amba" with "soldats maliens" is no Kazakh town that has Amba as an alias
            one_country = foreign_only and not home_places and len({gaz.entries[i][CC] for i in m.candidates}) == 1 \
                and loose(key(e[NAME])) == loose(sk) and _introduced_as_place(text, m)
            if e[CC] not in shielded and e[KIND] != "A1" and not m.anchor and not one_country \
                    and (e[POP] < big or len(sk) <= 5 and loose(key(e[NAME])) != loose(sk)) \
                    and not _region_qualifier(gaz, text, m, e):
                chosen[n] = None
            elif e[CC] not in shielded and _called_village(text, m):
                # "the village of Kara" in a story about Mali is no Togolese city or region of that name
                chosen[n] = None

    _apply_anchors(gaz, mentions, chosen)
    _qualifying_towns_as_regions(gaz, text, mentions, chosen)

    out: list[PlaceMatch] = []
    for m, idx in zip(mentions, chosen):
        if m.country:
            ref = by_code(m.country)
            out.append(PlaceMatch(m.start, m.end, m.surface, None, ref.name, ref.iso3, None, None, None, None,
                                  "country", 3, m.near))
        elif idx is not None:
            out.append(_match_for(gaz, idx, m))
        elif m.fallback:
            out.append(_placed_by_context(gaz, m))
    # a name whose only gazetteer entries lie in other countries, introduced as a place ("near Boni" in a text
    # about Mali), is a village of the text's country that the gazetteer lacks
    home = _leader(Counter({cc: votes2.get(cc, 0) for cc in shielded})) if explicit else top
    dropped = []
    if home:
        for m, idx in zip(mentions, chosen):
            if idx is None and m.candidates and not m.fallback \
                    and (_PLACE_INTRO.search(text[max(0, m.start - 40):m.start]) or _called_village(text, m)):
                dropped.append((m.start, m.end, m.surface))
    out += _unknown_places(text, mentions, chosen, out, gaz, home, lower_words, dropped)
    out.sort(key=lambda p: p.start)
    return _without_route_ends(text, out)


_ROUTE_ON = re.compile(
    r"(?P<pre>\b(?:axis|road|route|highway|axe|tron[çc]on)\s+(?P<between>between\s+|entre\s+)?"
    r"(?:the\s+|de\s+|la\s+|le\s+|l['’])?)?"
    r"(?P<ends>[A-Z][\w'’]+(?:\s*[-–]\s*[A-Z][\w'’]+)+|[A-Z][\w'’]+\s+(?:and|et)\s+[A-Z][\w'’]+)"
    r"(?P<post>[\s-]+(?:axis|road|route|highway|motorway|corridor|stretch|section|axe|tron[çc]on)\b)?"
    r"\s*,?\s*(?:(?:in|at|near|outside|close to|à|dans|pr[èe]s de|non loin de|au niveau de)\s+(?:the\s+)?"
    r"(?:(?:village|town|locality|localit[ée])\s+(?:of|de|d['’])\s*)?|(?:pr[èe]s|non loin|au niveau) d['’])$")


_ROAD_WORD = r"(?:axis|road|route|highway|motorway|expressway|stretch|axe|tron[çc]on)"
_ROAD_NAMED = re.compile(
    rf"(?P<pre>\b{_ROAD_WORD}\s+(?:the\s+|de\s+|la\s+|le\s+|l['’])?)?"
    r"(?P<ends>[A-Z][\w'’]+(?:\s*[-–]\s*[A-Z][\w'’]+)+)"
    rf"(?P<post>[\s-]+{_ROAD_WORD}\b)?")
# "blocked the highway near Katari", "sur cet axe, près de X": the road named again, at a town of its own
_ROAD_AGAIN = re.compile(
    rf"\b(?:the|this|that|cet|cette|ce|l['’]|la|le)\s*(?:same\s+|m[êe]me\s+)?{_ROAD_WORD}\s*,?\s*"
    r"(?:(?:in|at|near|outside|close to|around|à|dans|pr[èe]s de|non loin de|au niveau de|à hauteur de)\s+"
    r"(?:the\s+)?(?:(?:village|town|locality|localit[ée])\s+(?:of|de|d['’])\s*)?|"
    r"(?:pr[èe]s|non loin|au niveau|à hauteur) d['’])$", re.IGNORECASE)


def _qualified_countries(gaz, mentions: list[_Mention], chosen: list[int | None]) -> set[str]:
    """Countries of the places the text qualifies by a unit they lie in ("X, Y", "X (Y)"), both resolved."""
    pos = {id(m): n for n, m in enumerate(mentions)}
    out = set()
    for m, idx in zip(mentions, chosen):
        if idx is None or m.anchor is None or id(m.anchor) not in pos:
            continue
        b_idx = chosen[pos[id(m.anchor)]]
        if b_idx is None or b_idx == idx:
            continue
        e, b = gaz.entries[idx], gaz.entries[b_idx]
        # (the qualifier may still be read as its region's seat here: "Rio de Janeiro" the city)
        if e[CC] == b[CC] and e[A1] == b[A1] and (b[KIND] != "A2" or e[A2] == b[A2]):
            out.add(e[CC])
    return out


def _town_on_road(text: str, out: list[PlaceMatch], ends: list[PlaceMatch], span: tuple[int, int]) -> bool:
    """Whether the text names a town elsewhere that lies on the road: "the highway near X" after "the Abuja-Kaduna
    highway", or a town placed in its unit ("near Katari in Kaduna state") in the region of one of the road's ends."""
    regions = {p.admin1 for p in ends if p.admin1}
    for c in out:
        if c.level != "place" or span[0] <= c.start < span[1] or c.country != ends[0].country:
            continue
        if _ROAD_AGAIN.search(text, max(0, c.start - 60), c.start):
            return True
        g = _QUALIFIER_GAP.match(text, c.end)
        if c.admin1 in regions and g and any(p.start == g.end() and p.level in ("admin1", "admin2") for p in out):
            return True
    return False


def _road_without_town(text: str, out: list[PlaceMatch]) -> set[int]:
    """Ids of the ends of roads ("the Abuja-Kaduna highway") that the text places at a town named elsewhere."""
    drop: set[int] = set()
    for m in _ROAD_NAMED.finditer(text):
        if not (m.group("pre") or m.group("post")):
            continue
        s, e = m.span("ends")
        ends = [p for p in out if s <= p.start and p.end <= e and p.level == "place"]
        if ends and _town_on_road(text, out, ends, (s, e)):
            drop.update(id(p) for p in ends)
    return drop


def _without_route_ends(text: str, out: list[PlaceMatch]) -> list[PlaceMatch]:
    """"the Gao-Ansongo highway in Bourem", "l'axe Gao-Kidal, près d'Anefis": a town named on a road says where the
    event is; the road's ends only name the road, so they give way to it."""
    drop: set[int] = _road_without_town(text, out)
    for c in out:
        if c.level != "place":
            continue
        m = _ROUTE_ON.search(text, max(0, c.start - 120), c.start)
        if not m or not (m.group("pre") or m.group("post")) \
                or not m.group("between") and not re.search(r"[-–]", m.group("ends")):
            continue
        s, e = m.span("ends")
        # a road runs within one country: a place of another is a homonym ("the Palma bridge" on a Lebanese road)
        drop.update(id(p) for p in out if s <= p.start and p.end <= e and p.country == c.country)
    return [p for p in out if id(p) not in drop] if drop else out




def unit_named(gaz, k: str, unit: tuple) -> bool:
    """True when `k` is one of the unit's own names in the gazetteer."""
    return any(gaz.entries[i] is unit or gaz.entries[i] == unit for i in gaz.candidates(k))


_FORCE_AFTER = re.compile(
    r"(?:[\s-]+(?:led|backed|allied|special|air|armed|military|security|naval|border|government|regime))?[\s-]+"
    r"(?:forces?|troops|army|military|soldiers|air ?strikes?|aircraft|jets|warplanes|drones?|navy|artillery|"
    r"fighters|coalition|patrols?|reconnaissance|units?|contingent|peacekeepers|planes|helicopters?|shelling|"
    r"forces armées|armée|soldats|militaires|frappes?)\b", re.IGNORECASE)


# French puts the adjective after the noun: "les forces françaises", "l'armée turque", "des frappes israéliennes"
_FORCE_BEFORE = re.compile(r"\b(?:forces?|arm[ée]e|soldats|militaires|troupes|frappes?|avions|drones?|"
                           r"h[ée]licopt[èe]res|contingent)(?:\s+(?:arm[ée]es|sp[ée]ciales|a[ée]riennes))?\s+$",
                           re.IGNORECASE)


def _force_demonyms(text: str, toks, keys) -> Counter:
    """Countries named by a demonym that qualifies armed forces ("Turkish forces", "les forces françaises"),
    counted per occurrence."""
    out: Counter = Counter()
    demonyms = table().demonyms
    for (s, e, _w), k in zip(toks, keys):
        c = demonyms.get(k)
        if c and (_FORCE_AFTER.match(text, e) or _FORCE_BEFORE.search(text, max(0, s - 40), s)):
            out[c] += 1
    return out


_COMPANY_AFTER = re.compile(r"(?:[\s-]+[a-z]+){0,2}?[\s-]+(?:compan(?:y|ies)|firms?|contractors?|NGOs?|nationals?|"
                            r"citizens?|engineers|expatriates?|tourists?|embassy|consulate)\b", re.IGNORECASE)
_COMPANY_BEFORE = re.compile(r"\b(?:soci[ée]t[ée]s?|entreprises?|compagnies?|ONG|ressortissants?|ing[ée]nieurs|"
                             r"touristes?|ambassade|consulat)(?:\s+[a-zé]+)?\s+$", re.IGNORECASE)


def _company_demonyms(text: str, toks, keys) -> set[str]:
    """Countries named by a demonym that qualifies a company or foreigners ("a French construction company",
    "Chinese nationals", "une entreprise française de BTP"): they say who was hit, not where."""
    demonyms = table().demonyms
    return {c for (s, e, _w), k in zip(toks, keys) if (c := demonyms.get(k))
            and (_COMPANY_AFTER.match(text, e) or _COMPANY_BEFORE.search(text, max(0, s - 40), s))}


def _split_named_forces(text: str, mentions: list[_Mention]) -> tuple[list[_Mention], Counter]:
    """"US forces", "a US drone strike", "the US government": a country's name used as an adjective of its forces
    or its state says who acts, not where; it counts like the demonym of a force ("American troops")."""
    kept, named = [], Counter()
    for m in mentions:
        if m.country and m.surface[:1].isupper() and (_FORCE_AFTER.match(text, m.end)
                                                       or _STATE_AFTER.match(text, m.end)
                                                       or _FORCE_BEFORE.search(text, max(0, m.start - 40), m.start)):
            named[m.country] += 1
        else:
            kept.append(m)
    return kept, named


_STATE_AFTER = re.compile(r"[\s-]+(?:government|administration|officials|embassy|diplomats?|envoy)\b")


def _apply_anchors(gaz, mentions, chosen) -> None:
    """"X, Mali" / "X (Luhansk)": X must lie in the anchor; if no place of that name does, X is a village the
    gazetteer lacks, placed in the anchoring unit."""
    pos = {id(m): n for n, m in enumerate(mentions)}
    qualifiers = {id(m.anchor) for m in mentions if m.anchor is not None}
    for n, m in enumerate(mentions):
        b = m.anchor
        if id(m) in qualifiers and chosen[n] is not None and gaz.entries[chosen[n]][KIND] == "A1" \
                and b is not None and id(b) in pos and chosen[pos[id(b)]] is not None \
                and gaz.entries[chosen[pos[id(b)]]][KIND] == "P":
            continue  # "X, Nuevo Leon, near Saltillo": the region qualifies X; a town is no region's anchor
        if b is not None and id(b) not in pos and m.paren:
            # the anchor was dropped as part of a longer name ("Nelson" of "Nelson Mandela Bay"): the last name
            # left in the parenthesis
            inside = [o for o in mentions if m.paren[0] <= o.start and o.end <= m.paren[1]]
            b = inside[-1] if inside else None
        if b is None or m.country or not m.candidates or id(b) not in pos:
            continue
        bi = town = None
        if b.country:
            cc, unit = b.country, None
        else:
            bi = chosen[pos[id(b)]]
            if bi is not None and gaz.entries[bi][KIND] == "P":
                # "X, Donetsk": the city named like its region stands for the region here
                be = gaz.entries[bi]
                units = [i for i in b.candidates if gaz.entries[i][KIND] != "P" and gaz.entries[i][CC] == be[CC]
                         and gaz.entries[i][A1] == be[A1]]
                bi = min(units, key=lambda i: gaz.entries[i][KIND] != "A1") if units else None
                if bi is None:
                    # "Bara in Idleb", "Salem, north of Timbuktu": X lies in the town's region, and by the town
                    bi = gaz.units.get((be[CC], be[A1], "")) if be[A1] else None
                    town = be
            if bi is None:
                continue
            unit = gaz.entries[bi]
            cc = unit[CC]

        def inside(i, cc=cc, unit=unit, bi=bi):
            e = gaz.entries[i]
            if e[CC] != cc:
                return False
            if unit is None:
                return True
            return e[A1] == unit[A1] and (unit[KIND] == "A1" or e[A2] == unit[A2]) and i != bi

        if chosen[n] is not None and inside(chosen[n]):
            continue
        ok = [i for i in m.candidates if inside(i)]
        if ok:
            chosen[n] = max(ok, key=lambda i: gaz.entries[i][POP])
        else:
            chosen[n] = None
            m.fallback = (cc, town or unit)


def _qualifying_towns_as_regions(gaz, text: str, mentions, chosen) -> None:
    """"Baqim district (Sadah)", "Samlout district, Battambang", "Hays district in western Yemen (Hudaydah)": a
    town named like its first-level region, written as a qualifier after a district or town of that region, stands
    for the region; as a town it would outrank the more specific place it qualifies. In a list of towns ("Sanaa,
    Aden and Taizz") the town before lies in another region."""
    for n, m in enumerate(mentions):
        idx = chosen[n]
        if idx is None or gaz.entries[idx][KIND] != "P" or not _QUALIFIER_BEFORE.search(text, max(0, m.start - 3),
                                                                                          m.start):
            continue
        e = gaz.entries[idx]
        unit = gaz.unit(e[CC], e[A1]) if e[A1] else None
        if unit is None or not unit_named(gaz, key(m.surface), unit):
            continue
        before = [(o, chosen[k]) for k, o in enumerate(mentions[:n]) if chosen[k] is not None and not o.country]
        if not before:
            continue
        o, oi = before[-1]
        oe = gaz.entries[oi]
        if oe[KIND] in ("A2", "P") and oe[CC] == e[CC] and oe[A1] == e[A1] and oi != idx \
                and not _SENTENCE_END.search(text, o.end, m.start):
            chosen[n] = gaz.units.get((e[CC], e[A1], ""), idx)


def _placed_by_context(gaz, m: _Mention) -> PlaceMatch:
    cc, unit = m.fallback
    ref = by_code(cc)
    if unit is None:
        return PlaceMatch(m.start, m.end, m.surface, m.surface, ref.name, ref.iso3, None, None, None, None,
                          "place", 3, m.near)
    a1 = gaz.unit(cc, unit[A1])
    # by a town ("X village near Rapar town"): the town's second-level unit and its coordinates
    a2 = unit if unit[KIND] == "A2" else gaz.unit(cc, unit[A1], unit[A2]) if unit[KIND] == "P" and unit[A2] else None
    return PlaceMatch(m.start, m.end, m.surface, m.surface, ref.name, ref.iso3, a1[NAME] if a1 else None,
                      a2[NAME] if a2 else None, unit[LAT], unit[LON], "place", 3 if unit[KIND] == "A1" else 2, m.near)


_JOINER = r"(?:al|el|ad|an|ar|as|at|az|ash|de|del|la|le|du|des|di)"
# "Qoqfin in Idleb", "Los Pijiguaos, Bolivar state", "Hutae Kolae (Sai Buri, Pattani)": up to three capitalised
# words right before a unit that qualifies them
# "X in Nigeria's northwestern Zamfara state", "X, dans le territoire de Djugu": the unit may follow a country's
# possessive, a compass adjective or a unit noun; after a comma one of those must come ("the depot of Sonatel,
# in Thiès" names a company, not a village)
_COMPASS = r"(?:far[\s-])?(?:(?:north|south)[\s-]?(?:east|west)?|east|west|central|centre)(?:ern)?\s+"
_UNIT_NOUN = (r"(?i:territory|territoire|province|region|r[ée]gion|state|[ée]tat|district|cercle|commune|county|"
              r"d[ée]partement|pr[ée]fecture|governorate|gouvernorat)\s+(?:of\s+|de\s+|du\s+|d['’])")
_QUALIFIER_GAP = re.compile(
    r"(?:\s+\(|\s+(?:in|dans|en)\s+(?:the\s+|la\s+|le\s+|l['’])?"
    rf"(?:{_UNIT_NOUN})?(?:[A-Z][\w-]*['’]s\s+)?(?:{_COMPASS})?|"
    r",\s+(?:in|dans|en)\s+(?:the\s+|la\s+|le\s+|l['’])?"
    rf"(?:{_UNIT_NOUN}|[A-Z][\w-]*['’]s\s+(?:{_COMPASS})?|{_COMPASS})|,\s*)(?=[A-Za-z])")
_QUALIFIED = re.compile(rf"(?<![\w'’-])({_CAPNAME}(?:[\s-](?:{_JOINER}[\s-])?{_CAPNAME}){{0,2}})"
                        rf"(?={_QUALIFIER_GAP.pattern})")


_NAME_ARTICLES = frozenset(["la", "le", "les", "el", "al", "los", "las", "l"])
# words of the names of buildings and institutions, which stand in a town without being places of their own
_FACILITY = frozenset(["factory", "terminal", "affairs", "education", "health", "interior", "defence", "defense",
                       "building", "headquarters", "stadium", "hotel", "palace", "mall", "roundabout", "intersection",
                       "highway", "avenue", "boulevard", "plant", "refinery", "complex", "compound", "ministere",
                       "prefecture", "governorate", "directorate", "council", "centre", "center", "club", "cathedral"])


def _qualified_unknowns(text, mentions, found: list[PlaceMatch], known) -> list[tuple[int, int, str]]:
    """Names the gazetteer lacks that the text places in a unit it names ("shelled Qoqfin in Idleb"): a village,
    which is more specific than the unit. Only names right before a resolved admin unit or town count, and no name
    with a common word (organisations: "Hamza Division in al-Hasakeh")."""
    starts = {p.start: p for p in found if p.level in ("admin1", "admin2", "place")}
    covered = [(m.start, m.end) for m in mentions] + [(s, e) for s, e, _ in known]
    demonyms = table().demonyms
    out = []
    for m in _QUALIFIED.finditer(text):
        if _QUALIFIER_GAP.match(text, m.end()).end() not in starts:
            continue
        words = m.group(1).split()
        s = m.start(1)
        while words and key(words[0]) in COMMON_WORDS and key(words[0]) not in _NAME_ARTICLES:
            s += len(words[0]) + 1  # "In Hutae Kolae": the sentence's first word
            words = words[1:]
        e = m.end(1)
        name = text[s:e]
        ks = [w for w in key(name).split() if w not in _NAME_ARTICLES]  # "La Pecherie", "El Menzah"
        if not ks or len(key(name)) < 4 or any(w in COMMON_WORDS or w in demonyms or w in _FACILITY for w in ks) \
                or any(_acronym(w) for w in name.split()) \
                or any(cs < e and s < ce for cs, ce in covered):
            continue
        out.append((s, e, name))
        covered.append((s, e))
    return out


_QUARTER_BEFORE = re.compile(r"\b(?:quartiers?|neighbou?rhoods?|suburbs?|banlieue|faubourg)\s+(?:of|de|du|d['’])\s*$",
                             re.IGNORECASE)
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter|suburb)\b", re.IGNORECASE)


def _unknown_places(text, mentions, chosen, found: list[PlaceMatch], gaz, top_cc, lower_words,
                    dropped=()) -> list[PlaceMatch]:
    extra = []
    unknown = [*_unknown_villages(text, mentions, lower_words), *dropped]
    unknown += _qualified_unknowns(text, mentions, found, unknown)
    for s, e, name in sorted(unknown):
        # the most specific unit the text supports: the nearest preceding or following admin match
        units = [p for p in found if p.level in ("admin1", "admin2", "place")
                 and not _SENTENCE_END.search(text[min(p.end, e):max(p.start, s)])]
        ctx = min(units, key=lambda p: abs(p.start - s), default=None)
        if ctx is None and (_QUARTER_BEFORE.search(text, max(0, s - 30), s) or _QUARTER_AFTER.match(text, e)):
            # "le quartier de Badalabougou" a sentence after "à Bamako": a quarter lies in the article's town
            towns = [p for p in found if p.level == "place" and p.admin1]
            ctx = min(towns, key=lambda p: (p.start > s, abs(p.start - s)), default=ctx)
        if ctx is not None:
            extra.append(PlaceMatch(s, e, name, name, ctx.country, ctx.iso3, ctx.admin1,
                                    ctx.admin2 if ctx.level != "admin1" else None, ctx.latitude, ctx.longitude,
                                    "place", 2 if ctx.level != "admin1" else 3, is_near(text[max(0, s - 60):s])))
        elif top_cc and (ctx := _nearest_unit(found, s, by_code(top_cc))) is not None:
            # no unit in its sentence: ACLED places a village it cannot find by the nearest known place of the story
            extra.append(PlaceMatch(s, e, name, name, ctx.country, ctx.iso3, ctx.admin1,
                                    ctx.admin2 if ctx.level != "admin1" else None, ctx.latitude, ctx.longitude,
                                    "place", 2 if ctx.level != "admin1" else 3, is_near(text[max(0, s - 60):s])))
        elif top_cc:
            ref = by_code(top_cc)
            if ref:
                extra.append(PlaceMatch(s, e, name, name, ref.name, ref.iso3, None, None, None, None, "place", 3,
                                        is_near(text[max(0, s - 60):s])))
    return extra


def _nearest_unit(found: list[PlaceMatch], pos: int, ref) -> PlaceMatch | None:
    """The known town or unit of the country `ref` named nearest to `pos` in the text, a town before a region."""
    if ref is None:
        return None
    units = [p for p in found if p.iso3 == ref.iso3 and p.level in ("admin1", "admin2", "place")]
    return min(units, key=lambda p: (p.level == "admin1", abs(p.start - pos)), default=None)
