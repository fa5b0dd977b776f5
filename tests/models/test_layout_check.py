"""The labelled-CSV layout check: warns when a layout trait separates the classes, and only then."""

from __future__ import annotations

import numpy as np
from model_test_data import synthetic_rows

from credibility.models.layout_check import layout_warnings

CLASSES = ("credible", "not_credible")
REAL = "The minister, who spoke on Friday, said the plan would cost 2 million euros. Critics disagreed."
FAKE = "Sources confirm the minister has secretly doubled the budget, and more revelations are expected."


def _labels(n_real: int, n_fake: int) -> np.ndarray:
    return np.r_[np.zeros(n_real, int), np.ones(n_fake, int)]


def test_line_breaks_in_one_class_only_are_named_with_both_shares():
    texts = [REAL.replace(". ", ".\n\n")] * 10 + [REAL] * 10 + [FAKE] * 20
    warnings = layout_warnings(texts, _labels(20, 20), CLASSES, "amt.csv")
    assert len(warnings) == 1
    assert warnings[0].startswith("amt.csv: 0% of 'not_credible' texts and 50% of 'credible' texts have line breaks")


def test_commas_turned_into_double_spaces_are_caught_twice():
    stripped = REAL.replace(",", " ")
    warnings = layout_warnings([stripped] * 10 + [FAKE] * 10, _labels(10, 10), CLASSES, "x.csv")
    assert any("two spaces between words" in w for w in warnings)
    assert any("no comma at all" in w for w in warnings)


def test_a_small_or_shared_difference_is_not_reported():
    texts = [REAL + "\n" + REAL] * 3 + [REAL] * 17 + [FAKE + "\n" + FAKE] * 2 + [FAKE] * 18
    assert layout_warnings(texts, _labels(20, 20), CLASSES, "x.csv") == []
    # 60% against 30%: a big gap, but not three times the smaller share
    texts = [REAL + "\n" + REAL] * 12 + [REAL] * 8 + [FAKE + "\n" + FAKE] * 6 + [FAKE] * 14
    assert layout_warnings(texts, _labels(20, 20), CLASSES, "x.csv") == []


def test_the_synthetic_training_rows_raise_no_layout_warning():
    rows = synthetic_rows()
    y = np.array([int(r["label"] == "machine") for r in rows])
    assert layout_warnings([r["text"] for r in rows], y, ("human", "machine"), "labeled.csv") == []
