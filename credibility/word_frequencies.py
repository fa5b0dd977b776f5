"""wordfreq's frequency tables read without importing wordfreq.

``import wordfreq`` costs 0.3-0.5 CPU-s at start (it imports langcodes, ftfy and regex for its tokeniser)
and its own table loader another 0.2 s per language. Our signals need only the tables, and the comparison
only the Zipf frequency of plain lower-case words, so both are done here as wordfreq does them:

- :func:`frequency_table` reads the same ``data/<large|small>_<lang>.msgpack.gz`` file as
  ``wordfreq.get_frequency_dict(lang)`` ("best": large when there is one), with the same format check
  and the same value per centibel bucket (``10 ** (-index / 100)``), so the dict is equal to wordfreq's;
- :func:`zipf_frequency` is ``wordfreq.zipf_frequency(word, lang)`` computed from that table for words
  of ASCII lower-case letters only (wordfreq's tokeniser leaves those as one token, unchanged), with
  wordfreq's rounding; any other word goes to wordfreq itself.

Where wordfreq's data folder or a language's file cannot be found here (another layout, a language code
wordfreq would map to another one), wordfreq is imported and answers.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache
from pathlib import Path

import msgpack

# wordfreq's default: frequencies below one per billion words count as one per billion (Zipf 0).
_MINIMUM_FREQUENCY = 10**0.0 / 1e9


@cache
def frequency_table(lang: str) -> dict[str, float]:
    """``wordfreq.get_frequency_dict(lang)``: word → frequency (a proportion), loaded once per language."""
    path = _table_path(lang)
    if path is None:
        import wordfreq

        return wordfreq.get_frequency_dict(lang)
    with gzip.open(path, "rb") as fh:
        data = msgpack.load(fh, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack file (header {header!r})")
    table: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        table.update(dict.fromkeys(bucket, 10 ** (-index / 100)))  # wordfreq's cB_to_freq(-index)
    return table


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` (Zipf scale, rounded to hundredths; 0 when unknown)."""
    if not (word.isascii() and word.isalpha() and word.islower()) or _table_path(lang) is None:
        import wordfreq

        return wordfreq.zipf_frequency(word, lang)
    return round(math.log(_word_frequency(word, lang), 10) + 9, 2)  # wordfreq's freq_to_zipf, rounded


def _word_frequency(word: str, lang: str) -> float:
    """wordfreq's ``_word_frequency`` for a word that is its own single token, step by step."""
    frequency = frequency_table(lang).get(word)
    if frequency is None:
        return _MINIMUM_FREQUENCY  # a missing token: the minimum, unrounded
    frequency = 1.0 / (1.0 / frequency)  # 1/f = sum of 1/f_i over the (one) token
    frequency = max(frequency, _MINIMUM_FREQUENCY)
    if frequency == 0.0:
        return 0.0
    return round(frequency, math.floor(-math.log(frequency, 10)) + 3)  # 3 significant digits


@cache
def _table_path(lang: str) -> Path | None:
    """wordfreq's "best" table file for exactly ``lang``, or None (then wordfreq itself is asked)."""
    data = _wordfreq_data()
    if data is None or not lang.isalpha():
        return None
    for size in ("large", "small"):
        path = data / f"{size}_{lang}.msgpack.gz"
        if path.is_file():
            return path
    return None


@cache
def _wordfreq_data() -> Path | None:
    """wordfreq's data folder, found without running its ``__init__``."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if folder.is_dir() else None
