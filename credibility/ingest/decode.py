"""Bytes to text for files of unknown origin: UTF-8 first, then the legacy encodings news exports use.

Articles saved from Windows tools are often cp1252; old archives may be Latin-1. Guessing wrong silently
corrupts quotes and accented words, so every fallback is reported as a warning.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# How much of the start of a file is checked for NUL bytes (binary files have them early).
_SNIFF_BYTES = 8192


class BinaryContent(ValueError):
    """The bytes are not text (NUL bytes outside a UTF-16 file)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start mean an image, archive, office file or similar: not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:_SNIFF_BYTES]


def decode_bytes(data: bytes, name: str = "input") -> Decoded:
    """Decode ``data``; raise :class:`BinaryContent` for binary data.

    Order: UTF-16 with a BOM, UTF-8 (BOM stripped), then a detector (charset_normalizer, when installed)
    restricted to encodings plausible for English and Dutch news, then cp1252, then Latin-1 (which
    decodes any byte string).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "utf-16")
    if looks_binary(data):
        raise BinaryContent(f"{name}: binary file, not text")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    encoding = _detect_legacy(data)
    text = data.decode(encoding)
    return Decoded(
        text,
        encoding,
        f"{name}: not valid UTF-8 (first bad byte at offset {bad_at}); decoded as {encoding}",
    )


_PLAUSIBLE = ("cp1252", "latin_1", "iso8859_15", "cp1250", "mac_roman")


def _detect_legacy(data: bytes) -> str:
    """Best single-byte encoding for non-UTF-8 bytes; cp1252 unless the detector is clearly sure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer ships with trafilatura/requests
        from_bytes = None
    if from_bytes is not None:
        best = from_bytes(data, cp_isolation=list(_PLAUSIBLE)).best()
        if best is not None and best.encoding not in ("cp1252", "latin_1") and best.chaos < 0.05:
            try:
                data.decode(best.encoding)
                return best.encoding
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"
