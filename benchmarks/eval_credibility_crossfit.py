"""Credibility accuracy per dataset with every article held out once: a tighter estimate than the card's.

The model card scores the 20% held-out split, which holds only 60 FakeNewsAMT articles (one article moves
accuracy by 0.017). Here the whole corpus is split into 5 folds by story group (a FakeNewsAMT fake and the
real article it was written from stay together); each fold is scored by the shipped recipe
(``credibility_experiment.train_cred_model``: same features, wording feature, weights, calibration and
threshold) fitted on the other four, so every article is scored by a model that never saw its story.
Repeated over several fold seeds. The TF-IDF + logistic regression baseline gets the same folds.

``--in-domain DATASET`` does the same within one dataset, trained as ``credibility train --balanced`` trains
on a CSV of it (``credibility_experiment.train_in_domain``): the setting of the published references
(about 0.74 accuracy on FakeNewsAMT and 0.76 on Celebrity, Pérez-Rosas et al. 2018, 5-fold CV).

Usage: ``python benchmarks/eval_credibility_crossfit.py [--seeds 3] [--all-candidates] [--in-domain NAME]``
(about 80 s per seed for the whole corpus with the shipped model kind only, a few minutes in-domain;
corpora from ``../shared/data``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credibility.models import credibility_experiment as cred  # noqa: E402
from credibility.models.metrics import auroc  # noqa: E402
from credibility.models.scorer import CREDIBILITY_MODEL_FILE, MODELS_DIR  # noqa: E402
from credibility.models.store import read_card  # noqa: E402
from credibility.models.training import folds  # noqa: E402

N_FOLDS = 5
BOOTSTRAP = 2000


def crossfit(data: cred.CredData, seed: int, candidates: tuple[str, ...] | None,
             in_domain: str | None = None) -> tuple[np.ndarray, np.ndarray, float]:
    """Out-of-fold P(not credible) from the recipe and from the baseline (rows of ``in_domain`` only, when
    given; NaN elsewhere); the mean threshold."""
    df = data.df
    y = df["y"].to_numpy()
    texts = df["text"].tolist()
    scope = df["dataset"].eq(in_domain).to_numpy() if in_domain else np.ones(len(df), bool)
    idx = np.flatnonzero(scope)
    prob, base = np.full(len(df), np.nan), np.full(len(df), np.nan)
    thresholds = []
    for train_idx, held_idx in folds(y[idx], df["group"].to_numpy()[idx], N_FOLDS, seed):
        rows, held = np.zeros(len(df), bool), np.zeros(len(df), bool)
        rows[idx[train_idx]] = True
        held[idx[held_idx]] = True
        model = (cred.train_in_domain(data, rows, name=in_domain) if in_domain
                 else cred.train_cred_model(data, rows=rows, candidates=candidates).model)
        held_texts = cred._masked(texts, held)
        prob[held] = model.predict_proba(model.columns(data.X[held], data.names, held_texts))
        thresholds.append(model.threshold)
        vec, lr = cred._bow_fit(cred._masked(texts, rows), y[rows])
        base[held] = lr.predict_proba(vec.transform(held_texts))[:, 1]
    return prob, base, float(np.mean(thresholds))


def accuracy_ci(correct: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    """95% bootstrap interval of the mean of ``correct`` (articles resampled)."""
    means = correct[rng.integers(0, len(correct), (BOOTSTRAP, len(correct)))].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="fold seeds to repeat over")
    parser.add_argument("--all-candidates", action="store_true",
                        help="compare linear/gam/gbt inside every fold, as training does (slower)")
    parser.add_argument("--in-domain", metavar="DATASET",
                        help="train and score within one dataset (e.g. fakenewsamt), as `credibility train --balanced`")
    args = parser.parse_args()
    data = cred.load_cred_data()
    if args.in_domain and args.in_domain not in set(data.df["dataset"]):
        parser.error(f"unknown dataset {args.in_domain!r}; known: {', '.join(sorted(set(data.df['dataset'])))}")
    df, y = data.df, data.df["y"].to_numpy()
    shipped_kind = read_card(MODELS_DIR / CREDIBILITY_MODEL_FILE)["model_kind"]
    candidates = None if args.all_candidates else (shipped_kind,)
    rng = np.random.default_rng(0)
    rows = []
    t0 = time.time()
    for seed in range(101, 101 + args.seeds):
        prob, base, threshold = crossfit(data, seed, candidates, args.in_domain)
        for name in [args.in_domain] if args.in_domain else ["all", *sorted(df["dataset"].unique())]:
            m = np.ones(len(df), bool) if name == "all" else df["dataset"].eq(name).to_numpy()
            correct = ((prob[m] >= threshold).astype(int) == y[m]).astype(float)
            lo, hi = accuracy_ci(correct, rng)
            two = len(np.unique(y[m])) == 2
            rows.append({
                "seed": seed, "dataset": name, "n": int(m.sum()),
                "auroc": auroc(y[m], prob[m]) if two else float("nan"), "accuracy": correct.mean(),
                "ci_low": lo, "ci_high": hi,
                "bow_auroc": auroc(y[m], base[m]) if two else float("nan"),
                "bow_accuracy": float(((base[m] >= 0.5).astype(int) == y[m]).mean()),
            })
        print(f"seed {seed} done ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    summary = table.groupby("dataset", sort=False).agg(
        n=("n", "first"), auroc=("auroc", "mean"), accuracy=("accuracy", "mean"),
        accuracy_min=("accuracy", "min"), accuracy_max=("accuracy", "max"),
        ci_low=("ci_low", "mean"), ci_high=("ci_high", "mean"),
        bow_auroc=("bow_auroc", "mean"), bow_accuracy=("bow_accuracy", "mean"),
    )
    recipe = ("trained on this dataset alone, as `credibility train --balanced`" if args.in_domain
              else "all candidates" if args.all_candidates else shipped_kind)
    print(f"Credibility, every article scored once per seed by a model that never saw its story "
          f"({N_FOLDS} folds x {args.seeds} seeds; recipe: {recipe}).")
    print("accuracy: mean over seeds [min-max over seeds] (95% bootstrap interval, mean over seeds)\n")
    print(f"{'dataset':24s} {'n':>5s} {'AUROC':>6s} {'accuracy':>26s} {'TF-IDF AUROC':>13s} {'TF-IDF acc':>11s}")
    for name, r in summary.iterrows():
        acc = f"{r.accuracy:.3f} [{r.accuracy_min:.3f}-{r.accuracy_max:.3f}] ({r.ci_low:.2f}-{r.ci_high:.2f})"
        print(f"{name:24s} {int(r.n):5d} {r.auroc:6.3f} {acc:>26s} {r.bow_auroc:13.3f} {r.bow_accuracy:11.3f}")


if __name__ == "__main__":
    main()
