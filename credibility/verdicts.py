"""The verdict words the models' scores are reported with (light: the writers and the dashboard use them
without loading scikit-learn)."""

from __future__ import annotations

# Below 0.5; from 0.5 up to the stored threshold (machine-like, but human news scores there too: about 7%
# of English human news does); at or above the threshold (set for 1% false positives on human news).
AI_VERDICTS = ("likely human-written", "possibly machine-written", "likely machine-written")
# The text says AI made it (a banner such as "Summarized by … AI"): stated, not inferred.
AI_DECLARED_VERDICT = "declared machine-written"
CREDIBILITY_VERDICTS = ("likely credible", "low credibility")


def ai_verdict(probability: float, threshold: float) -> str:
    """The AI verdict from the model alone: flagged only at the stored threshold; 'possibly' between 0.5 and it."""
    if probability >= threshold:
        return AI_VERDICTS[2]
    return AI_VERDICTS[1] if probability >= 0.5 else AI_VERDICTS[0]
