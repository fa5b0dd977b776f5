"""The contract every signal extractor follows: ``Document -> Signal``, registered by name.

An extractor declares its feature names next to its code (never discovered by running it) and returns
one value per declared name plus the evidence spans that produced them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..document import Document


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: ``Document.text[start:end]`` is what caused a signal; ``kind`` names the cue type."""

    start: int
    end: int
    kind: str
    reason: str
    signal: str = ""

    def as_dict(self, text: str | None = None) -> dict:
        out = {"start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason, "signal": self.signal}
        if text is not None:
            out["text"] = text[self.start : self.end]
        return out


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    features: Mapping[str, float]
    spans: tuple[Span, ...] = field(default=())


ExtractorFunc = Callable[[Document], Signal]


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    feature_names: tuple[str, ...]
    func: ExtractorFunc
    needs_lexicons: bool
    description: str
    # False: reported to the user but never a model input (e.g. obfuscation: the models score the cleaned
    # text, and no training corpus has obfuscated articles to learn what it means).
    model_input: bool = True

    def __call__(self, doc: Document) -> Signal:
        """Run the extractor and enforce its contract (declared names, finite values, valid spans)."""
        if self.needs_lexicons and not doc.supported:
            return Signal(self.name, dict.fromkeys(self.feature_names, 0.0), ())
        signal = self.func(doc)
        features = {}
        for feature in self.feature_names:
            value = float(signal.features.get(feature, 0.0))
            features[feature] = value if math.isfinite(value) else 0.0
        unknown = set(signal.features) - set(self.feature_names)
        if unknown:
            raise RuntimeError(f"extractor {self.name!r} returned undeclared features: {sorted(unknown)}")
        n = len(doc.text)
        spans = tuple(
            Span(s.start, s.end, s.kind, s.reason, self.name)
            for s in signal.spans
            if 0 <= s.start < s.end <= n
        )
        return Signal(self.name, features, spans)


EXTRACTORS: dict[str, Extractor] = {}


def register(
    name: str, feature_names: tuple[str, ...] | list[str], *, needs_lexicons: bool = True, model_input: bool = True
) -> Callable[[ExtractorFunc], ExtractorFunc]:
    """Register ``func`` as the extractor called ``name`` producing ``feature_names``; ``model_input=False``
    keeps its features out of every model's feature matrix (they are still in ``Report.features``)."""

    def decorator(func: ExtractorFunc) -> ExtractorFunc:
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} registered twice")
        EXTRACTORS[name] = Extractor(
            name, tuple(feature_names), func, needs_lexicons, (func.__doc__ or "").strip().split("\n")[0],
            model_input,
        )
        return func

    return decorator


def rate_per_100_words(count: float, doc: Document) -> float:
    return 100.0 * count / doc.word_count if doc.word_count else 0.0


def share(count: float, total: float) -> float:
    return count / total if total else 0.0
