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

    Order: UTF-16 with a BOM, UTF-8 (BOM stripped), cp1252, then a detector (charset_normalizer)
    restricted to encodings plausible for English and Dutch news, then Latin-1 (decodes any bytes).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:  # odd length or a broken surrogate pair: keep the rest
            return Decoded(
                data.decode("utf-16", errors="replace"),
                "utf-16",
                f"{name}: not valid UTF-16 (at byte {exc.start}: {exc.reason}); undecodable bytes replaced by U+FFFD",
            )
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


_PLAUSIBLE = ("latin_1", "iso8859_15", "cp1250", "mac_roman")


def _detect_legacy(data: bytes) -> str:
    """cp1252 whenever it decodes (the usual case for English and Dutch); otherwise ask the detector.

    Short texts fool statistical detectors (cp1250 and cp1252 agree on most letters), so the detector
    only decides between the encodings left when cp1252 cannot decode the bytes at all.
    """
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer ships with trafilatura
        return "latin-1"
    best = from_bytes(data, cp_isolation=list(_PLAUSIBLE)).best()
    if best is not None and best.chaos < 0.1:
        try:
            data.decode(best.encoding)
            return best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return "latin-1"
