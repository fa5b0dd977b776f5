"""Start-up cost of `credibility` against `python -c "import sklearn, pandas"` (issue #16 item 6).

Run from the project root::

    python benchmarks/bench_startup.py                 # 5 alternating rounds
    python benchmarks/bench_startup.py --rounds 7 --dashboard
    python benchmarks/bench_startup.py --before /tmp/old_tree   # also an export of older code, same rounds
    python benchmarks/bench_startup.py --laps          # where a one-article run's CPU time goes, in-process

Each round runs every command once, one after the other, so a busy machine (the project's VM is shared)
slows all of them alike; the table gives each command's CPU seconds (user + system of the child, from
``getrusage``) per round and its ratio to the baseline *of the same round*, then the medians. CPU time,
not wall time: waiting for a core on a loaded machine is not start-up cost. The load average is printed
before and after.

Commands:
- ``baseline``: ``python -c "import sklearn, pandas"`` (the issue's yardstick);
- ``score``: ``credibility score data/examples/well_sourced_en.txt -q`` (both shipped models, one article);
- ``dashboard`` (with ``--dashboard``): the Streamlit app's first run, headless, in Streamlit's own
  ``AppTest`` (imports, model loading and the first render of the landing page, no browser); the process
  ends right after, so of the warm-up the app starts in the background after that page, only what ran
  before the exit is counted;
- ``dashboard + warm-up`` (with ``--dashboard``): the same, waiting for that warm-up to finish (every
  table, lexicon and module the first English or Dutch analysis needs): the whole start of a server.

``score`` runs ``python -m credibility.cli`` from the project root (the console script does the same);
with ``--before TREE`` the same commands run from ``TREE`` too (``git archive COMMIT | tar -x -C TREE``),
whose ``credibility`` package is then the one imported, so old and new code alternate in every round.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "examples" / "well_sourced_en.txt"
APP = ROOT / "dashboard" / "app.py"
DASHBOARD_FIRST_RUN = (
    "from streamlit.testing.v1 import AppTest\n"
    f"app = AppTest.from_file({str(APP)!r}, default_timeout=600).run()\n"
    "assert not app.exception, app.exception\n"
)
# The same, then waiting for the warm-up the app starts in the background after its first page (English
# and Dutch tables, lexicons, Altair), so the whole of a server's start is counted.
DASHBOARD_WITH_WARM_UP = DASHBOARD_FIRST_RUN + (
    "from credibility.dashboard_app import services\n"
    "getattr(services, 'wait_for_warm_up', lambda: None)()\n"
)


def commands(dashboard: bool, before: Path | None) -> dict[str, tuple[list[str], Path]]:
    """The commands compared, by name, with the folder each runs in (the first is the baseline)."""
    found = {"baseline": ([sys.executable, "-c", "import sklearn, pandas"], ROOT)}
    for suffix, tree in [("", ROOT)] + ([(" (before)", before)] if before else []):
        found[f"score{suffix}"] = (
            [sys.executable, "-m", "credibility.cli", "score", str(ARTICLE.relative_to(ROOT)), "-q"], tree)
        if dashboard:
            app = tree / "dashboard" / "app.py"
            found[f"dashboard{suffix}"] = ([sys.executable, "-c", DASHBOARD_FIRST_RUN.replace(str(APP), str(app))],
                                           tree)
            if suffix == "":  # the code before the background warm-up warmed up before its first page
                found["dashboard + warm-up"] = ([sys.executable, "-c", DASHBOARD_WITH_WARM_UP], tree)
    return found


def cpu_seconds(command: list[str], cwd: Path = ROOT) -> float:
    """User + system CPU seconds of one run of ``command`` (and of any process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


LAPS = """\
import sys, time
def lap(name, last=[0.0]):
    now = time.process_time()
    print(f"| {name} | {now - last[0]:.2f} |")
    last[0] = now
print("| step (in order) | CPU s |\\n|---|---|")
lap("interpreter start")
import sklearn, pandas; lap("import sklearn, pandas")
import credibility.cli_score; lap("credibility's modules (with sklearn's text module, py3langid)")
from credibility.batch import load_scorer
scorer = load_scorer(); lap("both models (batch.load_scorer)")
from credibility.language import _identifier
_identifier(); lap("py3langid's model (language_model.py: user cache, memory-mapped)")
from credibility.word_frequencies import frequency_table
frequency_table("en"); lap("wordfreq's English table (word_frequencies.py, without importing wordfreq)")
from credibility.offline_textstat import _pyphen, cmu_syllables
cmu_syllables(); lap("CMU syllable table (offline_textstat.py)")
_pyphen("en_US"); lap("Pyphen's English patterns (offline_textstat.py)")
from credibility.document import build_document
doc = build_document(open(sys.argv[1], encoding="utf-8").read())
from credibility.signals import EXTRACTORS
EXTRACTORS["claims"](doc); lap("parse + claim detector's vocabulary and first call")
from credibility.analysis import analyze_document
analyze_document(doc, scorer); lap("every extractor and both models on the article")
"""


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dashboard", action="store_true", help="also time the dashboard's first run")
    parser.add_argument("--before", type=Path, help="a source tree of older code to run the same commands from")
    parser.add_argument("--laps", action="store_true", help="only the in-process laps of a one-article run")
    args = parser.parse_args()
    if args.laps:
        print(f"load average at start: {load()}")
        subprocess.run([sys.executable, "-c", LAPS, str(ARTICLE)], cwd=ROOT, check=True)
        print(f"load average at end: {load()}")
        return
    runs = commands(args.dashboard, args.before.resolve() if args.before else None)
    names = list(runs)
    print(f"load average at start: {load()}")
    for name, (command, cwd) in runs.items():
        shown = command if "dashboard" not in name else [*command[:2], f"<AppTest first run of dashboard/app.py{' + warm-up' if 'warm' in name else ''}>"]
        where = "" if cwd == ROOT else f" (in {cwd})"
        print(f"- {name}: `{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(shown))}`{where}")
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.rounds):
        for name in names:
            times[name].append(cpu_seconds(*runs[name]))
    print()
    print("| round | " + " | ".join(f"{n} CPU s" for n in names) + " | "
          + " | ".join(f"{n} ÷ baseline" for n in names[1:]) + " |")
    print("|---" * (2 * len(names)) + "|")
    for i in range(args.rounds):
        base = times["baseline"][i]
        cells = [f"{times[n][i]:.2f}" for n in names] + [f"{times[n][i] / base:.2f}" for n in names[1:]]
        print(f"| {i + 1} | " + " | ".join(cells) + " |")
    medians = {n: statistics.median(times[n]) for n in names}
    ratios = [statistics.median(t / b for t, b in zip(times[n], times["baseline"], strict=True))
              for n in names[1:]]
    print("| median | " + " | ".join(f"{medians[n]:.2f}" for n in names) + " | "
          + " | ".join(f"**{r:.2f}**" for r in ratios) + " |")
    print(f"\nload average at end: {load()}")


if __name__ == "__main__":
    main()
