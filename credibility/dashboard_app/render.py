"""The article as HTML with evidence spans highlighted by kind.

Every piece of article text, reason and kind name goes through :func:`html.escape`; the only markup in
the output is the markup built here. Pasted ``<script>`` therefore shows up as text, never runs.
"""

from __future__ import annotations

import html
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

from ..signals.base import Span

# Colours for the cue kinds the extractors are documented to emit; any other kind gets a stable colour
# from the fallback palette (by a hash of its name), so a new extractor needs no change here.
KIND_COLOURS = {
    "hedge": "#fde68a",
    "booster": "#fca5a5",
    "vague_source": "#fdba74",
    "attribution": "#86efac",
    "named_source": "#86efac",
    "quote": "#bbf7d0",
    "ai_banner": "#f0abfc",
    "boilerplate": "#f0abfc",
    "unsupported_claim": "#93c5fd",
    "claim": "#bfdbfe",
}
_FALLBACK = ("#c4b5fd", "#a5f3fc", "#fbcfe8", "#d9f99d", "#fed7aa", "#99f6e4", "#e9d5ff", "#fecdd3")


def kind_colour(kind: str) -> str:
    """A stable background colour for a cue kind."""
    return KIND_COLOURS.get(kind) or _FALLBACK[zlib.crc32(kind.encode()) % len(_FALLBACK)]


def highlight_html(text: str, spans: Sequence[Span], kinds: Iterable[str] | None = None) -> str:
    """``text`` as escaped HTML, each evidence span a ``<mark>`` whose ``title`` gives kind and reason.

    Overlapping spans are split at every boundary: each piece is coloured by the first span covering it
    and its tooltip lists every covering span. ``kinds`` limits which kinds are shown.
    """
    wanted = None if kinds is None else set(kinds)
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text) and (wanted is None or s.kind in wanted)]
    bounds = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
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
        pieces.append(
            f'<mark class="cred-span" data-kind="{html.escape(first.kind)}" title="{html.escape(tooltip)}" '
            f'style="background: {kind_colour(first.kind)}; padding: 0 1px; border-radius: 2px{extra}">'
            f"{piece}</mark>"
        )
    body = "".join(pieces)
    return (
        '<div class="cred-article" style="white-space: pre-wrap; line-height: 1.6; '
        f'font-family: Georgia, serif; font-size: 1.02rem">{body}</div>'
    )


def legend_html(spans: Sequence[Span]) -> str:
    """One coloured chip per cue kind present, with its count (kinds are escaped too)."""
    counts = Counter(s.kind for s in spans)
    if not counts:
        return '<div class="cred-legend"><em>No evidence spans in this text.</em></div>'
    chips = [
        f'<span class="cred-chip" style="background: {kind_colour(kind)}; padding: 2px 8px; '
        f'border-radius: 10px; margin: 0 6px 4px 0; display: inline-block; font-size: 0.85rem">'
        f"{html.escape(kind.replace('_', ' '))} · {n}</span>"
        for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return f'<div class="cred-legend">{"".join(chips)}</div>'


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
