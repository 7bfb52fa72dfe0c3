"""ACLED-style names for administrative units.

GeoNames names units with their type ("Douentza Cercle", "Donetsk Oblast", "Provincia de Buenos Aires") and in
scholarly transliteration ("Ta‘izz", "Şan‘ā’"). ACLED writes the bare name in plain ASCII ("Douentza", "Donetsk",
"Taizz"). The rule: fold to ASCII, drop transliteration marks, strip a leading or trailing type word.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from incidents.geo.text import display, key, loose

_TYPES = (r"region|regione|r[ée]gion|province|provincia|prov[ií]ncia|governorate|state|estado|oblast|oblast'|"
          r"district|distrito|department|d[ée]partement|departamento|prefecture|pr[ée]fecture|county|municipality|"
          r"municipio|munic[ií]pio|municipalit[ée]|municipalidad metropolitana|municipalidad|cercle|raion|rayon|division|territory|parish|krai|kray|"
          r"emirate|wilaya|wilayat|muhafazat|muhafazah|voivodeship|canton|commune|governorate|city|metropolitan city|"
          r"autonomous region|special region|capital district|zone|oblysy|arrondissement|"
          # Lebanon's and Iraq's districts ("Caza du Chouf", "Qadaa Sinjar"): the Ottoman "kaza"
          r"caza|kaza|qada|qadaa")
_GENERIC = {"federal", "capital", "national", "special", "autonomous", "central", "metropolitan"}
_LEADING = re.compile(rf"^(?:{_TYPES})\s+(?:(?:de|del|de la|du|des|of|d)\s+|d')?", re.IGNORECASE)
_TRAILING = re.compile(rf"\s+(?:{_TYPES})$", re.IGNORECASE)


# Only the types whose GeoNames primary name is an inflected local form ("Donetska oblast", "Tərtər rayonu",
# "Splitsko-dalmatinska", "Kauno apskritis", "Stockholms län"): elsewhere ("South Kivu Province" for Sud-Kivu,
# "Taiz Governorate" for Ta'izz) ACLED keeps the primary name.
_ENGLISH_TYPED = re.compile(r"^([A-Z][A-Za-z' -]+?)\s+(?:Oblast|District|Rayon|Raion|County)$")


_POSITION = (r"North|South|East|West|Northern|Southern|Eastern|Western|North[- ]?East|North[- ]?West|South[- ]?East|"
             r"South[- ]?West|Upper|Lower|Middle|Central")
_ENGLISH_POSITIONAL = re.compile(rf"^(?:{_POSITION})\s+([A-Z][A-Za-z'-]+(?:\s[A-Z][A-Za-z'-]+)?)$")
# French, Spanish, Portuguese, Dutch and German position words: ACLED keeps these local names ("Nord-Kivu",
# "Haut-Katanga", "Noord-Brabant") rather than their English translations.
_POSITION_ALONE = re.compile(rf"(?:{_POSITION})", re.IGNORECASE)
_HAS_POSITION = re.compile(rf"\b(?:{_POSITION}|nord|sud|haut|haute|bas|basse|moyen|moyenne|norte|sur|alto|alta|"
                           r"bajo|baja|baixo|noord|zuid|oost|nieder|ober|nordrhein|orient|occident|centre)", re.IGNORECASE)


def _english_positional(base: str, aliases) -> str | None:
    """'Shamal Sina' -> 'North Sinai', 'Shabeellaha Hoose' -> 'Lower Shabeelle': a region whose local name says
    north/lower/middle in Arabic or Somali is known in English by its English positional name (an alias of the form
    '<position> <a spelling of the rest of the name>')."""
    if _HAS_POSITION.search(base):
        return None
    base_loose = loose(key(base))
    for alias in aliases:
        a = _TRAILING.sub("", display(alias).strip())
        if _POSITION_ALONE.fullmatch(a) and _TRAILING.search(display(alias).strip()):
            return a  # "South Governorate" for Al Janub: the region is called "South"
        m = _ENGLISH_POSITIONAL.match(a)
        if m and len(m.group(1)) >= 4 and fuzz.partial_ratio(loose(key(m.group(1))), base_loose) >= 75:
            return a
    return None


_RIF = re.compile(r"^Rif\s+\S", re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"^([A-Z][A-Za-z' -]+?) Countryside$")


def _english_rural(base: str, aliases) -> str | None:
    """'Rif Dimashq' -> 'Rural Damascus': Arabic "rif" is the countryside around a city, and a region so named is
    known in English as "Rural <city>" (its alias "Damascus Countryside" gives the city's English name)."""
    if not _RIF.match(base):
        return None
    for alias in aliases:
        m = _COUNTRYSIDE.match(display(alias).strip())
        if m:
            return f"Rural {m.group(1)}"
    return None


def acled_admin_name(name: str, aliases=()) -> str:
    """'Douentza Cercle' -> 'Douentza'; 'Ta‘izz' -> 'Taizz'; 'Provincia de Buenos Aires' -> 'Buenos Aires'.

    With the unit's alternate names: an English form "<Name> Oblast/District/Rayon" written in plain ASCII is
    the conventional English name news and ACLED use ("Donetska" -> "Donetsk", "Tərtər" -> "Tartar");
    a shorter alias that begins the name drops an honorific tail ("Michoacán de Ocampo" -> "Michoacan").
    """
    for alias in aliases:
        m = _ENGLISH_TYPED.match(alias.strip())
        if m and m.group(1).lower() not in _GENERIC and len(m.group(1)) >= 3:
            return m.group(1)
    positional = _english_positional(display(name), aliases)
    if positional:
        return positional
    rural = _english_rural(display(name), aliases)
    if rural:
        return rural
    base = display(name)
    # ISO 3166-2 inverts a name around its type ("Madrid, Comunidad de", "Dagestan, Respublika",
    # "Praha, Hlavni mesto"): the part before the comma is the name
    head, comma, _tail = base.partition(",")
    if comma and len(head.strip()) >= 3:
        base = head.strip()
    # "Región Metropolitana de Santiago" with alias "Metropolitana": the type word goes first
    bare = _LEADING.sub("", base)
    prefixes = [display(a) for a in aliases if display(a) and len(display(a)) >= 4 and
                (base.lower().startswith(display(a).lower() + " ") or
                 bare.lower().startswith(display(a).lower() + " "))]
    if prefixes:
        base = min(prefixes, key=len)
    s = base
    stripped = _TRAILING.sub("", s)
    stripped = _LEADING.sub("", stripped)
    # keep the type word when what is left is not a name ("Distrito Federal" is not "Federal")
    if len(stripped) < 3 or stripped.lower() in _GENERIC:
        return s
    return stripped


# How ACLED names the first-level units of some countries, by GeoNames admin1 code, where no rule on GeoNames'
# names and aliases gets there: ACLED follows the humanitarian (OCHA / national statistics) names in English or
# the country's usual Latin spelling ("Nabatiye", "Bekaa", "Thi-Qar", "Sala al-Din", "Attica"), keeps names it
# has always used after a unit was renamed ("Distrito Federal", "Vargas", "Kiev City", "Chittagong"), and writes
# some units with their type ("Bogota, D.C.", "NCT of Delhi", "Federal Territory of Kuala Lumpur").
# Data, not rules: one line per unit whose GeoNames-derived name ACLED does not use.
ACLED_ADMIN1: dict[str, dict[str, str]] = {
    "AF": {"36": "Paktia", "39": "Urozgan", "42": "Panjshir"},
    "AL": {"50": "Tirana"},
    "AM": {"01": "Aragatsotn", "04": "Gegharkunik", "07": "Shirak", "09": "Tavush", "10": "Vayots Dzor"},
    "AZ": {"01": "Absheron", "02": "Aghjabadi", "04": "Agdash", "07": "Shirvan", "09": "Baku", "12": "Beylagan",
           "16": "Dashkasan", "18": "Fizuli", "20": "Ganja", "22": "Goychay", "23": "Hajigabul", "24": "Imishli",
           "29": "Lankaran", "30": "Lankaran", "33": "Mingachevir", "35": "Nakhchivan", "36": "Neftchala",
           "37": "Oghuz", "39": "Gakh", "40": "Gazakh", "41": "Gobustan", "42": "Guba", "43": "Gubadli",
           "44": "Gusar", "47": "Shaki", "48": "Shaki", "50": "Shamakhi", "51": "Shamkir", "52": "Samukh",
           "53": "Siyazan", "54": "Sumgait", "59": "Ujar", "60": "Khachmaz", "61": "Khankendi", "63": "Khizi",
           "71": "Zardab"},
    "BD": {"84": "Chittagong", "85": "Barisal"},
    "BO": {"03": "Beni"},
    "BY": {"02": "Gomel", "03": "Grodno", "04": "Minsk City", "06": "Mogilev", "07": "Vitebsk"},
    "BZ": {"05": "Stann Creek"},
    "CI": {"93": "Abidjan"},
    "CL": {"04": "Araucania", "08": "O'Higgins"},
    "CM": {"04": "Est", "07": "Nord-Ouest", "08": "Ouest", "09": "Sud-Ouest", "12": "Extreme-Nord", "13": "Nord",
           "14": "Sud"},
    "CO": {"34": "Bogota, D.C."},
    "CU": {"02": "Habana"},
    "DO": {"34": "Distrito Nacional"},
    "DZ": {"53": "Tamanghasset"},
    "ET": {"46": "Amhara", "47": "Benshangul/Gumuz", "53": "Tigray", "55": "Central Ethiopia", "56": "South Ethiopia",
           "SW": "South West Ethiopia"},
    "GE": {"04": "Autonomous Republic of Adjara", "68": "Lower Kartli", "73": "Inner Kartli"},
    "GR": {"736572": "Mount Athos", "ESYE11": "East Macedonia and Thrace", "ESYE14": "Thessaly",
           "ESYE21": "Epirus", "ESYE22": "Ionian Islands", "ESYE23": "West Greece", "ESYE24": "Central Greece",
           "ESYE25": "Peloponnese", "ESYE31": "Attica", "ESYE41": "North Aegean", "ESYE42": "South Aegean",
           "ESYE43": "Crete"},
    "HR": {"13": "Sibenik-Knin", "06": "Koprivnica-Krizevci", "09": "Medimurje", "10": "Osijek-Baranja",
           "11": "Pozega-Slavonia", "16": "Varazdin", "21": "City of Zagreb"},
    "ID": {"22": "Southeast Sulawesi", "29": "North Maluku"},
    "IL": {"01": "HaDarom", "02": "HaMerkaz", "03": "HaZafon"},
    "IN": {"07": "NCT of Delhi"},
    "IQ": {"01": "Anbar", "02": "Basrah", "03": "Muthanna", "04": "Qadissiya", "05": "Sulaymaniyah",
           "06": "Babylon", "09": "Thi-Qar", "12": "Kerbala", "14": "Missan", "15": "Ninewa",
           "16": "Wassit", "17": "Najaf", "18": "Sala al-Din"},
    "IR": {"01": "West Azarbaijan", "03": "Chaharmahal and Bakhtiari", "04": "Sistan and Baluchestan",
           "05": "Kohgiluyeh and Buyer Ahmad", "42": "Razavi Khorasan"},
    "KG": {"02": "Chui"},
    "KH": {"02": "Kampong Cham", "04": "Kampong Speu", "05": "Kampong Thom", "07": "Kandal", "08": "Koh Kong",
           "09": "Kratie", "10": "Mondulkiri", "12": "Pursat", "14": "Prey Veng", "17": "Stung Treng",
           "18": "Svay Rieng", "19": "Takeo", "23": "Ratanakiri", "25": "Banteay Meanchey", "26": "Kep",
           "27": "Oddar Meanchey", "29": "Battambang"},
    "LB": {"05": "Mount Lebanon", "07": "Nabatiye", "08": "Bekaa", "09": "North", "11": "Baalbek-Hermel"},
    "LY": {"63": "Al Jabal Al Akhdar", "64": "Al Jufra", "65": "Al Kufra", "68": "Azzawya", "69": "Benghazi",
           "70": "Derna", "72": "Misrata", "75": "Sebha", "76": "Sirt", "78": "Wadi Al Shatii",
           "80": "Al Jabal Al Gharbi", "81": "Aljfara", "82": "Almargeb", "84": "Wadi Al Hayaa"},
    "MA": {"02": "Oriental"},
    "MG": {"21": "Haute Matsiatra", "22": "Amoron'I Mania"},
    "MK": {"F6": "City of Skopje"},
    "MX": {"09": "Distrito Federal"},
    "MY": {"14": "Federal Territory of Kuala Lumpur", "15": "Federal Territory of Labuan",
           "17": "Federal Territory of Putrajaya"},
    "NG": {"11": "Federal Capital Territory"},
    "PE": {"07": "Callao"},
    "PH": {"09": "Zamboanga Peninsula", "14": "Bangsamoro Autonomous Region in Muslim Mindanao",
           "15": "Cordillera Administrative Region"},
    # Russia: the English name with its type, as in English-language usage ("Omsk Oblast", "Altai Krai",
    # "Republic of Dagestan"); the two federal cities bare
    "RU": {"01": "Republic of Adygea", "03": "Altai Republic", "04": "Altai Krai", "05": "Amur Oblast",
           "06": "Arkhangelsk Oblast", "07": "Astrakhan Oblast", "08": "Republic of Bashkortostan",
           "09": "Belgorod Oblast", "10": "Bryansk Oblast", "11": "Republic of Buryatia", "12": "Chechen Republic",
           "13": "Chelyabinsk Oblast", "15": "Chukotka Autonomous Okrug", "16": "Chuvash Republic",
           "17": "Republic of Dagestan", "19": "Republic of Ingushetia", "20": "Irkutsk Oblast",
           "21": "Ivanovo Oblast", "22": "Kabardino-Balkar Republic", "23": "Kaliningrad Oblast",
           "24": "Republic of Kalmykia", "25": "Kaluga Oblast", "27": "Karachay-Cherkess Republic",
           "28": "Republic of Karelia", "29": "Kemerovo Oblast", "30": "Khabarovsk Krai",
           "31": "Republic of Khakassia", "32": "Khanty-Mansi Autonomous Okrug", "33": "Kirov Oblast",
           "34": "Komi Republic", "37": "Kostroma Oblast", "38": "Krasnodar Krai", "40": "Kurgan Oblast",
           "41": "Kursk Oblast", "42": "Leningrad Oblast", "43": "Lipetsk Oblast", "44": "Magadan Oblast",
           "45": "Mari El Republic", "46": "Republic of Mordovia", "47": "Moscow Oblast", "48": "Moscow",
           "49": "Murmansk Oblast", "50": "Nenets Autonomous Okrug", "51": "Nizhny Novgorod Oblast",
           "52": "Novgorod Oblast", "53": "Novosibirsk Oblast", "54": "Omsk Oblast", "55": "Orenburg Oblast",
           "56": "Oryol Oblast", "57": "Penza Oblast", "59": "Primorsky Krai", "60": "Pskov Oblast",
           "61": "Rostov Oblast", "62": "Ryazan Oblast", "63": "Republic of Sakha", "64": "Sakhalin Oblast",
           "65": "Samara Oblast", "66": "Saint Petersburg", "67": "Saratov Oblast",
           "68": "Republic of North Ossetia-Alania", "69": "Smolensk Oblast", "70": "Stavropol Krai",
           "71": "Sverdlovsk Oblast", "72": "Tambov Oblast", "73": "Republic of Tatarstan", "75": "Tomsk Oblast",
           "76": "Tula Oblast", "77": "Tver Oblast", "78": "Tyumen Oblast", "79": "Tuva Republic",
           "80": "Udmurt Republic", "81": "Ulyanovsk Oblast", "83": "Vladimir Oblast", "84": "Volgograd Oblast",
           "85": "Vologda Oblast", "86": "Voronezh Oblast", "87": "Yamalo-Nenets Autonomous Okrug",
           "88": "Yaroslavl Oblast", "89": "Jewish Autonomous Oblast", "90": "Perm Krai",
           "91": "Krasnoyarsk Krai", "92": "Kamchatka Krai", "93": "Zabaykalsky Krai"},
    "SD": {"38": "El Gazira", "39": "Gedaref"},
    "SL": {"04": "Western", "05": "North-West"},
    "SO": {"02": "Banadir", "05": "Galgaduud", "07": "Hiraan", "13": "Middle Shabelle", "14": "Lower Shabelle"},
    "SY": {"01": "Al-Hasakeh", "02": "Lattakia", "03": "Quneitra", "04": "Ar-Raqqa", "05": "As-Sweida",
           "06": "Dar'a", "07": "Deir-ez-Zor", "10": "Hama", "12": "Idleb", "14": "Tartous"},
    "TD": {"21": "N'Djamena"},
    "TN": {"27": "Ben Arous (Tunis Sud)", "33": "Sidi Bou Zid", "38": "Ariana", "39": "Manubah"},
    "UA": {"11": "Crimea", "12": "Kiev City", "13": "Kiev", "17": "Odessa"},
    "VE": {"26": "Vargas"},
    "YE": {"16": "Sanaa", "28": "Suqutra"},
}


# English names of first-level units that the news uses and GeoNames lacks ("Saladin province"): extra lookup keys.
ADMIN1_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "IQ": {"18": ("Saladin", "Salahuddin", "Salah al-Din")},
}

# Second-level units that ACLED codes as first-level regions of their own: Serbia's are Belgrade, Central Serbia
# and Vojvodina, the City of Belgrade standing apart from the rest of Central Serbia.
ACLED_ADMIN1_OF_ADMIN2: dict[tuple[str, str, str], str] = {
    ("RS", "SE", "0"): "Belgrade",
}


def admin1_aliases(cc: str, a1: str) -> tuple[str, ...]:
    """Extra names of the first-level unit `cc`.`a1` (ADMIN1_ALIASES)."""
    return ADMIN1_ALIASES.get(cc, {}).get(a1, ())


# Countries whose ACLED first-level regions are GeoNames' second-level units: Uganda's are its districts
# ("Gulu", "Jinja"), GeoNames' first level its four regions ("Northern", "Eastern").
ADMIN2_IS_ADMIN1 = frozenset({"UG"})


def acled_admin1_of_admin2(cc: str, a1: str, a2: str, a2_name: str | None = None) -> str | None:
    """ACLED's first-level region for a place in the second-level unit `cc`.`a1`.`a2` (named `a2_name`), when
    ACLED splits that unit off its GeoNames first-level unit or codes the country by second-level units; None
    otherwise."""
    if cc in ADMIN2_IS_ADMIN1 and a2_name:
        return a2_name
    return ACLED_ADMIN1_OF_ADMIN2.get((cc, a1, a2))


def acled_admin1(cc: str, a1: str) -> str | None:
    """ACLED's name for the first-level unit with GeoNames code `cc`.`a1`, when it differs from the name the
    rules of `acled_admin_name` give; None otherwise."""
    return ACLED_ADMIN1.get(cc, {}).get(a1)
