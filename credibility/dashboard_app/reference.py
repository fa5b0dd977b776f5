"""Reference distributions drawn against one article on the Analyze and Batch pages (the file and its
reader live in ``credibility/reference.py``, shared with the AI model's reasons)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..reference import REFERENCE_PATH, load_reference, reference_for

__all__ = ["GROUP_LABELS", "REFERENCE_PATH", "comparison_frame", "load_reference", "reference_for"]

GROUP_LABELS = {"human_news": "human news", "machine_text": "machine text"}


def comparison_frame(features: dict[str, float], groups: dict[str, Any]) -> pd.DataFrame:
    """One row per (feature, reference group) with quantiles and the article's value.

    ``pos_*`` columns place quantiles and the article on a 0–1 scale per feature (the span between the
    lowest 5th and highest 95th percentile of the groups), so features of any unit share one axis; the
    raw values stay in the other columns for tooltips.
    """
    rows = []
    for feature, value in features.items():
        quants = {g: data["features"][feature] for g, data in groups.items() if feature in data.get("features", {})}
        if not quants:
            continue
        lo = min(q["q05"] for q in quants.values())
        hi = max(q["q95"] for q in quants.values())
        span = hi - lo
        if span <= 0:  # the feature is constant in the references: nothing to compare against
            continue

        def pos(x: float, lo: float = lo, span: float = span) -> float:
            return min(1.05, max(-0.05, (x - lo) / span))

        for group, q in quants.items():
            rows.append(
                {
                    "feature": feature,
                    "family": feature.split(".", 1)[0],
                    "group": GROUP_LABELS.get(group, group),
                    "value": value,
                    **{k: q[k] for k in ("q05", "q25", "q50", "q75", "q95")},
                    **{f"pos_{k}": pos(q[k]) for k in ("q05", "q25", "q50", "q75", "q95")},
                    "pos_value": pos(value),
                }
            )
    return pd.DataFrame(rows)



def distinctive_features(frame: pd.DataFrame, top: int = 15) -> list[str]:
    """Features whose human and machine medians lie furthest apart (on the rescaled axis), best first."""
    if frame.empty:
        return []
    medians = frame.pivot_table(index="feature", columns="group", values="pos_q50")
    if medians.shape[1] < 2:
        return list(medians.index[:top])
    gap = (medians.max(axis=1) - medians.min(axis=1)).sort_values(ascending=False, kind="stable")
    return list(gap.index[:top])
