"""The verdict words the models' scores are reported with (light: the writers and the dashboard use them
without loading scikit-learn)."""

from __future__ import annotations

from .models.model_card import POSSIBLY, card_from_dict

# Below the card's 'possibly' line (set for 5% false positives on human news; p = 0.5 for older cards);
# from it up to the stored threshold (machine-like, but 1 in 20 human news articles scores there too); at or
# above the threshold (set so that no human genre has more than 1% false positives).
AI_VERDICTS = ("likely human-written", "possibly machine-written", "likely machine-written")
# Under the card's minimum length the rates and ratios the model reads are noise: the score is shown, no verdict.
AI_TOO_SHORT_VERDICT = "too short to tell"
LEGACY_POSSIBLY = 0.5
# The text says AI made it (a banner such as "Summarized by … AI"): stated, not inferred.
AI_DECLARED_VERDICT = "declared machine-written"
CREDIBILITY_VERDICTS = ("likely credible", "low credibility")


def ai_verdict(probability: float, threshold: float, possibly: float = LEGACY_POSSIBLY,
               words: int | None = None, min_words: int = 0) -> str:
    """The AI verdict from the model alone: flagged only at the stored ``threshold``; 'possibly' from the
    ``possibly`` line up to it; none for a text of fewer than ``min_words`` words."""
    if words is not None and words < min_words:
        return AI_TOO_SHORT_VERDICT
    if probability >= threshold:
        return AI_VERDICTS[2]
    return AI_VERDICTS[1] if probability >= min(possibly, threshold) else AI_VERDICTS[0]


def card_ai_lines(thresholds: object) -> tuple[float, int]:
    """The 'possibly' probability and the minimum words for a verdict from a card's ``thresholds`` entry
    (p = 0.5 and no minimum when the card predates them or holds something else), read by the card reader."""
    card = card_from_dict({"thresholds": thresholds})
    line = card.thresholds.get(POSSIBLY)
    return (line.probability if line is not None else LEGACY_POSSIBLY), card.min_words
