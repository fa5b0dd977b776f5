"""Altair charts: one article against the references, batch distributions, and model-card plots."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

_DIAGONAL = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]})
GROUP_COLOURS = alt.Scale(domain=["human news", "machine text"], range=["#2563eb", "#d97706"])


def signals_vs_reference(frame: pd.DataFrame) -> alt.Chart:
    """Per feature: each reference group's 5–95 % whisker and 25–75 % box, and the article as a diamond.

    Positions are per-feature rescaled (see :func:`reference.comparison_frame`); tooltips show raw values.
    """
    y = alt.Y("feature:N", title=None, sort=None, axis=alt.Axis(labelLimit=320, labelOverlap=False))
    y_offset = alt.YOffset("group:N", sort=["human news", "machine text"])
    colour = alt.Color("group:N", scale=GROUP_COLOURS, title="reference")
    tooltip = [
        alt.Tooltip("feature:N"),
        alt.Tooltip("group:N"),
        alt.Tooltip("value:Q", title="this article", format=".3f"),
        alt.Tooltip("q05:Q", format=".3f"),
        alt.Tooltip("q25:Q", format=".3f"),
        alt.Tooltip("q50:Q", title="median", format=".3f"),
        alt.Tooltip("q75:Q", format=".3f"),
        alt.Tooltip("q95:Q", format=".3f"),
    ]
    x_scale = alt.Scale(domain=[-0.05, 1.05], clamp=True)
    base = alt.Chart(frame)
    whisker = base.mark_rule(strokeWidth=1.5).encode(
        x=alt.X("pos_q05:Q", scale=x_scale, title="position within the references (5th–95th percentile span)"),
        x2="pos_q95:Q", y=y, yOffset=y_offset, color=colour, tooltip=tooltip,
    )  # fmt: skip
    box = base.mark_bar(size=7, opacity=0.55).encode(
        x="pos_q25:Q", x2="pos_q75:Q", y=y, yOffset=y_offset, color=colour, tooltip=tooltip
    )
    median = base.mark_tick(color="black", thickness=1.5, size=8).encode(
        x="pos_q50:Q", y=y, yOffset=y_offset, tooltip=tooltip
    )
    article = (
        alt.Chart(frame.drop_duplicates("feature"))
        .mark_point(shape="diamond", size=90, filled=True, color="#dc2626")
        .encode(x="pos_value:Q", y=y, tooltip=tooltip[:3])
    )
    height = max(120, 26 * frame["feature"].nunique())
    return (whisker + box + median + article).properties(height=height)


def field(name: str) -> str:
    """A column name as a Vega-Lite field: dots (as in ``family.feature``) would mean nesting."""
    return name.replace(".", "\\.")


def histogram(frame: pd.DataFrame, column: str, *, bins: int = 20, colour_by: str | None = None) -> alt.Chart:
    """Distribution of one numeric column over a batch."""
    encoding = {
        "x": alt.X(f"{field(column)}:Q", bin=alt.Bin(maxbins=bins), title=column),
        "y": alt.Y("count():Q", title="articles"),
        "tooltip": [alt.Tooltip("count():Q", title="articles")],
    }
    if colour_by and colour_by in frame:
        encoding["color"] = alt.Color(f"{colour_by}:N")
    data = frame[[c for c in {column, colour_by} if c]].dropna(subset=[column])
    return alt.Chart(data).mark_bar().encode(**encoding).properties(height=180)


def roc_chart(fpr: Sequence[float], tpr: Sequence[float], auc: float | None = None) -> alt.Chart:
    data = pd.DataFrame({"x": fpr, "y": tpr})
    title = "ROC" if auc is None else f"ROC (AUC {auc:.3f})"
    x = alt.X("x:Q", title="false positive rate", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("y:Q", title="true positive rate", scale=alt.Scale(domain=[0, 1]))
    curve = alt.Chart(data).mark_line().encode(x=x, y=y, tooltip=[alt.Tooltip("x:Q", title="FPR"), alt.Tooltip("y:Q", title="TPR")])
    chance = alt.Chart(_DIAGONAL).mark_line(strokeDash=[4, 4], color="grey").encode(x=x, y=y)
    return (chance + curve).properties(title=title, height=260)


def reliability_chart(predicted: Sequence[float], observed: Sequence[float]) -> alt.Chart:
    data = pd.DataFrame({"x": predicted, "y": observed})
    x = alt.X("x:Q", title="mean predicted probability", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("y:Q", title="observed frequency", scale=alt.Scale(domain=[0, 1]))
    points = alt.Chart(data).mark_line(point=True).encode(x=x, y=y)
    ideal = alt.Chart(_DIAGONAL).mark_line(strokeDash=[4, 4], color="grey").encode(x=x, y=y)
    return (ideal + points).properties(title="Reliability", height=260)


def importance_chart(importances: dict[str, float], top: int = 20) -> alt.Chart:
    data = pd.DataFrame({"feature": list(importances), "importance": list(importances.values())})
    data = data.reindex(data["importance"].abs().sort_values(ascending=False).index).head(top)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("importance:Q"),
            y=alt.Y("feature:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            color=alt.condition("datum.importance >= 0", alt.value("#2563eb"), alt.value("#dc2626")),
            tooltip=["feature:N", alt.Tooltip("importance:Q", format=".4f")],
        )
        .properties(title="Feature importances", height=max(120, 24 * len(data)))
    )
