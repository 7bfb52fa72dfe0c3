"""Multi-paragraph wire copy (our own invented dispatches, real Sahel geography and actors): one incident per
event told, its day (not the day a source spoke), its toll (revised, not added to; breakdowns and vague restatements
not counted twice), and separate incidents where the text opens another one."""
import datetime as dt
from pathlib import Path

import pytest
import yaml

from incidents.extract import extract_article
from incidents.extract.dates import find_dates
from incidents.extract.fatalities import count_fatalities

# (id, publication time, text, [(event_date, fatalities) of each event row, in order])
ARTICLES = [
    ("en-dioura-toll-rose", "2025-04-10T16:00:00Z",
       ("BAMAKO, April 10 (Sahel Wire) - Gunmen killed at least 12 civilians in an attack on the village of "
        "Dioura in central Mali's Segou region on Tuesday, the mayor of the rural district said on "
        "Wednesday.\n\n"
        "The attackers, who arrived on motorcycles shortly before dusk, rounded up men near the mosque and "
        "opened fire, the mayor told the Sahel Wire by telephone. \"They did not spare anyone they found in "
        "the street,\" he said.\n\n"
        "The toll rose to 17 on Thursday after five of the wounded died in hospital in Segou, a health "
        "official said.\n\n"
        "Mali's transitional government condemned the killings and said troops had been deployed to the area. "
        "More than 2,000 civilians have been killed in central Mali since 2020, according to a local human "
        "rights group."
        ),
     [('2025-04-08', 17)]),
    ("fr-arbinda-bilan-alourdi", "2025-04-14T10:00:00Z",
       ("OUAGADOUGOU, 14 avril (Sahel Wire) - Au moins 25 soldats et dix supplétifs civils ont été tués "
        "samedi lors de l'attaque d'un détachement militaire à Arbinda, dans la province du Soum, ont indiqué "
        "lundi des sources sécuritaires.\n\n"
        "« Les assaillants sont venus en très grand nombre, à moto et à bord de pick-up », a déclaré à la "
        "Sahel Wire un habitant joint par téléphone. Le camp a été en partie incendié.\n\n"
        "Selon une source sécuritaire, le bilan s'est alourdi à 41 morts dimanche soir, plusieurs blessés "
        "ayant succombé.\n\n"
        "Par ailleurs, trois civils ont été tués dimanche par l'explosion d'un engin artisanal au passage de "
        "leur charrette près de Gorom-Gorom, dans la région du Sahel.\n\n"
        "Depuis 2015, les violences jihadistes ont fait plus de 20 000 morts au Burkina Faso, selon des ONG."
        ),
     [('2025-04-12', 41), ('2025-04-13', 3)]),
    ("en-banibangou-army-said", "2025-04-15T12:00:00Z",
       ("NIAMEY, April 15 (Sahel Wire) - Niger's army said on Monday it had killed 30 militants in air and "
        "ground operations near Banibangou, in the Tillaberi region, on Saturday.\n\n"
        "Seven soldiers were killed and 12 wounded in the clashes, the defence ministry said in a statement "
        "read on state television. It said the militants belonged to the Islamic State Sahel Province.\n\n"
        "In a separate incident on Sunday, suspected Boko Haram fighters abducted 15 women collecting "
        "firewood near Diffa, in the southeast, a local official said.\n\n"
        "Niger has been battling jihadist insurgencies on its western and southeastern borders for more than "
        "a decade."
        ),
     [('2025-04-12', 37), ('2025-04-13', 0)]),
    ("en-barkaram-chad", "2025-04-21T09:00:00Z",
       ("N'DJAMENA, April 21 (Sahel Wire) - Boko Haram fighters attacked a Chadian army base on the island of "
        "Barkaram in the Lake Chad region overnight, killing at least 40 soldiers, the presidency said on "
        "Monday.\n\n"
        "\"Our defence and security forces have been the target of a cowardly attack,\" the president said in a "
        "statement, vowing to hunt down the attackers.\n\n"
        "The military said it had launched an operation to pursue the assailants, who fled towards the "
        "Nigerian border. It gave no toll for the militants.\n\n"
        "Boko Haram and its offshoot, the Islamic State West Africa Province, have killed more than 35,000 "
        "people in the Lake Chad basin since 2009, according to the United Nations."
        ),
     [('2025-04-20', 40)]),
    ("fr-kati-manifestation", "2025-04-26T15:00:00Z",
       ("BAMAKO, 26 avril (Sahel Wire) - Des centaines de personnes ont manifesté vendredi à Kati, à une "
        "quinzaine de kilomètres de Bamako, pour dénoncer les coupures d'électricité à répétition, a constaté "
        "un correspondant de la Sahel Wire.\n\n"
        "Les manifestants ont bloqué la route nationale pendant plusieurs heures et brûlé des pneus avant "
        "d'être dispersés par la police à coups de gaz lacrymogène. Une dizaine de personnes ont été "
        "interpellées, selon un responsable de la police.\n\n"
        "« Nous ne pouvons plus vivre sans courant alors que la chaleur dépasse 45 degrés », a déclaré un "
        "commerçant.\n\n"
        "Le gouvernement a promis mercredi de nouveaux investissements dans le secteur de l'énergie."
        ),
     [('2025-04-25', 0)]),
    ("en-diapaga-drone-vague", "2025-04-29T11:00:00Z",
       ("OUAGADOUGOU, April 29 (Sahel Wire) - A military drone strike hit a weekly market in Diapaga, in "
        "eastern Burkina Faso, on Sunday, killing several people, residents said on Tuesday.\n\n"
        "Eight people were killed and about 20 wounded, according to a local official who asked not to be "
        "named. The army said in a statement it had targeted a gathering of armed terrorists.\n\n"
        "The area around the W National Park has been a stronghold of JNIM since 2019."
        ),
     [('2025-04-27', 8)]),
    ("fr-ayorou-mine-bilan", "2025-05-02T09:30:00Z",
       ("NIAMEY, 2 mai (Sahel Wire) - Deux soldats nigériens ont été tués et quatre autres blessés mercredi "
        "dans l'explosion d'une mine au passage de leur véhicule près d'Ayorou, dans la région de Tillabéri, "
        "a annoncé jeudi le ministère de la Défense.\n\n"
        "Le bilan est passé à trois morts jeudi après le décès d'un des blessés à l'hôpital de Niamey, a "
        "indiqué une source militaire.\n\n"
        "Les axes routiers de la zone des trois frontières sont régulièrement minés par les groupes "
        "jihadistes."
        ),
     [('2025-04-30', 3)]),
    ("en-kayes-jnim-repelled", "2025-05-07T18:00:00Z",
       ("BAMAKO, May 7 (Sahel Wire) - JNIM fighters attacked military positions in the western Malian city of "
        "Kayes early on Tuesday, the army said, adding that it had repelled the assault.\n\n"
        "Soldiers killed 21 of the assailants, the army said in a statement on Wednesday. Three soldiers were "
        "killed in the attack, according to a security source.\n\n"
        "\"The situation is under control,\" the army said. Residents said gunfire could be heard for several "
        "hours.\n\n"
        "JNIM claimed the attack on Wednesday in a message on its propaganda channels.\n\n"
        "Later on Tuesday, gunmen ambushed a convoy of fuel trucks near Nioro du Sahel, killing two drivers, "
        "a transport union official said."
        ),
     [('2025-05-06', 24), ('2025-05-06', 2)]),
    ("fr-mopti-neutralises", "2025-05-10T08:00:00Z",
       ("BAMAKO, 10 mai (Sahel Wire) - L'armée malienne a affirmé vendredi avoir neutralisé une trentaine de "
        "terroristes lors d'une opération menée le 7 mai dans le secteur de Boni, dans la région de "
        "Mopti.\n\n"
        "Au cours des combats, trois soldats ont été tués et cinq autres blessés, selon le communiqué de "
        "l'état-major.\n\n"
        "Le Groupe de soutien à l'islam et aux musulmans (JNIM) n'a pas commenté ces informations."
        ),
     [('2025-05-07', 33)]),
    ("en-menaka-isgs", "2025-05-13T10:00:00Z",
       ("BAMAKO, May 13 (Sahel Wire) - Suspected Islamic State fighters killed 14 civilians, including four "
        "children, in two villages near Menaka in northeastern Mali on Sunday, local officials said.\n\n"
        "The attackers also stole hundreds of head of cattle and burned several houses before leaving, a "
        "Menaka councillor said. Among the dead were a village chief and his son.\n\n"
        "A day earlier, unidentified gunmen shot dead a trader on the road between Menaka and Anderamboukane, "
        "residents said.\n\n"
        "The United Nations says more than 1,000 civilians have been killed in the Menaka region since the "
        "beginning of 2022."
        ),
     [('2025-05-11', 14), ('2025-05-10', 1)]),
    ("en-gao-chief-sons", "2025-06-07T10:00:00Z",
       ("GAO, Mali, June 7 (Sahel Wire) - Gunmen killed a village chief and two of his sons in the Gao region "
        "late on Friday, relatives said on Saturday.\n\n"
        "The attackers stormed the family compound in the village of Tacharane shortly after evening prayers, "
        "one relative said. \"They killed my uncle and two of my cousins in front of the children,\" he "
        "said.\n\n"
        "Several village chiefs in the area have been killed this year after refusing to pay a tax imposed by "
        "militants."
        ),
     [('2025-06-06', 3)]),
    ("en-djibo-toll-risen-lead", "2025-06-10T12:00:00Z",
       ("OUAGADOUGOU, June 10 (Sahel Wire) - The death toll from an attack on a military post in northern "
        "Burkina Faso on Sunday has risen to 20, security sources said on Tuesday.\n\n"
        "Fifteen soldiers were initially reported killed when dozens of gunmen stormed the post at Namsiguia, "
        "in the Bam province. Five wounded soldiers later died, the sources said.\n\n"
        "The government has not commented on the attack."
        ),
     [('2025-06-08', 20)]),
    ("en-conflicting-tolls", "2025-06-14T09:00:00Z",
       ("NIAMEY, June 14 (Sahel Wire) - Suspected jihadists killed at least 20 villagers in an attack on the "
        "village of Fambita in western Niger on Friday, according to a local official, while the defence "
        "ministry put the toll at 12.\n\n"
        "The attackers surrounded the mosque during Friday prayers and opened fire on worshippers, the "
        "official said.\n\n"
        "Niger declared three days of national mourning."
        ),
     [('2025-06-13', 12)]),
    ("fr-kidal-enlevement", "2025-06-16T11:00:00Z",
       ("BAMAKO, 16 juin (Sahel Wire) - Des hommes armés ont enlevé samedi une vingtaine de passagers d'un "
        "car de transport sur l'axe Gao-Kidal, près d'Anefis, a-t-on appris lundi auprès de la compagnie de "
        "transport.\n\n"
        "Les ravisseurs ont laissé repartir le chauffeur et les femmes, selon la même source. Aucune "
        "revendication n'a été publiée.\n\n"
        "Le lendemain, un camion de marchandises a sauté sur une mine sur le même axe, tuant son chauffeur et "
        "un apprenti, selon des sources locales."
        ),
     [('2025-06-14', 0), ('2025-06-15', 2)]),
    ("fr-moura-civils-armee", "2025-06-20T13:00:00Z",
       ("BAMAKO, 20 juin (Sahel Wire) - Des soldats maliens accompagnés de paramilitaires russes ont tué au "
        "moins 20 civils mercredi dans le village de Sofara, dans la région de Mopti, selon des témoins et "
        "des élus locaux joints jeudi.\n\n"
        "« Ils ont rassemblé les hommes sur la place du marché et les ont exécutés », a raconté un habitant "
        "qui a fui vers Mopti.\n\n"
        "L'armée malienne a démenti dans un communiqué tout abus, affirmant avoir « neutralisé » des "
        "terroristes lors d'une opération dans la zone."
        ),
     [('2025-06-18', 20)]),
    ("fr-djibasso-bilan-revu", "2025-06-27T08:30:00Z",
       ("OUAGADOUGOU, 27 juin (Sahel Wire) - Au moins six personnes, dont deux enfants, ont été tuées jeudi "
        "dans l'attaque d'un marché à Djibasso, dans la province de la Kossi, par des individus armés non "
        "identifiés, ont rapporté des sources locales.\n\n"
        "Les assaillants ont ensuite incendié des boutiques et emporté du bétail. Parmi les victimes figurent "
        "deux commerçants venus du Mali voisin.\n\n"
        "Le bilan a été revu à la hausse vendredi : neuf personnes ont perdu la vie, selon un responsable "
        "communal."
        ),
     [('2025-06-26', 9)]),
    ("en-quote-toll", "2025-07-03T10:00:00Z",
       ("OUAGADOUGOU, July 3 (Sahel Wire) - Gunmen killed at least 20 people in an attack on the village of "
        "Solhan in northern Burkina Faso on Wednesday, a regional official said.\n\n"
        "\"We buried 23 people this morning, and others are still missing,\" a resident who fled to Sebba said "
        "by telephone.\n\n"
        "Among those killed was the local imam, residents said."
        ),
     [('2025-07-02', 20)]),
    ("en-came-days-after", "2025-07-08T10:00:00Z",
       ("NIAMEY, July 8 (Sahel Wire) - Militants killed 11 soldiers in an ambush on an army patrol near Tessa "
        "in southwestern Niger on Monday, the defence ministry said.\n\n"
        "The attack came three days after jihadists killed 15 gendarmes in an assault on a post near "
        "Makalondi, close to the border with Burkina Faso.\n\n"
        "Two more of the wounded soldiers died in hospital on Tuesday, bringing the toll to 13, a military "
        "source said."
        ),
     [('2025-07-07', 13)]),
    ("fr-deuxieme-attaque", "2025-07-12T09:00:00Z",
       ("OUAGADOUGOU, 12 juillet (Sahel Wire) - L'attaque d'une position de l'armée à Seytenga, dans la "
        "province du Séno, a fait dix morts parmi les soldats vendredi, selon une source sécuritaire.\n\n"
        "Il s'agit de la deuxième attaque en une semaine dans la zone, après celle qui avait coûté la vie à "
        "sept gendarmes mercredi dernier à Falagountou.\n\n"
        "« La situation est sous contrôle », a assuré le gouverneur de la région."
        ),
     [('2025-07-11', 10)]),
    ("en-claim-lead", "2025-07-14T10:00:00Z",
       ("NIAMEY, July 14 (Sahel Wire) - Islamic State claimed responsibility on Sunday for an attack that "
        "killed 12 soldiers at an army post in Niger's Tahoua region on Friday, according to a statement "
        "published by the group's news agency.\n\n"
        "Niger's army had said on Saturday that its soldiers repelled an attack on the post at Tassia, "
        "without giving a toll."
        ),
     [('2025-07-11', 12)]),
    ("en-protest-fire", "2025-07-20T15:00:00Z",
       ("NIAMEY, July 20 (Sahel Wire) - Security forces opened fire on protesters in the Nigerien town of "
        "Tera on Saturday, killing two people and wounding 18, after residents took to the streets to "
        "denounce the insecurity in the region, local officials said.\n\n"
        "The protesters had blocked a convoy of supplies bound for a military base, accusing the army of "
        "failing to protect them, the officials said.\n\n"
        "The government said in a statement that an investigation had been opened."
        ),
     [('2025-07-19', 2)]),
    ("fr-nuit-samedi-dimanche", "2025-07-21T08:00:00Z",
       ("BAMAKO, 21 juillet (Sahel Wire) - Au moins sept civils ont été tués dans la nuit de samedi à "
        "dimanche lors d'une attaque contre le village de Diallassagou, dans le cercle de Bankass, ont "
        "indiqué dimanche des sources locales.\n\n"
        "Les assaillants ont incendié une partie du village et emporté du bétail, selon un élu local. Le "
        "bilan pourrait s'alourdir, plusieurs personnes étant portées disparues."
        ),
     [('2025-07-19', 7)]),
    ("en-including-soldiers", "2025-07-25T10:00:00Z",
       ("BAMAKO, July 25 (Sahel Wire) - Gunmen killed 12 people, including three soldiers, in an attack on a "
        "bus near Bandiagara on Thursday, a local official said.\n\n"
        "The three soldiers were travelling on leave, the official said. Another ten passengers were wounded."
        ),
     [('2025-07-24', 12)]),
]


@pytest.mark.parametrize("slug,published,text,expected", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_wire_article(slug, published, text, expected):
    rows = [r for r in extract_article({"id": slug, "text": text, "published_at": published}) if r["kind"] == "event"]
    assert [(r["event_date"], r["fatalities"]) for r in rows] == expected


SAMPLE_SITE = Path(__file__).resolve().parents[2] / "src" / "incidents" / "sample_site" / "articles.yaml"


@pytest.fixture(scope="module")
def sample_rows():
    spec = yaml.safe_load(SAMPLE_SITE.read_text(encoding="utf-8"))
    out = {}
    for a in spec["articles"]:
        body = "\n\n".join(a["body"]) if isinstance(a["body"], list) else a["body"]
        out[a["slug"]] = [r for r in extract_article({"id": a["slug"], "text": body, "published_at": a["published"]})
                          if r["kind"] == "event"]
    return out


@pytest.mark.parametrize("slug,expected", [
    ("burkina/embuscade-fada-vdp", [("2025-03-13", 11)]),  # a group's full name before its acronym
    ("niger/tillia-armee-neutralise", [("2025-03-17", 17)]),  # "neutralised" count; the clash's date, not the communiqué's
    ("burkina/kaya-convoy-explosive", [("2025-03-22", 6)]),  # "Four of the dead were ..." breaks the toll down
    ("burkina/djibo-army-post-attack", [("2025-03-12", 28)]),  # "killed in the fighting, which began on Wednesday"
    ("mali/kidal-drone-strike", [("2025-03-17", 8)]),  # "killing several people" then "eight people had been killed"
])
def test_sample_site_story(sample_rows, slug, expected):
    assert [(r["event_date"], r["fatalities"]) for r in sample_rows[slug]] == expected


@pytest.mark.parametrize("text,value", [
    ("Onze Volontaires pour la défense de la patrie (VDP) ont été tués dans une embuscade.", 11),
    ("Three members of the Volunteers for the Defence of the Homeland (VDP), a civilian militia, were killed.", 3),
    ("Two soldiers and three members of the Volunteers for the Defence of the Homeland (VDP) were killed.", 5),
    ("The army said it had neutralised 12 terrorists near Tessit.", 12),
    ("L'armée affirme avoir « neutralisé » une vingtaine de terroristes.", 20),
    ("Nine people were killed. Five of the dead were women and four were children.", 9),
    ("Sept personnes ont été tuées. Trois des morts étaient des enfants.", 7),
    ("The strike killed several people. Six people were killed, a nurse said.", 6),
    ("Gunmen killed a herder and two of his sons.", 3),
    ("Le camion a sauté sur une mine, tuant son chauffeur et un apprenti.", 2),
    ("The death toll from Sunday's attack on an army post near Dori has risen to 18, sources said.", 18),
    ("Five people were killed. The toll was revised on Monday: eleven people died, officials said.", 11),
    ("Quatre civils ont été tués. Le bilan a été revu à la hausse mardi : sept personnes ont perdu la vie.", 7),
])
def test_wire_tolls(text, value):
    assert count_fatalities(text).value == value


@pytest.mark.parametrize("text,day,statement", [
    ("the army said on Thursday it had repelled an assault", "2025-03-13", True),
    ("ont annoncé mardi avoir neutralisé des combattants", "2025-03-11", True),
    ("a-t-on appris vendredi de sources sécuritaires", "2025-03-07", True),
    ("a local official told reporters on Monday", "2025-03-10", True),
    ("gunmen killed five herders on Monday", "2025-03-10", False),
    # a day before the verb may be the event's own ("On Monday, JNIM announced a second offensive"): not marked
    ("On Monday, the group announced an offensive on Timbuktu", "2025-03-10", False),
])
def test_statement_days(text, day, statement):
    d = find_dates(text, dt.datetime(2025, 3, 13, 12, tzinfo=dt.UTC))[0]
    assert (d.date.isoformat(), d.statement) == (day, statement)


@pytest.mark.parametrize("text,value", [
    ("Two more of the wounded died on Tuesday, bringing the toll to 13.", 13),
    ("Deux blessés ont succombé, portant le bilan à neuf morts.", 9),
])
def test_bringing_the_toll(text, value):
    assert count_fatalities(text).value == value
