import numpy as np

from credibility.models.explain import plain_feature, top_reasons
from credibility.models.metrics import auroc
from credibility.models.training import fit_binary


def test_fit_binary_compares_both_kinds_and_sets_threshold_on_negatives(toy_matrix):
    X, y, groups, names = toy_matrix  # noqa: N806
    fitted = fit_binary(X, y, groups, names, name="t", task="ai_generated", classes=("human", "machine"),
                        target_fpr=0.05, n_splits=3)
    assert set(fitted.candidate_scores) == {"linear", "gbt"}
    assert fitted.model.kind in {"linear", "gbt"}
    assert all(0.85 < s <= 1.0 for s in fitted.candidate_scores.values())
    # threshold from out-of-fold negatives: at most 5% of them at or above it
    assert (fitted.oof_prob[y == 0] >= fitted.model.threshold).mean() <= 0.05
    assert auroc(y, fitted.model.predict_proba(X)) > 0.9


def test_linear_contributions_add_up_to_the_log_odds(toy_model, toy_matrix):
    X = toy_matrix[0][:10]  # noqa: N806
    prob, contrib = toy_model.contributions(X)
    a, b = toy_model.calibration
    logit = np.log(prob / (1 - prob))
    intercept = a * float(toy_model.estimator.intercept_[0]) + b
    np.testing.assert_allclose(contrib.sum(axis=1) + intercept, logit, rtol=1e-6, atol=1e-6)
    # the signal feature dominates, the constant one contributes nothing
    assert np.all(np.abs(contrib[:, 0]) >= np.abs(contrib[:, 2]))
    assert np.all(contrib[:, 2] == 0)


def test_reasons_are_signed_and_in_plain_words(toy_model):
    x = np.array([3.0, 0.0, 1.0])
    _, contrib = toy_model.contributions(x)
    reasons = top_reasons(toy_model, x, contrib[0], effect=("points to human-written", "points to machine-written"))
    assert reasons[0].feature == "toy.signal"
    assert reasons[0].contribution > 0
    assert "signal (toy) is higher than typical" in reasons[0].text
    assert reasons[0].text.endswith("points to machine-written")
    assert all(r.feature != "toy.constant" for r in reasons)


def test_plain_feature_names():
    assert plain_feature("hedging.hedge_rate_per_100_words") == "hedge rate per 100 words (hedging)"
    assert plain_feature("boilerplate.has_ai_banner") == "AI banner present (boilerplate)"
    assert plain_feature("style.sentence_length_cv") == "sentence length variation (style)"


def test_vectorised_trees_match_sklearn(toy_matrix):
    from credibility.models.bundle import pack_trees, trees_raw
    from credibility.models.training import _standardise, make_estimator, scaling

    X, y, _, _ = toy_matrix  # noqa: N806
    mean, scale = scaling(X)
    Z = _standardise(X, mean, scale)  # noqa: N806
    est = make_estimator("gbt").fit(Z, y)
    np.testing.assert_allclose(trees_raw(pack_trees(est), Z), est.decision_function(Z), rtol=1e-9, atol=1e-9)
