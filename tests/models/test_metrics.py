import numpy as np
import pytest

from credibility.models.metrics import (
    auroc,
    binary_metrics,
    expected_calibration_error,
    threshold_for_fpr,
    tpr_at_fpr,
)


def test_threshold_for_fpr_keeps_at_most_target_share_of_negatives():
    neg = np.linspace(0, 1, 200)
    for target in (0.0, 0.01, 0.05, 0.2):
        thr = threshold_for_fpr(neg, target)
        assert (neg >= thr).mean() <= target + 1e-12
    # 1% of 200 negatives = 2 at or above the threshold
    assert (neg >= threshold_for_fpr(neg, 0.01)).sum() == 2


def test_tpr_at_fpr_and_auroc_on_known_scores():
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    s = np.array([0.1, 0.2, 0.3, 0.9, 0.4, 0.8, 0.95, 0.99])
    assert auroc(y, s) == pytest.approx(14 / 16)
    # With 0% FPR allowed, only positives above the top negative (0.9) count: 0.95 and 0.99.
    assert tpr_at_fpr(y, s, 0.0) == pytest.approx(0.5)


def test_calibration_error_zero_when_rates_match():
    y = np.array([0, 1] * 50)
    assert expected_calibration_error(y, np.full(100, 0.5)) == pytest.approx(0.0)
    assert expected_calibration_error(y, np.full(100, 0.95)) == pytest.approx(0.45)


def test_binary_metrics_reports_rates_at_threshold():
    y = np.array([0, 0, 1, 1])
    m = binary_metrics(y, np.array([0.2, 0.7, 0.6, 0.9]), threshold=0.65)
    assert m["fpr_at_threshold"] == 0.5 and m["tpr_at_threshold"] == 0.5
    assert m["accuracy"] == 0.5 and m["n_positive"] == 2
