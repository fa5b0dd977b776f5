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


pair("council_budget_faithful", "en/en paraphrase, no changes",
     "The city council of Leeds approved a budget of £2.1 billion on Thursday. The plan raises council tax by 4.99% from April. Council leader James Lewis said the increase was needed to protect social care. Opposition councillors voted against the proposal.",
     "Leeds city council on Thursday approved a £2.1 billion budget. Council tax will go up by 4.99% from April under the plan. The increase is needed to protect social care, council leader James Lewis said. Opposition councillors voted against it.")
pair("council_budget_flips", "en/en rewrite: approved→rejected, percentage changed, invented sentence",
     "The city council of Leeds approved a budget of £2.1 billion on Thursday. The plan raises council tax by 4.99% from April. Council leader James Lewis said the increase was needed to protect social care. Opposition councillors voted against the proposal.",
     "Leeds city council on Thursday rejected a £2.1 billion budget. Council tax would have gone up by 6.5% from April under the plan. The increase is needed to protect social care, council leader James Lewis said. Several libraries are expected to close as a result.",
     contradicted=["rejected a £2.1 billion", "by 6.5% from April"], uncorroborated=["Several libraries"])
pair("vaccine_trial_nl_faithful", "en/nl faithful translation",
     "A clinical trial of a new malaria vaccine in Ghana showed 77 percent efficacy, researchers from the University of Oxford said on Monday. The study followed 450 children for one year. The vaccine could be available in 2027, the researchers said.",
     "Een klinische studie naar een nieuw malariavaccin in Ghana liet een werkzaamheid van 77 procent zien, zeiden onderzoekers van de University of Oxford maandag. De studie volgde 450 kinderen gedurende een jaar. Het vaccin kan in 2027 beschikbaar zijn, aldus de onderzoekers.",
     b_lang="nl")
pair("vaccine_trial_nl_changed", "en/nl translation with changed percentage, year and weekday, invented sentence",
     "A clinical trial of a new malaria vaccine in Ghana showed 77 percent efficacy, researchers from the University of Oxford said on Monday. The study followed 450 children for one year. The vaccine could be available in 2027, the researchers said.",
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
pair("storm_damage_en_nl", "en/nl: storm casualties changed and day changed",
     "Storm Ciara killed three people in the Netherlands on Sunday, the national weather service KNMI said. Wind gusts reached 130 kilometres per hour on the coast. More than 200 flights were cancelled at Schiphol airport.",
     "Storm Ciara kostte zaterdag vijf mensen in Nederland het leven, meldde het KNMI. Windstoten bereikten aan de kust 130 kilometer per uur. Op Schiphol werden meer dan 200 vluchten geannuleerd.",
     contradicted=["kostte zaterdag vijf mensen"], b_lang="nl")
pair("storm_damage_en_nl_extra", "en/nl: faithful except an invented sentence without figures",
     "Storm Ciara killed three people in the Netherlands on Sunday, the national weather service KNMI said. Wind gusts reached 130 kilometres per hour on the coast. More than 200 flights were cancelled at Schiphol airport.",
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

out = Path(__file__).with_name("pairs.jsonl")
out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in P), encoding="utf-8")
print(f"{len(P)} pairs -> {out}")
