"""The shipped models as a scorer: ``score(doc, report)`` adds ``ai_generated`` and ``credibility``.

Models are loaded (and verified against their cards) once per process; scoring an article is a few
vector operations on the features the report already holds, plus the surface features.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..document import Document
from ..lexicon import FUNCTION_WORDS_LIST
from ..report import Report, Score
from ..signals.boilerplate import is_ai_disclosure
from ..verdicts import AI_DECLARED_VERDICT, CREDIBILITY_VERDICTS, ai_verdict
from .bundle import TrainedModel
from .explain import top_reasons
from .store import load_model
from .surface import surface_features

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
AI_MODEL_FILE = "ai_generated.joblib"
CREDIBILITY_MODEL_FILE = "credibility.joblib"
MODELS_DIR_ENV = "CREDIBILITY_MODELS_DIR"
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
        values = [self._values(doc, report) for doc, report in zip(docs, reports, strict=True)]
        texts = [doc.text for doc in docs]
        skips = [doc.resources.words(FUNCTION_WORDS_LIST) if doc.resources else frozenset() for doc in docs]
        matrices: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}  # both models usually share columns
        if self.ai_model is not None:
            self._apply(self.ai_model, values, texts, skips, reports, "ai_generated", matrices)
        if self.credibility_model is not None:
            self._apply(self.credibility_model, values, texts, skips, reports, "credibility", matrices)

    def _values(self, doc: Document, report: Report) -> dict[str, float]:
        values = dict(report.features)
        values.update(surface_features(doc))
        return values

    def _apply(self, model: TrainedModel, values: list[dict[str, float]], texts: list[str],
               skips: list[frozenset[str]], reports: Sequence[Report], key: str, matrices: dict) -> None:
        names = tuple(model.input_feature_names)
        if names not in matrices:
            raw = np.array([[v.get(n, np.nan) for n in names] for v in values], dtype=np.float64)
            matrices[names] = (raw, np.isnan(raw))
        raw, missing = matrices[names]
        X = raw  # noqa: N806
        if missing.any():
            X = raw.copy()  # noqa: N806
            X[missing] = np.broadcast_to(model.mean[: len(names)], X.shape)[missing]  # missing → typical
        # The wording model (if any) vectorises the batch once: for its score and for its reasons' phrases.
        rows = model.wording.transform(texts) if model.wording is not None else None
        wording_scores = model.wording.decision_from_matrix(rows) if rows is not None else None
        X = model.columns(X, names, wording_scores=wording_scores)  # noqa: N806
        prob, contrib = model.contributions(X)
        for i, report in enumerate(reports):
            if missing[i].any():
                report.warnings.append(
                    f"{key} model: {int(missing[i].sum())} feature(s) unavailable, treated as typical"
                )
            p = float(prob[i])
            if key == "ai_generated":
                declared = ai_disclosure(report)
                report.scores[key] = Score(
                    model=model.name, value=round(p, 4),
                    verdict=AI_DECLARED_VERDICT if declared else ai_verdict(p, model.threshold),
                    threshold=round(model.threshold, 4),
                    reasons=top_reasons(model, X[i], contrib[i], effect=AI_EFFECT, k=self.top_k,
                                        skip_terms=skips[i], wording_row=_row(rows, i)),
                    declared=declared,
                )
            else:
                report.scores[key] = Score(
                    model=model.name, value=round(100.0 * (1.0 - p), 1),
                    verdict=CREDIBILITY_VERDICTS[int(p >= model.threshold)],
                    threshold=round(100.0 * (1.0 - model.threshold), 1),
                    reasons=top_reasons(model, X[i], contrib[i], effect=CREDIBILITY_EFFECT, k=self.top_k,
                                        sign=-1.0, skip_terms=skips[i], wording_row=_row(rows, i)),
                )


def _row(matrix, i: int):
    return None if matrix is None else matrix[i]


def ai_disclosure(report: Report) -> str | None:
    """The first line or sentence in which the text says AI made it (see signals.boilerplate), or None."""
    for span in report.spans_of(kind="ai_banner"):
        if is_ai_disclosure(span):
            text = " ".join(report.span_text(span).split())
            return text if len(text) <= _DECLARED_MAX_CHARS else text[: _DECLARED_MAX_CHARS - 1] + "…"
    return None


_CACHE: dict[tuple, ModelScorer | None] = {}


def models_dir() -> Path:
    env = os.environ.get(MODELS_DIR_ENV)
    return Path(env) if env else MODELS_DIR


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
