"""Attribution signal: reporting verbs, "according to", named vs vague sources and quotes, en and nl."""

from __future__ import annotations

import math

import pytest

from credibility.document import build_document
from credibility.signals import attribution as attribution_module
from credibility.signals.attribution import FEATURES, attributed_sentence_indices

SOURCED_EN = (
    "Prime Minister Mark Rutte said on Monday that taxes would rise. "
    '"We have no choice," he added. '
    "Sources close to the cabinet say the plan is agreed. "
    "The weather was fine. "
    "According to the Bank of England, inflation is high."
)
SOURCED_NL = (
    "De belastingen gaan omhoog, zei premier Rutte maandag. "
    '"We hebben geen keus," aldus Rutte. '
    "Volgens ingewijden is het plan al rond. "
    "Het weer was mooi. "
    "Experts zeggen dat de prijzen dalen."
)


def test_english_spans(attribution):
    _, signal, cues = attribution(SOURCED_EN, "en")
    assert cues == [
        ("Prime Minister Mark Rutte", "named_source"),
        ("said", "reporting_verb"),
        ('"We have no choice,"', "quote"),
        ("he", "pronoun_source"),
        ("added", "reporting_verb"),
        ("Sources", "vague_source"),
        ("say", "reporting_verb"),
        ("According to", "according_to"),
        ("the Bank of England", "named_source"),
    ]
    reasons = {s.reason for s in signal.spans}
    assert "vague source: 'Sources' does not say who the source is" in reasons
    assert "named source: 'the Bank of England' is given for the claim" in reasons


def test_english_features(attribution):
    doc, signal, _ = attribution(SOURCED_EN, "en")
    assert doc.word_count == 40 and len(doc.sentences) == 5
    # Four attributions: said (named), added ("he": unspecified), say (vague), according to (named).
    assert signal.features == pytest.approx(
        {
            "attributed_sentence_share": 4 / 5,
            "attribution_rate_per_100_words": 100 * 4 / 40,
            "named_source_share": 2 / 4,
            "vague_source_share": 1 / 4,
            "vague_source_rate_per_100_words": 100 * 1 / 40,
            "quote_share": 1 / 5,
        }
    )


def test_attributed_sentence_indices_is_cached(attribution):
    doc, _, _ = attribution(SOURCED_EN, "en")
    fresh = build_document(SOURCED_EN, lang="en")
    indices = attributed_sentence_indices(fresh)
    assert indices == frozenset({0, 1, 2, 4})
    assert fresh.extra["attributed_sentences"] is indices
    assert attributed_sentence_indices(doc) == indices


def test_dutch_spans_and_features(attribution):
    doc, signal, cues = attribution(SOURCED_NL, "nl")
    assert cues == [
        ("zei", "reporting_verb"),
        ("premier Rutte", "named_source"),
        ('"We hebben geen keus,"', "quote"),
        ("aldus", "according_to"),
        ("Rutte", "named_source"),
        ("Volgens ingewijden", "vague_source"),
        ("Experts", "vague_source"),
        ("zeggen", "reporting_verb"),
    ]
    assert doc.word_count == 31
    assert attributed_sentence_indices(doc) == frozenset({0, 1, 2, 4})
    assert signal.features["named_source_share"] == pytest.approx(2 / 4)
    assert signal.features["vague_source_share"] == pytest.approx(2 / 4)
    assert signal.features["vague_source_rate_per_100_words"] == pytest.approx(100 * 2 / 31)
    assert signal.features["quote_share"] == pytest.approx(1 / 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "De minister liet weten dat hij aftreedt.",
            [("De minister", "named_source"), ("liet weten", "reporting_verb")],
        ),
        ("Dat stelde De Jonge dinsdag.", [("stelde", "reporting_verb"), ("De Jonge", "named_source")]),
        ("Naar verluidt is de deal rond.", [("Naar verluidt", "vague_source")]),
        (
            "Dat blijkt uit cijfers van het CBS.",
            [("blijkt uit", "according_to"), ("het CBS", "named_source")],
        ),
        (
            "De minister noemde het plan onzin.",
            [("De minister", "named_source"), ("noemde", "reporting_verb")],
        ),
        ("Het kabinet stelt zich op het standpunt dat het klopt.", []),
    ],
)
def test_dutch_verb_forms(attribution, text, expected):
    _, _, cues = attribution(text, "nl")
    assert cues == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experts say prices could fall.", [("Experts", "vague_source"), ("say", "reporting_verb")]),
        ("The dam reportedly failed.", [("reportedly", "vague_source")]),
        ("It is said that the mayor resigned.", [("It is said", "vague_source")]),
        # Reuters is the addressee; "He" is the source, a pronoun.
        ("He told Reuters the talks had failed.", [("He", "pronoun_source"), ("told", "reporting_verb")]),
        ("The results were released in the United States.", []),
        ("It is hard to say what happened.", []),
        (
            "Sandra Bell, who runs a cafe on Harbour Road, said sales fell.",
            [("Sandra Bell", "named_source"), ("said", "reporting_verb")],
        ),
        ("In London, Smith said it rained.", [("Smith", "named_source"), ("said", "reporting_verb")]),
        (
            "The tax will rise, said Prime Minister Mark Rutte.",
            [("said", "reporting_verb"), ("Prime Minister Mark Rutte", "named_source")],
        ),
        # Trump is in the reported clause.
        ("He said Trump has won.", [("He", "pronoun_source"), ("said", "reporting_verb")]),
    ],
)
def test_english_sources(attribution, text, expected):
    _, _, cues = attribution(text, "en")
    assert cues == expected


def test_unattributed_quote_is_not_a_quote_span(attribution):
    _, signal, cues = attribution('The so-called "reform" was passed. Nobody knew why.', "en")
    assert cues == []
    assert signal.features["quote_share"] == 0.0


def test_apostrophes_do_not_pair_as_quotes(attribution):
    _, _, cues = attribution("The players' union said it's fine, 'for now'.", "en")
    assert ("'for now'", "quote") in cues
    assert all(kind != "quote" or text == "'for now'" for text, kind in cues)


def test_features_are_length_robust(attribution):
    _, short, _ = attribution(SOURCED_EN, "en")
    _, long, _ = attribution("\n\n".join([SOURCED_EN] * 4), "en")
    for name in FEATURES:
        assert long.features[name] == pytest.approx(short.features[name])


def test_empty_and_unsupported_texts_give_zeros(attribution):
    for text, lang in (("", "en"), ("Selon le ministre, il pleuvra.", "fr")):
        doc, signal, cues = attribution(text, lang)
        assert cues == []
        assert all(value == 0.0 and math.isfinite(value) for value in signal.features.values())
        assert attributed_sentence_indices(doc) == frozenset()


def test_dutch_newspaper_quotes_and_quotes_in_other_sentences(attribution):
    doc, signal, cues = attribution(",,Mijn dochter leert er veel van,'' zegt Simons. Het is 'mooi'.", "nl")
    assert cues == [
        (",,Mijn dochter leert er veel van,''", "quote"),
        ("zegt", "reporting_verb"),
        ("Simons", "named_source"),
    ]
    assert attributed_sentence_indices(doc) == frozenset({0})
    assert signal.features["quote_share"] == pytest.approx(1 / 2)


# --- Scope: which sentences an attribution covers (see the rules in the module docstring). ---


def _scope_texts(doc):
    """Sentence index -> (cue text, source text) of the attribution covering it."""
    scope = attribution_module.attribution_scope(doc)
    return {
        index: (
            doc.text[a.start : a.end],
            doc.text[a.source_start : a.source_end] if a.source_start >= 0 else None,
        )
        for index, a in scope.items()
    }


@pytest.mark.parametrize(
    ("text", "lang", "covered"),
    [
        # A quote that runs over two sentences before "he said".
        ("“We will win. The voters know it,” he said. The polls closed at eight.", "en", {0, 1}),
        # Quoted sentences after "…,” she said." continue her.
        ("“We will win,” she said. “The voters know it. They are angry.” The polls closed.", "en", {0, 1, 2}),
        # Newspaper style: the paragraph ends inside the quote and the next one reopens it.
        ("“We will fight on. We have the votes.\n\n“Nobody will stop us,” said Jane Smith.", "en", {0, 1, 2}),
        (
            ",,We gaan door. We hebben de stemmen.\n\n,,Niemand houdt ons tegen,'' aldus Jansen.",
            "nl",
            {0, 1, 2},
        ),
        # Dutch ,,…'' over two sentences.
        (",,Het gaat slecht. We moeten ingrijpen,'' zegt Halsema. Het regent.", "nl", {0, 1}),
        # Dutch continuation in one paragraph.
        (",,Het is klaar,'' zei Jansen. ,,We gaan naar huis.''\n\nHet regende.", "nl", {0}),
        # "According to X:" at the head of a list covers the items, not the paragraph after them.
        (
            "According to the police:\n\n- Two cars collided.\n- Nobody was hurt.\n\nThe road is open.",
            "en",
            {0, 1, 2},
        ),
        (
            "Volgens de politie:\n\n- Twee auto's botsten.\n- Niemand raakte gewond.\n\nDe weg is open.",
            "nl",
            {0, 1, 2},
        ),
    ],
)
def test_scope_covers_the_sentences_an_attribution_governs(text, lang, covered):
    doc = build_document(text, lang=lang)
    assert attributed_sentence_indices(doc) == frozenset(covered)
    assert set(_scope_texts(doc)) == covered


def test_scope_names_the_speaker_of_a_continued_quote():
    doc = build_document("“We will fight on.\n\n“Nobody will stop us,” said Senator Jane Smith.", lang="en")
    assert _scope_texts(doc) == {0: ("said", "Senator Jane Smith"), 1: ("said", "Senator Jane Smith")}


def test_a_later_source_does_not_cover_earlier_sentences():
    text = (
        "The company lost $5 million last year. Its chief executive resigned in May. "
        "According to The Information, a sale is planned."
    )
    doc = build_document(text, lang="en")
    assert attributed_sentence_indices(doc) == frozenset({2})
    assert _scope_texts(doc) == {2: ("According to", "The Information")}


def test_unquoted_sentences_after_a_quote_and_scare_quotes_are_not_covered():
    doc = build_document("“It is over,” Smith said. Prices rose. The plan is “bold”.", lang="en")
    assert attributed_sentence_indices(doc) == frozenset({0})


def test_scope_is_cached_and_matches_the_indices():
    doc = build_document(SOURCED_EN, lang="en")
    scope = attribution_module.attribution_scope(doc)
    assert doc.extra["attribution_scope"] is scope
    assert frozenset(scope) == attributed_sentence_indices(doc)
    assert attribution_module.attribution_scope(build_document("", lang="en")) == {}


# --- Sources with their role. ---


@pytest.mark.parametrize(
    ("text", "lang", "source"),
    [
        ("The Virginia senator said the bill would pass.", "en", "The Virginia senator"),
        ("The bill will pass, the Virginia senator said.", "en", "the Virginia senator"),
        ("A spokeswoman for the ministry said it was false.", "en", "A spokeswoman for the ministry"),
        ("The tax will rise, said Prime Minister Mark Rutte.", "en", "Prime Minister Mark Rutte"),
        ("Former president Barack Obama said he was proud.", "en", "Former president Barack Obama"),
        ("Het plan is rond, zegt minister Hugo de Jonge.", "nl", "minister Hugo de Jonge"),
        (
            "De weg was afgesloten, zei de woordvoerder van de politie.",
            "nl",
            "de woordvoerder van de politie",
        ),
        ("Volgens de woordvoerder van de politie is de weg dicht.", "nl", "de woordvoerder van de politie"),
        ("Dat laat Rutte weten.", "nl", "Rutte"),
        ("De weg is dicht, aldus burgemeester Halsema.", "nl", "burgemeester Halsema"),
    ],
)
def test_source_span_is_the_source_with_its_role(attribution, text, lang, source):
    _, signal, cues = attribution(text, lang)
    assert (source, "named_source") in cues
    assert signal.features["named_source_share"] == 1.0


def test_pronoun_sources_are_marked_but_not_named(attribution):
    _, signal, cues = attribution("De weg is dicht, zegt hij. “It is closed,” she said.", "en")
    assert ("she", "pronoun_source") in cues
    assert signal.features["named_source_share"] == 0.0
    _, _, cues = attribution("De weg is dicht, zegt hij.", "nl")
    assert cues == [("zegt", "reporting_verb"), ("hij", "pronoun_source")]


# --- Vague sources, English and Dutch. ---


@pytest.mark.parametrize(
    ("text", "lang", "vague"),
    [
        ("Some people claim the vote was rigged.", "en", "Some people"),
        ("Sources say the deal is off.", "en", "Sources"),
        ("It is believed that he fled.", "en", "It is believed"),
        ("An eyewitness saw the car drive off.", "en", "An eyewitness"),
        ("According to experts, the bridge is safe.", "en", "According to experts"),
        ("Een ooggetuige zag de auto wegrijden.", "nl", "Een ooggetuige"),
        ("Er zijn mensen die vinden dat het te laat is.", "nl", "Er zijn mensen die"),
        ("Volgens deskundigen is de brug veilig.", "nl", "Volgens deskundigen"),
        ("Insiders zeggen dat hij stopt.", "nl", "Insiders"),
        ("Naar verluidt is de deal rond.", "nl", "Naar verluidt"),
    ],
)
def test_vague_sources(attribution, text, lang, vague):
    doc, signal, cues = attribution(text, lang)
    assert (vague, "vague_source") in cues
    assert signal.features["vague_source_share"] == 1.0
    assert attributed_sentence_indices(doc) == frozenset({0})


# --- Verbs of stance count only after a subject and outside quotes. ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The senator seemed to back the plan.",
            [("The senator", "named_source"), ("seemed", "reporting_verb")],
        ),
        ("The poll shows Smith ahead.", [("The poll", "named_source"), ("shows", "reporting_verb")]),
        ("Jane Smith declined to answer.", [("Jane Smith", "named_source"), ("declined", "reporting_verb")]),
        ("Sales declined in May.", []),  # no speaker before the verb
        ("It shows how prices work.", []),
    ],
)
def test_gated_verbs_need_a_subject(attribution, text, expected):
    _, _, cues = attribution(text, "en")
    assert cues == expected


def test_gated_verbs_inside_quotes_and_passives_do_not_count(attribution):
    _, _, cues = attribution("“I think we seemed tired,” Smith said. The plan is agreed.", "en")
    assert [c for c in cues if c[1] == "reporting_verb"] == [("said", "reporting_verb")]


@pytest.mark.parametrize(
    ("text", "lang", "source"),
    [
        ("Dat zei minister De Jonge gisteren.", "nl", "minister De Jonge"),
        (
            "White House press secretary Sean Spicer said the crowd was large.",
            "en",
            "White House press secretary Sean Spicer",
        ),
        ("The bill will pass, the senator from Ohio told reporters.", "en", "the senator from Ohio"),
        (
            "Het is veilig, zegt de woordvoerder van het RIVM tegen de NOS.",
            "nl",
            "de woordvoerder van het RIVM",
        ),
        (
            "It will cost £48 million, according to the council's capital budget report.",
            "en",
            "the council's capital budget report",
        ),
        ("Het waterschap zegt dat het klopt.", "nl", "Het waterschap"),
    ],
)
def test_more_sources_with_roles(attribution, text, lang, source):
    _, _, cues = attribution(text, lang)
    assert [c for c in cues if c[1] == "named_source"] == [(source, "named_source")]


def test_a_passive_names_no_speaker_and_a_bare_group_is_vague(attribution):
    _, _, cues = attribution(
        "The wall along the Harbour Road waterfront is reported to cost £48 million.", "en"
    )
    assert cues == [("reported", "reporting_verb")]
    _, signal, cues = attribution("Officials said the road was closed.", "en")
    assert cues == [("Officials", "vague_source"), ("said", "reporting_verb")]
    assert signal.features["vague_source_share"] == 1.0


def test_speaker_labels_cover_their_paragraph():
    text = (
        "TAPPER: Do you think he will win? He has the votes.\n\nA: We will see.\n\nKortom: het plan is rond."
    )
    doc = build_document(text, lang="en")
    assert _scope_texts(doc) == {0: (":", "TAPPER"), 1: (":", "TAPPER"), 2: (":", None)}
    nl = build_document("Kortom: het plan is rond. Het kost veel.", lang="nl")
    assert attributed_sentence_indices(nl) == frozenset()


def test_an_embedded_tweet_credit_line_is_an_attribution(attribution):
    text = "Taxes will fall next year. — Jane Smith (@janesmith) May 4, 2026"
    doc, _, cues = attribution(text, "en")
    assert ("—", "according_to") in cues and ("Jane Smith", "named_source") in cues


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        # a backward sourcing sentence covers the sentence before it (same paragraph only)
        ("De brug was drie maanden te laat klaar. Dat blijkt uit stukken van de gemeente.", {0, 1}),
        ("De brug was drie maanden te laat klaar.\n\nDat blijkt uit stukken van de gemeente.", {1}),
        # indirect speech continues over the next unquoted sentences of its paragraph
        ("De onderzoeker legde uit dat de metingen niet klopten. De sensoren stonden te dicht bij de weg.\n\n"
         "De gemeente plaatst nieuwe sensoren.", {0, 1}),
        ("Volgens de brandweer ging het om een kortsluiting. Het vuur sloeg over naar de schuur.", {0, 1}),
        # a quote closed by a cue does not continue into the author's next sentence
        (",,Het was een kortsluiting'', zegt de brandweer. Het vuur sloeg over naar de schuur.", {0}),
        # more Dutch reporting verbs
        ("De trainer gaf toe dat de ploeg slecht had verdedigd.", {0}),
        ("Ze ontdekten dat de vogels in de stad hoger zingen.", {0}),
        ("De commissie kwam tot de conclusie dat het geld verkeerd was besteed.", {0}),
        (",,We hebben slecht gespeeld'', reageert de trainer.", {0}),
        ("Het plan gaat volgend jaar mis, vrezen omwonenden.", {0}),
    ],
)
def test_dutch_scope_rules_and_reporting_verbs(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


def test_english_indirect_speech_does_not_continue():
    doc = build_document("The researcher explained that the readings were wrong. The sensors stood too close to the road.",
                         lang="en")
    assert attributed_sentence_indices(doc) == frozenset({0})


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("De werkloosheid daalt, zo blijkt uit nieuwe cijfers.", {0}),
        ("De rechtbank oordeelde dat de gemeente fout zat.", {0}),
        ("De dijk is te zwak. Dat is de conclusie van het waterschap.", {0, 1}),
        ("Het kabinet valt. Dat bericht Het Dagblad.", {0, 1}),
        ("Dat bericht is onjuist.", set()),
        ("De bouw is vertraagd, zo staat in het rapport van de provincie.", {0}),
        ("De markt reageert nerveus op het nieuws.", set()),
        ("De wethouder reageerde met een verklaring op zijn website.", {0}),
    ],
)
def test_more_dutch_sourcing_phrases(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("De fabriek sluit volgend jaar, verwacht de vakbond.", {0}),
        ("De fabriek sluit volgend jaar, denkt Jansen.", {0}),
        ("Hij ging naar huis, dacht na en belde de politie.", set()),
    ],
)
def test_dutch_inverted_cognition_verbs_after_a_comma(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        # a quoted sentence is someone's speech, also when the speaker is given only by context
        (",,We gaan de hele zomer door met bouwen.'' De brug is in juli klaar.", {0}),
        # a scare-quoted term is not
        ("'Groene' stroom is vorig jaar duurder geworden.", set()),
        # a quote glued after the reporter's own sentence leaves that unit to the merged-unit rule
        ("De brug is in juli klaar. ,,We gaan de hele zomer door met bouwen.''", set()),
    ],
)
def test_dutch_quoted_sentences_are_speech(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


def test_english_quote_without_a_speaker_is_not_attributed():
    doc = build_document('"We will keep building all summer long." The bridge opens in July.', lang="en")
    assert attributed_sentence_indices(doc) == frozenset()


def test_dutch_outlet_as_source():
    text = "Het aantal inbraken is vorig jaar gedaald, meldt de krant."
    analysis = attribution_module.analyze_attribution(build_document(text, lang="nl"))
    assert [text[a.source_start : a.source_end] for a in analysis.attributions] == ["de krant"]


# --- issue #14, second round: nested talk, learned cues, Dutch paragraph scope ---------------------------


def test_a_reporting_verb_inside_a_quote_is_the_quoted_speakers_talk_not_a_cue():
    doc = build_document('The senator said: "I never said I would pay for it." The bill passed.', lang="en")
    analysis = attribution_module.analyze_attribution(doc)
    listed = [a for a in analysis.attributions if a.kind != attribution_module.LEARNED_KIND]
    assert [doc.text[a.start : a.end] for a in listed] == ["said"]
    assert attributed_sentence_indices(doc) == frozenset({0})


def test_learned_cues_count_as_attributions_but_do_not_source_a_sentence():
    text = "The tax rose by 4 percent. Hillary Clinton has repeatedly pledged to expand background checks."
    doc = build_document(text, lang="en")
    analysis = attribution_module.analyze_attribution(doc)
    learned = [a for a in analysis.attributions if a.kind == attribution_module.LEARNED_KIND]
    # one cue across the adverb, with the subject as its named source
    assert [text[a.start : a.end] for a in learned] == ["has repeatedly pledged"]
    assert [text[a.source_start : a.source_end] for a in learned] == ["Hillary Clinton"]
    assert attributed_sentence_indices(doc) == frozenset()


def test_learned_cues_only_where_the_weight_table_exists():
    doc = build_document("Rutte heeft herhaaldelijk beloofd de wet te verbeteren.", lang="nl")
    kinds = {a.kind for a in attribution_module.analyze_attribution(doc).attributions}
    assert attribution_module.LEARNED_KIND not in kinds


def test_learned_cue_candidates_exclude_quotes_and_listed_cues():
    text = 'Aides said that Trump plans a major ad buy. "We plans nothing," he said.'
    doc = build_document(text, lang="en")
    candidates = dict(attribution_module.learned_cue_candidates(doc))
    words = {doc.words_lower[i] for i in candidates}
    assert "plans" in words and "said" not in words and "nothing" not in words
    first = next(i for i in candidates if doc.words_lower[i] == "plans")
    assert {"w=plans", "prev=name", "subj&w=plans", "cue_in_sentence=1"} <= set(candidates[first])


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        # a paragraph opened by a named speaker's reporting clause continues that speaker (no "dat" needed)
        ("Onderzoeker Chris Kidd heeft gewaarschuwd voor de gevaren van overstromingen. "
         "Satellietbeelden bieden geen zekerheid over de regen.", {0, 1}),
        # a colon a few words after the verb opens indirect speech too
        ("Toen stelden de onderzoekers hetzelfde fenomeen vast: de vogels zingen hoger. "
         "Bovendien zingen ze sneller.", {0, 1}),
        # up to three sentences continue indirect speech
        ("Kidd legde uit dat de satellieten falen. Ze zien de wolken. Ze missen de regen. Ze zijn te traag.",
         {0, 1, 2, 3}),
        # a reporter's sentence after an unnamed speaker's clause without "dat" is not covered
        ("Hij heeft gewaarschuwd voor de gevaren. Het water steeg tot twee meter.", {0}),
        # "een niet bekendgemaakt bedrag" is no announcement
        ("De daders maakten voor een niet bekendgemaakt bedrag horloges buit.", set()),
    ],
)
def test_dutch_paragraph_scope_of_indirect_speech(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# header\n@bias\t-1.0\nw=plans\tmany\n", ":3: expected 'feature<TAB>number'"),
        ("@threshold\t1.5\nw=plans\t1.0\n", "@threshold must lie between 0 and 1"),
    ],
)
def test_a_malformed_learned_cue_table_is_refused_with_its_line(tmp_path, content, message):
    from credibility.signals.learned_cues import _load

    path = tmp_path / "attribution_learned_cues.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace("(", r"\(")) as raised:
        _load(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("text", "lang", "covered"),
    [
        # a speaker's label before a quote inside a paragraph (one-paragraph DPG articles)
        ('De taal wordt veel gebruikt. Van den Boon: "De termen zijn dwingend. Ze blijven." De serie stopte.',
         "nl", {1, 2}),
        # without a quote after the colon it is no label
        ("De taal wordt veel gebruikt. Van den Boon: de termen zijn dwingend. De serie stopte.", "nl", set()),
    ],
)
def test_a_speaker_label_inside_a_paragraph_attributes_its_quote(text, lang, covered):
    assert attributed_sentence_indices(build_document(text, lang=lang)) == frozenset(covered)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Scholieren klagen op internet dat ze zijn gestraft.", {0}),
        ("Onderzoekers zijn tot de conclusie gekomen dat de dijk te zwak is.", {0}),
        ("Na lang zoeken zijn de onderzoekers erachter gekomen dat de brug scheurt.", {0}),
        ('In de verklaring die het bedrijf gisteren uitgaf, staat: "Wij volgen alle regels."', {0}),
        ("De klant klaagt over de service.", set()),
        # "spreekt van" characterises in the speaker's words
        ("VVD-Kamerlid Aukje de Vries spreekt van een 'ontluisterend' verhaal.", {0}),
        ("De burgemeester sprak van een ramp voor de stad.", {0}),
        ("Er is geen sprake van een ramp.", set()),
    ],
)
def test_dutch_complaints_findings_and_statements_as_sources(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        # a speaker's label before a Dutch newspaper quote, also a one-word name seen nowhere else
        ("De brug is dicht.\n\nJansen: ,,We weten niet wanneer hij weer opengaat.''", {1}),
        ("De brug is dicht.\n\nWethouder Jansen: „We weten niet wanneer hij weer opengaat.”", {1}),
        ("De brug is dicht.\n\nKortom: we weten niet wanneer hij weer opengaat.", set()),
    ],
)
def test_dutch_speaker_label_before_a_quote(text, covered):
    assert attributed_sentence_indices(build_document(text, lang="nl")) == frozenset(covered)
