"""How far can each feature set separate a credibility dataset when trained on that very dataset?

Issue #13 asks for leave-one-dataset-out (LODO) AUROC >= 0.75 on every English dataset with a model over
editorial, topic-light features. A model that never sees a dataset cannot be expected to beat what the same
features reach when trained *in* that dataset (5-fold cross-validation by story within the dataset, an
unconstrained boosted-tree model, no monotonic constraints, no other dataset to disagree with): that
in-domain figure is a practical ceiling for LODO with those features. Printed per dataset, for:

- ``editorial``: the shipped credibility model's 18 inputs (credibility_task.FEATURE_NAMES);
- ``editorial+specific``: those plus the specificity and address columns of the features study;
- ``all signals``: every registered model feature (readability, style, surface statistics...) and the AI
  probability: topic-free but corpus-style-laden;
- ``TF-IDF``: word 1-2-gram TF-IDF + logistic regression, in-domain (topical: the upper reference).

    OMP_NUM_THREADS=1 python -m experiments.credibility_ceiling
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline

from credibility.models.credibility_task import FEATURE_NAMES
from credibility.models.metrics import auroc
from credibility.signals import model_feature_names
from experiments import credibility_model as cm
from experiments.credibility_features_study import ADDRESS, SPECIFICITY, extra_columns

OUT = Path(__file__).resolve().parents[1] / "artifacts" / "features_study" / "ceiling.json"
FOLDS = 5


def cv_auroc(make, X, y: np.ndarray, groups: np.ndarray) -> float:
    """Out-of-fold AUROC of ``make()`` within one dataset, folds by story group."""
    p = np.zeros(len(y))
    for tr, te in StratifiedGroupKFold(FOLDS, shuffle=True, random_state=cm.SEED).split(np.zeros(len(y)), y, groups):
        model = make().fit(X[tr] if not isinstance(X, list) else [X[i] for i in tr], y[tr])
        p[te] = model.predict_proba(X[te] if not isinstance(X, list) else [X[i] for i in te])[:, 1]
    return round(auroc(y, p), 3)


def trees() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                          l2_regularization=1.0, random_state=cm.SEED)


def tfidf() -> object:
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                         LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))


def main() -> None:
    data = cm.load(n_jobs=1)
    extras, _ = extra_columns(data.df)
    extra_names = [*SPECIFICITY, *ADDRESS]
    sets = {
        "editorial": data.columns(FEATURE_NAMES),
        "editorial+specific": np.column_stack([data.columns(FEATURE_NAMES), extras[extra_names].to_numpy(float)]),
        "all signals": data.columns((*model_feature_names(), cm.AI_PROBABILITY)),
    }
    df = data.df
    labelled_en = data.labelled & df["lang"].eq("en").to_numpy()
    rows = []
    for dataset in sorted(df.loc[labelled_en, "dataset"].unique()):
        m = labelled_en & df["dataset"].eq(dataset).to_numpy()
        y, groups = data.y[m], df["group"].to_numpy()[m]
        if y.min() == y.max():
            continue
        row = {"dataset": dataset, "articles": int(m.sum())}
        for name, X in sets.items():
            row[name] = cv_auroc(trees, X[m], y, groups)
        row["TF-IDF"] = cv_auroc(tfidf, df["text"][m].tolist(), y, groups)
        print(row, flush=True)
        rows.append(row)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=1))
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
