"""Actors of wire news outside the Sahel: the main armed groups ACLED names in Nigeria, Somalia, DR Congo, Sudan,
Ethiopia, Cameroon, Mozambique, Myanmar, Haiti, Mexico, Colombia, Yemen and Syria, in English and French, and
aliases that two countries' actors share. Every sentence here was written for these tests."""
import pytest

from incidents.extract import extract_article

ISWAP = "Islamic State (West Africa)"
BOKO = "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"


def _events(text, lang="en", published="2024-05-10T08:00:00Z"):
    rows = extract_article({"id": "t", "text": text, "published_at": published, "language": lang})
    return [r for r in rows if r["kind"] == "event"]


def _actors(text, lang="en", published="2024-05-10T08:00:00Z"):
    ev = _events(text, lang, published)
    assert ev, text
    return {ev[0].get("actor1"), ev[0].get("actor2")}, ev[0]


def _has(names, expected):
    """Whether one of `names` is the expected actor (ACLED's period tags aside)."""
    return any(n and (n == expected or n.startswith(expected)) for n in names)


@pytest.mark.parametrize("text,lang,expected", [
    # Nigeria
    ("ISWAP fighters attacked a military base in Malam Fatori, Borno State, on Tuesday, killing four soldiers.",
     "en", ISWAP),
    ("Des combattants de la Province de l'Afrique de l'Ouest de l'État islamique ont attaqué mardi une base "
     "militaire à Malam Fatori, dans l'État de Borno, tuant quatre soldats.", "fr", ISWAP),
    ("Iswap insurgents ambushed a convoy near Damboa, Borno State, on Sunday, killing three soldiers.", "en", ISWAP),
    ("Boko Haram's Bakura faction abducted twelve fishermen on Lake Chad near Kukawa, Borno State, on Monday.",
     "en", BOKO),
    ("Ansaru gunmen kidnapped five travellers on the Kaduna-Abuja highway near Kaduna on Friday.", "en", "Ansaru"),
    ("Lakurawa militants killed ten villagers in Mera, Kebbi State, on Saturday.", "en", "Lakurawa"),
    ("Yan Sakai vigilantes killed three herders in Zurmi, Zamfara State, on Sunday.", "en", "Yan Sakai Militia"),
    ("Des miliciens Yan Sakai ont tué trois éleveurs dimanche à Zurmi, dans l'État de Zamfara.", "fr",
     "Yan Sakai Militia"),
    ("Amotekun operatives shot dead a suspected kidnapper in Ibarapa, Oyo State, on Wednesday.", "en",
     "Amotekun Corps"),
    ("Members of the Civilian JTF clashed with Boko Haram fighters in Konduga, Borno State, on Thursday.", "en",
     "Civilian JTF: Civilian Joint Task Force"),
    ("Bandits killed seven farmers in Tsafe, Zamfara State, on Monday.", "en", "Unidentified Armed Group (Nigeria)"),
    # Somalia
    ("Al-Shabaab militants attacked an ATMIS base in Bulo Marer, Lower Shabelle, on Tuesday.", "en", "Al Shabaab"),
    ("Les shebabs ont attaqué mardi une base militaire à Bulo Marer, dans la région du Bas-Shabelle.", "fr",
     "Al Shabaab"),
    ("Ma'awisley clan fighters clashed with Al-Shabaab in Adale, Middle Shabelle, on Friday.", "en",
     "Macawisley Militia"),
    # DR Congo
    ("M23 rebels seized the town of Rubaya in North Kivu on Tuesday after clashes with the FARDC.", "en",
     "M23: March 23 Movement"),
    ("Les rebelles de l'AFC/M23 ont affronté mardi les FARDC près de Sake, dans le Nord-Kivu.", "fr",
     "M23: March 23 Movement"),
    ("ADF rebels killed 15 villagers with machetes in Beni territory, North Kivu, on Sunday.", "en",
     "ADF: Allied Democratic Forces"),
    ("CODECO militiamen attacked a displacement camp near Djugu, Ituri, on Monday, killing eight people.", "en",
     "CODECO: Cooperative for Development of Congo"),
    ("Wazalendo fighters clashed with M23 rebels in Masisi territory, North Kivu, on Wednesday.", "en",
     "Wazalendo Militia"),
    ("Des combattants wazalendo ont affronté mercredi les rebelles du M23 dans le territoire de Masisi, au Nord-Kivu.",
     "fr", "Wazalendo Militia"),
    ("Mai-Mai militiamen attacked a police post in Fizi, South Kivu, on Friday.", "en", "Mayi Mayi Militia"),
    # Sudan
    ("The Rapid Support Forces shelled the city of El Fasher, North Darfur, on Monday, killing 12 civilians.", "en",
     "RSF: Rapid Support Forces"),
    ("Les Forces de soutien rapide ont bombardé lundi la ville d'El Fasher, au Darfour-Nord, tuant 12 civils.", "fr",
     "RSF: Rapid Support Forces"),
    ("The Sudanese Armed Forces carried out an airstrike on Nyala, South Darfur, on Tuesday.", "en",
     "Military Forces of Sudan"),
    # Ethiopia
    ("Fano militiamen clashed with the ENDF near Debre Markos, Amhara region, on Saturday.", "en", "Fano Militia"),
    ("The ENDF fought Fano militiamen near Debre Markos, Amhara region, on Saturday.", "en",
     "Military Forces of Ethiopia"),
    ("OLA fighters killed four local officials in Dembi Dolo, Oromia region, on Thursday.", "en",
     "OLA: Oromo Liberation Army"),
    ("Des combattants de l'Armée de libération oromo ont tué jeudi quatre responsables locaux à Dembi Dolo, en Oromia.",
     "fr", "OLA: Oromo Liberation Army"),
    # Cameroon
    ("Amba separatists killed two gendarmes in Bamenda, North-West region, on Monday.", "en",
     "Ambazonian Separatists (Cameroon)"),
    ("Des séparatistes ambazoniens ont tué lundi deux gendarmes à Bamenda, dans la région du Nord-Ouest.", "fr",
     "Ambazonian Separatists (Cameroon)"),
    # Mozambique: Cabo Delgado's insurgents, whatever the story calls them
    ("Al-Shabaab insurgents beheaded four villagers in Macomia district, Cabo Delgado, on Tuesday.", "en",
     "Islamist Militia (Mozambique)"),
    ("Islamic State Mozambique fighters attacked the town of Mocimboa da Praia, Cabo Delgado, on Sunday.", "en",
     "Islamist Militia (Mozambique)"),
    # Myanmar
    ("PDF fighters ambushed a junta convoy in Sagaing region on Tuesday, killing six soldiers.", "en",
     "PDF: People's Defense Force"),
    ("The Arakan Army seized a military outpost in Rakhine State on Friday.", "en",
     "ULA/AA: United League of Arakan/Arakan Army"),
    ("L'Armée d'Arakan a attaqué vendredi un poste militaire dans l'État de Rakhine, tuant cinq soldats.", "fr",
     "ULA/AA: United League of Arakan/Arakan Army"),
    ("The KIA attacked a Tatmadaw base in Kachin State on Monday.", "en", "KIA: Kachin Independence Army"),
    ("The TNLA clashed with junta troops in Lashio, Shan State, on Wednesday.", "en",
     "TNLA: Ta'ang National Liberation Army"),
    # Haiti
    ("Viv Ansanm gang members attacked a police station in Mirebalais, Centre department, on Monday.", "en",
     "Viv Ansanm"),
    ("Des membres de la coalition Viv Ansanm ont attaqué lundi un commissariat à Mirebalais, en Haïti.", "fr",
     "Viv Ansanm"),
    ("The 400 Mawozo gang kidnapped a group of missionaries in Croix-des-Bouquets, Haiti, on Saturday.", "en",
     "400 Mawozo Gang"),
    ("G9 gang members clashed with police in Port-au-Prince, Haiti, on Tuesday.", "en", "G9 Family and Allies"),
    # Mexico, Colombia
    ("CJNG gunmen killed five people at a bar in Celaya, Guanajuato, on Friday.", "en",
     "CJNG: Jalisco New Generation Cartel"),
    ("Los Chapitos gunmen shot dead three men in Culiacan, Sinaloa, on Monday.", "en", "Sinaloa Cartel"),
    ("ELN guerrillas attacked a military base in Arauca, Colombia, on Tuesday, killing two soldiers.", "en",
     "ELN: National Liberation Army"),
    ("Des guérilleros de l'Armée de libération nationale ont attaqué mardi une base militaire à Arauca, en Colombie.",
     "fr", "ELN: National Liberation Army"),
    ("Estado Mayor Central fighters clashed with the army in Cauca, Colombia, on Sunday.", "en",
     "FARC Dissident: Revolutionary Armed Forces of Colombia Dissident Faction"),
    ("Clan del Golfo gunmen killed a community leader in Antioquia, Colombia, on Friday.", "en", "Gulf Clan"),
    # Yemen, Syria
    ("Houthi forces shelled government positions in Taiz, Yemen, on Monday.", "en",
     "Military Forces of Yemen (2016-) Supreme Political Council"),
    ("HTS fighters shelled army positions in Idlib province, Syria, on Tuesday.", "en", "HTS: Hayat Tahrir al Sham"),
    ("SNA fighters shelled SDF positions near Manbij, Aleppo, Syria, on Monday.", "en", "JWS: Syrian National Army"),
    ("L'Armée nationale syrienne a attaqué lundi des positions des FDS près de Manbij, en Syrie, tuant trois combattants.", "fr",
     "JWS: Syrian National Army"),
])
def test_world_actor(text, lang, expected):
    names, _ = _actors(text, lang)
    assert _has(names, expected), (names, text)


@pytest.mark.parametrize("text,lang,country,expected,not_expected", [
    # one acronym, two countries: FDS is Burkina Faso's army in Burkina Faso, the SDF in Syria
    ("Des éléments des FDS ont été attaqués dimanche à Djibo, au Burkina Faso.", "fr", "Burkina Faso",
     "Military Forces of Burkina Faso", "QSD: Syrian Democratic Forces"),
    ("Des éléments des FDS ont été attaqués à Djibo, au Burkina Faso, dimanche.", "fr", "Burkina Faso",
     "Military Forces of Burkina Faso", "QSD: Syrian Democratic Forces"),
    ("Les FDS ont repoussé lundi une attaque de l'État islamique près de Deir ez-Zor, en Syrie.", "fr", "Syria",
     "QSD: Syrian Democratic Forces", "Military Forces of Burkina Faso"),
    # SNA is Somalia's army in Somalia and the Syrian National Army in Syria
    ("SNA soldiers clashed with Al-Shabaab fighters near Jowhar, Middle Shabelle, Somalia, on Monday.", "en", "Somalia",
     "Military Forces of Somalia", "JWS: Syrian National Army"),
])
def test_shared_alias_follows_country(text, lang, country, expected, not_expected):
    names, ev = _actors(text, lang)
    assert ev["country"] == country
    assert _has(names, expected) and not _has(names, not_expected), names


@pytest.mark.parametrize("published,expected", [
    ("2020-05-10T08:00:00Z", "AMISOM: African Union Mission in Somalia"),
    ("2023-05-10T08:00:00Z", "ATMIS: African Union Transition Mission in Somalia"),
    ("2025-05-10T08:00:00Z", "AUSSOM: African Union Support and Stabilization Mission in Somalia"),
])
def test_au_mission_in_somalia_by_period(published, expected):
    text = "Al-Shabaab militants attacked an AMISOM base in Bulo Marer, Lower Shabelle, Somalia, on Tuesday."
    names, _ = _actors(text, "en", published)
    assert expected in names, names


# --- who acted on whom ---------------------------------------------------------------------------------------------

from incidents.extract.actors import find_actors, with_country  # noqa: E402
from incidents.extract.roles import assign_roles  # noqa: E402


def _roles(text, country):
    ms = [with_country(m, country) for m in find_actors(text, country)]
    a1, a2, _ = assign_roles(text, ms)
    return (a1.name if a1 else None), (a2.name if a2 else None)


@pytest.mark.parametrize("text,country,agent", [
    # "a team of police", "members of the gendarmerie": the group is the force, not an object of "of"
    ("A joint team of police and soldiers arrested four militants near Silchar on Friday.", "India",
     "Police Forces of India"),
    ("Une équipe de gendarmes et de militaires a arrêté quatre suspects près de Kayes vendredi.", "Mali",
     "Police Forces of Mali"),
    # a police force's own commandos are police
    ("Police commandos arrested two gunmen in Kaduna on Monday.", "Nigeria", "Police Forces of Nigeria"),
])
def test_group_of_force_is_the_agent(text, country, agent):
    assert _roles(text, country)[0] == agent


@pytest.mark.parametrize("text,country,agent,target", [
    # a passive "attack repelled" names no defender: the by-agent of the attack stays actor1
    ("An army post near Djibo was attacked overnight by ISGS militants, the attack was repelled.", "Burkina Faso",
     "Islamic State (Greater Sahara)", "Military Forces of Burkina Faso"),
    ("Un poste de l'armée a été attaqué par des combattants de l'EIGS près de Djibo, l'attaque a été repoussée.",
     "Burkina Faso", "Islamic State (Greater Sahara)", "Military Forces of Burkina Faso"),
    # an active "repelled" still makes the attacker actor1
    ("Somali troops repelled an Al-Shabaab attack on their base near Jowhar.", "Somalia", "Al Shabaab",
     "Military Forces of Somalia"),
])
def test_repelled_attack(text, country, agent, target):
    assert _roles(text, country) == (agent, target)
