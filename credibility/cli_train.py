"""`credibility train` and `credibility evaluate`: fit a model on a labelled table, or measure one.

The table (CSV, TSV, JSONL or Parquet) is read by ``credibility.models.labeled_data`` through the reader
``credibility score`` uses: same encodings, same row numbers in messages.

Training is ``credibility.models.trainer.train`` (the dashboard and the shipping script use it too): it
compares a linear model and gradient-boosted trees by grouped cross-validation, keeps the better,
calibrates it, sets the threshold for a target false-positive rate and builds the card; the model is written
with its card atomically (an interrupted run leaves any existing model as it was).
"""

from __future__ import annotations

import math
from pathlib import Path

import click
import numpy as np
from tqdm import tqdm

from .models.features import featurize_texts
from .models.labeled_data import LabeledData, LabeledDataError, read_labeled
from .models.metrics import binary_metrics
from .models.model_card import card_from_dict
from .models.split import data_fingerprint
from .models.tasks import CUSTOM, TASK_NAMES, task_for_classes, task_named
from .models.training import CANDIDATES

_csv_options = [
    click.argument("csv_path", metavar="LABELED", type=click.Path(dir_okay=False, path_type=Path)),
    click.option("--text-col", default="text", show_default=True,
                 help="Column (or JSON field) holding the article text."),
    click.option("--label-col", default="label", show_default=True,
                 help="Column (or JSON field) holding the class label."),
    click.option("--title-col", default=None, help="Optional column holding the title."),
    click.option("--group-col", default=None,
                 help="Optional column grouping rows that must stay on one side of a split (same story/source)."),
]


def csv_options(func):
    for option in reversed(_csv_options):
        func = option(func)
    return func


def _featurize(data: LabeledData, n_jobs: int, no_cache: bool) -> tuple[np.ndarray, list[str]]:
    with tqdm(total=len(data.texts), desc="features", unit="text", leave=False) as bar:
        return featurize_texts(data.texts, data.titles, None, n_jobs=n_jobs, cache=not no_cache, progress=bar.update)


def _print_metrics(m: dict, heading: str) -> None:
    def f(x: float) -> str:
        return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"

    click.echo(heading)
    click.echo(f"  rows: {m['n']} ({m['n_positive']} positive, {m['n_negative']} negative)")
    click.echo(f"  AUROC: {f(m['auroc'])}")
    click.echo(f"  F1 at threshold {m['threshold']:.3f}: {f(m['f1'])}   accuracy: {f(m['accuracy'])}")
    click.echo(f"  TPR at {m['target_fpr']:.0%} FPR: {f(m['tpr_at_fpr'])}")
    click.echo(f"  FPR at threshold: {f(m['fpr_at_threshold'])}   TPR at threshold: {f(m['tpr_at_threshold'])}")
    click.echo(f"  calibration: Brier {f(m['brier'])}, expected calibration error {f(m['ece'])}")


def _check_out_path(out_path: Path, csv_path: Path) -> None:
    """Never overwrite the training data or a file that is not a model (before any work is done)."""
    from .models.store import MODEL_SUFFIX, card_path

    if out_path.exists() and csv_path.exists() and out_path.samefile(csv_path):
        raise click.UsageError(f"--out {out_path} is the training data itself; choose another file name")
    if out_path.suffix != MODEL_SUFFIX:
        raise click.UsageError(f"--out {out_path}: model files end in {MODEL_SUFFIX} (NumPy archives of plain "
                               "arrays, which cannot run code when loaded)")
    if not out_path.exists():
        return
    if not out_path.is_file() or not card_path(out_path).exists():
        raise click.UsageError(
            f"--out {out_path} exists and is not a model file (no {card_path(out_path).name} beside it); "
            "choose another name, or remove it first"
        )


@click.command("train")
@csv_options
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("model.npz"),
              show_default=True, help="Model file to write (its .card.json and .md are written beside it).")
@click.option("--positive", default=None, help="Label of the positive class (default: guessed, e.g. 'machine').")
@click.option("--name", default=None, help="Model name (default: the output file's stem).")
@click.option("--task", type=click.Choice([*TASK_NAMES, CUSTOM]), default=None,
              help="The question the model answers, recorded in its card (so `score --model` can use it); "
                   "default: the task whose negative and positive classes the labels are, else custom.")
@click.option("--target-fpr", type=click.FloatRange(0.0, 0.5), default=0.01, show_default=True,
              help="False-positive rate the decision threshold is set for.")
@click.option("--balanced", is_flag=True,
              help="Decide at P = 0.5 instead (both kinds of error equally costly); --target-fpr is then "
                   "ignored. The shipped credibility model's line is at 8% of credible news.")
@click.option("--folds", "n_splits", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--model", "kinds", type=click.Choice([*CANDIDATES, "all", "both"]), default="all", show_default=True,
              help="Model family to fit, or all to compare them and keep the best ('both' is an old alias).")
@click.option("--wording/--no-wording", default=True, show_default=True,
              help="Stack a TF-IDF wording model in as one more feature (its reasons name the phrases).")
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True, help="Featurisation processes.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the feature cache in artifacts/.")
def train_command(csv_path: Path, text_col: str, label_col: str, title_col: str | None, group_col: str | None,
                  out_path: Path, positive: str | None, name: str | None, task: str | None, target_fpr: float,
                  balanced: bool, n_splits: int, seed: int, kinds: str, wording: bool, jobs: int,
                  no_cache: bool) -> None:
    """Train a model on LABELED (a .csv, .tsv, .jsonl or .parquet table with two classes) and write it
    with its model card."""
    from .models.store import save_model
    from .models.trainer import TrainOptions, TrainProgress, train

    _check_out_path(out_path, csv_path)
    try:
        data = read_labeled(csv_path, text_col=text_col, label_col=label_col, title_col=title_col,
                                group_col=group_col, positive=positive)
    except LabeledDataError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in data.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{csv_path.name}: {len(data.texts)} rows; classes {data.classes[0]!r} (0) and {data.classes[1]!r} (1)")
    spec = task_named(task) if task else task_for_classes(data.classes)
    if spec is not None and data.classes != spec.classes:
        click.echo(f"warning: the {spec.name} question reads P({spec.positive}) against {spec.negative}; this "
                   f"model's score is P({data.classes[1]}) against {data.classes[0]}", err=True)
    click.echo(f"task: {spec.name if spec else CUSTOM}")
    candidates = CANDIDATES if kinds in ("all", "both") else (kinds,)
    options = TrainOptions(candidates=candidates, n_splits=n_splits, seed=seed,
                           target_fpr=None if balanced else target_fpr, wording=wording, n_jobs=jobs,
                           cache=not no_cache, source=csv_path.name,
                           description=f"Trained with `credibility train` on {csv_path.name}.")
    with tqdm(total=len(data.texts), desc="features", unit="text", leave=False) as features_bar, \
            tqdm(total=n_splits * len(candidates), desc="cross-validation", unit="fold", leave=False) as bar:
        trained = train(data, spec, options, name=name or out_path.stem,
                        progress=TrainProgress(featurised=features_bar.update, fold=lambda: bar.update(1)))
    fitted = trained.fitted
    for kind, score in fitted.candidate_scores.items():
        click.echo(f"  {kind}: cross-validated AUROC {score:.3f}")
    click.echo(f"kept: {fitted.model.kind}")
    _print_metrics(fitted.oof_metrics, f"cross-validated metrics ({n_splits}-fold, grouped; out-of-fold):")
    model = trained.model
    save_model(model, out_path)
    how = "balanced: P = 0.5" if balanced else f"for {target_fpr:.0%} FPR"
    click.echo(f"wrote {out_path} (threshold {model.threshold:.3f}, {how})")


@click.command("evaluate")
@csv_options
@click.option("--model", "model_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Model file (e.g. models/ai_generated.npz).")
@click.option("--trust-model", is_flag=True, help="Load the model even if it does not match its card (it cannot run code; the card records what was evaluated).")
@click.option("--plots", "plots_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for roc.png and reliability.png.")
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option("--no-cache", is_flag=True)
def evaluate_command(csv_path: Path, text_col: str, label_col: str, title_col: str | None, group_col: str | None,
                     model_path: Path, trust_model: bool, plots_dir: Path, jobs: int, no_cache: bool) -> None:
    """Measure a model on LABELED (a .csv, .tsv, .jsonl or .parquet table): metrics at its stored
    threshold, ROC and reliability plots."""
    from .models.plots import reliability_png, roc_png
    from .models.store import ModelVerificationError, load_model

    try:
        model = load_model(model_path, trust_unverified=trust_model)
    except (ModelVerificationError, FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    classes = tuple(model.classes)
    try:
        data = read_labeled(csv_path, text_col=text_col, label_col=label_col, title_col=title_col,
                                group_col=group_col, min_per_class=1, classes=classes)
    except LabeledDataError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in data.warnings:
        click.echo(f"warning: {warning}", err=True)
    training_data = card_from_dict(model.metadata).training_data
    trained_on = training_data.fingerprint if training_data else None
    if trained_on and trained_on == data_fingerprint(data.texts, data.labels):
        click.echo(f"warning: {csv_path.name} is the data {model.name!r} was trained on: these figures are not "
                   "held-out and overstate how it does on new articles", err=True)
    X, names = _featurize(data, jobs, no_cache)  # noqa: N806
    computed = set(names)
    missing = [n for n in model.input_feature_names if n not in computed]
    if missing:
        click.echo(f"warning: {len(missing)} model feature(s) no longer computed, treated as typical: "
                   f"{', '.join(missing[:5])}", err=True)
    prob = model.predict_proba(model.columns(X, names, data.texts))
    metrics = binary_metrics(data.y, prob, model.threshold, model.target_fpr or 0.01)
    _print_metrics(metrics, f"{model.name} on {csv_path.name} (positive class {classes[1]!r}):")
    title = f"{model.name} on {csv_path.name}"
    if len(np.unique(data.y)) == 2:
        roc = roc_png(data.y, prob, plots_dir / "roc.png", title=title, threshold=model.threshold)
        click.echo(f"wrote {roc}")
    else:
        click.echo("only one class present: no ROC curve", err=True)
    rel = reliability_png(data.y, prob, plots_dir / "reliability.png", title=title)
    click.echo(f"wrote {rel}")
