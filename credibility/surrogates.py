"""Lone UTF-16 surrogates ("\\ud800" JSON escapes, undecodable file-name bytes): one definition for the
readers that replace them in article text and the writers that must never meet them (UTF-8 cannot hold
them, and one would stop a whole run at the first write)."""

from __future__ import annotations

import re

LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD."""
    return LONE_SURROGATE_RE.sub("\ufffd", text)
