"""Saving and loading model files with their cards. A model file holds plain arrays only: no pickle.

A model ``<name>.npz`` is a NumPy archive of numbers and strings (scaling, tree nodes or coefficients,
calibration, threshold, feature names, the wording model's vocabulary and weights), read with
``allow_pickle=False``: loading it cannot run code. Beside it, ``<name>.card.json`` is the model card
(description, training data and fingerprint, metrics, weaknesses, library versions) and records the file's
sha256; ``<name>.md`` is the same card for people.

Loading checks, before anything is allocated or scored:

- the sha256 against the card (an edited or replaced file is refused unless the caller opts in with
  ``trust_unverified=True`` / ``--trust-model``);
- the archive: size caps on the file and on every member's unpacked size, only known member names;
- every array's dtype and shape against the feature count; every value finite; tree child indices pointing
  forward inside their tree (so a walk always ends) and a bounded depth; expert weights agreeing with the
  declared monotonic directions; a bounded vocabulary of bounded terms. The tokeniser's regex is a constant
  in code, never read from a file.

Files are written to a temporary name and moved into place, so a failed or interrupted run never leaves a
half-written model behind. Old pickled ``.joblib`` models are refused with a message saying what to do.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from ..atomic_write import atomic_write, ordinary_file_mode, temp_beside, temps_beside
from .bundle import KINDS, TrainedModel
from .card import render_card
from .lexical import VIEWS as WORDING_VIEWS
from .lexical import WordingModel
from .model_card import ModelCard, card_from_dict, card_to_dict, read_card_json

FORMAT_VERSION = 3
MODEL_SUFFIX = ".npz"
LEGACY_SUFFIX = ".joblib"


class ModelVerificationError(RuntimeError):
    """The model file does not match its card (or has none): it is not loaded."""


class UnsafeModelError(ModelVerificationError):
    """The model file is damaged, too large or inconsistent: never loaded, even with ``trust_unverified``."""


# Shipped models are ~1 MB; a model trained on a few hundred thousand articles stays well below these.
MAX_MODEL_FILE_BYTES = 256 * 1024 * 1024
MAX_MODEL_DATA_BYTES = 1024 * 1024 * 1024  # all members unpacked
MAX_TREES = 20_000
MAX_TREE_NODES = 1 << 16
MAX_TREE_DEPTH = 64
MAX_VOCABULARY = 1_000_000
MAX_TERM_CHARS = 256

_HEADER = ("format_version", "name", "task", "classes", "kind", "feature_names")
_FEATURE_ARRAYS = ("mean", "scale", "explain_coef", "monotonic", "prior_weight", "prior_reference")
_TREE_ARRAYS = ("feature", "threshold", "left", "right", "leaf", "value", "expected")
_TREE_SCALARS = ("depth", "baseline", "n_features", "expected_total")
_WORDING_ARRAYS = ("terms", "idf", "coef", "intercept", "view")
ALLOWED_MEMBERS = frozenset(
    {*_HEADER, *_FEATURE_ARRAYS, "calibration", "threshold", "target_fpr", "linear_coef", "linear_intercept",
     *(f"tree_{k}" for k in (*_TREE_ARRAYS, *_TREE_SCALARS)), *(f"wording_{k}" for k in _WORDING_ARRAYS)}
)


def card_path(model_path: Path) -> Path:
    return Path(model_path).with_suffix(".card.json")


def markdown_path(model_path: Path) -> Path:
    return Path(model_path).with_suffix(".md")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    import sklearn

    from .. import __version__

    return {"python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__,
            "credibility": __version__}


# -- writing ----------------------------------------------------------------------------------------

def model_arrays(model: TrainedModel) -> dict[str, np.ndarray]:
    """Everything scoring needs, as named plain arrays (strings as unicode arrays, never objects)."""
    out: dict[str, np.ndarray] = {
        "format_version": np.array(FORMAT_VERSION),
        "name": np.array(model.name), "task": np.array(model.task), "kind": np.array(model.kind),
        "classes": np.asarray(model.classes, dtype=str), "feature_names": np.asarray(model.feature_names, dtype=str),
        "mean": model.mean, "scale": model.scale, "explain_coef": model.explain_coef,
        "monotonic": model.monotonic, "prior_weight": model.prior_weight, "prior_reference": model.prior_reference,
        "calibration": np.asarray(model.calibration, dtype=np.float64), "threshold": np.array(model.threshold),
        "target_fpr": np.array(np.nan if model.target_fpr is None else model.target_fpr),
    }
    if model.linear is not None:
        out["linear_coef"], out["linear_intercept"] = model.linear[0], np.array(model.linear[1])
    if model.trees is not None:
        out.update({f"tree_{k}": np.asarray(v) for k, v in model.trees.items()})
    if model.wording is not None:
        out.update({f"wording_{k}": v for k, v in model.wording.to_arrays().items()})
    return out


def save_model(model: TrainedModel, path: Path | str, *, markdown: bool = True) -> dict:
    """Write the model file, its JSON card (with the file's sha256) and a readable Markdown card."""
    path = Path(path)
    if path.suffix != MODEL_SUFFIX:
        raise ValueError(f"model files end in {MODEL_SUFFIX} (got {path.name})")
    model.metadata.setdefault("created", datetime.now(UTC).isoformat(timespec="seconds"))
    model.metadata.setdefault("libraries", library_versions())
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **model_arrays(model))
    payload = buffer.getvalue()
    card = card_dict(model, path.name, hashlib.sha256(payload).hexdigest())
    card_bytes = (json.dumps(card, indent=2, sort_keys=False, default=_json_default) + "\n").encode()
    # Both files under temporary names beside their targets first (same file system, so the moves are
    # atomic), then moved back to back: a failure before the moves leaves any existing model untouched.
    path.parent.mkdir(parents=True, exist_ok=True)
    temps: list[str] = []
    try:
        for data in (payload, card_bytes):
            fd, tmp = temp_beside(path if data is payload else card_path(path))
            temps.append(tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, ordinary_file_mode())
        os.replace(temps[0], path)
        os.replace(temps[1], card_path(path))
    except BaseException:
        for leftover in temps:
            Path(leftover).unlink(missing_ok=True)
        raise
    if markdown:
        text = render_card(card).encode()
        atomic_write(markdown_path(path), lambda fh: fh.write(text))
    return card


def card_dict(model: TrainedModel, file_name: str, digest: str) -> dict:
    """The JSON card: what the model is, with the file's sha256 and the metadata gathered in training,
    written by the one card writer (``model_card.card_to_dict``)."""
    return card_to_dict(model_card(model, file_name, digest))


def model_card(model: TrainedModel, file_name: str | None = None, digest: str | None = None) -> ModelCard:
    """The typed card of ``model``: its arrays' facts plus its metadata (the card sections training wrote)."""
    sections = {
        "file": file_name,
        "sha256": digest,
        "format_version": FORMAT_VERSION,
        "name": model.name,
        "task": model.task,
        "classes": list(model.classes),
        "model_kind": model.kind,
        "threshold": model.threshold,
        "target_fpr": model.target_fpr,
        "feature_names": list(model.feature_names),
        "monotonic_constraints": {n: int(c) for n, c in zip(model.feature_names, model.monotonic, strict=True) if c},
        "expert_terms": {n: {"weight": float(w), "reference": float(r)}
                         for n, w, r in zip(model.feature_names, model.prior_weight, model.prior_reference, strict=True)
                         if w},
        **{k: v for k, v in model.metadata.items() if k not in _FROM_ARRAYS},
    }
    # Through JSON once, so NumPy numbers are plain numbers before the reader checks their types.
    return card_from_dict(json.loads(json.dumps(sections, default=_json_default)), default_name=model.name)


# Card fields the model's arrays decide; metadata never overrides them.
_FROM_ARRAYS = frozenset({"file", "sha256", "format_version", "name", "task", "classes", "model_kind", "threshold",
                          "target_fpr", "feature_names", "monotonic_constraints", "expert_terms"})


def _json_default(obj):
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    return str(obj)


# -- verifying --------------------------------------------------------------------------------------

def read_card(model_path: Path | str) -> dict:
    """The raw card beside ``model_path`` (what its sha256 is checked against); typed: ``model_card``."""
    path = card_path(Path(model_path))
    if not path.exists():
        raise ModelVerificationError(f"no model card {path.name} beside {Path(model_path).name}")
    card = read_card_json(path)
    if card is None:
        raise ModelVerificationError(f"model card {path.name} is not a JSON object")
    return card


def verify(model_path: Path | str) -> dict:
    """The card, after checking the model file's sha256 against it; raises on any mismatch."""
    model_path = Path(model_path)
    _refuse_legacy(model_path)
    if not model_path.exists():
        raise FileNotFoundError(f"model file not found: {model_path}")
    try:
        card = read_card(model_path)
    except ModelVerificationError as exc:
        raise ModelVerificationError(f"{exc}; {_OPT_IN}") from None
    actual = file_sha256(model_path)
    if card.get("sha256") != actual:
        pending = _interrupted_card(model_path, actual)
        why = (f"A save was interrupted between moving the model file and its card: the matching card is still "
               f"in {pending.name}. Train again, or rename that file to {card_path(model_path).name} if you "
               "trust the run that wrote it; " if pending else "The file was changed or replaced; ")
        raise ModelVerificationError(
            f"{model_path.name}: sha256 {actual[:12]}… does not match its card ({str(card.get('sha256'))[:12]}…). "
            f"{why}{_OPT_IN}"
        )
    return card


def _interrupted_card(model_path: Path, digest: str) -> Path | None:
    """The temporary card an interrupted :func:`save_model` left beside ``model_path`` for this very file."""
    for candidate in temps_beside(card_path(model_path)):
        try:
            if json.loads(candidate.read_text(encoding="utf-8")).get("sha256") == digest:
                return candidate
        except (OSError, ValueError, AttributeError):
            continue
    return None


_OPT_IN = ("the card records which file was trained and evaluated, so a file that does not match it is refused. "
           "If you trust this file, pass trust_unverified=True (Python) or --trust-model (CLI).")


def _refuse_legacy(path: Path) -> None:
    if path.suffix == LEGACY_SUFFIX:
        raise ModelVerificationError(
            f"{path.name} is a model in the old pickle format (.joblib), which this version does not load "
            f"because unpickling can run code. Retrain it with `credibility train` (it writes {MODEL_SUFFIX})."
        )


# -- loading ----------------------------------------------------------------------------------------

def load_model(path: Path | str, *, trust_unverified: bool = False) -> TrainedModel:
    """Load a model file after verifying it against its card (unless ``trust_unverified``) and checking
    every array (see the module docstring); raises :class:`UnsafeModelError` for a damaged file."""
    path = Path(path)
    _refuse_legacy(path)
    if not trust_unverified:
        card = verify(path)
    elif not path.exists():
        raise FileNotFoundError(f"model file not found: {path}")
    else:
        card = read_card(path) if card_path(path).exists() else {}
    arrays = read_arrays(path)
    model = model_from_arrays(arrays, path.name)
    metadata = {k: v for k, v in card.items() if k not in {"file", "sha256", "feature_names", "classes"}}
    model.metadata = metadata
    return model


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    """The members of a model archive, after size and name checks, read without pickle."""
    size = path.stat().st_size
    if size > MAX_MODEL_FILE_BYTES:
        raise UnsafeModelError(f"{path.name}: {size / 2**20:.0f} MB is larger than a model file may be "
                               f"({MAX_MODEL_FILE_BYTES // 2**20} MB); refused")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeModelError(f"{path.name}: not a model archive ({exc}); refused") from None
    names = [i.filename.removesuffix(".npy") for i in infos]
    unknown = sorted(set(names) - ALLOWED_MEMBERS)
    if unknown:
        raise UnsafeModelError(f"{path.name}: unexpected member(s) {unknown[:5]}; refused")
    if sum(i.file_size for i in infos) > MAX_MODEL_DATA_BYTES:
        raise UnsafeModelError(f"{path.name}: unpacks to more than {MAX_MODEL_DATA_BYTES // 2**20} MB; refused")
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise UnsafeModelError(f"{path.name}: damaged model file ({exc}); refused") from None


def model_from_arrays(a: dict[str, np.ndarray], file_name: str = "model") -> TrainedModel:
    """A :class:`TrainedModel` from :func:`model_arrays` output, after checking every array."""
    check = _Checker(a, file_name)
    version = check.scalar("format_version", int)
    if version != FORMAT_VERSION:
        raise UnsafeModelError(f"{file_name}: model format {version} (this version reads {FORMAT_VERSION})")
    names = check.strings("feature_names", MAX_TERM_CHARS)
    n = len(names)
    classes = check.strings("classes", MAX_TERM_CHARS)
    kind = check.scalar("kind", str)
    if kind not in KINDS or len(classes) != 2 or n == 0:
        raise UnsafeModelError(f"{file_name}: kind {kind!r}, {len(classes)} classes, {n} features; refused")
    mean, scale, explain, prior_weight, prior_reference = (
        check.floats(k, (n,)) for k in ("mean", "scale", "explain_coef", "prior_weight", "prior_reference"))
    monotonic = check.ints("monotonic", (n,), -1, 1)
    calibration = check.floats("calibration", (2,))
    threshold = float(check.floats("threshold", ()))
    target = float(check.floats("target_fpr", (), allow_nan=True))
    if (scale <= 0).any() or not 0.0 <= threshold <= 1.0:
        raise UnsafeModelError(f"{file_name}: non-positive feature scale or threshold outside 0-1; refused")
    if (monotonic != 0).any() and calibration[0] <= 0:
        raise UnsafeModelError(f"{file_name}: a monotonic model needs a positive calibration slope; refused")
    if (prior_weight * monotonic < 0).any():
        raise UnsafeModelError(f"{file_name}: an expert weight runs against its feature's stated direction; refused")
    n_learned = int((prior_weight == 0).sum())
    wording = None
    if "wording_terms" in a:
        terms = check.strings("wording_terms", MAX_TERM_CHARS, MAX_VOCABULARY)
        v = len(terms)
        view = check.scalar("wording_view", str) if "wording_view" in a else "words"
        if view not in WORDING_VIEWS:
            raise UnsafeModelError(f"{file_name}: unknown wording view {view!r}; refused")
        wording = WordingModel.from_arrays(terms, check.floats("wording_idf", (v,)), check.floats("wording_coef", (v,)),
                                           float(check.floats("wording_intercept", (1,))[0]), view)
    linear = trees = None
    if kind == "linear":
        linear = (check.floats("linear_coef", (n_learned,)), float(check.floats("linear_intercept", ())))
    else:
        trees = _checked_trees(check, n_learned)
    return TrainedModel(
        name=check.scalar("name", str), task=check.scalar("task", str), classes=(classes[0], classes[1]),
        feature_names=names, kind=kind, mean=mean, scale=scale, calibration=(float(calibration[0]), float(calibration[1])),
        threshold=threshold, target_fpr=None if np.isnan(target) else target, explain_coef=explain,
        linear=linear, trees=trees, monotonic=monotonic, prior_weight=prior_weight, prior_reference=prior_reference,
        wording=wording,
    )


def _checked_trees(check: _Checker, n_learned: int) -> dict:
    feature = check.ints("tree_feature", None, 0, max(n_learned - 1, 0))
    if feature.ndim != 2 or not 0 < feature.shape[0] <= MAX_TREES or not 0 < feature.shape[1] <= MAX_TREE_NODES:
        raise UnsafeModelError(f"{check.file_name}: tree arrays of shape {feature.shape}; refused")
    shape = feature.shape
    width = shape[1]
    left = check.ints("tree_left", shape, 0, width - 1)
    right = check.ints("tree_right", shape, 0, width - 1)
    leaf = check.array("tree_leaf", shape, np.bool_)
    node = np.arange(width)[None, :]
    if ((~leaf) & ((left <= node) | (right <= node))).any():
        raise UnsafeModelError(f"{check.file_name}: a tree node points back to itself or an earlier node; refused")
    depth = check.scalar("tree_depth", int)
    n_features = check.scalar("tree_n_features", int)
    if not 0 <= depth <= min(MAX_TREE_DEPTH, width) or n_features != n_learned:
        raise UnsafeModelError(f"{check.file_name}: tree depth {depth} / {n_features} features; refused")
    return {
        "feature": feature.astype(np.intp), "left": left.astype(np.intp), "right": right.astype(np.intp), "leaf": leaf,
        "threshold": check.floats("tree_threshold", shape, allow_inf=True), "value": check.floats("tree_value", shape),
        "expected": check.floats("tree_expected", shape), "depth": depth, "n_features": n_features,
        "baseline": float(check.floats("tree_baseline", ())), "expected_total": float(check.floats("tree_expected_total", ())),
    }


class _Checker:
    """Typed, shape-checked access to the arrays of one model file (every failure names the file and member)."""

    def __init__(self, arrays: dict[str, np.ndarray], file_name: str) -> None:
        self.arrays = arrays
        self.file_name = file_name

    def array(self, key: str, shape: tuple[int, ...] | None, kind: type) -> np.ndarray:
        if key not in self.arrays:
            raise UnsafeModelError(f"{self.file_name}: member {key!r} is missing; refused")
        value = self.arrays[key]
        if not np.issubdtype(value.dtype, kind) or (shape is not None and value.shape != shape):
            raise UnsafeModelError(f"{self.file_name}: member {key!r} is {value.dtype}{value.shape}, "
                                   f"expected {kind.__name__}{'' if shape is None else shape}; refused")
        return value

    def floats(self, key: str, shape: tuple[int, ...] | None, *, allow_nan: bool = False,
               allow_inf: bool = False) -> np.ndarray:
        value = self.array(key, shape, np.floating).astype(np.float64)
        bad = np.isnan(value) if not allow_nan else np.zeros(value.shape, bool)
        if not allow_inf:
            bad |= np.isinf(value)
        if bad.any():
            raise UnsafeModelError(f"{self.file_name}: member {key!r} holds non-finite values; refused")
        return value

    def ints(self, key: str, shape: tuple[int, ...] | None, low: int, high: int) -> np.ndarray:
        value = self.array(key, shape, np.integer)
        if value.size and (value.min() < low or value.max() > high):
            raise UnsafeModelError(f"{self.file_name}: member {key!r} has values outside {low}..{high}; refused")
        return value

    def strings(self, key: str, max_chars: int, max_count: int = 100_000) -> list[str]:
        value = self.array(key, None, np.str_)
        if value.ndim != 1 or len(value) > max_count or value.dtype.itemsize // 4 > max_chars:
            raise UnsafeModelError(f"{self.file_name}: member {key!r} is {value.dtype}{value.shape}; refused")
        return [str(v) for v in value]

    def scalar(self, key: str, kind: type):
        value = self.arrays.get(key)
        if value is None or value.shape != ():
            raise UnsafeModelError(f"{self.file_name}: member {key!r} is missing or not a single value; refused")
        item = value.item()
        if kind is int and isinstance(item, int | np.integer) and not isinstance(item, bool):
            return int(item)
        if kind is str and isinstance(item, str) and len(item) <= MAX_TERM_CHARS:
            return item
        raise UnsafeModelError(f"{self.file_name}: member {key!r} is not a {kind.__name__}; refused")
