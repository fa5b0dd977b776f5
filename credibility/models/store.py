"""Saving and loading model files with their cards.

A model file is a joblib pickle, and unpickling runs code: so every ``<name>.joblib`` has a
``<name>.card.json`` beside it recording the file's sha256, and loading refuses a file whose hash does
not match its card unless the caller opts in (``trust_unverified=True`` / ``--trust-model``).
Files are written to a temporary name and moved into place, so a failed or interrupted run never
leaves a half-written model behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import joblib

from .bundle import TrainedModel
from .card import render_card


class ModelVerificationError(RuntimeError):
    """The model file does not match its card (or has none): it is not loaded."""


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


def _umask_mode() -> int:
    """Ordinary file permissions (0o666 minus the umask): mkstemp's 0o600 would hide models from others."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_write_bytes(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_model(model: TrainedModel, path: Path | str, *, markdown: bool = True) -> dict:
    """Write the model file, its JSON card (with the file's sha256) and a readable Markdown card."""
    path = Path(path)
    model.metadata.setdefault("created", datetime.now(UTC).isoformat(timespec="seconds"))
    model.metadata.setdefault("libraries", library_versions())
    # Pickle into a temporary file beside the target first (same file system, so the move is atomic):
    # a failure here leaves any existing model untouched.
    path.parent.mkdir(parents=True, exist_ok=True)
    card_file = card_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    card_tmp = None
    try:
        joblib.dump(model.to_dict(), tmp, compress=3)
        digest = file_sha256(Path(tmp))
        card = _card_dict(model, path.name, digest)
        card_bytes = (json.dumps(card, indent=2, sort_keys=False, default=_json_default) + "\n").encode()
        # Card under a temp name too, then both moved into place back to back.
        fd2, card_tmp = tempfile.mkstemp(prefix=f".{card_file.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd2, "wb") as fh:
            fh.write(card_bytes)
        os.chmod(tmp, _umask_mode())
        os.chmod(card_tmp, _umask_mode())
        os.replace(tmp, path)
        os.replace(card_tmp, card_file)
    except BaseException:
        for leftover in (tmp, card_tmp):
            if leftover:
                Path(leftover).unlink(missing_ok=True)
        raise
    if markdown:
        text = render_card(card).encode()
        _atomic_write_bytes(markdown_path(path), lambda fh: fh.write(text))
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
        raise ModelVerificationError(
            f"{model_path.name}: sha256 {actual[:12]}… does not match its card ({str(card.get('sha256'))[:12]}…). "
            f"The file was changed or replaced; {_OPT_IN}"
        )
    return card


_OPT_IN = ("loading a model runs code from the file (pickle), so it is refused. If you trust this file, "
           "pass trust_unverified=True (Python) or --trust-model (CLI).")


def load_model(path: Path | str, *, trust_unverified: bool = False) -> TrainedModel:
    """Load a model file after verifying it against its card (unless ``trust_unverified``)."""
    path = Path(path)
    if not trust_unverified:
        verify(path)
    elif not path.exists():
        raise FileNotFoundError(f"model file not found: {path}")
    data = joblib.load(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} is not a credibility model file")
    return TrainedModel.from_dict(data)
