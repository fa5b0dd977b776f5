"""A trained checkable-claim detector: is this sentence a checkable factual claim? (probability 0-1).

A linear model (logistic regression) over three blocks of features of one sentence:

- word uni- and bigrams, TF-IDF (sublinear tf, l2-normalised rows);
- character 2-5-grams inside word boundaries (``char_wb``), TF-IDF, same weighting;
- the outputs of the claim cue rules (``claims.py``): which claim types have a cue, whether the sentence
  is a question, carries an attribution or an opinion marker (:data:`CUE_FEATURES`).

Before both n-gram blocks the text is normalised by :func:`normalise` (links → ``URL``, @handles →
``@USER``, every digit → ``0``, lower case), so that "12%" and "40%" are one feature. It was learned
from ClaimBuster (US debate sentences, *check-worthy*) and CheckThat! 2022 task 1B (English and Dutch
tweets, *verifiable factual claim*) by ``scripts/train_claim_detector.py``. The two label definitions
differ, so the training used feature augmentation: every ClaimBuster row also switches on a copy of its
features (and a bias) that only that corpus uses. The shipped weights therefore hold two *profiles*:

- ``"claim"`` (the default, used on articles): the shared weights, i.e. "is this a checkable factual claim";
- ``"checkworthy"``: shared + ClaimBuster-only weights, the stricter debate-style notion.

Weights are stored without pickle: ``credibility/data/claim_detector.npz`` holds plain arrays (the two
vocabularies as UTF-8 bytes joined by newlines, idf vectors, coefficients, intercepts) and
``claim_detector.card.json`` beside it describes them (features, profiles, thresholds, metrics, data
fingerprint, library versions, and the sha256 of the ``.npz``). :func:`load_detector` refuses a file that
is too large, whose hash differs from the card, whose members are unexpected, or whose shapes do not
fit; ``np.load(..., allow_pickle=False)`` cannot run code. The token pattern and the n-gram settings are
constants in this module, never read from the file. The shipped detector is loaded once per process.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import zipfile
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ..atomic_write import atomic_write

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WEIGHTS_PATH = DATA_DIR / "claim_detector.npz"
CARD_PATH = DATA_DIR / "claim_detector.card.json"
FORMAT = "credibility-claim-detector/1"

# Featurisation constants (code, never data): changing one requires retraining.
TOKEN_PATTERN = r"(?u)\b\w+\b|[?!%€$£#@]"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
CUE_FEATURES: tuple[str, ...] = (
    "cue_figure",
    "cue_prediction",
    "cue_superlative",
    "cue_causal",
    "cue_sweeping",
    "cue_comparison",
    "question",
    "attributed",
    "opinion_marker",
)
PROFILES: tuple[str, ...] = ("claim", "checkworthy")
DEFAULT_PROFILE = "claim"

# Limits a weights file must respect before it is read at all.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TERMS = 400_000
_MEMBERS = ("word_terms", "word_idf", "char_terms", "char_idf", "coef", "intercept")

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_HANDLE = re.compile(r"@\w+")
_DIGIT = re.compile(r"\d")


def normalise(text: str) -> str:
    """Text as the n-gram features see it: links → URL, @handles → @USER, digits → 0, lower case."""
    text = _URL.sub(" URL ", text)
    text = _HANDLE.sub(" @USER ", text)
    return _DIGIT.sub("0", text).lower()


_TOKEN = re.compile(TOKEN_PATTERN)


def word_ngrams(text: str) -> list[str]:
    """Word uni- and bigrams of the normalised text (the same list scikit-learn's word analyzer makes)."""
    tokens = _TOKEN.findall(normalise(text))
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_wb_ngrams(text: str) -> list[str]:
    """Character 2-5-grams inside space-padded words (scikit-learn's ``char_wb`` semantics: a padded
    word shorter than n gives itself once, and no longer n-grams)."""
    grams: list[str] = []
    for word in normalise(text).split():
        grams += _word_char_ngrams(word)
    return grams


def _word_char_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    length = len(padded)
    min_n, max_n = CHAR_NGRAMS
    if length > max_n:  # the usual case: every n fits
        return [padded[i : i + n] for n in range(min_n, max_n + 1) for i in range(length - n + 1)]
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        if n >= length:
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(length - n + 1)]
    return grams


def word_counter(vocabulary: dict[str, int] | None = None, min_df: int = 1) -> CountVectorizer:
    return CountVectorizer(analyzer=word_ngrams, vocabulary=vocabulary, min_df=min_df, dtype=np.float64)


def char_counter(vocabulary: dict[str, int] | None = None, min_df: int = 1) -> CountVectorizer:
    return CountVectorizer(analyzer=char_wb_ngrams, vocabulary=vocabulary, min_df=min_df, dtype=np.float64)


def smooth_idf(counts: sparse.csr_matrix) -> np.ndarray:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + n) / (1.0 + df)) + 1.0


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear tf (1 + ln tf) times idf, each row scaled to unit length."""
    counts = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ counts)


@dataclass(frozen=True, eq=False)
class ClaimDetector:
    """Vocabularies, idf vectors and one weight row + intercept per profile (see module docstring)."""

    word_terms: tuple[str, ...]
    word_idf: np.ndarray
    char_terms: tuple[str, ...]
    char_idf: np.ndarray
    coef: np.ndarray  # (len(PROFILES), n_word + n_char + len(CUE_FEATURES))
    intercept: np.ndarray  # (len(PROFILES),)
    card: dict = field(default_factory=dict, compare=False)
    _word: CountVectorizer = field(init=False, repr=False, compare=False)
    _char: CountVectorizer = field(init=False, repr=False, compare=False)

    _blocks: tuple = field(init=False, repr=False, compare=False)
    _cue_offset: int = field(init=False, repr=False, compare=False)
    _word_columns: dict = field(init=False, repr=False, compare=False)  # word → its known char-gram columns
    _window_columns: dict = field(init=False, repr=False, compare=False)  # 5-char window → its prefixes' columns

    def __post_init__(self) -> None:
        _check_shapes(self.word_terms, self.word_idf, self.char_terms, self.char_idf, self.coef, self.intercept)
        word_vocab = {t: i for i, t in enumerate(self.word_terms)}
        char_vocab = {t: i for i, t in enumerate(self.char_terms)}
        object.__setattr__(self, "_word", word_counter(word_vocab))
        object.__setattr__(self, "_char", char_counter(char_vocab))
        n_word = len(self.word_terms)
        n_char = len(self.char_terms)
        # (analyzer, vocabulary, idf, column offset in coef) of each n-gram block, for predict_proba.
        object.__setattr__(self, "_blocks", (
            (word_ngrams, word_vocab, self.word_idf, 0),
            (char_wb_ngrams, char_vocab, self.char_idf, n_word),
        ))
        object.__setattr__(self, "_cue_offset", n_word + n_char)
        object.__setattr__(self, "_word_columns", {})
        object.__setattr__(self, "_window_columns", {})

    @property
    def n_features(self) -> int:
        return len(self.word_terms) + len(self.char_terms) + len(CUE_FEATURES)

    def threshold(self, profile: str = DEFAULT_PROFILE) -> float:
        return float(self.card.get("thresholds", {}).get(profile, 0.5))

    def features(self, texts: Sequence[str], cues: np.ndarray) -> sparse.csr_matrix:
        """The feature matrix of ``texts`` (one row each) with their cue rows (``len(CUE_FEATURES)`` wide)."""
        cues = np.asarray(cues, dtype=np.float64).reshape(len(texts), len(CUE_FEATURES))
        words = tfidf(self._word.transform(texts), self.word_idf)
        chars = tfidf(self._char.transform(texts), self.char_idf)
        return sparse.hstack([words, chars, sparse.csr_matrix(cues)], format="csr")

    def predict_proba(self, texts: Sequence[str], cues: np.ndarray, profile: str = DEFAULT_PROFILE) -> np.ndarray:
        """Probability that each text is a checkable claim, for all texts of a document in one pass.

        The same value as ``features(texts, cues) @ coef[profile] + intercept`` through the logistic
        function, computed without building sparse matrices (the cost is dominated by n-gram counting).
        Each text is normalised once for both n-gram blocks.
        """
        n = len(texts)
        if not n:
            return np.zeros(0)
        weights = self.coef[PROFILES.index(profile)]
        cues = np.asarray(cues, dtype=np.float64).reshape(n, len(CUE_FEATURES))
        scores = cues @ weights[self._cue_offset :] + self.intercept[PROFILES.index(profile)]
        normalised = [normalise(text) for text in texts]
        for block, (_, vocabulary, idf, offset) in enumerate(self._blocks):
            columns, lengths = self._columns(normalised) if block else self._word_block_columns(normalised, vocabulary)
            rows = np.repeat(np.arange(n, dtype=np.intp), lengths)
            if not block:  # word grams hold -1 for unknown ones; the char block keeps known columns only
                known = columns >= 0
                rows, columns = rows[known], columns[known]
            if not len(columns):
                continue
            width = len(vocabulary)
            keys, counts = _unique_counts(rows * width + columns)
            row_index, column_index = np.divmod(keys, width)
            values = (1.0 + np.log(counts)) * idf[column_index]
            norms = np.sqrt(np.bincount(row_index, values * values, minlength=n))
            norms[norms == 0.0] = 1.0
            scores += np.bincount(row_index, values * weights[offset + column_index], minlength=n) / norms
        return 1.0 / (1.0 + np.exp(-np.clip(scores, -50.0, 50.0)))

    @staticmethod
    def _word_block_columns(normalised: Sequence[str], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Word-gram columns (-1 for unknown grams) of already normalised texts, and the grams per text."""
        grams: list[str] = []
        lengths = np.empty(len(normalised), dtype=np.intp)
        for i, text in enumerate(normalised):
            tokens = _TOKEN.findall(text)
            grams += tokens
            grams += map(" ".join, zip(tokens, tokens[1:], strict=False))  # "a b", joined in C
            lengths[i] = 2 * len(tokens) - 1 if tokens else 0
        return np.fromiter(map(vocabulary.get, grams, repeat(-1)), dtype=np.intp, count=len(grams)), lengths

    def _columns(self, normalised: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Known char-gram columns of already normalised texts, through a per-word cache.

        The cache holds each word's columns as the bytes of an ``intp`` array, so a text's columns are
        one ``bytes.join`` (no Python int per gram occurrence); the order of columns within a text does
        not matter (they are counted).
        """
        cache = self._word_columns
        if len(cache) > _WORD_CACHE_LIMIT:
            cache.clear()
        vocabulary = self._blocks[1][1]
        get = vocabulary.get
        parts: list[bytes] = []
        lengths = np.empty(len(normalised), dtype=np.intp)
        def new_word(word: str) -> bytes:
            return self._new_word_columns(word, get)

        for i, text in enumerate(normalised):
            known = _cached_all(text.split(), cache, new_word)
            parts += known
            lengths[i] = sum(map(len, known)) // _INTP_BYTES
        return np.frombuffer(b"".join(parts), dtype=np.intp), lengths

    def _new_word_columns(self, word: str, get) -> bytes:
        """The known char-gram columns of a word not seen before, as ``intp`` bytes.

        A word's grams are, for each start in `` word ``, the 2- to 5-character prefixes of the 5
        characters from there; those windows recur across words far more than words do ("tion ",
        " the"), so each window's columns are cached once and a new word is a few window lookups.
        """
        padded = f" {word} "
        min_n, max_n = CHAR_NGRAMS
        if len(padded) <= max_n:  # short words: n-grams as long as the word itself (see _word_char_ngrams)
            return _intp_bytes([c for c in map(get, _word_char_ngrams(word)) if c is not None])
        windows = self._window_columns
        if len(windows) > _WORD_CACHE_LIMIT:
            windows.clear()
        starts = [padded[i : i + max_n] for i in range(len(padded) - min_n + 1)]

        def columns(window: str) -> bytes:
            found = [get(window[:n]) for n in range(min_n, len(window) + 1)]
            return _intp_bytes([c for c in found if c is not None])

        return b"".join(_cached_all(starts, windows, columns))


def _cached_all(keys: list[str], cache: dict[str, bytes], compute: Callable[[str], bytes]) -> list[bytes]:
    """``cache[key]`` for every key, in order, looked up with one map; only keys never met are computed,
    each once (a key met twice in ``keys`` too), and kept in ``cache``."""
    found = list(map(cache.get, keys))
    if None in found:
        for j, value in enumerate(found):
            if value is None:
                key = keys[j]
                value = cache.get(key)
                if value is None:
                    value = cache[key] = compute(key)
                found[j] = value
    return found


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` by the same sort, without its per-call overhead (the keys
    array is sorted in place)."""
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return keys[starts], np.diff(starts, append=len(keys))


_INTP_BYTES = np.dtype(np.intp).itemsize
# The array-module type code of numpy's intp: packing a few ints with it is several times cheaper than np.array.
_INTP_CODE = next((code for code in "qli" if array(code).itemsize == _INTP_BYTES), None)


def _intp_bytes(columns: list[int]) -> bytes:
    if _INTP_CODE is None:  # pragma: no cover - no array type of that size
        return np.array(columns, dtype=np.intp).tobytes()
    return array(_INTP_CODE, columns).tobytes()
_WORD_CACHE_LIMIT = 200_000


def _check_shapes(word_terms, word_idf, char_terms, char_idf, coef, intercept) -> None:
    n_word, n_char = len(word_terms), len(char_terms)
    problems = []
    if n_word + n_char > MAX_TERMS:
        problems.append(f"{n_word + n_char} terms (limit {MAX_TERMS})")
    if np.shape(word_idf) != (n_word,) or np.shape(char_idf) != (n_char,):
        problems.append("an idf vector does not match its vocabulary")
    if np.shape(coef) != (len(PROFILES), n_word + n_char + len(CUE_FEATURES)):
        problems.append(f"coef has shape {np.shape(coef)}, expected ({len(PROFILES)}, {n_word + n_char + len(CUE_FEATURES)})")
    if np.shape(intercept) != (len(PROFILES),):
        problems.append(f"intercept has shape {np.shape(intercept)}, expected ({len(PROFILES)},)")
    if len(set(word_terms)) != n_word or len(set(char_terms)) != n_char:
        problems.append("a vocabulary has repeated terms")
    if not problems:
        for name, values in (("word_idf", word_idf), ("char_idf", char_idf), ("coef", coef), ("intercept", intercept)):
            if not np.all(np.isfinite(values)):
                problems.append(f"{name} holds values that are not finite")
    if problems:
        raise ValueError("invalid claim detector weights: " + "; ".join(problems))


def _terms_to_bytes(terms: Sequence[str]) -> np.ndarray:
    if any("\n" in t for t in terms):
        raise ValueError("a vocabulary term contains a newline")
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)


def _terms_from_bytes(data: np.ndarray) -> tuple[str, ...]:
    if data.dtype != np.uint8 or data.ndim != 1:
        raise ValueError("invalid claim detector weights: a vocabulary is not a byte array")
    text = data.tobytes().decode("utf-8")
    return tuple(text.split("\n")) if text else ()


def weights_bytes(detector: ClaimDetector) -> bytes:
    """The ``.npz`` bytes of a detector (plain arrays only)."""
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        word_terms=_terms_to_bytes(detector.word_terms),
        word_idf=np.asarray(detector.word_idf, dtype=np.float64),
        char_terms=_terms_to_bytes(detector.char_terms),
        char_idf=np.asarray(detector.char_idf, dtype=np.float64),
        coef=np.asarray(detector.coef, dtype=np.float64),
        intercept=np.asarray(detector.intercept, dtype=np.float64),
    )
    return buffer.getvalue()


def save_detector(detector: ClaimDetector, card: dict, weights_path: Path = WEIGHTS_PATH,
                  card_path: Path | None = None) -> dict:
    """Write the weights and then their card (each atomically); the card records the weights' sha256."""
    data = weights_bytes(detector)
    card = {**card, "format": FORMAT, "weights_file": weights_path.name,
            "weights_sha256": hashlib.sha256(data).hexdigest(), "weights_bytes": len(data)}
    atomic_write(weights_path, lambda fh: fh.write(data))
    card_text = json.dumps(card, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    atomic_write(card_path or _card_beside(weights_path), lambda fh: fh.write(card_text.encode("utf-8")))
    return card


def _card_beside(weights_path: Path) -> Path:
    return weights_path.with_name(weights_path.name.removesuffix(".npz") + ".card.json")


def load_detector(weights_path: Path = WEIGHTS_PATH, card_path: Path | None = None) -> ClaimDetector:
    """Read and validate a detector; ``ValueError`` for anything oversized, tampered with or malformed."""
    card_path = card_path or _card_beside(weights_path)
    size = weights_path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"claim detector weights {weights_path} are {size} bytes (limit {MAX_FILE_BYTES})")
    if card_path.stat().st_size > 1024 * 1024:
        raise ValueError(f"claim detector card {card_path} is too large")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise ValueError(f"{card_path} is not a claim detector card of format {FORMAT}")
    data = weights_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != card.get("weights_sha256"):
        raise ValueError(f"claim detector weights {weights_path} do not match the sha256 recorded in {card_path}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = sorted(info.filename for info in infos)
        if names != sorted(f"{m}.npy" for m in _MEMBERS):
            raise ValueError(f"claim detector weights hold unexpected members {names}")
        if any(info.file_size > MAX_MEMBER_BYTES for info in infos):
            raise ValueError("claim detector weights hold an oversized array")
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        values = {m: arrays[m] for m in _MEMBERS}
    for name in ("word_idf", "char_idf", "coef", "intercept"):
        if values[name].dtype != np.float64:
            raise ValueError(f"claim detector array {name} is {values[name].dtype}, expected float64")
    thresholds = card.get("thresholds", {})
    if set(thresholds) != set(PROFILES) or not all(
        isinstance(t, float | int) and 0.0 < t < 1.0 and math.isfinite(t) for t in thresholds.values()
    ):
        raise ValueError(f"claim detector card {card_path} needs a threshold in (0, 1) for each of {PROFILES}")
    if tuple(card.get("cue_features", ())) != CUE_FEATURES:
        raise ValueError("claim detector card lists other cue features than this code computes")
    return ClaimDetector(
        word_terms=_terms_from_bytes(values["word_terms"]),
        word_idf=values["word_idf"],
        char_terms=_terms_from_bytes(values["char_terms"]),
        char_idf=values["char_idf"],
        coef=values["coef"],
        intercept=values["intercept"],
        card=card,
    )


@cache
def shipped_detector() -> ClaimDetector | None:
    """The detector shipped in ``credibility/data`` (loaded once per process), or None when absent."""
    if not WEIGHTS_PATH.exists():
        return None
    return load_detector()


# ---- the held-out split shared by the training script, the benchmark and the floor test ------------

def held_out(row_id: str, split: str | None = None) -> bool:
    """True for the held-out half: a corpus's own dev split, plus every row whose id hashes low."""
    if split == "dev":
        return True
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:8], 16) < 2**31
