"""Measurement study for issue #13: do topic-light editorial features lift leave-one-dataset-out AUROC?

Three groups of extra inputs are added to the shipped recipe's inputs (credibility_task.FEATURE_NAMES),
each with a direction on P(not credible) an editor can check (or free):

1. ``headline.clickbait_probability`` (+1): a TF-IDF + logistic-regression headline classifier trained on
   ``headlines/clickbait.jsonl`` (minus any headline that is exactly an article title of the credibility
   frame: leakage guard), applied to each row's ``title``. Rows without a title, and non-English rows (the
   classifier is English-only; Dutch is never given an English model's opinion), get the classifier's mean
   prediction on its training headlines, i.e. "no evidence".
2. Specificity (-1 each: specific, checkable details never lower the score), per 100 words from
   ``build_document`` words, language-neutral rules: numbers (words holding a digit), date words
   (month and weekday names, en + nl), capitalised multi-word names (runs of >= 2 capitalised words that do
   not start a sentence), named places (a capitalised word right after a locative preposition, en + nl).
3. Address and register: first-person singular per 100 words (free: quotes carry 'I'), second-person per
   100 words (+1: news reports do not talk to the reader), all-caps word share (+1: shouting).

Each variant is refitted with the recipe (experiments.credibility_model.fit's logic, extra directions) and
measured like the shipped model: held-out AUROC, leave one dataset out, Dutch called low, pair figures.

    OMP_NUM_THREADS=1 python -m experiments.credibility_features_study [variant ...]

Results per variant go to artifacts/features_study/<variant>.json; with no variant, all are run and the
table printed; ``--table`` only prints the table from saved results.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from credibility.document import build_document
from credibility.models.credibility_task import FEATURE_NAMES, monotonic_vector
from credibility.models.metrics import auroc
from credibility.models.training import Fitted
from experiments import credibility_model as cm
from experiments.data import read_jsonl, shared_dir
from experiments.specificity_features import NAMES as PARTICULARS
from experiments.specificity_features import text_particulars

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "artifacts" / "features_study"

CLICKBAIT = "headline.clickbait_probability"
SPECIFICITY = ("specificity.numbers_per_100_words", "specificity.date_words_per_100_words",
               "specificity.multiword_names_per_100_words", "specificity.named_places_per_100_words")
ADDRESS = ("address.first_person_singular_per_100_words", "address.second_person_per_100_words",
           "address.all_caps_word_share")
DIRECTIONS = {CLICKBAIT: 1, **{n: -1 for n in SPECIFICITY},
              ADDRESS[0]: 0, ADDRESS[1]: 1, ADDRESS[2]: 1}
VARIANTS: dict[str, tuple[str, ...]] = {
    "shipped": (),
    "+clickbait": (CLICKBAIT,),
    "+specificity": SPECIFICITY,
    "+address": ADDRESS,
    "+all": (CLICKBAIT, *SPECIFICITY, *ADDRESS),
    "+clickbait(free)": (CLICKBAIT,),  # the same input with no direction: does the data use it at all?
}
FREE = {"+clickbait(free)"}
# Second study (2026-12-02, afternoon): particulars without date words (experiments/specificity_features.py).
VARIANTS.update({
    "+particulars": PARTICULARS,
    "+particulars -names": (PARTICULARS[0], PARTICULARS[2], PARTICULARS[3]),
    "+figures, address": (PARTICULARS[0], PARTICULARS[3]),
})
DIRECTIONS.update({PARTICULARS[0]: -1, PARTICULARS[1]: -1, PARTICULARS[2]: -1, PARTICULARS[3]: 1})

MONTHS = {  # en + nl, full and common short forms ('may'/'mei' only full: 'may' is also a modal)
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
            "yesterday", "today", "tomorrow", "gisteren", "vandaag", "morgen"}
LOCATIVE = {"in", "at", "from", "near", "outside", "across", "uit", "te", "bij", "nabij", "naar", "buiten"}
FIRST_SG = {"i", "me", "my", "mine", "myself", "ik", "mij", "mijn", "mezelf", "mijzelf"}
SECOND = {"you", "your", "yours", "yourself", "yourselves", "jij", "je", "jou", "jouw", "jullie", "u", "uw",
          "jezelf", "uzelf"}
_DIGIT = re.compile(r"\d")
_ALPHA = re.compile(r"^[^\W\d_]+$")


def _norm_title(t: str | None) -> str:
    return re.sub(r"\s+", " ", (t or "").strip().lower())


# ------------------------------------------------------------------------------ extra features ----

def text_features(text: str) -> dict[str, float]:
    """Specificity and address features of one text from build_document's words and sentences."""
    doc = build_document(text)
    n = max(doc.word_count, 1)
    words = [doc.text[s:e] for s, e in zip(doc.word_starts, doc.word_ends, strict=True)]
    lower = doc.words_lower
    starts = {s.first_word for s in doc.sentences}
    cap = [bool(w[:1].isupper()) and bool(_ALPHA.match(w)) for w in words]
    numbers = sum(bool(_DIGIT.search(w)) for w in words)
    dates = sum(w in MONTHS or w in WEEKDAYS for w in lower)
    names, run = 0, 0
    for i, c in enumerate(cap):
        if c and (i not in starts or run):
            run += 1
        else:
            names += run >= 2
            run = 1 if (c and i in starts) else 0
    names += run >= 2
    places = sum(1 for i in range(1, len(words)) if cap[i] and lower[i - 1] in LOCATIVE)
    caps = sum(len(w) >= 2 and w.isupper() and bool(_ALPHA.match(w)) for w in words)
    per100 = 100.0 / n
    return {
        SPECIFICITY[0]: numbers * per100, SPECIFICITY[1]: dates * per100,
        SPECIFICITY[2]: names * per100, SPECIFICITY[3]: places * per100,
        ADDRESS[0]: sum(w in FIRST_SG for w in lower) * per100,
        ADDRESS[1]: sum(w in SECOND for w in lower) * per100,
        ADDRESS[2]: caps / n,
    }


def clickbait_model(df: pd.DataFrame) -> tuple[object, float, dict]:
    """TF-IDF + LR on the clickbait headlines, minus exact matches of the frame's titles (leakage)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline

    heads = pd.DataFrame(read_jsonl(shared_dir() / "headlines" / "clickbait.jsonl"))
    ours = {_norm_title(t) for t in df["title"].dropna()} - {""}
    key = heads["title"].map(_norm_title)
    leak = key.isin(ours)
    info = {"headlines": len(heads), "exact title matches removed": int(leak.sum()),
            "examples": heads.loc[leak, "title"].head(5).tolist()}
    heads = heads[~leak & key.ne("")].drop_duplicates(subset="title")
    y = heads["label"].eq("clickbait").to_numpy().astype(int)

    def make():
        return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True),
                             LogisticRegression(C=2.0, max_iter=2000))

    tr, te = train_test_split(np.arange(len(heads)), test_size=0.2, random_state=cm.SEED, stratify=y)
    check = make().fit(heads["title"].iloc[tr], y[tr])
    info["clickbait held-out AUROC"] = round(auroc(y[te], check.predict_proba(heads["title"].iloc[te])[:, 1]), 4)
    model = make().fit(heads["title"], y)
    mean = float(model.predict_proba(heads["title"])[:, 1].mean())
    info["training mean"] = round(mean, 4)
    return model, mean, info


def extra_columns(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Every extra column for every row of the frame (cached by row id and text length)."""
    OUT.mkdir(parents=True, exist_ok=True)
    cache = OUT / "extras.pkl"
    key = (df["id"].astype(str) + ":" + df["text"].str.len().astype(str)).tolist()
    if cache.exists():
        saved = pd.read_pickle(cache)
        if saved["key"].tolist() == key and set(PARTICULARS) <= set(saved.columns):
            return saved.drop(columns="key"), json.loads((OUT / "extras_info.json").read_text())
    t0 = time.time()
    feats = pd.DataFrame([{**text_features(t), **text_particulars(t)} for t in df["text"]])
    print(f"text features: {time.time() - t0:.0f}s", flush=True)
    model, mean, info = clickbait_model(df)
    has_title = df["title"].fillna("").str.strip().ne("").to_numpy()
    english = df["lang"].eq("en").to_numpy()
    p = np.full(len(df), mean)
    use = has_title & english
    p[use] = model.predict_proba(df.loc[use, "title"].tolist())[:, 1]
    feats[CLICKBAIT] = p
    cov = []
    for d, g in df.assign(has=has_title, scored=use).groupby("dataset"):
        cov.append({"dataset": d, "rows": len(g), "with title": int(g["has"].sum()),
                    "without title": int((~g["has"]).sum()), "classifier applied": int(g["scored"].sum()),
                    "mean clickbait p (applied)": round(float(p[g.index[g["scored"]]].mean()), 3)
                    if g["scored"].any() else None})
    info["coverage"] = cov
    feats.assign(key=key).to_pickle(cache)
    (OUT / "extras_info.json").write_text(json.dumps(info, indent=1))
    return feats, info


# ------------------------------------------------------------------------------------- recipe ----

def fit(data: cm.CredSet, rows: np.ndarray, names: tuple[str, ...], free: bool = False) -> Fitted:
    """The shipped recipe with directions for the extra columns (none with ``free``)."""
    mono = [(0 if free else DIRECTIONS[n]) if n in DIRECTIONS else d
            for n, d in zip(names, monotonic_vector(names), strict=True)]
    return cm.fit(data, rows, names=names, monotonic=mono)


def lodo(data: cm.CredSet, names: tuple[str, ...], one_class_too: bool = False, free: bool = False) -> list[dict]:
    out = []
    labelled_en = data.labelled & data.df["lang"].eq("en").to_numpy()
    for dataset in sorted(data.df.loc[labelled_en, "dataset"].unique()):
        held = labelled_en & data.df["dataset"].eq(dataset).to_numpy()
        if one_class_too is False and data.y[held].min() == data.y[held].max():
            continue  # one-class sets have no AUROC; skipped to save time (the shipped run keeps them)
        fitted = fit(data, labelled_en & ~held, names, free)
        p = cm.prob(fitted.model, data)[held]
        y = data.y[held]
        out.append({"left out": dataset, "AUROC": round(auroc(y, p), 3) if 0 < y.sum() < len(y) else None,
                    "called low": round(float((p >= fitted.model.threshold).mean()), 3)})
        print(f"  lodo {dataset}: {out[-1]}", flush=True)
    return out


def run_variant(data: cm.CredSet, variant: str) -> dict:
    names = (*FEATURE_NAMES, *VARIANTS[variant])
    t0 = time.time()
    fitted = fit(data, data.train, names, variant in FREE)
    p = cm.prob(fitted.model, data)
    thr = fitted.model.threshold
    res = {"variant": variant, "names": list(names),
           "heldout": cm.heldout_rows(data, p, thr), "dutch": cm.dutch_rows(data, p, thr),
           "pairs": cm.pair_rows(data, p),
           "coef": {n: round(float(c), 4) for n, c in zip(fitted.model.feature_names, fitted.model.explain_coef,
                                                            strict=True)}}
    print(f"{variant}: held-out {res['heldout'][0]['AUROC']} dutch {res['dutch'][0]['called low']} "
          f"({time.time() - t0:.0f}s)", flush=True)
    res["lodo"] = lodo(data, names, one_class_too=variant == "shipped", free=variant in FREE)
    (OUT / f"{variant}.json").write_text(json.dumps(res, indent=1))
    return res


def summary_table() -> pd.DataFrame:
    rows = []
    for v in VARIANTS:
        f = OUT / f"{v}.json"
        if not f.exists():
            continue
        r = json.loads(f.read_text())
        row = {"variant": v, "held-out": r["heldout"][0]["AUROC"],
               **{f"LODO {x['left out']}": x["AUROC"] for x in r["lodo"] if x["AUROC"] is not None}}
        row["LODO >= 0.75"] = sum(x["AUROC"] >= 0.75 for x in r["lodo"] if x["AUROC"] is not None)
        row["Dutch low"] = r["dutch"][0]["called low"]
        pairs = [x["rewrite scores lower"] for x in r["pairs"]]
        row["pairs min"], row["pairs max"] = min(pairs), max(pairs)
        rows.append(row)
    return pd.DataFrame(rows).set_index("variant").T


def main(argv: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    if argv[:1] != ["--table"]:
        data = cm.load(n_jobs=1)
        extras, info = extra_columns(data.df)
        print(json.dumps(info, indent=1))
        names = list(extras.columns)
        data = cm.CredSet(data.df, np.column_stack([data.X, extras[names].to_numpy(float)]), [*data.names, *names])
        for v in argv or list(VARIANTS):
            run_variant(data, v)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(summary_table().to_string())


if __name__ == "__main__":
    main(sys.argv[1:])
