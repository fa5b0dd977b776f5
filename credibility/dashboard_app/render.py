"""The article as HTML with evidence spans highlighted by direction, the verdict block and the passage view.

Every piece of article text, reason and kind name goes through :func:`html.escape`; the only markup in
the output is the markup built here. Pasted ``<script>`` therefore shows up as text, never runs.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..evidence import DIRECTION_HELP, DIRECTION_LABELS, DIRECTIONS, direction_of
from ..passages import WINDOW_LINES, Passage, human_window_share, window_level
from ..report import Report
from ..signals.base import Span
from ..verdict_block import BlockReason, VerdictBlock, one_in

# One colour per direction (credibility.evidence): what supports credibility is green, what lowers it red,
# machine furniture and vocabulary violet, context (claims, hedges, long sentences) pale grey. The kind and
# its reason are in each mark's tooltip; a new extractor's kinds are context until evidence.py lists them.
DIRECTION_COLOURS = {
    "supports": "#86efac",
    "lowers": "#fca5a5",
    "machine": "#d8b4fe",
    "context": "#e5e7eb",
}


def kind_colour(kind: str) -> str:
    """The background colour of a cue kind: the colour of the direction it points in."""
    return DIRECTION_COLOURS[direction_of(kind)]


def anchor_id(span: Span) -> str:
    """The id of the highlighted piece where ``span`` starts (targets of the verdict block's evidence links)."""
    return f"cred-at-{span.start}"


def highlight_html(text: str, spans: Sequence[Span], kinds: Iterable[str] | None = None) -> str:
    """``text`` as escaped HTML, each evidence span a ``<mark>`` whose ``title`` gives kind and reason and
    whose colour gives its direction; the piece where a span starts has the id :func:`anchor_id`.

    Overlapping spans are split at every boundary: each piece is coloured by the first span covering it
    and its tooltip lists every covering span. ``kinds`` limits which kinds are shown.
    """
    wanted = None if kinds is None else set(kinds)
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text) and (wanted is None or s.kind in wanted)]
    starts = {s.start for s in usable}
    bounds = sorted({0, len(text), *starts, *(s.end for s in usable)})
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = [s for s in usable if s.start <= start and end <= s.end]
        piece = html.escape(text[start:end])
        if not covering:
            pieces.append(piece)
            continue
        first = covering[0]
        tooltip = "\n".join(dict.fromkeys(f"{s.kind}: {s.reason}" for s in covering))
        extra = "" if len(covering) == 1 else f"; box-shadow: inset 0 -2px 0 {kind_colour(covering[1].kind)}"
        anchor = f' id="cred-at-{start}"' if start in starts else ""
        pieces.append(
            f'<mark class="cred-span"{anchor} data-kind="{html.escape(first.kind)}" '
            f'data-direction="{direction_of(first.kind)}" title="{html.escape(tooltip)}" '
            f'style="background: {kind_colour(first.kind)}; padding: 0 1px; border-radius: 2px{extra}">'
            f"{piece}</mark>"
        )
    body = "".join(pieces)
    return (
        '<div class="cred-article" style="white-space: pre-wrap; line-height: 1.6; '
        f'font-family: Georgia, serif; font-size: 1.02rem">{body}</div>'
    )


def legend_html(spans: Sequence[Span]) -> str:
    """The colour legend: one chip per direction present, with what it covers and how many spans; then the
    kinds present in each (kind names are escaped too)."""
    if not spans:
        return '<div class="cred-legend"><em>No evidence spans in this text.</em></div>'
    by_direction: dict[str, Counter] = {d: Counter() for d in DIRECTIONS}
    for span in spans:
        by_direction[direction_of(span.kind)][span.kind] += 1
    chips = []
    for direction in DIRECTIONS:
        counts = by_direction[direction]
        if not counts:
            continue
        kinds = ", ".join(f"{html.escape(kind.replace('_', ' '))} · {n}"
                          for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        chips.append(
            f'<span class="cred-chip" data-direction="{direction}" title="{html.escape(DIRECTION_HELP[direction])}" '
            f'style="background: {DIRECTION_COLOURS[direction]}; padding: 2px 8px; border-radius: 10px; '
            f'margin: 0 6px 4px 0; display: inline-block; font-size: 0.85rem">'
            f"<b>{DIRECTION_LABELS[direction]}</b>: {kinds}</span>"
        )
    return f'<div class="cred-legend">{"".join(chips)}</div>'


_ANSWER_COLOURS = {  # the left border of each answer: flagged answers stand out, reassuring ones do not
    "declared machine-written": "#7c3aed",
    "likely machine-written": "#7c3aed",
    "possibly machine-written": "#c4b5fd",
    "likely human-written": "#9ca3af",
    "too short to tell": "#d1d5db",
    "low credibility": "#dc2626",
    "likely credible": "#16a34a",
}
# Which way a reason pushes, as a small coloured word (the disclosure triangle of <details> says "click").
_REASON_MARKS = {"machine": ("→ machine", "#7c3aed"), "human": ("→ human", "#4b5563"),
                 "raises": ("+ raises", "#15803d"), "lowers": ("− lowers", "#b91c1c"),
                 "decisive": ("■ decisive", "#7c3aed")}
MAX_EVIDENCE_LINKS = 5


def verdict_html(block: VerdictBlock, report: Report) -> str:
    """The verdict block as HTML: a box per question (verdict, value, false-positive rate, the model's own
    view when the text declared itself), its reasons each opening onto the evidence, linked to the
    highlighted article below (:func:`anchor_id`), then the notes. Every text is escaped."""
    boxes = []
    for line in block.lines:
        colour = _ANSWER_COLOURS.get(line.verdict, "#9ca3af")
        parts = [
            f'<div class="cred-question" style="font-size: 0.9rem; color: #4b5563">{html.escape(line.question)}</div>',
            f'<div class="cred-answer" style="font-size: 1.35rem; font-weight: 600">{html.escape(line.verdict)}'
            + ("" if line.model_view else f' <span style="font-weight: 400; color: #4b5563">· {html.escape(line.value)}</span>')
            + "</div>",
        ]
        if line.model_view:
            parts.append(f'<div class="cred-model-view" style="font-size: 0.92rem">{html.escape(line.model_view)}</div>')
        else:
            parts.append(f'<div class="cred-rate" style="font-size: 0.92rem; color: #374151">{html.escape(line.rate)}</div>')
        reasons = "".join(_reason_html(reason, report) for reason in line.reasons)
        if reasons:
            parts.append(f'<div class="cred-reasons" style="margin-top: 0.4rem; font-size: 0.9rem">{reasons}</div>')
        boxes.append(
            f'<div class="cred-verdict" data-model="{html.escape(line.key)}" data-verdict="{html.escape(line.verdict)}" '
            f'style="border-left: 5px solid {colour}; padding: 0.3rem 0.8rem; background: #f9fafb">{"".join(parts)}</div>'
        )
    notes = "".join(f'<div class="cred-note" style="margin-top: 0.5rem; font-size: 0.9rem">ⓘ {html.escape(n)}</div>'
                    for n in block.notes)
    return (
        '<div class="cred-verdicts"><div style="display: grid; grid-template-columns: repeat(auto-fit, '
        f'minmax(320px, 1fr)); gap: 0.8rem">{"".join(boxes)}</div>{notes}</div>'
    )


def _reason_html(reason: BlockReason, report: Report) -> str:
    mark, colour = _REASON_MARKS["decisive" if reason.decisive else reason.direction]
    label = (f'<span style="color: {colour}; font-size: 0.78rem; font-weight: 600">{mark}</span> '
             f"{html.escape(reason.text)}")
    if not reason.evidence:
        return f'<div class="cred-reason" style="margin: 0.15rem 0">{label}</div>'
    links = [
        f'<a class="cred-evidence" href="#{anchor_id(span)}" style="background: {kind_colour(span.kind)}; '
        f'padding: 0 3px; border-radius: 2px; color: inherit; text-decoration: none">'
        f"{html.escape(_quote(report.span_text(span)))}</a>"
        for span in reason.evidence[:MAX_EVIDENCE_LINKS]
    ]
    more = len(reason.evidence) - MAX_EVIDENCE_LINKS
    if more > 0:
        links.append(f"<span>+{more} more</span>")
    return (
        f'<details class="cred-reason" style="margin: 0.15rem 0"><summary style="cursor: pointer">{label}</summary>'
        f'<div style="margin: 0.2rem 0 0.3rem 1.2rem">evidence: {" · ".join(links)}</div></details>'
    )


def _quote(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


PASSAGE_RGB = "124, 58, 237"  # violet, as machine furniture
_LEVEL_ALPHA = (0.0, 0.16, 0.32, 0.5)  # per window_level: unshaded, light, medium, dark


def passage_alpha(probability: float) -> float:
    """Shading of a window: none where human news windows commonly score, darker past each line of
    :data:`credibility.passages.WINDOW_LINES`."""
    return _LEVEL_ALPHA[min(window_level(probability), len(_LEVEL_ALPHA) - 1)]


def passages_html(text: str, passages: Sequence[Passage]) -> str:
    """``text`` as escaped HTML with each window shaded by its machine-written probability (tooltip: its
    sentences, p, and how many human news windows score as high); text outside any window is unshaded."""
    pieces, at = [], 0
    for passage in passages:
        if not (at <= passage.start < passage.end <= len(text)):
            continue
        pieces.append(html.escape(text[at:passage.start]))
        body = html.escape(text[passage.start : passage.end])
        if passage.probability is None:
            pieces.append(body)
        else:
            share = human_window_share(passage.probability)
            common = f"{one_in(share)} human news windows score this high" if share else "common in human news"
            tip = (f"sentences {passage.first + 1}–{passage.last + 1} ({passage.words} words): "
                   f"p = {passage.probability:.2f}; {common}")
            pieces.append(
                f'<span class="cred-passage" data-p="{passage.probability:.3f}" title="{tip}" '
                f'style="background: rgba({PASSAGE_RGB}, {passage_alpha(passage.probability)}); '
                f'border-bottom: 1px dotted #a78bfa">{body}</span>'
            )
        at = passage.end
    pieces.append(html.escape(text[at:]))
    scale = "".join(
        f'<span style="background: rgba({PASSAGE_RGB}, {passage_alpha(line)}); padding: 0 6px; margin-left: 6px; '
        f'white-space: nowrap">p ≥ {line:.2f} ({one_in(share).removeprefix("about ")} human)</span>'
        for line, share in WINDOW_LINES
    )
    return (
        f'<div class="cred-passage-scale" style="font-size: 0.85rem; margin-bottom: 0.4rem">unshaded: common in human '
        f"news windows · {scale}</div>"
        '<div class="cred-passages" style="white-space: pre-wrap; line-height: 1.6; font-family: Georgia, serif; '
        f'font-size: 1.02rem">{"".join(pieces)}</div>'
    )


def title_html(title: str) -> str:
    """The article's title (escaped) as a heading above the highlighted text."""
    return f'<h4 class="cred-title" style="margin: 0.2rem 0 0.6rem 0">{html.escape(title)}</h4>'


# Characters that mean something in Streamlit's Markdown (CommonMark, GitHub tables, LaTeX `$`, `:icon:`
# and `:colour[...]` directives, raw HTML `<`). Escaped with a backslash, they are shown as typed.
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#!|<>~$:&])")
_BLOCK_START_RE = re.compile(r"^(\s*\d*)([-+>=.)])")  # a list, quote or heading mark at the start
# Images as CommonMark writes them: inline ![alt](url "title") and reference ![alt][ref] / ![alt][];
# the alt text may hold one level of brackets, the URL one level of parentheses.
_MD_ALT = r"!\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
_MD_IMAGE_RE = re.compile(_MD_ALT + r"(?:\s*\((?:[^()\\]|\\.|\([^()]*\))*\)|\s?\[[^\[\]]*\])")
_MD_LEFT_IMAGE_RE = re.compile(r"(?<!\\)!\[")  # any image syntax the patterns above did not take apart
_HTML_TAG_START_RE = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")  # raw HTML (<img src=…>) and <http://…> autolinks


def plain(text: object) -> str:
    """``text`` (a file name, an error or warning naming a file, an article's claim) for any Streamlit
    element that renders Markdown (``st.error``, ``st.warning``, ``st.caption``, expander labels…): every
    Markdown character is escaped, so ``![x](http://tracker)``, ``[link](javascript:…)``, ``<img>`` or
    ``:red[...]`` in user input is shown as text and never fetched, linked or styled."""
    escaped = _MARKDOWN_SPECIAL_RE.sub(r"\\\1", str(text)).replace("\n", " ")
    return _BLOCK_START_RE.sub(r"\1\\\2", escaped, count=1)


def without_remote_images(markdown: str) -> str:
    """Markdown from a model card that makes the browser fetch nothing when rendered (the dashboard may
    run on a network that must not call out): images (inline and reference-style) become
    ``[image: alt]``, any other ``![`` and raw HTML tags are escaped so they show as typed. Links stay
    links: they load nothing until clicked."""
    text = _MD_IMAGE_RE.sub(lambda m: f"[image: {m.group(1)}]", markdown)
    text = _MD_LEFT_IMAGE_RE.sub(r"!\\[", text)
    return _HTML_TAG_START_RE.sub(r"\\<", text)
