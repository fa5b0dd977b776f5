"""py3langid's identifier without LZMA-decompressing its model at every start.

py3langid ships its model as ``model.npz.xz``: 4.5 MB that inflate to 68 MB, 0.6 CPU-s at every start.
The first start writes the arrays py3langid's own loader returns, uncompressed, to the user cache
(:mod:`credibility.user_cache`), in a folder named after py3langid's version and the model file's sha256;
later starts memory-map them (``np.load(mmap_mode="r", allow_pickle=False)``), so only the pages a text
touches are read, and forked workers share them. The identifier is built from the same arrays as
py3langid's ``LanguageIdentifier.from_model_file`` builds it, so every answer is the same. Without a
usable cache (turned off, read-only, damaged, another py3langid) py3langid loads its model as usual.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from array import array
from importlib import metadata
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from .language_scan import ScanningIdentifier
from .user_cache import cache_dir

LOG = logging.getLogger(__name__)
MODEL_PATH = MODEL_DIR / MODEL_FILE
CACHE_PREFIX = "py3langid-"
# The six arrays of py3langid's loader, in its order: (ptc, pc, classes, nextmove, nextmove_row, out_feat).
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}  # py3langid's stdlib array type codes by item size


def load_identifier(norm_probs: bool = True) -> LanguageIdentifier:
    """py3langid's identifier for its shipped model, from the user cache when one can be used."""
    folder = cache_dir()
    if folder is None:
        return _from_arrays(_decompressed(), norm_probs)
    target = folder / f"{CACHE_PREFIX}{cache_key()}"
    if target.is_dir():
        try:
            return _from_arrays(_mapped(target), norm_probs)
        except (OSError, ValueError, KeyError) as exc:  # damaged or foreign: rebuilt below when writable
            LOG.warning("language model cache %s unreadable (%s); rebuilding it", target, exc)
            shutil.rmtree(target, ignore_errors=True)
    arrays = _decompressed()
    _write(target, arrays)
    return _from_arrays(arrays, norm_probs)


def cache_key() -> str:
    """py3langid's version and the first 16 hex digits of its model file's sha256."""
    try:
        version = metadata.version("py3langid")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        version = "unknown"
    digest = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:16]
    return f"{version}-{digest}"


def _decompressed() -> dict[str, np.ndarray]:
    """The arrays as py3langid's own loader returns them (LZMA, the slow path), as NumPy arrays."""
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_PATH)
    return {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.array(classes),
        "nextmove": _numpy_of(nextmove),
        "nextmove_row": _numpy_of(row),
        "out_feat": np.asarray(output, dtype=np.int32),  # int32 in py3langid's file too
    }


def _numpy_of(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=np.dtype(f"u{values.itemsize}")).copy()


def _mapped(folder: Path) -> dict[str, np.ndarray]:
    """The cached arrays, memory-mapped read-only (nothing is read until used), after checking that they
    fit together (a file cut short or swapped would otherwise fail, or index wrongly, only on some text)."""
    arrays = {}
    for name in ARRAYS:
        arrays[name] = np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
    ptc, pc, classes = arrays["ptc"], arrays["pc"], arrays["classes"]
    nextmove, row, out = arrays["nextmove"], arrays["nextmove_row"], arrays["out_feat"]
    consistent = (
        ptc.ndim == 2 and pc.shape == classes.shape == (ptc.shape[1],) and nextmove.ndim == row.ndim == 1
        and nextmove.size % 256 == 0 and row.shape == out.shape and row.size > 0
        and int(row.max()) < nextmove.size // 256 and int(nextmove.max()) < row.size
        and int(out.min()) >= -1 and int(out.max()) < ptc.shape[0]
    )
    if not consistent:
        raise ValueError(f"arrays in {folder} do not fit together")
    return arrays


def _from_arrays(arrays: dict[str, np.ndarray], norm_probs: bool) -> LanguageIdentifier:
    """The identifier exactly as ``LanguageIdentifier.from_model_file`` builds it from its loader's tuple
    (its byte walk done by NumPy: :mod:`credibility.language_scan`, the same answers)."""
    return ScanningIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _stdlib_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=norm_probs,
        tk_row=_stdlib_array(arrays["nextmove_row"]),
    )


def _stdlib_array(values: np.ndarray) -> array:
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def _write(target: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays into a temporary folder beside ``target``, then rename it into place (atomic: a
    reader sees no folder or a whole one). Best effort: a read-only cache or a full disk only costs time."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        LOG.info("language model not cached (%s): py3langid's model is decompressed at every start", exc)
        return
    try:
        for name in ARRAYS:
            with open(staging / f"{name}.npy", "wb") as fh:
                np.save(fh, arrays[name], allow_pickle=False)
                fh.flush()
                os.fsync(fh.fileno())
        # mkdtemp makes it private; readable by all as a folder made with the usual umask would be (reading the
        # umask means setting it, which races with the dashboard's warm-up thread)
        os.chmod(staging, 0o755)
        os.rename(staging, target)  # fails when another process got there first: theirs is as good
    except OSError as exc:
        LOG.info("language model not cached (%s)", exc)
        shutil.rmtree(staging, ignore_errors=True)
        return
    for old in target.parent.glob(f"{CACHE_PREFIX}*"):  # other versions of py3langid's model
        if old != target and old.is_dir() and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
