"""ROC and reliability plots as PNG files (matplotlib, headless backend)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import roc_curve

from ..atomic_write import atomic_write
from .metrics import reliability_curve


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def roc_png(y, prob, path: Path | str, *, title: str = "ROC", threshold: float | None = None,
            curves: dict[str, tuple] | None = None) -> Path:
    """ROC curve (plus optional extra named curves ``{name: (y, score)}``), marking the threshold."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    for name, (yy, ss) in {"model": (y, prob), **(curves or {})}.items():
        fpr, tpr, _ = roc_curve(yy, ss)
        ax.plot(fpr, tpr, label=name)
    if threshold is not None:
        y_arr, p_arr = np.asarray(y), np.asarray(prob)
        ax.plot([(p_arr[y_arr == 0] >= threshold).mean()], [(p_arr[y_arr == 1] >= threshold).mean()], "o",
                color="black", label=f"threshold {threshold:.3f}")
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set(xlabel="false-positive rate", ylabel="true-positive rate", title=title)
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)


def reliability_png(y, prob, path: Path | str, *, title: str = "Reliability", bins: int = 10) -> Path:
    """Observed positive rate against mean predicted probability per bin (calibration)."""
    plt = _plt()
    mp, obs, cnt = reliability_curve(y, prob, bins)
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], ":", color="grey", label="perfect calibration")
    ax.plot(mp, obs, "o-", label="model")
    for x, o, c in zip(mp, obs, cnt, strict=True):
        ax.annotate(str(c), (x, o), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set(xlabel="mean predicted probability", ylabel="observed positive rate", xlim=(0, 1), ylim=(0, 1), title=title)
    ax.legend(loc="upper left", fontsize=8)
    return _save(fig, path)


def _save(fig, path: Path | str) -> Path:
    """Write the figure atomically: an interrupted run leaves the old PNG (or none), never half a file."""
    import matplotlib.pyplot as plt

    path = Path(path)
    fig.tight_layout()
    try:
        atomic_write(path, lambda fh: fig.savefig(fh, format=path.suffix.lstrip(".").lower() or "png"))
    finally:
        plt.close(fig)
    return path
