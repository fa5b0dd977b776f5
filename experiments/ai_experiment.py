"""How the shipped ``ai_generated`` model is trained and evaluated (used by the training script, the
benchmark and the notebook, so all three report the same numbers).

Design, in short (details and reasons in models/README.md):

- data: ``ai_text/`` (cleaned, see data.py) plus all human articles in ``credibility/`` and ``news_nl/``;
- held out: 20% of article groups (split.py), plus one whole generator family (``LEFT_OUT_FAMILY``)
  that the shipped model never sees;
- weights: each (source, class) cell weighted by 1/sqrt(size), classes equalised, so the big
  continuation sets do not dominate and varied human journalism counts;
- threshold: 1% false-positive rate on out-of-fold scores of human *news* in the training split.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from credibility.models.bundle import TrainedModel
from credibility.models.card import make_table
from credibility.models.features import featurize_texts
from credibility.models.metrics import auroc, threshold_for_fpr, tpr_at_fpr
from credibility.models.split import data_fingerprint, is_test_group
from credibility.models.training import (
    Fitted,
    _standardise,
    fit_binary,
    folds,
    make_estimator,
    scaling,
    with_wording,
)
from experiments.data import load_ai_text, load_human_news

SEED = 13
TARGET_FPR = 0.01
LEFT_OUT_FAMILY = "Gemini-1.5-Pro"
# The stacked wording model reads masked text (function words, word shapes, punctuation): how a text is
# built, not its topic (#20; experiments/ai_wording_study.py compares the views).
WORDING_VIEW = "masked"
# Layout-dependent features: Fast-DetectGPT human texts have no paragraph breaks, its machine texts do.
EXCLUDED_FEATURES = ("style.paragraph_length_mean", "boilerplate.boilerplate_paragraph_share")
NON_NEWS_DOMAINS = ("fastdetect-writing", "fastdetect-squad", "fastdetect-pubmed")

FAMILY = {
    "chatgpt_3.5": "gpt-3.5-turbo",
    "llama2_7b": "llama-2",
    "llama2_13b": "llama-2",
    "llama2_70b": "llama-2",
    "vicuna-v1.3_7b": "vicuna",
    "vicuna-v1.3_13b": "vicuna",
    "vicuna-v1.3_33b": "vicuna",
}


@dataclass
class AiData:
    df: pd.DataFrame
    X: np.ndarray
    names: list[str]
    test: np.ndarray = field(init=False)
    human_news: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.test = self.df["split"].eq("test").to_numpy()
        self.human_news = (self.df["y"].eq(0) & ~self.df["domain"].isin(NON_NEWS_DOMAINS)).to_numpy()


def ai_frame() -> pd.DataFrame:
    """The labelled table (no features): ai_text/ plus human news, de-duplicated, with family and split."""
    df = pd.concat([load_ai_text(), load_human_news()], ignore_index=True)
    df = df.drop_duplicates(subset="text", keep="first").reset_index(drop=True)
    df["family"] = df["generator"].map(lambda g: FAMILY.get(g, g))
    df["split"] = np.where(is_test_group(df["group"]), "test", "train")
    return df


def load_ai_data(progress: Callable[[int], None] | None = None, n_jobs: int = 2,
                 rows: np.ndarray | None = None) -> AiData:
    """The labelled table and its feature matrix (cached in artifacts/); ``rows`` keeps only those rows."""
    df = ai_frame()
    if rows is not None:
        df = df[rows].reset_index(drop=True)
    X, names = featurize_texts(df["text"].tolist(), None, None, progress=progress, n_jobs=n_jobs)
    keep = [i for i, n in enumerate(names) if n not in EXCLUDED_FEATURES]
    return AiData(df, X[:, keep], [names[i] for i in keep])


def sample_weights(df: pd.DataFrame, by: str = "source") -> np.ndarray:
    """1/sqrt(cell size) per (``by``, class), then each class rescaled to the same total."""
    cell = df.groupby([by, "y"])["text"].transform("size").to_numpy(dtype=float)
    w = 1.0 / np.sqrt(cell)
    y = df["y"].to_numpy()
    for c in (0, 1):
        m = y == c
        if m.any():
            w[m] *= len(y) / 2 / w[m].sum()
    return w


def train_mask(data: AiData, left_out: str | None = LEFT_OUT_FAMILY) -> np.ndarray:
    m = ~data.test
    if left_out:
        m &= data.df["family"].ne(left_out).to_numpy()
    return m


def mean_generator_auroc(df: pd.DataFrame, human_news: np.ndarray, scores: np.ndarray) -> float:
    """Mean over generator families of AUROC(family's machine texts vs human news): the selection score."""
    neg = scores[human_news]
    values = []
    for _fam, idx in df[df["y"].eq(1)].groupby("family").groups.items():
        pos = scores[np.asarray(list(idx))]
        values.append(auroc(np.r_[np.zeros(len(neg)), np.ones(len(pos))], np.r_[neg, pos]))
    return float(np.nanmean(values))


def train_ai_model(data: AiData, *, left_out: str | None = LEFT_OUT_FAMILY, seed: int = SEED,
                   tick: Callable[[], None] | None = None) -> tuple[Fitted, np.ndarray]:
    """Fit the shipped model on the training split (minus the left-out family); returns it and its mask."""
    m = train_mask(data, left_out)
    df = data.df[m].reset_index(drop=True)
    hn = data.human_news[m]
    fitted = fit_binary(
        data.X[m], df["y"].to_numpy(), df["group"].to_numpy(), data.names,
        name="ai_generated", task="ai_generated", classes=("human", "machine"),
        sample_weight=sample_weights(df), target_fpr=TARGET_FPR, threshold_mask=hn,
        select=lambda raw: mean_generator_auroc(df, hn, raw), seed=seed, tick=tick, texts=df["text"].tolist(),
        langs=df["lang"].tolist(), wording_view=WORDING_VIEW,
    )
    return fitted, m


# --------------------------------------------------------------------------- evaluation helpers ----
class Bow:
    """The baseline #20 names: TF-IDF word 1-2-grams + character 3-5-grams, logistic regression, on the
    same rows and weights; vocabulary fitted once on the training split."""

    def __init__(self, data: AiData, seed: int = SEED) -> None:
        self.word = TfidfVectorizer(ngram_range=(1, 2), min_df=5, max_features=50_000, sublinear_tf=True)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=5, max_features=100_000,
                                    sublinear_tf=True)
        texts = data.df["text"].tolist()
        train_texts = [t for t, tr in zip(texts, ~data.test, strict=True) if tr]
        self.word.fit(train_texts)
        self.char.fit(train_texts)
        self.M = self.transform(texts)
        self.seed = seed
        self.last: LogisticRegression | None = None

    def transform(self, texts: list[str]):
        return hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()

    @staticmethod
    def classifier() -> LogisticRegression:
        return LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", max_iter=1000)

    def scores(self, data: AiData, train: np.ndarray) -> np.ndarray:
        df = data.df[train]
        lr = self.classifier()
        lr.fit(self.M[train], df["y"].to_numpy(), sample_weight=sample_weights(df.reset_index(drop=True)))
        self.last = lr
        return lr.decision_function(self.M)

    def oof_threshold(self, data: AiData, train: np.ndarray, target_fpr: float = TARGET_FPR) -> float:
        idx = np.flatnonzero(train)
        df = data.df.iloc[idx].reset_index(drop=True)
        y = df["y"].to_numpy()
        raw = np.zeros(len(idx))
        for tr, te in folds(y, df["group"].to_numpy(), 5, self.seed):
            lr = self.classifier()
            lr.fit(self.M[idx[tr]], y[tr], sample_weight=sample_weights(df.iloc[tr].reset_index(drop=True)))
            raw[te] = lr.decision_function(self.M[idx[te]])
        neg = (y == 0) & data.human_news[idx]
        return threshold_for_fpr(raw[neg], target_fpr)


def refit_scores(kind: str, data: AiData, train: np.ndarray, seed: int = SEED, wording: bool = True) -> np.ndarray:
    """Raw scores for every row from a model of ``kind`` fitted on ``train`` rows only (its wording
    feature too: nothing outside ``train`` is seen, so a left-out generator stays unseen)."""
    df = data.df[train].reset_index(drop=True)
    w = sample_weights(df)
    X = data.X  # noqa: N806
    if wording:
        full_w = np.zeros(len(data.df))
        full_w[train] = w
        X = with_wording(X, data.df["text"].tolist(), data.df["y"].to_numpy(), train,  # noqa: N806
                         data.df["group"].to_numpy(), full_w, seed, langs=data.df["lang"].tolist(),
                         view=WORDING_VIEW)[0]
    mean, scale = scaling(X[train])
    est = make_estimator(kind, seed)
    est.fit(_standardise(X[train], mean, scale), df["y"].to_numpy(), sample_weight=w)
    return np.asarray(est.decision_function(_standardise(X, mean, scale)), dtype=np.float64)


def _pair(scores: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> tuple[float, float]:
    y = np.r_[np.zeros(neg.sum()), np.ones(pos.sum())]
    s = np.r_[scores[neg], scores[pos]]
    return auroc(y, s), tpr_at_fpr(y, s, TARGET_FPR)


def evaluate_ai(data: AiData, model: TrainedModel, model_train: np.ndarray, *, bow: Bow | None = None,
                generalisation: bool = True, tick: Callable[[str], None] | None = None) -> dict:
    """All held-out tables for the card; ``bow`` adds the baseline beside each figure."""
    df = data.df
    prob = model.predict_proba(_columns(data, model))
    y = df["y"].to_numpy()
    test = data.test
    unseen_family = df["family"].eq(LEFT_OUT_FAMILY).to_numpy() if LEFT_OUT_FAMILY else np.zeros(len(df), bool)
    news_neg = test & data.human_news
    bow_s = bow.scores(data, model_train) if bow else None
    bow_thr = bow.oof_threshold(data, model_train) if bow else None
    tables = []

    rows = []
    for fam in sorted(df.loc[df["y"].eq(1), "family"].unique()):
        is_fam = df["family"].eq(fam).to_numpy() & (y == 1)
        pos = is_fam & (test | unseen_family)
        row = {"generator": fam + (" (left out of training)" if fam == LEFT_OUT_FAMILY else ""),
               "n_machine": int(pos.sum()), "n_human": int(news_neg.sum())}
        row["auroc"], row["tpr@1%fpr"] = _pair(prob, pos, news_neg)
        row["tpr@threshold"] = float((prob[pos] >= model.threshold).mean()) if pos.any() else float("nan")
        if bow:
            row["bow_auroc"], row["bow_tpr@1%fpr"] = _pair(bow_s, pos, news_neg)
        rows.append(row)
    tables.append(make_table("Per generator (held-out groups; negatives: held-out human news)", rows,
                         "Machine texts of held-out article groups (all texts of the left-out family) against "
                         "the held-out human news articles. TPR@1%FPR uses a threshold set on those negatives; "
                         "TPR@threshold uses the shipped threshold."))

    rows = []
    for dom in sorted(df["domain"].unique()):
        d = df["domain"].eq(dom).to_numpy() & test
        pos, neg = d & (y == 1), d & (y == 0)
        row = {"domain": dom, "n_machine": int(pos.sum()), "n_human": int(neg.sum()),
               "fpr@threshold": float((prob[neg] >= model.threshold).mean()) if neg.any() else float("nan")}
        if pos.any() and neg.any():
            row["auroc"], row["tpr@1%fpr"] = _pair(prob, pos, neg)
            if bow:
                row["bow_auroc"], row["bow_tpr@1%fpr"] = _pair(bow_s, pos, neg)
        if bow and neg.any():
            row["bow_fpr@threshold"] = float((bow_s[neg] >= bow_thr).mean())
        rows.append(row)
    tables.append(make_table("Per domain (held-out groups; machine vs the same domain's human texts)", rows))

    rows = []
    for name, mask in _human_sets(df):
        neg = mask & test & (y == 0)
        if not neg.any():
            continue
        row = {"human set": name, "n": int(neg.sum()), "fpr@threshold": float((prob[neg] >= model.threshold).mean()),
               "fpr@p>=0.5": float((prob[neg] >= 0.5).mean())}
        if bow:
            row["bow_fpr@threshold"] = float((bow_s[neg] >= bow_thr).mean())
        rows.append(row)
    tables.append(make_table(f"False-positive rate on held-out human text at the shipped threshold ({model.threshold:.3f})",
                         rows, "The baseline uses its own threshold, chosen the same way (1% FPR on out-of-fold "
                         "human news)."))

    if generalisation:
        tables += _generalisation(data, model.kind, bow, tick, wording=model.wording is not None)
    return {"tables": tables, "threshold": model.threshold, "bow_threshold": bow_thr}


def _columns(data: AiData, model: TrainedModel) -> np.ndarray:
    """The data's feature columns in the model's order (a missing feature is set to its training mean)."""
    return model.columns(data.X, data.names, data.df["text"].tolist())


def _human_sets(df: pd.DataFrame):
    yield "English human news (credibility/, all)", df["source"].eq("credibility").to_numpy()
    for ds in sorted(df.loc[df["source"].eq("credibility"), "dataset"].dropna().unique()):
        yield f"  credibility/{ds}", (df["source"].eq("credibility") & df["dataset"].eq(ds)).to_numpy()
    yield "Dutch human news (news_nl/dpgmedia2019)", df["source"].eq("news_nl").to_numpy()
    for src in ("clin33_en_news", "clin33_nl_news", "l2r_news", "sheepdog_politifact", "llmfake"):
        yield f"{src} human", df["source"].eq(src).to_numpy()
    yield "fastdetect-xsum human (BBC)", df["domain"].eq("fastdetect-xsum").to_numpy()


GENERALISATION_PARTS = ("generators", "domains", "languages")


def _generalisation(data: AiData, kind: str, bow: Bow | None, tick, wording: bool = True,
                    parts: tuple[str, ...] = GENERALISATION_PARTS) -> list[dict]:
    """Leave-one-out tables: each generator family, each machine domain, and all Dutch text left out of
    training in turn (``parts`` picks which; each refit costs a full fit with its wording model)."""
    df = data.df
    y = df["y"].to_numpy()
    test = data.test
    news_neg = test & data.human_news
    base_train = ~test
    tables = []

    rows = []
    for fam in sorted(df.loc[df["y"].eq(1), "family"].unique()) if "generators" in parts else []:
        if tick:
            tick(f"leave out {fam}")
        fam_rows = df["family"].eq(fam).to_numpy() & (y == 1)
        train = base_train & ~fam_rows
        s = refit_scores(kind, data, train, wording=wording)
        row = {"left-out generator": fam, "n_machine": int(fam_rows.sum())}
        row["auroc"], row["tpr@1%fpr"] = _pair(s, fam_rows, news_neg)
        if bow:
            row["bow_auroc"], row["bow_tpr@1%fpr"] = _pair(bow.scores(data, train), fam_rows, news_neg)
        rows.append(row)
    if rows:
        tables.append(make_table("Leave one generator out (all its texts unseen; negatives: held-out human news)", rows))

    rows = []
    machine_domains = sorted(df.loc[df["y"].eq(1), "domain"].unique()) if "domains" in parts else []
    for dom in machine_domains:
        if tick:
            tick(f"leave out {dom}")
        d = df["domain"].eq(dom).to_numpy()
        train = base_train & ~d
        s = refit_scores(kind, data, train, wording=wording)
        pos, neg = d & (y == 1), d & (y == 0)
        row = {"left-out domain": dom, "n_machine": int(pos.sum()), "n_human": int(neg.sum())}
        row["auroc"], row["tpr@1%fpr"] = _pair(s, pos, neg)
        if bow:
            row["bow_auroc"], row["bow_tpr@1%fpr"] = _pair(bow.scores(data, train), pos, neg)
        rows.append(row)
    if rows:
        tables.append(make_table("Leave one domain out (the whole domain unseen; machine vs its own human texts)", rows))
    if "languages" not in parts:
        return tables
    if tick:
        tick("English only -> Dutch")
    nl = df["lang"].eq("nl").to_numpy()
    train = base_train & ~nl
    s = refit_scores(kind, data, train, wording=wording)
    b = bow.scores(data, train) if bow else None
    rows = []
    for name, neg in (("clin33 nl human", nl & df["source"].eq("clin33_nl_news").to_numpy() & (y == 0)),
                      ("news_nl human", nl & df["source"].eq("news_nl").to_numpy())):
        pos = nl & (y == 1)
        row = {"negatives": name, "n_machine": int(pos.sum()), "n_human": int(neg.sum())}
        row["auroc"], row["tpr@1%fpr"] = _pair(s, pos, neg)
        if b is not None:
            row["bow_auroc"], row["bow_tpr@1%fpr"] = _pair(b, pos, neg)
        rows.append(row)
    tables.append(make_table("Across languages: trained without any Dutch text, tested on Dutch (CLIN33 GPT-4/Vicuna)",
                         rows))
    return tables


def training_summary(data: AiData, mask: np.ndarray) -> dict:
    df = data.df[mask]
    return {
        "fingerprint": data_fingerprint(df["text"], df["label"]),
        "rows_per_class": {k: int(v) for k, v in df["label"].value_counts().sort_index().items()},
        "notes": [
            "ai_text/ (Fast-DetectGPT, CLIN33 en/nl, L2R, SheepDog, LLMFake) plus every human article in "
            "credibility/ and news_nl/ (pre-2020 journalism) as human examples",
            "Fast-DetectGPT: each human article kept once; the opening the machine text shares with it "
            "(~30 tokens, to the end of that sentence) dropped from both, and the unfinished last sentence "
            "dropped from both",
            f"held out: article groups hashing into the 20% test share, and every text of {LEFT_OUT_FAMILY}",
            "weights: 1/sqrt(rows) per (source, class), classes equalised",
            f"excluded layout features: {', '.join(EXCLUDED_FEATURES)}",
        ],
    }


# --------------------------------------------------------------------- thresholds per human genre ----
POSSIBLY_FPR = 0.05
# Under this many words the rates and ratios are noise (and 38% of short PubMed answers were flagged by the
# old model): the score is shown, the verdict is withheld.
MIN_WORDS_FOR_VERDICT = 80
MIN_GENRE_ROWS = 40  # a genre needs this many threshold-half texts to set a 1% threshold on it


@dataclass
class GenreData:
    """Human text of genres outside the training data (data.load_human_genres), featurised; rows whose
    group hashes into the test share are the reporting half, the rest set thresholds."""

    df: pd.DataFrame
    X: np.ndarray
    names: list[str]

    @property
    def report(self) -> np.ndarray:
        return is_test_group(self.df["group"])


def load_genres(names: list[str], progress: Callable[[int], None] | None = None, n_jobs: int = 2,
                report_only: bool = False) -> GenreData:
    """The outside genres, featurised (``report_only``: just their reporting half, as the gate test needs)."""
    from experiments.data import load_human_genres

    df = load_human_genres()
    if report_only:
        df = df[is_test_group(df["group"])].reset_index(drop=True)
    X, all_names = featurize_texts(df["text"].tolist(), None, None, progress=progress, n_jobs=n_jobs)
    pos = {n: i for i, n in enumerate(all_names)}
    return GenreData(df, X[:, [pos[n] for n in names]], list(names))


NEWS, OTHER = "news", "other"


def genre_groups(data: AiData, genres: GenreData) -> list[tuple[str, str, np.ndarray, str]]:
    """(genre, which frame, row mask, news or other) for every human genre: those inside the AI training data
    (their out-of-fold scores set thresholds) and the outside ones (GenreData)."""
    df = data.df
    human = df["y"].eq(0).to_numpy()
    inside = [
        ("news, English 2016-18 (7 datasets)", human & df["source"].eq("credibility").to_numpy(), NEWS),
        ("news, Dutch 2019", human & df["source"].eq("news_nl").to_numpy(), NEWS),
        ("news, BBC (XSum, L2R)", human & (df["domain"].eq("fastdetect-xsum") | df["source"].eq("l2r_news")).to_numpy(),
         NEWS),
        ("news, PolitiFact/GossipCop/CoAID", human & df["source"].isin(["llmfake", "sheepdog_politifact"]).to_numpy(),
         NEWS),
        ("encyclopedia (SQuAD Wikipedia)", human & df["domain"].eq("fastdetect-squad").to_numpy(), OTHER),
        ("fiction (WritingPrompts)", human & df["domain"].eq("fastdetect-writing").to_numpy(), OTHER),
    ]
    out = [(name, "ai", mask, kind) for name, mask, kind in inside]
    g = genres.df["domain"]
    out.append(("news, political 2016 (PolNeAR, 7 outlets)", "genre", g.str.startswith("political news").to_numpy(),
                NEWS))
    for name in sorted(g.unique()):
        if not name.startswith("political"):
            out.append((name, "genre", g.eq(name).to_numpy(), NEWS if name.startswith("newswire") else OTHER))
    return out


def genre_thresholds(data: AiData, genres: GenreData, model: TrainedModel, oof_prob: np.ndarray,
                     train: np.ndarray) -> dict:
    """The shipped thresholds: 'likely' keeps every *news* genre's false-positive rate at or under 1% (the
    highest of the news genres' 1% thresholds, each set on out-of-fold scores or on the genre's threshold
    half), 'possibly' flags 5% of human news (out-of-fold, training split). Every genre's 1% threshold is
    returned too: the other genres (encyclopedia, fiction, biomedical, transcripts) would need a line so high
    that almost no machine news is flagged (0.994 with them: 8% of held-out GPT-3.5 news), so their rates
    are reported instead of met."""
    prob_train = np.full(len(data.df), np.nan)
    prob_train[train] = oof_prob
    genre_prob = model.predict_proba(model.columns(genres.X, genres.names, genres.df["text"].tolist()))
    per_genre = {}
    for name, frame, mask, kind in genre_groups(data, genres):
        p = prob_train[mask & train] if frame == "ai" else genre_prob[mask & ~genres.report]
        p = p[~np.isnan(p)]
        if len(p) >= MIN_GENRE_ROWS:
            per_genre[name] = (threshold_for_fpr(p, TARGET_FPR), len(p), kind)
    likely = max(t for t, _, kind in per_genre.values() if kind == NEWS)
    news = prob_train[train & data.human_news]
    possibly = min(threshold_for_fpr(news[~np.isnan(news)], POSSIBLY_FPR), likely)
    return {"likely": likely, "possibly": possibly, "per_genre": per_genre, "genre_prob": genre_prob}


def genre_table(data: AiData, genres: GenreData, model: TrainedModel, thresholds: dict,
                bow_scores: tuple[np.ndarray, np.ndarray, float] | None = None) -> dict:
    """False-positive rate per human genre on held-out text (the test share of the training corpora, the
    reporting half of the outside genres) at both shipped thresholds."""
    prob = model.predict_proba(_columns(data, model))
    genre_prob = thresholds["genre_prob"]
    rows = []
    for name, frame, mask, kind in genre_groups(data, genres):
        held = mask & (data.test if frame == "ai" else genres.report)
        p = (prob if frame == "ai" else genre_prob)[held]
        if not len(p):
            continue
        words = (data.df if frame == "ai" else genres.df)["text"][held].str.split().str.len()
        row = {"human genre": name, "kind": kind, "n": int(len(p)), "median words": int(words.median()),
               "fpr@likely": float((p >= thresholds["likely"]).mean()),
               "fpr@possibly": float((p >= thresholds["possibly"]).mean())}
        if bow_scores is not None:
            s_ai, s_genre, thr = bow_scores
            row["bow_fpr@1%news"] = float(((s_ai if frame == "ai" else s_genre)[held] >= thr).mean())
        rows.append(row)
    return make_table(
        f"False-positive rate per human genre on held-out text (likely >= {thresholds['likely']:.3f}, "
        f"possibly >= {thresholds['possibly']:.3f})", rows,
        "The 'likely' line is set on the news genres (1% each); the other genres are reported, not met. "
        "Genres inside the training data are scored on their held-out test share; the outside genres (PolNeAR "
        "political news, FactBank newswire, Szeged Wikipedia and biomedical text, ClaimBuster debate "
        "transcripts) were never trained on, and are scored on their reporting half (the other half set the "
        "thresholds). The baseline uses a threshold at 1% FPR on out-of-fold human news.")
