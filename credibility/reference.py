"""Reference distributions of every signal in human news and in machine text, per language.

Built offline by ``scripts/build_reference_distributions.py`` into ``credibility/data/`` (a few KB of
quantiles per feature and language). The dashboard draws an article against them; the AI model's reasons
quote their medians. Read here once, for both.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

REFERENCE_PATH = Path(__file__).resolve().parent / "data" / "reference_distributions.json"


@cache
def load_reference(path: Path = REFERENCE_PATH) -> dict[str, Any]:
    """The reference file, or an empty dict when it has not been built."""
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def reference_for(lang: str, reference: dict[str, Any] | None = None) -> tuple[str | None, dict[str, Any]]:
    """The groups for ``lang``, falling back to English; returns the language actually used."""
    reference = load_reference() if reference is None else reference
    languages = reference.get("languages", {})
    for code in (lang, "en"):
        if code in languages:
            return code, languages[code]
    return None, {}
