"""The model feature matrix: every registered signal feature, with an on-disk cache.

One feature path: a row is :func:`credibility.signals.flatten` of ``extract_all(doc)``, exactly what
``Report.features`` holds, so training, ``analyze()`` and the estimator see the same values.

Featurising the corpora takes minutes, so rows are cached in ``artifacts/features/`` keyed by the text's
sha256 (with its title and forced language) and a fingerprint of the feature names and the whole
package's source and data files. Change any code and the cache is simply not found again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed

from ..atomic_write import atomic_write
from ..document import Document, build_document
from ..signals import extract_all, flatten, model_feature_names

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = PROJECT_ROOT / "artifacts" / "features"
_FINGERPRINT_SUFFIXES = frozenset({".py", ".txt", ".json", ".npz"})  # .npz: the claim detector's weights


def all_feature_names() -> list[str]:
    """Every feature a model may use, in a stable order (not the reported-only families, e.g. obfuscation)."""
    return model_feature_names()


def document_features(doc: Document) -> dict[str, float]:
    """All features of one parsed document (the same mapping ``Report.features`` holds)."""
    return flatten(extract_all(doc))


def text_key(text: str, title: str | None = None, lang: str | None = None) -> str:
    h = hashlib.sha256()
    for part in (text, title or "", lang or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def code_fingerprint(names: Sequence[str]) -> str:
    """Feature names plus every source and data file of the package (read once per process: the cache is
    looked up and written in the same call, and the code does not change under it). Hashing the whole
    package, not a hand-kept list, means no helper module can change features behind the cache's back."""
    return _code_fingerprint(tuple(names))


@lru_cache(maxsize=8)
def _code_fingerprint(names: tuple[str, ...]) -> str:
    h = hashlib.sha256("\n".join(names).encode())
    pkg = PROJECT_ROOT / "credibility"
    files = sorted(p for p in pkg.rglob("*") if p.is_file() and p.suffix in _FINGERPRINT_SUFFIXES
                   and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.relative_to(pkg).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _featurize_one(text: str, title: str | None, lang: str | None, names: list[str]) -> np.ndarray:
    doc = build_document(text, title=title, lang=lang)
    values = document_features(doc)
    return np.array([values.get(n, 0.0) for n in names], dtype=np.float64)


def featurize_texts(
    texts: Sequence[str],
    titles: Sequence[str | None] | None = None,
    langs: Sequence[str | None] | None = None,
    *,
    n_jobs: int = 2,
    cache: bool = True,
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Feature matrix (rows in input order) and the feature names; cached rows are not recomputed."""
    names = all_feature_names()
    n = len(texts)
    titles = list(titles) if titles is not None else [None] * n
    langs = list(langs) if langs is not None else [None] * n
    titles = [t if isinstance(t, str) and t.strip() else None for t in titles]
    langs = [v if isinstance(v, str) and v else None for v in langs]
    keys = [text_key(t, ti, la) for t, ti, la in zip(texts, titles, langs, strict=True)]
    store = _load_cache(names, cache_dir) if cache else {}
    todo = [i for i, k in enumerate(keys) if k not in store]
    if progress:
        progress(n - len(todo))
    if todo:
        chunk = 200
        for start in range(0, len(todo), chunk):
            idx = todo[start : start + chunk]
            rows = Parallel(n_jobs=n_jobs, batch_size=16)(
                delayed(_featurize_one)(texts[i], titles[i], langs[i], names) for i in idx
            ) if n_jobs != 1 and len(idx) > 8 else [_featurize_one(texts[i], titles[i], langs[i], names) for i in idx]
            for i, row in zip(idx, rows, strict=True):
                store[keys[i]] = row
            if progress:
                progress(len(idx))
        if cache:
            _save_cache(store, names, cache_dir)
    matrix = np.vstack([store[k] for k in keys]) if n else np.zeros((0, len(names)))
    return matrix, names


def _cache_path(names: Sequence[str], cache_dir: Path | None) -> Path:
    return (cache_dir or CACHE_DIR) / f"features-{code_fingerprint(names)}.npz"


def _load_cache(names: Sequence[str], cache_dir: Path | None) -> dict[str, np.ndarray]:
    path = _cache_path(names, cache_dir)
    if not path.exists():
        return {}
    try:
        data = np.load(path, allow_pickle=False)
        return dict(zip(data["keys"].tolist(), data["rows"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def _save_cache(store: dict[str, np.ndarray], names: Sequence[str], cache_dir: Path | None) -> None:
    keys = np.array(list(store), dtype="U64")
    rows = np.vstack(list(store.values())) if store else np.zeros((0, len(names)))
    # A temporary file of its own (not a fixed name): two trainings sharing the cache cannot collide.
    atomic_write(_cache_path(names, cache_dir), lambda fh: np.savez(fh, keys=keys, rows=rows))
