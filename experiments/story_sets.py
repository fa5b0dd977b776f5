"""Our own story sets and examples, scored as a user would score them, and the order editors expect.

Each story folder in ``data/stories/`` holds versions named by their role: ``1_*`` the original report,
``2_*`` its edition in the other language, ``3_*`` an aggregator copy, ``4_*`` an AI summary; the AI
summary without its machine furniture (banner, question list, call to action, footer) is
``data/stories/counterfactual/<story>.md``. Expected: every original or edition scores above the
aggregator copy, the aggregator copy above the AI summary, and the counterfactual above the AI summary.
The bundled examples: ``well_sourced_*`` above ``aggregator_rewrite_en`` above ``ai_summary_*``.
"""

from __future__ import annotations

from pathlib import Path

from credibility.batch import item_report, load_scorer
from credibility.ingest import Source, read_source
from credibility.ingest.discover import discover

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "data" / "stories"
EXAMPLES = ROOT / "data" / "examples"


def credibility_of(path: Path) -> float:
    """The credibility score of one file, read and scored exactly as ``credibility score FILE`` does."""
    sources: list[Source] = discover([str(path)]).sources
    item = next(iter(read_source(sources[0])))
    report = item_report(item, load_scorer())
    if report.error or "credibility" not in report.scores:
        raise RuntimeError(f"{path}: not scored ({report.error or report.warnings})")
    return report.scores["credibility"].value


def story_scores(folder: Path) -> dict[str, float]:
    """Role (``original``, ``edition``, ``aggregator``, ``ai_summary``, ``counterfactual``) → score."""
    roles = {"1": "original", "2": "edition", "3": "aggregator", "4": "ai_summary"}
    out = {roles[p.name[0]]: credibility_of(p) for p in sorted(folder.glob("[1-4]_*.md"))}
    counterfactual = STORIES / "counterfactual" / f"{folder.name}.md"
    if counterfactual.exists():
        out["counterfactual"] = credibility_of(counterfactual)
    return out


def _check(name: str, scores: dict[str, float], higher: str, lower: str) -> dict | None:
    if higher not in scores or lower not in scores:
        return None
    return {"check": f"{name}: {higher} > {lower}", "scores": f"{scores[higher]:.1f} vs {scores[lower]:.1f}",
            "holds": scores[higher] > scores[lower]}


def story_checks() -> list[dict]:
    """Every expected ordering, with the two scores and whether it holds."""
    checks: list[dict | None] = []
    for folder in sorted(p for p in STORIES.iterdir() if p.is_dir() and any(p.glob("4_*.md"))):
        s = story_scores(folder)
        for first in ("original", "edition"):
            checks.append(_check(folder.name, s, first, "aggregator"))
        checks.append(_check(folder.name, s, "aggregator", "ai_summary"))
        checks.append(_check(folder.name, s, "counterfactual", "ai_summary"))
    examples = {p.stem: credibility_of(p) for p in sorted(EXAMPLES.glob("*.txt"))}
    checks.append(_check("examples", examples, "well_sourced_en", "aggregator_rewrite_en"))
    checks.append(_check("examples", examples, "aggregator_rewrite_en", "ai_summary_en"))
    checks.append(_check("examples", examples, "well_sourced_nl", "ai_summary_nl"))
    return [c for c in checks if c is not None]
