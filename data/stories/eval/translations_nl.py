"""Dutch translations, sentence by sentence, of six BBC articles from the L2R corpus (``../shared``).

Written by hand for issue #15 (item 5) as faithful newspaper translations: natural Dutch word order and
idiom, names and figures kept, nothing added or left out. Sentence ``i`` of a translation renders
sentence ``i`` of the English original as ``credibility``'s splitter cuts it, so the gold cross-language
alignment is the identity. Only the Dutch text is stored here; the English originals are read from the
shared corpora by ``id`` (they are not copied into the repository). ``split`` says which part of the
evaluation a translation belongs to: ``tuning`` (looked at while changing the code) or ``reporting``
(run once for the figures in benchmarks/RESULTS.md).
"""

TRANSLATIONS = [
    {"id": "l2r-1-h", "split": "tuning", "nl": [
        "Rond 04.20 uur zaterdagochtend ging in het Holiday Inn aan Hope Street het brandalarm af en werd de "
        "gasten gevraagd het hotel te verlaten.",
        "Toen ze zich buiten verzamelden, zagen ze de twee bussen, die naast elkaar op het parkeerterrein "
        "stonden, in vlammen opgaan.",
        "Een van de reisgezelschappen komt uit Duitsland, het andere uit China en Taiwan.",
        "Het was hun eerste nacht in Noord-Ierland.",
        "De chauffeur van een van de bussen zei dat veel passagiers persoonlijke spullen in de bus hadden "
        "achtergelaten en dat die verloren zijn gegaan.",
        "Beide groepen hebben vervangende touringcars geregeld en beginnen later dan gepland aan hun rondreis "
        "langs de noordkust.",
        "De politie vraagt om informatie over de aanval.",
        "Inspecteur David Gibson zei: \"Het lijkt erop dat de brand onder een van de bussen is begonnen en "
        "daarna is overgeslagen naar de tweede.",
        "\"Hoewel de precieze oorzaak nog wordt onderzocht, wordt aangenomen dat de brand opzettelijk is "
        "aangestoken.\"",
    ]},
    {"id": "l2r-3-h", "split": "tuning", "nl": [
        "Patiënten en personeel van het Cerrahpasa-ziekenhuis zijn woensdag geëvacueerd nadat een man die er "
        "werd behandeld dreigde zichzelf en anderen neer te schieten.",
        "Agenten werden ingezet om te onderhandelen met de man, een jonge politieagent.",
        "Eerdere berichten dat de gewapende man meerdere mensen had gegijzeld, bleken onjuist.",
        "De hoofdarts van het Cerahpasa-ziekenhuis, Zekayi Kutlubay, die zelf ook werd geëvacueerd, zei dat er "
        "\"geen gijzeling\" was geweest en dat de man \"alleen in de kamer\" was.",
        "Volgens dokter Kutlubay was de man de afgelopen twee jaar onder psychiatrische behandeling.",
        "Hij zei dat het ziekenhuis eerder een rapport had ingediend waarin stond dat de man geen wapen zou "
        "mogen dragen.",
        "\"Zijn vuurwapen was ingenomen,\" zei dokter Kutlubay, die eraan toevoegde dat het pistool dat de agent "
        "woensdag bij zich had niet zijn dienstwapen was.",
        "Het incident komt op een moment van spanning in Istanbul na meerdere aanslagen op drukke plekken, "
        "waaronder de dodelijke aanval op nachtclub Reina in de nieuwjaarsnacht, waarbij 39 mensen omkwamen.",
    ]},
    {"id": "l2r-14-h", "split": "tuning", "nl": [
        "De 28-jarige speler uit Bath kwam sinds zijn overstap van Wasps in 2015 36 keer uit voor de Dragons.",
        "Hij zit in zijn tweede seizoen en verlengde in december 2016 zijn contract.",
        "Forwardscoach Ceri Jones van de Dragons zei: \"Het is een zware klap.",
        "Eddie is het hele jaar uitstekend geweest voor ons, hij heeft echt zijn verantwoordelijkheid genomen "
        "en we gaan hem erg missen.\"",
        "Toch ziet Jones in de pech van Jackson ook een kans voor anderen om op te bloeien.",
        "\"We hebben het geluk dat we spelers als Ollie Griffiths, Harrison Keddie en James Thomas hebben die "
        "in de derde lijn kunnen invallen,\" zei Jackson.",
        "\"Harri heeft het hele seizoen laten zien wat hij kan en daar zit zeker een speler in, dus dit is een "
        "kans.\"",
        "De Dragons spelen vrijdag in de Pro12 uit tegen Munster.",
    ]},
    {"id": "l2r-34-h", "split": "reporting", "nl": [
        "Operatie Equinox onderzoekt meldingen van seksueel, lichamelijk en emotioneel misbruik tussen de jaren "
        "veertig en de jaren negentig.",
        "In een brief aan slachtoffers bevestigde de politie van Nottinghamshire dat 530 van de 636 gemelde "
        "misdrijven op terrein van de gemeente plaatsvonden.",
        "Agenten zeiden ook dat 485 vermoedelijke misdrijven door gemeentepersoneel waren gepleegd en dat van "
        "de 432 verdachten er 283 waren geïdentificeerd.",
        "Meer over dit verhaal en ander nieuws uit Nottinghamshire Tot nu toe hebben 290 mensen aangifte gedaan "
        "bij de politie.",
        "In Operatie Equinox zijn twee politieonderzoeken samengevoegd.",
        "Operatie Daybreak, gestart in 2011, richtte zich op het kindertehuis Beechwood in Nottingham, terwijl "
        "Operatie Xeres de woontehuizen in het graafschap onderzoekt.",
        "De brief benadrukt de vooruitgang die al is geboekt: de voormalige maatschappelijk werker Andris Logins "
        "is veroordeeld tot twintig jaar cel.",
        "Twee andere mannen zijn veroordeeld voor oude aanvallen die niets met kindertehuizen te maken hebben, "
        "en begin 2017 beginnen nog drie rechtszaken.",
        "De politie van Nottinghamshire heeft niet direct gereageerd, omdat de informatie deel uitmaakt van een "
        "lopend onderzoek.",
    ]},
    {"id": "l2r-36-h", "split": "reporting", "nl": [
        "Huurspits Holman opende bij zijn thuisdebuut zijn rekening met een fraaie halve volley en verdubbelde "
        "zijn aantal daarna met een afronding van twaalf meter.",
        "Danny Wright deed Holman daarna na: hij kopte raak uit een hoekschop van James Rowe en schoot na rust "
        "van zes meter binnen voor zijn eigen tweeklapper.",
        "Alex Wall deed nog iets terug, maar de Robins boekten hun zevende zege in acht duels in de National "
        "League.",
        "Cheltenham blijft tweede, een punt achter Forest Green Rovers, terwijl Bromley zakt naar de veertiende "
        "plaats na slechts één zege in de laatste elf duels.",
        "Trainer Gary Johnson van Cheltenham Town zei tegen BBC Radio Gloucestershire: Media playback is not "
        "supported on this device \"Dit is het beste wat we in een tijdje hebben gespeeld.",
        "We haalden de resultaten al wel, maar ik heb genoten van hoe we vandaag speelden: we creëerden veel "
        "kansen.",
        "\"Ik was heel blij met ons spel en hopelijk kunnen onze supporters tevreden naar huis.",
        "\"Ons passspel leverde ook echt iets op, zonder dat we lange ballen speelden.",
        "Al met al hebben de jongens het goed neergezet.\"",
    ]},
    {"id": "l2r-38-h", "split": "reporting", "nl": [
        "Sustainable Shetland, een groep die tegen het project is, heeft aangekondigd dat ze de rechter wil "
        "vragen het besluit van de Schotse regering om het project goed te keuren te toetsen.",
        "Het windpark zou het op twee na grootste van Schotland worden en wordt beheerd door het "
        "gemeenschapsbedrijf Viking Energy.",
        "Energieminister Fergus Ewing gaf in april toestemming voor het plan.",
        "Tegenstanders zeggen dat het project te groot is en het landschap zou ontsieren.",
        "Voorstanders stellen dat het geld oplevert voor de eilanden, banen schept en helpt om de doelen voor "
        "duurzame energie te halen.",
        "Het windpark van 370 MW moet meer dan 175.000 huishoudens van stroom voorzien, terwijl Shetland maar "
        "ongeveer 22.000 inwoners heeft.",
        "Naar schatting kan het windpark de lokale gemeenschap zo'n 30 miljoen pond per jaar opleveren.",
    ]},
]

# Planted contradictions: (sentence index, the Dutch sentence with one fact changed, kind of change). The
# evaluation swaps each into the translation and expects that sentence, and only it, to be flagged as
# contradicting the English original. Written with the translations, before any run.
PLANTED = {
    "l2r-1-h": [
        (3, "Het was hun derde nacht in Noord-Ierland.", "count"),
        (8, "\"Hoewel de precieze oorzaak nog wordt onderzocht, wordt aangenomen dat de brand niet opzettelijk "
            "is aangestoken.\"", "negation"),
    ],
    "l2r-3-h": [
        (4, "Volgens dokter Kutlubay was de man de afgelopen vijf jaar onder psychiatrische behandeling.", "count"),
        (2, "Eerdere berichten dat de gewapende man meerdere mensen had gegijzeld, bleken juist.", "antonym"),
    ],
    "l2r-14-h": [
        (0, "De 28-jarige speler uit Bath kwam sinds zijn overstap van Wasps in 2015 46 keer uit voor de Dragons.",
         "count"),
        (7, "De Dragons spelen zaterdag in de Pro12 uit tegen Munster.", "weekday"),
    ],
    "l2r-34-h": [
        (1, "In een brief aan slachtoffers bevestigde de politie van Nottinghamshire dat 350 van de 636 gemelde "
            "misdrijven op terrein van de gemeente plaatsvonden.", "count"),
        (8, "De politie van Nottinghamshire heeft direct gereageerd, omdat de informatie deel uitmaakt van een "
            "lopend onderzoek.", "negation"),
    ],
    "l2r-36-h": [
        (3, "Cheltenham blijft tweede, drie punten achter Forest Green Rovers, terwijl Bromley zakt naar de "
            "veertiende plaats na slechts één zege in de laatste elf duels.", "count"),
        (2, "Alex Wall deed nog iets terug, maar de Robins boekten hun zevende nederlaag in acht duels in de "
            "National League.", "antonym"),
    ],
    "l2r-38-h": [
        (2, "Energieminister Fergus Ewing gaf in juni toestemming voor het plan.", "month"),
        (6, "Naar schatting zal het windpark de lokale gemeenschap zo'n 30 miljoen pond per jaar opleveren.",
         "modality"),
    ],
}
