"""Saving and loading model files with their cards.

A model file is a joblib pickle, and plain unpickling runs code: so every ``<name>.joblib`` has a
``<name>.card.json`` beside it recording the file's sha256, and loading refuses a file whose hash does
not match its card unless the caller opts in (``trust_unverified=True`` / ``--trust-model``).

Even an opted-in (or hash-matching) file is never handed to ``pickle``/``joblib.load`` as is:

- its size is capped (:data:`MAX_MODEL_FILE_BYTES`) and its compression is decoded here, bounded
  (:data:`MAX_MODEL_DATA_BYTES`), refusing trailing bytes after the compressed stream or a cut-off one;
- it is unpickled by :class:`RestrictedUnpickler`, which resolves only an allow-list of types
  (numpy arrays, dtypes and scalar types, scikit-learn estimators and their fitted parts, joblib's array
  wrapper, plain builtins, and classes of :data:`PROJECT_MODEL_MODULES`), in the spirit of skops' "trusted types": a pickle that names ``os.system``,
  ``builtins.eval``, ``subprocess.Popen`` or any other callable is refused before anything runs;
- every array's declared size must fit in the bytes that are left, so a forged shape cannot make it
  allocate gigabytes.

Files are written to a temporary name and moved into place, so a failed or interrupted run never
leaves a half-written model behind.
"""

from __future__ import annotations

import bz2
import hashlib
import io
import json
import lzma
import os
import pickle
import platform
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

import joblib

from ..atomic_write import atomic_write, ordinary_file_mode, temp_beside, temps_beside
from .bundle import TrainedModel
from .card import render_card


class ModelVerificationError(RuntimeError):
    """The model file does not match its card (or has none): it is not loaded."""


class UnsafeModelError(ModelVerificationError):
    """The model file is damaged, too large, or names a type outside the allow-list: never loaded, even
    with ``trust_unverified=True`` (trusting a file cannot make it run arbitrary code)."""


# Shipped models are ~0.3 MB; a model trained on a few hundred thousand articles stays well below these.
MAX_MODEL_FILE_BYTES = 256 * 1024 * 1024
MAX_MODEL_DATA_BYTES = 1024 * 1024 * 1024  # after decompression


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
    import numpy
    import sklearn

    from .. import __version__

    return {"python": platform.python_version(), "numpy": numpy.__version__, "scikit-learn": sklearn.__version__,
            "joblib": joblib.__version__, "credibility": __version__}


def save_model(model: TrainedModel, path: Path | str, *, markdown: bool = True) -> dict:
    """Write the model file, its JSON card (with the file's sha256) and a readable Markdown card."""
    path = Path(path)
    model.metadata.setdefault("created", datetime.now(UTC).isoformat(timespec="seconds"))
    model.metadata.setdefault("libraries", library_versions())
    # Pickle into a temporary file beside the target first (same file system, so the move is atomic):
    # a failure here leaves any existing model untouched.
    path.parent.mkdir(parents=True, exist_ok=True)
    card_file = card_path(path)
    fd, tmp = temp_beside(path)
    os.close(fd)
    card_tmp = None
    try:
        joblib.dump(model.to_dict(), tmp, compress=3)
        digest = file_sha256(Path(tmp))
        card = _card_dict(model, path.name, digest)
        card_bytes = (json.dumps(card, indent=2, sort_keys=False, default=_json_default) + "\n").encode()
        # Card under a temp name too, then both moved into place back to back.
        fd2, card_tmp = temp_beside(card_file)
        with os.fdopen(fd2, "wb") as fh:
            fh.write(card_bytes)
        os.chmod(tmp, ordinary_file_mode())
        os.chmod(card_tmp, ordinary_file_mode())
        os.replace(tmp, path)
        os.replace(card_tmp, card_file)
    except BaseException:
        for leftover in (tmp, card_tmp):
            if leftover:
                Path(leftover).unlink(missing_ok=True)
        raise
    if markdown:
        text = render_card(card).encode()
        atomic_write(markdown_path(path), lambda fh: fh.write(text))
    return card


def _card_dict(model: TrainedModel, file_name: str, digest: str) -> dict:
    return {
        "file": file_name,
        "sha256": digest,
        "name": model.name,
        "task": model.task,
        "classes": list(model.classes),
        "model_kind": model.kind,
        "threshold": model.threshold,
        "target_fpr": model.target_fpr,
        "feature_names": list(model.feature_names),
        **{k: v for k, v in model.metadata.items() if k not in {"name", "task"}},
    }


def _json_default(obj):
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    return str(obj)


def read_card(model_path: Path | str) -> dict:
    path = card_path(Path(model_path))
    if not path.exists():
        raise ModelVerificationError(f"no model card {path.name} beside {Path(model_path).name}")
    return json.loads(path.read_text(encoding="utf-8"))


def verify(model_path: Path | str) -> dict:
    """The card, after checking the model file's sha256 against it; raises on any mismatch."""
    model_path = Path(model_path)
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


_OPT_IN = ("loading a model runs code from the file (pickle), so it is refused. If you trust this file, "
           "pass trust_unverified=True (Python) or --trust-model (CLI).")


def load_model(path: Path | str, *, trust_unverified: bool = False) -> TrainedModel:
    """Load a model file after verifying it against its card (unless ``trust_unverified``).

    Whether verified or trusted, the file is read by :func:`safe_load` (size caps, bounded
    decompression, allow-listed types only); it raises :class:`UnsafeModelError` otherwise.
    """
    path = Path(path)
    if not trust_unverified:
        verify(path)
    elif not path.exists():
        raise FileNotFoundError(f"model file not found: {path}")
    data = safe_load(path)
    from sklearn.base import BaseEstimator

    if not isinstance(data, dict) or not isinstance(data.get("estimator"), BaseEstimator):
        raise UnsafeModelError(f"{path.name} is not a credibility model file (no model dictionary inside)")
    return TrainedModel.from_dict(data)


# -- restricted loading ---------------------------------------------------------------------------------

# Exact (module, name) pairs a model file may name, besides scikit-learn classes (see _allowed_sklearn).
# Callables here only construct arrays, dtypes, scalars, random generators or containers.
ALLOWED_GLOBALS = frozenset(
    {
        ("joblib.numpy_pickle", "NumpyArrayWrapper"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        *((m, n) for m in ("numpy.core.multiarray", "numpy._core.multiarray") for n in ("_reconstruct", "scalar")),
        *(("numpy.dtypes", n) for n in ("Float64DType", "Float32DType", "Int64DType", "Int32DType", "UInt8DType",
                                        "BoolDType", "StrDType", "ObjectDType")),
        ("numpy.random._pickle", "__bit_generator_ctor"),
        ("numpy.random._pickle", "__generator_ctor"),
        ("numpy.random._pickle", "__randomstate_ctor"),
        ("numpy.random._pcg64", "PCG64"),
        ("numpy.random._mt19937", "MT19937"),
        ("numpy.random.mtrand", "RandomState"),
        ("numpy.random.bit_generator", "SeedSequence"),
        ("numpy.random.bit_generator", "__pyx_unpickle_SeedSequence"),
        # numpy scalar types (e.g. TfidfVectorizer(dtype=np.float64) pickles the type itself)
        *(
            ("numpy", n)
            for n in ("float16", "float32", "float64", "longdouble", "complex64", "complex128", "int8", "int16",
                      "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool_", "bool", "str_", "bytes_",
                      "object_")
        ),  # fmt: skip
        ("copyreg", "_reconstructor"),
        ("collections", "OrderedDict"),
        *(("builtins", n) for n in ("dict", "list", "tuple", "set", "frozenset", "slice", "complex", "bytes",
                                    "bytearray", "int", "float", "str", "bool", "range", "object")),
    }
)
# Modules of this project whose classes (never functions) a model file may hold, e.g. the stacked
# wording model (credibility.models.lexical.WordingModel). A module listed here must define only data
# classes whose construction and state-setting run no code from their arguments.
PROJECT_MODEL_MODULES = frozenset({"credibility.models.lexical", "credibility.models.bundle"})
# Fitted parts of scikit-learn estimators that are not estimators themselves.
_SKLEARN_PARTS = ("sklearn._loss.", "sklearn.ensemble._hist_gradient_boosting.")


# scikit-learn packages whose classes a model may contain (estimators and their fitted parts). A positive
# list: nothing from sklearn.utils, datasets, externals, tests, conftest or build helpers is importable.
_SKLEARN_PACKAGES = frozenset(
    {
        "_loss", "calibration", "compose", "decomposition", "discriminant_analysis", "dummy", "ensemble",
        "feature_extraction", "feature_selection", "impute", "isotonic", "kernel_approximation", "linear_model",
        "multiclass", "naive_bayes", "neighbors", "neural_network", "pipeline", "preprocessing", "svm", "tree",
    }
)  # fmt: skip


def _sklearn_module(module: str) -> bool:
    """Modules of scikit-learn a model may name (checked before anything is imported)."""
    parts = module.split(".")
    return (
        len(parts) >= 2
        and parts[0] == "sklearn"
        and parts[1] in _SKLEARN_PACKAGES
        and not any(p in ("tests", "conftest") or p.endswith("_testing") for p in parts)
    )


def _allowed_sklearn(module: str, name: str, obj: object) -> bool:
    """A scikit-learn *class* defined in the module the pickle names (no re-exports, no functions):
    an estimator, or a fitted part of one (losses, links, binners, tree predictors)."""
    if not isinstance(obj, type) or obj.__module__ != module or obj.__qualname__ != name:
        return False
    if module in PROJECT_MODEL_MODULES:
        return True
    from sklearn.base import BaseEstimator

    return issubclass(obj, BaseEstimator) or module.startswith(_SKLEARN_PARTS)


def _restricted_unpickler_class():
    from joblib.numpy_pickle import NumpyArrayWrapper, NumpyUnpickler

    class RestrictedUnpickler(NumpyUnpickler):
        """joblib's unpickler resolving only allow-listed globals, with array sizes checked."""

        dispatch = NumpyUnpickler.dispatch.copy()

        def find_class(self, module: str, name: str):
            if (module, name) in ALLOWED_GLOBALS:
                return super().find_class(module, name)
            if _sklearn_module(module) or module in PROJECT_MODEL_MODULES:
                try:
                    obj = super().find_class(module, name)
                except Exception:
                    obj = None
                if _allowed_sklearn(module, name, obj):
                    return obj
            raise UnsafeModelError(
                f"{self.filename}: refers to {module}.{name}, which a model file may not contain "
                "(only numpy arrays, scikit-learn estimators and plain values are loaded); refused, nothing "
                "from the file was run"
            )

        def load_build(self):
            """BUILD as in joblib, but an array's declared size must fit in the bytes left in the file."""
            pickle._Unpickler.load_build(self)
            wrapper = self.stack[-1]
            if isinstance(wrapper, NumpyArrayWrapper):
                _check_array_fits(wrapper, self.file_handle, self.filename)
                self.stack.pop()
                self.stack.append(wrapper.read(self, self.ensure_native_byte_order))

        dispatch[pickle.BUILD[0]] = load_build

    return RestrictedUnpickler


def _check_array_fits(wrapper, handle: io.BytesIO, name: str) -> None:
    import numpy as np

    dtype = np.dtype(wrapper.dtype)
    if dtype.hasobject:
        return  # a nested pickle, read through the same restricted find_class
    count = 1
    for n in wrapper.shape:
        count *= int(n)
    need = count * dtype.itemsize
    left = len(handle.getbuffer()) - handle.tell()
    if count < 0 or need > left:
        raise UnsafeModelError(
            f"{name}: an array claims {need:,} bytes but only {left:,} are left in the file; damaged or forged"
        )


# joblib's compressed formats: (magic prefix, name, decompressor factory). Our own files use zlib.
_COMPRESSIONS = (
    (b"\x78", "zlib", lambda: zlib.decompressobj()),
    (b"\x1f\x8b", "gzip", lambda: zlib.decompressobj(wbits=31)),
    (b"BZ", "bz2", bz2.BZ2Decompressor),
    (b"\xfd7zXZ", "xz", lambda: lzma.LZMADecompressor(format=lzma.FORMAT_XZ)),
    (b"\x5d\x00", "lzma", lambda: lzma.LZMADecompressor(format=lzma.FORMAT_ALONE)),
)


def read_model_bytes(path: Path) -> bytes:
    """The pickle stream of a joblib file, decompressed with hard limits on size; raises
    :class:`UnsafeModelError` for an oversized, cut-off or extended (trailing bytes) file."""
    size = path.stat().st_size
    if size > MAX_MODEL_FILE_BYTES:
        raise UnsafeModelError(
            f"{path.name}: {size / 2**20:.0f} MB is larger than a model file may be "
            f"({MAX_MODEL_FILE_BYTES // 2**20} MB); refused"
        )
    data = path.read_bytes()
    if data[:1] == b"\x80":  # an uncompressed pickle (protocol 2 or later)
        return data
    found = next(((kind, make) for prefix, kind, make in _COMPRESSIONS if data.startswith(prefix)), None)
    if found is None:
        raise UnsafeModelError(f"{path.name}: not a joblib model file (unknown format {data[:4]!r})")
    kind, make = found
    decompressor = make()
    try:
        raw = decompressor.decompress(data, MAX_MODEL_DATA_BYTES + 1)
    except (zlib.error, OSError, lzma.LZMAError, EOFError, ValueError) as exc:
        raise UnsafeModelError(f"{path.name}: damaged {kind} data ({exc}); refused") from None
    if len(raw) > MAX_MODEL_DATA_BYTES:
        raise UnsafeModelError(
            f"{path.name}: unpacks to more than {MAX_MODEL_DATA_BYTES // 2**20} MB; refused (damaged or a bomb)"
        )
    if not decompressor.eof:
        raise UnsafeModelError(f"{path.name}: the {kind} data is cut off (file truncated); refused")
    if decompressor.unused_data:
        raise UnsafeModelError(
            f"{path.name}: {len(decompressor.unused_data)} unexpected byte(s) after the end of the {kind} "
            "data (file altered or damaged); refused"
        )
    if raw[:1] != b"\x80":
        raise UnsafeModelError(f"{path.name}: the {kind} data does not hold a pickle; refused")
    return raw


def safe_load(path: Path | str) -> object:
    """Unpickle a joblib file with the caps and allow-list described in this module's docstring."""
    path = Path(path)
    raw = read_model_bytes(path)
    handle = io.BytesIO(raw)
    unpickler = _restricted_unpickler_class()(path.name, handle, ensure_native_byte_order=True)
    try:
        obj = unpickler.load()
    except UnsafeModelError:
        raise
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError,
            MemoryError, struct.error) as exc:
        raise UnsafeModelError(f"{path.name}: damaged model file ({type(exc).__name__}: {exc}); refused") from None
    if handle.tell() != len(raw):
        raise UnsafeModelError(
            f"{path.name}: {len(raw) - handle.tell()} unexpected byte(s) after the model data; refused"
        )
    return obj

