"""Training data, recipe and out-of-distribution gate of the shipped credibility model.

Research code, not installed with the package: ``scripts/train_shipped_models.py`` trains with it and
``benchmarks/eval_credibility_ood.py`` reports with it.

Which rows carry which label, and why (also written into the model card):

- ``credibility/articles.jsonl`` (seven English datasets, 2016-2018): their own labels.
- SheepDog (PolitiFact articles rated *real*, and GPT-3.5 rewrites of each): the originals are
  ``credible``; the *sensational* and *emotionally triggering* rewrites are ``not_credible`` (a real story
  retold to inflame). The *objective* and *neutral* rewrites carry no label: a faithful machine rewrite is
  neither; they are only scored, to see where they land.
- LLMFake: the six *information manipulation* generations (fabrication, false context, outdated or
  incomplete facts, ambiguity, unsubstantiated content) are ``not_credible``. Its human articles carry no
  veracity, so they are not labelled; they are the originals of the pairwise check.
- L2R's human BBC articles and CLIN33's English human articles are ``credible`` (professional news).
- Dutch is never trained on: DPG Media 2019 and CLIN33's Dutch human news only measure how often real
  Dutch journalism is called low credibility, which keeps that figure honest.

Rows are split by story (a SheepDog or LLMFake original stays with its rewrites) with the same groups and
hash as the AI model's split, so on held-out rows the AI probability is not the AI model's training data.
Each (dataset, class) cell carries the same total weight, so no dataset decides alone what credible means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from credibility.models.card import make_table
from credibility.models.credibility_task import (
    AI_PROBABILITY,
    FEATURE_NAMES,
    expert_vectors,
    monotonic_vector,
)
from credibility.models.features import featurize_texts
from credibility.models.metrics import auroc
from credibility.models.scorer import AI_MODEL_FILE, load_default_scorer, model_matrix
from credibility.models.split import data_fingerprint, is_test_group
from credibility.models.training import Fitted, fit_binary
from experiments.data import MIN_WORDS, read_jsonl, repair_conversion_artefacts, shared_dir

SEED = 13
TARGET_FPR = 0.08  # share of held-out-fold credible English news the verdict 'low credibility' may hit
CLASSES = ("credible", "not_credible")
PAIR_STYLES = ("rewrite:sensational", "rewrite:emotionally_triggering", "rewrite:objective", "rewrite:neutral",
               "information_manipulation")


@dataclass
class CredSet:
    df: pd.DataFrame
    X: np.ndarray  # every registered feature plus the AI probability (last column)
    names: list[str]

    @property
    def labelled(self) -> np.ndarray:
        return self.df["label"].isin(CLASSES).to_numpy()

    @property
    def train(self) -> np.ndarray:
        return self.labelled & self.df["lang"].eq("en").to_numpy() & self.df["split"].eq("train").to_numpy()

    @property
    def test(self) -> np.ndarray:
        return self.labelled & self.df["lang"].eq("en").to_numpy() & self.df["split"].eq("test").to_numpy()

    @property
    def y(self) -> np.ndarray:
        return self.df["label"].eq("not_credible").to_numpy().astype(int)

    def columns(self, names: tuple[str, ...] = FEATURE_NAMES) -> np.ndarray:
        index = {n: i for i, n in enumerate(self.names)}
        return self.X[:, [index[n] for n in names]]


def _row(id_: str, text: str, label: str | None, dataset: str, group: str, role: str, lang: str = "en",
         title: str | None = None, extra: str | None = None) -> dict:
    return {"id": id_, "text": text, "label": label, "dataset": dataset, "group": group, "role": role, "lang": lang,
            "title": title, "extra": extra}


def credibility_frame() -> pd.DataFrame:
    """Every row with its label (or None: scored only), dataset, story group, role and split."""
    base = shared_dir()
    rows: list[dict] = []
    for r in read_jsonl(base / "credibility" / "articles.jsonl"):
        text = r.get("text") or ""
        story = r["id"]
        if r.get("dataset") == "fakenewsamt":
            text = repair_conversion_artefacts(text)
            story = re.sub(r"\.(legit|fake)$", "", story)
        rows.append(_row(r["id"], text, r["label"], r["dataset"], f"cred-{story}", "article", title=r.get("title")))
    for r in read_jsonl(base / "ai_text" / "sheepdog_politifact.jsonl"):
        task = r.get("task") or "original"
        label = "credible" if r["label"] == "human" else (
            "not_credible" if task in ("rewrite:sensational", "rewrite:emotionally_triggering") else None)
        rows.append(_row(r["id"], r["text"], label, "sheepdog", f"sheepdog_politifact-en-{r['group']}", task))
    for r in read_jsonl(base / "ai_text" / "llmfake.jsonl"):
        task = r.get("task") or "original"
        if r["label"] == "human" or task.startswith("information_manipulation"):
            label = None if r["label"] == "human" else "not_credible"
            role = "original" if r["label"] == "human" else "information_manipulation"
            rows.append(_row(r["id"], r["text"], label, "llmfake-manipulation", f"llmfake-en-{r['group']}", role,
                             extra=task))
    for r in read_jsonl(base / "ai_text" / "l2r_news.jsonl"):
        if r["label"] == "human":
            rows.append(_row(r["id"], r["text"], "credible", "l2r-bbc", f"l2r_news-en-{r['group']}", "original"))
    for lang in ("en", "nl"):
        for r in read_jsonl(base / "ai_text" / f"clin33_{lang}_news.jsonl"):
            if r["label"] == "human":
                rows.append(_row(r["id"], r["text"], "credible" if lang == "en" else None, f"clin33-{lang}",
                                 f"clin33_{lang}_news-{lang}-{r['group']}", "original", lang=lang))
    for r in read_jsonl(base / "news_nl" / "dpgmedia2019.jsonl"):
        rows.append(_row(r["id"], r.get("text") or "", None, "dpgmedia2019", f"dpg-{r['id']}", "original", lang="nl",
                         title=r.get("title"), extra=r.get("publisher")))
    df = pd.DataFrame(rows)
    df = df[df["text"].str.split().str.len() >= MIN_WORDS]
    df = df.drop_duplicates(subset="text", keep="first").reset_index(drop=True)
    df["split"] = np.where(is_test_group(df["group"]), "test", "train")
    return df


def load(progress: Callable[[int], None] | None = None, n_jobs: int = 2, rows: np.ndarray | None = None,
         models: Path | None = None) -> CredSet:
    """The frame (only ``rows`` of it, when given), its features (cached) and the AI model's probability for
    every row: the AI model of ``models`` when that folder has one, else the shipped one."""
    df = credibility_frame()
    if rows is not None:
        df = df[rows].reset_index(drop=True)
    X, names = featurize_texts(df["text"].tolist(), None, None, progress=progress, n_jobs=n_jobs)
    ai_here = models is not None and (models / AI_MODEL_FILE).exists()
    scorer = load_default_scorer(models if ai_here else None)
    if scorer is None or scorer.ai_model is None:
        raise RuntimeError("the credibility model stacks the AI model's probability: models/ai_generated.npz is needed")
    ai = scorer.ai_model
    p = ai.predict_proba(model_matrix(ai, X, names, df["text"].tolist()))
    return CredSet(df, np.column_stack([X, p]), [*names, AI_PROBABILITY])


def weights(df: pd.DataFrame) -> np.ndarray:
    """Each (dataset, class) cell the same total weight; then both classes the same total."""
    cell = df.groupby(["dataset", "label"])["text"].transform("size").to_numpy(dtype=float)
    w = 1.0 / cell
    y = df["label"].eq("not_credible").to_numpy()
    for c in (False, True):
        m = y == c
        if m.any():
            w[m] *= len(y) / 2 / w[m].sum()
    return w


def fit(data: CredSet, rows: np.ndarray, *, names: tuple[str, ...] = FEATURE_NAMES, seed: int = SEED,
        tick: Callable[[], None] | None = None, monotonic: list[int] | None = None) -> Fitted:
    """The shipped recipe fitted on ``rows``: monotone one-feature trees plus the expert terms.
    ``monotonic`` overrides the directions (studies of columns credibility_task does not list)."""
    df = data.df[rows]
    prior_w, prior_r = expert_vectors(names)
    return fit_binary(
        data.columns(names)[rows], data.y[rows], df["group"].to_numpy(), list(names), name="credibility",
        task="credibility", classes=CLASSES, candidates=("gam",), sample_weight=weights(df),
        target_fpr=TARGET_FPR, seed=seed, tick=tick,
        monotonic=monotonic_vector(names) if monotonic is None else monotonic,
        prior_weight=prior_w, prior_reference=prior_r,
    )


def fingerprint(data: CredSet, rows: np.ndarray) -> str:
    return data_fingerprint(data.df["text"][rows], data.df["label"][rows])


# ------------------------------------------------------------------------------------ evaluation ----

def prob(model, data: CredSet) -> np.ndarray:
    """P(not credible) of every row under ``model`` (its own feature order)."""
    return model.predict_proba(data.columns(tuple(model.feature_names)))


def heldout_rows(data: CredSet, p: np.ndarray, threshold: float) -> list[dict]:
    """Held-out AUROC and error rates, overall and per dataset."""
    out = []
    test = data.test
    for name, m in [("all English held-out", test), *((d, test & data.df["dataset"].eq(d).to_numpy())
                                                       for d in sorted(data.df.loc[test, "dataset"].unique()))]:
        y = data.y[m]
        flagged = p[m] >= threshold
        out.append({
            "set": name, "articles": int(m.sum()),
            "AUROC": round(auroc(y, p[m]), 3) if 0 < y.sum() < len(y) else None,
            "credible called low": round(float(flagged[y == 0].mean()), 3) if (y == 0).any() else None,
            "not credible caught": round(float(flagged[y == 1].mean()), 3) if (y == 1).any() else None,
        })
    return out


def dutch_rows(data: CredSet, p: np.ndarray, threshold: float) -> list[dict]:
    """How much real Dutch journalism is called low credibility (no Dutch row is ever trained on)."""
    df = data.df
    nl = df["lang"].eq("nl").to_numpy() & df["role"].eq("original").to_numpy()
    out = [{"set": "Dutch human news (all)", "articles": int(nl.sum()),
            "called low": round(float((p[nl] >= threshold).mean()), 3),
            "median score": round(float(np.median(100 * (1 - p[nl]))), 1)}]
    pub = df["extra"].fillna("(no publisher)")
    for name in ("vk", "trouw", "parool", "ad"):
        m = nl & df["dataset"].eq("dpgmedia2019").to_numpy() & pub.eq(name).to_numpy()
        if m.any():
            out.append({"set": f"DPG 2019 {name}", "articles": int(m.sum()),
                        "called low": round(float((p[m] >= threshold).mean()), 3),
                        "median score": round(float(np.median(100 * (1 - p[m]))), 1)})
    m = nl & df["dataset"].eq("clin33-nl").to_numpy()
    out.append({"set": "CLIN33 Dutch human", "articles": int(m.sum()),
                "called low": round(float((p[m] >= threshold).mean()), 3),
                "median score": round(float(np.median(100 * (1 - p[m]))), 1)})
    return out


def pair_rows(data: CredSet, p: np.ndarray, *, heldout_only: bool = True) -> list[dict]:
    """For each original and its machine rewrite (same story group), how often the rewrite scores lower."""
    df = data.df
    keep = df["split"].eq("test").to_numpy() if heldout_only else np.ones(len(df), bool)
    originals = {g: p[i] for i, g in enumerate(df["group"]) if keep[i] and df["role"].iat[i] == "original"
                 and df["dataset"].iat[i] in ("sheepdog", "llmfake-manipulation")}
    out = []
    for style in PAIR_STYLES:
        m = keep & df["role"].eq(style).to_numpy()
        wins = [p[i] > originals[g] for i, g in zip(np.flatnonzero(m), df["group"][m], strict=True) if g in originals]
        if wins:
            out.append({"pair": f"original vs {style}", "pairs": len(wins),
                        "rewrite scores lower": round(float(np.mean(wins)), 3)})
    return out


def leave_one_dataset_out(data: CredSet, *, names: tuple[str, ...] = FEATURE_NAMES,
                          baseline: Callable | None = None, tick: Callable[[str], None] | None = None) -> list[dict]:
    """Refit without one dataset at a time (all its rows, both splits) and score that dataset."""
    out = []
    labelled_en = data.labelled & data.df["lang"].eq("en").to_numpy()
    for dataset in sorted(data.df.loc[labelled_en, "dataset"].unique()):
        if tick:
            tick(dataset)
        held = labelled_en & data.df["dataset"].eq(dataset).to_numpy()
        train = labelled_en & ~held
        fitted = fit(data, train, names=names)
        p = prob(fitted.model, data)[held]
        y = data.y[held]
        row = {"left out": dataset, "articles": int(held.sum()),
               "AUROC": round(auroc(y, p), 3) if 0 < y.sum() < len(y) else None,
               "called low": round(float((p >= fitted.model.threshold).mean()), 3)}
        if baseline is not None:
            b = baseline(data, train, held)
            row["TF-IDF AUROC"] = round(auroc(y, b), 3) if 0 < y.sum() < len(y) else None
        out.append(row)
    return out


def tfidf_baseline(data: CredSet, train: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The bag-of-words baseline (experiments/baseline.py) on the same rows and weights: P(not credible)."""
    from experiments.baseline import fit_bow

    texts = data.df["text"].to_numpy(dtype=object)
    model = fit_bow(texts[train].tolist(), data.y[train], weights(data.df[train]), seed=SEED)
    return model.predict_proba(texts[score].tolist())[:, 1]


def reference_values(data: CredSet, rows: np.ndarray, names: tuple[str, ...] = FEATURE_NAMES) -> dict[str, float]:
    """Median of each feature over the credible training articles: 'typical credible news' in reasons."""
    credible = rows & (data.y == 0)
    return {n: round(float(np.median(data.columns((n,))[credible, 0])), 4) for n in names}


def spec_table() -> dict:
    from credibility.models.credibility_task import FEATURES

    words = {1: "never raises the score", -1: "never lowers the score", 0: "free"}

    def how(f) -> str:
        if f.expert_weight:
            above = f" above {f.expert_reference:g}" if f.expert_reference else ""
            return f"fixed: {f.expert_weight:g} log-odds towards 'not credible' per unit{above}"
        return "learned, monotone" if f.direction else "learned"

    rows = [{"feature": f.name, "more of it": words[f.direction], "how": how(f), "why": f.why} for f in FEATURES]
    return make_table("Inputs, guaranteed directions and why", rows,
                 "Directions are on the credibility score. Learned inputs are fitted by one-feature boosted trees "
                 "with monotonic constraints; expert terms are fixed because no training article carries that evidence.")


def training_summary(data: CredSet, rows: np.ndarray) -> dict:
    df = data.df[rows]
    cells = df.groupby(["dataset", "label"]).size()
    return {
        "fingerprint": fingerprint(data, rows),
        "rows_per_class": {k: int(v) for k, v in df["label"].value_counts().sort_index().items()},
        "notes": [
            "Which rows carry which label, and why: see experiments/credibility_model.py (module docstring).",
            *(f"{d} / {lab}: {n} rows" for (d, lab), n in cells.items()),
            "Split: 20% of story groups held out by hash, the same groups and hash as the AI model's split.",
            "Weights: every (dataset, class) cell the same total, then both classes the same total.",
            "Dutch is never trained on; its human news is scored only, to measure false alarms.",
        ],
    }


def evaluate(data: CredSet, model, *, baseline: bool = True, lodo: bool = True,
             tick: Callable[[str], None] | None = None) -> dict:
    """Every figure of the card and the OOD gate: held-out, Dutch, pairs, leave-one-dataset-out (with the
    TF-IDF baseline from the same run where it applies)."""
    p = prob(model, data)
    thr = model.threshold
    tables = [make_table("Held-out English articles (20% of stories)", heldout_rows(data, p, thr),
                    "'credible called low': share of credible articles under the 'low credibility' threshold.")]
    tables.append(make_table("Dutch human news (never trained on)", dutch_rows(data, p, thr)))
    tables.append(make_table("Machine rewrites against their originals (held-out stories)", pair_rows(data, p),
                        "Share of pairs in which the rewrite scores lower than the human original it was made from."))
    figures = {"heldout": tables[0]["rows"], "dutch": tables[1]["rows"], "pairs": tables[2]["rows"]}
    if baseline:
        train = data.train
        every = np.ones(len(data.df), bool)
        b = tfidf_baseline(data, train, every)
        b_thr = float(np.quantile(b[train & (data.y == 0)], 1 - TARGET_FPR))
        rows = []
        for name, ours, theirs in (("held-out AUROC", heldout_rows(data, p, thr)[0]["AUROC"],
                                     heldout_rows(data, b, b_thr)[0]["AUROC"]),
                                    ("Dutch human news called low", dutch_rows(data, p, thr)[0]["called low"],
                                     dutch_rows(data, b, b_thr)[0]["called low"])):
            rows.append({"figure": name, "credibility model": ours, "TF-IDF + LR": theirs})
        for ours, theirs in zip(pair_rows(data, p), pair_rows(data, b), strict=True):
            rows.append({"figure": f"{ours['pair']}: rewrite lower", "credibility model": ours["rewrite scores lower"],
                         "TF-IDF + LR": theirs["rewrite scores lower"]})
        tables.append(make_table("Against the bag-of-words baseline (same rows, weights and run)", rows,
                            "TF-IDF word 1-2-grams + logistic regression; its threshold also at 8% of credible "
                            "training articles (in-sample for the baseline, which flatters it)."))
        figures["baseline"] = rows
    if lodo:
        rows = leave_one_dataset_out(data, baseline=tfidf_baseline if baseline else None, tick=tick)
        tables.append(make_table("Leave one dataset out", rows,
                            "Refitted without every row of that dataset, then scored on all of them. 'called low': "
                            "share under the refitted model's threshold (for one-class sets the only figure)."))
        figures["lodo"] = rows
    tables.append(spec_table())
    return {"tables": tables, "figures": figures}


def language_validation(figures: dict) -> dict[str, str | None]:
    """Per language, None when the score is validated, or the caveat printed with every score (scorer.py)."""
    dutch = figures["dutch"][0]
    return {
        "en": None,
        "nl": f"Dutch is validated for false alarms only ({dutch['called low']:.0%} of {dutch['articles']} real Dutch "
              "news articles called low credibility); no labelled low-credibility Dutch articles exist to measure "
              "detection",
    }


def headline(data: CredSet, model) -> dict:
    from credibility.models.metrics import binary_metrics, card_curves

    p = prob(model, data)
    t = data.test
    m = binary_metrics(data.y[t], p[t], model.threshold, TARGET_FPR)
    dutch = dutch_rows(data, p, model.threshold)[0]
    pairs = {r["pair"]: r["rewrite scores lower"] for r in pair_rows(data, p)}
    metrics = {"held_out_auroc": m["auroc"], "held_out_accuracy": m["accuracy"], "held_out_ece": m["ece"],
               "held_out_credible_called_low": float((p[t & (data.y == 0)] >= model.threshold).mean()),
               "dutch_human_news_called_low": dutch["called low"],
               **{f"pairs {k}": v for k, v in pairs.items()}}
    order = np.argsort(-np.abs(model.explain_coef))
    return {"metrics": metrics, **card_curves(data.y[t], p[t]),
            "feature_importances": {model.feature_names[j]: round(float(model.explain_coef[j]), 4) for j in order}}
