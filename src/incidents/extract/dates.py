"""Dates in English and French news text, resolved against the publication time.

`find_dates(text, published)` returns every date expression with its span, the calendar day it names and an
ACLED time precision (1 day, 2 week/range, 3 month). Explicit dates without a year take the latest year that
does not put them after publication; weekdays mean the last such day up to publication (the publication day
itself unless written "last Sunday"), and no resolved date is ever later than the publication day. Regexes only: dateparser is too slow for the hot path.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .dateline import dateline_spans

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
# Relative day offsets from the publication day, with their precision.
RELATIVE = {
    "yesterday": (-1, 1), "hier": (-1, 1), "today": (0, 1), "aujourd'hui": (0, 1), "aujourd’hui": (0, 1),
    "this morning": (0, 1), "ce matin": (0, 1), "earlier today": (0, 1), "tonight": (0, 1), "ce soir": (0, 1),
    "this afternoon": (0, 1), "cet après-midi": (0, 1), "this evening": (0, 1),
    "last night": (-1, 1), "overnight": (-1, 1), "la nuit dernière": (-1, 1), "cette nuit": (-1, 1),
    "the day before yesterday": (-2, 1), "avant-hier": (-2, 1),
    "last week": (-7, 2), "la semaine dernière": (-7, 2), "la semaine passée": (-7, 2),
    "earlier this week": (-2, 2), "this week": (-2, 2), "cette semaine": (-2, 2), "over the weekend": (-2, 2),
    "this weekend": (-2, 2), "le week-end dernier": (-2, 2), "last weekend": (-2, 2),
    "ce week-end": (-2, 2),
    # an undated "recent" event is coded, as ACLED does, at the report's own date (the day before publication,
    # like any undated incident) with month precision: a week back was a guess the text does not support
    "recently": (-1, 3), "récemment": (-1, 3),
}
# Parts of the day that start at a given hour (UTC): an article stamped before that hour cannot report an event
# of "this afternoon" or "tonight" on its own day, so the phrase names the previous day's afternoon or night.
PART_OF_DAY_START = {"this afternoon": 12, "cet après-midi": 12, "this evening": 17, "tonight": 17, "ce soir": 17}
AGO_UNITS = {"day": 1, "days": 1, "jour": 1, "jours": 1, "week": 7, "weeks": 7, "semaine": 7, "semaines": 7}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    precision: int  # 1 day, 2 week or range, 3 month
    kind: str  # "explicit", "weekday", "relative", "month", "range"
    text: str
    # the day a statement was made ("the army said on Thursday", "ont annoncé mardi"), not that of the event
    statement: bool = False


_month = "|".join(sorted(MONTHS, key=len, reverse=True))
_wd = "|".join(WEEKDAYS)
_rel = "|".join(sorted((re.escape(k) for k in RELATIVE), key=len, reverse=True))
_day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|re)?"
_year = r"(?P<y>(?:19|20)\d\d)"

_PATTERNS = [
    # 1-3 May 2020 / between 1 and 3 May / du 1er au 3 mai
    ("range", re.compile(
        rf"\b(?:between\s+|from\s+|du\s+|entre\s+le\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th|er)?\s*(?:-|–|and|to|au|et)\s*"
        rf"(?:le\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th|er)?\s+(?P<m>{_month})\.?(?:,?\s+{_year})?\b", re.IGNORECASE)),
    # 9 May 2020, le 1er juin, 30 Apr
    ("dmy", re.compile(rf"\b{_day}\s+(?:of\s+)?(?P<m>{_month})\.?(?:,?\s+{_year})?\b", re.IGNORECASE)),
    # May 9, 2020 / June 16
    ("mdy", re.compile(rf"\b(?P<m>{_month})\.?\s+{_day}\b(?:,?\s+{_year})?", re.IGNORECASE)),
    # 2020-05-09 / 09/05/2020 (day first: the usual order outside the US press)
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("dmy_num", re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")),
    ("ago", re.compile(r"\b(?:(?P<n>\d+|two|three|four|five|six|deux|trois|quatre|cinq|a|one)\s+(?P<u>days?|weeks?)\s+ago"
                       r"|il\s+y\s+a\s+(?P<n2>\d+|deux|trois|quatre|cinq|une?)\s+(?P<u2>jours?|semaines?))\b", re.IGNORECASE)),
    ("relative", re.compile(rf"(?<![\w-])(?:{_rel})(?![\w-])", re.IGNORECASE)),
    # "on Sunday", "dimanche", "last Sunday", "Sunday night", "dans la nuit de samedi à dimanche"
    ("weekday", re.compile(rf"\b(?P<w>{_wd})\b", re.IGNORECASE)),
    # month only: "in May 2020", "en mai", "earlier this month"
    ("month", re.compile(rf"\b(?:in|en|during|since|depuis|early|late|mid|début|fin|mi)[\s-]+(?:(?:the\s+)?(?:beginning|end|start|middle)\s+of\s+)?"
                         rf"(?P<m>{_month})(?:\s+{_year})?\b", re.IGNORECASE)),
]
_SMALL = {"a": 1, "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3, "four": 4,
          "quatre": 4, "five": 5, "cinq": 5, "six": 6}


def parse_published(value) -> dt.datetime | None:
    """The publication time as an aware UTC datetime, or None when missing or unreadable."""
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    s = str(value).strip().replace("Z", "+00:00")
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        try:
            d = dt.datetime.combine(dt.date.fromisoformat(s[:10]), dt.time())
        except ValueError:
            return None
    return d if d.tzinfo else d.replace(tzinfo=dt.UTC)


def _month_num(m: str) -> int | None:
    if m.isdigit():
        n = int(m)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(m.lower().rstrip("."))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _with_year(m: int, d: int, y: str | None, pub: dt.date) -> dt.date | None:
    """The date; without a year, the latest one not after publication."""
    if y:
        return _safe_date(int(y), m, d)
    cand = _safe_date(pub.year, m, d)
    if cand is None or cand > pub:
        cand = _safe_date(pub.year - 1, m, d)
    return cand


def last_weekday(weekday: int, pub: dt.date, allow_same_day: bool = False) -> dt.date:
    """The last `weekday` before the publication day (the same day only when allowed)."""
    delta = (pub.weekday() - weekday) % 7
    if delta == 0 and not allow_same_day:
        delta = 7
    return pub - dt.timedelta(days=delta)


_WEEK_BACK_BEFORE = re.compile(r"\b(?:last|previous|past)\s+$", re.IGNORECASE)
_WEEK_BACK_AFTER = re.compile(r"^\s+(?:dernier|précédent|precedent|d'avant|of\s+last\s+week)\b", re.IGNORECASE)


def _week_back(m: re.Match) -> bool:
    """Whether the weekday is marked as last week's ("last Monday", "lundi dernier")."""
    text, s, e = m.string, m.start(), m.end()
    return bool(_WEEK_BACK_BEFORE.search(text[max(0, s - 12):s]) or _WEEK_BACK_AFTER.match(text[e:e + 20]))


# a verb of saying, or the statement itself, right before the date: wire copy dates its sources' words, and the
# incident they speak of may be older ("the army said on Thursday it had repelled an assault")
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|announced|told(?:\s+[\w'’-]+){1,3}?|stated|confirmed|declared|added|claimed "
    r"(?:responsibility|the \w+)(?:\s+for (?:the|this) \w+)?|(?:statement|communiqué|video|message)(?: (?:issued|released|"
    r"published|posted|read|broadcast|aired))?|a-t-on appris|(?:a|ont|avoir) (?:annoncé|indiqué|déclaré|affirmé|"
    r"précisé|confirmé|rapporté|revendiqué(?: \S+)?)|(?:publié|diffusé|rendu public|lu))\s+(?:on\s+|late\s+|early\s+|"
    r"le\s+|ce\s+)?$", re.IGNORECASE)


# the opening of a dispatch in any house style ("BENI (RD Congo), 26 mai (AFP) -", "Goma, DR Congo, May 3 (Reuters) -"):
# a place, then the filing date and an optional agency before the dash that opens the story
_FILING = re.compile(r"[ \t]*[A-ZÀ-Ý][^\n,.:;]{1,40}(?:\([^()\n]{1,30}\)[ \t]*)?(?:,[ \t]*[^\n,.:;]{2,30})?,[ \t]+"
                     r"(?P<d>\d{1,2}(?:er)?[ \t]+[A-Za-zéû]{3,10}\.?|[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2})(?:,?[ \t]+\d{4})?"
                     r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—]")


def _filing_date(text: str) -> list[tuple[int, int]]:
    m = _FILING.match(text)
    return [m.span("d")] if m else []


def find_dates(text: str, published: dt.datetime | None) -> list[DateMention]:
    """All date expressions in `text`, resolved, ordered by position, overlaps removed (first pattern wins)."""
    pub = (published or dt.datetime.now(dt.UTC)).date()
    # the hour of publication, when the stamp has one (a bare date parses to midnight: no time known)
    hour = published.hour if published is not None and published.time() != dt.time() else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = dateline_spans(text) + _filing_date(text)  # a dispatch's filing date is not the event's
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = _resolve(kind, m, pub, hour)
            if mention is None:
                continue
            if _STATEMENT_BEFORE.search(text[max(0, s - 45):s]):
                mention = replace(mention, statement=True)
            found.append(mention)
            taken.append((s, e))
    found.sort(key=lambda x: x.start)
    return found


def _resolve(kind: str, m: re.Match, pub: dt.date, hour: int | None = None) -> DateMention | None:
    s, e, t = m.start(), m.end(), m.group(0)
    if kind == "range":
        mo = _month_num(m.group("m"))
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if not mo or not (1 <= d1 < d2 <= 31) or d2 - d1 > 14:
            return None
        # one year for both ends, chosen by the start: a range still running at publication ("5-10 July" in a
        # report of 8 July) is this year's, and only its days up to publication are known to have happened
        a = _with_year(mo, d1, m.group("y"), pub)
        b = _safe_date(a.year, mo, d2) if a else None
        if not a or not b:
            return None
        b = min(b, pub)
        mid = a + dt.timedelta(days=(b - a).days // 2)
        return DateMention(s, e, min(mid, pub), 2, "range", t)
    if kind in ("dmy", "mdy", "iso", "dmy_num"):
        mo = _month_num(m.group("m"))
        d = int(m.group("d"))
        if not mo or not 1 <= d <= 31:
            return None
        # "May" alone is an ordinary word; "may 5" needs a capital to count as a date
        if kind == "mdy" and m.group("m") == "may":
            return None
        date = _with_year(mo, d, m.group("y"), pub)
        if date is None:
            return None
        return DateMention(s, e, min(date, pub), 1, "explicit", t)
    if kind == "ago":
        n = m.group("n") or m.group("n2")
        u = (m.group("u") or m.group("u2")).lower()
        k = int(n) if n.isdigit() else _SMALL.get(n.lower(), 1)
        days = k * AGO_UNITS[u]
        return DateMention(s, e, pub - dt.timedelta(days=days), 1 if AGO_UNITS[u] == 1 else 2, "relative", t)
    if kind == "relative":
        off, prec = RELATIVE[t.lower()]
        start = PART_OF_DAY_START.get(t.lower())
        if off == 0 and start is not None and hour is not None and hour < start:
            off = -1
        return DateMention(s, e, pub + dt.timedelta(days=off), prec, "relative", t)
    if kind == "weekday":
        w = m.group("w")
        # "Sunday" capitalised in English; French weekdays are lower-case
        if w.islower() and w.lower() not in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"):
            return None
        # wire copy names the publication day by its weekday ("police said on Thursday" in Thursday's paper); a
        # week earlier is written "last Thursday" / "jeudi dernier"
        return DateMention(s, e, last_weekday(WEEKDAYS[w.lower()], pub, allow_same_day=not _week_back(m)), 1,
                           "weekday", t)
    if kind == "month":
        mo = _month_num(m.group("m"))
        if not mo or (m.group("m") == "may"):
            return None
        y = m.group("y")
        year = int(y) if y else (pub.year if mo <= pub.month else pub.year - 1)
        lead = t.lower()
        day = 1 if lead.startswith(("since", "depuis", "early", "début")) or "beginning" in lead or "start" in lead \
            else 15
        date = _safe_date(year, mo, day)
        if date is None:
            return None
        return DateMention(s, e, min(date, pub), 3, "month", t)
    return None
