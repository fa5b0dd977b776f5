"""Writes pairs.jsonl: the hand-labeled story pairs for benchmarks/eval_compare.py (see ../README.md).

Kept as code only so the texts stay readable in review; the JSONL file is the data set.
"""

import json
from pathlib import Path

P = []


def pair(id, description, a, b, contradicted=(), uncorroborated=(), a_lang="en", b_lang="en"):
    P.append({"id": id, "description": description,
              "a": {"lang": a_lang, "site": "Source A", "text": a},
              "b": {"lang": b_lang, "site": "Source B", "text": b},
              "labels": {"contradicted": list(contradicted), "uncorroborated": list(uncorroborated)}})


LEEDS_BUDGET = "The city council of Leeds approved a budget of £2.1 billion on Thursday. The plan raises council tax by 4.99% from April. Council leader James Lewis said the increase was needed to protect social care. Opposition councillors voted against the proposal."
pair("council_budget_faithful", "en/en paraphrase, no changes",
     LEEDS_BUDGET,
     "Leeds city council on Thursday approved a £2.1 billion budget. Council tax will go up by 4.99% from April under the plan. The increase is needed to protect social care, council leader James Lewis said. Opposition councillors voted against it.")
pair("council_budget_flips", "en/en rewrite: approved→rejected, percentage changed, invented sentence",
     LEEDS_BUDGET,
     "Leeds city council on Thursday rejected a £2.1 billion budget. Council tax would have gone up by 6.5% from April under the plan. The increase is needed to protect social care, council leader James Lewis said. Several libraries are expected to close as a result.",
     contradicted=["rejected a £2.1 billion", "by 6.5% from April"], uncorroborated=["Several libraries"])
MALARIA_VACCINE = "A clinical trial of a new malaria vaccine in Ghana showed 77 percent efficacy, researchers from the University of Oxford said on Monday. The study followed 450 children for one year. The vaccine could be available in 2027, the researchers said."
pair("vaccine_trial_nl_faithful", "en/nl faithful translation",
     MALARIA_VACCINE,
     "Een klinische studie naar een nieuw malariavaccin in Ghana liet een werkzaamheid van 77 procent zien, zeiden onderzoekers van de University of Oxford maandag. De studie volgde 450 kinderen gedurende een jaar. Het vaccin kan in 2027 beschikbaar zijn, aldus de onderzoekers.",
     b_lang="nl")
pair("vaccine_trial_nl_changed", "en/nl translation with changed percentage, year and weekday, invented sentence",
     MALARIA_VACCINE,
     "Een klinische studie naar een nieuw malariavaccin in Ghana liet een werkzaamheid van 95 procent zien, zeiden onderzoekers van de University of Oxford vrijdag. De studie volgde 450 kinderen gedurende een jaar. Het vaccin is volgens de onderzoekers al in 2025 beschikbaar. De Wereldgezondheidsorganisatie heeft het vaccin al goedgekeurd.",
     contradicted=["95 procent", "al in 2025"], uncorroborated=["Wereldgezondheidsorganisatie"], b_lang="nl")
pair("bridge_closure_negation", "en/en negation flip and invented figure",
     "The Hammersmith Bridge will remain closed to cars until further notice, the council said. Engineers found new cracks in the cast-iron pedestals last week. Pedestrians and cyclists can still cross the bridge. Repairs are expected to take at least two years.",
     "The Hammersmith Bridge will reopen to cars next month, the council said. Engineers found new cracks in the cast-iron pedestals last week. Pedestrians and cyclists can no longer cross the bridge. Repairs will cost around £140 million.",
     contradicted=["reopen to cars next month", "can no longer cross"], uncorroborated=["£140 million"])
pair("company_results_nl_nl", "nl/nl rewrite: winst→verlies, omzet changed, actor changed",
     "Chipmachinemaker ASML boekte in het derde kwartaal een winst van 2,1 miljard euro. De omzet kwam uit op 7,5 miljard euro. Topman Christophe Fouquet zei dat de vraag uit China sterk bleef. Het bedrijf verwacht voor het hele jaar een groei van ongeveer 15 procent.",
     "ASML boekte in het derde kwartaal een verlies van 2,1 miljard euro. De omzet kwam uit op 6,2 miljard euro. Topman Peter Wennink zei dat de vraag uit China sterk bleef. Het bedrijf verwacht voor het hele jaar een groei van ongeveer 15 procent.",
     contradicted=["een verlies van 2,1", "6,2 miljard", "Peter Wennink"], a_lang="nl", b_lang="nl")
pair("company_results_nl_nl_faithful", "nl/nl paraphrase, rounding of figures",
     "Chipmachinemaker ASML boekte in het derde kwartaal een winst van 2,1 miljard euro. De omzet kwam uit op 7,5 miljard euro. Topman Christophe Fouquet zei dat de vraag uit China sterk bleef.",
     "In het derde kwartaal maakte ASML 2,1 miljard euro winst, bij een omzet van 7,5 miljard euro. Volgens topman Christophe Fouquet bleef de vraag uit China sterk.",
     a_lang="nl", b_lang="nl")
STORM_CIARA = "Storm Ciara killed three people in the Netherlands on Sunday, the national weather service KNMI said. Wind gusts reached 130 kilometres per hour on the coast. More than 200 flights were cancelled at Schiphol airport."
pair("storm_damage_en_nl", "en/nl: storm casualties changed and day changed",
     STORM_CIARA,
     "Storm Ciara kostte zaterdag vijf mensen in Nederland het leven, meldde het KNMI. Windstoten bereikten aan de kust 130 kilometer per uur. Op Schiphol werden meer dan 200 vluchten geannuleerd.",
     contradicted=["kostte zaterdag vijf mensen"], b_lang="nl")
pair("storm_damage_en_nl_extra", "en/nl: faithful except an invented sentence without figures",
     STORM_CIARA,
     "Storm Ciara kostte zondag drie mensen in Nederland het leven, meldde het KNMI. Windstoten bereikten aan de kust 130 kilometer per uur. Op Schiphol werden meer dan 200 vluchten geannuleerd. Premier Schoof riep een nationale noodtoestand uit.",
     uncorroborated=["Premier Schoof"], b_lang="nl")
pair("trial_verdict", "en/en: convicted→acquitted, sentence length changed",
     "A court in Rotterdam convicted the former port official of taking bribes on Wednesday. He was sentenced to four years in prison. The judge said the official had accepted 250,000 euros from a shipping company. His lawyer said he would appeal.",
     "A court in Rotterdam acquitted the former port official of taking bribes on Wednesday. The judge said the official had accepted 250,000 euros from a shipping company. His lawyer said he would appeal. He was sentenced to six years in prison.",
     contradicted=["acquitted the former", "six years in prison"])
pair("trial_verdict_faithful", "en/en reordered paraphrase",
     "A court in Rotterdam convicted the former port official of taking bribes on Wednesday. He was sentenced to four years in prison. The judge said the official had accepted 250,000 euros from a shipping company.",
     "The former port official was convicted by a Rotterdam court on Wednesday of taking bribes and sentenced to four years in prison. According to the judge, he accepted €250,000 from a shipping company.")
pair("housing_nl_en", "nl/en: prices rose→fell, invented percentage",
     "De huizenprijzen in Nederland zijn in oktober met 11 procent gestegen ten opzichte van een jaar eerder, meldt het CBS. Een gemiddelde woning kostte 450.000 euro. Het aantal verkochte woningen nam toe.",
     "House prices in the Netherlands fell by 11 percent in October compared with a year earlier, Statistics Netherlands CBS reported. An average home cost 450,000 euros. Mortgage rates have risen to 4.2 percent.",
     contradicted=["fell by 11 percent"], uncorroborated=["Mortgage rates"], a_lang="nl")
pair("housing_nl_en_faithful", "nl/en faithful translation",
     "De huizenprijzen in Nederland zijn in oktober met 11 procent gestegen ten opzichte van een jaar eerder, meldt het CBS. Een gemiddelde woning kostte 450.000 euro.",
     "House prices in the Netherlands rose by 11 percent in October compared with a year earlier, Statistics Netherlands CBS reported. An average home cost 450,000 euros.",
     a_lang="nl")
pair("strike_trains", "en/en: strike date and union changed, confirm→deny",
     "Rail workers of the RMT union will strike on 14 June, the union confirmed. About 40,000 workers are expected to walk out. Network Rail said most trains would not run that day.",
     "Rail workers of the Aslef union will strike on 21 June, the union denied. About 40,000 workers are expected to walk out. Network Rail said most trains would not run that day.",
     contradicted=["Aslef union will strike on 21 June"])
pair("flood_nl_nl_invented", "nl/nl: figure invented, sentence invented",
     "In Limburg zijn na hevige regenval honderden woningen ondergelopen. De Maas bereikte in Venlo een recordhoogte. Burgemeester Antoin Scholten riep bewoners op om hoger gelegen gebieden op te zoeken.",
     "In Limburg zijn na hevige regenval honderden woningen ondergelopen. De Maas bereikte in Venlo een recordhoogte van 6,2 meter. Burgemeester Antoin Scholten riep bewoners op om hoger gelegen gebieden op te zoeken. Het leger is ingezet om dijken te versterken.",
     uncorroborated=["recordhoogte van 6,2", "Het leger is ingezet"], a_lang="nl", b_lang="nl")
pair("election_poll", "en/en: poll numbers and leader swapped",
     "The Labour Party leads the latest poll with 38 percent, ahead of the Conservatives at 24 percent. The survey by YouGov questioned 1,700 adults over the weekend. Reform UK was third with 17 percent.",
     "The Conservatives lead the latest poll with 38 percent, ahead of the Labour Party at 24 percent. The survey by YouGov questioned 1,700 adults over the weekend. Reform UK was third with 19 percent.",
     contradicted=["The Conservatives lead the latest poll", "third with 19 percent"])
pair("hospital_merger_en_nl", "en/nl: exploring→signed stage flip, figure invented",
     "Two hospitals in Utrecht are considering a merger, their boards said on Thursday. The hospitals employ about 9,000 people together. No decision is expected before next year.",
     "Twee ziekenhuizen in Utrecht hebben donderdag een fusie ondertekend, zeiden hun besturen. De ziekenhuizen hebben samen ongeveer 9.000 medewerkers. De fusie kost 85 miljoen euro.",
     contradicted=["een fusie ondertekend"], uncorroborated=["85 miljoen euro"], b_lang="nl")
pair("wildfire_faithful_numbers", "en/en: consistent extra detail (a subset of numbers), no contradiction",
     "Wildfires in southern Greece forced the evacuation of 12 villages on Tuesday. Firefighters battled the flames with the help of 8 aircraft. Strong winds made the work difficult, the fire service said.",
     "On Tuesday, 12 villages in southern Greece were evacuated because of wildfires. Eight aircraft helped firefighters fight the flames. The fire service said strong winds made the work difficult.")
pair("minister_resigns", "en/en: actor changed, day changed, reason invented",
     "Health minister Fleur Agema announced her resignation on Friday. She said she could no longer work with the coalition partners. Prime Minister Dick Schoof thanked her for her work.",
     "Health minister Conny Helder announced her resignation on Monday. She said she could no longer work with the coalition partners. Prime Minister Dick Schoof thanked her for her work. Her departure follows a failed vote on the healthcare budget.",
     contradicted=["Conny Helder announced her resignation on Monday"], uncorroborated=["failed vote"])
pair("port_cyberattack_nl_en", "nl/en: classified→public flip, count changed",
     "Bij een cyberaanval op de haven van Rotterdam zijn geen geheime gegevens buitgemaakt, zegt het Havenbedrijf. De aanval trof 3 terminals. De politie onderzoekt de zaak.",
     "Secret data was stolen in a cyberattack on the port of Rotterdam, the Port Authority says. The attack hit 5 terminals. Police are investigating the case.",
     contradicted=["Secret data was stolen", "hit 5 terminals"], a_lang="nl")

DEV = P
P = []
# ---------------------------------------------------------------------------------------------------
# Held-out pairs: written after the code and lexicons were frozen, run once, never used for tuning.

SCHIPHOL_CAP = "The Dutch government approved a cap of 460,000 flights a year at Schiphol on Friday. Residents near the airport have complained about noise for years. Airlines said the cap would cost jobs."
pair("ho_airport_noise", "en/en: flights cap changed, approved→rejected",
     SCHIPHOL_CAP,
     "The Dutch government on Friday rejected a cap of 400,000 flights a year at Schiphol. Residents near the airport have complained about noise for years. Airlines said the cap would cost jobs.",
     contradicted=["rejected a cap of 400,000"])
pair("ho_airport_noise_nl", "en/nl faithful translation",
     SCHIPHOL_CAP,
     "Het kabinet heeft vrijdag een plafond van 460.000 vluchten per jaar op Schiphol goedgekeurd. Omwonenden van de luchthaven klagen al jaren over geluidsoverlast. Luchtvaartmaatschappijen zeiden dat het plafond banen gaat kosten.",
     b_lang="nl")
pair("ho_museum_theft", "nl/nl: aantal schilderijen en dag veranderd, verzonnen verdachte",
     "Uit het Drents Museum in Assen zijn zaterdagnacht drie schilderijen gestolen. De politie zoekt getuigen. De waarde van de werken is volgens het museum niet bekend.",
     "Uit het Drents Museum in Assen zijn vrijdagnacht vijf schilderijen gestolen. De politie zoekt getuigen. De waarde van de werken is volgens het museum niet bekend. Een 34-jarige man uit Groningen is aangehouden.",
     contradicted=["vrijdagnacht vijf schilderijen"], uncorroborated=["34-jarige man"], a_lang="nl", b_lang="nl")
pair("ho_unemployment_en_nl", "en/nl: rate changed and direction flipped",
     "Unemployment in the Netherlands rose to 3.9 percent in September, Statistics Netherlands said. About 390,000 people were out of work. Youth unemployment was stable.",
     "De werkloosheid in Nederland is in september gedaald naar 3,6 procent, meldt het CBS. Ongeveer 390.000 mensen hadden geen werk. De jeugdwerkloosheid bleef stabiel.",
     contradicted=["gedaald naar 3,6 procent"], b_lang="nl")
VOLVO_RECALL = "Carmaker Volvo is recalling 73,000 cars worldwide because of a faulty seat belt. The company said no injuries had been reported. Owners will be contacted by letter."
pair("ho_recall", "en/en: faithful paraphrase with rounding",
     VOLVO_RECALL,
     "Volvo is recalling about 73,000 vehicles around the world over a faulty seat belt. No injuries have been reported, the company said. Owners will receive a letter.")
pair("ho_recall_invented", "en/en: invented cost figure and invented deaths claim",
     VOLVO_RECALL,
     "Carmaker Volvo is recalling 73,000 cars worldwide because of a faulty seat belt. The company said two people had been injured. The recall will cost the company $120 million.",
     contradicted=["two people had been injured"], uncorroborated=["$120 million"])
pair("ho_school_strike_nl", "nl/nl: geen→wel, datum veranderd",
     "Leraren in het basisonderwijs leggen op 12 november het werk neer. De vakbond eist hogere salarissen. Scholen blijven die dag niet open.",
     "Leraren in het basisonderwijs leggen op 19 november het werk neer. De vakbond eist hogere salarissen. Scholen blijven die dag gewoon open.",
     contradicted=["op 19 november", "blijven die dag gewoon open"], a_lang="nl", b_lang="nl")
pair("ho_merger_talks", "en/en: talks→signed, actor changed",
     "Dutch bank ABN Amro is in talks to buy the German lender Hauck Aufhäuser, chief executive Robert Swaak said. The deal would be worth about 670 million euros. Regulators still have to approve any takeover.",
     "Dutch bank ABN Amro has signed a deal to buy the German lender Hauck Aufhäuser, chief executive Marguerite Bérard said. The deal would be worth about 670 million euros. Regulators still have to approve any takeover.",
     contradicted=["has signed a deal"])
pair("ho_heatwave_en_nl", "en/nl: faithful, with an extra unsupported sentence",
     "Temperatures reached 38 degrees in Maastricht on Wednesday, a record for July. The weather service issued a code orange warning. Hospitals reported more patients with heat complaints.",
     "In Maastricht werd het woensdag 38 graden, een record voor juli. Het KNMI gaf code oranje af. Ziekenhuizen meldden meer patiënten met hitteklachten. Volgens experts wordt het volgend jaar nog heter.",
     uncorroborated=["Volgens experts"], b_lang="nl")
pair("ho_protest", "en/en: peaceful→violent, arrests count changed",
     "Thousands of farmers protested peacefully in The Hague on Tuesday. Police arrested 12 people. The farmers oppose new rules on nitrogen emissions.",
     "Thousands of farmers staged a violent protest in The Hague on Tuesday. Police arrested 45 people. The farmers oppose new rules on nitrogen emissions.",
     contradicted=["violent protest", "arrested 45 people"])

HELDOUT1 = P
P = []
# ---------------------------------------------------------------------------------------------------
# Held-out batch 2: written after every change prompted by batch 1, run once, never used for tuning.

ZOO_BIRTH = "Rotterdam zoo Diergaarde Blijdorp announced the birth of an Asian elephant calf on Saturday. The calf weighs about 110 kilograms. Mother and calf are doing well, the zoo said."
pair("h2_zoo_birth", "en/en: faithful paraphrase",
     ZOO_BIRTH,
     "An Asian elephant calf was born at Diergaarde Blijdorp in Rotterdam, the zoo announced on Saturday. It weighs roughly 110 kilograms. According to the zoo, mother and calf are healthy.")
pair("h2_zoo_birth_flip", "en/en: weight changed, day changed, invented name sentence",
     ZOO_BIRTH,
     "Rotterdam zoo Diergaarde Blijdorp announced the birth of an Asian elephant calf on Sunday. The calf weighs about 80 kilograms. Mother and calf are doing well, the zoo said. Visitors can vote on a name for the calf until next month.",
     contradicted=["calf on Sunday", "about 80 kilograms"], uncorroborated=["Visitors can vote"])
BRIENENOORD_CLOSURE = "De Van Brienenoordbrug is komend weekend gesloten voor al het verkeer, meldt Rijkswaterstaat. Er worden nieuwe voegovergangen geplaatst. Automobilisten moeten rekening houden met files van ruim een uur."
pair("h2_bridge_nl_en", "nl/en: faithful translation",
     BRIENENOORD_CLOSURE,
     "The Van Brienenoord bridge will be closed to all traffic next weekend, Rijkswaterstaat said. New expansion joints are being installed. Drivers should expect traffic jams of more than an hour.",
     a_lang="nl")
pair("h2_bridge_nl_en_flip", "nl/en: closed→open flip and an invented figure",
     BRIENENOORD_CLOSURE,
     "The Van Brienenoord bridge will remain open to all traffic next weekend, Rijkswaterstaat said. New expansion joints are being installed at a cost of 12 million euros. Drivers should expect traffic jams of more than an hour.",
     contradicted=["remain open to all traffic"], uncorroborated=["12 million euros"], a_lang="nl")
pair("h2_budget_nl_nl", "nl/nl: tekort veranderd, partij ontkent i.p.v. bevestigt",
     "Het begrotingstekort komt dit jaar uit op 2,9 procent, bevestigt het ministerie van Financiën. Minister Eelco Heinen wil volgend jaar bezuinigen op subsidies. De oppositie is kritisch.",
     "Het begrotingstekort komt dit jaar uit op 3,4 procent, ontkent het ministerie van Financiën. Minister Eelco Heinen wil volgend jaar bezuinigen op subsidies. De oppositie is kritisch.",
     contradicted=["3,4 procent, ontkent"], a_lang="nl", b_lang="nl")
pair("h2_space_launch", "en/en: launch succeeded→failed, extra sentence",
     "The European Space Agency's Ariane 6 rocket successfully launched its first commercial satellite on Thursday. The launch took place at 21:24 local time from Kourou in French Guiana. The satellite will observe weather patterns over Europe.",
     "The European Space Agency's Ariane 6 rocket failed to launch its first commercial satellite on Thursday. The launch took place at 21:24 local time from Kourou in French Guiana. Engineers blamed a faulty valve.",
     contradicted=["failed to launch"], uncorroborated=["faulty valve"])
pair("h2_hospital_en_nl", "en/nl: patient count changed, rest faithful",
     "A norovirus outbreak at the Radboud hospital in Nijmegen has infected 23 patients, the hospital said on Monday. Two wards have been closed to new admissions. Visitors are asked to stay away.",
     "Bij een uitbraak van het norovirus in het Radboudumc in Nijmegen zijn 41 patiënten besmet, meldde het ziekenhuis maandag. Twee afdelingen zijn gesloten voor nieuwe opnames. Bezoekers wordt gevraagd weg te blijven.",
     contradicted=["41 patiënten"], b_lang="nl")
pair("h2_ceo_appointment", "en/en: actor changed, start date changed",
     "Philips has appointed Roy Jakobs as chief executive, effective 15 October. He succeeds Frans van Houten, who led the company for 12 years. Shares rose 3 percent after the announcement.",
     "Philips has appointed Marnix van Ginneken as chief executive, effective 1 December. He succeeds Frans van Houten, who led the company for 12 years. Shares rose 3 percent after the announcement.",
     contradicted=["Marnix van Ginneken"])

out = Path(__file__).with_name("pairs.jsonl")
out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in DEV), encoding="utf-8")
held = Path(__file__).with_name("heldout.jsonl")
held.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in HELDOUT1), encoding="utf-8")
held2 = Path(__file__).with_name("heldout2.jsonl")
held2.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in P), encoding="utf-8")
print(f"{len(DEV)} development pairs -> {out.name}; {len(HELDOUT1)} -> {held.name}; {len(P)} -> {held2.name}")
