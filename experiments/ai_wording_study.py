"""Study for #20: does a wording model over *masked* text (function words, punctuation, word shapes) carry
authorship as well as the topical TF-IDF wording model, and how do both compare with a word+char TF-IDF
baseline trained on the same rows?

    python -m experiments.ai_wording_study            # prints one table per variant

Every variant is fitted on the training split minus the left-out family (as the shipped model) and scored
on held-out groups; negatives are held-out human news.

Measured (2026-12-02, held-out news AUROC / TPR at 1% FPR): no wording 0.934 / 0.46; topical words 0.972 /
0.63; masked 1-2-grams 0.963 / 0.58; word+char TF-IDF baseline alone 0.967 / 0.57. An earlier masked view
that kept line breaks as tokens scored 0.975 / 0.65 (and 0.979 / 0.67 with 3-letter suffixes): it had learned
that Fast-DetectGPT's human texts have no paragraph breaks, so line breaks are ignored now. The shipped
model (masked 1-3-grams) is reported in models/ai_generated.md.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from credibility.models.masked_text import masked_text
from credibility.models.metrics import auroc, tpr_at_fpr
from credibility.models.training import _standardise, make_estimator, scaling, with_wording
from experiments import ai_experiment as ai


def _pair(scores, pos, neg):
    y = np.r_[np.zeros(neg.sum()), np.ones(pos.sum())]
    s = np.r_[scores[neg], scores[pos]]
    return auroc(y, s), tpr_at_fpr(y, s, 0.01)


def report(name: str, data: ai.AiData, s: np.ndarray) -> dict:
    df = data.df
    y = df["y"].to_numpy()
    test = data.test
    neg = test & data.human_news
    unseen = df["family"].eq(ai.LEFT_OUT_FAMILY).to_numpy()
    news_pos = (y == 1) & (test | unseen) & ~df["domain"].isin(ai.NON_NEWS_DOMAINS).to_numpy()
    out = {"variant": name}
    out["news_auroc"], out["news_tpr1"] = _pair(s, news_pos, neg)
    for fam in sorted(df.loc[df["y"].eq(1), "family"].unique()):
        pos = df["family"].eq(fam).to_numpy() & (y == 1) & (test | unseen)
        out[fam] = _pair(s, pos, neg)
    # Human genres: FPR at the threshold giving 1% FPR on held-out human news (an optimistic threshold).
    thr = np.quantile(s[neg], 0.99)
    for dom in ("fastdetect-xsum", "fastdetect-squad", "fastdetect-writing"):
        m = test & df["domain"].eq(dom).to_numpy() & (y == 0)
        out[f"fpr_{dom}"] = float((s[m] > thr).mean())
    return out


def model_scores(data: ai.AiData, train: np.ndarray, texts: list[str] | None, clip: float | None = None) -> np.ndarray:
    df = data.df
    w_train = ai.sample_weights(df[train].reset_index(drop=True))
    X = data.X
    if texts is not None:
        full_w = np.zeros(len(df))
        full_w[train] = w_train
        X, _ = with_wording(X, texts, df["y"].to_numpy(), train, df["group"].to_numpy(), full_w, ai.SEED,
                            langs=df["lang"].tolist())
        if clip is not None:
            X[:, -1] = np.clip(X[:, -1], -clip, clip)
    mean, scale = scaling(X[train])
    est = make_estimator("gbt", ai.SEED)
    est.fit(_standardise(X[train], mean, scale), df.loc[train, "y"].to_numpy(), sample_weight=w_train)
    return np.asarray(est.decision_function(_standardise(X, mean, scale)))


def word_char_baseline(data: ai.AiData, train: np.ndarray) -> np.ndarray:
    texts = data.df["text"].tolist()
    tr = [t for t, m in zip(texts, train, strict=True) if m]
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=5, max_features=50_000, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=5, max_features=100_000, sublinear_tf=True)
    word.fit(tr)
    char.fit(tr)
    M = hstack([word.transform(texts), char.transform(texts)]).tocsr()
    df = data.df[train].reset_index(drop=True)
    lr = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
    lr.fit(M[train], df["y"].to_numpy(), sample_weight=ai.sample_weights(df))
    return lr.decision_function(M)


def _use_trigrams() -> None:
    """Masked tokens as 1-3-grams split on spaces (what the package's masked view does)."""
    from credibility.models import lexical

    def vectorizer(*, min_df, max_features, vocabulary=None):
        return TfidfVectorizer(ngram_range=(1, 3), min_df=min_df, max_features=max_features, vocabulary=vocabulary,
                               sublinear_tf=True, lowercase=False, token_pattern=None, tokenizer=str.split)
    lexical._vectorizer = vectorizer


def main() -> None:
    t0 = time.time()
    data = ai.load_ai_data()
    print(f"data {data.X.shape} in {time.time() - t0:.0f}s", flush=True)
    train = ai.train_mask(data)
    texts = data.df["text"].tolist()
    variants = sys.argv[1:] or ["none", "raw", "masked", "masked3", "baseline"]
    rows = []
    for v in variants:
        t = time.time()
        if v == "none":
            s = model_scores(data, train, None)
        elif v == "raw":
            s = model_scores(data, train, texts)
        elif v.startswith("masked"):
            if "3" in v.split("clip")[0]:
                _use_trigrams()
            clip = None
            if "clip" in v:
                clip = float(v.split("clip")[1])
            m = [masked_text(x) for x in texts]
            s = model_scores(data, train, m, clip)
        elif v == "baseline":
            s = word_char_baseline(data, train)
        else:
            raise SystemExit(f"unknown variant {v}")
        r = report(v, data, s)
        rows.append(r)
        print(f"{v}: {time.time() - t:.0f}s", {k: (np.round(x, 3) if not isinstance(x, str) else x)
                                                for k, x in r.items()}, flush=True)


if __name__ == "__main__":
    main()
