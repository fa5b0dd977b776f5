"""Attribution signals: who said what, how far each attribution reaches, and who the speaker is.

Credible reporting ties claims to checkable sources ("Smith said", "according to the ministry");
low-credibility text leans on vague ones ("sources say", "experts believe") or none at all. Cues come from
the per-language lists ``reporting_verbs``, ``attribution_markers`` and ``vague_sources`` (and
``attribution_gated_verbs``: verbs of thought and stance such as "wants" or "believes", which count only
right after a subject); each is matched once over the whole text and mapped to sentences by offset.

Source spans point at the source with its role: the subject before a verb ("the Virginia senator said",
"a spokeswoman for the ministry said"), the name after an inverted verb or a marker ("said Prime Minister
Mark Rutte", "zegt minister Hugo de Jonge", "volgens de woordvoerder van de politie"), or a pronoun
("he said": a ``pronoun_source`` span; the attribution's source stays "unspecified"). A source is
"named" when it is a name or a specific role or organisation ("the senator", "de politie"); a bare plural
group ("officials said", "supporters say") is vague, and a passive ("is reported to") names no speaker
before its verb. A speaker's label at a paragraph start ("TAPPER: ...") and the dash of an embedded
tweet's credit line ("— Jane Smith (@janesmith) ...") are attributions too. A listed verb inside a quote
is the quoted speaker's own talk ("“I never said that”"), not a cue (PolNeAR marks 4% of them).

Learned cues (issue #14; languages with a weight table, English): words that attribute only in some
contexts ("Trump *plans* a major ad buy", "the poll *shows*", "Clinton *has repeatedly ripped* ...") are
scored by a small logistic regression fitted on PolNeAR train (``learned_cues.py``). They are
attributions of kind ``"learned_cue"`` (counted in the rates and source shares, with their sources) but
take no part in the scope below: a stance or an action is evidence of attribution, not enough to call a
claim sourced.

Features (names and meanings unchanged): ``attributed_sentence_share`` is the share of sentences inside a
scope (below), ``quote_share`` the share inside attributed quotes, ``attribution_rate_per_100_words``
counts attributions (cues, standalone vague sources, labels), ``named_source_share`` and
``vague_source_share`` split them by source, ``vague_source_rate_per_100_words`` counts vague phrases.

Scope (which sentences an attribution covers), decided paragraph by paragraph:
1. a cue covers its own sentence;
2. an attributed quote covers every sentence it spans, also the ones before its cue ("“A. B,” he
   said." covers A); a quote left open at the end of a paragraph continues when the next paragraph
   opens with a quotation mark (newspaper style), and the whole chain is one quote;
3. a quoted sentence (a quote that opens its sentence) with no cue of its own, after an attribution in
   the same paragraph, continues that speaker ("“A,” she said. “B.”": B is hers; a scare-quoted
   word inside the author's sentence does not); so does a quote that opens a paragraph right after a
   paragraph ending in "X said:";
4. a sentence that ends with a colon and carries an attribution ("According to the police:") covers the
   list items that follow (consecutive list-item paragraphs), or else the next paragraph;
5. a speaker's label opening a paragraph ("TAPPER: ...", "A: ...") covers that paragraph;
6. nothing is covered backwards: a cue later in a paragraph ("According to The Information, ..." two
   sentences on) covers its own sentence only, never the unquoted sentences before it; and unquoted
   sentences after a cue are not covered either (the author may have resumed speaking). The one
   exception is rule 2: the sentences of the quote a cue is attached to.

Rules a language switches on (Dutch, issue #14; English has none of them):
7. a sentence opening with a phrase of ``attribution_backward_sourcing`` ("Dat blijkt uit onderzoek van de
   politie.") covers itself and the sentence before it in its paragraph;
8. indirect speech ("X legde uit dat …", "volgens X …", "X stelde ... vast: …", with "dat" or a colon
   within a few words of the verb) covers the next unquoted sentences of its paragraph that carry no
   attribution of their own, up to the language setting ``attribution_indirect_speech_continues`` (a
   number of sentences); so does a reporting clause with a named source that opens its paragraph
   ("Onderzoeker Chris Kidd heeft gewaarschuwd voor …" followed by what he warned about);
9. with ``attribution_quoted_sentences_are_speech``, a quote of at least four words that opens its sentence
   is attributed even when no cue or earlier speaker is found (its speaker is given by context).

Cache keys set on ``doc.extra``:
- ``"attributed_sentences"``: ``frozenset[int]`` of sentence indices covered by an attribution's scope
  (read it through :func:`attributed_sentence_indices`);
- ``"attribution_scope"``: ``dict[int, Attribution]``, the attribution covering each such sentence (read
  it through :func:`attribution_scope`);
- ``"attribution_analysis"``: the full :class:`AttributionAnalysis` (spans and counts).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from itertools import compress

from ..document import Document, Sentence
from ..lexicon import LanguageResources
from .base import Signal, Span, rate_per_100_words, register, share
from .cues import cue_matches
from .learned_cues import candidate_features, learned_cues, load_model

FEATURES = (
    "attributed_sentence_share",
    "attribution_rate_per_100_words",
    "named_source_share",
    "vague_source_share",
    "vague_source_rate_per_100_words",
    "quote_share",
)

# A direct quote: a balanced pair of quotation marks within one paragraph. Single quotes must open at a
# word start and close where no letter follows, so apostrophes ("it's", "players'") do not pair up.
# Every alternative starts with its quotation mark (checks on the preceding character come after it) so
# that the regex engine can jump from one quotation mark to the next.
QUOTE_RE = re.compile(
    r"“[^”\n]{2,1200}”"
    r"|„[^”“\"\n]{2,1200}[”“\"]"
    r"|\"(?<![\w\"]\")[^\"\n]{2,1200}\"(?!\w)"
    r"|«[^»\n]{2,1200}»"
    r"|,,(?:[^'”\"´\n]|'(?!'))+(?:''|”|\"|´´)"  # Dutch newspaper style: ,,quote''
    r"|‘(?<!\w‘)[^’\n]+(?:’(?=\w)[^’\n]*)*’(?!\w)"
    r"|''(?<![\w']'')[^'\n]+(?:'(?!')[^'\n]*)*''(?!\w)"
    r"|'(?<![\w']')[^'\n]+(?:'(?=\w)[^'\n]*)*'(?!\w)"
)
# A double quotation mark that opens a quote (at a word start); used to find quotes left open at the end
# of a paragraph ("“We will fight on." with the next paragraph reopening with "“").
OPEN_QUOTE_RE = re.compile(r"“|„|«|,,(?=\S)|(?<![\w\"])\"(?=\S)")
# A speaker's label opening a paragraph: "TAPPER: Do you think ...", "A: ...", "Carl Bialik: ..." (one to
# four capitalised words, a colon, then words or a quote, Dutch ",," and "„" included; not "Sanders:
# 1,501"). An interviewer's "Q:" asks rather than states, and is left out.
SPEAKER_LABEL_RE = re.compile(
    r"(A|[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3}):(?=[ \t]+[^\W\d]|[ \t]+(?:[\"“„«‘']|,,))"
)
# The same label opening a sentence inside a paragraph, followed by a quotation mark ("Van den Boon: “…”").
QUOTE_LABEL_RE = re.compile(r"([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3}|[A-Z][\w'’.&-]*(?:[ \t]+(?:van|de|der|den|ter|von)){1,2}[ \t]+[A-Z][\w'’.&-]*):(?=[ \t]*(?:[\"“„«]|,,))")
# A quotation mark right after a label's colon: one capitalised word before it is a speaker ("Jansen: ,,…''").
_OPENS_QUOTE_RE = re.compile(r"[ \t]*(?:[\"“„«‘']|,,)")
# Word lists matched in one pass (the first list wins where two match at one place) and their span kinds.
CUE_LISTS = {
    "vague_sources": "vague_source",
    "attribution_markers": "according_to",
    "reporting_verbs": "reporting_verb",
    "attribution_gated_verbs": "reporting_verb",
}
# A quote this long (words) that opens its sentence is a quoted sentence, not a scare-quoted term (rule 9).
QUOTED_SENTENCE_MIN_WORDS = 4
# How far (characters) a reporting cue may sit from a quote's edge for the quote to count as attributed.
QUOTE_CUE_DISTANCE = 60
# How many words before a cue (or after "according to") are searched for the source's name.
NAME_WINDOW_WORDS = 6
# How many words after a reporting verb may hold an inverted subject ("said Prime Minister Mark Rutte").
AFTER_CUE_WORDS = 3
# How many auxiliaries or adverbs may stand between a subject and its verb ("he has long argued").
SKIP_WORDS = 3
# Words that end a source's noun phrase on the left after being included, and prepositions that join a
# role to its organisation ("a spokeswoman for the ministry", "de woordvoerder van de politie").
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "de",
        "het",
        "een",
        "zijn",
        "haar",
        "hun",
        "onze",
        "dit",
        "dat",
        "deze",
        "die",
    ]
)
# Pronouns that do not make a gated verb an attribution ("I think", "we want", "you know" are talk).
FIRST_SECOND_PERSON = frozenset(["i", "we", "you", "ik", "wij", "we", "jij", "je", "u"])
ROLE_LINKS = frozenset(["for", "of", "at", "from", "van", "bij", "namens"])
# Attribution kind of a cue found by the learned model (``learned_cues.py``).
LEARNED_KIND = "learned_cue"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution cue and what was found about its source.

    ``source_start``/``source_end`` give the source span in ``doc.text`` (-1 when none was found): the
    name or role for a named source, the pronoun for "he said", the phrase for a vague source.
    """

    start: int
    end: int
    kind: str  # "reporting_verb" | "according_to" | "vague_source" | "speaker_label" | "learned_cue" | "quote" (rule 9)
    sentence: int
    source: str  # "named" | "vague" | "unspecified"
    source_start: int = -1
    source_end: int = -1


@dataclass(frozen=True, slots=True)
class AttributionAnalysis:
    attributions: tuple[Attribution, ...]
    spans: tuple[Span, ...]
    attributed_sentences: frozenset[int]
    quote_sentences: frozenset[int]
    vague_count: int
    scope: dict[int, Attribution] | None = None


def attributed_sentence_indices(doc: Document) -> frozenset[int]:
    """Indices of sentences covered by an attribution's scope (see the module docstring for the rules).

    A sentence is covered when it carries a cue or a vague source, lies inside an attributed quote, or is
    a list item after an attributing colon. The claims extractor uses this to tell reported claims from
    the author's own; cached in ``doc.extra["attributed_sentences"]``.
    """
    cached = doc.extra.get("attributed_sentences")
    if cached is None:
        cached = analyze_attribution(doc).attributed_sentences
        doc.extra["attributed_sentences"] = cached
    return cached


def attribution_scope(doc: Document) -> dict[int, Attribution]:
    """Sentence index -> the attribution covering that sentence, for every sentence in a scope.

    The keys are exactly :func:`attributed_sentence_indices`. Where a sentence holds several cues, its
    own cue with a named source wins, then its first cue. Cached in ``doc.extra["attribution_scope"]``;
    treat the dict as read-only.
    """
    cached = doc.extra.get("attribution_scope")
    if cached is None:
        cached = analyze_attribution(doc).scope or {}
        doc.extra["attribution_scope"] = cached
    return cached


def analyze_attribution(doc: Document) -> AttributionAnalysis:
    """Find every attribution cue, classify its source, find attributed quotes and scopes (cached)."""
    cached = doc.extra.get("attribution_analysis")
    if cached is not None:
        return cached
    res = doc.resources
    if res is None or not doc.sentences:
        result = AttributionAnalysis((), (), frozenset(), frozenset(), 0, {})
    else:
        result = _analyze(doc, res)
    doc.extra["attribution_analysis"] = result
    doc.extra["attributed_sentences"] = result.attributed_sentences
    doc.extra["attribution_scope"] = result.scope
    return result


def _analyze(doc: Document, res: LanguageResources, *, learned: bool = True) -> AttributionAnalysis:
    text = doc.text
    not_names = res.words("attribution_not_names")
    addressee_verbs = res.words("attribution_addressee_verbs")
    spans: list[Span] = []
    vague: list[tuple[int, int, str]] = []
    cues: list[tuple[int, int, str, str, bool]] = []
    for start, end, cue_text, list_name in cue_matches(doc, *CUE_LISTS):
        if list_name == "vague_sources":
            vague.append((start, end, cue_text))
        else:
            cues.append((start, end, CUE_LISTS[list_name], cue_text, list_name == "attribution_gated_verbs"))
    # A vague-source phrase that is itself a cue ("reportedly") or overlaps one is not counted twice.
    cue_ranges = [(s, e) for s, e, _, _, _ in cues]
    context = _NameContext(doc, res, not_names)
    quoted = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]

    attributions: list[Attribution] = []
    used_vague: set[int] = set()
    extra_vague = 0  # bare groups found as subjects ("supporters say", "officials said")
    for start, end, kind, cue_text, gated in cues:
        sentence = doc.sentence_at(start)
        if sentence is None or _inside_quote(quoted, start):
            continue  # a verb inside a quote is the quoted speaker's own talk ("“I never said that”")
        vague_index = _nearby_vague(vague, start, end, sentence.start, sentence.end)
        if gated and not _gated_cue_counts(context, start, sentence, vague_index, vague):
            continue  # "wants", "believes", "shows" attribute only after a third-person subject
        source_span: tuple[int, int] = (-1, -1)
        if vague_index is not None:
            source = "vague"
            used_vague.add(vague_index)
            source_span = vague[vague_index][:2]
        else:
            marker = kind == "according_to"
            addressee = cue_text.lower() in addressee_verbs
            found = context.find(
                start, end, sentence, before=not marker, after=not addressee, after_any=marker
            )
            source, source_span, group = _classify_source(context, found, spans)
            extra_vague += group
        attributions.append(Attribution(start, end, kind, sentence.index, source, *source_span))
        if kind == "according_to":
            reason = f"attribution: '{cue_text}' ties the statement to a source"
        else:
            reason = f"reporting verb: '{cue_text}' reports what someone said"
        spans.append(Span(start, end, kind, reason))

    for index, (v_start, v_end, v_text) in enumerate(vague):
        sentence = doc.sentence_at(v_start)
        if sentence is None:
            continue
        spans.append(
            Span(v_start, v_end, "vague_source", f"vague source: '{v_text}' does not say who the source is")
        )
        overlaps_cue = any(s < v_end and v_start < e for s, e in cue_ranges)
        if index not in used_vague and not overlaps_cue:
            attributions.append(
                Attribution(v_start, v_end, "vague_source", sentence.index, "vague", v_start, v_end)
            )

    for label in _speaker_labels(doc, res, context):
        attributions.append(label)
        if label.source == "named":
            name = text[label.source_start : label.source_end]
            spans.append(
                Span(
                    label.source_start,
                    label.source_end,
                    "named_source",
                    f"named source: '{name}' is given for the claim",
                )
            )
        spans.append(
            Span(
                label.start,
                label.end,
                "speaker_label",
                "speaker label: the paragraph gives what this speaker said",
            )
        )
    if learned:
        found, groups = _learned_attributions(doc, res, context, attributions, quoted, spans)
        attributions.extend(found)
        extra_vague += groups
    attributions.sort(key=lambda a: (a.start, a.end))
    # Learned cues count as attributions (rates, sources) but do not make a sentence sourced: see
    # ``learned_cues.py``.
    scope, quote_sentences, quote_spans = _scope(doc, [a for a in attributions if a.kind != LEARNED_KIND])
    spans.extend(quote_spans)
    spans.sort(key=lambda s: (s.start, s.end, s.kind))
    return AttributionAnalysis(
        tuple(attributions),
        tuple(spans),
        frozenset(scope),
        frozenset(quote_sentences),
        len(vague) + extra_vague,
        scope,
    )


_LISTS_OF_CUES = ("reporting_verbs", "attribution_gated_verbs", "attribution_markers")


@cache
def _cue_list_regexes(res: LanguageResources) -> tuple[re.Pattern[str], ...]:
    return tuple(
        regex
        for name in _LISTS_OF_CUES
        if res.has_list(name) and (regex := res.matcher(name).regex) is not None
    )


@cache
def _listed_word_memo(res: LanguageResources) -> dict[str, bool]:
    return {}


def _listed_word_indices(res: LanguageResources, words: list[str]) -> set[int]:
    """Indices of the words that an entry of the cue lists matches on its own ("said", "shows", "say")."""
    memo = _listed_word_memo(res)
    if len(memo) > 1 << 16:
        memo.clear()  # bounded: a long run sees ever new words
    regexes = _cue_list_regexes(res)
    for word in set(words).difference(memo):  # each distinct new word tried once
        memo[word] = any(regex.fullmatch(word) for regex in regexes)
    return set(compress(range(len(words)), map(memo.__getitem__, words)))


def _classify_source(
    context: _NameContext, found: tuple[int, int, str] | None, spans: list[Span]
) -> tuple[str, tuple[int, int], int]:
    """(source kind, source span, 1 for a bare group) of a cue's found source; adds its span to ``spans``."""
    text = context.doc.text
    if found is not None and found[2] == "named" and context.is_bare_group(found[0], found[1]):
        found = (found[0], found[1], "group")
    if found is None:
        return "unspecified", (-1, -1), 0
    words = text[found[0] : found[1]]
    if found[2] == "group":
        spans.append(
            Span(found[0], found[1], "vague_source", f"vague source: '{words}' does not say who the source is")
        )
        return "vague", found[:2], 1
    if found[2] == "named":
        spans.append(
            Span(found[0], found[1], "named_source", f"named source: '{words}' is given for the claim")
        )
        return "named", found[:2], 0
    spans.append(
        Span(
            found[0],
            found[1],
            "pronoun_source",
            f"source: '{words}' points back to a speaker named elsewhere",
        )
    )
    return "unspecified", found[:2], 0


def _learned_attributions(
    doc: Document,
    res: LanguageResources,
    context: _NameContext,
    attributions: list[Attribution],
    quoted: list[tuple[int, int]],
    spans: list[Span],
) -> tuple[list[Attribution], int]:
    """Cues of the learned model (``learned_cues.py``) outside quotes and the listed cues, with sources."""
    model = load_model(res)
    if model is None:
        return [], 0
    taken = _taken_words(doc, attributions, quoted)
    cue_sentences = frozenset(a.sentence for a in attributions)
    found_cues: list[Attribution] = []
    groups = 0
    for start, end in learned_cues(doc, model, taken.__contains__, context.subject_class, cue_sentences, context.skip):
        sentence = doc.sentence_at(start)
        if sentence is None:
            continue
        found = context.find(start, end, sentence, before=True, after=True, after_any=False)
        source, source_span, group = _classify_source(context, found, spans)
        groups += group
        found_cues.append(Attribution(start, end, LEARNED_KIND, sentence.index, source, *source_span))
        spans.append(
            Span(start, end, "reporting_verb", f"attribution cue: '{doc.text[start:end]}' reports a stance or statement")
        )
    return found_cues, groups


def learned_cue_candidates(doc: Document) -> list[tuple[int, list[str]]]:
    """(word index, features) of every word the learned-cue model would score, its vocabulary aside.

    For ``benchmarks/train_attribution_cues.py``: the listed cues and quotes are found exactly as in
    :func:`analyze_attribution`, without learned cues, so that training sees what the extractor sees.
    """
    res = doc.resources
    if res is None or not doc.sentences:
        return []
    analysis = _analyze(doc, res, learned=False)
    quoted = [(m.start(), m.end()) for m in QUOTE_RE.finditer(doc.text)]
    context = _NameContext(doc, res, res.words("attribution_not_names"))
    attributions = list(analysis.attributions)
    taken = _taken_words(doc, attributions, quoted)
    cue_sentences = frozenset(a.sentence for a in attributions)
    return list(candidate_features(doc, None, taken.__contains__, context.subject_class, cue_sentences))


def _taken_words(doc: Document, attributions: list[Attribution], quoted: list[tuple[int, int]]) -> set[int]:
    """Indices of words that are no candidates for a learned cue: inside a quote, overlapping an
    attribution, a word of the cue lists (their own rules decide: "It shows", "hard to say"), or one of
    the two words right before a listed cue or word (its auxiliary or adverb: "has repeatedly said" is
    one cue)."""
    text = doc.text
    res = doc.resources
    taken = _listed_word_indices(res, doc.words_lower) if res is not None else set()
    cue_words = [(bisect.bisect_right(doc.word_ends, a.start), bisect.bisect_left(doc.word_starts, a.end)) for a in attributions]
    cue_words += [(i, i + 1) for i in sorted(taken)]
    for lo, hi in cue_words:
        taken.update(range(lo, hi))
        before = lo - 1
        while before >= 0 and not text[doc.word_ends[before] : doc.word_starts[before + 1]].strip() and before >= lo - 2:
            taken.add(before)
            before -= 1
    for start, end in quoted:
        taken.update(range(bisect.bisect_right(doc.word_ends, start + 1), bisect.bisect_left(doc.word_starts, end - 1)))
    return taken


def _scope(
    doc: Document, attributions: list[Attribution]
) -> tuple[dict[int, Attribution], set[int], list[Span]]:
    """Sentence -> covering attribution, the sentences of attributed quotes, and the quote spans."""
    scope: dict[int, Attribution] = {}
    # Rule 1: a cue covers its own sentence (a named source first, then the first cue).
    for a in sorted(attributions, key=lambda a: (a.source != "named", a.start)):
        scope.setdefault(a.sentence, a)
    cue_list = [a for a in attributions if a.kind != "vague_source"]
    quote_sentences: set[int] = set()
    spans: list[Span] = []
    colon_heads = _colon_heads(doc, attributions)
    quoted_sentences_are_speech = bool(
        doc.resources is not None and doc.resources.settings.get("attribution_quoted_sentences_are_speech")
    )
    for segments in _quotes(doc):
        q_start = segments[0][0]
        sentences: list[int] = []
        for s_start, s_end in segments:
            first, last = doc.sentence_at(s_start), doc.sentence_at(s_end - 1)
            if first is not None and last is not None:
                sentences.extend(range(first.index, last.index + 1))
        if not sentences:
            continue
        speaker = None
        for s_start, s_end in segments:
            speaker = _quote_cue(s_start, s_end, set(sentences), cue_list)
            if speaker is not None:
                break
        reason = "direct quote attributed to a speaker"
        if speaker is None:
            speaker = _paragraph_speaker(doc, q_start, attributions, colon_heads)
            reason = "direct quote continuing the speaker named before it in the paragraph"
        if (
            speaker is None
            and quoted_sentences_are_speech
            and _opens_a_sentence(doc, q_start)
            and sum(len(doc.text[a:b].split()) for a, b in segments) >= QUOTED_SENTENCE_MIN_WORDS
        ):
            # Rule 9 (languages that switch it on; Dutch): a quoted sentence is someone's speech even when
            # the article names the speaker only by context ("De wethouder is blij. ,,We gaan door.''").
            first = doc.sentence_at(q_start)
            speaker = Attribution(q_start, q_start + 1, "quote", first.index if first else sentences[0], "unspecified")
            reason = "direct quote of a whole sentence (speaker given by context)"
        if speaker is None:
            continue
        for s_start, s_end in segments:
            spans.append(Span(s_start, s_end, "quote", reason))
        quote_sentences.update(sentences)
        for index in sentences:
            scope.setdefault(index, speaker)
    # Rule 5: a speaker label opening a paragraph covers the paragraph (one inside a paragraph, before a
    # quote, covers its own sentence and the quote).
    for a in attributions:
        if a.kind == "speaker_label":
            paragraph = doc.sentences[a.sentence].paragraph
            if doc.sentences[a.sentence].start != doc.paragraphs[paragraph][0]:
                continue
            for s in doc.sentences[a.sentence :]:
                if s.paragraph != paragraph:
                    break
                scope.setdefault(s.index, a)
    # Rule 4: "According to the police:" covers the list that follows.
    for head, attribution in colon_heads.items():
        paragraph = doc.sentences[head].paragraph
        for index in _list_after(doc, paragraph):
            scope.setdefault(index, attribution)
    res = doc.resources
    if res is not None:
        # Rules 7 and 8 (languages that switch them on; Dutch, issue #14).
        backward = _backward_sourcing(doc, res, scope)
        continues = int(res.settings.get("attribution_indirect_speech_continues", 0) or 0)
        if continues > 0:
            _indirect_speech(doc, attributions, scope, quote_sentences, backward, continues)
    return dict(sorted(scope.items())), quote_sentences, spans


# Text right after a reporting verb that opens indirect speech: "zei dat", "legde uit dat", "stelde vast:".
_INDIRECT_SPEECH_RE = re.compile(
    r"[ \t]*(?:[\w'’-]+[ \t]+){0,4}?dat\b|[ \t]*(?:[\w'’-]+[ \t]+){0,5}?(?:[\w'’-]+[ \t]*)?:", re.IGNORECASE
)
_QUOTE_OPENERS = ("\"", "“", "„", ",,", "'", "‘", "«")


def _backward_sourcing(doc: Document, res: LanguageResources, scope: dict[int, Attribution]) -> set[int]:
    """Rule 7: a sentence that opens with a backward sourcing phrase of ``attribution_backward_sourcing``
    ("Dat blijkt uit onderzoek van de politie.") covers itself and the sentence before it in its paragraph.
    Returns the indices of those sourcing sentences."""
    matcher = res.matcher("attribution_backward_sourcing")
    found: set[int] = set()
    if not matcher:
        return found
    text = doc.text
    for sentence in doc.sentences:
        head = len(text[sentence.start : sentence.end]) - len(text[sentence.start : sentence.end].lstrip(" \t\"'“‘„«("))
        match = matcher.regex.match(text, sentence.start + head, sentence.end) if matcher.regex else None
        if match is None:
            continue
        found.add(sentence.index)
        attribution = scope.get(sentence.index) or Attribution(
            match.start(), match.end(), "according_to", sentence.index, "unspecified"
        )
        scope.setdefault(sentence.index, attribution)
        previous = sentence.index - 1
        if previous >= 0 and doc.sentences[previous].paragraph == sentence.paragraph:
            scope.setdefault(previous, attribution)
    return found


def _indirect_speech(
    doc: Document,
    attributions: list[Attribution],
    scope: dict[int, Attribution],
    quote_sentences: set[int],
    sourcing: set[int],
    reach: int,
) -> None:
    """Rule 8: indirect speech ("Kidd legde uit dat …", "volgens de onderzoekers …") continues over the
    next ``reach`` unquoted sentences of its paragraph that carry no attribution of their own."""
    text = doc.text
    for a in attributions:
        if a.kind not in ("reporting_verb", "according_to") or a.sentence in quote_sentences or a.sentence in sourcing:
            continue
        sentence = doc.sentences[a.sentence]
        opens_paragraph = a.source == "named" and doc.paragraphs[sentence.paragraph][0] == sentence.start
        if a.kind == "reporting_verb" and not opens_paragraph and not _INDIRECT_SPEECH_RE.match(text, a.end, sentence.end):
            continue
        for index in range(a.sentence + 1, min(a.sentence + 1 + reach, len(doc.sentences))):
            following = doc.sentences[index]
            if following.paragraph != sentence.paragraph or index in scope or index in quote_sentences:
                break
            if text[following.start : following.end].lstrip().startswith(_QUOTE_OPENERS):
                break
            scope[index] = a


def _opens_a_sentence(doc: Document, q_start: int) -> bool:
    """True when a quote starts its sentence (not a quote glued after the reporter's own sentence)."""
    sentence = doc.sentence_at(q_start)
    if sentence is None:
        return False
    return not doc.text[sentence.start : q_start].strip(" \t\n-–—")


def _quotes(doc: Document) -> list[list[tuple[int, int]]]:
    """Every quote as its segments: one for a closed quote, several for one running over paragraphs.

    A quote left open at the end of a paragraph runs to the paragraph's end; it continues into the next
    paragraph when that paragraph opens with a quotation mark (and so on, until a segment closes).
    """
    text = doc.text
    closed = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]
    by_paragraph_end: list[tuple[int, int]] = []  # open segments, each to its paragraph's end
    closed_starts = [q[0] for q in closed]
    for p_start, p_end in doc.paragraphs:
        # The first opening mark after the paragraph's last closed quote: a quote left open.
        inside = closed[bisect.bisect_left(closed_starts, p_start) : bisect.bisect_left(closed_starts, p_end)]
        covered_to = max((q[1] for q in inside), default=p_start)
        for m in OPEN_QUOTE_RE.finditer(text, covered_to, p_end):
            if any(q[0] <= m.start() < q[1] for q in inside):
                continue
            if p_end - m.start() > 3:
                by_paragraph_end.append((m.start(), p_end))
            break
    paragraph_of_end = {p[1]: i for i, p in enumerate(doc.paragraphs)}
    open_by_start = {s: (s, e) for s, e in by_paragraph_end}
    open_segments = set(by_paragraph_end)
    closed_by_start = {s: (s, e) for s, e in closed}
    used: set[int] = set()
    quotes: list[list[tuple[int, int]]] = []
    for segment in sorted(closed + by_paragraph_end):
        if segment[0] in used:
            continue
        if segment in open_segments:
            chain = [segment]
            while True:
                p = paragraph_of_end.get(chain[-1][1])
                if p is None or p + 1 >= len(doc.paragraphs):
                    break
                next_start = doc.paragraphs[p + 1][0]
                nxt = open_by_start.get(next_start) or closed_by_start.get(next_start)
                if nxt is None:
                    break
                chain.append(nxt)
                used.add(nxt[0])
                if nxt not in open_segments:
                    break
            quotes.append(chain)
        else:
            quotes.append([segment])
        used.add(segment[0])
    return quotes


def _quote_cue(q_start: int, q_end: int, sentences: set[int], cues: list[Attribution]) -> Attribution | None:
    """The cue that attributes a quote: one in a sentence of the quote, just before or just after it."""
    first = bisect.bisect_left(cues, q_start - 4 * QUOTE_CUE_DISTANCE, key=lambda a: a.start)
    for a in cues[first:]:
        if a.start >= q_end + QUOTE_CUE_DISTANCE:
            break
        if a.sentence not in sentences or q_start <= a.start < q_end:
            continue  # another sentence, or a verb inside the quote: says nothing about who is quoted
        if q_start - QUOTE_CUE_DISTANCE <= a.end <= q_start or q_end <= a.start <= q_end + QUOTE_CUE_DISTANCE:
            return a
    return None


def _paragraph_speaker(
    doc: Document, q_start: int, attributions: list[Attribution], colon_heads: dict[int, Attribution]
) -> Attribution | None:
    """The last attribution before a quote in its paragraph, or the colon head of the paragraph before."""
    sentence = doc.sentence_at(q_start)
    if sentence is None or sentence.start != q_start:
        return None  # only a quoted sentence continues a speaker, not a scare-quoted word ("het is 'mooi'")
    p_start = doc.paragraphs[sentence.paragraph][0]
    before = bisect.bisect_left(attributions, q_start, key=lambda a: a.start)
    speaker = attributions[before - 1] if before and attributions[before - 1].start >= p_start else None
    if speaker is None and sentence.paragraph > 0 and doc.sentences[sentence.index].start == p_start:
        previous = sentence.index - 1
        if previous >= 0 and previous in colon_heads:
            return colon_heads[previous]
    return speaker


def _colon_heads(doc: Document, attributions: list[Attribution]) -> dict[int, Attribution]:
    """Sentences that carry an attribution and end with a colon ("According to the police:")."""
    heads: dict[int, Attribution] = {}
    text = doc.text
    for a in attributions:
        sentence = doc.sentences[a.sentence]
        paragraph_end = doc.paragraphs[sentence.paragraph][1]
        tail = text[sentence.end - 1 : sentence.end] if sentence.end == paragraph_end else ""
        if tail == ":" and a.sentence not in heads:
            heads[a.sentence] = a
    return heads


def _list_after(doc: Document, paragraph: int) -> list[int]:
    """Sentences of the list items right after a paragraph, or of the next paragraph when none is a list."""
    text = doc.text
    by_paragraph: dict[int, list[int]] = {}
    for s in doc.sentences:
        if paragraph < s.paragraph <= paragraph + 60:
            by_paragraph.setdefault(s.paragraph, []).append(s.index)
    covered: list[int] = []
    for p in range(paragraph + 1, len(doc.paragraphs)):
        start = doc.paragraphs[p][0]
        if not _is_list_item(text, start):
            if p == paragraph + 1:
                covered.extend(by_paragraph.get(p, []))
            break
        covered.extend(by_paragraph.get(p, []))
    return covered


def _is_list_item(text: str, start: int) -> bool:
    return text[start] in "-*•·–—" or bool(re.match(r"\d{1,2}[.)]\s", text[start : start + 4]))


def _speaker_labels(doc: Document, res: LanguageResources, context: _NameContext) -> list[Attribution]:
    """Colons after a speaker's label at a paragraph start ("TAPPER: ...", "A: ...", "Carl Bialik: ...")."""
    exclusions = res.words("attribution_label_exclusions")
    not_names = res.words("attribution_not_names")
    labels: list[Attribution] = []
    text = doc.text
    starts = [(p_start, p_end, SPEAKER_LABEL_RE) for p_start, p_end in doc.paragraphs]
    # Inside a paragraph, a label opening a sentence counts only before a quote ("Van den Boon: “…”").
    paragraph_starts = {p_start for p_start, _ in doc.paragraphs}
    starts += [(s.start, s.end, QUOTE_LABEL_RE) for s in doc.sentences if s.start not in paragraph_starts]
    for p_start, p_end, pattern in starts:
        m = pattern.match(text, p_start, p_end)
        if m is None:
            continue
        label = m.group(1)
        words = label.lower().split()
        particle_name = len(words) > 1 and words[0] in context.particles  # "Van den Boon: ..."
        if label != "A" and not particle_name and (words[0] in exclusions or words[0] in not_names):
            continue
        if (
            len(words) == 1
            and label != "A"
            and not label.isupper()
            and words[0] not in context.capitals_seen_midsentence()
            and not _OPENS_QUOTE_RE.match(text, m.end(), p_end)
        ):
            continue  # one ordinary word ("Kortom: ...", "Summary: ..."), not a name seen elsewhere nor a quote's speaker
        sentence = doc.sentence_at(p_start)
        if sentence is None:
            continue
        named = m.group(1) != "A"
        labels.append(
            Attribution(
                m.end(1),
                m.end(1) + 1,
                "speaker_label",
                sentence.index,
                "named" if named else "unspecified",
                m.start(1) if named else -1,
                m.end(1) if named else -1,
            )
        )
    return labels


def _gated_cue_counts(
    context: _NameContext,
    start: int,
    sentence: Sentence,
    vague_index: int | None,
    vague: list[tuple[int, int, str]],
) -> bool:
    """A gated verb ("wants", "believes") counts after a subject (the caller has ruled out quotes)."""
    if vague_index is not None and vague[vague_index][1] <= start:
        gap = context.doc.text[vague[vague_index][1] : start].lower().split()
        if len(gap) <= SKIP_WORDS and all(word in context.skip for word in gap):
            return True  # "experts have long argued"
    return context.has_subject(start, sentence)


def _inside_quote(quoted: list[tuple[int, int]], position: int) -> bool:
    """True when ``position`` lies strictly inside one of the (sorted, non-overlapping) quotes."""
    inside = bisect.bisect_left(quoted, (position, position)) - 1
    return inside >= 0 and quoted[inside][0] < position < quoted[inside][1]


def _nearby_vague(
    vague: list[tuple[int, int, str]], start: int, end: int, s_start: int, s_end: int
) -> int | None:
    """Index of a vague-source phrase in the cue's sentence that overlaps or nearly touches the cue."""
    for index, (v_start, v_end, _) in enumerate(vague):
        if v_start >= s_end:
            break
        if v_end <= s_start:
            continue
        if v_start <= end + 40 and v_end >= start - 40:
            return index
    return None


# Auxiliaries of a passive ("is reported", "werd gemeld"): no speaker stands before such a verb.
PASSIVE_AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "been", "being", "be", "wordt", "werd", "worden", "werden"]
)
# Characters before a verb that mark an inverted clause: the speaker comes after the verb.
INVERSION_MARKS = frozenset(",”\"'’")
ROLE_MODIFIERS = frozenset(
    [
        "former",
        "senior",
        "top",
        "deputy",
        "acting",
        "chief",
        "longtime",
        "outgoing",
        "interim",
        "press",
        "national",
        "state",
        "foreign",
        "federal",
        "local",
        "communications",
        "security",
        "health",
        "finance",
        "justice",
        "defense",
        "defence",
        "political",
        "campaign",
        "voormalig",
        "voormalige",
        "oud",
        "demissionair",
        "demissionaire",
    ]
)
# Cues that open with a preposition ("in a statement", "tegenover NOS"): no speaker inside them.
CUE_PREPOSITIONS = frozenset(["in", "during", "as", "according", "tegenover", "naar", "volgens", "uit"])


class _NameContext:
    """Finds the source (name, role or pronoun) in the words around a cue."""

    def __init__(self, doc: Document, res: LanguageResources, not_names: frozenset[str]) -> None:
        self.doc = doc
        self.not_names = not_names
        self.particles = res.words("attribution_name_particles")
        self.roles = res.words("attribution_roles")
        self.pronouns = res.words("attribution_pronouns")
        self.skip = res.words("attribution_subject_skip")
        self._midsentence_capitals: set[str] | None = None

    def capitals_seen_midsentence(self) -> set[str]:
        """Capitalised words seen away from a sentence start: evidence that a word is a name."""
        if self._midsentence_capitals is None:
            doc = self.doc
            first_words = {s.first_word for s in doc.sentences}
            seen: set[str] = set()
            text = doc.text
            for i, start in enumerate(doc.word_starts):
                if text[start].isupper() and i not in first_words and text[start - 1] not in "\"“‘'„(":
                    seen.add(doc.words_lower[i])
            self._midsentence_capitals = seen
        return self._midsentence_capitals

    def _is_capitalised_word(self, i: int) -> bool:
        doc = self.doc
        return doc.text[doc.word_starts[i]].isupper() and doc.words_lower[i] not in self.not_names

    def _is_name_word(self, i: int, sentence: Sentence) -> bool:
        doc = self.doc
        start = doc.word_starts[i]
        word = doc.text[start : doc.word_ends[i]]
        if not word[0].isupper() or doc.words_lower[i] in self.not_names:
            return False
        if len(word) > 1 and word.isupper():
            return True  # an acronym: NOS, FBI, ANP
        sentence_initial = (
            i == sentence.first_word or doc.text[start - 1] in "\"“‘'„(" or _after_colon(doc.text, start)
        )
        if not sentence_initial:
            return True
        following = i + 1
        if following < sentence.end_word and doc.text[doc.word_starts[following]].isupper():
            return doc.words_lower[following] not in self.not_names
        return doc.words_lower[i] in self.capitals_seen_midsentence()

    def _is_role(self, i: int) -> bool:
        word = self.doc.words_lower[i]
        return word in self.roles or word.rstrip("s’'") in self.roles

    def is_bare_group(self, start: int, end: int) -> bool:
        """True for a plural role with no name, determiner or organisation ("officials", "supporters")."""
        doc = self.doc
        lo = bisect.bisect_left(doc.word_starts, start)
        hi = bisect.bisect_left(doc.word_starts, end)
        if hi - lo != 1:
            return False
        word = doc.words_lower[lo]
        return (
            word.endswith("s")
            and not doc.text[start].isupper()
            or word in ("experts", "critici", "deskundigen")
        )

    def _subject_word(self, cue_start: int, sentence: Sentence) -> int:
        """Index of the word before a verb once auxiliaries and adverbs are skipped, or -1."""
        doc = self.doc
        i = bisect.bisect_left(doc.word_starts, cue_start, sentence.first_word, sentence.end_word) - 1
        skipped = 0
        while i >= sentence.first_word and doc.words_lower[i] in self.skip and skipped < SKIP_WORDS:
            i -= 1
            skipped += 1
        return i if i >= sentence.first_word else -1

    def subject_class(self, i: int, sentence: Sentence) -> str:
        """What stands before word ``i`` once auxiliaries and adverbs are skipped: "pronoun" (third
        person), "first_person", "role", "name", "word" or "none" (a feature of the learned cues)."""
        doc = self.doc
        j = i - 1
        skipped = 0
        while j >= sentence.first_word and doc.words_lower[j] in self.skip and skipped < SKIP_WORDS:
            j -= 1
            skipped += 1
        if j < sentence.first_word:
            return "none"
        word = doc.words_lower[j]
        if word in self.pronouns:
            return "first_person" if word in FIRST_SECOND_PERSON else "pronoun"
        if self._is_role(j):
            return "role"
        return "name" if self._is_name_word(j, sentence) else "word"

    def has_subject(self, cue_start: int, sentence: Sentence) -> bool:
        """True when a pronoun, a role noun or a name stands right before a verb (the verb's subject)."""
        doc = self.doc
        previous = bisect.bisect_left(doc.word_starts, cue_start, sentence.first_word, sentence.end_word) - 1
        if previous >= sentence.first_word and doc.words_lower[previous] in PASSIVE_AUXILIARIES:
            return False  # "the plan is agreed": a passive, not a speaker's stance
        i = self._subject_word(cue_start, sentence)
        if i < 0:
            return False
        word = self.doc.words_lower[i]
        if word in self.pronouns:
            return word not in FIRST_SECOND_PERSON
        return self._is_role(i) or self._is_name_word(i, sentence)

    def find(
        self, start: int, end: int, sentence: Sentence, *, before: bool, after: bool, after_any: bool
    ) -> tuple[int, int, str] | None:
        """(start, end, "named" | "pronoun") of the source for the cue at ``start:end``, or None.

        The subject before a verb is preferred ("Smith said", "the Virginia senator said", "he said"); a
        name or role right after the cue counts when ``after_any`` ("according to Smith") or when it ends
        the clause, as in an inverted "..., said Smith." / "zei Rutte maandag", so that "said Trump has
        won" does not make Trump the source. A speaker inside a cue ("liet de minister weten") counts too.
        """
        doc = self.doc
        first_after = bisect.bisect_left(doc.word_starts, end, sentence.first_word, sentence.end_word)
        cue_first = bisect.bisect_left(doc.word_starts, start, sentence.first_word, sentence.end_word)
        last_before = cue_first - 1
        if first_after - cue_first > 2 and doc.words_lower[cue_first] not in CUE_PREPOSITIONS:
            for i in range(cue_first + 1, first_after - 1):
                if doc.words_lower[i] in self.pronouns:
                    return doc.word_starts[i], doc.word_ends[i], "pronoun"
                if self._is_role(i) or self._is_name_word(i, sentence):
                    lo, hi = self._phrase(i, sentence, cue_first + 1, first_after - 2)
                    return doc.word_starts[lo], doc.word_ends[hi], "named"
        head = doc.text[sentence.start : start].rstrip()
        if after and before and head[-1:] in INVERSION_MARKS:
            # "…,” said Jane Smith." / ",,…'' zegt een woordvoerder": the speaker follows the verb.
            found = self._after(first_after, sentence, AFTER_CUE_WORDS, after_any=False)
            if found is not None:
                return found
        if (
            before
            and last_before >= sentence.first_word
            and doc.words_lower[last_before] in PASSIVE_AUXILIARIES
        ):
            before = False  # "is reported to cost": a passive names no speaker before the verb
        if before:
            apposed = self._before_apposition(start, sentence)
            if apposed >= 0 and self._is_capitalised_word(apposed):
                return self._named(apposed, sentence, sentence.first_word, apposed)
            subject = self._subject_word(start, sentence)
            if subject >= 0 and apposed < 0:
                if doc.words_lower[subject] in self.pronouns:
                    return doc.word_starts[subject], doc.word_ends[subject], "pronoun"
                if self._is_role(subject) or self._is_name_word(subject, sentence):
                    return self._named(subject, sentence, sentence.first_word, subject)
            for i in (apposed, last_before):
                for j in range(i, max(sentence.first_word, i - NAME_WINDOW_WORDS + 1) - 1, -1):
                    if self._is_name_word(j, sentence):
                        return self._named(j, sentence, sentence.first_word, i)
        if not after:
            return None
        return self._after(
            first_after, sentence, NAME_WINDOW_WORDS if after_any else AFTER_CUE_WORDS, after_any
        )

    def _after(
        self, first_after: int, sentence: Sentence, reach: int, after_any: bool
    ) -> tuple[int, int, str] | None:
        """The source in the first words after a cue (see :meth:`find`)."""
        doc = self.doc
        for i in range(first_after, min(sentence.end_word, first_after + reach)):
            word = doc.words_lower[i]
            if word in self.pronouns and not after_any:
                if self._ends_clause(doc.word_ends[i], sentence):
                    return doc.word_starts[i], doc.word_ends[i], "pronoun"  # "zegt hij", "said she"
                return None
            if self._is_role(i) or self._is_name_word(i, sentence):
                found = self._named(i, sentence, first_after, sentence.end_word - 1)
                if after_any or self._ends_clause(found[1], sentence):
                    return found
                return None
        return None

    def _named(self, i: int, sentence: Sentence, floor: int, ceiling: int) -> tuple[int, int, str]:
        lo, hi = self._phrase(i, sentence, floor, ceiling)
        return self.doc.word_starts[lo], self.doc.word_ends[hi], "named"

    def _phrase(self, i: int, sentence: Sentence, floor: int, ceiling: int) -> tuple[int, int]:
        """Word range of the source's noun phrase around word ``i``, within ``floor..ceiling``.

        A name grows into its capitalised run ("Bank of England"); the phrase then takes in roles,
        modifiers and one determiner on the left ("the Virginia senator", "former president Obama"), a
        name after a role ("minister Hugo de Jonge") and an organisation joined by "for"/"van" ("a
        spokeswoman for the ministry", "de woordvoerder van de politie").
        """
        doc = self.doc
        words = doc.words_lower
        floor = max(floor, sentence.first_word)
        ceiling = min(ceiling, sentence.end_word - 1)
        lo, hi = self._expand(i, sentence) if self._is_capitalised_word(i) else (i, i)
        lo, hi = max(lo, floor), min(hi, ceiling)
        # To the right: a role after a name or adjective ("de Franse minister"), a name after a role
        # ("minister Hugo de Jonge"), an organisation after a role ("spokeswoman for the ministry").
        for _ in range(4):
            if hi + 1 > ceiling or not self._joined(hi):
                break
            nxt = hi + 1
            if words[hi].endswith(("'s", "’s")):
                # A possessive names whose source it is: "the council's capital budget report".
                for j in range(nxt, min(ceiling, hi + 3) + 1):
                    if self._is_role(j) and not words[j].endswith(("'s", "’s")):
                        hi = j
                        break
                    if not self._joined(j) or self._is_capitalised_word(j):
                        break
                else:
                    break
                if hi < nxt:
                    break
            elif self._is_role(nxt) and not self._is_role(hi):
                hi = nxt
            elif self._is_role(hi) and self._starts_name(nxt):
                hi = min(self._expand(nxt, sentence)[1], ceiling)
            elif self._is_role(hi) and words[nxt] in ROLE_LINKS and nxt + 1 <= ceiling:
                j = nxt + 1
                if words[j] in DETERMINERS and j + 1 <= ceiling:
                    j += 1
                if self._is_capitalised_word(j):
                    hi = min(self._expand(j, sentence)[1], ceiling)
                elif self._is_role(j):
                    hi = j
                break
            else:
                break
        # Roles, modifiers, capitalised words and one determiner before the head.
        while lo - 1 >= floor and self._joined(lo - 1):
            j = lo - 1
            word = words[j]
            if word in DETERMINERS:
                if (
                    j - 2 >= floor
                    and words[j - 1] in ROLE_LINKS
                    and self._is_role(j - 2)
                    and self._joined(j - 2)
                ):
                    lo = j - 2  # "a spokeswoman for | the ministry"
                    continue
                if j > sentence.first_word or not self._is_capitalised_word(j) or word in self.not_names:
                    lo = j
                break
            if word in ROLE_LINKS and j - 1 >= floor and self._is_role(j - 1) and self._joined(j - 1):
                lo = j - 1
                continue
            if (
                self._is_role(j)
                or word in ROLE_MODIFIERS
                or self._is_capitalised_word(j)
                or word.endswith(("’s", "'s"))
            ):
                lo = j
                continue
            break
        return lo, hi

    def _starts_name(self, i: int) -> bool:
        """A capitalised word that may open a name, also a particle ("De Jonge", "Van der Laan")."""
        doc = self.doc
        if not doc.text[doc.word_starts[i]].isupper():
            return False
        return doc.words_lower[i] not in self.not_names or doc.words_lower[i] in self.particles

    def _before_apposition(self, cue_start: int, sentence: Sentence) -> int:
        """Last word before an apposition that ends right before the cue, or -1.

        In "Sandra Bell, who runs a café on Harbour Road, said" the speaker stands before the commas,
        not at their end.
        """
        doc = self.doc
        head = doc.text[sentence.start : cue_start].rstrip()
        if not head.endswith(","):
            return -1
        opening = head.rfind(",", 0, len(head) - 1)
        if opening < 0:
            return -1
        return (
            bisect.bisect_left(
                doc.word_starts, sentence.start + opening, sentence.first_word, sentence.end_word
            )
            - 1
        )

    def _ends_clause(self, name_end: int, sentence: Sentence) -> bool:
        """True when a name is followed by punctuation, the sentence end, or a function word."""
        doc = self.doc
        gap = doc.text[name_end : min(sentence.end, name_end + 3)]
        if not gap.strip() or gap.lstrip()[:1] in ",.;:!?)\"”’'—–-(":
            return True
        following = bisect.bisect_left(doc.word_starts, name_end, sentence.first_word, sentence.end_word)
        return following < sentence.end_word and doc.words_lower[following] in self.not_names

    def _expand(self, i: int, sentence: Sentence) -> tuple[int, int]:
        """Grow a name word into the whole capitalised run ("Mark Rutte", "Bank of England")."""
        doc = self.doc
        lo = i
        while lo - 1 >= sentence.first_word and self._joined(lo - 1) and self._continues(lo - 1, sentence):
            lo -= 1
        hi = i
        while hi + 1 < sentence.end_word and self._joined(hi) and self._continues(hi + 1, sentence):
            hi += 1
        while hi > i and doc.words_lower[hi] in self.particles:
            hi -= 1
        # A leading particle belongs to the name only when capitalised mid-sentence ("minister De Jonge").
        while (
            lo < i
            and doc.words_lower[lo] in self.particles
            and (lo == sentence.first_word or not doc.text[doc.word_starts[lo]].isupper())
        ):
            lo += 1
        return lo, hi

    def _joined(self, i: int) -> bool:
        """True when word ``i`` and the next are separated by spaces only (no comma, quote or dash)."""
        doc = self.doc
        if i + 1 >= len(doc.word_starts):
            return False
        return not doc.text[doc.word_ends[i] : doc.word_starts[i + 1]].strip()

    def _continues(self, i: int, sentence: Sentence) -> bool:
        doc = self.doc
        word_start = doc.word_starts[i]
        if doc.words_lower[i] in self.particles:
            return True
        return doc.text[word_start].isupper() and doc.words_lower[i] not in self.not_names


def _after_colon(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in ":"


@register("attribution", FEATURES)
def extract_attribution(doc: Document) -> Signal:
    """Who said what: attribution density, named vs vague sources, and attributed direct quotes."""
    analysis = analyze_attribution(doc)
    attributions = analysis.attributions
    n_sentences = len(doc.sentences)
    named = sum(1 for a in attributions if a.source == "named")
    vague = sum(1 for a in attributions if a.source == "vague")
    features = {
        "attributed_sentence_share": share(len(analysis.attributed_sentences), n_sentences),
        "attribution_rate_per_100_words": rate_per_100_words(len(attributions), doc),
        "named_source_share": share(named, len(attributions)),
        "vague_source_share": share(vague, len(attributions)),
        "vague_source_rate_per_100_words": rate_per_100_words(analysis.vague_count, doc),
        "quote_share": share(len(analysis.quote_sentences), n_sentences),
    }
    return Signal("attribution", features, analysis.spans)
