"""Word lists the place matcher needs: words that are never place names on their own, words that join the
parts of a multi-word name, administrative type words, and the phrases that put an event "near" a place.
"""
from __future__ import annotations

import re

# Capitalised at the start of a sentence or in titles, and also the names of some village somewhere.
COMMON_WORDS = frozenset("""
a an the of on in at to by for from with without and or but as if is are was were be been being it its this that
these those there here he she they we you i his her their our your who whom whose which what when where why how
all any some no not none one two three four five six seven eight nine ten first second third last next new old
after before during since until while about above across against along among around behind below beneath beside
between beyond down inside into near off onto out outside over past through throughout toward towards under up upon
via per also only just more most other such same than then so very can could may might must shall should will would
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december today yesterday tomorrow morning evening night week weekend month year day days
police army military government president minister ministry forces force soldiers soldier troops security state
states islamic islamist jihadist jihadists rebels rebel militants militant group groups unknown unidentified
civilians civilian people protesters protest protests rioters students teachers workers farmers herders
hope mine mines union unity liberty victory independence freedom peace justice progress democracy republic
national federal central northern southern eastern western north south east west upper lower greater little
red white black blue green gold golden silver sun moon star river lake mountain mount hill valley island islands
sea ocean coast beach bay port fort camp base airport station market square street road bridge park church mosque
school hospital prison court office house hall center centre city town village district region province county
commune department municipality council assembly parliament senate congress party front movement alliance
coalition committee commission agency service services authority authorities organization organisation
association network brigade battalion regiment division unit units command commander general colonel major captain
lieutenant sergeant officer officers chief head leader leaders king queen prince princess emperor sultan sheikh
imam pastor bishop father mother son daughter brother sister man men woman women child children boy girl family
mr mrs ms dr saint st santa san santo holy christ god allah
reuters afp ap bbc cnn
gen col lt sgt capt maj cpl pres gov sen rep hon sir lord lady
basin delta plateau desert highlands lowlands corridor border borders frontier triangle zone area areas region
strip bank belt horn gulf straits strait peninsula
arab arabs kurd kurds kurdish fulani peul peuls dogon dozo dozos tuareg tuaregs bambara songhai hausa tamasheq
berber christian christians muslim muslims sunni shia shiite jewish hindu buddhist
taliban houthi houthis hezbollah hamas isis isil daesh jnim minusma barkhane ecowas nato osce unamid amisom
shabaab qaeda wagner
facebook twitter whatsapp youtube telegram
university faculty college academy institute company bank airline ministry embassy consulate
ville nord sud est ouest centre haut bas grand petit nouvelle nouveau saint sainte
norte sur oriental occidental
molotov kalashnikov sahel sahara maghreb levant balkans caucasus
source sources report reports reported according reportedly local media news press radio television tv
size total number several many few dozens hundreds thousands
attack attacks attacked clash clashes fighting fight killed killing wounded injured dead death deaths
ambush ambushed raid raided arrested arrest arrests explosion explosions blast bomb bombs bombing shelling
strike strikes airstrike airstrikes drone drones fire fired shooting shot gunmen gunman armed assailants
attackers suspected alleged members member supporters workers' staff
english french arabic spanish portuguese russian local international world global africa african america
american europe european asia asian middle
le la les de du des un une et ou en au aux sur sous dans par pour avec sans chez vers entre contre selon
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
octobre novembre decembre hier aujourd'hui matin soir nuit semaine mois annee jour
armee gendarmerie gendarmes forces police gouvernement president ministre etat
sources source selon plusieurs
""".split())

# Lower-case words allowed inside a multi-word name ("Deir ez Zor", "Ras al Ain", "Rio de Janeiro").
CONNECTORS = frozenset("de del della di da do dos das du des la le les el al as ad ar an at az ash en ez es "
                       "ech ibn bin bint ben abu um umm of the and y e sur sous van von der den ter".split())

# A type word right after a name says which level the name is.
ADMIN1_WORDS = frozenset("region regions province provinces state governorate oblast prefecture wilaya "
                         "regione provincia estado departamento department departement".split())
ADMIN2_WORDS = frozenset("district districts cercle cercles municipality municipalities municipio county "
                         "raion rayon commune communes prefecture sub-district subdistrict division "
                         "department departement arrondissement locality lga".split())
PLACE_WORDS = frozenset("city town village villages town's city's camp area neighbourhood neighborhood "
                        "ville village quartier localite hamlet settlement market".split())

# Words before a name that mean the event was near it, not in it (geo_precision 2).
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?: of)?|\bclose to|\boutskirts of|\bvicinity of|\bsurroundings of|\baround|"
    r"\bnot far from|\bjust (?:north|south|east|west)|\b(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest|north-east|north-west|south-east|south-west)(?:ern)? (?:of|from)|\bkm (?:from|of)|"
    r"\bkilometers? (?:from|of)|\bkilometres? (?:from|of)|\bmiles? (?:from|of)|\bpr[eè]s de|\bproche de|"
    r"\baux alentours de|\baux environs de|\bdans les environs de|\bnon loin de|\b[àa] \d+ ?km de|"
    r"\bau (?:nord|sud|est|ouest)(?:-(?:est|ouest))? de|\b[àa] la p[ée]riph[ée]rie de|\bcerca de|"
    r"\bperiferia de|\bafueras de|\bkm d[e']|\bkm au (?:nord|sud)\S* de)"
    r"(?:\s+(?:the\s+)?(?:town|village|city|locality|commune|localit[ée]|ville|de la ville|du village)"
    r"(?:\s+(?:of|de|d'))?)?\s*(?:d['’]|l['’]|la |le |les |the )?$",
    re.I,
)


def is_near(prefix: str) -> bool:
    """True when `prefix` (the text just before a name) ends with a "near" phrase."""
    return bool(_NEAR.search(prefix[-60:]))
