"""The shipped models as a scorer: ``score(doc, report)`` adds ``ai_generated`` and ``credibility``.

Models are loaded (and verified against their cards) once per process; scoring an article is a few
vector operations on the features the report already holds (``Report.features``: every registered
extractor's features). The AI model scores first; its probability is the one stacked input of the
credibility model and is added to ``Report.features`` as ``ai_generated.probability``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..document import Document, normalize_text
from ..lexicon import FUNCTION_WORDS_LIST
from ..paths import MODELS_ENV, models_dir
from ..report import Report, Score
from ..signals.boilerplate import is_ai_disclosure
from ..verdicts import AI_DECLARED_VERDICT, ai_verdict, card_ai_lines
from .bundle import TrainedModel
from .credibility_task import AI_PROBABILITY
from .explain import ArticleCounts, top_reasons
from .store import load_model
from .tasks import AI_GENERATED, CREDIBILITY

MODELS_DIR = models_dir()
AI_MODEL_FILE = AI_GENERATED.model_file
CREDIBILITY_MODEL_FILE = CREDIBILITY.model_file
MODELS_DIR_ENV = MODELS_ENV
TOP_REASONS = 5

_DECLARED_MAX_CHARS = 120  # a declaring banner is quoted up to this length
AI_EFFECT = ("points to human-written", "points to machine-written")
CREDIBILITY_EFFECT = ("raises credibility", "lowers credibility")


class ModelScorer:
    """Scores reports with an AI-text model and/or a credibility model (either may be None)."""

    def __init__(self, ai_model: TrainedModel | None, credibility_model: TrainedModel | None,
                 *, top_k: int = TOP_REASONS) -> None:
        self.ai_model = ai_model
        self.credibility_model = credibility_model
        self.top_k = top_k

    def score(self, doc: Document, report: Report) -> None:
        """Add ``ai_generated`` and ``credibility`` scores (with reasons) to ``report``."""
        self.score_many([doc], [report])

    def score_many(self, docs: Sequence[Document], reports: Sequence[Report]) -> None:
        """Score a batch in one vectorised pass per model."""
        if not reports:
            return
        texts = [doc.text for doc in docs]
        skips = [doc.resources.words(FUNCTION_WORDS_LIST) if doc.resources else frozenset() for doc in docs]
        if self.ai_model is not None:
            self._apply(self.ai_model, texts, skips, reports, AI_GENERATED.name)
        if self.credibility_model is not None:
            self._apply(self.credibility_model, texts, skips, reports, CREDIBILITY.name)

    def _apply(self, model: TrainedModel, texts: list[str], skips: list[frozenset[str]],
               reports: Sequence[Report], key: str) -> None:
        names = tuple(model.input_feature_names)
        raw = np.array([[r.features.get(n, np.nan) for n in names] for r in reports], dtype=np.float64)
        missing = np.isnan(raw)
        X = raw  # noqa: N806
        if missing.any():
            X = raw.copy()  # noqa: N806
            X[missing] = np.broadcast_to(model.mean[: len(names)], X.shape)[missing]  # missing → typical
        # The wording model (if any) vectorises the batch once: for its score and for its reasons' phrases.
        rows = model.wording.transform(texts) if model.wording is not None else None
        wording_scores = model.wording.decision_from_matrix(rows) if rows is not None else None
        X = model.columns(X, names, wording_scores=wording_scores)  # noqa: N806
        prob, contrib = model.contributions(X)
        possibly, min_words = card_ai_lines(model.metadata.get("thresholds"))
        for i, report in enumerate(reports):
            if missing[i].any():
                report.warnings.append(
                    f"{key} model: {int(missing[i].sum())} feature(s) unavailable, treated as typical"
                )
            caveat = language_caveat(model, report.lang)
            if caveat:
                report.warnings.append(f"{key} model: {caveat}")
            p = float(prob[i])
            if key == AI_GENERATED.name:
                report.features[AI_PROBABILITY] = p  # the credibility model's stacked input
                declared = ai_disclosure(report)
                report.scores[key] = Score(
                    model=model.name, value=round(p, 4),
                    verdict=AI_DECLARED_VERDICT if declared else ai_verdict(
                        p, model.threshold, possibly, report.word_count, min_words),
                    threshold=round(model.threshold, 4),
                    reasons=top_reasons(model, X[i], contrib[i], effect=AI_EFFECT, k=self.top_k,
                                        skip_terms=skips[i], wording_row=_row(rows, i), lang=report.lang),
                    declared=declared,
                )
            else:
                counts = ArticleCounts(report.sentence_count, report.word_count, ai_disclosure(report), report.lang)
                report.scores[key] = Score(
                    model=model.name, value=round(100.0 * (1.0 - p), 1),
                    verdict=CREDIBILITY.verdicts[int(p >= model.threshold)],
                    threshold=round(100.0 * (1.0 - model.threshold), 1),
                    reasons=top_reasons(model, X[i], contrib[i], effect=CREDIBILITY_EFFECT, k=self.top_k,
                                        sign=-1.0, skip_terms=skips[i], wording_row=_row(rows, i), counts=counts),
                )


def model_matrix(model: TrainedModel, X: np.ndarray, names: Sequence[str], texts: Sequence[str],  # noqa: N803
                 ai_model: TrainedModel | None = None) -> np.ndarray:
    """``model``'s columns for feature rows ``X`` (named ``names``) of raw article ``texts``, computed as
    :meth:`ModelScorer.score` computes them: the wording model reads the normalised text a Document holds,
    and the stacked AI probability comes from ``ai_model`` (the shipped one by default)."""
    names = list(names)
    normalised = [normalize_text(t) for t in texts]
    if AI_PROBABILITY in model.input_feature_names and AI_PROBABILITY not in names:
        ai_model = ai_model or _shipped_ai_model()
        p = ai_model.predict_proba(ai_model.columns(X, names, normalised))
        X, names = np.column_stack([X, p]), [*names, AI_PROBABILITY]  # noqa: N806
    return model.columns(X, names, normalised)


def _shipped_ai_model() -> TrainedModel:
    scorer = load_default_scorer()
    if scorer is None or scorer.ai_model is None:
        raise RuntimeError(f"this model stacks the AI model's probability: {AI_MODEL_FILE} is needed in {models_dir()}")
    return scorer.ai_model


def _row(matrix, i: int):
    return None if matrix is None else matrix[i]


def language_caveat(model: TrainedModel, lang: str | None) -> str | None:
    """What the model card says about how far the model is validated in ``lang`` (``language_validation``:
    language -> None when fully validated, or a caveat); a language the card does not list is unvalidated."""
    validation = model.metadata.get("language_validation")
    if not isinstance(validation, dict):
        return None
    if lang not in validation:
        return f"not validated for language '{lang}': treat the score as unvalidated"
    return validation[lang]


def ai_disclosure(report: Report) -> str | None:
    """The first line or sentence in which the text says AI made it (see signals.boilerplate), or None."""
    for span in report.spans_of(kind="ai_banner"):
        if is_ai_disclosure(span):
            text = " ".join(report.span_text(span).split())
            return text if len(text) <= _DECLARED_MAX_CHARS else text[: _DECLARED_MAX_CHARS - 1] + "…"
    return None


_CACHE: dict[tuple, ModelScorer | None] = {}


def load_default_scorer(directory: Path | str | None = None, *, trust_unverified: bool = False) -> ModelScorer | None:
    """The shipped models (verified against their cards), or None when neither model file exists.

    Loaded once per process and directory; a file that fails verification raises
    :class:`~credibility.models.store.ModelVerificationError` instead of being used.
    """
    base = Path(directory) if directory is not None else models_dir()
    paths = (base / AI_MODEL_FILE, base / CREDIBILITY_MODEL_FILE)
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else None for p in paths)
    key = (str(base.resolve()), trust_unverified, stamp)
    if key in _CACHE:
        return _CACHE[key]
    models = [load_model(p, trust_unverified=trust_unverified) if p.exists() else None for p in paths]
    scorer = None if all(m is None for m in models) else ModelScorer(models[0], models[1])
    _CACHE.clear()
    _CACHE[key] = scorer
    return scorer
