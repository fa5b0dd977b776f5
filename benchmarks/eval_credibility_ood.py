"""The credibility model's out-of-distribution gate: the figures that say whether the score works.

A held-out split of the training corpora is not evidence that the product works (the last model scored
AUROC 0.90 there and called real reports low-credibility and an AI summary credible). This prints, for the
shipped model (or a fresh fit with ``--refit``), beside a TF-IDF baseline from the same run:

- held-out English articles (20% of stories), overall and per dataset;
- leave one dataset out: refitted without a whole dataset, scored on it;
- Dutch human news (never trained on): the share called low credibility, per publisher;
- pairs: how often a machine rewrite (SheepDog sensational / emotional / objective / neutral, LLMFake
  information manipulation) scores below the human original it was made from (held-out stories);
- our own story sets (``data/stories``) and examples: the expected order original >= edition > aggregator
  copy > AI summary, and the AI summary without its machine furniture scoring higher than with it.

Usage: ``python benchmarks/eval_credibility_ood.py [--quick] [--refit]`` (``--quick`` skips the
leave-one-dataset-out refits and the baseline). Corpora are read from ``../shared/data``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credibility.models.card import make_table, render_table  # noqa: E402
from credibility.models.scorer import CREDIBILITY_MODEL_FILE, models_dir  # noqa: E402
from credibility.models.store import load_model  # noqa: E402
from experiments import credibility_model as cred  # noqa: E402
from experiments.story_sets import story_checks  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip leave-one-dataset-out and the baseline")
    parser.add_argument("--refit", action="store_true", help="fit the recipe afresh instead of loading the shipped model")
    args = parser.parse_args()
    t0 = time.time()
    data = cred.load()
    model = cred.fit(data, data.train).model if args.refit else load_model(models_dir() / CREDIBILITY_MODEL_FILE)
    print(f"# Credibility out-of-distribution gate ({'refitted' if args.refit else 'shipped'} model, "
          f"threshold {model.threshold:.3f})\n")
    result = cred.evaluate(data, model, baseline=not args.quick, lodo=not args.quick,
                           tick=lambda name: print(f"  leaving out {name} …", file=sys.stderr, flush=True))
    for table in result["tables"]:
        print("\n".join(render_table(table)))
    checks = story_checks()
    print("\n".join(render_table(make_table("Story sets and examples: expected order", checks))))
    failed = [c for c in checks if not c["holds"]]
    print(f"{len(checks) - len(failed)} of {len(checks)} story checks hold; {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
