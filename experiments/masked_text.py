"""Text with its topical content masked: function words kept, every other word replaced by its shape.

"The Pentagon said 40 troops would leave." -> "f_the Xcap Xw f_would Xw Xnum Xw Xw P2e" (roughly): what
is left is how the writer builds sentences, not what they write about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from credibility.lexicon import FUNCTION_WORDS_LIST, resources_for

TOKEN = re.compile(r"\w+|[^\w\s]")
# Quote and apostrophe styles are the publisher's typesetting, not the writer's: folded to one form.
QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`\u00b4"} | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})


@lru_cache(maxsize=8)
def _function_words(lang: str) -> frozenset[str]:
    res = resources_for(lang) or resources_for("en")
    return res.words(FUNCTION_WORDS_LIST) if res is not None else frozenset()


def _shape(token: str, suffix: bool) -> str:
    if token.isdigit():
        return "Xnum"
    if any(c.isdigit() for c in token):
        return "Xalnum"
    if len(token) > 1 and token.isupper():
        return "Xcaps"
    if token[0].isupper():
        return "Xcap"
    if suffix and len(token) >= 6:
        return "Xw_" + token[-3:].lower()
    return "Xw"


def masked_text(text: str, lang: str | None, suffix: bool = False) -> str:
    words = _function_words(lang if lang in ("en", "nl") else "en")
    out: list[str] = []
    for m in TOKEN.finditer(text.translate(QUOTES)):
        tok = m.group()
        if tok[0].isalnum() or tok[0] == "_":
            low = tok.lower()
            out.append("f_" + low if low in words else _shape(tok, suffix))
        else:
            out.append(f"P{ord(tok):x}")
    return " ".join(out)
